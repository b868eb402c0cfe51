// Input validation by the model's shapes: UpdateAccessKey's rules and
// message texts through validate_params, then a table per operation through validate_params, unknown members,
// types, nulls, and the nested, list, integer, boolean and timestamp rules of
// the test-only model.
#include <gtest/gtest.h>

#include "query/operation.h"
#include "query/utf8.h"
#include "test_model.h"

namespace keyflip::query {
namespace {

const Operation& uak() { return *find_operation("UpdateAccessKey"); }

// Sets (or replaces) one member of a params Map.
void put(Value& params, const std::string& name, std::string value) {
  for (auto& [key, v] : params.entries)
    if (key == name) return void(v = Value::of_string(std::move(value)));
  params.set(name, Value::of_string(std::move(value)));
}

void erase(Value& params, const std::string& name) {
  auto& e = params.entries;
  for (auto it = e.begin(); it != e.end(); ++it)
    if (it->first == name) return void(e.erase(it));
}

Value valid_input() {
  Value in = Value::map();
  put(in, "UserName", "Bob");
  put(in, "AccessKeyId", "AKIAIOSFODNN7EXAMPLE");
  put(in, "Status", "Inactive");
  return in;
}

std::vector<std::string> messages(const util::Issues& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.message);
  return out;
}

using Messages = std::vector<std::string>;

TEST(IamValidate, ValidInputHasNoIssues) {
  EXPECT_TRUE(validate_params(uak(), valid_input()).empty());
  Value in = valid_input();
  erase(in, "UserName");  // optional
  EXPECT_TRUE(validate_params(uak(), in).empty());
  put(in, "Status", "Active");
  EXPECT_TRUE(validate_params(uak(), in).empty());
}

TEST(IamValidate, Required) {
  const auto issues = validate_params(uak(), Value::map());
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "AccessKeyId");
  EXPECT_EQ(issues[0].rule, "required");
  EXPECT_EQ(issues[0].message, "AccessKeyId: is required");
  EXPECT_EQ(issues[1].message, "Status: is required");
}

TEST(IamValidate, AccessKeyIdLengthBoundaries) {
  Value in = valid_input();
  const std::pair<std::size_t, const char*> cases[] = {
      {15, "AccessKeyId: length 15 is below the minimum 16"},
      {16, nullptr},
      {128, nullptr},
      {129, "AccessKeyId: length 129 is above the maximum 128"},
  };
  for (const auto& [length, expected] : cases) {
    put(in, "AccessKeyId", std::string(length, 'A'));
    const auto issues = validate_params(uak(), in);
    if (!expected) {
      EXPECT_TRUE(issues.empty()) << length;
    } else {
      ASSERT_EQ(issues.size(), 1u) << length;
      EXPECT_EQ(issues[0].message, expected);
      EXPECT_EQ(issues[0].rule, length < 16 ? "minLength" : "maxLength");
    }
  }
  put(in, "AccessKeyId", "AKIA12345678");
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"AccessKeyId: length 12 is below the minimum 16"});
}

TEST(IamValidate, UserNameLengthBoundaries) {
  Value in = valid_input();
  put(in, "UserName", "");  // present but empty is not the same as absent
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"UserName: length 0 is below the minimum 1"});
  put(in, "UserName", "b");
  EXPECT_TRUE(validate_params(uak(), in).empty());
  put(in, "UserName", std::string(128, 'u'));
  EXPECT_TRUE(validate_params(uak(), in).empty());
  put(in, "UserName", std::string(129, 'u'));
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"UserName: length 129 is above the maximum 128"});
}

