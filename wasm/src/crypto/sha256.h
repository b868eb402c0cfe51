// SHA-256 over OpenSSL's low-level API.
//
// Why the low-level calls: in OpenSSL 3.0 the one-shot SHA256()/EVP_* go
// through the provider machinery and pull most of libcrypto into the wasm
// (about 1.4 MB); SHA256_Init/Update/Final cost about 12 KB.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace keyflip::crypto {

using Digest = std::array<std::uint8_t, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();  // wipes the internal state
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& update(const void* data, std::size_t size);
  Sha256& update(std::string_view data) { return update(data.data(), data.size()); }
  Digest finish();

 private:
  alignas(8) unsigned char state_[128];  // holds an OpenSSL SHA256_CTX (112 bytes)
};

Digest sha256(std::string_view data);
std::string sha256_hex(std::string_view data);

}  // namespace keyflip::crypto
