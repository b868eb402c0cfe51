// UpdateAccessKey input validation: each rule of the shape, every failure
// collected, boundary lengths, and lengths in characters rather than bytes.
#include <gtest/gtest.h>

#include "iam/utf8.h"
#include "iam/validate.h"

namespace keyflip::iam {
namespace {

Field given(std::string value) { return {true, std::move(value)}; }

UpdateAccessKeyInput valid_input() {
  UpdateAccessKeyInput in;
  in.user_name = given("Bob");
  in.access_key_id = given("AKIAIOSFODNN7EXAMPLE");
  in.status = given("Inactive");
  return in;
}

std::vector<std::string> messages(const util::Issues& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.message);
  return out;
}

using Messages = std::vector<std::string>;

TEST(IamValidate, ValidInputHasNoIssues) {
  EXPECT_TRUE(validate_update_access_key(valid_input()).empty());
  UpdateAccessKeyInput in = valid_input();
  in.user_name = {};  // optional
  EXPECT_TRUE(validate_update_access_key(in).empty());
  in.status = given("Active");
  EXPECT_TRUE(validate_update_access_key(in).empty());
}

TEST(IamValidate, Required) {
  const auto issues = validate_update_access_key(UpdateAccessKeyInput{});
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "AccessKeyId");
  EXPECT_EQ(issues[0].rule, "required");
  EXPECT_EQ(issues[0].message, "AccessKeyId: is required");
  EXPECT_EQ(issues[1].message, "Status: is required");
}

TEST(IamValidate, AccessKeyIdLengthBoundaries) {
  UpdateAccessKeyInput in = valid_input();
  const std::pair<std::size_t, const char*> cases[] = {
      {15, "AccessKeyId: length 15 is below the minimum 16"},
      {16, nullptr},
      {128, nullptr},
      {129, "AccessKeyId: length 129 is above the maximum 128"},
  };
  for (const auto& [length, expected] : cases) {
    in.access_key_id = given(std::string(length, 'A'));
    const auto issues = validate_update_access_key(in);
    if (!expected) {
      EXPECT_TRUE(issues.empty()) << length;
    } else {
      ASSERT_EQ(issues.size(), 1u) << length;
      EXPECT_EQ(issues[0].message, expected);
      EXPECT_EQ(issues[0].rule, length < 16 ? "minLength" : "maxLength");
    }
  }
  in.access_key_id = given("AKIA12345678");
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"AccessKeyId: length 12 is below the minimum 16"});
}

TEST(IamValidate, UserNameLengthBoundaries) {
  UpdateAccessKeyInput in = valid_input();
  in.user_name = given("");  // present but empty is not the same as absent
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"UserName: length 0 is below the minimum 1"});
  in.user_name = given("b");
  EXPECT_TRUE(validate_update_access_key(in).empty());
  in.user_name = given(std::string(128, 'u'));
  EXPECT_TRUE(validate_update_access_key(in).empty());
  in.user_name = given(std::string(129, 'u'));
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"UserName: length 129 is above the maximum 128"});
}

TEST(IamValidate, Pattern) {
  UpdateAccessKeyInput in = valid_input();
  in.user_name = given("bob smith");
  auto issues = validate_update_access_key(in);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "UserName");
  EXPECT_EQ(issues[0].rule, "pattern");
  EXPECT_EQ(issues[0].message,
            "UserName: character ' ' at position 3 is not allowed "
            "(allowed: ASCII letters, digits and _+=,.@-)");

  in.user_name = given("a+b=c,d.e@f-g_h");  // every allowed punctuation mark
  EXPECT_TRUE(validate_update_access_key(in).empty());

  for (const char* bad : {"bob/smith", "bob*", "bob#", "bob:x", "b~b"}) {
    in.user_name = given(bad);
    EXPECT_EQ(validate_update_access_key(in).size(), 1u) << bad;
  }

  in = valid_input();
  in.access_key_id = given("AKIAIOSFODNN7EXAMPLE-");
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"AccessKeyId: character '-' at position 20 is not allowed "
                     "(allowed: ASCII letters, digits and _)"});
  in.access_key_id = given("AKIAIOSFODNN7EXAMP\tE");
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"AccessKeyId: character U+0009 at position 18 is not allowed "
                     "(allowed: ASCII letters, digits and _)"});
}

