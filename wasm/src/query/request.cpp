#include "query/request.h"

namespace keyflip::query {

std::int64_t signing_epoch_seconds(const SigningContext& signing) {
  // Clamped (to about 31,000 years) so nonsense from the caller cannot
  // overflow; the signer then refuses the date as out of range.
  constexpr std::int64_t kLimit = 1'000'000'000'000'000;
  const auto clamp = [](std::int64_t v) { return v < -kLimit ? -kLimit : v > kLimit ? kLimit : v; };
  const std::int64_t ms = clamp(signing.local_now_ms) + clamp(signing.clock_offset_ms);
  return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);  // floor, also before 1970
}

}  // namespace keyflip::query
