// LEGACY: the UpdateAccessKey-only entry points the bindings call today
// (shape.h, input.h, validate.h, request.h), as thin adapters over the
// generic operation API. Delete this file with them once wasm/bindings use
// operation.h.
#include <vector>

#include "iam/input.h"
#include "iam/operation.h"
#include "iam/shape.h"
#include "iam/validate.h"

namespace keyflip::iam {

namespace {

const Operation& update_access_key() {
  static const Operation& op = *find_operation("UpdateAccessKey");
  return op;
}

}  // namespace

Value to_params(const UpdateAccessKeyInput& input) {
  Value params = Value::map();
  const std::pair<const char*, const Field*> fields[] = {
      {"UserName", &input.user_name}, {"AccessKeyId", &input.access_key_id}, {"Status", &input.status}};
  for (const auto& [name, field] : fields)
    if (field->present) params.set(name, Value::of_string(field->value));
  return params;
}

const OperationShape& update_access_key_shape() {
  static const std::vector<MemberShape> members = [] {
    std::vector<MemberShape> out;
    const Shape& input = *update_access_key().input;
    for (std::size_t i = 0; i < input.member_count; ++i)
      out.push_back({input.members[i].name, input.members[i].required});
    return out;
  }();
  static const OperationShape shape{update_access_key().name, update_access_key().version,
                                    members.data(), members.size()};
  return shape;
}

util::Issues validate_update_access_key(const UpdateAccessKeyInput& input) {
  return validate_params(update_access_key(), to_params(input));
}

BuiltRequest build_update_access_key(const UpdateAccessKeyInput& input,
                                     const EndpointConfig& endpoint,
                                     const SigningContext& signing) {
  return build_request(update_access_key(), to_params(input), endpoint, signing);
}

BuiltRequest presign_update_access_key(const UpdateAccessKeyInput& input,
                                       const EndpointConfig& endpoint,
                                       const SigningContext& signing, std::int64_t expires_in) {
  return presign_request(update_access_key(), to_params(input), endpoint, signing, expires_in);
}

}  // namespace keyflip::iam
