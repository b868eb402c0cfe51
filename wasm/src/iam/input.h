// LEGACY (delete once wasm/bindings use operation.h): UpdateAccessKey's
// parameters as the bindings pass them today, each a string plus whether it
// was given. to_params() turns them into the generic value tree.
#pragma once
#include <string>

#include "iam/value.h"

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

// A Map of the present fields, keyed by the model's member names.
Value to_params(const UpdateAccessKeyInput& input);

}  // namespace keyflip::iam
