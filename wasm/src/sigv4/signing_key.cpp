#include "sigv4/signing_key.h"

#include "crypto/hmac_sha256.h"
#include "crypto/sha256.h"
#include "util/hex.h"

namespace keyflip::sigv4 {

crypto::SecretBytes derive_signing_key(const crypto::SecretBytes& secret, std::string_view date,
                                       std::string_view region, std::string_view service) {
  crypto::SecretBytes k_secret("AWS4");
  k_secret.append(secret.view());
  const crypto::SecretBytes k_date = crypto::hmac_sha256(k_secret, date);
  const crypto::SecretBytes k_region = crypto::hmac_sha256(k_date, region);
  const crypto::SecretBytes k_service = crypto::hmac_sha256(k_region, service);
  return crypto::hmac_sha256(k_service, "aws4_request");
}

crypto::SecretBytes SigningKeyCache::get(std::string_view access_key_id,
                                         const crypto::SecretBytes& secret,
                                         std::string_view date, std::string_view region,
                                         std::string_view service) {
  // Length-prefix each part so ("ab","c") and ("a","bc") cannot collide.
  crypto::Sha256 h;
  for (std::string_view part : {secret.view(), access_key_id, date, region, service}) {
    const std::uint64_t n = part.size();
    h.update(&n, sizeof n).update(part);
  }
  const crypto::Digest digest = h.finish();
  const std::string id = util::hex(digest.data(), digest.size());

  ++clock_;
  for (std::size_t i = 0; i < used_; ++i) {
    if (entries_[i].id == id) {
      entries_[i].last_use = clock_;
      return entries_[i].key;
    }
  }
  std::size_t slot = used_;
  if (used_ == kCapacity) {  // evict the least recently used entry
    slot = 0;
    for (std::size_t i = 1; i < kCapacity; ++i)
      if (entries_[i].last_use < entries_[slot].last_use) slot = i;
  } else {
    ++used_;
  }
  ++derivations_;
  entries_[slot] = {id, derive_signing_key(secret, date, region, service), clock_};
  return entries_[slot].key;
}

void SigningKeyCache::clear() {
  for (auto& entry : entries_) entry = Entry{};
  used_ = 0;
}

SigningKeyCache& signing_key_cache() {
  static SigningKeyCache cache;
  return cache;
}

}  // namespace keyflip::sigv4
