// Base64 (RFC 4648, standard alphabet, padded) decoding with OpenSSL's
// EVP_DecodeBlock: how blobs arrive in Query answers (GetCredentialReport's
// Content). Whitespace between groups is tolerated, as XML may wrap it.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace keyflip::crypto {

// The decoded bytes; nullopt when text is not base64 (a bad character, a
// length that is not a multiple of 4 once whitespace is gone, bad padding).
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace keyflip::crypto
