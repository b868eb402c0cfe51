// The model-pattern subset: what the generator's compiler accepts and
// refuses (so an unsupported pattern fails the build, not a request), and the
// runtime matcher against std::regex on the patterns IAM uses and more.
#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "query/pattern_match.h"
#include "pattern.h"

namespace keyflip::query {
namespace {

// A runtime Pattern backed by a CompiledPattern (as the generated tables are).
struct Runtime {
  codegen::CompiledPattern compiled;
  std::vector<std::vector<CodeRange>> ranges;
  std::vector<PatternAtom> atoms;
  Pattern pattern{};

  explicit Runtime(const std::string& source) {
    std::string why;
    EXPECT_TRUE(codegen::compile_pattern(source, compiled, why)) << source << ": " << why;
    for (const auto& atom : compiled.atoms) {
      ranges.emplace_back();
      for (const auto& [first, last] : atom.ranges) ranges.back().push_back({first, last});
    }
    for (std::size_t i = 0; i < compiled.atoms.size(); ++i)
      atoms.push_back({ranges[i].data(), ranges[i].size(),
                       compiled.atoms[i].any ? Repeat::Any : Repeat::One});
    pattern = {"", compiled.allowed, atoms.data(), atoms.size()};
  }
  bool matches(std::string_view value) const {
    return match_pattern(pattern, value).kind == PatternMismatch::Kind::None;
  }
};

TEST(ModelPattern, WordsSayWhatIsAllowed) {
  EXPECT_EQ(Runtime("[\\w+=,.@-]+").compiled.allowed, "ASCII letters, digits and _+=,.@-");
  EXPECT_EQ(Runtime("[\\w]+").compiled.allowed, "ASCII letters, digits and _");
  EXPECT_EQ(Runtime("[\\u0020-\\u00FF]+").compiled.allowed, "characters U+0020 to U+00FF");
  EXPECT_EQ(Runtime("\\u002F[\\u0021-\\u007F]*").compiled.allowed,
            "'/' then any number of characters U+0021 to U+007F");
  EXPECT_EQ(Runtime("[a-z\\d]+").compiled.allowed, "digits, a-z");
  EXPECT_EQ(Runtime("x[-.]+").compiled.allowed, "'x' then one or more of any of -.");
}

TEST(ModelPattern, RefusesWhatItDoesNotInterpret) {
  for (const char* bad : {"", "[]+", "[^a]+", "(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)",
                          "[\\p{L}\\p{Z}]+", "a?", "a{2}", "a++", "[z-a]+", "[a\\]+", "[é]+",
                          "\\s+", "a.b", "[a", "\\uD800", "\\u12", "^a$"}) {
    codegen::CompiledPattern out;
    std::string why;
    EXPECT_FALSE(codegen::compile_pattern(bad, out, why)) << bad;
    if (*bad) EXPECT_FALSE(why.empty()) << bad;
  }
}

TEST(ModelPattern, MatcherReportsTheFirstOffender) {
  const Runtime path("\\u002F[\\u0021-\\u007F]*");
  EXPECT_TRUE(path.matches("/"));
  EXPECT_TRUE(path.matches("/division_abc/subdivision_xyz/"));
  auto m = match_pattern(path.pattern, "/a b");
  EXPECT_EQ(m.kind, PatternMismatch::Kind::Character);
  EXPECT_EQ(m.index, 2u);
  m = match_pattern(path.pattern, "");
  EXPECT_EQ(m.kind, PatternMismatch::Kind::TooShort);
  m = match_pattern(path.pattern, "a/");
  EXPECT_EQ(m.kind, PatternMismatch::Kind::Character);
  EXPECT_EQ(m.index, 0u);

  const Runtime marker("[\\u0020-\\u00FF]+");
  EXPECT_TRUE(marker.matches("caf\xC3\xA9 ~ \xC3\xBF"));  // U+00E9, U+00FF
  m = match_pattern(marker.pattern, "ab\xC4\x80");        // U+0100
  EXPECT_EQ(m.kind, PatternMismatch::Kind::Character);
  EXPECT_EQ(m.index, 2u);
  EXPECT_EQ(m.byte_offset, 2u);
  m = match_pattern(marker.pattern, "\xC3\xA9\xFF");
  EXPECT_EQ(m.kind, PatternMismatch::Kind::InvalidUtf8);
  EXPECT_EQ(m.index, 1u);
  EXPECT_EQ(m.byte_offset, 2u);
}

// The NFA against std::regex (ECMAScript, fully anchored) on random ASCII.
TEST(ModelPattern, AgreesWithStdRegex) {
  const char* patterns[] = {"[\\w+=,.@-]+", "[\\w]+", "\\u002F[\\u0021-\\u007F]*",
                            "[\\u0020-\\u007E]+", "a[ab]*b", "[ab]*a[ab]", "x+y*z", "[0-9]*[a-c]+"};
  std::mt19937 rng(20150830);
  const std::string alphabet = "ab xyz/09_+=,.@-~!\tAZ";
  for (const char* source : patterns) {
    SCOPED_TRACE(source);
    const Runtime ours(source);
    std::string ecma = source;
    for (auto pos = ecma.find("\\u00"); pos != std::string::npos; pos = ecma.find("\\u00"))
      ecma.replace(pos, 2, "\\x"), ecma.erase(pos + 2, 2);
    const std::regex reference(ecma, std::regex::ECMAScript);
    for (int i = 0; i < 3000; ++i) {
      std::string value(rng() % 7, ' ');
      for (char& c : value) c = alphabet[rng() % alphabet.size()];
      EXPECT_EQ(ours.matches(value), std::regex_match(value, reference)) << '"' << value << '"';
    }
  }
}

}  // namespace
}  // namespace keyflip::query
