// What an AccessDenied means in the middle of an incident. The person often
// signs with whatever credentials they have at hand, which may be the leaked
// user's other key, or a session of that user: then AWS's quarantine policy
// or the incident's own session cut refuses them with an explicit deny, and
// the only way on is another principal (an administrator) signing. IAM's
// answer says "with an explicit deny"; no allow can override one.
#pragma once
#include <string>
#include <vector>

#include "flows/quarantine.h"

namespace keyflip::flows {

struct DenialContext {
  std::string code;              // the error's code ("AccessDenied")
  std::string message;           // IAM's message (untrusted: only read for hints)
  std::string action;            // what was refused, "iam:UpdateAccessKey"
  std::string signer_arn;        // GetCallerIdentity's Arn; "" when unknown
  bool signer_temporary = false; // the signing key is a session's (ASIA)
  std::string affected_user;     // the leaked key's owner; "" when not known yet
  std::string affected_account;  // that user's account; "" when unknown
  std::vector<QuarantineFinding> quarantine;  // on the affected user
  bool sessions_cut = false;     // the revoke-older-sessions deny is on the affected user
};

enum class DenialKind {
  NotDenied,            // not an AccessDenied
  ImplicitDeny,         // no policy allows it: the signer lacks the permission
  QuarantinedUser,      // signing as the user AWS quarantined, for an action it denies
  SessionCut,           // signing with a session of the user whose older sessions were cut
  AffectedUser,         // signing as the leaked key's own user, another explicit deny
  OtherExplicitDeny,    // another principal meets an explicit deny (an SCP, a boundary, ...)
};

struct DenialVerdict {
  DenialKind kind = DenialKind::NotDenied;
  const char* token = "notDenied";  // stable, for code
  bool explicit_deny = false;
  bool signer_is_affected_user = false;
  // Switching the signing credentials to another principal is the way on.
  bool another_principal_must_act = false;
  std::string principal_arn;  // who was refused: the ARN IAM's message names, else signer_arn
  std::string policy_type;    // "identity-based policy", "service control policy", ... when IAM says
  std::string message;        // for people
};

DenialVerdict explain_denial(const DenialContext& context);

// The IAM user name in a user's ARN (arn:<partition>:iam::<account>:user/<path/>name),
// and its account; empty when the ARN is not an IAM user's.
struct UserArn {
  std::string account;
  std::string user_name;
};
UserArn parse_user_arn(const std::string& arn);

}  // namespace keyflip::flows
