// Matching a value against a generated Pattern (model.h): the set of NFA
// states the value's prefix can be in, stepped once per code point, so the
// time is linear in the value (no backtracking, whatever the pattern's
// groups). Anchored at both ends. It reports where a value first goes wrong,
// so a message can name the character.
#pragma once
#include <cstddef>
#include <string_view>

#include "query/model.h"

namespace keyflip::query {

struct PatternMismatch {
  enum class Kind {
    None,         // the value matches
    InvalidUtf8,  // at `index`: byte value[byte_offset] starts no valid character
    Character,    // the character at `index` cannot continue any match
    TooShort,     // the value ended before the pattern could ("" for "[...]+", "/a" for "(/a)*/")
  };
  Kind kind = Kind::None;
  std::size_t index = 0;        // in characters (code points) from 0
  std::size_t byte_offset = 0;  // of that character in the UTF-8 value
};

PatternMismatch match_pattern(const Pattern& pattern, std::string_view utf8);

}  // namespace keyflip::query
