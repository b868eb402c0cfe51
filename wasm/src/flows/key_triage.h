// Triage of a leaked key from its ID alone, offline: what kind of IAM ID it
// is (its four-character prefix, as IAM's "unique identifiers" documentation
// lists them), and, for a new-generation access key ID, the AWS account the
// ID itself encodes. Then, once STS has answered, whether the key is of the
// account the person is signed into.
//
// The account inside a key ID is an undocumented heuristic (reverse-engineered
// by A. Steele and T. Be'ery, 2020-2023; iam-facts.md "Creating and deleting
// keys"), so it is always labelled as such and never replaces STS
// GetAccessKeyInfo's answer.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "util/issues.h"

namespace keyflip::flows {

// What a unique-ID prefix names (IAM User Guide, "Understanding unique ID prefixes").
enum class IdKind {
  Unknown,              // not a documented prefix
  LongTermAccessKey,    // AKIA: an IAM user's (or the root user's) access key
  TemporaryAccessKey,   // ASIA: an STS session's access key
  BearerToken,          // ABIA
  ContextCredential,    // ACCA
  Group,                // AGPA
  User,                 // AIDA
  InstanceProfile,      // AIPA
  ManagedPolicy,        // ANPA
  PolicyVersion,        // ANVA
  PublicKey,            // APKA
  Role,                 // AROA
  Certificate,          // ASCA
};

// Whether the ID carries its account (the heuristic): Old-generation IDs
// (the fifth character A-P, e.g. AWS's own AKIAIOSFODNN7EXAMPLE) do not;
// new-generation ones (fifth character Q-Z or 2-7) do.
enum class Generation { NotApplicable, Old, New };

struct KeyTriage {
  // Problems that make the text unusable as an access key ID (empty, length,
  // characters, not an access key's prefix), each naming the field
  // "AccessKeyId" and the rule. Empty: the ID may be looked up.
  util::Issues issues;
  std::string prefix;        // the first four characters, as given ("" if shorter)
  IdKind kind = IdKind::Unknown;
  const char* kind_token = "unknown";  // stable, for code: "longTermAccessKey", "user", ...
  const char* kind_name = "";         // for people: "long-term access key", "IAM user", ...
  bool access_key = false;   // AKIA or ASIA: something that signs requests
  bool temporary = false;    // ASIA
  bool can_deactivate = false;  // only an AKIA key has a status in IAM
  Generation generation = Generation::NotApplicable;
  // The 12-digit account encoded in a new-generation access key ID; absent
  // for old-generation IDs and anything else (see generation_reason).
  std::optional<std::string> encoded_account;
  std::string generation_reason;  // why there is, or is not, an encoded account
  std::string advice;             // what this kind of ID means for the incident
};

// Never throws; the text is untrusted (pasted).
KeyTriage triage_key_id(std::string_view id);

// The one-line label of the heuristic, written once (the page, the record).
extern const char* const kEncodedAccountLabel;

// Whose key it is, from STS's answers: GetAccessKeyInfo's Account (the key's)
// against GetCallerIdentity's Account (the signer's). Either may be empty
// (the call failed or was not made) or malformed (an answer is untrusted).
enum class Ownership { Ours, NotOurs, Unknown };

struct OwnershipVerdict {
  Ownership ownership = Ownership::Unknown;
  std::string message;  // "This key is of the account you are signed into (…)."
};

OwnershipVerdict key_ownership(std::string_view key_account, std::string_view signer_account,
                               std::string_view encoded_account = {});

// A 12-digit AWS account ID.
bool is_account_id(std::string_view text);

}  // namespace keyflip::flows
