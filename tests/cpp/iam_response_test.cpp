// Reading IAM's answers: real success and error documents (as in the IAM API
// reference), namespaces and prefixes, entities, and everything that is not
// an IAM document at all.
#include <gtest/gtest.h>

#include "query/response.h"

namespace keyflip::query {
namespace {

constexpr const char* kSuccess =
    "<UpdateAccessKeyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
    "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>"
    "</ResponseMetadata></UpdateAccessKeyResponse>";

constexpr const char* kNoSuchEntity =
    "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
    "  <Error>\n"
    "    <Type>Sender</Type>\n"
    "    <Code>NoSuchEntity</Code>\n"
    "    <Message>The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.</Message>\n"
    "  </Error>\n"
    "  <RequestId>4e4e2f8f-1b4c-4b3e-9d2a-0c1e5EXAMPLE</RequestId>\n"
    "</ErrorResponse>\n";

std::string error_document(const std::string& type, const std::string& code,
                           const std::string& message) {
  return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>" +
         type + "</Type><Code>" + code + "</Code><Message>" + message +
         "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>";
}

TEST(IamResponse, Success) {
  const IamAnswer a = parse_iam_response(200, kSuccess);
  EXPECT_EQ(a.kind, AnswerKind::Success);
  EXPECT_TRUE(a.ok);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.request_id, "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");
  EXPECT_TRUE(a.code.empty());
  EXPECT_FALSE(a.retryable || a.throttling || a.clock_skew);
  // With an XML declaration and pretty-printing, as IAM actually sends it.
  const IamAnswer pretty = parse_iam_response(
      200, std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n") +
               "<UpdateAccessKeyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
               "  <ResponseMetadata>\n    <RequestId>\n  r-1  </RequestId>\n"
               "  </ResponseMetadata>\n</UpdateAccessKeyResponse>\n");
  EXPECT_TRUE(pretty.ok);
  EXPECT_EQ(pretty.request_id, "r-1");
}

TEST(IamResponse, OtherOperationsAndMissingRequestId) {
  EXPECT_TRUE(parse_iam_response(200,
                                 "<ListUsersResponse><ListUsersResult/><ResponseMetadata>"
                                 "<RequestId>x</RequestId></ResponseMetadata></ListUsersResponse>")
                  .ok);
  // Our own operation is recognised even without metadata; another is not.
  EXPECT_TRUE(parse_iam_response(204, "<UpdateAccessKeyResponse/>").ok);
  EXPECT_EQ(parse_iam_response(200, "<ListUsersResponse/>").kind, AnswerKind::Unparsable);
}

TEST(IamResponse, NoSuchEntity) {
  const IamAnswer a = parse_iam_response(404, kNoSuchEntity);
  EXPECT_EQ(a.kind, AnswerKind::ServiceError);
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.type, "Sender");
  EXPECT_EQ(a.code, "NoSuchEntity");
  EXPECT_EQ(a.message, "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.");
  EXPECT_EQ(a.request_id, "4e4e2f8f-1b4c-4b3e-9d2a-0c1e5EXAMPLE");
  EXPECT_FALSE(a.retryable);
  EXPECT_FALSE(a.throttling);
  EXPECT_FALSE(a.clock_skew);
  EXPECT_TRUE(a.body_excerpt.empty());
}

TEST(IamResponse, PrefixedElementsAndEntities) {
  const IamAnswer a = parse_iam_response(
      400,
      "<iam:ErrorResponse xmlns:iam=\"https://iam.amazonaws.com/doc/2010-05-08/\"><iam:Error>"
      "<iam:Type>Sender</iam:Type><iam:Code>ValidationError</iam:Code>"
      "<iam:Message>1 validation error: &lt;userName&gt; &amp; &quot;x&quot; &#233;&#x2713;"
      "</iam:Message></iam:Error><iam:RequestId>p-1</iam:RequestId></iam:ErrorResponse>");
  EXPECT_EQ(a.kind, AnswerKind::ServiceError);
  EXPECT_EQ(a.code, "ValidationError");
  EXPECT_EQ(a.message, "1 validation error: <userName> & \"x\" \xC3\xA9\xE2\x9C\x93");
  EXPECT_EQ(a.request_id, "p-1");
  const IamAnswer cdata = parse_iam_response(
      200, "<a:UpdateAccessKeyResponse xmlns:a=\"urn:x\"><a:ResponseMetadata><a:RequestId>"
           "<![CDATA[c-1]]></a:RequestId></a:ResponseMetadata></a:UpdateAccessKeyResponse>");
  EXPECT_TRUE(cdata.ok);
  EXPECT_EQ(cdata.request_id, "c-1");
}