TEST(IamValidate, Pattern) {
  Value in = valid_input();
  put(in, "UserName", "bob smith");
  auto issues = validate_params(uak(), in);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "UserName");
  EXPECT_EQ(issues[0].rule, "pattern");
  EXPECT_EQ(issues[0].message,
            "UserName: character ' ' at position 3 is not allowed "
            "(allowed: ASCII letters, digits and _+=,.@-)");

  put(in, "UserName", "a+b=c,d.e@f-g_h");  // every allowed punctuation mark
  EXPECT_TRUE(validate_params(uak(), in).empty());

  for (const char* bad : {"bob/smith", "bob*", "bob#", "bob:x", "b~b"}) {
    put(in, "UserName", bad);
    EXPECT_EQ(validate_params(uak(), in).size(), 1u) << bad;
  }

  in = valid_input();
  put(in, "AccessKeyId", "AKIAIOSFODNN7EXAMPLE-");
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"AccessKeyId: character '-' at position 20 is not allowed "
                     "(allowed: ASCII letters, digits and _)"});
  put(in, "AccessKeyId", "AKIAIOSFODNN7EXAMP\tE");
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"AccessKeyId: character U+0009 at position 18 is not allowed "
                     "(allowed: ASCII letters, digits and _)"});
}

TEST(IamValidate, EnumIsCaseSensitive) {
  Value in = valid_input();
  put(in, "Status", "active");
  const auto issues = validate_params(uak(), in);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "Status");
  EXPECT_EQ(issues[0].rule, "enum");
  EXPECT_EQ(issues[0].message, "Status: \"active\" is not one of Active, Inactive");
  put(in, "Status", "");
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"Status: \"\" is not one of Active, Inactive"});
}

TEST(IamValidate, EnumMessageQuotesSafely) {
  Value in = valid_input();
  put(in, "Status", "a\"b\\c\nd");
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"Status: \"a\\\"b\\\\c\\u000Ad\" is not one of Active, Inactive"});
  put(in, "Status", std::string(1000000, 'x'));  // a megabyte is not echoed back
  const auto issues = validate_params(uak(), in);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].message,
            "Status: \"" + std::string(64, 'x') + "\"... is not one of Active, Inactive");
}

TEST(IamValidate, CollectsEveryFailingFieldAndRule) {
  Value in = Value::map();
  put(in, "UserName", std::string(130, ' '));
  put(in, "AccessKeyId", "AKIA 1");
  put(in, "Status", "Enabled");
  const auto issues = validate_params(uak(), in);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& i : issues) got.emplace_back(i.field, i.rule);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"UserName", "maxLength"}, {"UserName", "pattern"}, {"AccessKeyId", "minLength"},
      {"AccessKeyId", "pattern"}, {"Status", "enum"}};
  EXPECT_EQ(got, want);
  for (const auto& i : issues) EXPECT_EQ(i.message.rfind(i.field + ": ", 0), 0u) << i.message;
}

TEST(IamValidate, LengthCountsCharactersNotBytes) {
  Value in = valid_input();
  // 128 two-byte characters (256 bytes): the length rule passes, the pattern
  // (ASCII only) does not.
  std::string name;
  for (int i = 0; i < 128; ++i) name += "\xC3\xA9";  // é
  put(in, "UserName", name);
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"UserName: character '\xC3\xA9' (U+00E9) at position 0 is not allowed "
                     "(allowed: ASCII letters, digits and _+=,.@-)"});
  name += "\xF0\x9F\x94\x91";  // U+1F511, four bytes, one character
  put(in, "UserName", name);
  const auto issues = validate_params(uak(), in);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].message, "UserName: length 129 is above the maximum 128");

  put(in, "UserName", "ab\xE2\x80\x8B");  // a zero-width space is named by code point
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"UserName: character '\xE2\x80\x8B' (U+200B) at position 2 is not allowed "
                     "(allowed: ASCII letters, digits and _+=,.@-)"});
  put(in, "UserName", "\xF0\x9F\x94\x91");
  EXPECT_NE(validate_params(uak(), in)[0].message.find("(U+1F511) at position 0"),
            std::string::npos);
}

TEST(IamValidate, InvalidUtf8IsAPatternFailure) {
  Value in = valid_input();
  put(in, "UserName", "bob\xFF");
  EXPECT_EQ(messages(validate_params(uak(), in)),
            Messages{"UserName: byte 0xFF at position 3 is not valid UTF-8 "
                     "(allowed: ASCII letters, digits and _+=,.@-)"});
  put(in, "UserName", "\xC3");  // truncated sequence
  EXPECT_EQ(validate_params(uak(), in).size(), 1u);
  put(in, "UserName", "\xC0\xAF");  // overlong '/'
  EXPECT_EQ(validate_params(uak(), in)[0].rule, "pattern");
  put(in, "UserName", "\xED\xA0\x80");  // a UTF-16 surrogate
  EXPECT_EQ(validate_params(uak(), in)[0].rule, "pattern");
}

