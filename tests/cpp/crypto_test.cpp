// SHA-256 known answers and RFC 4231's HMAC-SHA256 test vectors.
#include <gtest/gtest.h>

#include "crypto/hmac_sha256.h"
#include "crypto/sha256.h"
#include "util/hex.h"

namespace keyflip::crypto {
namespace {

std::string bytes(std::size_t n, char c) { return std::string(n, c); }

TEST(Sha256, KnownAnswers) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(bytes(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShot) {
  Sha256 h;
  for (int i = 0; i < 1000; ++i) h.update(bytes(1000, 'a'));
  const Digest d = h.finish();
  EXPECT_EQ(util::hex(d.data(), d.size()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  const Digest again = h.update("abc").finish();  // finish() leaves it ready for reuse
  EXPECT_EQ(util::hex(again.data(), again.size()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

struct Rfc4231Case {
  const char* name;
  std::string key, data, expected_hex;  // expected may be truncated (case 5)
};

std::string hex_range(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s.push_back(static_cast<char>(i));
  return s;
}

TEST(HmacSha256, Rfc4231) {
  const Rfc4231Case cases[] = {
      {"1", bytes(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"2", "Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"3", bytes(20, '\xaa'), bytes(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"4", hex_range(1, 25), bytes(50, '\xcd'),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {"5 (truncated to 128 bits)", bytes(20, '\x0c'), "Test With Truncation",
       "a3b6167473100ee06e0c796c2955552b"},
      {"6", bytes(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"7", bytes(131, '\xaa'),
       "This is a test using a larger than block-size key and a larger than block-size data. "
       "The key needs to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
  for (const auto& c : cases) {
    const SecretBytes mac = hmac_sha256(SecretBytes(c.key), c.data);
    EXPECT_EQ(util::hex(mac.data(), mac.size()).substr(0, c.expected_hex.size()), c.expected_hex)
        << "RFC 4231 test case " << c.name;
  }
}

TEST(SecretBytes, ClearEmptiesAndAppendKeepsContent) {
  SecretBytes s("AWS4");
  s.append(std::string(100, 'k'));
  EXPECT_EQ(s.size(), 104u);
  EXPECT_EQ(s.view().substr(0, 5), "AWS4k");
  s.clear();
  EXPECT_TRUE(s.empty());
}

}  // namespace
}  // namespace keyflip::crypto
