// The leaked-key incident's decisions (wasm/src/flows): triage of a key ID,
// whose key it is, the revoke-older-sessions policy and IAM's size quota,
// AWS's quarantine policy, and what an AccessDenied means mid-incident.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "flows/denial.h"
#include "flows/key_triage.h"
#include "flows/quarantine.h"
#include "flows/revoke_sessions.h"

namespace keyflip::flows {
namespace {

// ---- triage from the ID alone

struct TriageRow {
  const char* id;
  const char* kind;            // kind_token
  Generation generation;
  const char* account;         // "" = none encoded
  const char* issue_rule;      // "" = no issue
};

// Expected accounts computed independently with the published Python
// reference of the heuristic (T. Be'ery, 2023): ASIAY34FZKBOKMUTVV7A is its
// worked example (609629065308).
const TriageRow kTriageTable[] = {
    {"AKIAIOSFODNN7EXAMPLE", "longTermAccessKey", Generation::Old, "", ""},  // AWS's documentation key
    {"AKIAJSIE27KKMHXI3BJQ", "longTermAccessKey", Generation::Old, "", ""},
    {"ASIAY34FZKBOKMUTVV7A", "temporaryAccessKey", Generation::New, "609629065308", ""},
    {"ASIAQNZGKIQY56JQ7WML", "temporaryAccessKey", Generation::New, "029608264753", ""},
    {"AKIARZPUZDIKKVEXAMPL", "longTermAccessKey", Generation::New, "123456789012", ""},
    {"AKIA2OGYBAH6STMMNXNN", "longTermAccessKey", Generation::New, "717712589309", ""},
    // New generation, but the 40 bits exceed any 12-digit account.
    {"AKIA7777777777777777", "longTermAccessKey", Generation::New, "", ""},
    // Well-formed for IAM, but not base32 or not 20 characters: nothing to decode.
    {"AKIA0OSFODNN7EXAMPLE", "longTermAccessKey", Generation::NotApplicable, "", ""},
    {"AKIAIOSFODNN7EXAMPLE2", "longTermAccessKey", Generation::NotApplicable, "", ""},
    // Other unique IDs: named, and refused as access keys.
    {"AIDAJQABLZS4A3QDU576Q", "user", Generation::NotApplicable, "", "prefix"},
    {"AROADBQP57FF2AEXAMPLE", "role", Generation::NotApplicable, "", "prefix"},
    {"AGPAJQABLZS4A3QDU576Q", "group", Generation::NotApplicable, "", "prefix"},
    {"ANPAJ2UCCR6DPCEXAMPLE", "managedPolicy", Generation::NotApplicable, "", "prefix"},
    {"ABIAJQABLZS4A3QDU576Q", "bearerToken", Generation::NotApplicable, "", "prefix"},
    {"ACCAJQABLZS4A3QDU576Q", "contextSpecificCredential", Generation::NotApplicable, "", "prefix"},
    {"AIPAJQABLZS4A3QDU576Q", "instanceProfile", Generation::NotApplicable, "", "prefix"},
    {"ANVAJQABLZS4A3QDU576Q", "managedPolicyVersion", Generation::NotApplicable, "", "prefix"},
    {"APKAJQABLZS4A3QDU576Q", "publicKey", Generation::NotApplicable, "", "prefix"},
    {"ASCAJQABLZS4A3QDU576Q", "certificate", Generation::NotApplicable, "", "prefix"},
    {"XYZW1234567890123456", "unknown", Generation::NotApplicable, "", "prefix"},
    {"akiaiosfodnn7example", "unknown", Generation::NotApplicable, "", "prefix"},
    // Bad input, named by the model's rules for AccessKeyId (16..128, \w).
    {"", "unknown", Generation::NotApplicable, "", "required"},
    {"AKIA123", "unknown", Generation::NotApplicable, "", "minLength"},
    {"AKIA IOSFODNN7EXAMPLE", "unknown", Generation::NotApplicable, "", "pattern"},
    {"AKIAIOSFODNN7EXAMPLE\"", "unknown", Generation::NotApplicable, "", "pattern"},
};

TEST(KeyTriage, TableOfIds) {
  for (const auto& row : kTriageTable) {
    SCOPED_TRACE(row.id);
    const KeyTriage t = triage_key_id(row.id);
    EXPECT_STREQ(t.kind_token, row.kind);
    EXPECT_EQ(t.generation, row.generation) << t.generation_reason;
    EXPECT_EQ(t.encoded_account.value_or(""), row.account);
    if (*row.issue_rule) {
      ASSERT_EQ(t.issues.size(), 1u);
      EXPECT_EQ(t.issues[0].field, "AccessKeyId");
      EXPECT_EQ(t.issues[0].rule, row.issue_rule);
      EXPECT_NE(t.issues[0].message.find("AccessKeyId: "), std::string::npos);
    } else {
      EXPECT_TRUE(t.issues.empty()) << t.issues[0].message;
    }
    EXPECT_FALSE(t.generation_reason.empty());
  }
}

TEST(KeyTriage, KindsAndAdvice) {
  const KeyTriage akia = triage_key_id("AKIAIOSFODNN7EXAMPLE");
  EXPECT_TRUE(akia.access_key);
  EXPECT_FALSE(akia.temporary);
  EXPECT_TRUE(akia.can_deactivate);
  EXPECT_EQ(akia.prefix, "AKIA");
  EXPECT_NE(akia.generation_reason.find("old-generation"), std::string::npos);
  EXPECT_NE(akia.advice.find("deactivate"), std::string::npos);

  const KeyTriage asia = triage_key_id("ASIAY34FZKBOKMUTVV7A");
  EXPECT_TRUE(asia.access_key);
  EXPECT_TRUE(asia.temporary);
  EXPECT_FALSE(asia.can_deactivate);
  EXPECT_NE(asia.advice.find("cannot be deactivated"), std::string::npos);
  // The account is labelled as the heuristic it is.
  EXPECT_NE(asia.generation_reason.find("undocumented heuristic"), std::string::npos);

  const KeyTriage user = triage_key_id("AIDAJQABLZS4A3QDU576Q");
  EXPECT_FALSE(user.access_key);
  EXPECT_FALSE(user.can_deactivate);
  EXPECT_EQ(user.issues[0].message,
            "AccessKeyId: is the unique ID of an IAM user (prefix AIDA), not an access key ID "
            "(AKIA long-term, ASIA temporary)");

  const KeyTriage odd = triage_key_id("AKIA0OSFODNN7EXAMPLE");
  EXPECT_NE(odd.generation_reason.find("character '0' at position 4"), std::string::npos);
  const KeyTriage long_id = triage_key_id("AKIAIOSFODNN7EXAMPLE2");
  EXPECT_NE(long_id.generation_reason.find("21 characters"), std::string::npos);
  const KeyTriage too_big = triage_key_id("AKIA7777777777777777");
  EXPECT_NE(too_big.generation_reason.find("1099511627775"), std::string::npos);
}

TEST(KeyTriage, BadInputNamesFieldAndRule) {
  const KeyTriage empty = triage_key_id("");
  ASSERT_EQ(empty.issues.size(), 1u);
  EXPECT_EQ(empty.issues[0].rule, "required");
  const KeyTriage spaced = triage_key_id("AKIA IOSFODNN7EXAMPLE");
  ASSERT_EQ(spaced.issues.size(), 1u);
  EXPECT_NE(spaced.issues[0].message.find("character ' ' at position 4"), std::string::npos) << spaced.issues[0].message;
  const std::string huge(129, 'A');
  const KeyTriage too_long = triage_key_id(huge);
  ASSERT_EQ(too_long.issues.size(), 1u);
  EXPECT_EQ(too_long.issues[0].rule, "maxLength");
  EXPECT_FALSE(too_long.encoded_account);
}

// ---- whose key

TEST(KeyOwnership, OursNotOursUnknown) {
  const auto ours = key_ownership("123456789012", "123456789012");
  EXPECT_EQ(ours.ownership, Ownership::Ours);
  EXPECT_EQ(ours.message, "This key is of the account you are signed into (123456789012).");

  const auto theirs = key_ownership("609629065308", "123456789012");
  EXPECT_EQ(theirs.ownership, Ownership::NotOurs);
  EXPECT_EQ(theirs.message.rfind("This key is of account 609629065308, not yours (123456789012)", 0), 0u);
  EXPECT_NE(theirs.message.find("Tell that account's owner"), std::string::npos);

  const auto no_key = key_ownership("", "123456789012", "609629065308");
  EXPECT_EQ(no_key.ownership, Ownership::Unknown);
  EXPECT_NE(no_key.message.find("GetAccessKeyInfo"), std::string::npos);
  EXPECT_NE(no_key.message.find("suggests account 609629065308 (an undocumented heuristic)"), std::string::npos);

  // An answer is untrusted: a malformed account is never compared.
  for (const char* bad : {"12345678901", "1234567890123", "12345678901x", "<Account>"}) {
    EXPECT_EQ(key_ownership(bad, "123456789012").ownership, Ownership::Unknown) << bad;
    EXPECT_EQ(key_ownership("123456789012", bad).ownership, Ownership::Unknown) << bad;
  }
  const auto neither = key_ownership("", "");
  EXPECT_NE(neither.message.find("GetCallerIdentity"), std::string::npos);
  EXPECT_EQ(neither.message.find("suggests"), std::string::npos);
}

// ---- the revoke-older-sessions policy

TEST(RevokeSessions, DocumentByteForByte) {
  // 2026-12-08T05:12:03.200Z: the cut-off is rounded up to the whole second.
  const auto p = revoke_older_sessions_policy(1796706723200.0);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "keyflip-revoke-older-sessions");
  EXPECT_EQ(p->cutoff, "2026-12-08T05:12:04Z");
  EXPECT_EQ(p->cutoff_ms, 1796706724000.0);
  EXPECT_EQ(p->document,
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\","
            "\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2026-12-08T05:12:04Z\"}}}}");
  EXPECT_EQ(p->document.size(), 157u);
  // A whole second stays as it is.
  EXPECT_EQ(revoke_older_sessions_policy(1796706724000.0)->cutoff, "2026-12-08T05:12:04Z");
  EXPECT_EQ(revoke_older_sessions_policy(1796706723001.0)->cutoff, "2026-12-08T05:12:04Z");
  EXPECT_FALSE(revoke_older_sessions_policy(253402300800000.0));
  EXPECT_FALSE(revoke_older_sessions_policy(0.0 / 0.0));
}

TEST(RevokeSessions, PolicyCharsAsIamCounts) {
  EXPECT_EQ(policy_chars("{\"a\": \"b c\"}"), 10u);             // whitespace, even inside strings, not counted
  EXPECT_EQ(policy_chars("%7B%22a%22%3A%20%22b%22%7D"), 9u);  // URL-encoded, as GetUserPolicy returns it
  EXPECT_EQ(policy_chars("{\"a\":\"\xC3\xA9\"}\r\n\t"), 9u);  // characters, not bytes
  EXPECT_EQ(policy_chars(""), 0u);
}

std::string doc_of_chars(std::size_t n) {
  // {"x":"aaaa..."} with n characters in total, plus whitespace that is not counted.
  return "{ \"x\" : \"" + std::string(n - 8, 'a') + "\" }\n";
}

TEST(RevokeSessions, SizeCheckFitsAndReplaces) {
  const auto p = revoke_older_sessions_policy(1796706723200.0);
  ASSERT_EQ(policy_chars(doc_of_chars(100)), 100u);
  const std::vector<InlinePolicy> existing = {
      {"app-read", doc_of_chars(100)},
      {"keyflip-revoke-older-sessions", doc_of_chars(1500)},  // replaced: not counted
      {"s3-write", "%7B%22x%22%3A%20%22abc%22%7D"},          // 11 characters
  };
  const SizeCheck s = check_inline_policy_size(existing, p->document);
  EXPECT_TRUE(s.fits);
  EXPECT_TRUE(s.replaces_existing);
  EXPECT_EQ(s.existing_chars, 111u);
  EXPECT_EQ(s.new_chars, 157u);
  EXPECT_EQ(s.total_chars, 268u);
  EXPECT_EQ(s.over_by, 0u);
  EXPECT_EQ(s.limit, 2048u);
  EXPECT_EQ(s.message,
            "2 other inline policies (111 characters) + keyflip-revoke-older-sessions (157 characters) = 268 of "
            "IAM's 2048 per user, whitespace not counted; it replaces the earlier keyflip-revoke-older-sessions: "
            "it fits.");

  const SizeCheck none = check_inline_policy_size({}, p->document);
  EXPECT_TRUE(none.fits);
  EXPECT_EQ(none.message.rfind("no other inline policy (0 characters)", 0), 0u);
}

TEST(RevokeSessions, SizeCheckAtAndOverTheLimit) {
  const auto p = revoke_older_sessions_policy(1796706723200.0);
  const SizeCheck exact = check_inline_policy_size({{"big", doc_of_chars(2048 - 157)}}, p->document);
  EXPECT_TRUE(exact.fits);
  EXPECT_EQ(exact.total_chars, 2048u);

  const SizeCheck over = check_inline_policy_size({{"big", doc_of_chars(2048 - 157 + 9)}}, p->document);
  EXPECT_FALSE(over.fits);
  EXPECT_EQ(over.total_chars, 2057u);
  EXPECT_EQ(over.over_by, 9u);
  EXPECT_NE(over.message.find("it does not fit, 9 characters over"), std::string::npos) << over.message;
  EXPECT_NE(over.message.find("1 other inline policy (1900 characters)"), std::string::npos) << over.message;
}

TEST(RevokeSessions, ReadBackComparison) {
  const auto p = revoke_older_sessions_policy(1796706723200.0);
  // IAM answers the document URL-encoded; spacing between tokens does not matter.
  const std::string encoded =
      "%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%7B%22Effect%22%3A%22Deny%22%2C%22Action%22"
      "%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%2C%22Condition%22%3A%7B%22DateLessThan%22%3A%7B%22aws%3A"
      "TokenIssueTime%22%3A%222026-12-08T05%3A12%3A04Z%22%7D%7D%7D%7D";
  EXPECT_TRUE(compare_read_back(p->name, p->document, "keyflip-revoke-older-sessions", encoded).empty());

  const auto later = revoke_older_sessions_policy(1796706783200.0);  // a minute later: another cut-off
  const auto differs = compare_read_back(p->name, p->document, p->name, later->document);
  ASSERT_EQ(differs.size(), 1u);
  EXPECT_EQ(differs[0].field, "PolicyDocument");
  EXPECT_EQ(differs[0].rule, "readBack");

  // Spaces inside a string value are content, not formatting.
  std::string spaced = p->document;
  spaced.replace(spaced.find("Deny"), 4, "De ny");
  EXPECT_EQ(compare_read_back(p->name, p->document, p->name, spaced).size(), 1u);

  const auto renamed = compare_read_back(p->name, p->document, "other", p->document);
  ASSERT_EQ(renamed.size(), 1u);
  EXPECT_EQ(renamed[0].field, "PolicyName");
}

TEST(RevokeSessions, SaysWhatItDoesNotCover) {
  const std::string text = kRevokeSessionsNotCovered;
  EXPECT_NE(text.find("AssumeRole"), std::string::npos);
  EXPECT_NE(text.find("each role"), std::string::npos);
}

// ---- AWS's quarantine policy

TEST(Quarantine, RecognisedOnlyAsAwsManaged) {
  const std::vector<AttachedPolicy> attached = {
      {"ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"},
      {"AWSCompromisedKeyQuarantineV2", "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2"},
      // A customer policy of the same name is not AWS's.
      {"AWSCompromisedKeyQuarantineV3", "arn:aws:iam::123456789012:policy/AWSCompromisedKeyQuarantineV3"},
      {"AWSCompromisedKeyQuarantineV2", "arn:aws:iam::aws:policy/service-role/AWSCompromisedKeyQuarantineV2"},
      {"AWSCompromisedKeyQuarantineV02", "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV02"},
      {"AWSCompromisedKeyQuarantineFull", "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineFull"},
      // Name and ARN must agree.
      {"AWSCompromisedKeyQuarantineV3", "arn:aws:iam::aws:policy/ReadOnlyAccess"},
  };
  const auto found = find_quarantine(attached, "leaky");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "AWSCompromisedKeyQuarantineV2");
  EXPECT_EQ(found[0].version, 2);
  EXPECT_TRUE(found[0].known_version);
  for (const char* action : {"iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:ListUsers",
                             "iam:PutUserPolicy", "sts:GetSessionToken", "sts:GetFederationToken"})
    EXPECT_TRUE(quarantine_denies(found[0], action)) << action;
  EXPECT_FALSE(quarantine_denies(found[0], "iam:GetUser"));
  EXPECT_FALSE(quarantine_denies(found[0], "sts:GetCallerIdentity"));
  const std::string& text = found[0].explanation;
  EXPECT_EQ(text.rfind("AWS attached AWSCompromisedKeyQuarantineV2 to leaky", 0), 0u) << text;
  EXPECT_NE(text.find("Do NOT remove it"), std::string::npos);
  EXPECT_NE(text.find("another principal (an administrator) must act on leaky"), std::string::npos);
  EXPECT_NE(text.find("iam:UpdateAccessKey"), std::string::npos);
}