TEST(Utf8, DecodeCountAndSafePrefix) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\x91"), 4u);
  EXPECT_EQ(count_code_points("\xFF\xFE"), 2u);
  EXPECT_EQ(utf8_prefix("a\xC3\xA9" "b", 2), "a\xC3\xA9");
  EXPECT_EQ(utf8_prefix("a\xFF" "b", 5), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(utf8_prefix("a\xE2\x82", 5), "a\xEF\xBF\xBD\xEF\xBF\xBD");  // cut-off character
  const CodePoint max = decode_utf8("\xF4\x8F\xBF\xBF", 0);
  EXPECT_TRUE(max.valid);
  EXPECT_EQ(max.value, 0x10FFFFu);
  EXPECT_FALSE(decode_utf8("\xF4\x90\x80\x80", 0).valid);  // beyond U+10FFFF
}

// --- validate_params over every operation

Value params(std::initializer_list<std::pair<const char*, Value>> members) {
  Value v = Value::map();
  for (const auto& [k, item] : members) v.set(k, item);
  return v;
}
Value str(const char* s) { return Value::of_string(s); }
Value num(double n) { return Value::of_number(n); }

std::vector<std::string> field_rules(const util::Issues& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.field + "/" + i.rule);
  return out;
}
using FieldRules = std::vector<std::string>;

util::Issues check(const char* action, const Value& p) {
  const Operation* op = find_operation(action);
  EXPECT_NE(op, nullptr) << action;
  return op ? validate_params(*op, p) : util::Issues{};
}

struct Row {
  const char* action;
  Value params;
  FieldRules expected;  // empty: valid
};

TEST(IamValidateParams, TablePerOperation) {
  const std::string long_marker(320, 'm');
  const Row rows[] = {
      {"UpdateAccessKey", params({{"AccessKeyId", str("AKIAIOSFODNN7EXAMPLE")}, {"Status", str("Active")}}), {}},
      {"UpdateAccessKey", params({}), {"AccessKeyId/required", "Status/required"}},
      {"ListUsers", Value::null(), {}},
      {"ListUsers", params({}), {}},
      {"ListUsers", params({{"PathPrefix", str("/division_abc/")}, {"Marker", str(long_marker.c_str())}, {"MaxItems", num(1000)}}), {}},
      {"ListUsers", params({{"PathPrefix", str("division")}}), {"PathPrefix/pattern"}},
      {"ListUsers", params({{"PathPrefix", str("")}}), {"PathPrefix/minLength"}},
      {"ListUsers", params({{"MaxItems", num(0)}}), {"MaxItems/min"}},
      {"ListUsers", params({{"MaxItems", num(1001)}}), {"MaxItems/max"}},
      {"ListUsers", params({{"MaxItems", num(1.5)}}), {"MaxItems/type"}},
      {"ListUsers", params({{"MaxItems", str("10")}}), {"MaxItems/type"}},
      {"ListUsers", params({{"Marker", str("with space ~")}}), {}},
      {"ListUsers", params({{"Marker", str("tab\x01")}}), {"Marker/pattern"}},
      {"ListUsers", params({{"Marker", str((long_marker + "m").c_str())}}), {"Marker/maxLength"}},
      {"ListAccessKeys", params({{"UserName", str("Bob")}, {"MaxItems", num(1)}}), {}},
      {"ListAccessKeys", params({{"UserName", str("b b")}, {"Marker", str("")}}), {"UserName/pattern", "Marker/minLength"}},
      {"GetAccessKeyLastUsed", params({{"AccessKeyId", str("AKIAIOSFODNN7EXAMPLE")}}), {}},
      {"GetAccessKeyLastUsed", params({}), {"AccessKeyId/required"}},
      {"GetAccessKeyLastUsed", params({{"AccessKeyId", str("AKIA")}, {"UserName", str("x")}}), {"UserName/unknown", "AccessKeyId/minLength"}},
      {"GetUser", params({}), {}},
      {"GetUser", params({{"UserName", Value::null()}}), {}},  // null counts as absent
      {"GetUser", params({{"UserName", Value::of_bool(true)}}), {"UserName/type"}},
      {"GetUser", Value::list(), {"params/type"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.action);
    EXPECT_EQ(field_rules(check(row.action, row.params)), row.expected);
  }
}

TEST(IamValidateParams, MessagesForTheNewRules) {
  auto issues = check("ListUsers", params({{"Colour", str("red")}, {"MaxItems", num(5000)}}));
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].message, "Colour: is not a parameter of ListUsers (known: PathPrefix, Marker, MaxItems)");
  EXPECT_EQ(issues[1].message, "MaxItems: 5000 is above the maximum 1000");
  issues = check("ListUsers", params({{"PathPrefix", str("/ok/no space")}}));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].message,
            "PathPrefix: character ' ' at position 6 is not allowed (allowed: '/' then any number "
            "of characters U+0021 to U+007F)");
  issues = check("ListUsers", params({{"Marker", str("caf\xC3\xA9\xC4\x80")}}));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].message,
            "Marker: character '\xC4\x80' (U+0100) at position 4 is not allowed (allowed: "
            "characters U+0020 to U+00FF)");
  issues = check("GetUser", params({{"UserName", num(3)}}));
  EXPECT_EQ(issues[0].message, "UserName: must be a string, got a number");
  issues = check("ListUsers", params({{"MaxItems", Value::of_bool(false)}}));
  EXPECT_EQ(issues[0].message, "MaxItems: must be an integer, got a boolean");
}

