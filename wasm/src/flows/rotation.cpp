#include "flows/rotation.h"

#include <algorithm>
#include <string_view>

#include "flows/key_list.h"

namespace keyflip::flows {
namespace {

// A new key is "not yet" usable while IAM/STS answer this (iam-facts.md).
constexpr std::string_view kNotYetCode = "InvalidClientTokenId";

void check_range(util::Issues& issues, const char* field, std::int64_t value, std::int64_t min, std::int64_t max) {
  if (value < min || value > max)
    util::add_issue(issues, field, "range",
                    "must be from " + std::to_string(min) + " to " + std::to_string(max) + " ms, got " + std::to_string(value));
}

util::Issues check_state(const RotationState& s) {
  util::Issues issues;
  const bool identified = !s.signer.arn.empty();
  if (identified && s.user_name.empty() && !user_name_from_arn(s.signer.arn))
    util::add_issue(issues, "userName", "required", "the signer " + s.signer.arn + " is not an IAM user, so the user must be named");
  if (s.rotated_key_id.empty()) util::add_issue(issues, "rotatedKeyId", "required", "the key to rotate is required");
  if (identified && s.signer.key_id.empty()) util::add_issue(issues, "signer.keyId", "required", "the signing key ID is required");
  check_keys(issues, s.keys);
  const auto& o = s.options;
  check_range(issues, "options.proveIntervalMs", o.prove_interval_ms, limits::kMinProveIntervalMs, limits::kMaxProveIntervalMs);
  check_range(issues, "options.proveTimeoutMs", o.prove_timeout_ms, limits::kMinProveTimeoutMs, limits::kMaxProveTimeoutMs);
  check_range(issues, "options.recentUseWindowMs", o.recent_use_window_ms, limits::kMinRecentUseWindowMs, limits::kMaxRecentUseWindowMs);

  const auto& p = s.progress;
  if (!identified && p.keys_listed) util::add_issue(issues, "signer.arn", "required", "the keys are listed only after the signer is known");
  if (!p.keys_listed) {
    if (!s.keys.empty()) util::add_issue(issues, "keys", "order", "keys are given before they were listed");
    return issues;
  }
  if (!s.rotated_key_id.empty() && !find_key(s.keys, s.rotated_key_id))
    util::add_issue(issues, "rotatedKeyId", "listed", s.rotated_key_id + " is not among " + s.user_name + "'s keys");
  if (!s.signer.arn.empty() && user_name_from_arn(s.signer.arn) != s.user_name && !s.signer.key_id.empty() &&
      find_key(s.keys, s.signer.key_id))
    util::add_issue(issues, "signer.arn", "consistent",
                    "the signing key " + s.signer.key_id + " is one of " + s.user_name + "'s keys, yet the signer is " + s.signer.arn);
  const auto& pick = s.choices.delete_pick;
  if (!pick.empty() && !find_key(s.keys, pick))
    util::add_issue(issues, "choices.deletePick", "listed", pick + " is not among " + s.user_name + "'s keys");
  if (!p.deleted_for_room.empty() && p.deleted_for_room != pick)
    util::add_issue(issues, "progress.deletedForRoom", "consistent", "only the picked key is deleted to make room");
  if (!p.new_key_id.empty() && find_key(s.keys, p.new_key_id))
    util::add_issue(issues, "progress.newKeyId", "consistent", "the new key cannot be one of the keys listed before it was created");
  const bool after_create = p.prove_attempts > 0 || p.proven || p.secret_not_saved || p.new_key_deleted || p.old_deactivated || p.signer_switched;
  if (p.new_key_id.empty() && after_create)
    util::add_issue(issues, "progress.newKeyId", "required", "a step after CreateAccessKey is reported without the new key");
  if (p.prove_attempts < 0) util::add_issue(issues, "progress.proveAttempts", "range", "must be 0 or more");
  if ((p.old_deactivated || p.signer_switched) && !p.proven)
    util::add_issue(issues, "progress.proven", "order", "the old key is retired only after the new key is proven");
  if (p.new_key_deleted && p.proven)
    util::add_issue(issues, "progress.newKeyDeleted", "order", "a proven new key is never rolled back");
  return issues;
}

RotationStep step(StepKind kind, std::string key_id = {}) {
  RotationStep out;
  out.kind = kind;
  out.key_id = std::move(key_id);
  return out;
}

RotationStep done(Outcome outcome, std::string message) {
  RotationStep out = step(StepKind::Done);
  out.outcome = outcome;
  out.message = std::move(message);
  return out;
}

RotationStep refused(Refusal refusal, std::string message) {
  RotationStep out = step(StepKind::Refused);
  out.refusal = refusal;
  out.message = std::move(message);
  return out;
}

// Before CreateAccessKey: make room at the limit, or create.
RotationStep before_create(const RotationState& s) {
  const auto& c = s.choices;
  std::vector<const AccessKey*> remaining;
  for (const auto& key : s.keys)
    if (key.id != s.progress.deleted_for_room) remaining.push_back(&key);
  if (static_cast<int>(remaining.size()) < limits::kAccessKeysPerUser) return step(StepKind::CreateKey);

  const AccessKey& rotated = *find_key(s.keys, s.rotated_key_id);
  const std::string limit = s.user_name + " has " + std::to_string(limits::kAccessKeysPerUser) +
                            " access keys, IAM's limit (an Inactive key counts)";
  if (c.delete_pick.empty()) {
    // Never the key that signs (a lockout), never the Active key being rotated
    // (whatever uses it has no working replacement yet).
    std::vector<DeleteCandidate> candidates;
    for (const AccessKey* key : remaining) {
      if (key->id == s.signer.key_id) continue;
      if (key->id == rotated.id && key->status == KeyStatus::Active) continue;
      candidates.push_back({key->id, key->status, used_recently(*key, s.now_ms, s.options.recent_use_window_ms)});
    }
    if (candidates.empty())
      return refused(Refusal::NoKeyCanBeDeleted,
                     limit + "; the other key signs these requests and " + rotated.id +
                         " is the Active key being rotated, so neither can be deleted here. Deactivate and delete one first.");
    std::stable_sort(candidates.begin(), candidates.end(), [&](const DeleteCandidate& a, const DeleteCandidate& b) {
      if (a.status != b.status) return a.status == KeyStatus::Inactive;
      const auto last = [&](const std::string& id) { return find_key(s.keys, id)->last_used_ms.value_or(-1e300); };
      return last(a.key_id) < last(b.key_id);
    });
    const bool all_active = std::all_of(remaining.begin(), remaining.end(),
                                        [](const AccessKey* k) { return k->status == KeyStatus::Active; });
    if (c.limit_asked)
      return all_active ? refused(Refusal::BothActiveNothingPicked,
                                  limit + " and both are Active; nothing was picked to delete, so no key is created. "
                                          "Pick one and confirm, or deactivate one first.")
                        : refused(Refusal::NothingPicked,
                                  limit + "; the Inactive key was not picked for deletion, so no key is created.");
    RotationStep ask = step(StepKind::AskKeyToDelete);
    ask.candidates = std::move(candidates);
    ask.message = limit + (all_active ? ". Both are Active: deleting one breaks whatever still uses it."
                                      : ". Delete the Inactive one to make room?");
    return ask;
  }

  const AccessKey& pick = *find_key(s.keys, c.delete_pick);
  if (pick.id == s.signer.key_id)
    return refused(Refusal::SignerKeyPicked, pick.id + " signs these requests; deleting it would lock this session out.");
  if (pick.id == rotated.id && pick.status == KeyStatus::Active)
    return refused(Refusal::RotatedKeyPicked,
                   pick.id + " is the Active key being rotated; it is retired only after its replacement works.");
  if (!c.delete_confirmed)
    return pick.status == KeyStatus::Active
               ? refused(Refusal::ActivePickNotConfirmed,
                         pick.id + " is Active: deleting it needs an explicit confirmation, and none was given.")
               : refused(Refusal::PickNotConfirmed, "deleting " + pick.id + " was not confirmed.");
  return step(StepKind::DeleteKeyForRoom, pick.id);
}

// After CreateAccessKey, before the proof: prove, or give up and offer the rollback.
RotationStep prove_or_give_up(const RotationState& s) {
  const auto& p = s.progress;
  const auto& o = s.options;
  const std::int64_t elapsed = p.prove_attempts == 0 ? 0 : std::max<std::int64_t>(0, s.now_ms - p.prove_started_ms);
  std::string why;
  if (p.secret_not_saved) {
    why = "the new key " + p.new_key_id + "'s secret could not be saved, so the key is of no use";
  } else if (p.prove_attempts > 0 && !p.prove_last_transient && p.prove_last_code != kNotYetCode) {
    why = "the new key " + p.new_key_id + " was refused (" + (p.prove_last_code.empty() ? "no code" : p.prove_last_code) + ")";
  } else if (p.prove_attempts > 0) {
    const std::int64_t due = p.prove_started_ms + p.prove_attempts * o.prove_interval_ms;
    // The next attempt would start after the timeout, or slow answers have used it up.
    if (due - p.prove_started_ms > o.prove_timeout_ms || elapsed > o.prove_timeout_ms)
      why = "the new key " + p.new_key_id + " did not work within " +
            (o.prove_timeout_ms % 1000 == 0 ? std::to_string(o.prove_timeout_ms / 1000) + " s"
                                             : std::to_string(o.prove_timeout_ms) + " ms");
    else {
      RotationStep prove = step(StepKind::ProveNewKey, p.new_key_id);
      prove.wait_ms = std::max<std::int64_t>(0, due - s.now_ms);
      prove.elapsed_ms = elapsed;
      return prove;
    }
  } else {
    return step(StepKind::ProveNewKey, p.new_key_id);
  }

  const auto& c = s.choices;
  const std::string old = p.deleted_for_room == s.rotated_key_id ? "the old key was deleted to make room"
                                                                 : "the old key " + s.rotated_key_id + " is untouched";
  if (p.new_key_deleted) return done(Outcome::RolledBack, why + "; it was deleted again and " + old + ".");
  if (!c.rollback_asked) {
    RotationStep ask = step(StepKind::AskRollback, p.new_key_id);
    ask.elapsed_ms = elapsed;
    ask.message = why + ". Delete it again (" + old + ")?";
    return ask;
  }
  if (c.rollback_confirmed) return step(StepKind::DeleteNewKey, p.new_key_id);
  return done(Outcome::NotProvenKept, why + "; it was kept, and " + old + ".");
}

// After the proof: retire the old key on the person's word.
RotationStep retire(const RotationState& s) {
  const auto& p = s.progress;
  const auto& c = s.choices;
  const AccessKey& old = *find_key(s.keys, s.rotated_key_id);
  if (p.deleted_for_room == old.id)
    return done(Outcome::Rotated, "the new key " + p.new_key_id + " works; the old key " + old.id + " was deleted to make room.");
  if (old.status == KeyStatus::Inactive)
    return done(Outcome::Rotated, "the new key " + p.new_key_id + " works; the old key " + old.id + " was already Inactive.");
  if (p.old_deactivated)
    return done(Outcome::Rotated, "the new key " + p.new_key_id + " works and the old key " + old.id + " is Inactive; delete it once nothing breaks.");
  if (!p.old_last_use_read) return step(StepKind::ReadOldKeyLastUse, old.id);
  if (!c.retire_asked) {
    RotationStep ask = step(StepKind::AskRetire, old.id);
    ask.recently_used = used_recently(old, s.now_ms, s.options.recent_use_window_ms);
    return ask;
  }
  if (!c.retire_confirmed)
    return done(Outcome::OldKeyKeptActive, "the new key " + p.new_key_id + " works; the old key " + old.id + " was kept Active.");
  if (s.signer.key_id == old.id && !p.signer_switched) return step(StepKind::SwitchSigner, p.new_key_id);
  return step(StepKind::DeactivateOldKey, old.id);
}

}  // namespace

std::optional<std::string> user_name_from_arn(const std::string& arn) {
  // arn:PARTITION:iam::ACCOUNT:user/PATH/NAME (the path may be empty)
  std::size_t at = 0;
  std::string parts[6];
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = arn.find(':', at);
    if (colon == std::string::npos) return std::nullopt;
    parts[i] = arn.substr(at, colon - at);
    at = colon + 1;
  }
  parts[5] = arn.substr(at);
  if (parts[0] != "arn" || parts[1].empty() || parts[2] != "iam" || !parts[3].empty() || parts[4].empty()) return std::nullopt;
  if (parts[5].rfind("user/", 0) != 0) return std::nullopt;
  std::string name = parts[5].substr(parts[5].rfind('/') + 1);
  if (name.empty()) return std::nullopt;
  return name;
}