TEST(Quarantine, VersionsAndPartitions) {
  const auto found = find_quarantine(
      {
          {"AWSCompromisedKeyQuarantine", "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantine"},
          {"AWSCompromisedKeyQuarantineV3", "arn:aws-us-gov:iam::aws:policy/AWSCompromisedKeyQuarantineV3"},
          {"AWSCompromisedKeyQuarantineV4", "arn:aws-cn:iam::aws:policy/AWSCompromisedKeyQuarantineV4"},
      },
      "bob");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].version, 1);
  EXPECT_TRUE(quarantine_denies(found[0], "iam:UpdateAccessKey"));
  EXPECT_FALSE(quarantine_denies(found[0], "iam:ListUsers"));  // V1 leaves ListUsers and DeleteAccessKey
  EXPECT_FALSE(quarantine_denies(found[0], "iam:DeleteAccessKey"));
  EXPECT_EQ(found[1].version, 3);
  EXPECT_TRUE(quarantine_denies(found[1], "sts:GetSessionToken"));
  // A version keyflip has no list for is named, never guessed.
  EXPECT_EQ(found[2].version, 4);
  EXPECT_FALSE(found[2].known_version);
  EXPECT_TRUE(found[2].denies.empty());
  EXPECT_NE(found[2].explanation.find("no confirmed list"), std::string::npos);
}

