#include "iam/retry_policy.h"

#include <cmath>

#include "iam/clock_skew.h"

namespace keyflip::iam {

std::int64_t backoff_delay_ms(int attempt, bool throttling, double random) {
  if (!(random > 0.0)) random = 0.0;  // also NaN
  if (random > 1.0) random = 1.0;
  std::int64_t ceiling = throttling ? kThrottlingBaseDelayMs : kBaseDelayMs;
  for (int i = 1; i < attempt && ceiling < kMaxDelayMs; ++i) ceiling *= 2;  // no overflow
  if (ceiling > kMaxDelayMs) ceiling = kMaxDelayMs;
  return static_cast<std::int64_t>(std::floor(random * static_cast<double>(ceiling)));
}

AttemptDecision decide(const AttemptContext& context) {
  AttemptDecision decision;
  const bool answered = context.outcome == Outcome::Answer;
  const IamAnswer& answer = context.answer;

  const auto learnt = answered ? clock_offset_ms(context.date_header, context.local_now_ms)
                               : std::nullopt;
  decision.new_offset_ms = updated_clock_offset_ms(learnt, context.clock_offset_ms);

  if (answered && answer.ok) {
    decision.reason = reason::kSuccess;
    return decision;
  }
  const int max_attempts = context.max_attempts < 1 ? 1 : context.max_attempts;
  if (answered && should_retry_with_corrected_clock(answer.clock_skew, learnt,
                                                    context.clock_offset_ms,
                                                    context.skew_retry_done)) {
    // The learnt offset is kept either way, so the next call signs right.
    if (context.attempt >= max_attempts) {
      decision.reason = reason::kMaxAttempts;
      return decision;
    }
    decision.retry = true;
    decision.skew_retry = true;
    decision.reason = reason::kClockSkew;
    return decision;
  }

  bool throttling = false;
  if (context.outcome == Outcome::NetworkError) {
    decision.reason = reason::kNetworkError;
  } else if (context.outcome == Outcome::Timeout) {
    decision.reason = reason::kTimeout;
  } else if (answer.throttling) {
    throttling = true;
    decision.reason = reason::kThrottling;
  } else if (answer.retryable) {
    decision.reason = reason::kTransient;
  } else {
    decision.reason = reason::kNotRetryable;
    return decision;
  }

  if (context.attempt >= max_attempts) {
    decision.reason = reason::kMaxAttempts;
    return decision;
  }
  decision.retry = true;
  decision.delay_ms = backoff_delay_ms(context.attempt < 1 ? 1 : context.attempt, throttling,
                                       context.random);
  return decision;
}

}  // namespace keyflip::iam
