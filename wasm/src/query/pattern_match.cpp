#include "query/pattern_match.h"

#include <cstdint>

#include "query/utf8.h"

namespace keyflip::query {

namespace {

bool atom_matches(const PatternAtom& atom, char32_t c) {
  for (std::size_t i = 0; i < atom.range_count; ++i)
    if (c >= atom.ranges[i].first && c <= atom.ranges[i].last) return true;
  return false;
}

// State i: atom i is next (i == atom_count: the end). An Any atom may be skipped.
std::uint64_t closure(const Pattern& p, std::uint64_t states) {
  for (std::size_t i = 0; i < p.atom_count; ++i)
    if ((states >> i & 1) && p.atoms[i].repeat == Repeat::Any) states |= std::uint64_t{1} << (i + 1);
  return states;
}

std::uint64_t step(const Pattern& p, std::uint64_t states, char32_t c) {
  std::uint64_t next = 0;
  for (std::size_t i = 0; i < p.atom_count; ++i) {
    if (!(states >> i & 1) || !atom_matches(p.atoms[i], c)) continue;
    next |= std::uint64_t{1} << (p.atoms[i].repeat == Repeat::Any ? i : i + 1);
  }
  return closure(p, next);
}

}  // namespace

PatternMismatch match_pattern(const Pattern& p, std::string_view text) {
  // The generator emits at most 63 atoms, so n + 1 states fit in 64 bits.
  std::uint64_t states = closure(p, 1);
  std::size_t index = 0, pos = 0;
  for (; pos < text.size(); ++index) {
    const CodePoint cp = decode_utf8(text, pos);
    if (!cp.valid) return {PatternMismatch::Kind::InvalidUtf8, index, pos};
    states = step(p, states, cp.value);
    if (states == 0) return {PatternMismatch::Kind::Character, index, pos};
    pos += cp.size;
  }
  if (!(states >> p.atom_count & 1)) return {PatternMismatch::Kind::TooShort, index, pos};
  return {};
}

}  // namespace keyflip::query
