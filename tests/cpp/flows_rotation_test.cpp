// The rotation decision (flows/rotation.h) and the later deletion
// (flows/delete_later.h), case by case: one key, the two-key limit with an
// Inactive key, with two Active keys, the signer's own key, the proof's
// timing and its failures, the rollback, retiring, and every refusal.
#include <gtest/gtest.h>

#include <string>

#include "flows/delete_later.h"
#include "flows/rotation.h"

namespace keyflip::flows {
namespace {

constexpr std::int64_t kNow = 1'765'000'000'000;  // 2025-12-06
constexpr std::int64_t kDay = 86'400'000;
const std::string kOld = "AKIAOLDOLDOLDOLD0001";
const std::string kOther = "AKIAOTHEROTHEROTH002";
const std::string kNew = "AKIANEWNEWNEWNEWN003";
const std::string kAdmin = "AKIAADMINADMINADM004";
const std::string kAdminArn = "arn:aws:iam::123456789012:user/admins/root-of-trust";
const std::string kAliceArn = "arn:aws:iam::123456789012:user/alice";

AccessKey key(const std::string& id, KeyStatus status, std::optional<std::int64_t> used_days_ago = std::nullopt) {
  AccessKey k;
  k.id = id;
  k.status = status;
  k.created_ms = static_cast<double>(kNow - 400 * kDay);
  if (used_days_ago) k.last_used_ms = static_cast<double>(kNow - *used_days_ago * kDay);
  return k;
}

// An admin rotating alice's one key, keys already listed.
RotationState listed(std::vector<AccessKey> keys) {
  RotationState s;
  s.user_name = "alice";
  s.keys = std::move(keys);
  s.rotated_key_id = kOld;
  s.signer = {kAdmin, kAdminArn};
  s.progress.keys_listed = true;
  s.now_ms = kNow;
  return s;
}

// The same, the new key created.
RotationState created(std::vector<AccessKey> keys) {
  RotationState s = listed(std::move(keys));
  s.progress.new_key_id = kNew;
  return s;
}

// The same, the new key proven.
RotationState proven(std::vector<AccessKey> keys) {
  RotationState s = created(std::move(keys));
  s.progress.prove_attempts = 3;
  s.progress.prove_started_ms = kNow - 4'000;
  s.progress.proven = true;
  return s;
}

// --- before: list, and the two-key limit

TEST(Rotation, FirstTheSignerThenTheKeys) {
  RotationState s;
  s.rotated_key_id = kOld;  // no user named: the signer's own
  s.now_ms = kNow;
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::IdentifySigner);
  s.signer = {kOld, kAliceArn};
  const auto step = next_rotation_step(s);
  EXPECT_EQ(step.kind, StepKind::ListKeys);
  EXPECT_EQ(step.user_name, "alice");
}

TEST(Rotation, OptionsAreCheckedBeforeAnything) {
  RotationState s;
  s.rotated_key_id = kOld;
  s.options.prove_interval_ms = 0;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Invalid);
  ASSERT_EQ(step.issues.size(), 1u);
  EXPECT_EQ(step.issues[0].field, "options.proveIntervalMs");
  EXPECT_EQ(step.issues[0].message, "options.proveIntervalMs: must be from 100 to 60000 ms, got 0");
}

TEST(Rotation, OneKeyGoesStraightToCreate) {
  EXPECT_EQ(next_rotation_step(listed({key(kOld, KeyStatus::Active, 1)})).kind, StepKind::CreateKey);
}

TEST(Rotation, AtTheLimitWithAnInactiveKeyOffersIt) {
  const auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Inactive, 3)});
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::AskKeyToDelete);
  // The Active key being rotated is never offered.
  ASSERT_EQ(step.candidates.size(), 1u);
  EXPECT_EQ(step.candidates[0].key_id, kOther);
  EXPECT_EQ(step.candidates[0].status, KeyStatus::Inactive);
  EXPECT_TRUE(step.candidates[0].recently_used);  // used 3 days ago, window 7 days
  EXPECT_NE(step.message.find("Inactive"), std::string::npos);
}

