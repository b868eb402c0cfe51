// LEGACY (delete once wasm/bindings use operation.h): the UpdateAccessKey
// member names as the bindings' updateAccessKeyMembers() lists them, now a
// view of the generated model (iam/model.h), not a definition of its own.
#pragma once
#include <cstddef>
#include <string_view>

namespace keyflip::iam {

struct MemberShape {
  std::string_view name;  // "AccessKeyId", as sent on the wire
  bool required;
};

struct OperationShape {
  std::string_view operation;  // "UpdateAccessKey"
  std::string_view version;    // "2010-05-08"
  const MemberShape* members;  // in serialization order
  std::size_t member_count;
};

const OperationShape& update_access_key_shape();

}  // namespace keyflip::iam
