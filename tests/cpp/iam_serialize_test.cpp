// The AWS Query protocol form of UpdateAccessKey. The expected bodies were
// produced by botocore's own query serializer (botocore.serialize
// QuerySerializer + botocore.utils.percent_encode_sequence) for the same
// parameters.
#include <gtest/gtest.h>

#include "iam/query_serialize.h"

namespace keyflip::iam {
namespace {

Field given(std::string value) { return {true, std::move(value)}; }

TEST(IamSerialize, BodyInShapeOrderWithEncodedValues) {
  UpdateAccessKeyInput in;
  in.status = given("Inactive");  // the order of assignment does not matter
  in.access_key_id = given("AKIAIOSFODNN7EXAMPLE");
  in.user_name = given("a+b=c,d.e@f-g_h");
  EXPECT_EQ(update_access_key_form_body(in),
            "Action=UpdateAccessKey&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"
            "&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive");
}

TEST(IamSerialize, AbsentUserNameIsLeftOut) {
  UpdateAccessKeyInput in;
  in.access_key_id = given("AKIAIOSFODNN7EXAMPLE");
  in.status = given("Active");
  EXPECT_EQ(update_access_key_form_body(in),
            "Action=UpdateAccessKey&Version=2010-05-08&AccessKeyId=AKIAIOSFODNN7EXAMPLE"
            "&Status=Active");
  const auto params = update_access_key_params(in);
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[0], (QueryParam{"Action", "UpdateAccessKey"}));
  EXPECT_EQ(params[1], (QueryParam{"Version", "2010-05-08"}));
}

TEST(IamSerialize, QueryStringEqualsFormBody) {
  UpdateAccessKeyInput in;
  in.user_name = given("u@x");
  in.access_key_id = given("AKIAIOSFODNN7EXAMPLE");
  in.status = given("Active");
  EXPECT_EQ(update_access_key_query_string(in), update_access_key_form_body(in));
}

TEST(IamSerialize, Rfc3986EncodingKeepsOnlyUnreserved) {
  // Not valid IAM input, but the encoder must still be exact: spaces are %20
  // (never '+'), '~' stays, UTF-8 is encoded byte by byte.
  EXPECT_EQ(encode_query_params({{"a b", "x y+z~/*\xC3\xA9"}, {"k", ""}}),
            "a%20b=x%20y%2Bz~%2F%2A%C3%A9&k=");
  EXPECT_EQ(encode_query_params({}), "");
}

}  // namespace
}  // namespace keyflip::iam
