#include "flows/incident_calls.h"

#include <string>
#include <utility>
#include <vector>

#include "flows/denial.h"
#include "flows/incident_plan.h"
#include "flows/key_triage.h"
#include "flows/quarantine.h"
#include "flows/revoke_sessions.h"
#include "wire/issues_value.h"

namespace keyflip::flows {

namespace {

using query::Value;

Value str(std::string s) { return Value::of_string(std::move(s)); }
Value boolean(bool b) { return Value::of_bool(b); }
Value number(double n) { return Value::of_number(n); }

Value strings_to(const std::vector<std::string>& items) {
  Value list = Value::list();
  for (const auto& item : items) list.items.push_back(str(item));
  return list;
}

// The one shape of "issues" across the boundary (wire/issues_value.h).
Value issues_to(const keyflip::util::Issues& issues) { return keyflip::wire::issues_value(issues); }

// [name, arn, name, arn, ...] (a flat list packs with no per-item map).
std::vector<AttachedPolicy> attached_from(wire::Fields& in) {
  const auto flat = in.strings("attached");
  std::vector<AttachedPolicy> attached;
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2) attached.push_back({flat[i], flat[i + 1]});
  return attached;
}

const char* generation_token(Generation g) {
  switch (g) {
    case Generation::Old: return "old";
    case Generation::New: return "new";
    default: return "notApplicable";
  }
}

const char* ownership_token(Ownership o) {
  switch (o) {
    case Ownership::Ours: return "ours";
    case Ownership::NotOurs: return "notOurs";
    default: return "unknown";
  }
}

Value triage(wire::Fields& in) {
  const KeyTriage t = triage_key_id(in.string("accessKeyId"));
  Value out = Value::map();
  out.set("issues", issues_to(t.issues));
  out.set("prefix", str(t.prefix));
  out.set("kind", str(t.kind_token));
  out.set("kindName", str(t.kind_name));
  out.set("accessKey", boolean(t.access_key));
  out.set("temporary", boolean(t.temporary));
  out.set("canDeactivate", boolean(t.can_deactivate));
  out.set("generation", str(generation_token(t.generation)));
  out.set("encodedAccount", t.encoded_account ? str(*t.encoded_account) : Value::null());
  out.set("generationReason", str(t.generation_reason));
  out.set("advice", str(t.advice));
  return out;
}

Value ownership(wire::Fields& in) {
  const std::string key_account = in.string("keyAccount");
  const std::string signer_account = in.string("signerAccount");
  const std::string encoded = in.string("encodedAccount");
  const OwnershipVerdict v = key_ownership(key_account, signer_account, encoded);
  Value out = Value::map();
  out.set("ownership", str(ownership_token(v.ownership)));
  out.set("message", str(v.message));
  return out;
}

Value revoke_policy(wire::Fields& in) {
  const double now_ms = in.number("nowMs");
  const auto flat = in.strings("existing");
  std::vector<InlinePolicy> existing;
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2) existing.push_back({flat[i], flat[i + 1]});
  Value out = Value::map();
  const auto policy = revoke_older_sessions_policy(now_ms);
  util::Issues issues;
  if (!policy) util::add_issue(issues, "now", "range", "must be a time from year 0000 to 9999");
  out.set("issues", issues_to(issues));
  if (!policy) return out;
  out.set("name", str(policy->name));
  out.set("document", str(policy->document));
  out.set("cutoff", str(policy->cutoff));
  out.set("cutoffMs", number(policy->cutoff_ms));
  const SizeCheck s = check_inline_policy_size(existing, policy->document);
  Value size = Value::map();
  size.set("fits", boolean(s.fits));
  size.set("existingChars", number(static_cast<double>(s.existing_chars)));
  size.set("newChars", number(static_cast<double>(s.new_chars)));
  size.set("totalChars", number(static_cast<double>(s.total_chars)));
  size.set("limit", number(static_cast<double>(s.limit)));
  size.set("overBy", number(static_cast<double>(s.over_by)));
  size.set("replacesExisting", boolean(s.replaces_existing));
  size.set("message", str(s.message));
  out.set("size", std::move(size));
  return out;
}

Value read_back(wire::Fields& in) {
  const std::string put_name = in.string("putName");
  const std::string put_document = in.string("putDocument");
  const std::string read_name = in.string("readName");
  const std::string read_document = in.string("readDocument");
  Value out = Value::map();
  out.set("issues", issues_to(compare_read_back(put_name, put_document, read_name, read_document)));
  return out;
}

Value findings_to(const std::vector<QuarantineFinding>& findings) {
  Value list = Value::list();
  for (const auto& f : findings) {
    Value item = Value::map();
    item.set("name", str(f.name));
    item.set("arn", str(f.arn));
    item.set("version", number(f.version));
    item.set("knownVersion", boolean(f.known_version));
    item.set("denies", strings_to(f.denies));
    item.set("explanation", str(f.explanation));
    list.items.push_back(std::move(item));
  }
  return list;
}