bool used_recently(const AccessKey& key, std::int64_t now_ms, std::int64_t window_ms) {
  if (!key.last_used_ms) return false;
  return static_cast<double>(now_ms) - *key.last_used_ms <= static_cast<double>(window_ms);
}

namespace {
RotationStep decide(const RotationState& s);
}  // namespace

RotationStep next_rotation_step(const RotationState& given) {
  RotationState s = given;
  const auto signer_user = user_name_from_arn(s.signer.arn);
  if (s.user_name.empty() && signer_user) s.user_name = *signer_user;
  RotationStep out = decide(s);
  out.user_name = s.user_name;
  out.signer_is_user = signer_user && *signer_user == s.user_name;
  return out;
}

namespace {

RotationStep decide(const RotationState& s) {
  util::Issues issues = check_state(s);
  const auto& p = s.progress;
  if (p.keys_listed && static_cast<int>(s.keys.size()) > limits::kAccessKeysPerUser)
    return refused(Refusal::TooManyKeys, "IAM listed " + std::to_string(s.keys.size()) + " keys for " + s.user_name +
                                             ", more than its limit of " + std::to_string(limits::kAccessKeysPerUser) +
                                             "; the listing is not trusted.");
  if (!issues.empty()) {
    RotationStep invalid = step(StepKind::Invalid);
    invalid.issues = std::move(issues);
    return invalid;
  }
  if (p.stopped)
    return done(Outcome::Stopped,
                p.create_unanswered ? "stopped while CreateAccessKey was in flight: a new key may exist; list " + s.user_name + "'s keys to see."
                : p.new_key_id.empty() ? "stopped before any key was created."
                : p.new_key_deleted ? "stopped; the new key " + p.new_key_id + " was deleted again."
                                    : "stopped; the new key " + p.new_key_id + " exists and was kept.");
  if (s.signer.arn.empty()) return step(StepKind::IdentifySigner);
  if (!p.keys_listed) return step(StepKind::ListKeys);
  if (p.new_key_id.empty()) return before_create(s);
  if (!p.proven) return prove_or_give_up(s);
  return retire(s);
}

}  // namespace

