// The incident's packed call (flows/incident_calls.h): each question reads
// its fields strictly and answers with the decision's values.
#include <gtest/gtest.h>

#include <string>

#include "flows/incident_calls.h"

namespace keyflip::flows {
namespace {

using query::Value;

Value input(std::initializer_list<std::pair<const char*, Value>> fields) {
  Value v = Value::map();
  for (const auto& [k, value] : fields) v.set(k, value);
  return v;
}
Value s(const char* text) { return Value::of_string(text); }
Value list(std::initializer_list<const char*> items) {
  Value v = Value::list();
  for (const char* i : items) v.items.push_back(s(i));
  return v;
}

TEST(IncidentCall, Triage) {
  Value in = input({{"question", s("triage")}, {"accessKeyId", s("ASIAY34FZKBOKMUTVV7A")}});
  wire::Fields fields(in);
  const Value out = incident_call(fields);
  ASSERT_TRUE(fields.ok()) << fields.error();
  EXPECT_EQ(out.find("kind")->text, "temporaryAccessKey");
  EXPECT_EQ(out.find("generation")->text, "new");
  EXPECT_EQ(out.find("encodedAccount")->text, "609629065308");
  EXPECT_TRUE(out.find("issues")->items.empty());

  Value bad = input({{"question", s("triage")}, {"accessKeyId", s("AIDAJQABLZS4A3QDU576Q")}});
  wire::Fields bad_fields(bad);
  const Value refused = incident_call(bad_fields);
  EXPECT_EQ(refused.find("issues")->items.size(), 1u);
  EXPECT_TRUE(refused.find("encodedAccount")->is_null());
}

TEST(IncidentCall, RevokePolicyWithSize) {
  Value in = input({{"question", s("revokePolicy")},
                    {"nowMs", Value::of_number(1796706723200.0)},
                    {"existing", list({"app", "{\"x\": \"y\"}"})}});
  wire::Fields fields(in);
  const Value out = incident_call(fields);
  ASSERT_TRUE(fields.ok()) << fields.error();
  EXPECT_EQ(out.find("cutoff")->text, "2026-12-08T05:12:04Z");
  EXPECT_EQ(out.find("size")->find("existingChars")->number, 9.0);
  EXPECT_EQ(out.find("size")->find("totalChars")->number, 166.0);
  EXPECT_TRUE(out.find("size")->find("fits")->boolean);
}

TEST(IncidentCall, DenialRecognisesQuarantineFromAttachedList) {
  Value in = input({{"question", s("denial")},
                    {"code", s("AccessDenied")},
                    {"message", s("User: arn:aws:iam::123456789012:user/leaky is not authorized to perform: "
                                  "iam:UpdateAccessKey on resource: user leaky with an explicit deny")},
                    {"action", s("iam:UpdateAccessKey")},
                    {"signerArn", s("")},
                    {"signerTemporary", Value::of_bool(false)},
                    {"affectedUser", s("leaky")},
                    {"affectedAccount", s("123456789012")},
                    {"attached", list({"AWSCompromisedKeyQuarantineV2",
                                       "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2"})},
                    {"sessionsCut", Value::of_bool(false)}});
  wire::Fields fields(in);
  const Value out = incident_call(fields);
  ASSERT_TRUE(fields.ok()) << fields.error();
  EXPECT_EQ(out.find("kind")->text, "quarantinedUser");
  EXPECT_TRUE(out.find("anotherPrincipalMustAct")->boolean);
}

TEST(IncidentCall, UnknownQuestionAndStrictFields) {
  Value in = input({{"question", s("guess")}});
  wire::Fields fields(in);
  const Value out = incident_call(fields);
  EXPECT_TRUE(fields.ok());
  ASSERT_EQ(out.find("issues")->items.size(), 1u);
  EXPECT_EQ(out.find("issues")->items[0].find("field")->text, "question");

  // A field the question does not read is the package's own bug, named.
  Value extra = input({{"question", s("facts")}, {"stray", s("x")}});
  wire::Fields extra_fields(extra);
  const Value facts = incident_call(extra_fields);
  EXPECT_EQ(facts.find("policyName")->text, "keyflip-revoke-older-sessions");
  EXPECT_EQ(facts.find("inlinePolicyLimit")->number, 2048.0);
  EXPECT_FALSE(extra_fields.ok());
  EXPECT_NE(extra_fields.error().find("stray"), std::string::npos);
}

}  // namespace
}  // namespace keyflip::flows