// ---- AccessDenied mid-incident

const char* kQuarantineDenyMessage =
    "User: arn:aws:iam::123456789012:user/leaky is not authorized to perform: iam:UpdateAccessKey on resource: "
    "user leaky with an explicit deny in an identity-based policy";

DenialContext leaky_context() {
  DenialContext c;
  c.code = "AccessDenied";
  c.message = kQuarantineDenyMessage;
  c.action = "iam:UpdateAccessKey";
  c.signer_arn = "arn:aws:iam::123456789012:user/leaky";
  c.affected_user = "leaky";
  c.affected_account = "123456789012";
  c.quarantine = find_quarantine(
      {{"AWSCompromisedKeyQuarantineV2", "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2"}}, "leaky");
  return c;
}

TEST(Denial, QuarantinedUserMustHandOver) {
  const DenialVerdict v = explain_denial(leaky_context());
  EXPECT_EQ(v.kind, DenialKind::QuarantinedUser);
  EXPECT_STREQ(v.token, "quarantinedUser");
  EXPECT_TRUE(v.explicit_deny);
  EXPECT_TRUE(v.signer_is_affected_user);
  EXPECT_TRUE(v.another_principal_must_act);
  EXPECT_EQ(v.policy_type, "identity-based policy");
  EXPECT_NE(v.message.find("AWSCompromisedKeyQuarantineV2"), std::string::npos);
  EXPECT_NE(v.message.find("Another principal must act"), std::string::npos);
}

