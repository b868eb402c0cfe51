// Shared by the fuzz targets: a property check that libFuzzer records as a
// crash (abort), and the small text helpers the line-based input formats use.
// The formats are text so seed and regression files stay readable and
// editable by hand; arbitrary bytes still reach every field (see each target).
#pragma once
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "query/utf8.h"

namespace keyflip_fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* what, std::string_view detail) {
  std::fprintf(stderr, "%s:%d: property failed: %s\n  %.*s\n", file, line, what,
               static_cast<int>(detail.size() > 2000 ? 2000 : detail.size()), detail.data());
  std::abort();  // libFuzzer saves the input as crash-*
}

}  // namespace keyflip_fuzz

// FUZZ_CHECK(cond, detail): detail (a string) is printed when cond is false.
#define FUZZ_CHECK(cond, detail) \
  do {                           \
    if (!(cond)) ::keyflip_fuzz::fail(__FILE__, __LINE__, #cond, (detail)); \
  } while (0)

namespace keyflip_fuzz {

inline std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(sep, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

inline bool valid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const auto cp = keyflip::query::decode_utf8(text, pos);
    if (!cp.valid) return false;
    pos += cp.size;
  }
  return true;
}

inline bool is_upper_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

// Only unreserved characters, the extra ones allowed, and %XY (uppercase).
inline bool well_encoded(std::string_view text, std::string_view extra) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved || extra.find(static_cast<char>(c)) != std::string_view::npos) continue;
    if (c != '%' || i + 2 >= text.size() || !is_upper_hex(text[i + 1]) ||
        !is_upper_hex(text[i + 2]))
      return false;
    i += 2;
  }
  return true;
}

inline bool lower_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace keyflip_fuzz
