#include "query/pattern_match.h"

#include <cstdint>

#include "query/utf8.h"

namespace keyflip::query {

namespace {

bool state_matches(const PatternState& state, char32_t c) {
  for (std::size_t i = 0; i < state.range_count; ++i)
    if (c >= state.ranges[i].first && c <= state.ranges[i].last) return true;
  return false;
}

// The states entered by `c` among those that may come next.
std::uint64_t step(const Pattern& p, std::uint64_t candidates, char32_t c) {
  std::uint64_t entered = 0;
  for (std::size_t i = 0; i < p.state_count; ++i)
    if ((candidates >> i & 1) && state_matches(p.states[i], c)) entered |= std::uint64_t{1} << i;
  return entered;
}

// The states that may match the character after any of `states`.
std::uint64_t successors(const Pattern& p, std::uint64_t states) {
  std::uint64_t next = 0;
  for (std::size_t i = 0; i < p.state_count; ++i)
    if (states >> i & 1) next |= p.states[i].next;
  return next;
}

}  // namespace

PatternMismatch match_pattern(const Pattern& p, std::string_view text) {
  // The generator emits at most 64 states, so a set of them fits in 64 bits.
  std::uint64_t candidates = p.start;
  std::uint64_t states = 0;  // where the value's prefix can be; none before the first character
  std::size_t index = 0, pos = 0;
  for (; pos < text.size(); ++index) {
    const CodePoint cp = decode_utf8(text, pos);
    if (!cp.valid) return {PatternMismatch::Kind::InvalidUtf8, index, pos};
    states = step(p, candidates, cp.value);
    if (states == 0) return {PatternMismatch::Kind::Character, index, pos};
    candidates = successors(p, states);
    pos += cp.size;
  }
  const bool accepted = index == 0 ? p.accepts_empty : (states & p.accepting) != 0;
  if (!accepted) return {PatternMismatch::Kind::TooShort, index, pos};
  return {};
}

}  // namespace keyflip::query