TEST(Rotation, AtTheLimitThePickedConfirmedInactiveKeyIsDeletedThenCreate) {
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Inactive, 30)});
  s.choices.limit_asked = true;
  s.choices.delete_pick = kOther;
  s.choices.delete_confirmed = true;
  auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::DeleteKeyForRoom);
  EXPECT_EQ(step.key_id, kOther);
  s.progress.deleted_for_room = kOther;
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::CreateKey);
}

TEST(Rotation, AtTheLimitTheInactiveKeyDeclinedIsARefusal) {
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Inactive)});
  s.choices.limit_asked = true;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::NothingPicked);
}

TEST(Rotation, AtTheLimitAnInactivePickNeedsConfirmationToo) {
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Inactive)});
  s.choices.limit_asked = true;
  s.choices.delete_pick = kOther;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::PickNotConfirmed);
}

TEST(Rotation, BothActiveOffersTheOtherActiveKeyFlagged) {
  const auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Active, 2)});
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::AskKeyToDelete);
  ASSERT_EQ(step.candidates.size(), 1u);
  EXPECT_EQ(step.candidates[0].key_id, kOther);
  EXPECT_EQ(step.candidates[0].status, KeyStatus::Active);
  EXPECT_NE(step.message.find("Both are Active"), std::string::npos);
}

TEST(Rotation, BothActiveAndNothingPickedIsRefusedWithTheReason) {
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Active, 2)});
  s.choices.limit_asked = true;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::BothActiveNothingPicked);
  EXPECT_NE(step.message.find("both are Active"), std::string::npos);
  EXPECT_STREQ(to_string(step.refusal), "both-active-nothing-picked");
}

TEST(Rotation, AnActiveKeyPickedWithoutConfirmationIsRefused) {
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Active, 2)});
  s.choices.limit_asked = true;
  s.choices.delete_pick = kOther;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::ActivePickNotConfirmed);
}

TEST(Rotation, AnActiveKeyPickedAndConfirmedIsDeleted) {
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Active, 2)});
  s.choices.limit_asked = true;
  s.choices.delete_pick = kOther;
  s.choices.delete_confirmed = true;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::DeleteKeyForRoom);
  EXPECT_EQ(step.key_id, kOther);
}

TEST(Rotation, TheActiveRotatedKeyPickedIsRefusedEvenConfirmed) {
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Active, 2)});
  s.choices.limit_asked = true;
  s.choices.delete_pick = kOld;
  s.choices.delete_confirmed = true;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::RotatedKeyPicked);
}

TEST(Rotation, AnInactiveRotatedKeyMayMakeRoomAndThenNothingIsDeactivated) {
  auto s = listed({key(kOld, KeyStatus::Inactive, 60), key(kOther, KeyStatus::Active, 1)});
  const auto ask = next_rotation_step(s);
  ASSERT_EQ(ask.kind, StepKind::AskKeyToDelete);
  ASSERT_EQ(ask.candidates.size(), 2u);
  EXPECT_EQ(ask.candidates[0].key_id, kOld);  // Inactive first
  s.choices.limit_asked = true;
  s.choices.delete_pick = kOld;
  s.choices.delete_confirmed = true;
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::DeleteKeyForRoom);
  s.progress.deleted_for_room = kOld;
  s.progress.new_key_id = kNew;
  s.progress.prove_attempts = 1;
  s.progress.prove_started_ms = kNow;
  s.progress.proven = true;
  const auto end = next_rotation_step(s);
  ASSERT_EQ(end.kind, StepKind::Done);
  EXPECT_EQ(end.outcome, Outcome::Rotated);
  EXPECT_NE(end.message.find("deleted to make room"), std::string::npos);
}

