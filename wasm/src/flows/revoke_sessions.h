// Cutting off the sessions minted from a leaked key. Temporary credentials
// cannot be revoked, only denied, and those from GetSessionToken or
// GetFederationToken outlive the key's deactivation (up to 36 h). AWS's
// documented answer is an inline deny on the user conditioned on
// aws:TokenIssueTime (iam-facts.md "Cutting off sessions minted from a leaked
// key"); aws:TokenIssueTime exists only for temporary credentials, so the
// user's long-term keys are untouched by it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/issues.h"

namespace keyflip::flows {

// The inline policy's name on the user. One fixed name: putting it again (a
// later incident on the same user) replaces it and moves the cut-off forward,
// as re-putting a policy of the same name does in IAM.
extern const char* const kRevokeSessionsPolicyName;

// IAM's quota: the inline policies of one user total at most this many
// characters, whitespace not counted (IAM User Guide, "IAM and AWS STS quotas").
constexpr std::size_t kUserInlinePolicyChars = 2048;

// AWS's document, byte for byte, denying every request signed with
// temporary credentials issued before the cut-off. The cut-off is now_ms
// rounded UP to the whole second (ISO 8601 UTC, "2026-12-08T05:12:04Z"): a
// session minted earlier in the same second is issued before it too, so no
// session of that second survives. nullopt when now_ms is outside 0000-9999.
struct RevokePolicy {
  std::string name;        // kRevokeSessionsPolicyName
  std::string document;    // the JSON, no whitespace
  std::string cutoff;      // the aws:TokenIssueTime value
  double cutoff_ms = 0;
};
std::optional<RevokePolicy> revoke_older_sessions_policy(double now_ms);

// A policy's size as IAM counts it: characters (code points) that are not
// whitespace. document is as IAM returns it from GetUserPolicy (URL-encoded,
// RFC 3986) or plain JSON; %XX sequences are decoded first.
std::size_t policy_chars(std::string_view document);

struct InlinePolicy {
  std::string name;
  std::string document;  // as GetUserPolicy returns it
};

// Whether the revoke policy fits beside the user's existing inline policies.
// A policy already named kRevokeSessionsPolicyName is replaced, so its size
// does not count.
struct SizeCheck {
  bool fits = false;
  std::size_t existing_chars = 0;   // the others, whitespace not counted
  std::size_t new_chars = 0;        // the revoke policy
  std::size_t total_chars = 0;      // existing + new
  std::size_t limit = kUserInlinePolicyChars;
  std::size_t over_by = 0;          // 0 when it fits
  bool replaces_existing = false;   // the user already had a policy of that name
  std::string message;
};
SizeCheck check_inline_policy_size(const std::vector<InlinePolicy>& existing, std::string_view new_document);

// Whether what GetUserPolicy read back is the policy that was put: the same
// name and, decoded, the same document (whitespace outside strings ignored,
// as IAM may reformat it). issues name what differs.
util::Issues compare_read_back(std::string_view put_name, std::string_view put_document,
                               std::string_view read_name, std::string_view read_document);

// Said plainly wherever the cut is offered or recorded (README too).
extern const char* const kRevokeSessionsNotCovered;

}  // namespace keyflip::flows
