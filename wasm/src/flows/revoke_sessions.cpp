#include "flows/revoke_sessions.h"

#include <cmath>

#include "util/amz_date.h"
#include "util/uri_encoding.h"

namespace keyflip::flows {

const char* const kRevokeSessionsPolicyName = "keyflip-revoke-older-sessions";

const char* const kRevokeSessionsNotCovered =
    "This denies sessions made from the user's keys (GetSessionToken, GetFederationToken) issued before the "
    "cut-off. It does not cover sessions the attacker got through AssumeRole: those carry the role's "
    "permissions and need the same deny on each role (the Console's \"Revoke active sessions\", "
    "AWSRevokeOlderSessions). It does not undo what was already done with the key, and it does not stop a "
    "long-term key that is still active.";

namespace {

bool is_json_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// JSON without the whitespace between tokens (strings kept as they are).
std::string without_insignificant_space(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  bool escaped = false;
  for (const char ch : json) {
    const auto c = static_cast<unsigned char>(ch);
    if (in_string) {
      out.push_back(ch);
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (!is_json_space(c)) {
      out.push_back(ch);
      if (c == '"') in_string = true;
    }
  }
  return out;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::optional<RevokePolicy> revoke_older_sessions_policy(double now_ms) {
  if (!std::isfinite(now_ms)) return std::nullopt;
  const double cutoff_ms = std::ceil(now_ms / 1000.0) * 1000.0;
  const auto cutoff = util::format_iso8601(cutoff_ms);
  if (!cutoff) return std::nullopt;
  RevokePolicy p;
  p.name = kRevokeSessionsPolicyName;
  p.cutoff = *cutoff;
  p.cutoff_ms = cutoff_ms;
  p.document = R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*",)"
               R"("Condition":{"DateLessThan":{"aws:TokenIssueTime":")" +
               *cutoff + R"("}}}})";
  return p;
}

std::size_t policy_chars(std::string_view document) {
  const std::string decoded = util::percent_decode(document);
  std::size_t n = 0;
  for (const char ch : decoded) {
    const auto c = static_cast<unsigned char>(ch);
    if (!is_json_space(c) && !is_continuation(c)) ++n;
  }
  return n;
}

SizeCheck check_inline_policy_size(const std::vector<InlinePolicy>& existing, std::string_view new_document) {
  SizeCheck s;
  std::size_t counted = 0;
  for (const auto& policy : existing) {
    if (policy.name == kRevokeSessionsPolicyName) {
      s.replaces_existing = true;
      continue;
    }
    s.existing_chars += policy_chars(policy.document);
    ++counted;
  }
  s.new_chars = policy_chars(new_document);
  s.total_chars = s.existing_chars + s.new_chars;
  s.fits = s.total_chars <= s.limit;
  s.over_by = s.fits ? 0 : s.total_chars - s.limit;
  const std::string existing_words = counted == 0 ? "no other inline policy"
                                            : (counted == 1 ? std::string("1 other inline policy")
                                                            : std::to_string(counted) + " other inline policies");
  s.message = existing_words + " (" + plural(s.existing_chars, "character") + ") + " + kRevokeSessionsPolicyName +
              " (" + plural(s.new_chars, "character") + ") = " + std::to_string(s.total_chars) + " of IAM's " +
              std::to_string(s.limit) + " per user, whitespace not counted";
  if (s.replaces_existing) s.message += "; it replaces the earlier " + std::string(kRevokeSessionsPolicyName);
  if (s.fits) {
    s.message += ": it fits.";
  } else {
    s.message += ": it does not fit, " + plural(s.over_by, "character") +
                 " over. IAM would refuse it (LimitExceeded). Make room first: move one of the user's inline "
                 "policies into a managed policy, or shorten one, then cut the sessions.";
  }
  return s;
}

util::Issues compare_read_back(std::string_view put_name, std::string_view put_document,
                               std::string_view read_name, std::string_view read_document) {
  util::Issues issues;
  if (read_name != put_name)
    util::add_issue(issues, "PolicyName", "readBack",
                    "IAM answered with policy \"" + std::string(read_name) + "\", not \"" + std::string(put_name) +
                        "\"");
  const std::string put = without_insignificant_space(util::percent_decode(put_document));
  const std::string read = without_insignificant_space(util::percent_decode(read_document));
  if (put != read)
    util::add_issue(issues, "PolicyDocument", "readBack",
                    "the document IAM holds differs from the one put (" + plural(policy_chars(read_document),
                                                                                "character") +
                        " read back, " + plural(policy_chars(put_document), "character") + " put)");
  return issues;
}

}  // namespace keyflip::flows
