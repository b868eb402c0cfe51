#include "pattern.h"

#include <algorithm>
#include <utility>

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

// A parsed part of the pattern: an atom (one character of `items`) or a
// group (a sequence of parts), repeated as its quantifier says.
struct Node {
  std::vector<Item> items;     // an atom's class members; empty for a group
  std::vector<Node> children;  // a group's parts, in order
  char quantifier = 0;         // 0 (once), '*' or '+'
  bool is_group() const { return items.empty(); }
};

// What Glushkov's construction knows of a part: whether it can match "",
// the states that can match its first character and those its last.
struct Ends {
  bool nullable = true;
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

class Parser {
 public:
  explicit Parser(const std::string& p) : p_(p) {}

  bool run(CompiledPattern& out, std::string& why) {
    std::vector<Node> parts;
    if (!parse_sequence(parts)) return fail(why);
    if (i_ < p_.size()) {  // parse_sequence stops only at the end or a ')'
      error_ = "')' without a '('";
      return fail(why);
    }
    if (parts.empty()) {
      error_ = "the pattern is empty";
      return fail(why);
    }
    std::size_t atoms = 0;
    for (const Node& part : parts) atoms += count_atoms(part);
    if (atoms > kMaxPatternStates) {
      error_ = "more than " + std::to_string(kMaxPatternStates) + " atoms";
      return fail(why);
    }
    const Ends ends = build_sequence(parts, out);
    out.start = ends.first;
    out.accepting = ends.last;
    out.accepts_empty = ends.nullable;
    // One atom: the class's words ("[...]+"). A sequence: each part in turn.
    out.allowed = parts.size() == 1 && !parts[0].is_group() ? describe(parts[0].items)
                                                             : describe_sequence(parts);
    return true;
  }

 private:
  // Parts up to the end or an unmatched ')'. A group without a quantifier is
  // spliced into its parent, and a repeated group of one part becomes that
  // part repeated ("(a+)*" is "a*"), so groups left hold two parts or more.
  bool parse_sequence(std::vector<Node>& parts) {
    while (i_ < p_.size() && p_[i_] != ')') {
      Node node;
      if (p_[i_] == '(') {
        const std::size_t open = i_++;
        if (!parse_sequence(node.children)) return false;
        if (i_ >= p_.size()) {
          i_ = open;
          error_ = "unterminated group";
          return false;
        }
        if (node.children.empty()) {
          error_ = "empty group";
          return false;
        }
        ++i_;  // ')'
      } else if (p_[i_] == '[') {
        if (!parse_class(node.items)) return false;
      } else if (p_[i_] == '|') {
        error_ = "alternation ('|') is not supported";
        return false;
      } else {
        Item item;
        if (!parse_element(item, false)) return false;
        node.items.push_back(item);
      }
      if (i_ < p_.size() && (p_[i_] == '+' || p_[i_] == '*')) node.quantifier = p_[i_++];
      if (i_ < p_.size() && (p_[i_] == '?' || p_[i_] == '{' || p_[i_] == '+' || p_[i_] == '*')) {
        error_ = "counted, optional or repeated quantifiers are not supported";
        return false;
      }
      if (node.is_group() && node.quantifier == 0) {
        for (Node& child : node.children) parts.push_back(std::move(child));
      } else if (node.is_group() && node.children.size() == 1) {
        Node only = std::move(node.children[0]);
        only.quantifier = only.quantifier == 0                                   ? node.quantifier
                          : only.quantifier == '+' && node.quantifier == '+' ? '+'
                                                                               : '*';
        parts.push_back(std::move(only));
      } else {
        parts.push_back(std::move(node));
      }
    }
    return true;
  }

  static std::size_t count_atoms(const Node& node) {
    if (!node.is_group()) return 1;
    std::size_t n = 0;
    for (const Node& child : node.children) n += count_atoms(child);
    return n;
  }

  // Glushkov's construction: a state per atom; a state's `next` gets the
  // states that can match the character after it.
  static Ends build(const Node& node, CompiledPattern& out) {
    Ends ends;
    if (node.is_group()) {
      ends = build_sequence(node.children, out);
    } else {
      const std::uint64_t bit = std::uint64_t{1} << out.states.size();
      out.states.push_back({ranges_of(node.items), 0});
      ends = {false, bit, bit};
    }
    if (node.quantifier != 0) {  // after its last character, it may start again
      link(out, ends.last, ends.first);
      ends.nullable = ends.nullable || node.quantifier == '*';
    }
    return ends;
  }

  static Ends build_sequence(const std::vector<Node>& parts, CompiledPattern& out) {
    Ends ends;  // of the parts so far: "" until the first part
    for (const Node& part : parts) {
      const Ends e = build(part, out);
      link(out, ends.last, e.first);
      if (ends.nullable) ends.first |= e.first;
      ends.last = e.nullable ? ends.last | e.last : e.last;
      ends.nullable = ends.nullable && e.nullable;
    }
    return ends;
  }

  static void link(CompiledPattern& out, std::uint64_t from, std::uint64_t to) {
    for (std::size_t s = 0; s < out.states.size(); ++s)
      if (from >> s & 1) out.states[s].next |= to;
  }

  // "'/' then one or more of ..."; a repeated group's parts in parentheses.
  static std::string describe_sequence(const std::vector<Node>& parts) {
    std::string text;
    for (std::size_t k = 0; k < parts.size(); ++k) {
      const Node& part = parts[k];
      text += (k ? " then " : "");
      text += part.quantifier == '*'   ? "any number of "
              : part.quantifier == '+' ? "one or more of "
                                       : "";
      text += part.is_group() ? "(" + describe_sequence(part.children) + ")" : describe(part.items);
    }
    return text;
  }

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

  static bool is_range(const Item& item, char first, char last) {
    return item.kind == Item::Range && item.first == static_cast<char32_t>(first) &&
           item.last == static_cast<char32_t>(last);
  }

  // "ASCII letters, digits and _+=,.@-", "characters U+0020 to U+00FF", "'/'":
  // single printable characters follow \w's "_" as today's messages read, and
  // A-Z, a-z and 0-9 written out read as \w does.
  static std::string describe(const std::vector<Item>& items) {
    bool word = false, digit = false;
    const auto has = [&](char first, char last) {
      return std::any_of(items.begin(), items.end(),
                         [&](const Item& item) { return is_range(item, first, last); });
    };
    const bool letters_digits = has('A', 'Z') && has('a', 'z') && has('0', '9');
    std::string singles;
    std::vector<std::string> pieces;
    for (const Item& item : items) {
      if (letters_digits &&
          (is_range(item, 'A', 'Z') || is_range(item, 'a', 'z') || is_range(item, '0', '9')))
        continue;
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
    } else if (letters_digits) {
      out.push_back(singles.empty() ? "ASCII letters and digits"
                                    : "ASCII letters, digits and " + singles);
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