TEST(Rotation, CandidatesAreInactiveFirstThenLeastRecentlyUsed) {
  auto s = listed({key(kOld, KeyStatus::Inactive, 1), key(kOther, KeyStatus::Inactive)});
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::AskKeyToDelete);
  ASSERT_EQ(step.candidates.size(), 2u);
  EXPECT_EQ(step.candidates[0].key_id, kOther);  // never used comes before used yesterday
  EXPECT_FALSE(step.candidates[0].recently_used);
  EXPECT_TRUE(step.candidates[1].recently_used);
}

// --- the signer's own key

TEST(Rotation, TheSignersOwnOtherKeyIsNeverOfferedNorDeleted) {
  // alice signs with her other key and rotates kOld: both Active, the only
  // deletable candidate would be the signer's key.
  auto s = listed({key(kOld, KeyStatus::Active, 1), key(kOther, KeyStatus::Active, 0)});
  s.signer = {kOther, kAliceArn};
  auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::NoKeyCanBeDeleted);

  s.choices.limit_asked = true;
  s.choices.delete_pick = kOther;
  s.choices.delete_confirmed = true;
  step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::SignerKeyPicked);
}

TEST(Rotation, TheSignersOwnKeyAtTheLimitDeletesTheInactiveOne) {
  auto s = listed({key(kOld, KeyStatus::Active, 0), key(kOther, KeyStatus::Inactive, 90)});
  s.signer = {kOld, kAliceArn};
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::AskKeyToDelete);
  ASSERT_EQ(step.candidates.size(), 1u);
  EXPECT_EQ(step.candidates[0].key_id, kOther);
}

TEST(Rotation, TheSignersOwnKeySwitchesTheSignerBeforeDeactivating) {
  auto s = proven({key(kOld, KeyStatus::Active, 0)});
  s.signer = {kOld, kAliceArn};
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::ReadOldKeyLastUse);
  s.progress.old_last_use_read = true;
  const auto ask = next_rotation_step(s);
  ASSERT_EQ(ask.kind, StepKind::AskRetire);
  EXPECT_TRUE(ask.recently_used);  // it signed a moment ago
  s.choices.retire_asked = true;
  s.choices.retire_confirmed = true;
  const auto sw = next_rotation_step(s);
  ASSERT_EQ(sw.kind, StepKind::SwitchSigner);
  EXPECT_EQ(sw.key_id, kNew);
  s.progress.signer_switched = true;
  const auto off = next_rotation_step(s);
  ASSERT_EQ(off.kind, StepKind::DeactivateOldKey);
  EXPECT_EQ(off.key_id, kOld);
  s.progress.old_deactivated = true;
  const auto end = next_rotation_step(s);
  ASSERT_EQ(end.kind, StepKind::Done);
  EXPECT_EQ(end.outcome, Outcome::Rotated);
}

TEST(Rotation, AnAdminSignerIsNeverSwitched) {
  auto s = proven({key(kOld, KeyStatus::Active, 20)});
  s.progress.old_last_use_read = true;
  s.choices.retire_asked = true;
  s.choices.retire_confirmed = true;
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::DeactivateOldKey);
}

TEST(Rotation, TheUsersOtherKeySigningIsNotSwitchedEither) {
  auto s = proven({key(kOld, KeyStatus::Active, 20)});
  s.signer = {"ASIATEMPORARYSESSION", kAliceArn};  // alice with temporary credentials
  s.progress.old_last_use_read = true;
  s.choices.retire_asked = true;
  s.choices.retire_confirmed = true;
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::DeactivateOldKey);
}

TEST(Rotation, WithoutAUserNameTheSignersOwnUserIsRotated) {
  auto s = listed({key(kOld, KeyStatus::Active, 0)});
  s.user_name.clear();
  s.signer = {kOld, kAliceArn};
  const auto step = next_rotation_step(s);
  EXPECT_EQ(step.kind, StepKind::CreateKey);
  EXPECT_EQ(step.user_name, "alice");
  EXPECT_TRUE(step.signer_is_user);
  s.user_name = "alice";
  s.signer = {kAdmin, kAdminArn};
  EXPECT_FALSE(next_rotation_step(s).signer_is_user);
}

