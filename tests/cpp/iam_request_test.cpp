// The signed request end to end (build_request and presign_request for
// UpdateAccessKey and the other operations), against signatures computed
// by botocore, plus how every kind of problem is reported together.
//
// The expected values were produced once with Debian's python3-botocore
// (1.29) like this, and hard-coded:
//   from unittest import mock; import datetime
//   from botocore.auth import SigV4Auth, SigV4QueryAuth
//   from botocore.awsrequest import AWSRequest
//   from botocore.credentials import Credentials
//   creds = Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')
//   with mock.patch('botocore.auth.datetime') as dt:
//       dt.datetime.utcnow.return_value = datetime.datetime(2015, 8, 30, 12, 36, 0)
//       req = AWSRequest(method='POST', url='https://iam.amazonaws.com/', data=BODY,
//           headers={'content-type': 'application/x-www-form-urlencoded; charset=utf-8'})
//       SigV4Auth(creds, 'iam', 'us-east-1').add_auth(req)  # -> req.headers['Authorization']
//       q = AWSRequest(method='GET', url='https://iam.amazonaws.com/?' + BODY)
//       SigV4QueryAuth(creds, 'iam', 'us-east-1', expires=60).add_auth(q)  # -> q.url
// with BODY from botocore's query serializer for UserName='a+b=c,d.e@f-g_h',
// AccessKeyId='AKIAIOSFODNN7EXAMPLE', Status='Inactive'; and for the custom
// endpoint case url='http://localhost:4566/iam/', region 'eu-west-1', a session
// token and no UserName.
#include <gtest/gtest.h>

#include "query/operation.h"
#include "query/request.h"

