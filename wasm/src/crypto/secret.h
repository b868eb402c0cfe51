// Buffers that hold secret material (a secret access key, a derived signing
// key) and wipe themselves with OPENSSL_cleanse when they go away, so the
// bytes do not linger in (wasm) memory after use.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace keyflip::crypto {

void wipe(void* data, std::size_t size);

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(std::string_view text) : bytes_(text.begin(), text.end()) {}
  SecretBytes(const std::uint8_t* data, std::size_t size) : bytes_(data, data + size) {}
  SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
  SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) {}
  SecretBytes& operator=(SecretBytes other) noexcept {
    clear();
    bytes_.swap(other.bytes_);
    return *this;
  }
  ~SecretBytes() { clear(); }

  void clear() {
    wipe(bytes_.data(), bytes_.capacity());
    bytes_.clear();
  }
  // Appends without reallocating behind our back: a reallocation would leave
  // an unwiped copy in freed memory, so we grow into a fresh buffer ourselves.
  void append(std::string_view text);

  const std::uint8_t* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }
  bool operator==(const SecretBytes& o) const { return bytes_ == o.bytes_; }
  bool operator!=(const SecretBytes& o) const { return !(*this == o); }

 private:
  std::vector<std::uint8_t> bytes_;
};

}  // namespace keyflip::crypto
