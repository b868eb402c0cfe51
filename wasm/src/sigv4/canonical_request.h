// Task 1 of SigV4: the canonical request, in the spec's own pieces.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sigv4/request.h"

namespace keyflip::sigv4 {

// CanonicalURI: the path, dot segments removed and slashes merged when
// normalizing, then every byte outside the unreserved set and '/' encoded
// once (so an already-encoded path is encoded twice, as AWS expects for every
// service but S3).
std::string canonical_uri(std::string_view raw_path, bool normalize);

// Removes "." and ".." segments and empty segments (RFC 3986 5.2.4 plus
// merging of repeated slashes), keeping a trailing slash.
std::string normalize_path(std::string_view path);

using QueryParam = std::pair<std::string, std::string>;  // decoded name, value

// Splits "a=1&b&c=" into decoded pairs (b has an empty value).
std::vector<QueryParam> parse_query(std::string_view raw_query);

// CanonicalQueryString: each name and value URI-encoded, sorted by name then
// value, joined with '&'.
std::string canonical_query(std::vector<QueryParam> params);

// Lowercase name, values trimmed with inner whitespace runs (including
// obs-folded line breaks) collapsed to one space; repeats joined with ','.
struct CanonicalHeaders {
  std::string canonical;      // "name:value\n" per header, sorted by name
  std::string signed_headers; // "name;name"
};
CanonicalHeaders canonical_headers(const std::vector<Header>& headers);

std::string canonical_header_value(std::string_view value);

// Headers that proxies and browsers add, drop or rewrite: signing them would
// break the signature in transit (the same list as aws-c-auth).
bool is_unsigned_header(std::string_view lowercase_name);

std::string to_lower(std::string_view text);

std::string canonical_request(std::string_view method, std::string_view canonical_uri,
                              std::string_view canonical_query,
                              const CanonicalHeaders& headers, std::string_view payload_hash);

}  // namespace keyflip::sigv4
