#include "flows/delete_later.h"

#include "flows/key_list.h"

namespace keyflip::flows {
namespace {

DeleteLaterDecision refuse(Refusal refusal, std::string message) {
  DeleteLaterDecision out;
  out.verdict = DeleteLaterVerdict::Refused;
  out.refusal = refusal;
  out.message = std::move(message);
  return out;
}

// "7 days", "36 hours", "90 minutes", "45 seconds": the window as set.
std::string duration(std::int64_t ms) {
  const std::int64_t units[] = {86'400'000, 3'600'000, 60'000, 1'000};
  const char* names[] = {" days", " hours", " minutes", " seconds"};
  for (int i = 0; i < 4; ++i)
    if (ms >= units[i] && ms % units[i] == 0) return std::to_string(ms / units[i]) + names[i];
  return std::to_string(ms) + " ms";
}

}  // namespace

DeleteLaterDecision decide_delete_later(const DeleteLaterRequest& r) {
  DeleteLaterDecision out;
  if (r.user_name.empty()) util::add_issue(out.issues, "userName", "required", "the key's user is required");
  if (r.key_id.empty()) util::add_issue(out.issues, "keyId", "required", "the key to delete is required");
  check_keys(out.issues, r.keys);
  if (r.recent_use_window_ms < limits::kMinRecentUseWindowMs || r.recent_use_window_ms > limits::kMaxRecentUseWindowMs)
    util::add_issue(out.issues, "options.recentUseWindowMs", "range",
                    "must be from " + std::to_string(limits::kMinRecentUseWindowMs) + " to " +
                        std::to_string(limits::kMaxRecentUseWindowMs) + " ms, got " + std::to_string(r.recent_use_window_ms));
  if (!out.issues.empty()) return out;

  const AccessKey* key = find_key(r.keys, r.key_id);
  if (!key) return refuse(Refusal::KeyNotListed, r.key_id + " is not among " + r.user_name + "'s keys.");
  if (key->status == KeyStatus::Active)
    return refuse(Refusal::KeyActive, r.key_id + " is Active: deactivate it first and delete it once nothing breaks.");

  out.recently_used = used_recently(*key, r.now_ms, r.recent_use_window_ms);
  const std::string warning =
      out.recently_used ? " It was used within the last " + duration(r.recent_use_window_ms) +
                              ": something may still need it."
                        : "";
  if (r.typed_id.empty()) {
    out.verdict = DeleteLaterVerdict::AskTypedId;
    out.message = "Deleting " + r.key_id + " cannot be undone. Type its ID to confirm." + warning;
    return out;
  }
  if (r.typed_id != r.key_id) {
    DeleteLaterDecision refused = refuse(Refusal::TypedIdMismatch, "the ID typed is not " + r.key_id + "; nothing was deleted.");
    refused.recently_used = out.recently_used;
    return refused;
  }
  out.verdict = DeleteLaterVerdict::Allowed;
  out.message = "Delete " + r.key_id + "." + warning;
  return out;
}

const char* to_string(DeleteLaterVerdict verdict) {
  switch (verdict) {
    case DeleteLaterVerdict::AskTypedId: return "ask-typed-id";
    case DeleteLaterVerdict::Allowed: return "allowed";
    case DeleteLaterVerdict::Refused: return "refused";
    case DeleteLaterVerdict::Invalid: return "invalid";
  }
  return "invalid";
}

}  // namespace keyflip::flows
