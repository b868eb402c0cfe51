// The parts of an absolute http(s) URL that SigV4 needs. The path and query
// are kept exactly as written: SigV4 canonicalizes them itself, and the
// signed URL must carry them unchanged.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace keyflip::sigv4 {

struct Url {
  std::string scheme;  // "http" or "https", lowercase
  std::string host;    // lowercase; IPv6 literals keep their brackets
  std::string port;    // "" when absent or the scheme's default
  std::string path;    // raw, starts with '/'
  std::string query;   // raw, without '?'; may be empty
  bool has_query = false;

  // The Host header value: host, plus ":port" for a non-default port.
  std::string authority() const { return port.empty() ? host : host + ":" + port; }
  std::string origin() const { return scheme + "://" + authority(); }
};

// nullopt with a reason in *error when the text is not an absolute http(s)
// URL with a host (userinfo and fragments are refused: they have no place in a
// signed AWS request).
std::optional<Url> parse_url(std::string_view text, std::string* error);

}  // namespace keyflip::sigv4
