// The signer's own rules beyond the suite: input checks, URL parsing, dates,
// path normalization, the signing key cache.
#include <gtest/gtest.h>

#include "sigv4/canonical_request.h"
#include "sigv4/signer.h"
#include "sigv4/signing_key.h"
#include "sigv4/url.h"
#include "util/amz_date.h"
#include "util/uri_encoding.h"

namespace keyflip::sigv4 {
namespace {

Options valid_options() {
  Options o;
  o.credentials.access_key_id = "AKIDEXAMPLE";
  o.credentials.secret_access_key = crypto::SecretBytes("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  o.region = "us-east-1";
  o.service = "iam";
  o.epoch_seconds = 1440938160;  // 2015-08-30T12:36:00Z
  return o;
}

Request valid_request() { return {"POST", "https://iam.amazonaws.com/", {}, "Action=ListUsers"}; }

std::vector<std::string> fields(const SignResult& r) {
  std::vector<std::string> out;
  for (const auto& i : r.issues) out.push_back(i.field);
  return out;
}

TEST(Signer, CollectsEveryBadFieldAndSignsNothing) {
  Request req{"GE T", "ftp://x", {{"Bad Name", "v"}}, ""};
  Options o;
  o.mode = Mode::Query;
  o.expires_in = 604801;
  const auto r = sign(req, o);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.signed_request.signature.empty());
  const auto f = fields(r);
  for (const char* want : {"method", "url", "headers", "credentials.accessKeyId",
                           "credentials.secretAccessKey", "region", "service", "expiresIn"})
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
}

TEST(Signer, MessagesNameFieldAndNeverQuoteSecrets) {
  Options o = valid_options();
  o.credentials.secret_access_key = crypto::SecretBytes("has space secret");
  o.credentials.session_token = crypto::SecretBytes("tok\nen-secret");
  const auto r = sign(valid_request(), o);
  ASSERT_EQ(r.issues.size(), 2u);
  for (const auto& i : r.issues) {
    EXPECT_EQ(i.message.rfind(i.field + ": ", 0), 0u) << i.message;
    EXPECT_EQ(i.message.find("secret "), std::string::npos);
    EXPECT_EQ(i.message.find("en-secret"), std::string::npos);
  }
}

TEST(Signer, CredentialsMustBeVisibleAscii) {
  Options o = valid_options();
  o.credentials.access_key_id = "AKID\xc3\xa9";                    // é
  o.credentials.session_token = crypto::SecretBytes("tok\xe4\xb8\x80");  // 一
  EXPECT_EQ(fields(sign(valid_request(), o)),
            (std::vector<std::string>{"credentials.accessKeyId", "credentials.sessionToken"}));
}

TEST(Signer, ExpiresInBounds) {
  Options o = valid_options();
  o.mode = Mode::Query;
  for (std::int64_t bad : {0LL, -1LL, 604801LL}) {
    o.expires_in = bad;
    EXPECT_EQ(fields(sign(valid_request(), o)), std::vector<std::string>{"expiresIn"}) << bad;
  }
  for (std::int64_t good : {1LL, 604800LL}) {
    o.expires_in = good;
    EXPECT_TRUE(sign(valid_request(), o).ok()) << good;
  }
}

TEST(Signer, HeaderValueWithBareLineBreakIsRefused) {
  Request req = valid_request();
  req.headers = {{"X-Test", "a\nb"}};
  EXPECT_EQ(fields(sign(req, valid_options())), std::vector<std::string>{"headers.X-Test"});
  req.headers = {{"X-Test", "a\n b"}};  // obs-fold is allowed
  EXPECT_TRUE(sign(req, valid_options()).ok());
}

TEST(Signer, AddsHostDateTokenAndAuthorization) {
  Options o = valid_options();
  o.credentials.session_token = crypto::SecretBytes("TOKEN");
  const auto r = sign({"GET", "http://127.0.0.1:9000/a?b=c", {}, ""}, o);
  ASSERT_TRUE(r.ok());
  const auto& s = r.signed_request;
  EXPECT_EQ(s.url, "http://127.0.0.1:9000/a?b=c");
  ASSERT_EQ(s.headers.size(), 3u);  // host is signed but left to the HTTP client to send
  EXPECT_EQ(s.headers[0].name, "x-amz-security-token");
  EXPECT_EQ(s.headers[1].name, "x-amz-date");
  EXPECT_EQ(s.headers[1].value, "20150830T123600Z");
  EXPECT_EQ(s.headers[2].name, "authorization");
  EXPECT_NE(s.canonical_request.find("host:127.0.0.1:9000\n"), std::string::npos);
  EXPECT_NE(s.headers[2].value.find("SignedHeaders=host;x-amz-date;x-amz-security-token,"),
            std::string::npos);
}

TEST(Signer, ExistingAmzDateIsTheSigningTime) {
  Request req = valid_request();
  req.headers = {{"X-Amz-Date", "20200101T000000Z"}};
  const auto r = sign(req, valid_options());
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.signed_request.string_to_sign.find("\n20200101T000000Z\n20200101/"), std::string::npos);
  EXPECT_EQ(r.signed_request.headers.size(), 2u);  // no second x-amz-date
  req.headers = {{"X-Amz-Date", "yesterday"}};
  EXPECT_EQ(fields(sign(req, valid_options())), std::vector<std::string>{"headers.x-amz-date"});
}

TEST(Signer, PresignKeepsOriginalQueryAndAppendsAuth) {
  Options o = valid_options();
  o.mode = Mode::Query;
  o.expires_in = 60;
  o.credentials.session_token = crypto::SecretBytes("a/b+c=");
  const auto r = sign({"GET", "https://iam.amazonaws.com/?Action=ListUsers", {}, ""}, o);
  ASSERT_TRUE(r.ok());
  const auto& url = r.signed_request.url;
  EXPECT_EQ(url.rfind("https://iam.amazonaws.com/?Action=ListUsers&X-Amz-Algorithm=AWS4-HMAC-SHA256&", 0), 0u);
  EXPECT_NE(url.find("&X-Amz-Expires=60&X-Amz-Security-Token=a%2Fb%2Bc%3D&X-Amz-Signature="),
            std::string::npos);
  EXPECT_TRUE(r.signed_request.headers.empty());
}

TEST(SigningKeyCache, BoundedAndReused) {
  SigningKeyCache cache;
  const crypto::SecretBytes secret("secret");
  const auto first = cache.get("AKID", secret, "20150830", "us-east-1", "iam");
  EXPECT_EQ(cache.get("AKID", secret, "20150830", "us-east-1", "iam"), first);
  EXPECT_EQ(cache.derivations(), 1u);
  EXPECT_EQ(first, derive_signing_key(secret, "20150830", "us-east-1", "iam"));
  for (int day = 10; day < 30; ++day)
    cache.get("AKID", secret, "201508" + std::to_string(day), "us-east-1", "iam");
  EXPECT_EQ(cache.size(), SigningKeyCache::kCapacity);
  // A different secret for the same key id never gets the cached key.
  EXPECT_NE(cache.get("AKID", crypto::SecretBytes("other"), "20150829", "us-east-1", "iam"),
            cache.get("AKID", secret, "20150829", "us-east-1", "iam"));
}

TEST(Url, ParsesAndRefuses) {
  std::string why;
  auto u = parse_url("HTTPS://IAM.amazonaws.com:443", &why);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->authority(), "iam.amazonaws.com");
  EXPECT_EQ(u->path, "/");
  u = parse_url("http://[::1]:8080/p/a?x=1", &why);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->authority(), "[::1]:8080");
  EXPECT_EQ(u->query, "x=1");
  for (const char* bad : {"", "iam.amazonaws.com", "ftp://h/", "https://", "https://u:p@h/",
                          "https://h:0/", "https://h:99999/", "https://h/#frag", "https://h\t/"})
    EXPECT_FALSE(parse_url(bad, &why)) << bad;
}

