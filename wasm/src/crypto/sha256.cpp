#define OPENSSL_SUPPRESS_DEPRECATED  // SHA256_Init & co. are deprecated, still present, and small
#include "crypto/sha256.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "util/hex.h"

namespace keyflip::crypto {

static_assert(sizeof(SHA256_CTX) <= 128, "Sha256::state_ too small for SHA256_CTX");

static SHA256_CTX* ctx(unsigned char* state) { return reinterpret_cast<SHA256_CTX*>(state); }

Sha256::Sha256() { SHA256_Init(ctx(state_)); }

Sha256::~Sha256() { OPENSSL_cleanse(state_, sizeof state_); }

Sha256& Sha256::update(const void* data, std::size_t size) {
  SHA256_Update(ctx(state_), data, size);
  return *this;
}

Digest Sha256::finish() {
  Digest out{};
  SHA256_Final(out.data(), ctx(state_));
  SHA256_Init(ctx(state_));  // ready for reuse, and the old state is gone
  return out;
}

Digest sha256(std::string_view data) { return Sha256().update(data).finish(); }

std::string sha256_hex(std::string_view data) {
  const Digest d = sha256(data);
  return util::hex(d.data(), d.size());
}

}  // namespace keyflip::crypto
