// What to do after an attempt, as one pure function: the AWS "standard"
// retry mode (retry transient errors, throttling, network errors and
// timeouts up to max_attempts, with full-jitter exponential backoff) plus the
// one-time clock skew correction. The JS layer only runs fetch, timers and
// aborts, and feeds each outcome back in; the random number comes from the
// caller so every decision is reproducible in tests.
#pragma once
#include <cstdint>
#include <string>

#include "iam/response.h"

namespace keyflip::iam {

constexpr int kDefaultMaxAttempts = 3;               // the standard mode's default
constexpr std::int64_t kBaseDelayMs = 100;
constexpr std::int64_t kThrottlingBaseDelayMs = 500;  // throttled: back off harder
constexpr std::int64_t kMaxDelayMs = 20000;

enum class Outcome {
  Answer,        // the service answered (any status); see answer
  NetworkError,  // fetch failed: DNS, connection reset, TLS, CORS
  Timeout,       // our own deadline for the attempt passed
};

struct AttemptContext {
  int attempt = 1;  // 1-based number of the attempt that just finished
  int max_attempts = kDefaultMaxAttempts;
  Outcome outcome = Outcome::Answer;
  IamAnswer answer;          // Outcome::Answer only, from parse_iam_response
  double random = 0.0;       // uniform in [0, 1), e.g. Math.random()
  std::string date_header;   // the answer's Date header; "" if none
  std::int64_t local_now_ms = 0;     // local time the answer arrived
  std::int64_t clock_offset_ms = 0;  // the offset this attempt was signed with
  bool skew_retry_done = false;      // this call already retried for clock skew
};

// Why the decision was made; stable strings for the JS layer.
namespace reason {
constexpr const char* kSuccess = "success";
constexpr const char* kClockSkew = "clock-skew";        // retry now with new_offset_ms
constexpr const char* kThrottling = "throttling";
constexpr const char* kTransient = "transient-error";    // 5xx, request timeout codes
constexpr const char* kNetworkError = "network-error";
constexpr const char* kTimeout = "timeout";
constexpr const char* kNotRetryable = "not-retryable";   // e.g. NoSuchEntity, bad signature
constexpr const char* kMaxAttempts = "max-attempts";     // retryable, but out of attempts
}  // namespace reason

struct AttemptDecision {
  bool retry = false;
  std::int64_t delay_ms = 0;       // wait this long before the next attempt
  std::int64_t new_offset_ms = 0;  // sign later attempts (and calls) with this offset
  bool skew_retry = false;         // this is the clock correction: set skew_retry_done
  std::string reason;              // one of reason::k*
};

// Full jitter: random * min(kMaxDelayMs, base * 2^(attempt - 1)), base 100 ms
// or 500 ms when throttled; floored to whole milliseconds.
std::int64_t backoff_delay_ms(int attempt, bool throttling, double random);

// The clock correction is tried first and at most once per call, without
// delay; like every retry it needs an attempt left (max_attempts is a hard
// limit), but the learnt offset is returned even when none is. Otherwise a
// retryable outcome is retried while attempt < max_attempts.
AttemptDecision decide(const AttemptContext& context);

}  // namespace keyflip::iam