const char* to_string(StepKind kind) {
  switch (kind) {
    case StepKind::IdentifySigner: return "identify-signer";
    case StepKind::ListKeys: return "list-keys";
    case StepKind::AskKeyToDelete: return "ask-key-to-delete";
    case StepKind::DeleteKeyForRoom: return "delete-key-for-room";
    case StepKind::CreateKey: return "create-key";
    case StepKind::ProveNewKey: return "prove-new-key";
    case StepKind::AskRollback: return "ask-rollback";
    case StepKind::DeleteNewKey: return "delete-new-key";
    case StepKind::ReadOldKeyLastUse: return "read-old-key-last-use";
    case StepKind::AskRetire: return "ask-retire";
    case StepKind::SwitchSigner: return "switch-signer";
    case StepKind::DeactivateOldKey: return "deactivate-old-key";
    case StepKind::Done: return "done";
    case StepKind::Refused: return "refused";
    case StepKind::Invalid: return "invalid";
  }
  return "invalid";
}

const char* to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::None: return "";
    case Outcome::Rotated: return "rotated";
    case Outcome::OldKeyKeptActive: return "old-key-kept-active";
    case Outcome::NotProvenKept: return "not-proven-kept";
    case Outcome::RolledBack: return "rolled-back";
    case Outcome::Stopped: return "stopped";
  }
  return "";
}

const char* to_string(Refusal refusal) {
  switch (refusal) {
    case Refusal::None: return "";
    case Refusal::TooManyKeys: return "too-many-keys";
    case Refusal::BothActiveNothingPicked: return "both-active-nothing-picked";
    case Refusal::NothingPicked: return "nothing-picked";
    case Refusal::NoKeyCanBeDeleted: return "no-key-can-be-deleted";
    case Refusal::SignerKeyPicked: return "signer-key-picked";
    case Refusal::RotatedKeyPicked: return "rotated-key-picked";
    case Refusal::ActivePickNotConfirmed: return "active-pick-not-confirmed";
    case Refusal::PickNotConfirmed: return "pick-not-confirmed";
    case Refusal::KeyNotListed: return "key-not-listed";
    case Refusal::KeyActive: return "key-active";
    case Refusal::TypedIdMismatch: return "typed-id-mismatch";
  }
  return "";
}

const char* to_string(KeyStatus status) { return status == KeyStatus::Active ? "Active" : "Inactive"; }

}  // namespace keyflip::flows
