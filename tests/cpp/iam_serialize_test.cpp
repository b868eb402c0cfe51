// The AWS Query protocol form of every operation. The expected bodies are
// what botocore's own query serializer (botocore.serialize.QuerySerializer
// + botocore.utils.percent_encode_sequence) gives for the same parameters;
// the nested, list, boolean and timestamp cases use the test-only model,
// mirroring botocore's serializer rules (see query_params.cpp).
#include <gtest/gtest.h>

#include "query/operation.h"
#include "query/query_serialize.h"
#include "test_model.h"

namespace keyflip::query {
namespace {

Value params(std::initializer_list<std::pair<const char*, Value>> members) {
  Value v = Value::map();
  for (const auto& [k, item] : members) v.set(k, item);
  return v;
}
Value str(const char* s) { return Value::of_string(s); }

// The query-string form (what a presigned GET carries).
std::string body(const Operation& op, const Value& p) { return encode_query_params(query_params(op, p)); }
std::string body(const char* action, const Value& p) { return body(*find_operation(action), p); }

TEST(IamSerialize, UpdateAccessKeyInModelOrderWithEncodedValues) {
  // The order given does not matter: members follow the model.
  const Value p = params({{"Status", str("Inactive")}, {"AccessKeyId", str("AKIAIOSFODNN7EXAMPLE")},
                          {"UserName", str("a+b=c,d.e@f-g_h")}});
  EXPECT_EQ(body("UpdateAccessKey", p),
            "Action=UpdateAccessKey&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"
            "&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive");
  const auto list = query_params(*find_operation("UpdateAccessKey"),
                                 params({{"AccessKeyId", str("AKIAIOSFODNN7EXAMPLE")}, {"UserName", Value::null()}}));
  ASSERT_EQ(list.size(), 3u);  // null counts as absent
  EXPECT_EQ(list[0], (QueryParam{"Action", "UpdateAccessKey"}));
  EXPECT_EQ(list[1], (QueryParam{"Version", "2010-05-08"}));
}

TEST(IamSerialize, ReadOperations) {
  EXPECT_EQ(body("ListUsers", Value::null()), "Action=ListUsers&Version=2010-05-08");
  EXPECT_EQ(body("ListUsers", params({{"MaxItems", Value::of_number(100)}, {"PathPrefix", str("/a b/")},
                                      {"Marker", str("caf\xC3\xA9")}})),
            "Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fa%20b%2F&Marker=caf%C3%A9&MaxItems=100");
  EXPECT_EQ(body("ListAccessKeys", params({{"UserName", str("Bob")}, {"MaxItems", Value::of_number(1)}})),
            "Action=ListAccessKeys&Version=2010-05-08&UserName=Bob&MaxItems=1");
  EXPECT_EQ(body("GetAccessKeyLastUsed", params({{"AccessKeyId", str("AKIAIOSFODNN7EXAMPLE")}})),
            "Action=GetAccessKeyLastUsed&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(body("GetUser", params({})), "Action=GetUser&Version=2010-05-08");
}

TEST(IamSerialize, NestedListsBooleansIntegersTimestamps) {
  const Operation& put = test_model::operation("PutThing");
  Value tags = Value::list();
  tags.items.push_back(params({{"Value", str("x")}, {"Key", str("a")}}));
  tags.items.push_back(params({{"Key", str("b")}, {"Value", str("")}}));
  Value labels = Value::list();
  labels.items.push_back(str("l1"));
  labels.items.push_back(str("l2"));
  Value names = Value::list();
  names.items.push_back(str("n"));
  const Value p = params({{"Name", str("thing")}, {"Count", Value::of_number(-3)},
                          {"Enabled", Value::of_bool(false)},
                          {"When", Value::of_timestamp(1440938160000.0)}, {"Tags", tags},
                          {"Labels", labels},
                          {"Nested", params({{"Inner", str("i")}, {"Deep", params({{"Flag", Value::of_bool(true)}})}})},
                          {"Names", names}, {"Renamed", str("r")}});
  const std::vector<QueryParam> expected = {
      {"Action", "PutThing"}, {"Version", "2020-01-01"}, {"Name", "thing"}, {"Count", "-3"},
      {"Enabled", "false"}, {"When", "2015-08-30T12:36:00Z"},
      {"Tags.member.1.Key", "a"}, {"Tags.member.1.Value", "x"},
      {"Tags.member.2.Key", "b"}, {"Tags.member.2.Value", ""},
      {"Label.1", "l1"}, {"Label.2", "l2"},  // flattened, with a member name: replaces "Labels"
      {"Nested.Inner", "i"}, {"Nested.Deep.Flag", "true"},
      {"Names.item.1", "n"},                 // the list member's locationName
      {"OtherName", "r"},                    // the member's locationName
  };
  EXPECT_EQ(query_params(put, p), expected);
}

TEST(IamSerialize, EmptyListsAndFractionalTimestamps) {
  const Operation& put = test_model::operation("PutThing");
  const Value p = params({{"Name", str("n")}, {"Tags", Value::list()},
                          {"When", Value::of_timestamp(1440938160123.456)}});
  const std::vector<QueryParam> expected = {{"Action", "PutThing"}, {"Version", "2020-01-01"},
                                            {"Name", "n"}, {"When", "2015-08-30T12:36:00.123456Z"},
                                            {"Tags", ""}};  // botocore sends an empty list as "Tags="
  EXPECT_EQ(query_params(put, p), expected);
  EXPECT_EQ(query_params(test_model::operation("Ping"), Value::null()),
            (std::vector<QueryParam>{{"Action", "Ping"}, {"Version", "2020-01-01"}}));
}

TEST(IamSerialize, Rfc3986EncodingKeepsOnlyUnreserved) {
  // Not valid IAM input, but the encoder must still be exact: spaces are %20
  // in a query string, '~' stays, UTF-8 is encoded byte by byte.
  EXPECT_EQ(encode_query_params({{"a b", "x y+z~/*\xC3\xA9"}, {"k", ""}}),
            "a%20b=x%20y%2Bz~%2F%2A%C3%A9&k=");
  EXPECT_EQ(encode_query_params({}), "");
}

// A POST body is a form: a space is '+', as botocore (Python's urlencode)
// writes it; %20 there made the body and signature differ from botocore's
// (regression, found by the differential with a Marker holding a space).
TEST(IamSerialize, FormBodyWritesSpacesAsPlus) {
  EXPECT_EQ(encode_form_body({{"a b", "x y+z~ %20"}}), "a+b=x+y%2Bz~+%2520");
  EXPECT_EQ(body("ListUsers", params({{"Marker", str("a b")}})),
            "Action=ListUsers&Version=2010-05-08&Marker=a%20b");  // the query-string form
}

}  // namespace
}  // namespace keyflip::query