TEST(Denial, LeakedUserWithoutQuarantine) {
  DenialContext c = leaky_context();
  c.quarantine.clear();
  c.signer_arn = "arn:aws:iam::123456789012:user/team/LEAKY";  // names are unique without regard to case
  const DenialVerdict v = explain_denial(c);
  EXPECT_EQ(v.kind, DenialKind::AffectedUser);
  EXPECT_TRUE(v.another_principal_must_act);
  EXPECT_NE(v.message.find("an explicit deny in an identity-based policy"), std::string::npos) << v.message;

  // An action V1 does not deny is not blamed on V1.
  c.quarantine = find_quarantine(
      {{"AWSCompromisedKeyQuarantine", "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantine"}}, "leaky");
  c.action = "iam:ListUsers";
  EXPECT_EQ(explain_denial(c).kind, DenialKind::AffectedUser);
  c.action = "iam:UpdateAccessKey";
  EXPECT_EQ(explain_denial(c).kind, DenialKind::QuarantinedUser);
}

TEST(Denial, SessionOfTheCutUser) {
  DenialContext c = leaky_context();
  c.quarantine.clear();
  c.signer_temporary = true;
  c.sessions_cut = true;
  c.action = "iam:ListUsers";
  const DenialVerdict v = explain_denial(c);
  EXPECT_EQ(v.kind, DenialKind::SessionCut);
  EXPECT_NE(v.message.find("keyflip-revoke-older-sessions"), std::string::npos);
}

