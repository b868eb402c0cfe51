#include "flows/quarantine.h"

#include "util/ascii.h"

namespace keyflip::flows {

namespace {

constexpr std::string_view kPolicyName = "AWSCompromisedKeyQuarantine";

// The actions each version denies that matter while answering a leaked key
// (the AWS managed policy reference; iam-facts.md). V1's document also
// denies creating users, roles and instance profiles, EC2 launches, Lambda
// functions, Lightsail and Organizations changes; V2 (version v5) and V3
// (version v2) deny more of the same kind. Listed here: what a person
// answering the incident meets.
constexpr const char* kV1Denies[] = {
    "iam:CreateAccessKey", "iam:UpdateAccessKey",   "iam:PutUserPolicy",
    "iam:AttachUserPolicy", "iam:DetachUserPolicy",
};
constexpr const char* kV2V3Denies[] = {
    "iam:CreateAccessKey",  "iam:UpdateAccessKey", "iam:DeleteAccessKey",   "iam:ListUsers",
    "iam:PutUserPolicy",    "iam:AttachUserPolicy", "sts:GetSessionToken", "sts:GetFederationToken",
    "cloudtrail:LookupEvents",
};

// "arn:" partition ":iam::aws:policy/" + name: the partition is "aws" or
// "aws-<letters and hyphens>" (aws-cn, aws-us-gov, aws-iso, ...).
bool is_aws_managed_arn(std::string_view arn, std::string_view name) {
  constexpr std::string_view kStart = "arn:aws";
  if (arn.substr(0, kStart.size()) != kStart) return false;
  std::size_t i = kStart.size();
  if (i < arn.size() && arn[i] == '-') {
    ++i;
    while (i < arn.size() && (util::is_alpha(static_cast<unsigned char>(arn[i])) || arn[i] == '-')) ++i;
  }
  const std::string expected = ":iam::aws:policy/" + std::string(name);
  return arn.substr(i) == expected;
}

// "AWSCompromisedKeyQuarantine" -> 1, "...V2" -> 2, anything else -> 0.
int version_of(std::string_view name) {
  if (name.substr(0, kPolicyName.size()) != kPolicyName) return 0;
  const std::string_view rest = name.substr(kPolicyName.size());
  if (rest.empty()) return 1;
  if (rest.size() < 2 || rest.size() > 4 || rest[0] != 'V' || rest[1] == '0') return 0;
  int v = 0;
  for (const char c : rest.substr(1)) {
    if (!util::is_digit(static_cast<unsigned char>(c))) return 0;
    v = v * 10 + (c - '0');
  }
  return v >= 2 ? v : 0;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

std::vector<QuarantineFinding> find_quarantine(const std::vector<AttachedPolicy>& attached,
                                               std::string_view user_name) {
  std::vector<QuarantineFinding> found;
  for (const auto& policy : attached) {
    const int version = version_of(policy.name);
    if (version == 0 || !is_aws_managed_arn(policy.arn, policy.name)) continue;
    QuarantineFinding f;
    f.name = policy.name;
    f.arn = policy.arn;
    f.version = version;
    f.known_version = version <= 3;
    if (version == 1)
      for (const char* a : kV1Denies) f.denies.emplace_back(a);
    else if (f.known_version)
      for (const char* a : kV2V3Denies) f.denies.emplace_back(a);
    const std::string user(user_name);
    f.explanation = "AWS attached " + f.name + " to " + user +
                    " because it found one of this user's access keys exposed. Do NOT remove it: follow the "
                    "instructions of AWS's support case or email about it. ";
    if (f.known_version)
      f.explanation += "It denies " + user + "'s own requests for " + joined(f.denies) +
                       " (among others, such as launching EC2 instances). ";
    else
      f.explanation += "keyflip has no confirmed list of what this version denies (earlier versions deny the "
                       "user's own key changes, policy changes, ListUsers and GetSessionToken); read its default "
                       "version in IAM for the exact list. ";
    f.explanation += "So a request signed with any of " + user +
                     "'s keys to change keys or policies is refused with an explicit deny: another principal (an "
                     "administrator) must act on " + user +
                     ". It applies only to requests " + user +
                     " makes, and it does not stop the exposed key from doing everything else the user may do: "
                     "deactivate the key and cut off its sessions.";
    found.push_back(std::move(f));
  }
  return found;
}

bool quarantine_denies(const QuarantineFinding& finding, std::string_view action) {
  for (const auto& a : finding.denies)
    if (a == action) return true;
  return false;
}

}  // namespace keyflip::flows
