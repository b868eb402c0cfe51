// The subset of AWS model patterns keyflip enforces, compiled by the
// generator (never at runtime): a sequence of atoms, each a literal character
// or a bracketed class, optionally followed by '+' or '*', anchored at both
// ends. Literals and class members may be printable ASCII, escaped
// punctuation, \uXXXX, or (in a class) ranges a-z, \w (ASCII letters, digits,
// _ as in Java and JavaScript) and \d. Anything else (alternation, groups,
// negated classes, \p{...}, counted repeats) is refused, so the generator
// fails rather than the runtime guessing.
//
// Also used by tests/cpp (the refusals are tested there).
#pragma once
#include <string>
#include <vector>

namespace keyflip::codegen {

struct CompiledAtom {
  std::vector<std::pair<char32_t, char32_t>> ranges;  // sorted, merged
  bool any = false;  // matched any number of times; "x+" is emitted as x, x*
};

struct CompiledPattern {
  std::vector<CompiledAtom> atoms;
  std::string allowed;  // in words: "ASCII letters, digits and _+=,.@-"
};

// false (with why) when the pattern is outside the subset.
bool compile_pattern(const std::string& pattern, CompiledPattern& out, std::string& why);

}  // namespace keyflip::codegen
