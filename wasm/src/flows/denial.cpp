#include "flows/denial.h"

#include <string_view>

#include "flows/revoke_sessions.h"

namespace keyflip::flows {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// IAM user names are unique without regard to case ("Bob" and "bob" are one user).
bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

std::size_t find_ci(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return std::string_view::npos;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i)
    if (same_name(text.substr(i, needle.size()), needle)) return i;
  return std::string_view::npos;
}

// "User: arn:aws:iam::123456789012:user/leaky is not authorized to perform: ..."
std::string principal_in(std::string_view message) {
  constexpr std::string_view kStart = "User: ";
  const std::size_t at = message.find(kStart);
  if (at == std::string_view::npos) return "";
  const std::size_t from = at + kStart.size();
  const std::size_t end = message.find(' ', from);
  const std::string_view arn = message.substr(from, end == std::string_view::npos ? end : end - from);
  return arn.substr(0, 4) == "arn:" && arn.size() <= 2048 ? std::string(arn) : "";
}

// "... with an explicit deny in an identity-based policy" -> "identity-based policy".
std::string policy_type_in(std::string_view message, std::size_t explicit_at) {
  std::string_view rest = message.substr(explicit_at + std::string_view("explicit deny").size());
  for (std::string_view lead : {" in an ", " in a "})
    if (rest.substr(0, lead.size()) == lead) {
      rest = rest.substr(lead.size());
      std::size_t end = 0;
      while (end < rest.size() && end < 64 && rest[end] != '.' && rest[end] != ',' && rest[end] != ':' &&
             rest[end] != '\n')
        ++end;
      return std::string(rest.substr(0, end));
    }
  return "";
}

std::string service_action(const std::string& action) { return action.empty() ? "this action" : action; }

// " in an identity-based policy", " in a service control policy", or "".
std::string in_policy(const std::string& type) {
  if (type.empty()) return "";
  const char c = lower(type[0]);
  const bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  return std::string(vowel ? " in an " : " in a ") + type;
}

}  // namespace

UserArn parse_user_arn(const std::string& arn) {
  // arn:<partition>:iam::<account>:user/<path/>name
  UserArn out;
  std::size_t fields[5];
  std::size_t from = 0;
  for (auto& f : fields) {
    const std::size_t colon = arn.find(':', from);
    if (colon == std::string::npos) return out;
    f = colon;
    from = colon + 1;
  }
  if (arn.compare(0, 4, "arn:") != 0) return out;
  if (arn.compare(fields[1] + 1, fields[2] - fields[1] - 1, "iam") != 0) return out;
  const std::string resource = arn.substr(fields[4] + 1);
  if (resource.compare(0, 5, "user/") != 0) return out;
  const std::size_t slash = resource.rfind('/');
  out.account = arn.substr(fields[3] + 1, fields[4] - fields[3] - 1);
  out.user_name = resource.substr(slash + 1);
  if (out.user_name.empty()) out.account.clear();
  return out;
}

DenialVerdict explain_denial(const DenialContext& c) {
  DenialVerdict v;
  if (c.code != "AccessDenied" && c.code != "AccessDeniedException") return v;
  const std::size_t explicit_at = find_ci(c.message, "explicit deny");
  v.explicit_deny = explicit_at != std::string::npos;
  if (v.explicit_deny) v.policy_type = policy_type_in(c.message, explicit_at);
  // Who was refused: IAM's message names it (an error may come from another
  // client than the incident's current signer); else the signer.
  v.principal_arn = principal_in(c.message);
  if (v.principal_arn.empty()) v.principal_arn = c.signer_arn;

  const UserArn signer = parse_user_arn(v.principal_arn);
  v.signer_is_affected_user = !c.affected_user.empty() && !signer.user_name.empty() &&
                              same_name(signer.user_name, c.affected_user) &&
                              (c.affected_account.empty() || signer.account == c.affected_account);
  const std::string action = service_action(c.action);
  const std::string who = v.principal_arn.empty() ? std::string("the signer") : v.principal_arn;

  if (!v.explicit_deny) {
    v.kind = DenialKind::ImplicitDeny;
    v.token = "implicitDeny";
    v.another_principal_must_act = true;
    v.message = who + " may not perform " + action +
                ": no policy allows it. Sign as a principal that has this permission (an administrator), or "
                "have one grant it.";
    return v;
  }
  if (v.signer_is_affected_user) {
    v.another_principal_must_act = true;
    const QuarantineFinding* quarantine = nullptr;
    for (const auto& q : c.quarantine)
      if (!q.known_version || quarantine_denies(q, c.action)) quarantine = &q;
    if (c.signer_temporary && c.sessions_cut) {
      v.kind = DenialKind::SessionCut;
      v.token = "sessionCut";
      v.message = "You are signing with a session of " + c.affected_user +
                  ", the leaked key's user, issued before the cut-off: " + kRevokeSessionsPolicyName +
                  " refuses it with an explicit deny, as intended. Another principal must act: switch the signing "
                  "credentials to an administrator's.";
    } else if (quarantine) {
      v.kind = DenialKind::QuarantinedUser;
      v.token = "quarantinedUser";
      v.message = "You are signing as " + c.affected_user + ", the user AWS quarantined with " + quarantine->name +
                  ", which denies " + action + " to that user's own requests with an explicit deny. Another "
                  "principal must act: switch the signing credentials to an administrator's; the incident's "
                  "progress is kept.";
    } else {
      v.kind = DenialKind::AffectedUser;
      v.token = "affectedUser";
      v.message = "You are signing as " + c.affected_user +
                  ", the leaked key's own user, and an explicit deny" +
                  in_policy(v.policy_type) + " refuses " + action +
                  " (AWS's quarantine policy, or a deny put during this incident). Another principal must act: "
                  "switch the signing credentials to an administrator's.";
    }
    return v;
  }
  v.kind = DenialKind::OtherExplicitDeny;
  v.token = "otherExplicitDeny";
  v.message = who + " is refused " + action + " by an explicit deny" +
              in_policy(v.policy_type) +
              ". No allow can override it. If it is a service control policy or a permissions boundary, another "
              "principal of the same account may meet the same deny: ask who administers them.";
  return v;
}

}  // namespace keyflip::flows
