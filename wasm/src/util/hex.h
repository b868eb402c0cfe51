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

}  // namespace keyflip::util
