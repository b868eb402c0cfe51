// SigV4 timestamps: "YYYYMMDDTHHMMSSZ" (x-amz-date) and its first 8
// characters (the credential scope date), always UTC.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keyflip::util {

// Seconds since the Unix epoch -> "20150830T123600Z". Years 0000-9999 only.
std::optional<std::string> format_amz_date(std::int64_t epoch_seconds);

// "20150830T123600Z" -> seconds since the epoch; nullopt if malformed.
std::optional<std::int64_t> parse_amz_date(std::string_view text);

// An HTTP Date header (IMF-fixdate, "Sun, 30 Aug 2015 12:36:00 GMT") ->
// seconds since the epoch; nullopt if malformed.
std::optional<std::int64_t> parse_http_date(std::string_view text);

}  // namespace keyflip::util