Value quarantine(wire::Fields& in) {
  const std::string user = in.string("userName");
  const auto attached = attached_from(in);
  Value out = Value::map();
  out.set("findings", findings_to(find_quarantine(attached, user)));
  return out;
}

Value denial(wire::Fields& in) {
  DenialContext c;
  c.code = in.string("code");
  c.message = in.string("message");
  c.action = in.string("action");
  c.signer_arn = in.string("signerArn");
  c.signer_temporary = in.boolean("signerTemporary");
  c.affected_user = in.string("affectedUser");
  c.affected_account = in.string("affectedAccount");
  c.quarantine = find_quarantine(attached_from(in), c.affected_user);
  c.sessions_cut = in.boolean("sessionsCut");
  const DenialVerdict v = explain_denial(c);
  Value out = Value::map();
  out.set("kind", str(v.token));
  out.set("explicitDeny", boolean(v.explicit_deny));
  out.set("signerIsAffectedUser", boolean(v.signer_is_affected_user));
  out.set("anotherPrincipalMustAct", boolean(v.another_principal_must_act));
  out.set("principalArn", str(v.principal_arn));
  out.set("policyType", str(v.policy_type));
  out.set("message", str(v.message));
  return out;
}

Value plan(wire::Fields& in) {
  IncidentState s;
  s.triage_ok = in.boolean("triageOk");
  s.temporary = in.boolean("temporary");
  s.signer_arn = in.string("signerArn");
  s.signer_account = in.string("signerAccount");
  s.signer_is_leaked_key = in.boolean("signerIsLeakedKey");
  s.key_info_done = in.boolean("keyInfoDone");
  s.key_account = in.string("keyAccount");
  s.owner_done = in.boolean("ownerDone");
  s.owner = in.string("owner");
  s.owner_error = in.string("ownerError");
  s.state_done = in.boolean("stateDone");
  s.key_status = in.string("keyStatus");
  s.want_deactivate = in.boolean("wantDeactivate");
  s.want_cut = in.boolean("wantCut");
  s.deactivate_confirmed = in.boolean("deactivateConfirmed");
  s.cut_confirmed = in.boolean("cutConfirmed");
  s.declined_deactivate = in.boolean("declinedDeactivate");
  s.declined_cut = in.boolean("declinedCut");
  s.deactivate_sent = in.boolean("deactivateSent");
  s.deactivate_done = in.boolean("deactivateDone");
  s.policies_done = in.boolean("policiesDone");
  s.size_fits = in.boolean("sizeFits");
  s.cut_done = in.boolean("cutDone");
  s.read_back_done = in.boolean("readBackDone");
  s.read_back_ok = in.boolean("readBackOk");
  s.denied_step = in.string("deniedStep");
  s.denied_message = in.string("deniedMessage");
  s.failed_step = in.string("failedStep");
  s.failed_message = in.string("failedMessage");
  const std::string key_id = in.string("keyId");
  const bool quarantined = in.boolean("quarantined");

  const IncidentDecision d = next_incident_step(s);
  Value decision = Value::map();
  decision.set("step", str(d.step));
  decision.set("stopReason", str(d.stop_reason));
  decision.set("message", str(d.message));
  decision.set("resumable", boolean(d.resumable));
  Value out = Value::map();
  out.set("decision", std::move(decision));
  out.set("nextSteps", strings_to(incident_next_steps(s, key_id, quarantined)));
  return out;
}

Value facts() {
  Value out = Value::map();
  out.set("policyName", str(kRevokeSessionsPolicyName));
  out.set("inlinePolicyLimit", number(static_cast<double>(kUserInlinePolicyChars)));
  out.set("notCovered", str(kRevokeSessionsNotCovered));
  out.set("encodedAccountLabel", str(kEncodedAccountLabel));
  return out;
}

}  // namespace

Value incident_call(wire::Fields& in) {
  const std::string question = in.string("question");
  if (question == "triage") return triage(in);
  if (question == "ownership") return ownership(in);
  if (question == "revokePolicy") return revoke_policy(in);
  if (question == "readBack") return read_back(in);
  if (question == "quarantine") return quarantine(in);
  if (question == "denial") return denial(in);
  if (question == "plan") return plan(in);
  if (question == "facts") return facts();
  Value out = Value::map();
  util::Issues issues;
  util::add_issue(issues, "question", "enum",
                  "is not one of triage, ownership, revokePolicy, readBack, quarantine, denial, plan, facts");
  out.set("issues", issues_to(issues));
  return out;
}

}  // namespace keyflip::flows
