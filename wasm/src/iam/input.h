// What a caller asks UpdateAccessKey to do. Every member arrives as a string
// plus whether it was given at all: the JS layer passes strings only (and
// reports non-string values itself), and "absent" differs from "empty".
#pragma once
#include <string>
#include <string_view>

namespace keyflip::iam {

struct Field {
  bool present = false;
  std::string value;  // UTF-8
};

struct UpdateAccessKeyInput {
  Field user_name;      // UserName (optional: defaults to the signing user)
  Field access_key_id;  // AccessKeyId
  Field status;         // Status: "Active" or "Inactive"
};

// The input field behind a shape member name ("AccessKeyId"); nullptr for a
// name the struct does not hold. Validation and serialization walk the shape
// and use this, so the rules stay in the shape JSON.
const Field* member_field(const UpdateAccessKeyInput& input, std::string_view member_name);

}  // namespace keyflip::iam
