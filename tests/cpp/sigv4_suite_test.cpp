// Every case of the official SigV4 test suite (aws-c-auth), signed both ways:
// Authorization header and presigned query. Canonical request, string to sign,
// signature and the signed request must match byte for byte.
#include <gtest/gtest.h>

#include "sigv4/signer.h"
#include "suite_case.h"

namespace keyflip {
namespace {

using testing::load_suite_case;
using testing::lowercase_header_names;
using testing::render_request;

TEST(SigV4Suite, IsPresentAndComplete) {
  const auto names = testing::suite_case_names();
  ASSERT_EQ(names.size(), 38u) << "expected the 38 cases in " << testing::suite_dir();
}

class SuiteCaseTest : public ::testing::TestWithParam<std::string> {};

void check(const std::string& name, sigv4::Mode mode, const std::string& prefix) {
  auto c = load_suite_case(name);
  c.options.mode = mode;
  const auto result = sigv4::sign(c.request, c.options);
  ASSERT_TRUE(result.ok()) << result.issues.front().message;
  const auto& s = result.signed_request;
  EXPECT_EQ(s.canonical_request, c.expected(prefix + "-canonical-request.txt"));
  EXPECT_EQ(s.string_to_sign, c.expected(prefix + "-string-to-sign.txt"));
  EXPECT_EQ(s.signature, c.expected(prefix + "-signature.txt"));
  EXPECT_EQ(lowercase_header_names(render_request(s)),
            lowercase_header_names(c.expected(prefix + "-signed-request.txt")));
}

TEST_P(SuiteCaseTest, Header) { check(GetParam(), sigv4::Mode::Header, "header"); }
TEST_P(SuiteCaseTest, Query) { check(GetParam(), sigv4::Mode::Query, "query"); }

INSTANTIATE_TEST_SUITE_P(Aws, SuiteCaseTest, ::testing::ValuesIn(testing::suite_case_names()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& ch : n)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace keyflip
