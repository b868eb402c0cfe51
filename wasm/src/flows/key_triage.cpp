#include "flows/key_triage.h"

#include <cstdint>

#include "query/operation.h"
#include "query/value.h"
#include "util/ascii.h"

namespace keyflip::flows {

const char* const kEncodedAccountLabel =
    "account encoded in the key ID (an undocumented heuristic, not AWS's answer: STS GetAccessKeyInfo is)";

namespace {

struct PrefixRow {
  std::string_view prefix;
  IdKind kind;
  const char* token;    // stable, for code: "longTermAccessKey"
  const char* name;
  const char* article;  // for "is the unique ID of an IAM user"
};

// IAM User Guide, "IAM identifiers" > "Understanding unique ID prefixes".
constexpr PrefixRow kPrefixes[] = {
    {"ABIA", IdKind::BearerToken, "bearerToken", "STS service bearer token", "an"},
    {"ACCA", IdKind::ContextCredential, "contextSpecificCredential", "context-specific credential", "a"},
    {"AGPA", IdKind::Group, "group", "IAM user group", "an"},
    {"AIDA", IdKind::User, "user", "IAM user", "an"},
    {"AIPA", IdKind::InstanceProfile, "instanceProfile", "EC2 instance profile", "an"},
    {"AKIA", IdKind::LongTermAccessKey, "longTermAccessKey", "long-term access key", "a"},
    {"ANPA", IdKind::ManagedPolicy, "managedPolicy", "managed policy", "a"},
    {"ANVA", IdKind::PolicyVersion, "managedPolicyVersion", "version in a managed policy", "a"},
    {"APKA", IdKind::PublicKey, "publicKey", "public key", "a"},
    {"AROA", IdKind::Role, "role", "IAM role", "an"},
    {"ASCA", IdKind::Certificate, "certificate", "certificate", "a"},
    {"ASIA", IdKind::TemporaryAccessKey, "temporaryAccessKey", "temporary (STS) access key", "a"},
};

// Positions in messages count from 0, as the model's pattern messages do.
// Access key IDs are 20 characters of RFC 4648 base32 (A-Z, 2-7): the 4-character
// prefix and 16 more. The heuristic reads the 10 characters after the prefix.
constexpr std::size_t kKeyIdLength = 20;
constexpr std::size_t kPrefixLength = 4;
constexpr std::size_t kAccountChars = 10;  // 50 bits

int base32_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

// The heuristic (iam-facts.md: "bits 21-60", counting the prefix's 20 bits):
// of the 50 bits the 10 characters after the prefix hold, the first is set in
// new-generation IDs and the next 40 are the account number.
void decode_account(std::string_view id, KeyTriage& t) {
  if (id.size() != kKeyIdLength) {
    t.generation_reason = "an access key ID of " + std::to_string(id.size()) +
                          " characters, not 20: the account cannot be read from it";
    return;
  }
  std::uint64_t bits = 0;
  for (std::size_t i = kPrefixLength; i < kPrefixLength + kAccountChars; ++i) {
    const int v = base32_value(static_cast<unsigned char>(id[i]));
    if (v < 0) {
      t.generation_reason = std::string("character '") + id[i] + "' at position " + std::to_string(i) +
                            " is not base32 (A-Z, 2-7), as access key IDs are: the account cannot be read from it";
      return;
    }
    bits = (bits << 5) | static_cast<std::uint64_t>(v);
  }
  const bool new_generation = (bits >> 49) & 1U;
  if (!new_generation) {
    t.generation = Generation::Old;
    t.generation_reason = "an old-generation key ID: its fifth character is A-P, as in IDs made before about "
                          "2019, and it encodes no account";
    return;
  }
  t.generation = Generation::New;
  const std::uint64_t account = (bits >> 9) & ((std::uint64_t{1} << 40) - 1);
  if (account > 999'999'999'999ULL) {
    t.generation_reason = "a new-generation key ID whose bits give no 12-digit account (" +
                          std::to_string(account) + "): the heuristic does not apply to it";
    return;
  }
  std::string digits = std::to_string(account);
  t.encoded_account = std::string(12 - digits.size(), '0') + digits;
  t.generation_reason = std::string("a new-generation key ID: ") + kEncodedAccountLabel;
}

void add_prefix_issue(KeyTriage& t, const PrefixRow* row) {
  std::string detail;
  if (!row)
    detail = "prefix \"" + t.prefix + "\" is not an access key's (AKIA long-term, ASIA temporary)";
  else
    detail = std::string("is the unique ID of ") + row->article + " " + row->name + " (prefix " + t.prefix +
             "), not an access key ID (AKIA long-term, ASIA temporary)";
  util::add_issue(t.issues, "AccessKeyId", "prefix", detail);
}

}  // namespace

KeyTriage triage_key_id(std::string_view id) {
  KeyTriage t;
  if (id.empty()) {
    util::add_issue(t.issues, "AccessKeyId", "required", "is required: the leaked key's ID (AKIA... or ASIA...)");
    t.generation_reason = "no key ID";
    return t;
  }
  // The length and characters are the model's rules for AccessKeyId (the
  // same ones every IAM call checks), so they are written only there.
  const query::Operation* lookup = query::find_operation("GetAccessKeyLastUsed");
  query::Value params = query::Value::map();
  params.set("AccessKeyId", query::Value::of_string(std::string(id)));
  if (lookup) t.issues = query::validate_params(*lookup, params);
  if (!t.issues.empty()) {
    t.generation_reason = "not a well-formed key ID";
    return t;
  }
  t.prefix = std::string(id.substr(0, kPrefixLength));
  const PrefixRow* row = nullptr;
  for (const auto& candidate : kPrefixes)
    if (candidate.prefix == t.prefix) row = &candidate;
  if (row) {
    t.kind = row->kind;
    t.kind_token = row->token;
    t.kind_name = row->name;
  }
  t.access_key = t.kind == IdKind::LongTermAccessKey || t.kind == IdKind::TemporaryAccessKey;
  t.temporary = t.kind == IdKind::TemporaryAccessKey;
  t.can_deactivate = t.kind == IdKind::LongTermAccessKey;
  if (!t.access_key) {
    add_prefix_issue(t, row);
    t.generation_reason = "not an access key ID";
    t.advice = t.kind == IdKind::Unknown
                   ? "Not a documented IAM ID prefix: check that the whole key ID was copied."
                   : "This ID names an IAM entity, not a credential: it signs nothing and cannot be deactivated.";
    return t;
  }
  decode_account(id, t);
  t.advice = t.temporary
                 ? "A temporary key from STS: it cannot be deactivated and expires on its own (up to 36 h from "
                   "GetSessionToken or GetFederationToken, up to 12 h from AssumeRole). To cut it off, deny the "
                   "sessions of the user or role that made it (aws:TokenIssueTime) and turn off that user's "
                   "long-term key."
                 : "A long-term key of an IAM user (or of the root user): deactivate it, then cut off the sessions "
                   "made from it, which outlive it.";
  return t;
}

bool is_account_id(std::string_view text) {
  if (text.size() != 12) return false;
  for (const char c : text)
    if (!util::is_digit(static_cast<unsigned char>(c))) return false;
  return true;
}

OwnershipVerdict key_ownership(std::string_view key_account, std::string_view signer_account,
                               std::string_view encoded_account) {
  OwnershipVerdict v;
  const bool key_known = is_account_id(key_account);
  const bool signer_known = is_account_id(signer_account);
  if (key_known && signer_known) {
    if (key_account == signer_account) {
      v.ownership = Ownership::Ours;
      v.message = "This key is of the account you are signed into (" + std::string(key_account) + ").";
    } else {
      v.ownership = Ownership::NotOurs;
      v.message = "This key is of account " + std::string(key_account) + ", not yours (" +
                  std::string(signer_account) +
                  "): nothing here can turn it off. Tell that account's owner, or AWS (the AWS Trust & Safety "
                  "team) if you do not know them.";
    }
    return v;
  }
  v.message = "Unknown whose key this is: ";
  if (!key_known)
    v.message += key_account.empty() ? "STS did not give the key's account (GetAccessKeyInfo)"
                                     : "STS's answer for the key's account is not a 12-digit account ID";
  if (!key_known && !signer_known) v.message += "; ";
  if (!signer_known)
    v.message += signer_account.empty() ? "STS did not say which account signs (GetCallerIdentity)"
                                        : "STS's answer for the signer's account is not a 12-digit account ID";
  v.message += ".";
  if (!key_known && is_account_id(encoded_account))
    v.message += " The key ID itself suggests account " + std::string(encoded_account) +
                 " (an undocumented heuristic).";
  return v;
}

}  // namespace keyflip::flows
