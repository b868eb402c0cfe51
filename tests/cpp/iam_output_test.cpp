// IAM's answers read by the output shapes (parse_response): the IAM API
// reference's example for each operation (testdata/iam-examples), then edge
// cases: entities, character references, CDATA, whitespace kept, fractional
// seconds and offsets, unknown elements, any member order, empty lists,
// absent optionals, duplicates, unreadable values, another action's answer.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "query/operation.h"
#include "suite_case.h"
#include "test_model.h"
#include "util/amz_date.h"

namespace keyflip::query {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// The value tree as JSON, timestamps as "@<ISO 8601>", so a whole output is
// compared at once and a difference shows where.
Json to_json(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return nullptr;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::Number: return v.number;
    case Value::Kind::String: return v.text;
    case Value::Kind::Timestamp: return "@" + util::format_iso8601(v.number).value_or("?");
    case Value::Kind::List: {
      Json out = Json::array();
      for (const auto& item : v.items) out.push_back(to_json(item));
      return out;
    }
    case Value::Kind::Map: {
      Json out = Json::object();
      for (const auto& [k, item] : v.entries) out[k] = to_json(item);
      return out;
    }
  }
  return nullptr;
}

std::string example(const std::string& action) {
  return testing::read_file(fs::path(KEYFLIP_SOURCE_DIR) / "tests/cpp/testdata/iam-examples" /
                            (action + ".xml"));
}

ParsedResponse parse(const char* action, const std::string& body, int status = 200) {
  return parse_response(find_operation(action), status, body);
}

TEST(IamOutput, DocumentedExamples) {
  const auto update = parse("UpdateAccessKey", example("UpdateAccessKey"));
  ASSERT_TRUE(update.answer.ok);
  EXPECT_EQ(update.answer.request_id, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
  EXPECT_EQ(to_json(update.output), Json::object());

  const auto users = parse("ListUsers", example("ListUsers"));
  ASSERT_TRUE(users.answer.ok);
  EXPECT_EQ(to_json(users.output), Json::parse(R"({"Users": [
    {"Path": "/division_abc/subdivision_xyz/engineering/", "UserName": "Andrew",
     "UserId": "AID2MAB8DPLSRHEXAMPLE",
     "Arn": "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/engineering/Andrew",
     "CreateDate": "@2012-09-05T19:38:48Z", "PasswordLastUsed": "@2014-09-08T21:47:36Z"},
    {"Path": "/division_abc/subdivision_xyz/engineering/", "UserName": "Jackie",
     "UserId": "AIDIODR4TAW7CSEXAMPLE",
     "Arn": "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/engineering/Jackie",
     "CreateDate": "@2014-04-09T15:43:45Z", "PasswordLastUsed": "@2014-09-24T16:18:07Z"}],
    "IsTruncated": false})"));
  EXPECT_TRUE(users.unreadable.empty());

  const auto keys = parse("ListAccessKeys", example("ListAccessKeys"));
  ASSERT_TRUE(keys.answer.ok);  // no namespace, an unknown <UserName> in the result: ignored
  EXPECT_EQ(to_json(keys.output), Json::parse(R"({"AccessKeyMetadata": [
    {"UserName": "Bob", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Status": "Active"},
    {"UserName": "Bob", "AccessKeyId": "AKIAI44QH8DHBEXAMPLE", "Status": "Inactive"}],
    "IsTruncated": false})"));

  const auto last_used = parse("GetAccessKeyLastUsed", example("GetAccessKeyLastUsed"));
  ASSERT_TRUE(last_used.answer.ok);
  EXPECT_EQ(last_used.answer.request_id, "510a6abf-d8c8-11e4-9c1c-fd7f0EXAMPLE");
  EXPECT_EQ(to_json(last_used.output), Json::parse(R"({"UserName": "bob", "AccessKeyLastUsed":
    {"LastUsedDate": "@2015-03-13T10:45:00Z", "ServiceName": "s3", "Region": "us-west-2"}})"));

  const auto user = parse("GetUser", example("GetUser"));
  ASSERT_TRUE(user.answer.ok);
  EXPECT_EQ(to_json(user.output), Json::parse(R"({"User": {"Path": "/division_abc/subdivision_xyz/",
    "UserName": "Bob", "UserId": "AIDACKCEVSQ6C2EXAMPLE",
    "Arn": "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob",
    "CreateDate": "@2013-10-02T17:01:44Z", "PasswordLastUsed": "@2014-10-10T14:37:51Z"}})"));
}