TEST(Rotation, OnlyAnIamUsersArnNamesAUser) {
  EXPECT_EQ(user_name_from_arn("arn:aws:iam::123456789012:user/alice"), "alice");
  EXPECT_EQ(user_name_from_arn("arn:aws-cn:iam::123456789012:user/a/b/carol"), "carol");
  EXPECT_EQ(user_name_from_arn("arn:aws:iam::123456789012:root"), std::nullopt);
  EXPECT_EQ(user_name_from_arn("arn:aws:sts::123456789012:assumed-role/R/alice"), std::nullopt);
  EXPECT_EQ(user_name_from_arn("arn:aws:sts::123456789012:federated-user/alice"), std::nullopt);
  EXPECT_EQ(user_name_from_arn("arn:aws:iam::123456789012:user/"), std::nullopt);
  EXPECT_EQ(user_name_from_arn("arn:aws:iam:us-east-1:123456789012:user/alice"), std::nullopt);
  EXPECT_EQ(user_name_from_arn("user/alice"), std::nullopt);
  EXPECT_EQ(user_name_from_arn(""), std::nullopt);
}

// --- proving the new key

TEST(Rotation, CreatedThenProvedAtOnce) {
  const auto step = next_rotation_step(created({key(kOld, KeyStatus::Active, 1)}));
  ASSERT_EQ(step.kind, StepKind::ProveNewKey);
  EXPECT_EQ(step.key_id, kNew);
  EXPECT_EQ(step.wait_ms, 0);
  EXPECT_EQ(step.elapsed_ms, 0);
}

TEST(Rotation, NotYetWaitsForTheNextIntervalFromTheFirstAttempt) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.prove_attempts = 1;
  s.progress.prove_started_ms = kNow - 300;  // the answer took 300 ms
  s.progress.prove_last_code = "InvalidClientTokenId";
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::ProveNewKey);
  EXPECT_EQ(step.wait_ms, 1'700);
  EXPECT_EQ(step.elapsed_ms, 300);
}

TEST(Rotation, ANetworkFailureIsNotYetToo) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.prove_attempts = 2;
  s.progress.prove_started_ms = kNow - 2'100;
  s.progress.prove_last_code = "";
  s.progress.prove_last_transient = true;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::ProveNewKey);
  EXPECT_EQ(step.wait_ms, 1'900);
}

TEST(Rotation, TheLastAttemptIsAtTheTimeoutThenTheRollbackIsOffered) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.prove_started_ms = kNow - 58'000;
  s.progress.prove_attempts = 30;  // 0, 2, ..., 58 s
  s.progress.prove_last_code = "InvalidClientTokenId";
  auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::ProveNewKey);  // the 31st, at 60 s
  EXPECT_EQ(step.wait_ms, 2'000);
  s.progress.prove_attempts = 31;
  s.now_ms = kNow + 2'050;
  step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::AskRollback);
  EXPECT_EQ(step.key_id, kNew);
  EXPECT_EQ(step.elapsed_ms, 60'050);
  EXPECT_NE(step.message.find("did not work within 60 s"), std::string::npos);
}

TEST(Rotation, SlowAnswersUseUpTheTimeoutToo) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.prove_started_ms = kNow - 61'000;
  s.progress.prove_attempts = 5;  // each timed out after 10 s
  s.progress.prove_last_transient = true;
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::AskRollback);
}

TEST(Rotation, TheIntervalAndTimeoutAreOptions) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.options.prove_interval_ms = 500;
  s.options.prove_timeout_ms = 1'000;
  s.progress.prove_started_ms = kNow;
  s.progress.prove_attempts = 2;
  s.progress.prove_last_code = "InvalidClientTokenId";
  auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::ProveNewKey);
  EXPECT_EQ(step.wait_ms, 1'000);
  s.progress.prove_attempts = 3;
  EXPECT_EQ(next_rotation_step(s).kind, StepKind::AskRollback);
}

