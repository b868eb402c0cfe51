// LEGACY (delete once wasm/bindings use operation.h): validate_params for
// UpdateAccessKey's fixed input struct. Messages are validate_params's.
#pragma once
#include "iam/input.h"
#include "util/issues.h"

namespace keyflip::iam {

util::Issues validate_update_access_key(const UpdateAccessKeyInput& input);

}  // namespace keyflip::iam