TEST(IamResponse, OtherErrorDocumentShapes) {
  const IamAnswer ec2 = parse_iam_response(
      503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down"
           "</Message></Error></Errors><RequestID>e-1</RequestID></Response>");
  EXPECT_EQ(ec2.kind, AnswerKind::ServiceError);
  EXPECT_EQ(ec2.code, "RequestLimitExceeded");
  EXPECT_EQ(ec2.request_id, "e-1");
  EXPECT_TRUE(ec2.throttling);
  const IamAnswer bare = parse_iam_response(
      403, "<Error><Code>AccessDenied</Code><Message>no</Message><RequestId>b-1</RequestId></Error>");
  EXPECT_EQ(bare.code, "AccessDenied");
  EXPECT_EQ(bare.request_id, "b-1");
  EXPECT_FALSE(bare.retryable);
  // An error document with a 200 is still an error; one without a code too.
  EXPECT_EQ(parse_iam_response(200, kNoSuchEntity).kind, AnswerKind::ServiceError);
  const IamAnswer no_code = parse_iam_response(400, "<ErrorResponse><Error/></ErrorResponse>");
  EXPECT_EQ(no_code.kind, AnswerKind::ServiceError);
  EXPECT_EQ(no_code.code, kUnparsableCode);
}

void expect_unparsable(int status, const std::string& body, const std::string& why) {
  SCOPED_TRACE(why);
  const IamAnswer a = parse_iam_response(status, body);
  EXPECT_EQ(a.kind, AnswerKind::Unparsable);
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.status, status);
  EXPECT_EQ(a.code, "UnknownError");
  EXPECT_EQ(a.message.rfind("HTTP " + std::to_string(status) +
                                " answer is not an IAM XML document: " + why, 0),
            0u)
      << a.message;
  EXPECT_EQ(a.body_excerpt, body.substr(0, 200));  // ASCII bodies here
}

TEST(IamResponse, Unparsable) {
  expect_unparsable(200, "", "the body is empty");
  expect_unparsable(502,
                    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
                    "<center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
                    "</body></html>",
                    "");  // not well-formed (<hr>)
  expect_unparsable(200, "<html><body><p>Captive portal</p></body></html>",
                    "unexpected root element <html>");
  expect_unparsable(200, std::string(kSuccess).substr(0, 120), "");  // truncated
  expect_unparsable(400, "{\"__type\":\"ValidationException\"}", "");
  expect_unparsable(500, "<UpdateAccessKeyResponse/>",
                    "a success document came with a non-2xx status");
  expect_unparsable(200, "<ErrorResponse><Error><Code>X</Code></Error>", "");  // cut off
}

TEST(IamResponse, HugeBodies) {
  std::string junk(1024 * 1024, 'x');  // 1 MiB: parsed, fails
  for (std::size_t i = 0; i < junk.size(); i += 7) junk[i] = '<';
  const IamAnswer a = parse_iam_response(503, junk);
  EXPECT_EQ(a.kind, AnswerKind::Unparsable);
  EXPECT_EQ(a.body_excerpt, junk.substr(0, 200));
  EXPECT_TRUE(a.retryable);
  const IamAnswer b = parse_iam_response(200, std::string(kMaxParsedBodyBytes + 1, ' '));
  EXPECT_EQ(b.kind, AnswerKind::Unparsable);
  EXPECT_NE(b.message.find("larger than 1 MiB"), std::string::npos);
  EXPECT_EQ(b.body_excerpt.size(), 200u);
  // Deep nesting just under the cap must not exhaust the stack.
  std::string deep;
  for (int i = 0; i < 140000; ++i) deep += "<a>";
  for (int i = 0; i < 140000; ++i) deep += "</a>";
  ASSERT_LE(deep.size(), kMaxParsedBodyBytes);
  EXPECT_EQ(parse_iam_response(200, deep).kind, AnswerKind::Unparsable);
}

