// The subset of AWS model patterns keyflip enforces, compiled by the
// generator (never at runtime), anchored at both ends: a sequence of atoms
// and groups, each optionally followed by '+' or '*'. An atom is a literal
// character or a bracketed class; a group "( ... )" holds such a sequence
// (groups nest). Literals and class members may be printable ASCII, escaped
// punctuation, \uXXXX, or (in a class) ranges a-z, \w (ASCII letters, digits,
// _ as in Java and JavaScript) and \d. Anything else (alternation, negated
// classes, \p{...}, optional or counted repeats) is refused, so the generator
// fails rather than the runtime guessing.
//
// The result is a position automaton (Glushkov's construction: a
// Thompson-style NFA without empty moves): one state per atom as written,
// entered by matching one character of that atom. The runtime
// (iam/pattern_match) keeps the set of states a value's prefix can be in, so
// matching is linear in the value whatever the pattern's nesting.
//
// Also used by tests/cpp (the refusals are tested there).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace keyflip::codegen {

// The runtime keeps a set of states in 64 bits (bit i: state i).
constexpr std::size_t kMaxPatternStates = 64;

struct CompiledState {
  std::vector<std::pair<char32_t, char32_t>> ranges;  // sorted, merged
  std::uint64_t next = 0;  // the states that may match the character after this one
};

struct CompiledPattern {
  std::vector<CompiledState> states;
  std::uint64_t start = 0;      // the states that may match a value's first character
  std::uint64_t accepting = 0;  // the states a value may end in
  bool accepts_empty = false;   // "" matches (every part may repeat zero times)
  std::string allowed;  // in words: "ASCII letters, digits and _+=,.@-"
};

// false (with why) when the pattern is outside the subset.
bool compile_pattern(const std::string& pattern, CompiledPattern& out, std::string& why);

}  // namespace keyflip::codegen
