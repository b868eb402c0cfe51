// ASCII character classes, written once: locale-free (unlike <cctype>, whose
// answers depend on the C locale and whose argument must fit unsigned char).
#pragma once

namespace keyflip::util {

constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }
// \w in AWS model patterns, Java and JavaScript: ASCII letters, digits and _.
constexpr bool is_word_char(unsigned char c) { return is_alnum(c) || c == '_'; }
constexpr bool is_hex_digit(unsigned char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// What a SigV4 credential scope part (a region, a service) may hold; the
// scope itself is '/'-separated.
constexpr bool is_scope_char(unsigned char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }
// Visible ASCII: '!' to '~'.
constexpr bool is_visible_ascii(unsigned char c) { return c > 0x20 && c < 0x7f; }

}  // namespace keyflip::util
