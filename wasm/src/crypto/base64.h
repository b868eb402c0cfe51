// Base64 (RFC 4648, standard alphabet, padded) decoding over OpenSSL's EVP
// encode API: the one base64 in the core, for IAM's blobs (the credential
// report's Content). Line breaks and other whitespace are skipped, as
// OpenSSL's PEM decoder does; anything else outside the alphabet fails.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace keyflip::crypto {

// The decoded bytes, or nullopt when the text is not base64 (a character
// outside the alphabet, bad padding, data after the padding) or would decode
// to more than max_bytes (checked before decoding, so a huge input costs
// nothing).
std::optional<std::string> base64_decode(std::string_view text, std::size_t max_bytes);

}  // namespace keyflip::crypto
