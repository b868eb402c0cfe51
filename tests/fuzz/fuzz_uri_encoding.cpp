// URI / percent encoding and decoding, the query splitter and the URL parser.
// Input: any bytes, used whole as the text (and as a URL, a path, a query).
//
// Properties beyond "no crash":
//   percent_decode(uri_encode(x)) == x, with and without keep_slash;
//   uri_encode's output is only unreserved characters and %XY (uppercase);
//   uri_encode is the identity exactly on unreserved text;
//   parse_query -> canonical_query is well encoded and stable when reparsed;
//   normalize_path is idempotent and canonical_uri is well encoded;
//   a URL that parses gives an authority and path that parse again the same.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "sigv4/canonical_request.h"
#include "sigv4/url.h"
#include "util/uri_encoding.h"

using namespace keyflip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  for (bool keep_slash : {false, true}) {
    const std::string encoded = util::uri_encode(text, keep_slash);
    FUZZ_CHECK(keyflip_fuzz::well_encoded(encoded, keep_slash ? "/" : ""), encoded);
    FUZZ_CHECK(util::percent_decode(encoded) == text, encoded);
    bool all_unreserved = true;
    for (unsigned char c : text)
      all_unreserved = all_unreserved && (util::is_unreserved(c) || (keep_slash && c == '/'));
    FUZZ_CHECK((encoded == text) == all_unreserved, encoded);
  }

  // Lenient decoding never grows the text, and decoding text without '%'
  // changes nothing.
  const std::string decoded = util::percent_decode(text);
  FUZZ_CHECK(decoded.size() <= text.size(), decoded);
  if (text.find('%') == std::string_view::npos) FUZZ_CHECK(decoded == text, decoded);

  // The query as SigV4 canonicalizes it: encoding the decoded pairs, sorting,
  // and doing it again on the result changes nothing (a fixed point).
  const std::string query = sigv4::canonical_query(sigv4::parse_query(text));
  FUZZ_CHECK(keyflip_fuzz::well_encoded(query, "&="), query);
  FUZZ_CHECK(sigv4::canonical_query(sigv4::parse_query(query)) == query, query);

  const std::string path = "/" + std::string(text);
  const std::string normalized = sigv4::normalize_path(path);
  FUZZ_CHECK(sigv4::normalize_path(normalized) == normalized, normalized);
  FUZZ_CHECK(!normalized.empty() && normalized.front() == '/', normalized);
  FUZZ_CHECK(normalized.find("//") == std::string::npos, normalized);
  for (bool normalize : {false, true}) {
    const std::string uri = sigv4::canonical_uri(path, normalize);
    FUZZ_CHECK(keyflip_fuzz::well_encoded(uri, "/"), uri);
  }

  std::string why;
  if (const auto url = sigv4::parse_url(text, &why)) {
    FUZZ_CHECK(url->scheme == "http" || url->scheme == "https", url->scheme);
    FUZZ_CHECK(!url->path.empty() && url->path.front() == '/', url->path);
    // What the signer puts back together must parse to the same parts.
    std::string rebuilt = url->origin() + url->path;
    if (url->has_query) rebuilt.append("?").append(url->query);
    std::string why_again;
    const auto again = sigv4::parse_url(rebuilt, &why_again);
    FUZZ_CHECK(again.has_value(), rebuilt + " -> " + why_again);
    FUZZ_CHECK(again->host == url->host && again->port == url->port && again->path == url->path &&
                   again->query == url->query && again->has_query == url->has_query,
               rebuilt);
  } else {
    FUZZ_CHECK(!why.empty(), std::string(text));
  }
  return 0;
}