TEST(Denial, ThePrincipalIamNamesIsTheOneRefused) {
  DenialContext c = leaky_context();
  c.signer_arn.clear();
  DenialVerdict v = explain_denial(c);
  EXPECT_EQ(v.principal_arn, "arn:aws:iam::123456789012:user/leaky");
  EXPECT_EQ(v.kind, DenialKind::QuarantinedUser);
  // An error of another client (the attacker's session) while the incident signs as admin.
  c.signer_arn = "arn:aws:iam::123456789012:user/admin";
  v = explain_denial(c);
  EXPECT_EQ(v.principal_arn, "arn:aws:iam::123456789012:user/leaky");
  EXPECT_TRUE(v.signer_is_affected_user);
  // Without an ARN in the message, the signer is the one refused.
  c.message = "Access denied with an explicit deny";
  v = explain_denial(c);
  EXPECT_EQ(v.principal_arn, "arn:aws:iam::123456789012:user/admin");
  EXPECT_EQ(v.kind, DenialKind::OtherExplicitDeny);
}

TEST(Denial, AnotherPrincipalMeetsAnExplicitDeny) {
  DenialContext c = leaky_context();
  c.signer_arn = "arn:aws:iam::123456789012:user/admin";
  c.message =
      "User: arn:aws:iam::123456789012:user/admin is not authorized to perform: iam:UpdateAccessKey on resource: "
      "user leaky with an explicit deny in a service control policy";
  const DenialVerdict v = explain_denial(c);
  EXPECT_EQ(v.kind, DenialKind::OtherExplicitDeny);
  EXPECT_FALSE(v.signer_is_affected_user);
  EXPECT_FALSE(v.another_principal_must_act);
  EXPECT_EQ(v.policy_type, "service control policy");
  EXPECT_NE(v.message.find("in a service control policy"), std::string::npos);

  // The same user name in another account is another principal.
  c.signer_arn = "arn:aws:iam::999999999999:user/leaky";
  EXPECT_EQ(explain_denial(c).kind, DenialKind::OtherExplicitDeny);
  // A role session is never the leaked user.
  c.signer_arn = "arn:aws:sts::123456789012:assumed-role/leaky/session";
  EXPECT_EQ(explain_denial(c).kind, DenialKind::OtherExplicitDeny);
}

