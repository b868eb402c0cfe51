// Percent-encoding per RFC 3986 as SigV4 and the AWS Query protocol use it:
// everything but the unreserved characters A-Z a-z 0-9 - _ . ~ is encoded as
// %XY with uppercase hex, byte by byte over UTF-8.
#pragma once
#include <string>
#include <string_view>

namespace keyflip::util {

bool is_unreserved(unsigned char c);

// keep_slash: leave '/' as is (URI paths).
std::string uri_encode(std::string_view text, bool keep_slash = false);

// Decodes %XY sequences; a '%' not followed by two hex digits is kept as is
// (lenient, as browsers are). '+' stays '+': in SigV4 it is not a space.
std::string percent_decode(std::string_view text);

}  // namespace keyflip::util