TEST(AmzDate, FormatsAndParses) {
  EXPECT_EQ(util::format_amz_date(0).value(), "19700101T000000Z");
  EXPECT_EQ(util::format_amz_date(1440938160).value(), "20150830T123600Z");
  EXPECT_EQ(util::format_amz_date(951782400).value(), "20000229T000000Z");
  EXPECT_FALSE(util::format_amz_date(253402300800));  // year 10000
  EXPECT_EQ(util::parse_amz_date("20150830T123600Z").value(), 1440938160);
  EXPECT_FALSE(util::parse_amz_date("20150230T123600Z"));
  EXPECT_EQ(util::parse_http_date("Sun, 30 Aug 2015 12:36:00 GMT").value(), 1440938160);
  EXPECT_FALSE(util::parse_http_date("Sun, 30 Foo 2015 12:36:00 GMT"));
}

TEST(Canonical, PathNormalizationAndEncoding) {
  EXPECT_EQ(normalize_path("/a/./b/../c//d/"), "/a/c/d/");
  EXPECT_EQ(normalize_path("/.."), "/");
  EXPECT_EQ(canonical_uri("/a b/%2F", true), "/a%20b/%252F");  // encoded once more, not for S3
  EXPECT_EQ(canonical_uri("//x//", false), "//x//");
  EXPECT_EQ(canonical_query(parse_query("b=2&a=1&a=0&c&=e")), "=e&a=0&a=1&b=2&c=");
  EXPECT_EQ(util::uri_encode("a+b c~*"), "a%2Bb%20c~%2A");
  EXPECT_EQ(util::percent_decode("%41%4g%"), "A%4g%");
}

}  // namespace
}  // namespace keyflip::sigv4
