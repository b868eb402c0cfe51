#include "crypto/secret.h"

#include <openssl/crypto.h>

namespace keyflip::crypto {

void wipe(void* data, std::size_t size) {
  if (data != nullptr && size != 0) OPENSSL_cleanse(data, size);
}

void SecretBytes::append(std::string_view text) {
  if (bytes_.size() + text.size() > bytes_.capacity()) {
    std::vector<std::uint8_t> grown;
    grown.reserve((bytes_.size() + text.size()) * 2);
    grown.assign(bytes_.begin(), bytes_.end());
    clear();
    bytes_.swap(grown);
  }
  bytes_.insert(bytes_.end(), text.begin(), text.end());
}

}  // namespace keyflip::crypto
