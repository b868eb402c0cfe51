#include "flows/incident_plan.h"

#include "flows/key_triage.h"
#include "flows/revoke_sessions.h"

namespace keyflip::flows {

namespace {

IncidentDecision go(const char* step) { return {step, "", "", false}; }

IncidentDecision stop(const char* reason, std::string message, bool resumable = false) {
  return {"stop", reason, std::move(message), resumable};
}

}  // namespace

IncidentDecision next_incident_step(const IncidentState& s) {
  if (!s.triage_ok) return stop("invalidKey", "The text is not an access key ID: nothing was sent.");
  if (s.signer_arn.empty()) return go("identify");
  if (!s.denied_step.empty()) return stop("denied", s.denied_message, true);
  if (!s.failed_step.empty()) {
    const bool full_stop = !s.failed_message.empty() && s.failed_message.back() == '.';
    return stop("failed",
                "The step " + s.failed_step + " failed: " + s.failed_message + (full_stop ? "" : ".") +
                    " Run again to retry it.",
                true);
  }
  if (!s.key_info_done) return go("keyInfo");

  const OwnershipVerdict whose = key_ownership(s.key_account, s.signer_account);
  if (whose.ownership == Ownership::NotOurs) return stop("notOurs", whose.message);
  if (s.temporary)
    return stop("temporaryKey",
                "A temporary (ASIA) key has no owner in IAM to look up and cannot be deactivated. Find in "
                "CloudTrail which user or role made the session, deny that principal's older sessions, and turn "
                "off the long-term key it came from.");

  if (!s.owner_done) return go("lookUpOwner");
  if (s.owner.empty()) {
    if (s.owner_error == "NoSuchEntity")
      return stop("unknownKey",
                  "IAM knows no such key in the account you are signed into" +
                      (s.key_account.empty() ? std::string(": it may belong to another AWS account")
                                             : std::string(" (it may have been deleted already)")) +
                      ". " + whose.message);
    return stop("lookupFailed", "The key's owner could not be looked up (" + s.owner_error + ").");
  }
  if (!s.state_done) return go("readState");

  const bool inactive = s.deactivate_done || s.key_status == "Inactive";
  if (s.want_deactivate && !inactive && !s.deactivate_sent && !s.declined_deactivate) {
    if (s.key_status.empty())
      return stop("keyNotListed",
                  "ListAccessKeys does not show the key under " + s.owner +
                      ", though GetAccessKeyLastUsed named that user (deleted meanwhile, or IAM not yet "
                      "consistent). Look again before acting.",
                  true);
    // Turning off the key that signs is a lock-out: asked as such.
    if (!s.deactivate_confirmed) return go(s.signer_is_leaked_key ? "confirmDeactivateSigningKey" : "confirmDeactivate");
    return go("deactivate");
  }
  // Once the signing key itself is off, nothing more can be signed with it.
  if (s.signer_is_leaked_key && (s.deactivate_sent || s.key_status == "Inactive") &&
      ((s.want_cut && !s.cut_done && !s.declined_cut) || (s.cut_done && !s.read_back_done)))
    return stop("signingWithLeakedKey",
                "The key that signs these requests is the leaked one, and it is off now: switch the signing "
                "credentials to another principal (an administrator) to cut off its sessions; the incident's "
                "progress is kept.",
                true);

  if (s.want_cut && !s.cut_done && !s.declined_cut) {
    if (!s.policies_done) return go("readPolicies");
    if (!s.size_fits)
      return stop("tooLarge",
                  "The deny does not fit among " + s.owner +
                      "'s inline policies (IAM's " + std::to_string(kUserInlinePolicyChars) +
                      " characters per user, whitespace not counted): make room, then run again.",
                  true);
    if (!s.cut_confirmed) return go("confirmCut");
    return go("cutSessions");
  }
  if (s.cut_done && !s.read_back_done) return go("readBack");
  if (s.cut_done && !s.read_back_ok)
    return stop("readBackDiffers",
                "IAM holds a different " + std::string(kRevokeSessionsPolicyName) +
                    " than the one put (changed since?): look at it before relying on the cut.");
  return go("done");
}

std::vector<std::string> incident_next_steps(const IncidentState& s, const std::string& key_id, bool quarantined) {
  std::vector<std::string> steps;
  const OwnershipVerdict whose = key_ownership(s.key_account, s.signer_account);
  if (whose.ownership == Ownership::NotOurs) {
    steps.push_back("Tell the owner of account " + s.key_account + " that key " + key_id +
                    " leaked, or AWS if you do not know them. Nothing in your account can turn it off.");
    return steps;
  }
  const std::string user = s.owner.empty() ? std::string("the key's user") : s.owner;
  if (s.temporary)
    steps.push_back("Find in CloudTrail which user or role made the session " + key_id +
                    " (the GetSessionToken, GetFederationToken or AssumeRole event that returned it), deny that "
                    "principal's sessions issued before now, and deactivate the long-term key it came from.");
  if (!s.temporary && !(s.deactivate_done || s.key_status == "Inactive"))
    steps.push_back("Deactivate " + key_id + ": keyflip has not seen IAM show it Inactive.");
  if (!s.temporary && !(s.cut_done && s.read_back_ok))
    steps.push_back("Cut off the sessions made from " + key_id + " (the " + kRevokeSessionsPolicyName + " deny on " +
                    user + "): not done or not confirmed.");
  steps.push_back("Search CloudTrail for " + key_id +
                  " in every region (event history keeps 90 days; a trail longer): what it did, from where, and "
                  "which sessions were made from it.");
  steps.push_back("Review what " + user +
                  " could reach (attached and inline policies, groups, roles it may assume) and treat all of it as "
                  "exposed.");
  steps.push_back("Sessions from AssumeRole are not covered by the deny on " + user +
                  ": if it could assume roles, put the same deny on each role (the Console's \"Revoke active "
                  "sessions\").");
  steps.push_back("Rotate " + user + "'s other keys (keyflip's rotation flow), then delete " + key_id +
                  " once nothing needs it; keep its ID to search for it later.");
  if (quarantined)
    steps.push_back("Follow AWS's support case about the exposed key; remove AWSCompromisedKeyQuarantine only when "
                    "it says so.");
  return steps;
}

}  // namespace keyflip::flows
