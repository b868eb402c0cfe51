#include "query/utf8.h"

namespace keyflip::query {

CodePoint decode_utf8(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1, true};

  std::size_t size;
  char32_t value, min;
  if (lead >= 0xc2 && lead <= 0xdf) {
    size = 2, value = lead & 0x1f, min = 0x80;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    size = 3, value = lead & 0x0f, min = 0x800;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    size = 4, value = lead & 0x07, min = 0x10000;
  } else {
    return {};  // continuation byte, overlong 0xc0/0xc1, or beyond U+10FFFF
  }
  if (pos + size > text.size()) return {};
  for (std::size_t i = 1; i < size; ++i) {
    const unsigned char c = byte(pos + i);
    if ((c & 0xc0) != 0x80) return {};
    value = (value << 6) | (c & 0x3f);
  }
  if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return {};
  return {value, size, true};
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); pos += decode_utf8(text, pos).size) ++count;
  return count;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

std::string utf8_prefix(std::string_view text, std::size_t max_code_points) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t n = 0; n < max_code_points && pos < text.size(); ++n) {
    const CodePoint cp = decode_utf8(text, pos);
    if (cp.valid)
      out.append(text.substr(pos, cp.size));
    else
      append_utf8(out, 0xfffd);
    pos += cp.size;
  }
  return out;
}

}  // namespace keyflip::query