std::string wrap(const std::string& result) {
  return "<PutThingResponse xmlns=\"https://example.invalid/\"><PutThingResult>" + result +
         "</PutThingResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
         "</PutThingResponse>";
}

ParsedResponse parse_test(const std::string& result) {
  return parse_response(&test_model::operation("PutThing"), 200, wrap(result));
}

TEST(IamOutput, TextIsDecodedAndKeptExactly) {
  const auto p = parse_test(
      "<Items/><Note>  a &amp; b &lt;c&gt; &#233;&#x2713; <![CDATA[<raw> & ]]>end  </Note>"
      "<OtherName>\n\t</OtherName>");
  ASSERT_TRUE(p.answer.ok);
  EXPECT_EQ(to_json(p.output), Json::parse("{\"Items\": [], \"Note\": \"  a & b <c> \u00e9\u2713 "
                                           "<raw> & end  \", \"Renamed\": \"\\n\\t\"}"));
}

TEST(IamOutput, TimestampsBooleansIntegers) {
  const auto p = parse_test(
      "<Items><member><Created>2015-08-30T12:36:00.123Z</Created><Active>true</Active>"
      "<Size>7</Size></member><member><Created>2015-08-30T14:36:00+02:00</Created>"
      "<Active>false</Active><Size>-2</Size></member>"
      "<member><Created>2015-08-30T12:36:00.123456789Z</Created></member></Items>");
  ASSERT_TRUE(p.answer.ok);
  EXPECT_EQ(to_json(p.output), Json::parse(R"({"Items": [
    {"Created": "@2015-08-30T12:36:00.123000Z", "Active": true, "Size": 7},
    {"Created": "@2015-08-30T12:36:00Z", "Active": false, "Size": -2},
    {"Created": "@2015-08-30T12:36:00.123456Z"}]})"));
  EXPECT_EQ(p.output.find("Items")->items[0].find("Created")->number, 1440938160123.0);
}

TEST(IamOutput, AnyOrderUnknownElementsPrefixesAndFlattenedLists) {
  const auto p = parse_test(
      "<x:IsTruncated xmlns:x=\"urn:x\">true</x:IsTruncated><Unknown><Note>no</Note></Unknown>"
      "<Entries>e1</Entries><Nested><Deep><Flag>true</Flag></Deep><Inner>i</Inner></Nested>"
      "<Entries>e2</Entries><Items><member><Id>a</Id></member><other/><member/></Items>");
  ASSERT_TRUE(p.answer.ok);
  EXPECT_EQ(to_json(p.output), Json::parse(R"({"Items": [{"Id": "a"}, {}],
    "Entries": ["e1", "e2"], "Nested": {"Inner": "i", "Deep": {"Flag": true}}, "IsTruncated": true})"));
}

TEST(IamOutput, AbsentAndDuplicateMembers) {
  // Absent optionals (and even a required list) are simply absent.
  auto p = parse_test("");
  ASSERT_TRUE(p.answer.ok);
  EXPECT_EQ(to_json(p.output), Json::object());
  // A member given twice: the first one counts.
  p = parse_test("<Note>first</Note><Note>second</Note>");
  EXPECT_EQ(to_json(p.output), Json::parse(R"({"Note": "first"})"));
  // No result element at all: no members.
  const auto bare = parse_response(&test_model::operation("PutThing"), 200,
                                   "<PutThingResponse><ResponseMetadata><RequestId>r</RequestId>"
                                   "</ResponseMetadata></PutThingResponse>");
  ASSERT_TRUE(bare.answer.ok);
  EXPECT_EQ(to_json(bare.output), Json::object());
}

