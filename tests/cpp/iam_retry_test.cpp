// The retry policy and clock skew correction, made deterministic by the
// caller-supplied random number.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <utility>

#include "query/clock_skew.h"
#include "query/limits.h"
#include "query/retry_policy.h"
#include "util/amz_date.h"

namespace keyflip::query {
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

// A Date header moves the offset only within limits::kMaxClockOffsetMs (24 h)
// either way; beyond it nothing is learnt, so one answer dated 9999 cannot
// push every later signing date out of range (issue 16).
TEST(ClockSkew, OffsetBeyondTheBoundIsNotLearnt) {
  constexpr std::int64_t kDay = limits::kMaxClockOffsetMs;
  static_assert(kDay == 24LL * 60 * 60 * 1000);
  EXPECT_EQ(clock_offset_ms(kServerDate, kServerMs - kDay), kDay);    // exactly a day: learnt
  EXPECT_EQ(clock_offset_ms(kServerDate, kServerMs + kDay), -kDay);
  EXPECT_FALSE(clock_offset_ms(kServerDate, kServerMs - kDay - 1000));  // a second more: not
  EXPECT_FALSE(clock_offset_ms(kServerDate, kServerMs + kDay + 1000));
  EXPECT_FALSE(clock_offset_ms("Fri, 31 Dec 9999 23:59:59 GMT", kServerMs));
  EXPECT_FALSE(clock_offset_ms("Mon, 01 Jan 0001 00:00:00 GMT", kServerMs));

  // A success dated 9999 keeps the offset in use...
  auto c = context(Outcome::Answer, success());
  c.date_header = "Fri, 31 Dec 9999 23:59:59 GMT";
  c.clock_offset_ms = 1234;
  EXPECT_EQ(decide(c).new_offset_ms, 1234);
  // ...and a skew error dated 9999 is reported as it came: no skew retry, nothing learnt.
  c = context(Outcome::Answer, answer(400, "RequestExpired", "Request has expired"));
  c.date_header = "Fri, 31 Dec 9999 23:59:59 GMT";
  c.max_attempts = 3;
  c.attempt = 1;
  const auto d = decide(c);
  EXPECT_FALSE(d.skew_retry);
  EXPECT_EQ(d.new_offset_ms, 0);
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


// --- The retry quota (limits.h): 500 tokens, 5 per retry, 10 after a timeout.

// One failed call of max_attempts attempts against the quota: returns the
// quota after it and how many retries were allowed.
std::pair<int, int> failing_call(int quota, Outcome outcome, int max_attempts = 3) {
  int retries = 0;
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    auto c = context(outcome, outcome == Outcome::Answer ? answer(503, "ServiceUnavailable") : IamAnswer{});
    c.attempt = attempt;
    c.max_attempts = max_attempts;
    c.retry_quota = quota;
    const auto d = decide(c);
    quota = d.retry_quota;
    if (!d.retry) break;
    ++retries;
  }
  return {quota, retries};
}

TEST(RetryQuota, ARetryCostsFiveAfterATimeoutTen) {
  auto c = context(Outcome::Answer, answer(503, "ServiceUnavailable"));
  c.retry_quota = 500;
  auto d = decide(c);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.retry_cost, 5);
  EXPECT_EQ(d.retry_quota, 495);

  c = context(Outcome::Timeout);
  c.retry_quota = 500;
  d = decide(c);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.retry_cost, 10);
  EXPECT_EQ(d.retry_quota, 490);

  c = context(Outcome::NetworkError);
  c.retry_quota = 7;
  d = decide(c);
  EXPECT_EQ(d.retry_cost, 5);
  EXPECT_EQ(d.retry_quota, 2);

  // Not retried: nothing is paid.
  d = decide(context(Outcome::Answer, answer(404, "NoSuchEntity")));
  EXPECT_EQ(d.retry_quota, limits::kRetryQuotaInitial);
  EXPECT_EQ(d.retry_cost, 0);
}

