// HMAC-SHA256 (RFC 2104) over the low-level SHA-256; see sha256.h for why
// OpenSSL's HMAC() is not used. Checked with RFC 4231's test vectors.
#pragma once
#include <string_view>

#include "crypto/secret.h"
#include "crypto/sha256.h"

namespace keyflip::crypto {

// The key is secret material; the result is returned in a wiping buffer too
// because SigV4 chains it as the next key.
SecretBytes hmac_sha256(const SecretBytes& key, std::string_view message);

}  // namespace keyflip::crypto
