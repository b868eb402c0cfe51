// The rotation's packed call (flows/rotation_wire.h): the input read field by
// field into the decision, the output written back, defaults for null
// options, issues for bad values, and a wire error for a misspelt field.
#include <gtest/gtest.h>

#include <string>

#include "flows/rotation_limits.h"
#include "flows/rotation_wire.h"

namespace keyflip::flows {
namespace {

using query::Value;

const Value* get(const Value& v, const char* name) { return v.find(name); }
std::string text(const Value& v, const char* name) { return get(v, name) ? get(v, name)->text : "<absent>"; }

Value key(const std::string& id, const std::string& status, Value last_used) {
  Value k = Value::map();
  k.set("id", Value::of_string(id));
  k.set("status", Value::of_string(status));
  k.set("createdMs", Value::of_number(1.7e12));
  k.set("lastUsedMs", std::move(last_used));
  return k;
}

Value options(Value interval = Value::null()) {
  Value o = Value::map();
  o.set("proveIntervalMs", std::move(interval));
  o.set("proveTimeoutMs", Value::null());
  o.set("recentUseWindowMs", Value::null());
  return o;
}

Value choices() {
  Value c = Value::map();
  for (const char* name : {"limitAsked", "deleteConfirmed", "rollbackAsked", "rollbackConfirmed", "retireAsked", "retireConfirmed"})
    c.set(name, Value::of_bool(false));
  c.set("deletePick", Value::of_string(""));
  return c;
}

Value progress(int attempts, double started) {
  Value p = Value::map();
  p.set("keysListed", Value::of_bool(true));
  p.set("deletedForRoom", Value::of_string(""));
  p.set("newKeyId", Value::of_string(attempts > 0 ? "AKIANEWNEWNEWNEWN003" : ""));
  p.set("createUnanswered", Value::of_bool(false));
  p.set("proveAttempts", Value::of_number(attempts));
  p.set("proveStartedMs", Value::of_number(started));
  p.set("proven", Value::of_bool(false));
  p.set("proveLastCode", Value::of_string(attempts > 0 ? "InvalidClientTokenId" : ""));
  p.set("proveLastTransient", Value::of_bool(false));
  for (const char* name : {"oldLastUseRead", "signerSwitched", "oldDeactivated", "secretNotSaved", "newKeyDeleted", "stopped"})
    p.set(name, Value::of_bool(false));
  return p;
}

Value rotate_input(Value keys, Value opts, Value prog) {
  Value in = Value::map();
  in.set("flow", Value::of_string("rotate"));
  in.set("userName", Value::of_string("alice"));
  in.set("rotatedKeyId", Value::of_string("AKIAOLDOLDOLDOLD0001"));
  in.set("signerKeyId", Value::of_string("AKIAADMINADMINADM004"));
  in.set("signerArn", Value::of_string("arn:aws:iam::123456789012:user/admin"));
  in.set("nowMs", Value::of_number(1.765e12));
  in.set("keys", std::move(keys));
  in.set("options", std::move(opts));
  in.set("choices", choices());
  in.set("progress", std::move(prog));
  return in;
}

Value call(Value in) {
  wire::Fields fields(in);
  Value out = rotation_call(fields);
  EXPECT_TRUE(fields.ok()) << fields.error();
  return out;
}

TEST(RotationWire, AtTheLimitTheCandidatesComeBack) {
  Value keys = Value::list();
  keys.items.push_back(key("AKIAOLDOLDOLDOLD0001", "Active", Value::of_number(1.765e12 - 1000)));
  keys.items.push_back(key("AKIAOTHEROTHEROTH002", "Inactive", Value::null()));
  const Value out = call(rotate_input(keys, options(), progress(0, 0)));
  EXPECT_EQ(text(out, "step"), "ask-key-to-delete");
  ASSERT_EQ(get(out, "candidates")->items.size(), 1u);
  const Value& c = get(out, "candidates")->items[0];
  EXPECT_EQ(text(c, "keyId"), "AKIAOTHEROTHEROTH002");
  EXPECT_EQ(text(c, "status"), "Inactive");
  EXPECT_FALSE(get(c, "recentlyUsed")->boolean);
  EXPECT_EQ(get(out, "issues")->items.size(), 0u);
  EXPECT_EQ(text(out, "userName"), "alice");
  EXPECT_FALSE(get(out, "signerIsUser")->boolean);
}

TEST(RotationWire, NullOptionsAreTheDefaultsAndNumbersAreUsed) {
  Value keys = Value::list();
  keys.items.push_back(key("AKIAOLDOLDOLDOLD0001", "Active", Value::null()));
  Value out = call(rotate_input(keys, options(), progress(1, 1.765e12)));
  EXPECT_EQ(text(out, "step"), "prove-new-key");
  EXPECT_EQ(get(out, "waitMs")->number, 2000);  // the default interval
  out = call(rotate_input(keys, options(Value::of_number(500)), progress(1, 1.765e12)));
  EXPECT_EQ(get(out, "waitMs")->number, 500);
}

TEST(RotationWire, BadValuesAreIssuesNamingTheField) {
  Value keys = Value::list();
  keys.items.push_back(key("AKIAOLDOLDOLDOLD0001", "Disabled", Value::of_string("yesterday")));
  const Value out = call(rotate_input(keys, options(Value::of_number(1.5)), progress(0, 0)));
  EXPECT_EQ(text(out, "step"), "invalid");
  std::vector<std::string> fields;
  for (const auto& issue : get(out, "issues")->items) fields.push_back(text(issue, "field"));
  EXPECT_EQ(fields, (std::vector<std::string>{"keys[0].status", "keys[0].lastUsedMs", "options.proveIntervalMs"}));
}

TEST(RotationWire, AMisspeltNestedFieldIsAWireError) {
  Value keys = Value::list();
  keys.items.push_back(key("AKIAOLDOLDOLDOLD0001", "Active", Value::null()));
  Value opts = options();
  opts.entries[0].first = "proveInterval";
  const Value out = call(rotate_input(keys, opts, progress(0, 0)));
  EXPECT_NE(text(out, "wireError").find("proveIntervalMs"), std::string::npos);
}

TEST(RotationWire, DeleteLaterVerdicts) {
  Value in = Value::map();
  in.set("flow", Value::of_string("delete-later"));
  in.set("userName", Value::of_string("alice"));
  Value keys = Value::list();
  keys.items.push_back(key("AKIAOLDOLDOLDOLD0001", "Inactive", Value::of_number(1.765e12 - 86'400'000)));
  in.set("keys", keys);
  in.set("keyId", Value::of_string("AKIAOLDOLDOLDOLD0001"));
  in.set("typedId", Value::of_string("AKIAOLDOLDOLDOLD0001"));
  in.set("recentUseWindowMs", Value::null());
  in.set("nowMs", Value::of_number(1.765e12));
  const Value out = call(in);
  EXPECT_EQ(text(out, "verdict"), "allowed");
  EXPECT_TRUE(get(out, "recentlyUsed")->boolean);
  EXPECT_NE(text(out, "message").find("within the last 7 days"), std::string::npos);
}

TEST(RotationWire, TheLimitsComeFromRotationLimits) {
  Value in = Value::map();
  in.set("flow", Value::of_string("limits"));
  const Value out = call(in);
  EXPECT_EQ(get(out, "accessKeysPerUser")->number, limits::kAccessKeysPerUser);
  EXPECT_EQ(get(out, "defaultProveIntervalMs")->number, 2000);
  EXPECT_EQ(get(out, "defaultProveTimeoutMs")->number, 60000);
  EXPECT_EQ(get(out, "defaultRecentUseWindowMs")->number, 7 * 86'400'000.0);
  EXPECT_EQ(get(out, "maxProveTimeoutMs")->number, limits::kMaxProveTimeoutMs);
}

TEST(RotationWire, AnUnknownFlowIsAWireError) {
  Value in = Value::map();
  in.set("flow", Value::of_string("rotate-all"));
  wire::Fields fields(in);
  EXPECT_NE(text(rotation_call(fields), "wireError").find("rotate-all"), std::string::npos);
}

}  // namespace
}  // namespace keyflip::flows