namespace keyflip::query {
namespace {

constexpr std::int64_t kSigningTimeMs = 1440938160000;  // 2015-08-30T12:36:00Z

const Operation& uak() { return *find_operation("UpdateAccessKey"); }

// Sets (or replaces) one member of a params Map.
void put(Value& params, const std::string& name, std::string value) {
  for (auto& [key, v] : params.entries)
    if (key == name) return void(v = Value::of_string(std::move(value)));
  params.set(name, Value::of_string(std::move(value)));
}

Value botocore_input() {
  Value in = Value::map();
  put(in, "UserName", "a+b=c,d.e@f-g_h");
  put(in, "AccessKeyId", "AKIAIOSFODNN7EXAMPLE");
  put(in, "Status", "Inactive");
  return in;
}

SigningContext example_signing() {
  SigningContext s;
  s.credentials.access_key_id = "AKIDEXAMPLE";
  s.credentials.secret_access_key = crypto::SecretBytes("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  s.local_now_ms = kSigningTimeMs;
  return s;
}

const sigv4::Header* header(const sigv4::SignedRequest& r, const std::string& name) {
  for (const auto& h : r.headers)
    if (h.name == name) return &h;
  return nullptr;
}

std::vector<std::string> fields(const util::Issues& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.field);
  return out;
}

TEST(IamRequest, PostMatchesBotocore) {
  const auto built = build_request(uak(), botocore_input(), {}, example_signing());
  ASSERT_TRUE(built.ok) << built.issues[0].message;
  const auto& r = built.request;
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.url, "https://iam.amazonaws.com/");
  EXPECT_EQ(r.body,
            "Action=UpdateAccessKey&Version=2010-05-08&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h"
            "&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive");
  EXPECT_EQ(built.signing_region, "us-east-1");
  ASSERT_TRUE(header(r, "content-type"));
  EXPECT_EQ(header(r, "content-type")->value, "application/x-www-form-urlencoded; charset=utf-8");
  ASSERT_TRUE(header(r, "x-amz-date"));
  EXPECT_EQ(header(r, "x-amz-date")->value, "20150830T123600Z");
  ASSERT_TRUE(header(r, "authorization"));
  EXPECT_EQ(header(r, "authorization")->value,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, "
            "Signature=6f08cdf3d7e5931aba052e0f62d77b22984b1f3dd28d9b64a753c23ee9696669");
}

TEST(IamRequest, PresignedGetMatchesBotocore) {
  const auto built = presign_request(uak(), botocore_input(), {}, example_signing(), 60);
  ASSERT_TRUE(built.ok) << built.issues[0].message;
  EXPECT_EQ(built.request.method, "GET");
  EXPECT_TRUE(built.request.headers.empty());
  EXPECT_TRUE(built.request.body.empty());
  EXPECT_EQ(built.request.url,
            "https://iam.amazonaws.com/?Action=UpdateAccessKey&Version=2010-05-08"
            "&UserName=a%2Bb%3Dc%2Cd.e%40f-g_h&AccessKeyId=AKIAIOSFODNN7EXAMPLE&Status=Inactive"
            "&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request"
            "&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Expires=60"
            "&X-Amz-Signature=b40a76a12ec35ea993166f6fd044d3b3bf487ddf8776d93ca716df9396ce6bca");
}

TEST(IamRequest, CustomEndpointWithPrefixAndSessionTokenMatchesBotocore) {
  Value in = Value::map();
  put(in, "AccessKeyId", "AKIAIOSFODNN7EXAMPLE");
  put(in, "Status", "Active");
  EndpointConfig endpoint;
  endpoint.endpoint = "http://localhost:4566/iam";
  endpoint.region = "eu-west-1";
  SigningContext signing = example_signing();
  signing.credentials.session_token = crypto::SecretBytes("AQoDYXdzEPT//////////wEXAMPLEtoken+/=");
  const auto built = build_request(uak(), in, endpoint, signing);
  ASSERT_TRUE(built.ok) << built.issues[0].message;
  EXPECT_EQ(built.request.url, "http://localhost:4566/iam/");
  EXPECT_EQ(built.signing_region, "eu-west-1");
  ASSERT_TRUE(header(built.request, "x-amz-security-token"));
  EXPECT_EQ(header(built.request, "authorization")->value,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/iam/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
            "Signature=5a306bab0e3052d0b65f48d422d8c09d2ab1dfd974f673b87932abe87a939569");
}

TEST(IamRequest, ClockOffsetMovesTheSigningTime) {
  SigningContext signing = example_signing();
  signing.local_now_ms = kSigningTimeMs - 600000;  // local clock 10 minutes slow
  signing.clock_offset_ms = 600000 + 999;          // sub-second part is floored
  EXPECT_EQ(signing_epoch_seconds(signing), kSigningTimeMs / 1000);
  const auto built = build_request(uak(), botocore_input(), {}, signing);
  ASSERT_TRUE(built.ok);
  EXPECT_EQ(header(built.request, "x-amz-date")->value, "20150830T123600Z");

  signing.local_now_ms = -1;  // floor, not truncation, before 1970
  signing.clock_offset_ms = 0;
  EXPECT_EQ(signing_epoch_seconds(signing), -1);
  signing.local_now_ms = INT64_MAX;  // clamped, then refused by the signer
  signing.clock_offset_ms = INT64_MAX;
  const auto far = build_request(uak(), botocore_input(), {}, signing);
  EXPECT_FALSE(far.ok);
  EXPECT_EQ(fields(far.issues), std::vector<std::string>{"date"});
}

TEST(IamRequest, AllProblemsReportedTogetherAndNothingBuilt) {
  Value in = Value::map();
  put(in, "Status", "on");
  EndpointConfig endpoint;
  endpoint.endpoint = "https://proxy.example/?x";
  SigningContext signing;  // no credentials
  const auto built = presign_request(uak(), in, endpoint, signing, 0);
  EXPECT_FALSE(built.ok);
  EXPECT_EQ(fields(built.issues),
            (std::vector<std::string>{"AccessKeyId", "Status", "region", "endpoint",
                                      "credentials.accessKeyId",
                                      "credentials.secretAccessKey", "expiresIn"}));
  EXPECT_TRUE(built.request.url.empty());
  EXPECT_TRUE(built.request.signature.empty());
  EXPECT_TRUE(built.signing_region.empty());
}

TEST(IamRequest, InvalidParamsAloneBuildNothing) {
  Value in = botocore_input();
  put(in, "Status", "Enabled");
  const auto built = build_request(uak(), in, {}, example_signing());
  EXPECT_FALSE(built.ok);
  EXPECT_EQ(fields(built.issues), std::vector<std::string>{"Status"});
  EXPECT_TRUE(built.request.headers.empty());
  EXPECT_TRUE(built.request.body.empty());
}

// IAM presigns are limited to 900 s: outside S3, AWS accepts a query-signed
// request for about 15 minutes whatever X-Amz-Expires says (604800 passed
// before, regression).
TEST(IamRequest, PresignExpiryBounds) {
  for (std::int64_t bad : {0LL, -5LL, 901LL, 3600LL, 604800LL, 604801LL}) {
    const auto built = presign_request(uak(), botocore_input(), {}, example_signing(), bad);
    ASSERT_EQ(fields(built.issues), std::vector<std::string>{"expiresIn"}) << bad;
    EXPECT_EQ(built.issues[0].rule, "range");
    EXPECT_EQ(built.issues[0].message,
              "expiresIn: must be 1 to 900 seconds: outside S3, AWS accepts a query-signed request "
              "for about 15 minutes after its X-Amz-Date whatever X-Amz-Expires says");
  }
  EXPECT_TRUE(presign_request(uak(), botocore_input(), {}, example_signing(), 900).ok);
  EXPECT_TRUE(presign_request(uak(), botocore_input(), {}, example_signing(), 1).ok);
  const Operation& list_users = *find_operation("ListUsers");
  EXPECT_EQ(fields(presign_request(list_users, Value::null(), {}, example_signing(), 901).issues),
            std::vector<std::string>{"expiresIn"});
  const auto ok = presign_request(list_users, Value::null(), {}, example_signing(), 900);
  ASSERT_TRUE(ok.ok);
  EXPECT_NE(ok.request.url.find("?Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm="),
            std::string::npos);
  EXPECT_NE(ok.request.url.find("&X-Amz-Expires=900&"), std::string::npos);
}

TEST(IamRequest, BuildRequestForEveryOperation) {
  for (std::string_view name : operation_names()) {
    SCOPED_TRACE(std::string(name));
    const Operation& op = *find_operation(name);
    Value params = Value::map();
    if (name == "UpdateAccessKey") params.set("Status", Value::of_string("Active"));
    if (name == "UpdateAccessKey" || name == "GetAccessKeyLastUsed" || name == "DeleteAccessKey" ||
        name == "GetAccessKeyInfo")
      params.set("AccessKeyId", Value::of_string("AKIAIOSFODNN7EXAMPLE"));
    if (name == "PutUserPolicy" || name == "GetUserPolicy" || name == "DeleteUserPolicy") {
      params.set("UserName", Value::of_string("alice"));
      params.set("PolicyName", Value::of_string("p"));
    }
    if (name == "PutUserPolicy") params.set("PolicyDocument", Value::of_string("{}"));
    if (name == "ListUserPolicies" || name == "ListAttachedUserPolicies") params.set("UserName", Value::of_string("alice"));
    const auto built = build_request(op, params, {}, example_signing());
    ASSERT_TRUE(built.ok) << built.issues[0].message;
    EXPECT_EQ(built.request.method, "POST");
    EXPECT_EQ(built.request.body.rfind("Action=" + std::string(name) + "&Version=" + std::string(op.version), 0), 0u);
    EXPECT_TRUE(header(built.request, "authorization"));
    // Signed for the operation's own service: IAM's global endpoint, STS's regional one.
    const bool sts = op.service->id == "sts";
    EXPECT_EQ(built.request.url, sts ? "https://sts.us-east-1.amazonaws.com/" : "https://iam.amazonaws.com/");
    EXPECT_NE(header(built.request, "authorization")->value.find(sts ? "/us-east-1/sts/aws4_request" : "/us-east-1/iam/aws4_request"),
              std::string::npos);
  }
  // Bad params build nothing, and every problem is reported with the others.
  const auto bad = build_request(*find_operation("ListUsers"),
                                 [] { Value v = Value::map(); v.set("MaxItems", Value::of_number(0)); return v; }(),
                                 {}, SigningContext{});
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(fields(bad.issues), (std::vector<std::string>{"MaxItems", "credentials.accessKeyId",
                                                          "credentials.secretAccessKey"}));
  EXPECT_TRUE(bad.request.body.empty());
}

TEST(IamRequest, FipsDualStackEndpoint) {
  EndpointConfig endpoint;
  endpoint.partition = "aws-us-gov";
  endpoint.fips = true;
  const auto built = build_request(uak(), botocore_input(), endpoint, example_signing());
  ASSERT_TRUE(built.ok);
  EXPECT_EQ(built.request.url, "https://iam.us-gov.amazonaws.com/");
  EXPECT_NE(header(built.request, "authorization")->value.find("/20150830/us-gov-west-1/iam/"),
            std::string::npos);
}

}  // namespace
}  // namespace keyflip::query