TEST(Rotation, AnotherRefusalStopsTheProofAtOnce) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.prove_started_ms = kNow;
  s.progress.prove_attempts = 1;
  s.progress.prove_last_code = "SignatureDoesNotMatch";
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::AskRollback);
  EXPECT_NE(step.message.find("SignatureDoesNotMatch"), std::string::npos);
}

TEST(Rotation, RollbackConfirmedDeletesTheNewKeyAndEndsRolledBack) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.prove_started_ms = kNow - 70'000;
  s.progress.prove_attempts = 31;
  s.progress.prove_last_code = "InvalidClientTokenId";
  s.choices.rollback_asked = true;
  s.choices.rollback_confirmed = true;
  const auto del = next_rotation_step(s);
  ASSERT_EQ(del.kind, StepKind::DeleteNewKey);
  EXPECT_EQ(del.key_id, kNew);
  s.progress.new_key_deleted = true;
  const auto end = next_rotation_step(s);
  ASSERT_EQ(end.kind, StepKind::Done);
  EXPECT_EQ(end.outcome, Outcome::RolledBack);
}

TEST(Rotation, RollbackDeclinedKeepsTheNewKeyAndTheOldOne) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.prove_started_ms = kNow - 70'000;
  s.progress.prove_attempts = 31;
  s.progress.prove_last_code = "InvalidClientTokenId";
  s.choices.rollback_asked = true;
  const auto end = next_rotation_step(s);
  ASSERT_EQ(end.kind, StepKind::Done);
  EXPECT_EQ(end.outcome, Outcome::NotProvenKept);
}

TEST(Rotation, ASecretThatCouldNotBeSavedOffersTheRollbackAtOnce) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.secret_not_saved = true;
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::AskRollback);
  EXPECT_NE(step.message.find("could not be saved"), std::string::npos);
  EXPECT_NE(step.message.find("the old key " + kOld + " is untouched"), std::string::npos);
}

// --- retiring the old key

TEST(Rotation, RetireShowsWhetherTheOldKeyIsStillInUse) {
  auto s = proven({key(kOld, KeyStatus::Active, 30)});
  s.progress.old_last_use_read = true;
  auto ask = next_rotation_step(s);
  ASSERT_EQ(ask.kind, StepKind::AskRetire);
  EXPECT_EQ(ask.key_id, kOld);
  EXPECT_FALSE(ask.recently_used);
  s.keys[0].last_used_ms = static_cast<double>(kNow - 6 * kDay);
  EXPECT_TRUE(next_rotation_step(s).recently_used);
  s.keys[0].last_used_ms.reset();  // never used
  EXPECT_FALSE(next_rotation_step(s).recently_used);
}

TEST(Rotation, RetireDeclinedKeepsTheOldKeyActive) {
  auto s = proven({key(kOld, KeyStatus::Active, 1)});
  s.progress.old_last_use_read = true;
  s.choices.retire_asked = true;
  const auto end = next_rotation_step(s);
  ASSERT_EQ(end.kind, StepKind::Done);
  EXPECT_EQ(end.outcome, Outcome::OldKeyKeptActive);
}

TEST(Rotation, AnAlreadyInactiveOldKeyNeedsNoRetirement) {
  const auto end = next_rotation_step(proven({key(kOld, KeyStatus::Inactive, 100)}));
  ASSERT_EQ(end.kind, StepKind::Done);
  EXPECT_EQ(end.outcome, Outcome::Rotated);
}

// --- stopping, and states that are wrong