// Nested structures, lists, booleans, timestamps: the test-only model.
TEST(IamValidateParams, NestedListsBooleansTimestamps) {
  const Operation& put = test_model::operation("PutThing");
  Value tags = Value::list();
  tags.items.push_back(params({{"Key", str("a")}, {"Value", str("x")}}));
  tags.items.push_back(params({{"Key", str("B")}, {"Colour", str("red")}}));
  Value deep = params({{"Deep", params({})}});
  Value names = Value::list();
  names.items.push_back(str("ok"));
  names.items.push_back(num(1));
  const Value p = params({{"Name", str("thing")}, {"Count", num(11)}, {"Enabled", str("yes")},
                          {"When", num(0)}, {"Tags", tags}, {"Nested", deep}, {"Names", names}});
  const auto issues = validate_params(put, p);
  EXPECT_EQ(field_rules(issues),
            (FieldRules{"Count/max", "Enabled/type", "When/type", "Tags[1].Colour/unknown",
                        "Tags[1].Key/pattern", "Tags[1].Value/required", "Nested.Deep.Flag/required",
                        "Names[1]/type"}));
  EXPECT_EQ(issues[3].message, "Tags[1].Colour: is not a member of Tag (known: Key, Value)");
  EXPECT_EQ(issues[2].message, "When: must be a Date, got a number");

  Value four = Value::list();
  for (int i = 0; i < 4; ++i) four.items.push_back(params({{"Key", str("k")}, {"Value", str("v")}}));
  const auto too_many = validate_params(put, params({{"Name", str("n")}, {"Tags", four}}));
  ASSERT_EQ(too_many.size(), 1u);
  EXPECT_EQ(too_many[0].message, "Tags: has 4 items, above the maximum 3");
  EXPECT_EQ(field_rules(validate_params(put, params({{"Name", str("n")}, {"When", Value::of_timestamp(3e17)}}))),
            FieldRules{"When/range"});
  EXPECT_TRUE(validate_params(put, params({{"Name", str("n")}, {"When", Value::of_timestamp(0)},
                                           {"Enabled", Value::of_bool(false)}}))
                  .empty());

  const Operation& ping = test_model::operation("Ping");
  EXPECT_TRUE(validate_params(ping, Value::null()).empty());
  EXPECT_EQ(field_rules(validate_params(ping, params({{"X", str("y")}}))), FieldRules{"X/unknown"});
}

}  // namespace
}  // namespace keyflip::query
