// Hexadecimal, written once: SigV4's lowercase digests, the uppercase code
// points and bytes of messages, and reading %XY.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace keyflip::util {

// Lowercase hexadecimal, as SigV4 writes hashes and signatures.
inline std::string hex(const std::uint8_t* data, std::size_t size) {
  static const char digits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 0xf];
  }
  return out;
}

// Uppercase hex of value, at least width digits ("00E9"): snprintf's "%0*X"
// without pulling printf's formatter (floating point included) into the wasm.
inline std::string upper_hex(std::uint32_t value, int width) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), digits[value & 0xf]);
    value >>= 4;
  } while (value != 0 || static_cast<int>(out.size()) < width);
  return out;
}

// "%XY" (uppercase), as percent-encoding writes a byte.
inline void append_percent_byte(std::string& out, unsigned char c) {
  static const char digits[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(digits[c >> 4]);
  out.push_back(digits[c & 0xf]);
}

// 0-15 for a hex digit (either case), -1 otherwise.
constexpr int hex_value(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

}  // namespace keyflip::util