TEST(IamResponse, ExcerptIsCutOnCharacters) {
  std::string body;
  for (int i = 0; i < 300; ++i) body += "\xC3\xA9";  // 300 x é, 600 bytes
  const IamAnswer a = parse_iam_response(500, body);
  EXPECT_EQ(a.kind, AnswerKind::Unparsable);
  EXPECT_EQ(a.body_excerpt.size(), 400u);  // 200 characters of 2 bytes
  const IamAnswer bad = parse_iam_response(500, "\xFF\xFEoops");
  EXPECT_EQ(bad.body_excerpt.substr(0, 6), "\xEF\xBF\xBD\xEF\xBF\xBD");  // U+FFFD twice
}

TEST(IamResponse, RetryClassification) {
  struct Case {
    int status;
    const char* code;
    bool retryable, throttling;
  };
  const Case cases[] = {
      {400, "Throttling", true, true},
      {400, "ThrottlingException", true, true},
      {503, "RequestLimitExceeded", true, true},
      {400, "TooManyRequestsException", true, true},
      {429, "Anything", true, true},
      {500, "ServiceFailure", true, false},
      {502, "BadGateway", true, false},
      {503, "ServiceUnavailable", true, false},
      {504, "GatewayTimeout", true, false},
      {400, "RequestTimeout", true, false},
      {404, "NoSuchEntity", false, false},
      {409, "LimitExceeded", false, false},  // IAM quota, not throttling
      {429, "LimitExceeded", false, false},  // ...whatever status comes with it
      {503, "LimitExceeded", false, false},
      {403, "SignatureDoesNotMatch", false, false},
      {403, "AccessDenied", false, false},
      {400, "ValidationError", false, false},
      {501, "NotImplemented", false, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    const IamAnswer a = parse_iam_response(c.status, error_document("Sender", c.code, "m"));
    EXPECT_EQ(a.retryable, c.retryable);
    EXPECT_EQ(a.throttling, c.throttling);
  }
  // Unparsable answers are classified by status alone.
  EXPECT_TRUE(parse_iam_response(503, "<html/>").retryable);
  EXPECT_TRUE(parse_iam_response(429, "").throttling);
  EXPECT_FALSE(parse_iam_response(403, "<html/>").retryable);
}

TEST(IamResponse, ClockSkewClassification) {
  const char* expired =
      "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z "
      "(20150830T124600Z - 5 min.)";
  EXPECT_TRUE(parse_iam_response(403, error_document("Sender", "SignatureDoesNotMatch", expired))
                  .clock_skew);
  EXPECT_TRUE(parse_iam_response(
                  403, error_document("Sender", "SignatureDoesNotMatch",
                                      "Signature not yet current: 20150830T124600Z is still "
                                      "later than 20150830T124100Z (20150830T123600Z + 5 min.)"))
                  .clock_skew);
  EXPECT_FALSE(parse_iam_response(
                   403, error_document("Sender", "SignatureDoesNotMatch",
                                       "The request signature we calculated does not match the "
                                       "signature you provided."))
                   .clock_skew);
  for (const char* code : {"RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException"})
    EXPECT_TRUE(parse_iam_response(400, error_document("Sender", code, "m")).clock_skew) << code;
  EXPECT_TRUE(is_clock_skew_error("SignatureDoesNotMatch", "signature EXPIRED"));
  EXPECT_FALSE(is_clock_skew_error("NoSuchEntity", "expired"));
  // Only service errors can be skew errors.
  EXPECT_FALSE(parse_iam_response(403, "Signature expired").clock_skew);
}

}  // namespace
}  // namespace keyflip::query