TEST(RetryQuota, DrainsOverManyFailingCallsThenStopsRetrying) {
  int quota = limits::kRetryQuotaInitial;
  int calls = 0;
  int total_retries = 0;
  // Each failing call of 3 attempts spends 2 retries = 10 tokens: 50 calls drain 500.
  for (; calls < 50; ++calls) {
    const auto [left, retries] = failing_call(quota, Outcome::Answer);
    EXPECT_EQ(retries, 2) << "call " << calls;
    quota = left;
    total_retries += retries;
  }
  EXPECT_EQ(quota, 0);
  EXPECT_EQ(total_retries, 100);
  // Now the bucket cannot pay: the first failure ends the call.
  auto c = context(Outcome::Answer, answer(503, "ServiceUnavailable"));
  c.retry_quota = quota;
  const auto d = decide(c);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "retry-quota-exhausted");
  EXPECT_EQ(d.delay_ms, 0);
  EXPECT_EQ(d.retry_quota, 0);
  // 9 tokens pay a 5-token retry but not a 10-token one.
  EXPECT_EQ(failing_call(9, Outcome::Answer).second, 1);
  c = context(Outcome::Timeout);
  c.retry_quota = 9;
  EXPECT_FALSE(decide(c).retry);
  EXPECT_EQ(decide(c).reason, "retry-quota-exhausted");
  // Timeouts drain twice as fast: 25 calls of 2 retries each.
  quota = limits::kRetryQuotaInitial;
  for (int i = 0; i < 25; ++i) quota = failing_call(quota, Outcome::Timeout).first;
  EXPECT_EQ(quota, 0);
  // Out of attempts is said before out of tokens.
  c = context(Outcome::NetworkError);
  c.retry_quota = 0;
  c.max_attempts = 1;
  EXPECT_EQ(decide(c).reason, "max-attempts");
}

TEST(RetryQuota, ASuccessRefills) {
  auto c = context(Outcome::Answer, success());
  c.retry_quota = 100;
  EXPECT_EQ(decide(c).retry_quota, 101);  // no retries: 1 token back
  c.last_retry_cost = 5;
  EXPECT_EQ(decide(c).retry_quota, 105);  // after a retry: its cost back
  c.last_retry_cost = 10;
  EXPECT_EQ(decide(c).retry_quota, 110);  // after a timeout's retry
  c.retry_quota = 498;
  EXPECT_EQ(decide(c).retry_quota, 500);  // never above the initial 500
  c.retry_quota = -40;                    // nonsense in: clamped
  c.last_retry_cost = 0;
  EXPECT_EQ(decide(c).retry_quota, 1);

  // A drained client recovers: successes bring back enough for a retry.
  int quota = 0;
  for (int i = 0; i < 5; ++i) {
    auto s = context(Outcome::Answer, success());
    s.retry_quota = quota;
    quota = decide(s).retry_quota;
  }
  EXPECT_EQ(quota, 5);
  EXPECT_EQ(failing_call(quota, Outcome::Answer).second, 1);
}

// --- retry-after / x-amz-retry-after

AttemptContext throttled_with(const std::string& retry_after, const std::string& amz = "") {
  auto c = context(Outcome::Answer, answer(400, "Throttling"));
  c.retry_after = retry_after;
  c.amz_retry_after = amz;
  c.random = 0.1;  // backoff 50 ms on attempt 1
  return c;
}

TEST(RetryHints, RetryAfterSeconds) {
  auto d = decide(throttled_with("3"));
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.delay_ms, 3000);
  EXPECT_EQ(decide(throttled_with(" 2 ")).delay_ms, 2000);
  // Capped at 20 s.
  EXPECT_EQ(decide(throttled_with("120")).delay_ms, 20000);
  EXPECT_EQ(decide(throttled_with("99999999999999999999999")).delay_ms, 20000);
  // A hint below the backoff: the backoff wins (at least the hint, not at most).
  auto c = throttled_with("0");
  c.random = 0.5;
  EXPECT_EQ(decide(c).delay_ms, 250);
  // Unreadable hints are ignored.
  for (const char* bad : {"-3", "1.5", "soon", "0x10", ""}) EXPECT_EQ(decide(throttled_with(bad)).delay_ms, 50) << bad;
}

