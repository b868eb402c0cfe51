// Deleting an old key after a rotation (issue 17 item 3e), as the Console
// asks: only an Inactive key, only one at a time (never part of a bulk
// action), only after the person types its ID, with a warning when it was
// used within the recent-use window (it may still be needed: reactivating is
// possible, undeleting is not).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "flows/rotation.h"

namespace keyflip::flows {

struct DeleteLaterRequest {
  std::string user_name;
  std::vector<AccessKey> keys;  // the user's keys as just listed
  std::string key_id;           // the one key to delete
  std::string typed_id;         // what the person typed; "" not yet asked
  std::int64_t recent_use_window_ms = limits::kDefaultRecentUseWindowMs;
  std::int64_t now_ms = 0;
};

enum class DeleteLaterVerdict {
  AskTypedId,  // show the warning (if any) and ask for the key's ID
  Allowed,     // DeleteAccessKey(key_id)
  Refused,     // see refusal
  Invalid,     // see issues
};

struct DeleteLaterDecision {
  DeleteLaterVerdict verdict = DeleteLaterVerdict::Invalid;
  Refusal refusal = Refusal::None;
  bool recently_used = false;  // warn: used within the window
  std::string message;
  util::Issues issues;
};

DeleteLaterDecision decide_delete_later(const DeleteLaterRequest& request);

const char* to_string(DeleteLaterVerdict verdict);  // "ask-typed-id", "allowed", "refused", "invalid"

}  // namespace keyflip::flows