TEST(Rotation, StoppedEndsSayingWhetherANewKeyExists) {
  auto s = created({key(kOld, KeyStatus::Active, 1)});
  s.progress.stopped = true;
  auto end = next_rotation_step(s);
  ASSERT_EQ(end.kind, StepKind::Done);
  EXPECT_EQ(end.outcome, Outcome::Stopped);
  EXPECT_NE(end.message.find(kNew), std::string::npos);
  s.progress.new_key_id.clear();
  EXPECT_EQ(next_rotation_step(s).message, "stopped before any key was created.");
  s.progress.create_unanswered = true;  // never claimed either way
  EXPECT_NE(next_rotation_step(s).message.find("a new key may exist"), std::string::npos);
}

TEST(Rotation, MoreKeysThanIamAllowsIsNotTrusted) {
  const auto step = next_rotation_step(listed(
      {key(kOld, KeyStatus::Active), key(kOther, KeyStatus::Inactive), key("AKIATHIRDTHIRDTHI005", KeyStatus::Inactive)}));
  ASSERT_EQ(step.kind, StepKind::Refused);
  EXPECT_EQ(step.refusal, Refusal::TooManyKeys);
}

bool has_issue(const RotationStep& step, const std::string& field, const std::string& rule) {
  for (const auto& issue : step.issues)
    if (issue.field == field && issue.rule == rule) return issue.message.rfind(field + ": ", 0) == 0;
  return false;
}

TEST(Rotation, BadInputNamesTheFieldAndTheRule) {
  RotationState s = listed({key(kOther, KeyStatus::Active), key(kOther, KeyStatus::Inactive)});
  s.signer.key_id.clear();
  s.signer.arn = "arn:aws:sts::123456789012:assumed-role/Admin/session";  // and no user named
  s.user_name.clear();
  s.options.prove_interval_ms = 50;
  s.options.prove_timeout_ms = 900'001;
  s.options.recent_use_window_ms = -1;
  s.choices.delete_pick = "AKIANOTLISTEDNOTLI06";
  const auto step = next_rotation_step(s);
  ASSERT_EQ(step.kind, StepKind::Invalid);
  EXPECT_TRUE(has_issue(step, "userName", "required"));
  EXPECT_FALSE(step.signer_is_user);
  EXPECT_TRUE(has_issue(step, "signer.keyId", "required"));
  EXPECT_TRUE(has_issue(step, "keys[1].id", "unique"));
  EXPECT_TRUE(has_issue(step, "rotatedKeyId", "listed"));
  EXPECT_TRUE(has_issue(step, "options.proveIntervalMs", "range"));
  EXPECT_TRUE(has_issue(step, "options.proveTimeoutMs", "range"));
  EXPECT_TRUE(has_issue(step, "options.recentUseWindowMs", "range"));
  EXPECT_TRUE(has_issue(step, "choices.deletePick", "listed"));
}

TEST(Rotation, ProgressOutOfOrderIsInvalid) {
  auto s = listed({key(kOld, KeyStatus::Active)});
  s.progress.proven = true;  // without a new key
  EXPECT_TRUE(has_issue(next_rotation_step(s), "progress.newKeyId", "required"));

  s = created({key(kOld, KeyStatus::Active)});
  s.progress.old_deactivated = true;  // before the proof
  EXPECT_TRUE(has_issue(next_rotation_step(s), "progress.proven", "order"));

  s = created({key(kOld, KeyStatus::Active)});
  s.progress.new_key_id = kOld;  // the new key is an old one
  EXPECT_TRUE(has_issue(next_rotation_step(s), "progress.newKeyId", "consistent"));

  s = listed({key(kOld, KeyStatus::Active), key(kOther, KeyStatus::Inactive)});
  s.progress.deleted_for_room = kOther;  // never picked
  EXPECT_TRUE(has_issue(next_rotation_step(s), "progress.deletedForRoom", "consistent"));

  s = listed({key(kOld, KeyStatus::Active), key(kAdmin, KeyStatus::Active)});
  // The signing key is alice's, yet the signer is the admin.
  EXPECT_TRUE(has_issue(next_rotation_step(s), "signer.arn", "consistent"));
}

