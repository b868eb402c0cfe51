// A user's access keys as the flows read them: checks on a listing (an
// answer is untrusted input) and lookup by ID.
#pragma once
#include <string>
#include <vector>

#include "flows/rotation.h"
#include "util/issues.h"

namespace keyflip::flows {

// Each key has an ID, no ID appears twice; issues name keys[i].
void check_keys(util::Issues& issues, const std::vector<AccessKey>& keys);

// The key with this ID, or nullptr.
const AccessKey* find_key(const std::vector<AccessKey>& keys, const std::string& id);

}  // namespace keyflip::flows
