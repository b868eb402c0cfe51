#include "pattern.h"

#include <algorithm>

namespace keyflip::codegen {

namespace {

bool is_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_punct(char32_t c) { return c > 0x20 && c < 0x7f && !is_alnum(c); }
bool is_printable_ascii(char32_t c) { return c > 0x20 && c < 0x7f; }

std::string code_point_name(char32_t c) {
  static const char digits[] = "0123456789ABCDEF";
  std::string hex;
  for (int shift = 12; shift >= 0; shift -= 4) hex.push_back(digits[(c >> shift) & 0xf]);
  return "U+" + hex;
}

std::string char_words(char32_t c) {
  return is_printable_ascii(c) ? std::string("'") + static_cast<char>(c) + "'" : code_point_name(c);
}

// One element of a class or one literal, as written (for the words).
struct Item {
  enum Kind { Word, Digit, Char, Range } kind;
  char32_t first = 0, last = 0;
};

class Parser {
 public:
  explicit Parser(const std::string& p) : p_(p) {}

  bool run(CompiledPattern& out, std::string& why) {
    std::vector<std::pair<std::string, char>> atom_words;  // words, quantifier
    while (i_ < p_.size()) {
      std::vector<Item> items;
      const bool is_class = p_[i_] == '[';
      if (is_class) {
        if (!parse_class(items)) return fail(why);
      } else {
        Item item;
        if (!parse_element(item, false)) return fail(why);
        items.push_back(item);
      }
      char quantifier = 0;
      if (i_ < p_.size() && (p_[i_] == '+' || p_[i_] == '*')) quantifier = p_[i_++];
      if (i_ < p_.size() && (p_[i_] == '?' || p_[i_] == '{' || p_[i_] == '+' || p_[i_] == '*')) {
        error_ = "counted, optional or repeated quantifiers are not supported";
        return fail(why);
      }
      CompiledAtom atom;
      atom.ranges = ranges_of(items);
      const std::string words = describe(items);
      if (quantifier == '+') {
        out.atoms.push_back(atom);
        atom.any = true;
        out.atoms.push_back(atom);
      } else {
        atom.any = quantifier == '*';
        out.atoms.push_back(atom);
      }
      atom_words.emplace_back(words, quantifier);
    }
    if (out.atoms.empty()) {
      error_ = "the pattern is empty";
      return fail(why);
    }
    constexpr std::size_t kMaxAtoms = 63;  // the matcher keeps its n + 1 states in 64 bits
    if (out.atoms.size() > kMaxAtoms) {
      error_ = "more than 63 atoms";
      return fail(why);
    }
    // One atom: the class's words ("[...]+"). A sequence: each part in turn.
    for (std::size_t k = 0; k < atom_words.size(); ++k) {
      const auto& [words, quantifier] = atom_words[k];
      const bool sequence = atom_words.size() > 1;
      const std::string prefix = !sequence            ? ""
                                 : quantifier == '*' ? "any number of "
                                 : quantifier == '+' ? "one or more of "
                                                     : "";
      out.allowed += (k ? " then " : "") + prefix + words;
    }
    return true;
  }

 private:
  bool fail(std::string& why) {
    why = error_ + " (at offset " + std::to_string(i_) + " of \"" + p_ + "\")";
    return false;
  }

  bool parse_class(std::vector<Item>& items) {
    ++i_;  // '['
    if (i_ < p_.size() && p_[i_] == '^') {
      error_ = "negated classes are not supported";
      return false;
    }
    while (true) {
      if (i_ >= p_.size()) {
        error_ = "unterminated class";
        return false;
      }
      if (p_[i_] == ']') break;
      Item item;
      if (!parse_element(item, true)) return false;
      const bool range_follows = item.kind == Item::Char && i_ + 1 < p_.size() &&
                                 p_[i_] == '-' && p_[i_ + 1] != ']';
      if (range_follows) {
        ++i_;
        Item to;
        if (!parse_element(to, true)) return false;
        if (to.kind != Item::Char || to.first < item.first) {
          error_ = "a range must go from a character up to a character";
          return false;
        }
        item.kind = Item::Range;
        item.last = to.first;
      }
      items.push_back(item);
    }
    ++i_;  // ']'
    if (items.empty()) {
      error_ = "empty class";
      return false;
    }
    return true;
  }

