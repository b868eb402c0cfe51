#include "sigv4/url.h"

#include <cctype>

#include "util/ascii.h"

namespace keyflip::sigv4 {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool fail(std::string* error, const char* why) {
  if (error) *error = why;
  return false;
}

bool valid_host(std::string_view host, std::string* error) {
  if (host.empty()) return fail(error, "has no host");
  if (host.front() == '[') {
    if (host.back() != ']' || host.size() < 3) return fail(error, "has a malformed IPv6 host");
    for (char c : host.substr(1, host.size() - 2))
      if (!util::is_hex_digit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
        return fail(error, "has a malformed IPv6 host");
    return true;
  }
  for (unsigned char c : host)
    if (!(util::is_alnum(c) || c == '-' || c == '.' || c == '_'))
      return fail(error, "has a host with characters outside letters, digits, '-', '.' and '_'");
  return true;
}
}  // namespace

std::optional<Url> parse_url(std::string_view text, std::string* error) {
  Url url;
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    fail(error, "is not an absolute URL (expected http:// or https://)");
    return std::nullopt;
  }
  url.scheme = lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    fail(error, "must use http or https");
    return std::nullopt;
  }
  std::string_view rest = text.substr(scheme_end + 3);
  for (unsigned char c : text)
    if (c <= 0x20 && c != ' ') {
      fail(error, "contains control characters");
      return std::nullopt;
    }
  if (rest.find('#') != std::string_view::npos) {
    fail(error, "has a fragment ('#'), which cannot be signed");
    return std::nullopt;
  }
  const auto authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    fail(error, "has user information ('@'), which must not be sent");
    return std::nullopt;
  }
  if (authority.find(' ') != std::string_view::npos) {
    fail(error, "has a space in its host");
    return std::nullopt;
  }

  std::string_view host = authority, port;
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) {
      fail(error, "has an invalid port");
      return std::nullopt;
    }
    long value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') {
        fail(error, "has an invalid port");
        return std::nullopt;
      }
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) {
      fail(error, "has a port outside 1-65535");
      return std::nullopt;
    }
    port = port.substr(port.find_first_not_of('0'));
  }
  if (!valid_host(host, error)) return std::nullopt;
  url.host = lower(host);
  url.port = std::string(port);
  if ((url.scheme == "http" && url.port == "80") || (url.scheme == "https" && url.port == "443"))
    url.port.clear();

  const auto q = tail.find('?');
  url.path = std::string(tail.substr(0, q));
  if (url.path.empty()) url.path = "/";
  if (q != std::string_view::npos) {
    url.has_query = true;
    url.query = std::string(tail.substr(q + 1));
  }
  return url;
}

}  // namespace keyflip::sigv4