TEST(RetryHints, RetryAfterHttpDate) {
  // 7 s after the server's own Date header.
  auto c = throttled_with("Sun, 30 Aug 2015 12:46:07 GMT");
  c.date_header = kServerDate;
  EXPECT_EQ(decide(c).delay_ms, 7000);
  // No Date header: compared with the corrected local clock.
  c.date_header = "";
  c.local_now_ms = kServerMs - 4000;
  c.clock_offset_ms = 1000;  // local + offset = server - 3 s
  EXPECT_EQ(decide(c).delay_ms, 10000);
  // In the past: no hint, the backoff.
  c = throttled_with("Sun, 30 Aug 2015 12:40:00 GMT");
  c.date_header = kServerDate;
  EXPECT_EQ(decide(c).delay_ms, 50);
  // An hour ahead: capped.
  c = throttled_with("Sun, 30 Aug 2015 13:46:00 GMT");
  c.date_header = kServerDate;
  EXPECT_EQ(decide(c).delay_ms, 20000);
}

TEST(RetryHints, AmzRetryAfterMilliseconds) {
  EXPECT_EQ(decide(throttled_with("", "1500")).delay_ms, 1500);
  EXPECT_EQ(decide(throttled_with("", "25000")).delay_ms, 20000);
  EXPECT_EQ(decide(throttled_with("", "10")).delay_ms, 50);  // below the backoff
  EXPECT_EQ(decide(throttled_with("", "1e3")).delay_ms, 50);  // unreadable
  // Both: the longer one.
  EXPECT_EQ(decide(throttled_with("2", "1500")).delay_ms, 2000);
  EXPECT_EQ(decide(throttled_with("1", "1500")).delay_ms, 1500);
  // On a 503 just the same.
  auto c = context(Outcome::Answer, answer(503, "ServiceUnavailable"));
  c.amz_retry_after = "800";
  EXPECT_EQ(decide(c).delay_ms, 800);
}

TEST(RetryHints, NeverMakeANonRetryableAnswerRetry) {
  auto c = context(Outcome::Answer, answer(404, "NoSuchEntity"));
  c.retry_after = "1";
  EXPECT_FALSE(decide(c).retry);
}

TEST(Decide, LimitExceededIsNeverRetried) {
  for (int status : {409, 400, 429, 503}) {
    auto c = context(Outcome::Answer, answer(status, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2"));
    c.retry_after = "1";
    c.amz_retry_after = "100";
    const auto d = decide(c);
    EXPECT_FALSE(d.retry) << status;
    EXPECT_EQ(d.reason, "not-retryable") << status;
    EXPECT_EQ(d.retry_quota, limits::kRetryQuotaInitial) << status;
  }
}

// --- correctClockSkew: decided here, not overridden in JS afterwards.

TEST(Decide, CorrectClockSkewOffNeitherLearnsNorRetries) {
  const char* expired =
      "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z "
      "(20150830T124600Z - 5 min.)";
  auto c = context(Outcome::Answer, answer(403, "SignatureDoesNotMatch", expired));
  c.date_header = kServerDate;
  c.local_now_ms = kServerMs - 600000;
  c.correct_clock_skew = false;
  auto d = decide(c);
  EXPECT_FALSE(d.retry);
  EXPECT_FALSE(d.skew_retry);
  EXPECT_EQ(d.new_offset_ms, 0);
  EXPECT_EQ(d.reason, "not-retryable");
  // And a success teaches it nothing either.
  c = context(Outcome::Answer, success());
  c.date_header = kServerDate;
  c.local_now_ms = kServerMs - 600000;
  c.correct_clock_skew = false;
  EXPECT_EQ(decide(c).new_offset_ms, 0);
}

TEST(Decide, SkewRetryIsPaidFromTheQuota) {
  const char* expired =
      "Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z "
      "(20150830T124600Z - 5 min.)";
  auto c = context(Outcome::Answer, answer(403, "SignatureDoesNotMatch", expired));
  c.date_header = kServerDate;
  c.local_now_ms = kServerMs - 600000;
  c.retry_quota = 5;
  auto d = decide(c);
  EXPECT_TRUE(d.skew_retry);
  EXPECT_EQ(d.retry_quota, 0);
  EXPECT_EQ(d.retry_cost, 5);
  c.retry_quota = 4;
  d = decide(c);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.reason, "retry-quota-exhausted");
  EXPECT_EQ(d.new_offset_ms, 600000);  // still learnt for the next call
}

}  // namespace
}  // namespace keyflip::query
