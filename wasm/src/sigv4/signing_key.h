// Task 3 of SigV4: the signing key,
//   kDate = HMAC("AWS4" + secret, date); kRegion = HMAC(kDate, region);
//   kService = HMAC(kRegion, service); kSigning = HMAC(kService, "aws4_request")
// kept in a small bounded cache because it only changes once a day per
// region and service. The cache never holds the secret: an entry is found by
// a SHA-256 of the secret, the access key id and the scope.
#pragma once
#include <string>
#include <string_view>

#include "crypto/secret.h"

namespace keyflip::sigv4 {

crypto::SecretBytes derive_signing_key(const crypto::SecretBytes& secret_access_key,
                                       std::string_view date, std::string_view region,
                                       std::string_view service);

class SigningKeyCache {
 public:
  static constexpr std::size_t kCapacity = 8;

  // Returns the cached key for this scope, deriving (and caching) it if needed.
  crypto::SecretBytes get(std::string_view access_key_id,
                          const crypto::SecretBytes& secret_access_key, std::string_view date,
                          std::string_view region, std::string_view service);
  void clear();
  std::size_t size() const { return used_; }
  std::size_t derivations() const { return derivations_; }  // for tests and benchmarks

 private:
  struct Entry {
    std::string id;  // hex SHA-256 of (secret, access key id, scope)
    crypto::SecretBytes key;
    unsigned long last_use = 0;
  };
  Entry entries_[kCapacity];
  std::size_t used_ = 0;
  unsigned long clock_ = 0;
  std::size_t derivations_ = 0;
};

// The process-wide cache used by sign(); clear it to forget every derived key.
SigningKeyCache& signing_key_cache();

}  // namespace keyflip::sigv4
