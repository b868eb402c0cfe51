// The test-only tables generated from model/test-service-2.json.
#pragma once
#include <cstdlib>
#include <string_view>

#include "query/model.h"

namespace keyflip::query::test_model {
OperationTable operations();

inline const Operation& operation(std::string_view name) {
  for (const Operation* op : operations())
    if (op->name == name) return *op;
  std::abort();
}
}  // namespace keyflip::query::test_model
