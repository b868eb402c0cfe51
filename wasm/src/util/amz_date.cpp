#include "util/amz_date.h"

#include <cmath>

namespace keyflip::util {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the
// proleptic Gregorian calendar, no time zone database, no libc state.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : days[m - 1];
}

std::optional<std::int64_t> to_epoch(int y, int mo, int d, int h, int mi, int s) {
  if (mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, mo) || h > 23 ||
      mi > 59 || s > 60)
    return std::nullopt;
  return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

}  // namespace

std::optional<std::string> format_amz_date(std::int64_t t) {
  // Years 0000-9999 only; refusing anything outside first also keeps -t
  // below from overflowing on INT64_MIN (found by fuzz_sigv4_canonical).
  constexpr std::int64_t kYear0 = -62167219200;      // 0000-01-01T00:00:00Z
  constexpr std::int64_t kYear10000 = 253402300800;  // 10000-01-01T00:00:00Z
  if (t < kYear0 || t >= kYear10000) return std::nullopt;
  std::int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  std::int64_t secs = t - days * 86400;
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  if (y < 0 || y > 9999) return std::nullopt;
  // "%04d%02u%02uT%02d%02d%02dZ" by hand: snprintf pulls printf's whole
  // formatter (floating point included) into the wasm.
  char buf[16];
  const auto put = [&buf](int at, unsigned value, int width) {
    for (int i = at + width - 1; i >= at; --i, value /= 10) buf[i] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(y), 4);
  put(4, m, 2);
  put(6, d, 2);
  buf[8] = 'T';
  put(9, static_cast<unsigned>(secs / 3600), 2);
  put(11, static_cast<unsigned>(secs / 60 % 60), 2);
  put(13, static_cast<unsigned>(secs % 60), 2);
  buf[15] = 'Z';
  return std::string(buf, 16);
}

std::optional<std::int64_t> parse_amz_date(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 4, 2, mo) || !digits(s, 6, 2, d) || !digits(s, 9, 2, h) ||
      !digits(s, 11, 2, mi) || !digits(s, 13, 2, sec))
    return std::nullopt;
  return to_epoch(y, mo, d, h, mi, sec);
}

std::optional<std::int64_t> parse_http_date(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": fixed positions.
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' ||
      s[16] != ' ' || s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT")
    return std::nullopt;
  int mo = 0;
  for (int i = 0; i < 12; ++i)
    if (s.substr(8, 3) == months[i]) mo = i + 1;
  int y, d, h, mi, sec;
  if (mo == 0 || !digits(s, 5, 2, d) || !digits(s, 12, 4, y) || !digits(s, 17, 2, h) ||
      !digits(s, 20, 2, mi) || !digits(s, 23, 2, sec))
    return std::nullopt;
  return to_epoch(y, mo, d, h, mi, sec);
}

}  // namespace keyflip::util

namespace keyflip::util {

std::optional<std::string> format_iso8601(double epoch_ms) {
  if (!(epoch_ms >= kMinIso8601Ms && epoch_ms < kMaxIso8601Ms)) return std::nullopt;  // NaN too
  // Whole microseconds, as Python's datetime keeps them (rounded: ms values
  // such as 123.456 are not exact in binary).
  const double micros_total = std::round(epoch_ms * 1000.0);
  const auto micros_i = static_cast<std::int64_t>(micros_total);
  const std::int64_t seconds = micros_i >= 0 ? micros_i / 1'000'000 : -((-micros_i + 999'999) / 1'000'000);
  const std::int64_t micros = micros_i - seconds * 1'000'000;
  const auto basic = format_amz_date(seconds);  // "20150830T123600Z"
  if (!basic) return std::nullopt;
  const std::string& b = *basic;
  std::string out = b.substr(0, 4) + "-" + b.substr(4, 2) + "-" + b.substr(6, 2) + "T" +
                    b.substr(9, 2) + ":" + b.substr(11, 2) + ":" + b.substr(13, 2);
  if (micros != 0) {
    char frac[7];
    std::int64_t v = micros;
    for (int i = 5; i >= 0; --i, v /= 10) frac[i] = static_cast<char>('0' + v % 10);
    frac[6] = 0;
    out.append(".").append(frac);
  }
  return out + "Z";
}

std::optional<double> parse_iso8601(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
      s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi) || !digits(s, 17, 2, sec))
    return std::nullopt;
  const auto seconds = to_epoch(y, mo, d, h, mi, sec);
  if (!seconds) return std::nullopt;
  std::size_t pos = 19;
  std::int64_t micros = 0;  // digits beyond microseconds are dropped, as Python's datetime does
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t start = ++pos;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos)
      if (pos - start < 6) micros = micros * 10 + (s[pos] - '0');
    if (pos == start) return std::nullopt;
    for (std::size_t n = pos - start; n < 6; ++n) micros *= 10;
  }
  std::int64_t offset_seconds = 0;
  const std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") {
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh, om;
    if (!digits(zone, 1, 2, oh) || !digits(zone, 4, 2, om) || oh > 23 || om > 59) return std::nullopt;
    offset_seconds = (zone[0] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  } else {
    return std::nullopt;  // no zone: the instant is unknown
  }
  return static_cast<double>(*seconds - offset_seconds) * 1000.0 + static_cast<double>(micros) / 1000.0;
}

}  // namespace keyflip::util
