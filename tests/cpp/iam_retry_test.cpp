// The retry policy and clock skew correction, made deterministic by the
// caller-supplied random number.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "iam/clock_skew.h"
#include "iam/retry_policy.h"
#include "util/amz_date.h"

namespace keyflip::iam {
namespace {

// 2015-08-30T12:46:00Z as IAM's Date header and in ms.
constexpr const char* kServerDate = "Sun, 30 Aug 2015 12:46:00 GMT";
constexpr std::int64_t kServerMs = 1440938760000;

IamAnswer answer(int status, const std::string& code, const std::string& message = "m") {
  return parse_iam_response(
      status, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" +
                  message + "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
}

IamAnswer success() {
  return parse_iam_response(200,
                            "<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r</RequestId>"
                            "</ResponseMetadata></UpdateAccessKeyResponse>");
}

AttemptContext context(Outcome outcome, IamAnswer a = {}) {
  AttemptContext c;
  c.outcome = outcome;
  c.answer = std::move(a);
  c.random = 0.5;
  c.local_now_ms = kServerMs;  // in sync unless a test says otherwise
  return c;
}

TEST(Backoff, FullJitterWithCap) {
  EXPECT_EQ(backoff_delay_ms(1, false, 0.5), 50);
  EXPECT_EQ(backoff_delay_ms(2, false, 0.5), 100);
  EXPECT_EQ(backoff_delay_ms(3, false, 0.5), 200);
  EXPECT_EQ(backoff_delay_ms(3, false, 0.999), 399);  // floored
  EXPECT_EQ(backoff_delay_ms(1, true, 0.5), 250);
  EXPECT_EQ(backoff_delay_ms(3, true, 0.5), 1000);
  EXPECT_EQ(backoff_delay_ms(8, false, 0.5), 6400);
  EXPECT_EQ(backoff_delay_ms(9, false, 0.5), 10000);  // 25600 capped at 20000
  EXPECT_EQ(backoff_delay_ms(7, true, 0.5), 10000);   // 32000 capped
  EXPECT_EQ(backoff_delay_ms(1000000, true, 0.25), 5000);  // no overflow
  EXPECT_EQ(backoff_delay_ms(5, false, 0.0), 0);
  // Out-of-range randoms are clamped rather than trusted.
  EXPECT_EQ(backoff_delay_ms(1, false, -3.0), 0);
  EXPECT_EQ(backoff_delay_ms(1, false, std::nan("")), 0);
  EXPECT_EQ(backoff_delay_ms(1, false, 7.0), 100);
}

TEST(Decide, SuccessStops) {
  const auto d = decide(context(Outcome::Answer, success()));
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "success");
}

TEST(Decide, TransientThrottlingNetworkAndTimeoutRetry) {
  auto c = context(Outcome::Answer, answer(500, "ServiceFailure"));
  auto d = decide(c);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 50);
  EXPECT_EQ(d.reason, "transient-error");

  c = context(Outcome::Answer, answer(400, "Throttling"));
  c.attempt = 2;
  d = decide(c);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 500);  // 0.5 * 500 * 2
  EXPECT_EQ(d.reason, "throttling");

  c = context(Outcome::NetworkError);
  d = decide(c);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 50);
  EXPECT_EQ(d.reason, "network-error");

  c = context(Outcome::Timeout);
  c.random = 0.0;
  d = decide(c);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 0);
  EXPECT_EQ(d.reason, "timeout");

  // An HTML 503 from a load balancer is retried like any 503.
  c = context(Outcome::Answer, parse_iam_response(503, "<html>busy</html>"));
  EXPECT_TRUE(decide(c).retry);
}

TEST(Decide, ClientErrorsAreNeverRetried) {
  for (const char* code : {"NoSuchEntity", "SignatureDoesNotMatch", "AccessDenied",
                           "InvalidClientTokenId", "LimitExceeded", "ValidationError"}) {
    const auto d = decide(context(Outcome::Answer, answer(403, code)));
    EXPECT_FALSE(d.retry) << code;
    EXPECT_EQ(d.reason, "not-retryable") << code;
    EXPECT_EQ(d.delay_ms, 0) << code;
  }
}

TEST(Decide, StopsAtMaxAttempts) {
  auto c = context(Outcome::NetworkError);
  c.max_attempts = 3;
  c.attempt = 2;
  EXPECT_TRUE(decide(c).retry);
  c.attempt = 3;
  auto d = decide(c);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "max-attempts");
  c.max_attempts = 1;  // retries switched off
  c.attempt = 1;
  EXPECT_FALSE(decide(c).retry);
  c.max_attempts = 0;  // nonsense means "no retries", not "forever"
  EXPECT_FALSE(decide(c).retry);
  c.max_attempts = 5;
  c.attempt = 0;  // nonsense attempt numbers back off like the first
  EXPECT_EQ(decide(c).delay_ms, 50);
}

