#include "iam/char_class_pattern.h"

namespace keyflip::iam {

namespace {

void add_range(AsciiSet& set, char from, char to) {
  for (int c = from; c <= to; ++c) set[static_cast<std::size_t>(c)] = true;
}

bool is_ascii_punct(unsigned char c) {
  return c > 0x20 && c < 0x7f && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                                   (c >= 'a' && c <= 'z'));
}

}  // namespace

std::optional<AsciiSet> compile_char_class_pattern(std::string_view pattern) {
  if (pattern.size() < 4 || pattern.front() != '[' || pattern.substr(pattern.size() - 2) != "]+")
    return std::nullopt;
  const std::string_view body = pattern.substr(1, pattern.size() - 3);
  if (body.empty() || body.front() == '^') return std::nullopt;  // no negated classes

  AsciiSet set;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(body[i]);
    if (c >= 0x80 || c < 0x20) return std::nullopt;
    if (c == '\\') {
      if (i + 1 >= body.size()) return std::nullopt;
      const unsigned char e = static_cast<unsigned char>(body[++i]);
      if (e == 'w') {
        add_range(set, 'A', 'Z');
        add_range(set, 'a', 'z');
        add_range(set, '0', '9');
        set['_'] = true;
      } else if (e == 'd') {
        add_range(set, '0', '9');
      } else if (is_ascii_punct(e)) {
        set[e] = true;
      } else {
        return std::nullopt;  // \s, \u..., and the like are not needed here
      }
    } else if (c == '[' || c == ']') {
      return std::nullopt;
    } else if (i + 2 < body.size() && body[i + 1] == '-' && body[i + 2] != '\\') {
      const unsigned char to = static_cast<unsigned char>(body[i + 2]);
      if (to < c || to >= 0x80) return std::nullopt;
      add_range(set, static_cast<char>(c), static_cast<char>(to));
      i += 2;
    } else {
      set[c] = true;  // includes '-' as the first or last character
    }
  }
  return set;
}

}  // namespace keyflip::iam
