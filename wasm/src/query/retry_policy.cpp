#include "query/retry_policy.h"

#include <cmath>
#include <optional>

#include "query/clock_skew.h"
#include "util/amz_date.h"

namespace keyflip::query {

namespace {

// A non-empty run of ASCII digits as a number, saturating far above any
// delay we would use (so "99999999999999999999" is huge, not an overflow).
std::optional<std::int64_t> digits(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    if (n < 1'000'000'000'000) n = n * 10 + (c - '0');
  }
  return n;
}

int clamp_quota(int tokens) {
  if (tokens < 0) return 0;
  return tokens > limits::kRetryQuotaInitial ? limits::kRetryQuotaInitial : tokens;
}

}  // namespace

std::int64_t backoff_delay_ms(int attempt, bool throttling, double random) {
  if (!(random > 0.0)) random = 0.0;  // also NaN
  if (random > 1.0) random = 1.0;
  std::int64_t ceiling = throttling ? kThrottlingBaseDelayMs : kBaseDelayMs;
  for (int i = 1; i < attempt && ceiling < limits::kMaxRetryDelayMs; ++i) ceiling *= 2;  // no overflow
  if (ceiling > limits::kMaxRetryDelayMs) ceiling = limits::kMaxRetryDelayMs;
  return static_cast<std::int64_t>(std::floor(random * static_cast<double>(ceiling)));
}

std::int64_t retry_hint_ms(const AttemptContext& context) {
  std::int64_t hint = 0;
  if (const auto ms = digits(context.amz_retry_after)) hint = *ms;
  if (const auto seconds = digits(context.retry_after)) {
    if (*seconds * 1000 > hint) hint = *seconds * 1000;
  } else if (const auto at = util::parse_http_date(context.retry_after)) {
    // Both dates are the server's clock when it sent its Date header;
    // otherwise compare with our clock as corrected so far.
    const auto server_now = util::parse_http_date(context.date_header);
    const std::int64_t now_ms =
        server_now ? *server_now * 1000 : context.local_now_ms + context.clock_offset_ms;
    const std::int64_t wait = *at * 1000 - now_ms;
    if (wait > hint) hint = wait;
  }
  return hint;
}

AttemptDecision decide(const AttemptContext& context) {
  AttemptDecision decision;
  const bool answered = context.outcome == Outcome::Answer;
  const IamAnswer& answer = context.answer;
  const int quota = clamp_quota(context.retry_quota);
  decision.retry_quota = quota;

  const auto learnt = answered && context.correct_clock_skew
                          ? clock_offset_ms(context.date_header, context.local_now_ms)
                          : std::nullopt;
  decision.new_offset_ms = updated_clock_offset_ms(learnt, context.clock_offset_ms);

  if (answered && answer.ok) {
    decision.reason = reason::kSuccess;
    const int refund = context.last_retry_cost > 0 ? context.last_retry_cost : limits::kNoRetryIncrement;
    decision.retry_quota = clamp_quota(quota + refund);
    return decision;
  }
  const int max_attempts = context.max_attempts < 1 ? 1 : context.max_attempts;

  // Pays for a retry from the quota, or says why there is none.
  const auto pay = [&](int cost) {
    if (context.attempt >= max_attempts) {
      decision.reason = reason::kMaxAttempts;
      return false;
    }
    if (quota < cost) {
      decision.reason = reason::kQuotaExhausted;
      return false;
    }
    decision.retry = true;
    decision.retry_cost = cost;
    decision.retry_quota = quota - cost;
    return true;
  };

  if (answered && context.correct_clock_skew &&
      should_retry_with_corrected_clock(answer.clock_skew, learnt, context.clock_offset_ms,
                                        context.skew_retry_done)) {
    // The learnt offset is kept either way, so the next call signs right.
    if (pay(limits::kRetryCost)) {
      decision.skew_retry = true;
      decision.reason = reason::kClockSkew;
    }
    return decision;
  }

  bool throttling = false;
  int cost = limits::kRetryCost;
  if (context.outcome == Outcome::NetworkError) {
    decision.reason = reason::kNetworkError;
  } else if (context.outcome == Outcome::Timeout) {
    decision.reason = reason::kTimeout;
    cost = limits::kTimeoutRetryCost;
  } else if (answer.throttling) {
    throttling = true;
    decision.reason = reason::kThrottling;
  } else if (answer.retryable) {
    decision.reason = reason::kTransient;
  } else {
    decision.reason = reason::kNotRetryable;
    return decision;
  }

  if (!pay(cost)) return decision;
  std::int64_t delay = backoff_delay_ms(context.attempt < 1 ? 1 : context.attempt, throttling,
                                        context.random);
  if (answered) {
    const std::int64_t hint = retry_hint_ms(context);
    if (hint > delay) delay = hint;
  }
  decision.delay_ms = delay > limits::kMaxRetryDelayMs ? limits::kMaxRetryDelayMs : delay;
  return decision;
}

}  // namespace keyflip::query
