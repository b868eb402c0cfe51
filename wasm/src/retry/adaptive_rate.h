// The AWS SDKs' "adaptive" retry mode's client-side rate limiter: a token
// bucket whose fill rate is the sending rate the client has learnt, cut by
// CUBIC's multiplicative decrease on every throttling answer and grown back
// along CUBIC's cubic curve on the others (botocore retries/adaptive.py,
// bucket.py, throttling.py; smithy-typescript DefaultRateLimiter, whose
// constants these are). Off until the first throttling answer, as in the
// SDKs: a client never throttled sends at once.
//
// A pure state machine: the caller passes the time in and holds the state
// (one per client, shared by its calls); nothing here sleeps. Before each
// attempt the caller asks acquire_send(): either the token is granted and
// the attempt goes now, or it is told how long to wait before asking again.
// As botocore's bucket does (a condition variable re-checked after every
// wait), a token is only taken when there is one: a rate cut while callers
// wait applies to them too, and the bucket never goes below zero, so sends
// never run ahead of the rate in force. (smithy-typescript's limiter takes
// the token before its wait instead; tokens promised at an old rate then go
// out after a cut, which a simulated client showed as bursts and throttles.)
// Every answer goes to record_answer().
#pragma once
#include <cstdint>

namespace keyflip::retry {

// createClient({ retryMode }): the SDKs' names; "standard" stays the default.
namespace modes {
constexpr const char* kStandard = "standard";
constexpr const char* kAdaptive = "adaptive";  // standard's retries + this limiter
constexpr const char* kAll[] = {kStandard, kAdaptive};
constexpr const char* kDefault = kStandard;
}  // namespace modes

namespace adaptive {
constexpr double kBeta = 0.7;               // a throttle cuts the rate to 70 %
constexpr double kScaleConstant = 0.4;      // CUBIC's C
constexpr double kSmoothing = 0.8;          // weight of the newest measured rate
constexpr double kMeasureBucketSeconds = 0.5;  // the sending rate is measured per half second
constexpr double kMinFillRate = 0.5;        // tokens a second, whatever happens
constexpr double kMinCapacity = 1.0;        // the bucket holds at least one send
constexpr double kMaxRateOverMeasured = 2.0;  // never more than twice what was measured
}  // namespace adaptive

struct AdaptiveState {
  bool enabled = false;  // turned on by the first throttling answer
  double fill_rate = adaptive::kMinFillRate;  // sends a second allowed: the learnt rate
  double max_capacity = adaptive::kMinCapacity;
  double capacity = 0.0;  // tokens, 0..max_capacity
  bool refilled = false;  // last_refill_s is set
  double last_refill_s = 0.0;
  double last_max_rate = 0.0;    // CUBIC's W_max: the rate when last throttled
  double last_throttle_s = 0.0;  // when last throttled (the start, before any)
  double time_window = 0.0;      // CUBIC's K: seconds from a throttle back to W_max
  double measured_rate = 0.0;    // answers a second, smoothed
  double rate_bucket_s = 0.0;    // the current measuring bucket's start
  double answers_in_bucket = 0.0;
};

// A new client's limiter, created at now_ms (milliseconds on the caller's clock).
AdaptiveState adaptive_start(std::int64_t now_ms);

struct SendPermit {
  AdaptiveState state;
  bool granted = true;       // send now (always while not enabled)
  std::int64_t wait_ms = 0;  // !granted: ask again after this long (>= 1)
};

// One attempt wants to go at now_ms: take its token if there is one.
SendPermit acquire_send(const AdaptiveState& state, std::int64_t now_ms);

// An attempt ended at now_ms; throttled: its answer was a throttling error
// (the core's classification, as the standard mode's). Network errors and
// timeouts are not throttling.
AdaptiveState record_answer(const AdaptiveState& state, std::int64_t now_ms, bool throttled);

// The limit in force in sends a second, or a negative value while the
// limiter is not enabled (no limit).
double current_rate(const AdaptiveState& state);

}  // namespace keyflip::retry
