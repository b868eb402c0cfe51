// The order of a leaked-key response (flows/incident_plan.h): each step in
// turn, every stop and why, resuming after a switch of signer, no loop after
// a deactivation IAM has not confirmed yet, and the next steps left to do.
#include <gtest/gtest.h>

#include <string>

#include "flows/incident_plan.h"

namespace keyflip::flows {
namespace {

IncidentState started() {
  IncidentState s;
  s.triage_ok = true;
  return s;
}

// A state after each step went well, up to (not including) `until`.
IncidentState after(const std::string& until) {
  IncidentState s = started();
  const auto reached = [&](const char* step) { return until == step; };
  if (reached("identify")) return s;
  s.signer_arn = "arn:aws:iam::123456789012:user/admin";
  s.signer_account = "123456789012";
  if (reached("keyInfo")) return s;
  s.key_info_done = true;
  s.key_account = "123456789012";
  if (reached("lookUpOwner")) return s;
  s.owner_done = true;
  s.owner = "leaky";
  if (reached("readState")) return s;
  s.state_done = true;
  s.key_status = "Active";
  if (reached("confirmDeactivate")) return s;
  s.deactivate_confirmed = true;
  if (reached("deactivate")) return s;
  s.deactivate_sent = true;
  s.deactivate_done = true;
  s.key_status = "Inactive";
  if (reached("readPolicies")) return s;
  s.policies_done = true;
  s.size_fits = true;
  if (reached("confirmCut")) return s;
  s.cut_confirmed = true;
  if (reached("cutSessions")) return s;
  s.cut_done = true;
  if (reached("readBack")) return s;
  s.read_back_done = true;
  s.read_back_ok = true;
  return s;
}

TEST(IncidentPlan, EveryStepInOrder) {
  for (const char* step : {"identify", "keyInfo", "lookUpOwner", "readState", "confirmDeactivate", "deactivate",
                           "readPolicies", "confirmCut", "cutSessions", "readBack"}) {
    const IncidentDecision d = next_incident_step(after(step));
    EXPECT_EQ(d.step, step);
    EXPECT_EQ(d.stop_reason, "") << step;
  }
  EXPECT_EQ(next_incident_step(after("")).step, "done");
}

TEST(IncidentPlan, BadKeyStopsBeforeAnyCall) {
  IncidentState s;  // triage_ok false
  const IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.step, "stop");
  EXPECT_EQ(d.stop_reason, "invalidKey");
  EXPECT_FALSE(d.resumable);
}

TEST(IncidentPlan, NotOursStopsAfterStsSaysSo) {
  IncidentState s = after("lookUpOwner");
  s.key_account = "609629065308";
  const IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "notOurs");
  EXPECT_NE(d.message.find("609629065308, not yours"), std::string::npos) << d.message;
  // Unknown (GetAccessKeyInfo refused): the owner lookup still runs.
  s.key_account = "";
  EXPECT_EQ(next_incident_step(s).step, "lookUpOwner");
}

TEST(IncidentPlan, TemporaryKeyHasNoOwnerToLookUp) {
  IncidentState s = after("lookUpOwner");
  s.temporary = true;
  const IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "temporaryKey");
  EXPECT_NE(d.message.find("cannot be deactivated"), std::string::npos);
}

TEST(IncidentPlan, UnknownKeyAndFailedLookup) {
  IncidentState s = after("readState");
  s.owner = "";
  s.owner_error = "NoSuchEntity";
  s.key_account = "";
  IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "unknownKey");
  EXPECT_NE(d.message.find("may belong to another AWS account"), std::string::npos) << d.message;
  s.owner_error = "ServiceFailure";
  d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "lookupFailed");
  EXPECT_NE(d.message.find("ServiceFailure"), std::string::npos);
}

TEST(IncidentPlan, DenialStopsUntilTheSignerChanges) {
  IncidentState s = after("deactivate");
  s.denied_step = "deactivate";
  s.denied_message = "You are signing as leaky, the user AWS quarantined ...";
  IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "denied");
  EXPECT_TRUE(d.resumable);
  EXPECT_EQ(d.message, s.denied_message);
  // Switching signer: the helper clears the signer and the denial; the
  // progress so far is kept, so after identifying it goes on where it was.
  s.signer_arn.clear();
  s.denied_step.clear();
  EXPECT_EQ(next_incident_step(s).step, "identify");
  s.signer_arn = "arn:aws:iam::123456789012:user/admin";
  EXPECT_EQ(next_incident_step(s).step, "deactivate");
}