TEST(IamValidate, EnumIsCaseSensitive) {
  UpdateAccessKeyInput in = valid_input();
  in.status = given("active");
  const auto issues = validate_update_access_key(in);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "Status");
  EXPECT_EQ(issues[0].rule, "enum");
  EXPECT_EQ(issues[0].message, "Status: \"active\" is not one of Active, Inactive");
  in.status = given("");
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"Status: \"\" is not one of Active, Inactive"});
}

TEST(IamValidate, EnumMessageQuotesSafely) {
  UpdateAccessKeyInput in = valid_input();
  in.status = given("a\"b\\c\nd");
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"Status: \"a\\\"b\\\\c\\u000Ad\" is not one of Active, Inactive"});
  in.status = given(std::string(1000000, 'x'));  // a megabyte is not echoed back
  const auto issues = validate_update_access_key(in);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].message,
            "Status: \"" + std::string(64, 'x') + "\"... is not one of Active, Inactive");
}

TEST(IamValidate, CollectsEveryFailingFieldAndRule) {
  UpdateAccessKeyInput in;
  in.user_name = given(std::string(130, ' '));
  in.access_key_id = given("AKIA 1");
  in.status = given("Enabled");
  const auto issues = validate_update_access_key(in);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& i : issues) got.emplace_back(i.field, i.rule);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"UserName", "maxLength"}, {"UserName", "pattern"}, {"AccessKeyId", "minLength"},
      {"AccessKeyId", "pattern"}, {"Status", "enum"}};
  EXPECT_EQ(got, want);
  for (const auto& i : issues) EXPECT_EQ(i.message.rfind(i.field + ": ", 0), 0u) << i.message;
}

TEST(IamValidate, LengthCountsCharactersNotBytes) {
  UpdateAccessKeyInput in = valid_input();
  // 128 two-byte characters (256 bytes): the length rule passes, the pattern
  // (ASCII only) does not.
  std::string name;
  for (int i = 0; i < 128; ++i) name += "\xC3\xA9";  // é
  in.user_name = given(name);
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"UserName: character '\xC3\xA9' (U+00E9) at position 0 is not allowed "
                     "(allowed: ASCII letters, digits and _+=,.@-)"});
  name += "\xF0\x9F\x94\x91";  // U+1F511, four bytes, one character
  in.user_name = given(name);
  const auto issues = validate_update_access_key(in);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].message, "UserName: length 129 is above the maximum 128");

  in.user_name = given("ab\xE2\x80\x8B");  // a zero-width space is named by code point
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"UserName: character '\xE2\x80\x8B' (U+200B) at position 2 is not allowed "
                     "(allowed: ASCII letters, digits and _+=,.@-)"});
  in.user_name = given("\xF0\x9F\x94\x91");
  EXPECT_NE(validate_update_access_key(in)[0].message.find("(U+1F511) at position 0"),
            std::string::npos);
}

TEST(IamValidate, InvalidUtf8IsAPatternFailure) {
  UpdateAccessKeyInput in = valid_input();
  in.user_name = given("bob\xFF");
  EXPECT_EQ(messages(validate_update_access_key(in)),
            Messages{"UserName: byte 0xFF at position 3 is not valid UTF-8 "
                     "(allowed: ASCII letters, digits and _+=,.@-)"});
  in.user_name = given("\xC3");  // truncated sequence
  EXPECT_EQ(validate_update_access_key(in).size(), 1u);
  in.user_name = given("\xC0\xAF");  // overlong '/'
  EXPECT_EQ(validate_update_access_key(in)[0].rule, "pattern");
  in.user_name = given("\xED\xA0\x80");  // a UTF-16 surrogate
  EXPECT_EQ(validate_update_access_key(in)[0].rule, "pattern");
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

}  // namespace
}  // namespace keyflip::iam
