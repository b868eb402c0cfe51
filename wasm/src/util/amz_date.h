// Timestamps, always UTC: SigV4's "YYYYMMDDTHHMMSSZ" (x-amz-date) and its
// first 8 characters (the credential scope date), HTTP dates, and ISO 8601.
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

// ISO 8601, as the Query protocol writes timestamps and IAM answers them.
// Years 0000-9999: [kMinIso8601Ms, kMaxIso8601Ms) in milliseconds.
constexpr double kMinIso8601Ms = -62167219200000.0;  // 0000-01-01T00:00:00Z
constexpr double kMaxIso8601Ms = 253402300800000.0;  // 10000-01-01T00:00:00Z

// Milliseconds since the epoch -> "2015-08-30T12:36:00Z", or with the
// microseconds when there are any ("...:00.123000Z"), as botocore writes them.
std::optional<std::string> format_iso8601(double epoch_ms);

// "2015-08-30T12:36:00Z", with any number of fraction digits and a "Z" or
// "+HH:MM" zone -> milliseconds since the epoch (fraction kept); nullopt if
// malformed or without a zone.
std::optional<double> parse_iso8601(std::string_view text);

}  // namespace keyflip::util
