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
  std::vector<PatternState> states;
  Pattern pattern{};

  explicit Runtime(const std::string& source) {
    std::string why;
    EXPECT_TRUE(codegen::compile_pattern(source, compiled, why)) << source << ": " << why;
    for (const auto& state : compiled.states) {
      ranges.emplace_back();
      for (const auto& [first, last] : state.ranges) ranges.back().push_back({first, last});
    }
    for (std::size_t i = 0; i < compiled.states.size(); ++i)
      states.push_back({ranges[i].data(), ranges[i].size(), compiled.states[i].next});
    pattern = {"",           compiled.allowed,   states.data(),          states.size(),
               compiled.start, compiled.accepting, compiled.accepts_empty};
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
  EXPECT_EQ(Runtime("[A-Za-z0-9]+").compiled.allowed, "ASCII letters and digits");
  // IAM's policyPathType: a group in words, its outer group only a wrapper.
  EXPECT_EQ(Runtime("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/").compiled.allowed,
            "any number of ('/' then one or more of ASCII letters, digits and .,+@=_-) then '/'");
  EXPECT_EQ(Runtime("(ab)+").compiled.allowed, "one or more of ('a' then 'b')");
  EXPECT_EQ(Runtime("(a+)*").compiled.allowed, "'a'");  // one atom, as "a*" reads
  EXPECT_EQ(Runtime("x((y)*z)*").compiled.allowed,
            "'x' then any number of (any number of 'y' then 'z')");
}

TEST(ModelPattern, RefusesWhatItDoesNotInterpret) {
  const std::string too_many(codegen::kMaxPatternStates + 1, 'a');
  for (const char* bad : {"", "[]+", "[^a]+", "(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)",
                          "[\\p{L}\\p{Z}]+", "a?", "a{2}", "a++", "[z-a]+", "[a\\]+", "[é]+",
                          "\\s+", "a.b", "[a", "\\uD800", "\\u12", "^a$", "()", "(a", "a)",
                          "((a)", "(a|b)", "a|b", "(?:a)", "(a)?", "(a){2}", "(a)**", "(a)+*",
                          "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?", too_many.c_str()}) {
    codegen::CompiledPattern out;
    std::string why;
    EXPECT_FALSE(codegen::compile_pattern(bad, out, why)) << bad;
    if (*bad) {
      EXPECT_FALSE(why.empty()) << bad;
    }
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

TEST(ModelPattern, GroupsMatchAsAWhole) {
  const Runtime path("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");  // IAM's policyPathType
  for (const char* good : {"/", "/a/", "/a/b/", "/division_abc/sub.div,+@=-9/", "/A/b/C/"})
    EXPECT_TRUE(path.matches(good)) << good;
  const struct {
    const char* value;
    PatternMismatch::Kind kind;
    std::size_t index;
  } bad[] = {
      {"a/", PatternMismatch::Kind::Character, 0},   // must start with '/'
      {"//", PatternMismatch::Kind::Character, 1},   // a '/' needs a name before the next
      {"/a", PatternMismatch::Kind::TooShort, 2},    // must end with '/'
      {"/a b/", PatternMismatch::Kind::Character, 2},
      {"/a//", PatternMismatch::Kind::Character, 3},
      {"/a/\xC3\xA9/", PatternMismatch::Kind::Character, 3},  // U+00E9
      {"", PatternMismatch::Kind::TooShort, 0},
  };
  for (const auto& b : bad) {
    const PatternMismatch m = match_pattern(path.pattern, b.value);
    EXPECT_EQ(m.kind, b.kind) << b.value;
    EXPECT_EQ(m.index, b.index) << b.value;
  }

  // A pattern of 64 atoms uses the last state bit.
  const Runtime longest(std::string(codegen::kMaxPatternStates - 1, 'a') + "b");
  EXPECT_TRUE(longest.matches(std::string(codegen::kMaxPatternStates - 1, 'a') + "b"));
  EXPECT_FALSE(longest.matches(std::string(codegen::kMaxPatternStates, 'a')));
  EXPECT_FALSE(longest.matches(std::string(codegen::kMaxPatternStates - 1, 'a')));

  const Runtime empty_ok("(ab)*");
  EXPECT_TRUE(empty_ok.matches(""));
  EXPECT_TRUE(empty_ok.matches("abab"));
  EXPECT_EQ(match_pattern(empty_ok.pattern, "aba").kind, PatternMismatch::Kind::TooShort);
}

// Inputs that make a backtracking matcher take exponential time finish (the
// set of states is stepped once per character).
TEST(ModelPattern, LongHostileInputsComplete) {
  const Runtime path("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
  std::string value = "/";
  while (value.size() < 100000) value += "a/";
  EXPECT_TRUE(path.matches(value));
  value.back() = 'a';  // "/a/a/.../aa": no final '/'
  auto m = match_pattern(path.pattern, value);
  EXPECT_EQ(m.kind, PatternMismatch::Kind::TooShort);
  EXPECT_EQ(m.index, value.size());

  const Runtime nested("(a+a+)+(b+a*)*c");
  value.assign(100000, 'a');
  value += '!';
  m = match_pattern(nested.pattern, value);
  EXPECT_EQ(m.kind, PatternMismatch::Kind::Character);
  EXPECT_EQ(m.index, 100000u);
}

// The NFA against std::regex (ECMAScript, fully anchored) on random ASCII.
TEST(ModelPattern, AgreesWithStdRegex) {
  const char* patterns[] = {"[\\w+=,.@-]+", "[\\w]+", "\\u002F[\\u0021-\\u007F]*",
                            "[\\u0020-\\u007E]+", "a[ab]*b", "[ab]*a[ab]", "x+y*z", "[0-9]*[a-c]+",
                            "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/", "(ab)*", "(a[ab]*b)+x*", "((a+)b)*a",
                            "(x(y(z)*)+)*", "(a*)*b", "a(b+a)*[xy]*"};
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
