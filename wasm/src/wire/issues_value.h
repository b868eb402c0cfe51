// Validation issues as they cross the boundary: a list of { field, rule,
// message }, the one shape every call's "issues" has (the bindings' and the
// flows' packed calls alike).
#pragma once
#include "query/value.h"
#include "util/issues.h"

namespace keyflip::wire {

inline query::Value issues_value(const util::Issues& issues) {
  query::Value list = query::Value::list();
  for (const auto& issue : issues) {
    query::Value item = query::Value::map();
    item.set("field", query::Value::of_string(issue.field));
    item.set("rule", query::Value::of_string(issue.rule));
    item.set("message", query::Value::of_string(issue.message));
    list.items.push_back(std::move(item));
  }
  return list;
}

}  // namespace keyflip::wire
