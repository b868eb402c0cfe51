#include "crypto/base64.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace keyflip::crypto {

namespace {
struct CtxFree {
  void operator()(EVP_ENCODE_CTX* ctx) const { EVP_ENCODE_CTX_free(ctx); }
};
// EVP_DecodeUpdate takes an int length; feed it in slices well below that.
constexpr std::size_t kSlice = 1 << 20;
}  // namespace

std::optional<std::string> base64_decode(std::string_view text, std::size_t max_bytes) {
  // Every 4 characters give at most 3 bytes (whitespace only lowers that), so
  // this bound is safe to check before any work.
  const std::size_t upper = text.size() / 4 * 3 + 3;
  if (upper - 3 > max_bytes) return std::nullopt;
  std::unique_ptr<EVP_ENCODE_CTX, CtxFree> ctx(EVP_ENCODE_CTX_new());
  if (!ctx) return std::nullopt;
  EVP_DecodeInit(ctx.get());

  std::string out(upper + 80, '\0');  // EVP_DecodeUpdate may hold back up to 64 characters
  std::size_t written = 0;
  for (std::size_t at = 0; at < text.size(); at += kSlice) {
    const std::size_t n = std::min(kSlice, text.size() - at);
    int produced = 0;
    // -1: a character outside the alphabet, or data after the padding.
    if (EVP_DecodeUpdate(ctx.get(), reinterpret_cast<unsigned char*>(&out[written]), &produced,
                         reinterpret_cast<const unsigned char*>(text.data() + at),
                         static_cast<int>(n)) < 0)
      return std::nullopt;
    written += static_cast<std::size_t>(produced);
  }
  int produced = 0;
  if (EVP_DecodeFinal(ctx.get(), reinterpret_cast<unsigned char*>(&out[written]), &produced) < 0)
    return std::nullopt;
  written += static_cast<std::size_t>(produced);
  if (written > max_bytes) return std::nullopt;
  out.resize(written);
  return out;
}

}  // namespace keyflip::crypto