TEST(Rotation, StepNamesAreStable) {
  EXPECT_STREQ(to_string(StepKind::ListKeys), "list-keys");
  EXPECT_STREQ(to_string(StepKind::ProveNewKey), "prove-new-key");
  EXPECT_STREQ(to_string(StepKind::SwitchSigner), "switch-signer");
  EXPECT_STREQ(to_string(Outcome::RolledBack), "rolled-back");
  EXPECT_STREQ(to_string(KeyStatus::Inactive), "Inactive");
}

// --- deleting later

DeleteLaterRequest later(KeyStatus status, std::optional<std::int64_t> used_days_ago, std::string typed = "") {
  DeleteLaterRequest r;
  r.user_name = "alice";
  r.keys = {key(kOld, status, used_days_ago), key(kNew, KeyStatus::Active, 0)};
  r.key_id = kOld;
  r.typed_id = std::move(typed);
  r.now_ms = kNow;
  return r;
}

TEST(DeleteLater, AnInactiveKeyAsksForItsIdThenIsAllowed) {
  auto d = decide_delete_later(later(KeyStatus::Inactive, 30));
  EXPECT_EQ(d.verdict, DeleteLaterVerdict::AskTypedId);
  EXPECT_FALSE(d.recently_used);
  EXPECT_NE(d.message.find("cannot be undone"), std::string::npos);
  d = decide_delete_later(later(KeyStatus::Inactive, 30, kOld));
  EXPECT_EQ(d.verdict, DeleteLaterVerdict::Allowed);
}

TEST(DeleteLater, ARecentUseIsAWarning) {
  const auto d = decide_delete_later(later(KeyStatus::Inactive, 2));
  EXPECT_EQ(d.verdict, DeleteLaterVerdict::AskTypedId);
  EXPECT_TRUE(d.recently_used);
  EXPECT_NE(d.message.find("within the last 7 days"), std::string::npos);
  auto r = later(KeyStatus::Inactive, 2);
  r.recent_use_window_ms = kDay;  // a shorter window: 2 days ago is not recent
  EXPECT_FALSE(decide_delete_later(r).recently_used);
}

TEST(DeleteLater, AnActiveKeyIsRefusedWhateverIsTyped) {
  const auto d = decide_delete_later(later(KeyStatus::Active, 30, kOld));
  EXPECT_EQ(d.verdict, DeleteLaterVerdict::Refused);
  EXPECT_EQ(d.refusal, Refusal::KeyActive);
}

TEST(DeleteLater, AWrongTypedIdIsRefused) {
  auto d = decide_delete_later(later(KeyStatus::Inactive, 30, kOld.substr(0, 19)));
  EXPECT_EQ(d.verdict, DeleteLaterVerdict::Refused);
  EXPECT_EQ(d.refusal, Refusal::TypedIdMismatch);
  d = decide_delete_later(later(KeyStatus::Inactive, 30, " " + kOld));  // exact, as the Console
  EXPECT_EQ(d.refusal, Refusal::TypedIdMismatch);
}

TEST(DeleteLater, AKeyNotListedIsRefused) {
  auto r = later(KeyStatus::Inactive, 30, kOther);
  r.key_id = kOther;
  EXPECT_EQ(decide_delete_later(r).refusal, Refusal::KeyNotListed);
}

TEST(DeleteLater, BadInputNamesTheField) {
  auto r = later(KeyStatus::Inactive, 30);
  r.key_id.clear();
  r.recent_use_window_ms = limits::kMaxRecentUseWindowMs + 1;
  const auto d = decide_delete_later(r);
  ASSERT_EQ(d.verdict, DeleteLaterVerdict::Invalid);
  ASSERT_EQ(d.issues.size(), 2u);
  EXPECT_EQ(d.issues[0].field, "keyId");
  EXPECT_EQ(d.issues[1].field, "options.recentUseWindowMs");
}

}  // namespace
}  // namespace keyflip::flows
