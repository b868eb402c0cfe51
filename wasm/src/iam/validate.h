// Checks an UpdateAccessKey input against the shape's rules (required,
// minLength, maxLength, pattern, enum) and reports every failure, so a user
// fixes all of them in one go. Issue fields are the member names
// ("AccessKeyId"); messages read like
//   AccessKeyId: length 12 is below the minimum 16
//   UserName: character ' ' at position 3 is not allowed (allowed: ASCII letters, digits and _+=,.@-)
// Lengths and positions count characters (code points), positions from 0
// (as JavaScript indexes strings). Invalid UTF-8 breaks the pattern rule.
#pragma once
#include "iam/input.h"
#include "util/issues.h"

namespace keyflip::iam {

util::Issues validate_update_access_key(const UpdateAccessKeyInput& input);

}  // namespace keyflip::iam
