// AWSCompromisedKeyQuarantine: the AWS managed policy AWS attaches to an IAM
// user whose key it found exposed ("Do NOT remove this policy"). It denies
// that user's own requests for key and policy changes (and, from V2, deleting
// keys, listing users and minting sessions), so the leaked user's other key
// gets AccessDenied with an explicit deny and another principal must act.
// It applies to requests the quarantined user makes, not to an administrator
// acting on that user (iam-facts.md "Answering a leaked key").
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace keyflip::flows {

struct AttachedPolicy {
  std::string name;  // ListAttachedUserPolicies: PolicyName
  std::string arn;   // PolicyArn
};

struct QuarantineFinding {
  std::string name;             // "AWSCompromisedKeyQuarantineV2"
  std::string arn;
  int version = 0;              // 1, 2, 3, ... (the name's V<n>; none = 1)
  bool known_version = false;   // keyflip has a list of its denies (V1-V3)
  // The denied actions that matter while answering a leaked key, as
  // "service:Action"; for an unknown version, empty.
  std::vector<std::string> denies;
  std::string explanation;      // for people, names the user
};

// Every quarantine policy among a user's attached managed policies. Only
// AWS's own (arn:<partition>:iam::aws:policy/AWSCompromisedKeyQuarantine[V<n>])
// count: a customer policy of that name in the account is not AWS's.
std::vector<QuarantineFinding> find_quarantine(const std::vector<AttachedPolicy>& attached,
                                               std::string_view user_name);

// Whether a known version denies the action ("iam:UpdateAccessKey").
bool quarantine_denies(const QuarantineFinding& finding, std::string_view action);

}  // namespace keyflip::flows
