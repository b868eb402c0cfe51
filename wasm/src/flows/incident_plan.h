// The order of a leaked-key response, decided from what is known so far:
// who signs, whose key it is, its owner and state, then turn it off, then
// cut off its sessions and read the cut back. The package's helper
// (wasm/js/incident.js) performs each step with the client and records it;
// this decides which step comes next, when to stop, and why. The progress
// is all in IncidentState, so a person who must switch the signing
// credentials (an explicit deny on the leaked user) resumes where they were.
#pragma once
#include <string>
#include <vector>

namespace keyflip::flows {

struct IncidentState {
  // Offline (triage_key_id)
  bool triage_ok = false;      // a well-formed access key ID
  bool temporary = false;      // ASIA
  // identify: GetCallerIdentity with the current signer ("" = not yet)
  std::string signer_arn;
  std::string signer_account;
  bool signer_is_leaked_key = false;  // the caller said it signs with the leaked key itself
  // keyInfo: GetAccessKeyInfo
  bool key_info_done = false;
  std::string key_account;     // "" when STS did not say (refused, failed)
  // lookUpOwner: GetAccessKeyLastUsed
  bool owner_done = false;
  std::string owner;           // "" with owner_error
  std::string owner_error;     // the error's code ("NoSuchEntity", ...)
  // readState: ListAccessKeys + ListAttachedUserPolicies of the owner
  bool state_done = false;
  std::string key_status;      // "Active" | "Inactive" | "" (not listed under the owner)
  // the person's choices
  bool want_deactivate = true;
  bool want_cut = true;
  bool deactivate_confirmed = false;
  bool cut_confirmed = false;
  bool declined_deactivate = false;  // the person said no to turning the key off
  bool declined_cut = false;         // ... to cutting its sessions
  // progress
  bool deactivate_sent = false;   // UpdateAccessKey answered with success
  bool deactivate_done = false;   // IAM shows the key Inactive
  bool policies_done = false;     // the owner's inline policies read (ListUserPolicies + GetUserPolicy)
  bool size_fits = false;
  bool cut_done = false;          // PutUserPolicy succeeded
  bool read_back_done = false;    // GetUserPolicy read it back
  bool read_back_ok = false;      // and it is the policy put
  // The step the current signer was refused with an AccessDenied; cleared
  // when the signer changes (a new identify).
  std::string denied_step;
  std::string denied_message;     // explain_denial's words
  // A step that failed otherwise (network, timeout, IAM error): the run
  // stops there and a new run tries it again (every step is idempotent).
  std::string failed_step;
  std::string failed_message;
};

struct IncidentDecision {
  // identify, keyInfo, lookUpOwner, readState, confirmDeactivate (or
  // confirmDeactivateSigningKey: the key signs these requests, a lock-out),
  // deactivate, readPolicies, confirmCut, cutSessions, readBack, done, stop
  std::string step;
  // Why it stops (or "" while it goes on): invalidKey, signingWithLeakedKey,
  // denied, failed, notOurs, temporaryKey, unknownKey, lookupFailed,
  // keyNotListed, tooLarge, readBackDiffers
  std::string stop_reason;
  std::string message;        // for people
  bool resumable = false;     // switching the signing credentials lets it go on
};

IncidentDecision next_incident_step(const IncidentState& state);

// What the person must still do that keyflip cannot, in order, for the
// record and the page. quarantined: AWS's policy is on the owner.
std::vector<std::string> incident_next_steps(const IncidentState& state, const std::string& key_id,
                                             bool quarantined);

}  // namespace keyflip::flows