TEST(ClockSkew, OffsetFromDateHeader) {
  EXPECT_EQ(clock_offset_ms(kServerDate, kServerMs), 0);
  EXPECT_EQ(clock_offset_ms(kServerDate, kServerMs - 600000), 600000);   // local slow
  EXPECT_EQ(clock_offset_ms(kServerDate, kServerMs + 1234), -1234);      // local fast
  EXPECT_FALSE(clock_offset_ms("", kServerMs));
  EXPECT_FALSE(clock_offset_ms("2015-08-30T12:46:00Z", kServerMs));
  EXPECT_FALSE(clock_offset_ms(kServerDate, std::numeric_limits<std::int64_t>::max()));

  EXPECT_EQ(updated_clock_offset_ms(std::nullopt, 42), 42);
  EXPECT_EQ(updated_clock_offset_ms(kSkewCorrectionThresholdMs - 1, 0), 0);  // noise
  EXPECT_EQ(updated_clock_offset_ms(kSkewCorrectionThresholdMs, 0), kSkewCorrectionThresholdMs);
  EXPECT_EQ(updated_clock_offset_ms(-kSkewCorrectionThresholdMs, 0), -kSkewCorrectionThresholdMs);
}

TEST(Decide, SkewErrorRetriesOnceWithCorrectedTime) {
  const char* expired =
      "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z "
      "(20150830T124600Z - 5 min.)";
  auto c = context(Outcome::Answer, answer(403, "SignatureDoesNotMatch", expired));
  c.date_header = kServerDate;
  c.local_now_ms = kServerMs - 600000;  // local clock 10 minutes slow
  c.attempt = 2;
  c.max_attempts = 3;
  auto d = decide(c);
  EXPECT_TRUE(d.retry);
  EXPECT_TRUE(d.skew_retry);
  EXPECT_EQ(d.delay_ms, 0);
  EXPECT_EQ(d.new_offset_ms, 600000);
  EXPECT_EQ(d.reason, "clock-skew");

  // Never beyond max_attempts, but the offset is still learnt for the next call.
  c.attempt = 3;
  d = decide(c);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "max-attempts");
  EXPECT_EQ(d.new_offset_ms, 600000);
  c.attempt = 2;

  // Only once per call.
  c.skew_retry_done = true;
  c.clock_offset_ms = 0;
  d = decide(c);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "not-retryable");
  EXPECT_EQ(d.new_offset_ms, 600000);  // still learnt for later calls

  // Already signed with (about) the right offset: the skew is not ours to fix.
  c.skew_retry_done = false;
  c.clock_offset_ms = 600000 - 1000;
  d = decide(c);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.new_offset_ms, 600000 - 1000);

  // Under 4 minutes apart: no retry.
  c.clock_offset_ms = 600000 - kSkewCorrectionThresholdMs + 1;
  EXPECT_FALSE(decide(c).retry);
  c.clock_offset_ms = 600000 - kSkewCorrectionThresholdMs;  // exactly 4 minutes: retry
  EXPECT_TRUE(decide(c).retry);

  // No usable Date header: nothing to correct with.
  c.clock_offset_ms = 0;
  c.date_header = "";
  EXPECT_FALSE(decide(c).retry);
  c.date_header = "garbage";
  EXPECT_FALSE(decide(c).retry);
}

TEST(Decide, SkewCodesAndClientAhead) {
  for (const char* code : {"RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException"}) {
    auto c = context(Outcome::Answer, answer(400, code));
    c.date_header = kServerDate;
    c.local_now_ms = kServerMs + 3600000;  // local clock an hour fast
    const auto d = decide(c);
    EXPECT_TRUE(d.retry) << code;
    EXPECT_EQ(d.new_offset_ms, -3600000) << code;
  }
  // A wrong secret is a SignatureDoesNotMatch too, but never a skew retry.
  auto c = context(Outcome::Answer,
                   answer(403, "SignatureDoesNotMatch",
                          "The request signature we calculated does not match the signature "
                          "you provided. Check your AWS Secret Access Key and signing method."));
  c.date_header = kServerDate;
  c.local_now_ms = kServerMs + 3600000;
  EXPECT_FALSE(decide(c).retry);
}

TEST(Decide, OffsetIsLearntFromAnyAnswer) {
  auto c = context(Outcome::Answer, success());
  c.date_header = kServerDate;
  c.local_now_ms = kServerMs - 300000;
  EXPECT_EQ(decide(c).new_offset_ms, 300000);
  c.local_now_ms = kServerMs - 2000;  // small drift is ignored
  EXPECT_EQ(decide(c).new_offset_ms, 0);
  c = context(Outcome::NetworkError);
  c.clock_offset_ms = 777;
  c.date_header = kServerDate;  // ignored: no answer
  EXPECT_EQ(decide(c).new_offset_ms, 777);
}

}  // namespace
}  // namespace keyflip::iam
