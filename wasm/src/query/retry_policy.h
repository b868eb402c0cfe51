// What to do after an attempt, as one pure function: the AWS SDKs' "standard"
// retry mode, whole (retry transient errors, throttling, network errors and
// timeouts up to max_attempts with full-jitter exponential backoff, honour
// the server's retry-after hints, and pay for every retry from a per-client
// retry quota), plus the one-time clock skew correction. The JS layer only
// runs fetch, timers and aborts, holds the client's state (quota tokens,
// clock offset) and feeds it back in; the random number comes from the
// caller too, so every decision is reproducible in tests.
#pragma once
#include <cstdint>
#include <string>

#include "query/limits.h"
#include "query/response.h"

namespace keyflip::query {

constexpr std::int64_t kBaseDelayMs = 100;
constexpr std::int64_t kThrottlingBaseDelayMs = 500;  // throttled: back off harder
constexpr std::int64_t kMaxDelayMs = limits::kMaxRetryDelayMs;  // backoff and hints alike

enum class Outcome {
  Answer,        // the service answered (any status); see answer
  NetworkError,  // fetch failed: DNS, connection reset, TLS, CORS
  Timeout,       // our own deadline for the attempt passed
};

struct AttemptContext {
  int attempt = 1;  // 1-based number of the attempt that just finished
  int max_attempts = limits::kDefaultMaxAttempts;
  Outcome outcome = Outcome::Answer;
  IamAnswer answer;          // Outcome::Answer only, from parse_iam_response
  double random = 0.0;       // uniform in [0, 1), e.g. Math.random()
  std::string date_header;   // the answer's Date header; "" if none
  std::string retry_after;        // the answer's retry-after header (seconds or HTTP date); ""
  std::string amz_retry_after;    // the answer's x-amz-retry-after header (milliseconds); ""
  std::int64_t local_now_ms = 0;     // local time the answer arrived
  std::int64_t clock_offset_ms = 0;  // the offset this attempt was signed with
  bool correct_clock_skew = true;    // createClient({ correctClockSkew })
  bool skew_retry_done = false;      // this call already retried for clock skew
  int retry_quota = limits::kRetryQuotaInitial;  // the client's tokens before this decision
  int last_retry_cost = 0;  // what this call's latest retry cost; 0: no retry yet
};

// Why the decision was made; stable strings for the JS layer.
namespace reason {
constexpr const char* kSuccess = "success";
constexpr const char* kClockSkew = "clock-skew";        // retry now with new_offset_ms
constexpr const char* kThrottling = "throttling";
constexpr const char* kTransient = "transient-error";    // 5xx, request timeout codes
constexpr const char* kNetworkError = "network-error";
constexpr const char* kTimeout = "timeout";
constexpr const char* kNotRetryable = "not-retryable";   // e.g. NoSuchEntity, LimitExceeded
constexpr const char* kMaxAttempts = "max-attempts";     // retryable, but out of attempts
constexpr const char* kQuotaExhausted = "retry-quota-exhausted";  // retryable, the bucket cannot pay
}  // namespace reason

struct AttemptDecision {
  bool retry = false;
  std::int64_t delay_ms = 0;       // wait this long before the next attempt (the hint included)
  std::int64_t new_offset_ms = 0;  // sign later attempts (and calls) with this offset
  bool skew_retry = false;         // this is the clock correction: set skew_retry_done
  int retry_quota = 0;             // the client's tokens after this decision
  int retry_cost = 0;              // retry: what it cost (pass back as last_retry_cost)
  std::string reason;              // one of reason::k*
};

// Full jitter: random * min(kMaxRetryDelayMs, base * 2^(attempt - 1)), base
// 100 ms or 500 ms when throttled; floored to whole milliseconds.
std::int64_t backoff_delay_ms(int attempt, bool throttling, double random);

// The server's hint in milliseconds from now, the larger of retry-after
// (delay-seconds, or an HTTP date compared with the answer's own Date header,
// else with the corrected local clock) and x-amz-retry-after (milliseconds);
// 0 when neither is there or readable. Not capped here.
std::int64_t retry_hint_ms(const AttemptContext& context);

// The clock correction is tried first and at most once per call, without
// delay (when correct_clock_skew is on); like every retry it needs an attempt
// left (max_attempts is a hard limit) and quota tokens, but the learnt offset
// is returned even when it is not retried. Otherwise a retryable outcome is
// retried while attempt < max_attempts and the quota can pay (5 tokens, 10
// after a timeout), after max(backoff, hint) capped at kMaxRetryDelayMs.
// A success returns last_retry_cost tokens (or 1 without retries) to the
// quota, up to kRetryQuotaInitial.
AttemptDecision decide(const AttemptContext& context);

}  // namespace keyflip::query
