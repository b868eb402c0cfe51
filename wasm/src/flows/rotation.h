// Rotating an access key as one pure decision: given the user's keys, the key
// being rotated, who signs, the person's answers so far and what has been done,
// next_rotation_step() says what to do next (list the keys, make room at the
// two-key limit, create, prove the new key works, ask to retire the old one,
// switch the signer, deactivate) or refuses and says why. The JS helper only
// performs each step's I/O, asks the person, and calls again with the result,
// so every rule of the flow lives here and is tested case by case.
//
// The flow (issue 17 item 3): list the keys and their last use; at two keys,
// offer to delete one (never an Active key unless the person picks it and
// confirms, never the key that signs); create; prove the new key with
// GetCallerIdentity every interval up to a timeout (InvalidClientTokenId means
// "not yet"), or offer to delete it again; show the old key's last use and
// deactivate it on the person's word, switching the signer to the new key
// first when the old one signs (so nobody is locked out). Deleting the old
// key later is delete_later.h.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "flows/rotation_limits.h"
#include "util/issues.h"

namespace keyflip::flows {

enum class KeyStatus { Active, Inactive };

struct AccessKey {
  std::string id;
  KeyStatus status = KeyStatus::Active;
  double created_ms = 0;               // CreateDate, ms since the epoch
  std::optional<double> last_used_ms;  // GetAccessKeyLastUsed's LastUsedDate; nullopt: never used
};

// Who signs the flow's requests, as STS GetCallerIdentity and the credentials
// say; both "" until the IdentifySigner step.
struct Signer {
  std::string key_id;  // the signing access key ID (a temporary ASIA... one too)
  std::string arn;     // GetCallerIdentity's Arn: an IAM user, root, an assumed role, ...
};

// The user name an IAM user's ARN ends with ("arn:aws:iam::123456789012:user/
// division/alice" -> "alice"); nullopt for any other ARN (root, a role, a
// federated user): those are not an IAM user.
std::optional<std::string> user_name_from_arn(const std::string& arn);

struct RotationOptions {
  std::int64_t prove_interval_ms = limits::kDefaultProveIntervalMs;
  std::int64_t prove_timeout_ms = limits::kDefaultProveTimeoutMs;
  std::int64_t recent_use_window_ms = limits::kDefaultRecentUseWindowMs;
};

// The person's answers so far. "asked" records that the question was put, so
// an unanswered question and a "no" are told apart.
struct RotationChoices {
  bool limit_asked = false;         // which key to delete at the limit
  std::string delete_pick;          // the key picked; "" none
  bool delete_confirmed = false;    // its deletion confirmed
  bool rollback_asked = false;      // delete the new key that never worked?
  bool rollback_confirmed = false;
  bool retire_asked = false;        // deactivate the old key?
  bool retire_confirmed = false;
};

// What has been done, reported by the helper after each step succeeded.
struct RotationProgress {
  bool keys_listed = false;        // ListAccessKeys and each key's last use read
  std::string deleted_for_room;    // the key deleted at the limit; "" none
  std::string new_key_id;          // CreateAccessKey's key; "" not created
  bool create_unanswered = false;  // CreateAccessKey was sent and never answered (stopped, or no answer)
  int prove_attempts = 0;          // GetCallerIdentity calls signed by the new key, answered or not
  std::int64_t prove_started_ms = 0;  // when the first one was sent
  bool proven = false;             // one of them succeeded
  std::string prove_last_code;     // the last failure's error code ("" for a transport failure)
  bool prove_last_transient = false;  // the last failure was a network error, a timeout or a retryable answer
  bool old_last_use_read = false;  // the old key's last use read again after the proof
  bool signer_switched = false;    // the helper signs with the new key from now on
  bool old_deactivated = false;
  bool secret_not_saved = false;   // the secret could not be handed over or saved: the key is useless
  bool new_key_deleted = false;    // rolled back
  bool stopped = false;            // the person stopped the flow
};

struct RotationState {
  std::string user_name;        // "": the signer's own user (the signer must be an IAM user)
  std::vector<AccessKey> keys;  // as listed (before any deletion)
  std::string rotated_key_id;
  Signer signer;
  RotationOptions options;
  RotationChoices choices;
  RotationProgress progress;
  std::int64_t now_ms = 0;
};

enum class StepKind {
  IdentifySigner,     // STS GetCallerIdentity (the ARN) and the signing key's ID
  ListKeys,           // ListAccessKeys, then GetAccessKeyLastUsed for each key
  AskKeyToDelete,     // at the limit: put `candidates` to the person
  DeleteKeyForRoom,   // DeleteAccessKey(key_id), picked and confirmed
  CreateKey,          // CreateAccessKey
  ProveNewKey,        // wait wait_ms, then GetCallerIdentity signed by the new key
  AskRollback,        // the new key never worked: offer to delete it
  DeleteNewKey,       // DeleteAccessKey(new key): the rollback
  ReadOldKeyLastUse,  // GetAccessKeyLastUsed(old key): is it still in use?
  AskRetire,          // show the old key's last use, ask to deactivate it
  SwitchSigner,       // sign with the new key from now on (in memory only)
  DeactivateOldKey,   // UpdateAccessKey(old key, Inactive)
  Done,               // see outcome
  Refused,            // see refusal; nothing more is done
  Invalid,            // the state itself is wrong; see issues
};

enum class Outcome {
  None,
  Rotated,           // new key proven; the old one deactivated (or already inactive or deleted)
  OldKeyKeptActive,  // new key proven; the person kept the old one active
  NotProvenKept,     // the new key never worked; the person kept it
  RolledBack,        // the new key never worked and was deleted
  Stopped,           // the person stopped the flow
};

enum class Refusal {
  None,
  TooManyKeys,             // the listing shows more keys than IAM allows
  BothActiveNothingPicked,  // at the limit, both Active, nothing picked
  NothingPicked,           // at the limit, offered an Inactive key, nothing picked
  NoKeyCanBeDeleted,       // at the limit, every key is the rotated Active one or the signer's
  SignerKeyPicked,         // the key picked to delete signs these requests
  RotatedKeyPicked,        // the key picked to delete is the Active key being rotated
  ActivePickNotConfirmed,  // an Active key picked without confirmation
  PickNotConfirmed,        // an Inactive key picked without confirmation
  // delete_later.h:
  KeyNotListed,     // the key is not among the user's keys
  KeyActive,        // only an Inactive key is deleted
  TypedIdMismatch,  // the typed ID is not the key's
};

struct DeleteCandidate {
  std::string key_id;
  KeyStatus status = KeyStatus::Active;
  bool recently_used = false;  // used within the recent-use window
};

struct RotationStep {
  StepKind kind = StepKind::Invalid;
  std::string user_name;  // whose key is rotated (the signer's when the state named none)
  bool signer_is_user = false;  // the signer is that user
  std::string key_id;  // the key the step acts on (the new key for ProveNewKey, SwitchSigner, AskRollback, DeleteNewKey)
  std::vector<DeleteCandidate> candidates;  // AskKeyToDelete: Inactive first, then least recently used
  bool recently_used = false;  // AskRetire: the old key was used within the window
  std::int64_t wait_ms = 0;     // ProveNewKey: wait this long before the attempt
  std::int64_t elapsed_ms = 0;  // ProveNewKey, AskRollback: since the first attempt
  Outcome outcome = Outcome::None;
  Refusal refusal = Refusal::None;
  std::string message;  // a sentence for the person (Refused, Done, AskRollback, AskKeyToDelete)
  util::Issues issues;  // Invalid
};

RotationStep next_rotation_step(const RotationState& state);

// The key was used within the window before now (a last use in the future,
// a clock disagreement, counts as recent).
bool used_recently(const AccessKey& key, std::int64_t now_ms, std::int64_t window_ms);

// Stable names for the JS side ("list-keys", "rotated", "both-active-nothing-picked", ...).
const char* to_string(StepKind kind);
const char* to_string(Outcome outcome);
const char* to_string(Refusal refusal);
const char* to_string(KeyStatus status);  // "Active" / "Inactive", as IAM spells them

}  // namespace keyflip::flows