TEST(IamOutput, UnreadableValuesAreLeftOutAndListed) {
  const auto p = parse_test(
      "<Items><member><Created>yesterday</Created><Active>yes</Active><Size>1e3</Size>"
      "<Id>kept</Id></member></Items><IsTruncated>TRUE</IsTruncated>");
  ASSERT_TRUE(p.answer.ok);
  EXPECT_EQ(to_json(p.output), Json::parse(R"({"Items": [{"Id": "kept"}]})"));
  std::vector<std::string> fields;
  for (const auto& i : p.unreadable) fields.push_back(i.field + "/" + i.rule);
  EXPECT_EQ(fields, (std::vector<std::string>{"Items[0].Created/unreadable", "Items[0].Active/unreadable",
                                              "Items[0].Size/unreadable", "IsTruncated/unreadable"}));
  EXPECT_EQ(p.unreadable[0].message, "Items[0].Created: is not an ISO 8601 timestamp: \"yesterday\"");
  // A timestamp without a zone names no instant.
  EXPECT_EQ(parse_test("<Items><member><Created>2015-08-30T12:36:00</Created></member></Items>")
                .unreadable.size(),
            1u);
}

TEST(IamOutput, ReadResponseRefusesASuccessWithUnreadableMembers) {
  const auto& op = test_model::operation("PutThing");
  const auto refused =
      read_response(&op, 200, wrap("<Items><member><Created>yesterday</Created></member></Items>"));
  EXPECT_FALSE(refused.answer.ok);
  EXPECT_EQ(refused.answer.kind, AnswerKind::Unparsable);
  EXPECT_EQ(refused.answer.code, kUnparsableCode);
  EXPECT_FALSE(refused.answer.retryable);
  EXPECT_TRUE(refused.output.is_null());
  EXPECT_EQ(refused.answer.message,
            "IAM's answer could not be read by the model's shapes: "
            "Items[0].Created: is not an ISO 8601 timestamp: \"yesterday\"");
  // A readable success, and an error answer, are passed on as parse_response gives them.
  const auto fine = read_response(&op, 200, wrap("<Note>n</Note>"));
  ASSERT_TRUE(fine.answer.ok);
  EXPECT_EQ(to_json(fine.output), Json::parse(R"({"Note": "n"})"));
  const std::string throttled =
      "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded"
      "</Message></Error><RequestId>r-2</RequestId></ErrorResponse>";
  const auto error = read_response(&op, 400, throttled);
  EXPECT_EQ(error.answer.code, "Throttling");
  EXPECT_TRUE(error.answer.retryable);
}

TEST(IamOutput, OnlyTheOwnActionsAnswerIsASuccess) {
  const auto other = parse("GetUser", example("ListUsers"));
  EXPECT_EQ(other.answer.kind, AnswerKind::Unparsable);
  EXPECT_NE(other.answer.message.find("unexpected root element <ListUsersResponse> (expected "
                                      "<GetUserResponse>)"),
            std::string::npos);
  EXPECT_TRUE(other.output.is_null());
  // Errors and everything else are classified as parse_iam_response does.
  const auto error = parse("GetUser",
                           "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                           "<Message>no</Message></Error><RequestId>e</RequestId></ErrorResponse>",
                           404);
  EXPECT_EQ(error.answer.kind, AnswerKind::ServiceError);
  EXPECT_EQ(error.answer.code, "NoSuchEntity");
  EXPECT_TRUE(error.output.is_null());
  EXPECT_EQ(parse("GetUser", example("GetUser"), 500).answer.kind, AnswerKind::Unparsable);
  EXPECT_EQ(parse("GetUser", std::string(kMaxParsedBodyBytes + 1, ' ')).answer.kind,
            AnswerKind::Unparsable);
  // Without an operation: only the answer, as parse_iam_response.
  const auto any = parse_response(nullptr, 200, example("ListUsers"));
  EXPECT_TRUE(any.answer.ok);
  EXPECT_TRUE(any.output.is_null());
}

TEST(IamOutput, InvalidUtf8BecomesReplacementCharacters) {
  const auto p = parse_test("<Note>a\xFF" "b</Note>");
  ASSERT_TRUE(p.answer.ok);
  EXPECT_EQ(p.output.find("Note")->text, "a\xEF\xBF\xBD" "b");
}

}  // namespace
}  // namespace keyflip::query
