#include "crypto/base64.h"

#include <openssl/evp.h>

namespace keyflip::crypto {

std::optional<std::string> decode_base64(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') compact.push_back(c);
  if (compact.size() % 4 != 0) return std::nullopt;
  if (compact.empty()) return std::string();
  // EVP_DecodeBlock rejects bad characters but not misplaced '=': check them here.
  const std::size_t first_pad = compact.find('=');
  if (first_pad != std::string::npos &&
      (first_pad < compact.size() - 2 || compact.find_first_not_of('=', first_pad) != std::string::npos))
    return std::nullopt;
  std::string out(compact.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(compact.data()),
                                static_cast<int>(compact.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding's zero bytes too.
  const std::size_t padding = compact.size() - (first_pad == std::string::npos ? compact.size() : first_pad);
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

}  // namespace keyflip::crypto
