// Every default and range of the rotation flow, written once: the decision
// checks them, the bindings hand them to JS, README and index.d.ts quote them.
#pragma once
#include <cstdint>

namespace keyflip::flows::limits {

// IAM allows at most two access keys per user, root included; an Inactive
// key still counts (IAM User Guide, quotas; CreateAccessKey's 409 LimitExceeded).
constexpr int kAccessKeysPerUser = 2;

// Proving the new key: GetCallerIdentity signed with it, every interval until
// it works or the timeout passes. A new key is refused (InvalidClientTokenId)
// for about 10-15 s after CreateAccessKey; aws-vault retries every 2 s, other
// tools wait up to 60 s.
constexpr std::int64_t kDefaultProveIntervalMs = 2'000;
constexpr std::int64_t kMinProveIntervalMs = 100;
constexpr std::int64_t kMaxProveIntervalMs = 60'000;
constexpr std::int64_t kDefaultProveTimeoutMs = 60'000;
constexpr std::int64_t kMinProveTimeoutMs = 0;  // one attempt, no wait
constexpr std::int64_t kMaxProveTimeoutMs = 900'000;  // 15 minutes: a page is not left waiting longer

// A key used within this window before a deletion or a deactivation is
// flagged as probably still in use.
constexpr std::int64_t kDefaultRecentUseWindowMs = 7LL * 24 * 3'600'000;
constexpr std::int64_t kMinRecentUseWindowMs = 0;
constexpr std::int64_t kMaxRecentUseWindowMs = 366LL * 24 * 3'600'000;

}  // namespace keyflip::flows::limits
