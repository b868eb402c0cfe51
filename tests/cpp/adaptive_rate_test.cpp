// The adaptive retry mode's rate limiter on a deterministic clock: off until
// throttled, CUBIC's cut on a throttle and climb back after, sends spaced by
// the learnt rate, and a simulated client against a throttling server.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <queue>
#include <vector>

#include "retry/adaptive_rate.h"

namespace keyflip::retry {
namespace {

constexpr std::int64_t kStart = 1'700'000'000'000;  // ms on the injected clock

// Answers at a steady pace: one every `every_ms` from `from` for `count`.
AdaptiveState answers(AdaptiveState s, std::int64_t from, std::int64_t every_ms, int count,
                      bool throttled = false) {
  for (int i = 0; i < count; ++i) s = record_answer(s, from + i * every_ms, throttled);
  return s;
}

TEST(AdaptiveRate, OffUntilTheFirstThrottle) {
  AdaptiveState s = adaptive_start(kStart);
  EXPECT_LT(current_rate(s), 0);
  s = answers(s, kStart, 10, 500);  // 100 answers a second, all fine
  for (int i = 0; i < 100; ++i) {
    const SendPermit p = acquire_send(s, kStart + 5000);
    EXPECT_EQ(p.wait_ms, 0);
    s = p.state;
  }
  EXPECT_FALSE(s.enabled);
  EXPECT_LT(current_rate(s), 0);
}

TEST(AdaptiveRate, ThrottleCutsTheRateToBetaOfWhatWasMeasured) {
  AdaptiveState s = answers(adaptive_start(kStart), kStart, 50, 100);  // 20/s for 5 s
  EXPECT_NEAR(s.measured_rate, 20.0, 0.5);
  const std::int64_t at = kStart + 100 * 50;
  s = record_answer(s, at, true);
  ASSERT_TRUE(s.enabled);
  EXPECT_NEAR(s.last_max_rate, 20.0, 0.5);  // W_max: the rate that met the throttle
  EXPECT_DOUBLE_EQ(current_rate(s), adaptive::kBeta * s.last_max_rate);
  EXPECT_DOUBLE_EQ(s.time_window, std::cbrt(s.last_max_rate * 0.3 / 0.4));

  // A second throttle at once cuts again, from the lower of measured and limit.
  const double before = current_rate(s);
  s = record_answer(s, at + 10, true);
  EXPECT_DOUBLE_EQ(current_rate(s), adaptive::kBeta * std::min(before, s.measured_rate));
  EXPECT_LT(current_rate(s), before);
}

TEST(AdaptiveRate, RecoversAlongTheCubicCurve) {
  AdaptiveState s = answers(adaptive_start(kStart), kStart, 50, 100);
  s = record_answer(s, kStart + 5000, true);
  const double w_max = s.last_max_rate, k = s.time_window, cut = current_rate(s);
  // Keep answering at 20/s (the measured rate stays high enough not to cap).
  std::vector<double> rates;
  for (int i = 1; i <= 8 * 20; ++i) {
    const std::int64_t t = kStart + 5000 + i * 50;
    s = record_answer(s, t, false);
    if (i % 20 == 0) rates.push_back(current_rate(s));
    const double dt = (t - (kStart + 5000)) / 1000.0 - k;
    const double cubic = 0.4 * dt * dt * dt + w_max;
    // (to 1e-5: the limiter's seconds are epoch-sized doubles)
    EXPECT_NEAR(current_rate(s),
                std::max(adaptive::kMinFillRate, std::min(cubic, 2.0 * s.measured_rate)), 1e-5);
  }
  EXPECT_GT(rates.front(), cut * 0.99);  // one second later: near the cut, climbing
  EXPECT_TRUE(std::is_sorted(rates.begin(), rates.end()));
  EXPECT_GT(rates.back(), w_max);  // past K the curve passes W_max and probes above it
  EXPECT_LE(rates.back(), 2.0 * s.measured_rate + 1e-9);  // never beyond twice the measured rate
}

TEST(AdaptiveRate, NeverBelowTheMinimumFillRate) {
  AdaptiveState s = adaptive_start(kStart);
  for (int i = 0; i < 50; ++i) s = record_answer(s, kStart + i * 1000, true);
  EXPECT_DOUBLE_EQ(current_rate(s), adaptive::kMinFillRate);
  SendPermit p{s, true, 0};
  for (int i = 0; i < 5 && p.granted; ++i) p = acquire_send(p.state, kStart + 50'000);
  ASSERT_FALSE(p.granted);
  EXPECT_GE(p.wait_ms, 1);
  EXPECT_LE(p.wait_ms, 2000);  // a token every 2 s at the slowest
}

// Callers that all want to send at `now`, each asking again when told to:
// the times at which tokens were granted, in order.
std::vector<std::int64_t> grants(AdaptiveState& s, int callers, std::int64_t now) {
  std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> asks;
  for (int i = 0; i < callers; ++i) asks.push(now);
  std::vector<std::int64_t> out;
  for (int guard = 0; !asks.empty() && guard < 1'000'000; ++guard) {
    const std::int64_t t = asks.top();
    asks.pop();
    const SendPermit p = acquire_send(s, t);
    s = p.state;
    if (p.granted) {
      EXPECT_EQ(p.wait_ms, 0);
      out.push_back(t);
    } else {
      EXPECT_GE(p.wait_ms, 1);
      asks.push(t + p.wait_ms);
    }
  }
  return out;
}

TEST(AdaptiveRate, ConcurrentSendsNeverRunAheadOfTheLearntRate) {
  AdaptiveState s = answers(adaptive_start(kStart), kStart, 50, 100);
  s = record_answer(s, kStart + 5000, true);
  const double rate = current_rate(s);
  ASSERT_GT(rate, 1.0);
  const double held = s.capacity;  // tokens in the bucket now, at most max_capacity
  ASSERT_LE(held, s.max_capacity);
  const std::int64_t now = kStart + 5000;
  const std::vector<std::int64_t> sends = grants(s, 40, now);
  ASSERT_EQ(sends.size(), 40u);
  // The n-th send: at most the tokens held plus what the rate added since.
  for (std::size_t n = 1; n <= sends.size(); ++n) {
    const double elapsed_s = (sends[n - 1] - now) / 1000.0;
    EXPECT_LE(static_cast<double>(n), held + rate * elapsed_s + 1e-6) << "send " << n;
  }
  // and no slower than that: each token is taken within a millisecond of its arrival.
  const double last_s = (sends.back() - now) / 1000.0;
  EXPECT_LE(last_s, (40.0 - held) / rate + 0.001 * 40);
}

TEST(AdaptiveRate, ACutAppliesToCallersAlreadyWaiting) {
  AdaptiveState s = answers(adaptive_start(kStart), kStart, 50, 100);
  s = record_answer(s, kStart + 5000, true);
  // Empty the bucket, then take the next token when it comes: the bucket
  // is at about zero, and the next caller is told to come back at 1/rate.
  std::int64_t t = kStart + 5000;
  SendPermit p{s, true, 0};
  while (p.granted) p = acquire_send(p.state, t);
  t += p.wait_ms;
  p = acquire_send(p.state, t);
  ASSERT_TRUE(p.granted);
  p = acquire_send(p.state, t);
  ASSERT_FALSE(p.granted);
  const double before = current_rate(p.state);
  EXPECT_NEAR(p.wait_ms, 1000.0 / before, 2.0);
  const std::int64_t back_at = t + p.wait_ms;
  // Meanwhile a second throttle cuts the rate: coming back when told is
  // not enough any more; the wait is re-made at the new rate.
  s = record_answer(p.state, t + 1, true);
  const double cut = current_rate(s);
  ASSERT_LT(cut, before);
  p = acquire_send(s, back_at);
  EXPECT_FALSE(p.granted);
  EXPECT_GT(p.wait_ms, 0);
  EXPECT_NEAR(back_at + p.wait_ms - t, 1000.0 / cut, 3.0);
}

TEST(AdaptiveRate, AClockGoingBackAddsNoTokens) {
  AdaptiveState s = answers(adaptive_start(kStart), kStart, 50, 100);
  s = record_answer(s, kStart + 5000, true);
  SendPermit p{s, true, 0};
  while (p.granted) p = acquire_send(p.state, kStart + 5000);
  const std::int64_t wait = p.wait_ms;
  p = acquire_send(p.state, kStart + 1000);  // earlier than before: nothing refilled
  EXPECT_FALSE(p.granted);
  EXPECT_EQ(p.wait_ms, wait);
}

// A server throttling like IAM: a token bucket per action, `rate` a second,
// `burst` deep; a request that finds it empty is answered Throttling.
struct Server {
  double rate, burst, tokens, last_s;
  bool take(double now_s) {
    tokens = std::min(burst, tokens + (now_s - last_s) * rate);
    last_s = now_s;
    if (tokens < 1.0) return false;
    tokens -= 1.0;
    return true;
  }
};

struct SimResult {
  int sent = 0, throttled = 0, sent_late = 0, throttled_late = 0;
  double max_window_sends = 0;  // most sends in any 1 s window after the first throttle
  double max_rate_in_force = 0;
};

// `workers` callers in a loop: ask the limiter, wait, send; the answer comes
// `latency_ms` later and is recorded. Discrete events on one clock.
SimResult simulate(int workers, std::int64_t latency_ms, double server_rate, std::int64_t duration_ms) {
  AdaptiveState limiter = adaptive_start(kStart);
  Server server{server_rate, server_rate, server_rate, kStart / 1000.0};
  // (time, kind): 0 ready to ask, 3 sending, 1 answered ok, 2 answered Throttling
  using Event = std::pair<std::int64_t, int>;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events;
  for (int i = 0; i < workers; ++i) events.push({kStart, 0});
  SimResult r;
  std::vector<std::int64_t> sends_after_enable;
  std::int64_t enabled_at = -1;
  while (!events.empty()) {
    auto [t, kind] = events.top();
    events.pop();
    if (t > kStart + duration_ms) break;
    if (kind == 0) {
      const SendPermit p = acquire_send(limiter, t);
      limiter = p.state;
      events.push({t + p.wait_ms, p.granted ? 3 : 0});
    } else if (kind == 3) {
      const std::int64_t send_at = t;
      const bool ok = server.take((send_at + latency_ms / 2) / 1000.0);
      ++r.sent;
      if (!ok) ++r.throttled;
      if (send_at > kStart + duration_ms / 4) {
        ++r.sent_late;
        if (!ok) ++r.throttled_late;
      }
      if (enabled_at >= 0) sends_after_enable.push_back(send_at);
      events.push({send_at + latency_ms, ok ? 1 : 2});
    } else {
      limiter = record_answer(limiter, t, kind == 2);
      if (limiter.enabled && enabled_at < 0) enabled_at = t;
      if (limiter.enabled) r.max_rate_in_force = std::max(r.max_rate_in_force, current_rate(limiter));
      events.push({t, 0});
    }
  }
  std::sort(sends_after_enable.begin(), sends_after_enable.end());
  for (std::size_t i = 0, j = 0; i < sends_after_enable.size(); ++i) {
    while (sends_after_enable[i] - sends_after_enable[j] >= 1000) ++j;
    r.max_window_sends = std::max(r.max_window_sends, static_cast<double>(i - j + 1));
  }
  return r;
}

TEST(AdaptiveRate, LearnsAThrottlingServersPace) {
  // 16 callers, 40 ms round trips: 400 a second unthrottled, against 10 a second.
  const SimResult r = simulate(16, 40, 10.0, 120'000);
  const double late_seconds = 120.0 * 3 / 4;
  const double late_rate = r.sent_late / late_seconds;
  // Once learnt: close to the server's pace, few answers throttled.
  EXPECT_GT(late_rate, 0.75 * 10.0) << late_rate;
  EXPECT_LT(late_rate, 1.1 * 10.0) << late_rate;
  EXPECT_LT(static_cast<double>(r.throttled_late) / r.sent_late, 0.10)
      << r.throttled_late << " of " << r.sent_late;
  // Never more sends in a second than the highest limit in force allows:
  // a full bucket (max_capacity = the rate) plus a second of refill.
  EXPECT_LE(r.max_window_sends, 2 * r.max_rate_in_force) << r.max_rate_in_force;
}

TEST(AdaptiveRate, WithoutThrottlingNothingIsHeldBack) {
  const SimResult r = simulate(4, 50, 1000.0, 10'000);
  EXPECT_EQ(r.throttled, 0);
  EXPECT_NEAR(r.sent, 4 * 10'000 / 50, 4);
}

}  // namespace
}  // namespace keyflip::retry
