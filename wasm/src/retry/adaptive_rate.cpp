#include "retry/adaptive_rate.h"

#include <algorithm>
#include <cmath>

namespace keyflip::retry {

namespace {

double seconds(std::int64_t ms) { return static_cast<double>(ms) / 1000.0; }

// Tokens since the last refill at the current rate, up to the capacity.
void refill(AdaptiveState& s, double now) {
  if (!s.refilled) {
    s.refilled = true;
    s.last_refill_s = now;
    return;
  }
  // A clock that goes back (an injected one, a corrected wall clock) adds nothing.
  const double elapsed = std::max(0.0, now - s.last_refill_s);
  s.capacity = std::min(s.max_capacity, s.capacity + elapsed * s.fill_rate);
  s.last_refill_s = std::max(s.last_refill_s, now);
}

// The sending rate, measured per half-second bucket and smoothed.
void measure(AdaptiveState& s, double now) {
  const double bucket = std::floor(now / adaptive::kMeasureBucketSeconds) * adaptive::kMeasureBucketSeconds;
  s.answers_in_bucket += 1.0;
  if (bucket > s.rate_bucket_s) {
    const double rate = s.answers_in_bucket / (bucket - s.rate_bucket_s);
    s.measured_rate = rate * adaptive::kSmoothing + s.measured_rate * (1.0 - adaptive::kSmoothing);
    s.answers_in_bucket = 0.0;
    s.rate_bucket_s = bucket;
  }
}

// CUBIC's K: how long the curve takes to climb back to W_max.
double time_window(double last_max_rate) {
  return std::cbrt(last_max_rate * (1.0 - adaptive::kBeta) / adaptive::kScaleConstant);
}

void set_rate(AdaptiveState& s, double now, double rate) {
  refill(s, now);  // tokens so far at the old rate first
  s.fill_rate = std::max(rate, adaptive::kMinFillRate);
  s.max_capacity = std::max(rate, adaptive::kMinCapacity);
  s.capacity = std::min(s.capacity, s.max_capacity);
}

}  // namespace

AdaptiveState adaptive_start(std::int64_t now_ms) {
  AdaptiveState s;
  const double now = seconds(now_ms);
  s.last_throttle_s = now;
  s.rate_bucket_s = std::floor(now);
  return s;
}

SendPermit acquire_send(const AdaptiveState& state, std::int64_t now_ms) {
  SendPermit permit{state, true, 0};
  if (!state.enabled) return permit;
  AdaptiveState& s = permit.state;
  refill(s, seconds(now_ms));
  if (s.capacity >= 1.0) {
    s.capacity -= 1.0;
    return permit;
  }
  // Not yet: come back when a token will be there at the current rate (the
  // rate may change meanwhile, which is why the caller asks again). Rounded
  // up: asking a fraction of a millisecond early would only ask twice.
  permit.granted = false;
  permit.wait_ms = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::ceil((1.0 - s.capacity) / s.fill_rate * 1000.0)));
  return permit;
}

AdaptiveState record_answer(const AdaptiveState& state, std::int64_t now_ms, bool throttled) {
  AdaptiveState s = state;
  const double now = seconds(now_ms);
  measure(s, now);
  double rate;
  if (throttled) {
    // The rate that met the throttle: what was measured, or the limit when lower.
    const double at_throttle = s.enabled ? std::min(s.measured_rate, s.fill_rate) : s.measured_rate;
    s.last_max_rate = at_throttle;
    s.time_window = time_window(at_throttle);
    s.last_throttle_s = now;
    rate = at_throttle * adaptive::kBeta;
    s.enabled = true;
  } else {
    s.time_window = time_window(s.last_max_rate);
    const double t = now - s.last_throttle_s - s.time_window;
    rate = adaptive::kScaleConstant * t * t * t + s.last_max_rate;
  }
  set_rate(s, now, std::min(rate, adaptive::kMaxRateOverMeasured * s.measured_rate));
  return s;
}

double current_rate(const AdaptiveState& state) { return state.enabled ? state.fill_rate : -1.0; }

}  // namespace keyflip::retry
