// Clock skew: SigV4 signatures are only accepted within about 5 minutes of
// the service's clock. When a machine's clock is off, the server's Date
// header tells us by how much, and the request is signed again with the
// corrected time (once per call).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace keyflip::query {

// Below this, a learnt offset is noise: the Date header has 1-second
// resolution and arrives after network latency. Above it, it is a clock that
// is wrong enough to get near SigV4's 5-minute window.
constexpr std::int64_t kSkewCorrectionThresholdMs = 4 * 60 * 1000;

// server minus local, from an HTTP Date header ("Sun, 30 Aug 2015 12:36:00
// GMT") and the local time the answer arrived; nullopt if the header is
// missing or malformed, or the offset is beyond limits::kMaxClockOffsetMs.
std::optional<std::int64_t> clock_offset_ms(std::string_view date_header,
                                            std::int64_t local_now_ms);

// The offset to sign with from now on: the learnt one when it differs from
// the one in use by at least the threshold, else the one in use.
std::int64_t updated_clock_offset_ms(std::optional<std::int64_t> learnt_ms,
                                     std::int64_t used_ms);

// Retry once with the corrected time: the answer was a skew error, the
// offset learnt from it moves the clock by at least the threshold, and this
// call has not done so already.
bool should_retry_with_corrected_clock(bool is_skew_error, std::optional<std::int64_t> learnt_ms,
                                       std::int64_t used_ms, bool skew_retry_done);

}  // namespace keyflip::query
