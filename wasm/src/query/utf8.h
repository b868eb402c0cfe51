// Just enough UTF-8 for IAM's rules: lengths in AWS models count characters
// (code points), not bytes, and text shown back to a user (messages, body
// excerpts) must never be cut inside a character.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace keyflip::query {

struct CodePoint {
  char32_t value = 0;
  std::size_t size = 1;  // bytes consumed; 1 for an invalid byte
  bool valid = false;    // false: overlong, surrogate, out of range, truncated or stray byte
};

// Decodes the character that starts at text[pos] (pos < text.size()).
CodePoint decode_utf8(std::string_view text, std::size_t pos);

// Characters in text; each invalid byte counts as one.
std::size_t count_code_points(std::string_view text);

// The first max_code_points characters, with invalid bytes replaced by U+FFFD
// so the result is always valid UTF-8.
std::string utf8_prefix(std::string_view text, std::size_t max_code_points);

void append_utf8(std::string& out, char32_t code_point);

}  // namespace keyflip::query