  bool parse_element(Item& item, bool in_class) {
    const unsigned char c = static_cast<unsigned char>(p_[i_]);
    if (c == '\\') {
      if (i_ + 1 >= p_.size()) {
        error_ = "a pattern cannot end in a backslash";
        return false;
      }
      const char e = p_[i_ + 1];
      if (e == 'w' || e == 'd') {
        item.kind = e == 'w' ? Item::Word : Item::Digit;
        i_ += 2;
        return true;
      }
      if (e == 'u') {
        if (i_ + 6 > p_.size()) {
          error_ = "\\u needs four hex digits";
          return false;
        }
        char32_t value = 0;
        for (std::size_t k = i_ + 2; k < i_ + 6; ++k) {
          const char h = p_[k];
          const int digit = h >= '0' && h <= '9'   ? h - '0'
                            : h >= 'a' && h <= 'f' ? h - 'a' + 10
                            : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                   : -1;
          if (digit < 0) {
            error_ = "\\u needs four hex digits";
            return false;
          }
          value = value * 16 + static_cast<char32_t>(digit);
        }
        if (value >= 0xd800 && value <= 0xdfff) {
          error_ = "surrogate code points are not supported";
          return false;
        }
        item = {Item::Char, value, value};
        i_ += 6;
        return true;
      }
      if (is_punct(static_cast<unsigned char>(e))) {
        item = {Item::Char, static_cast<char32_t>(e), static_cast<char32_t>(e)};
        i_ += 2;
        return true;
      }
      error_ = std::string("the escape \\") + e + " is not supported";
      return false;
    }
    const std::string_view meta = in_class ? "[]" : "()|?{}.^$*+[]";
    if (c >= 0x80 || c < 0x20 || meta.find(static_cast<char>(c)) != std::string_view::npos) {
      error_ = c >= 0x80 ? "raw non-ASCII characters are not supported (use \\uXXXX)"
                         : std::string("'") + static_cast<char>(c) + "' is not supported here";
      return false;
    }
    item = {Item::Char, c, c};
    ++i_;
    return true;
  }

  static std::vector<std::pair<char32_t, char32_t>> ranges_of(const std::vector<Item>& items) {
    std::vector<std::pair<char32_t, char32_t>> r;
    for (const Item& item : items) {
      switch (item.kind) {
        case Item::Word:
          r.insert(r.end(), {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}});
          break;
        case Item::Digit:
          r.push_back({'0', '9'});
          break;
        case Item::Char:
        case Item::Range:
          r.push_back({item.first, item.kind == Item::Char ? item.first : item.last});
          break;
      }
    }
    std::sort(r.begin(), r.end());
    std::vector<std::pair<char32_t, char32_t>> merged;
    for (const auto& range : r) {
      if (!merged.empty() && range.first <= merged.back().second + 1)
        merged.back().second = std::max(merged.back().second, range.second);
      else
        merged.push_back(range);
    }
    return merged;
  }

  // "ASCII letters, digits and _+=,.@-", "characters U+0020 to U+00FF", "'/'":
  // single printable characters follow \w's "_" as today's messages read.
  static std::string describe(const std::vector<Item>& items) {
    bool word = false, digit = false;
    std::string singles;
    std::vector<std::string> pieces;
    for (const Item& item : items) {
      if (item.kind == Item::Word) word = true;
      else if (item.kind == Item::Digit) digit = true;
      else if (item.kind == Item::Char && is_printable_ascii(item.first))
        singles.push_back(static_cast<char>(item.first));
      else if (item.kind == Item::Char)
        pieces.push_back(code_point_name(item.first));
      else if (is_alnum(item.first) && is_alnum(item.last))
        pieces.push_back(std::string(1, static_cast<char>(item.first)) + "-" +
                         static_cast<char>(item.last));
      else
        pieces.push_back("characters " + code_point_name(item.first) + " to " +
                         code_point_name(item.last));
    }
    std::vector<std::string> out;
    if (word) {
      out.push_back("ASCII letters, digits and _" + singles);
      singles.clear();
    } else if (digit) {
      out.push_back("digits");
    }
    if (singles.size() == 1) out.push_back(char_words(static_cast<unsigned char>(singles[0])));
    else if (!singles.empty()) out.push_back("any of " + singles);
    out.insert(out.end(), pieces.begin(), pieces.end());
    std::string text;
    for (std::size_t k = 0; k < out.size(); ++k) text += (k ? ", " : "") + out[k];
    return text;
  }

  const std::string& p_;
  std::size_t i_ = 0;
  std::string error_;
};

}  // namespace

bool compile_pattern(const std::string& pattern, CompiledPattern& out, std::string& why) {
  out = {};
  return Parser(pattern).run(out, why);
}

}  // namespace keyflip::codegen
