// query_params: an operation's params as the AWS Query protocol writes them,
// following botocore's QuerySerializer (botocore/serialize.py): structures
// as A.B, lists as A.member.N from 1 (or the member's locationName; flattened
// lists repeat A.N), an empty list as "A=", booleans true/false, integers in
// decimal, timestamps ISO 8601. Members in the input shape's order.
#include <cmath>

#include "query/model.h"
#include "query/operation.h"
#include "util/amz_date.h"

namespace keyflip::query {

namespace {

std::string joined(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

// Values of the wrong kind are skipped: call after validate_params.
void serialize(const Shape& shape, const Value& v, const std::string& prefix,
               std::vector<QueryParam>& out) {
  switch (shape.type) {
    case ShapeType::String:
      if (v.kind == Value::Kind::String) out.emplace_back(prefix, v.text);
      return;
    case ShapeType::Integer:
      if (v.kind == Value::Kind::Number && std::isfinite(v.number))
        out.emplace_back(prefix, std::to_string(static_cast<std::int64_t>(v.number)));
      return;
    case ShapeType::Boolean:
      if (v.kind == Value::Kind::Bool) out.emplace_back(prefix, v.boolean ? "true" : "false");
      return;
    case ShapeType::Timestamp:
      if (v.kind == Value::Kind::Timestamp)
        if (const auto text = util::format_iso8601(v.number)) out.emplace_back(prefix, *text);
      return;
    case ShapeType::Blob:  // output only: the generator refuses an input blob
      return;
    case ShapeType::Structure:
      if (v.kind != Value::Kind::Map) return;
      for (std::size_t i = 0; i < shape.member_count; ++i) {
        const Member& member = shape.members[i];
        const Value* item = v.find(member.name);
        if (item && !item->is_null()) serialize(*member.shape, *item, joined(prefix, member.xml_name), out);
      }
      return;
    case ShapeType::List: {
      if (v.kind != Value::Kind::List) return;
      if (v.items.empty()) {  // botocore: "The query protocol serializes empty lists."
        out.emplace_back(prefix, "");
        return;
      }
      std::string list_prefix;
      if (!shape.flattened) {
        list_prefix = prefix + "." + std::string(list_item_name(shape));
      } else if (!shape.list_member_name.empty()) {
        // A flattened list with a member name replaces the last segment.
        const auto dot = prefix.rfind('.');
        list_prefix = joined(dot == std::string::npos ? "" : prefix.substr(0, dot), shape.list_member_name);
      } else {
        list_prefix = prefix;
      }
      for (std::size_t i = 0; i < v.items.size(); ++i)
        serialize(*shape.list_member, v.items[i], list_prefix + "." + std::to_string(i + 1), out);
      return;
    }
  }
}

}  // namespace

std::vector<QueryParam> query_params(const Operation& op, const Value& params) {
  std::vector<QueryParam> out;
  out.emplace_back("Action", std::string(op.name));
  out.emplace_back("Version", std::string(op.version));
  if (op.input && params.kind == Value::Kind::Map) serialize(*op.input, params, "", out);
  return out;
}

}  // namespace keyflip::query