TEST(IncidentPlan, SigningWithTheLeakedKeyItself) {
  // The reads go on (the owner, the quarantine); turning it off is asked as a lock-out.
  IncidentState s = after("keyInfo");
  s.signer_is_leaked_key = true;
  EXPECT_EQ(next_incident_step(s).step, "keyInfo");
  s = after("confirmDeactivate");
  s.signer_is_leaked_key = true;
  EXPECT_EQ(next_incident_step(s).step, "confirmDeactivateSigningKey");
  s.deactivate_confirmed = true;
  EXPECT_EQ(next_incident_step(s).step, "deactivate");
  // Once it is off, nothing more can be signed with it: switch first.
  s.deactivate_sent = true;
  const IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "signingWithLeakedKey");
  EXPECT_TRUE(d.resumable);
  // Another signer goes on to the sessions.
  s.signer_is_leaked_key = false;
  EXPECT_EQ(next_incident_step(s).step, "readPolicies");
  // Declined: nothing is turned off, and the cut may still be made with it.
  s = after("confirmDeactivate");
  s.signer_is_leaked_key = true;
  s.declined_deactivate = true;
  EXPECT_EQ(next_incident_step(s).step, "readPolicies");
}

TEST(IncidentPlan, FailedStepIsRetriedByANewRun) {
  IncidentState s = after("cutSessions");
  s.failed_step = "cutSessions";
  s.failed_message = "IAM did not answer within 10000 ms.";
  const IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "failed");
  EXPECT_NE(d.message.find("cutSessions failed: IAM did not answer"), std::string::npos);
  s.failed_step.clear();
  EXPECT_EQ(next_incident_step(s).step, "cutSessions");
}

TEST(IncidentPlan, AlreadyInactiveAndUnconfirmedDeactivation) {
  IncidentState s = after("confirmDeactivate");
  s.key_status = "Inactive";  // nothing to turn off: straight to the sessions
  EXPECT_EQ(next_incident_step(s).step, "readPolicies");

  // Sent, but IAM does not show it Inactive yet: never sent again in a loop.
  s = after("deactivate");
  s.deactivate_sent = true;
  EXPECT_EQ(next_incident_step(s).step, "readPolicies");
}

TEST(IncidentPlan, KeyNotListedUnderItsOwner) {
  IncidentState s = after("confirmDeactivate");
  s.key_status = "";
  const IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "keyNotListed");
  EXPECT_NE(d.message.find("under leaky"), std::string::npos);
}

TEST(IncidentPlan, ChoicesAndDeclines) {
  IncidentState s = after("confirmDeactivate");
  s.declined_deactivate = true;
  EXPECT_EQ(next_incident_step(s).step, "readPolicies");
  // Both declined: done, not asked again (each answer is kept).
  s = after("confirmCut");
  s.deactivate_sent = s.deactivate_done = false;
  s.key_status = "Active";
  s.declined_deactivate = true;
  s.declined_cut = true;
  EXPECT_EQ(next_incident_step(s).step, "done");
  s = after("confirmDeactivate");
  s.want_deactivate = false;
  EXPECT_EQ(next_incident_step(s).step, "readPolicies");
  s = after("confirmCut");
  s.declined_cut = true;
  EXPECT_EQ(next_incident_step(s).step, "done");
  s = after("readPolicies");
  s.want_cut = false;
  EXPECT_EQ(next_incident_step(s).step, "done");
}

TEST(IncidentPlan, TooLargeAndReadBackDiffers) {
  IncidentState s = after("confirmCut");
  s.size_fits = false;
  IncidentDecision d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "tooLarge");
  EXPECT_NE(d.message.find("2048 characters per user"), std::string::npos) << d.message;
  s = after("");
  s.read_back_ok = false;
  d = next_incident_step(s);
  EXPECT_EQ(d.stop_reason, "readBackDiffers");
}

TEST(IncidentPlan, NextStepsLeftToThePerson) {
  IncidentState s = after("");
  auto steps = incident_next_steps(s, "AKIAIOSFODNN7EXAMPLE", false);
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].rfind("Search CloudTrail for AKIAIOSFODNN7EXAMPLE in every region", 0), 0u) << steps[0];
  EXPECT_EQ(steps[1].rfind("Review what leaky could reach", 0), 0u);
  EXPECT_NE(steps[2].find("AssumeRole"), std::string::npos);
  EXPECT_EQ(steps[3].rfind("Rotate leaky's other keys", 0), 0u);

  // Quarantined, not yet cut: both said.
  s = after("cutSessions");
  steps = incident_next_steps(s, "AKIAIOSFODNN7EXAMPLE", true);
  ASSERT_EQ(steps.size(), 6u);
  EXPECT_EQ(steps[0].rfind("Cut off the sessions made from AKIAIOSFODNN7EXAMPLE", 0), 0u) << steps[0];
  EXPECT_NE(steps.back().find("AWSCompromisedKeyQuarantine"), std::string::npos);

  s = after("lookUpOwner");
  s.key_account = "609629065308";
  steps = incident_next_steps(s, "AKIAIOSFODNN7EXAMPLE", false);
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].rfind("Tell the owner of account 609629065308", 0), 0u);
}

}  // namespace
}  // namespace keyflip::flows
