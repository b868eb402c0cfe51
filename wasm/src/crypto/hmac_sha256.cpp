#include "crypto/hmac_sha256.h"

#include <array>

namespace keyflip::crypto {

namespace {
constexpr std::size_t kBlockSize = 64;  // SHA-256 block size, B in RFC 2104
}

SecretBytes hmac_sha256(const SecretBytes& key, std::string_view message) {
  // K0: keys longer than the block are hashed first, then zero-padded to B.
  std::array<std::uint8_t, kBlockSize> k0{};
  if (key.size() > kBlockSize) {
    Digest hashed = Sha256().update(key.data(), key.size()).finish();
    std::copy(hashed.begin(), hashed.end(), k0.begin());
    wipe(hashed.data(), hashed.size());
  } else {
    std::copy(key.data(), key.data() + key.size(), k0.begin());
  }

  std::array<std::uint8_t, kBlockSize> pad{};
  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = k0[i] ^ 0x36;  // ipad
  Digest inner = Sha256().update(pad.data(), pad.size()).update(message).finish();

  for (std::size_t i = 0; i < kBlockSize; ++i) pad[i] = k0[i] ^ 0x5c;  // opad
  Digest outer = Sha256().update(pad.data(), pad.size()).update(inner.data(), inner.size()).finish();

  SecretBytes result(outer.data(), outer.size());
  wipe(k0.data(), k0.size());
  wipe(pad.data(), pad.size());
  wipe(inner.data(), inner.size());
  wipe(outer.data(), outer.size());
  return result;
}

}  // namespace keyflip::crypto
