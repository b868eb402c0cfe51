// The AWS model patterns IAM uses for these members are one character class
// repeated, "[\w+=,.@-]+". Interpreting that form directly avoids std::regex
// (large in wasm, and it reports errors by throwing) and gives a precise
// message: which character, at which position, is not allowed.
#pragma once
#include <bitset>
#include <optional>
#include <string_view>

namespace keyflip::iam {

// Which ASCII characters the class admits. Non-ASCII never matches: in these
// patterns \w means [A-Za-z0-9_] only, as in JavaScript. Indexed with [],
// never set()/test(): those throw on a bad index and the core never throws.
using AsciiSet = std::bitset<128>;

// Supports "[...]+" whose class holds literal characters, ranges (a-z), \w, \d
// and backslash-escaped punctuation; '-' first or last is literal. nullopt
// for anything else (the shape generator refuses such patterns too).
std::optional<AsciiSet> compile_char_class_pattern(std::string_view pattern);

}  // namespace keyflip::iam