TEST(Denial, ImplicitDenyAndOtherErrors) {
  DenialContext c = leaky_context();
  c.signer_arn = "arn:aws:iam::123456789012:user/reader";
  c.message =
      "User: arn:aws:iam::123456789012:user/reader is not authorized to perform: iam:UpdateAccessKey on resource: "
      "user leaky because no identity-based policy allows the iam:UpdateAccessKey action";
  const DenialVerdict v = explain_denial(c);
  EXPECT_EQ(v.kind, DenialKind::ImplicitDeny);
  EXPECT_FALSE(v.explicit_deny);
  EXPECT_TRUE(v.another_principal_must_act);

  c.code = "NoSuchEntity";
  const DenialVerdict none = explain_denial(c);
  EXPECT_EQ(none.kind, DenialKind::NotDenied);
  EXPECT_FALSE(none.another_principal_must_act);
  EXPECT_TRUE(none.message.empty());
}

TEST(Denial, ParseUserArn) {
  EXPECT_EQ(parse_user_arn("arn:aws:iam::123456789012:user/a/b/carol").user_name, "carol");
  EXPECT_EQ(parse_user_arn("arn:aws:iam::123456789012:user/a/b/carol").account, "123456789012");
  EXPECT_EQ(parse_user_arn("arn:aws-cn:iam::123456789012:user/dan").user_name, "dan");
  EXPECT_EQ(parse_user_arn("arn:aws:iam::123456789012:root").user_name, "");
  EXPECT_EQ(parse_user_arn("arn:aws:sts::123456789012:federated-user/eve").user_name, "");
  EXPECT_EQ(parse_user_arn("arn:aws:iam::123456789012:user/").user_name, "");
  EXPECT_EQ(parse_user_arn("not an arn").user_name, "");
  EXPECT_EQ(parse_user_arn("").user_name, "");
}

}  // namespace
}  // namespace keyflip::flows
