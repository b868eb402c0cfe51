#include "query/clock_skew.h"

#include "query/limits.h"
#include "util/amz_date.h"

namespace keyflip::query {

namespace {
bool differs_enough(std::int64_t learnt_ms, std::int64_t used_ms) {
  const std::int64_t diff = learnt_ms - used_ms;  // both below 2e15 in magnitude: no overflow
  return diff >= kSkewCorrectionThresholdMs || diff <= -kSkewCorrectionThresholdMs;
}

// Years 0000-9999 in ms are within +-3.2e14; a local time outside +-1e15 is
// nonsense and learns nothing (and keeps the subtraction from overflowing).
constexpr std::int64_t kMaxMagnitudeMs = 1'000'000'000'000'000;
}  // namespace

std::optional<std::int64_t> clock_offset_ms(std::string_view date_header,
                                            std::int64_t local_now_ms) {
  const auto server_seconds = util::parse_http_date(date_header);
  if (!server_seconds || local_now_ms > kMaxMagnitudeMs || local_now_ms < -kMaxMagnitudeMs)
    return std::nullopt;
  const std::int64_t offset = *server_seconds * 1000 - local_now_ms;
  // Beyond the bound the Date is not a clock to learn from (the answer stands as it came).
  if (offset > limits::kMaxClockOffsetMs || offset < -limits::kMaxClockOffsetMs) return std::nullopt;
  return offset;
}

std::int64_t updated_clock_offset_ms(std::optional<std::int64_t> learnt_ms, std::int64_t used_ms) {
  if (!learnt_ms || used_ms > kMaxMagnitudeMs || used_ms < -kMaxMagnitudeMs) return used_ms;
  return differs_enough(*learnt_ms, used_ms) ? *learnt_ms : used_ms;
}

bool should_retry_with_corrected_clock(bool is_skew_error, std::optional<std::int64_t> learnt_ms,
                                       std::int64_t used_ms, bool skew_retry_done) {
  return is_skew_error && !skew_retry_done && learnt_ms &&
         updated_clock_offset_ms(learnt_ms, used_ms) != used_ms;
}

}  // namespace keyflip::query
