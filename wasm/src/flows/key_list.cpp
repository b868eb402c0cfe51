#include "flows/key_list.h"

namespace keyflip::flows {

void check_keys(util::Issues& issues, const std::vector<AccessKey>& keys) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string field = "keys[" + std::to_string(i) + "].id";
    if (keys[i].id.empty()) {
      util::add_issue(issues, field, "required", "every key needs its access key ID");
      continue;
    }
    for (std::size_t j = 0; j < i; ++j)
      if (keys[j].id == keys[i].id) util::add_issue(issues, field, "unique", keys[i].id + " is listed twice");
  }
}

const AccessKey* find_key(const std::vector<AccessKey>& keys, const std::string& id) {
  for (const auto& key : keys)
    if (key.id == id) return &key;
  return nullptr;
}

}  // namespace keyflip::flows
