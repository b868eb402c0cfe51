#include "sigv4/signer.h"

#include <algorithm>
#include <optional>

#include "crypto/hmac_sha256.h"
#include "crypto/sha256.h"
#include "sigv4/canonical_request.h"
#include "sigv4/signing_key.h"
#include "sigv4/url.h"
#include "util/amz_date.h"
#include "util/ascii.h"
#include "util/hex.h"
#include "util/uri_encoding.h"

namespace keyflip::sigv4 {

namespace {

using util::add_issue;
using util::Issues;

// RFC 9110 token characters: what a method or a header name may contain.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return util::is_alnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

// A header value may hold visible characters, spaces, tabs and obs-folded
// line breaks (CRLF or LF followed by a space or tab); no other controls.
bool is_header_value(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(v[i]);
    if (c == '\r' && i + 1 < v.size() && v[i + 1] == '\n') continue;
    if (c == '\n') {
      if (i + 1 < v.size() && (v[i + 1] == ' ' || v[i + 1] == '\t')) continue;
      return false;
    }
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

// Goes into the credential scope, which is '/'-separated.
bool is_scope_part(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return util::is_scope_char(c); });
}

// Credentials travel in HTTP headers and URLs, which carry bytes, not text:
// anything beyond visible ASCII would be sent differently from how it was
// signed (fetch refuses it or sends Latin-1), so it is refused up front.
bool is_visible_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return util::is_visible_ascii(c); });
}

// The URL quoted back in a message: its first 100 bytes, with control
// characters, '"' and non-ASCII bytes shown %XY-encoded, so the message is
// always printable ASCII and never cut inside a UTF-8 character (found by
// fuzz_sigv4_canonical).
std::string shown_url(std::string_view url) {
  constexpr std::size_t kMaxShown = 100;
  std::string out = "\"";
  for (const unsigned char c : url.substr(0, kMaxShown)) {
    if (c >= 0x20 && c < 0x7f && c != '"')
      out.push_back(static_cast<char>(c));
    else
      util::append_percent_byte(out, c);
  }
  out.push_back('"');
  if (url.size() > kMaxShown) out.append("...");
  return out;
}

const Header* find_header(const std::vector<Header>& headers, std::string_view lowercase_name) {
  for (const auto& h : headers)
    if (to_lower(h.name) == lowercase_name) return &h;
  return nullptr;
}

struct Checked {
  Url url;
  std::string amz_date;  // "20150830T123600Z"
};

std::optional<Checked> check(const Request& request, const Options& options, Issues& issues) {
  Checked checked;
  if (!is_token(request.method))
    add_issue(issues, "method", "token", "must be an HTTP method token such as GET or POST");

  std::string why;
  if (auto url = parse_url(request.url, &why))
    checked.url = *url;
  else
    add_issue(issues, "url", "url", shown_url(request.url) + " " + why);

  for (std::size_t i = 0; i < request.headers.size(); ++i) {
    const auto& h = request.headers[i];
    if (!is_token(h.name))
      add_issue(issues, "headers", "headerName",
                "header #" + std::to_string(i + 1) + " has an invalid name");
    else if (!is_header_value(h.value))
      add_issue(issues, "headers." + h.name, "headerValue",
                "contains control characters or a bare line break");
  }

  const auto& creds = options.credentials;
  if (creds.access_key_id.empty())
    add_issue(issues, "credentials.accessKeyId", "required", "is required and must not be empty");
  else if (!is_visible_ascii(creds.access_key_id) ||
           creds.access_key_id.find('/') != std::string::npos)
    add_issue(issues, "credentials.accessKeyId", "pattern",
              "must be visible ASCII characters other than '/' (no spaces)");
  // Never quote the secret or the token: only say what is wrong with them.
  if (creds.secret_access_key.empty())
    add_issue(issues, "credentials.secretAccessKey", "required",
              "is required and must not be empty");
  else if (!is_visible_ascii(creds.secret_access_key.view()))
    add_issue(issues, "credentials.secretAccessKey", "pattern",
              "must be visible ASCII characters (no spaces)");
  if (!is_visible_ascii(creds.session_token.view()))
    add_issue(issues, "credentials.sessionToken", "pattern",
              "must be visible ASCII characters (no spaces)");

  if (!is_scope_part(options.region))
    add_issue(issues, "region", options.region.empty() ? "required" : "pattern",
              "must be a non-empty region name of letters, digits, '-', '_' or '.'");
  if (!is_scope_part(options.service))
    add_issue(issues, "service", options.service.empty() ? "required" : "pattern",
              "must be a non-empty service name of letters, digits, '-', '_' or '.'");

  if (options.mode == Mode::Query &&
      (options.expires_in < 1 || options.expires_in > kMaxPresignSeconds))
    add_issue(issues, "expiresIn", "range",
              std::to_string(options.expires_in) + " is outside 1..604800 seconds");

  // A request that already carries x-amz-date is signed at that time (as
  // aws4fetch does), so the header and the signature agree.
  const Header* given_date = options.mode == Mode::Header
                                 ? find_header(request.headers, "x-amz-date") : nullptr;
  if (given_date) {
    if (util::parse_amz_date(given_date->value))
      checked.amz_date = given_date->value;
    else
      add_issue(issues, "headers.x-amz-date", "format", "must look like 20150830T123600Z");
  } else if (auto formatted = util::format_amz_date(options.epoch_seconds)) {
    checked.amz_date = *formatted;
  } else {
    add_issue(issues, "date", "range", "must be between the years 0000 and 9999");
  }

  if (!issues.empty()) return std::nullopt;
  return checked;
}

}  // namespace

std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service) {
  std::string scope(date);
  scope.append("/").append(region).append("/").append(service).append("/aws4_request");
  return scope;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  std::string out(kAlgorithm);
  out.append("\n").append(amz_date).append("\n").append(scope).append("\n");
  out.append(crypto::sha256_hex(canonical_request));
  return out;
}

SignResult sign(const Request& request, const Options& options) {
  SignResult result;
  const auto checked = check(request, options, result.issues);
  if (!checked) return result;

  const Url& url = checked->url;
  const std::string& amz_date = checked->amz_date;
  const std::string date = amz_date.substr(0, 8);
  const std::string scope = credential_scope(date, options.region, options.service);
  const Credentials& creds = options.credentials;
  const bool has_token = !creds.session_token.empty();
  const bool sign_token = has_token && !options.omit_session_token;
  const std::string payload_hash = crypto::sha256_hex(request.body);

  // The headers that take part in the signature.
  std::vector<Header> to_sign;
  if (!find_header(request.headers, "host")) to_sign.push_back({"host", url.authority()});
  for (const auto& h : request.headers) {
    const std::string name = to_lower(h.name);
    if (is_unsigned_header(name)) continue;
    if (name == "x-amz-security-token" && !sign_token) continue;
    to_sign.push_back(h);
  }
  // What the signer adds, in the order aws-c-auth adds it.
  std::vector<Header> added;
  if (options.mode == Mode::Header) {
    if (has_token && !find_header(request.headers, "x-amz-security-token"))
      added.push_back({"x-amz-security-token", std::string(creds.session_token.view())});
    if (!find_header(request.headers, "x-amz-date")) added.push_back({"x-amz-date", amz_date});
    if (options.sign_body && !find_header(request.headers, "x-amz-content-sha256"))
      added.push_back({"x-amz-content-sha256", payload_hash});
    for (const auto& h : added)
      if (h.name != "x-amz-security-token" || sign_token) to_sign.push_back(h);
  }
  const CanonicalHeaders headers = canonical_headers(to_sign);

  // Presigning moves the auth parameters into the query string.
  std::vector<QueryParam> query = parse_query(url.query);
  std::vector<QueryParam> auth_params;
  if (options.mode == Mode::Query) {
    auth_params = {{"X-Amz-Algorithm", std::string(kAlgorithm)},
                   {"X-Amz-Credential", creds.access_key_id + "/" + scope},
                   {"X-Amz-Date", amz_date},
                   {"X-Amz-SignedHeaders", headers.signed_headers},
                   {"X-Amz-Expires", std::to_string(options.expires_in)}};
    if (has_token) auth_params.push_back({"X-Amz-Security-Token", std::string(creds.session_token.view())});
    for (const auto& p : auth_params)
      if (p.first != "X-Amz-Security-Token" || sign_token) query.push_back(p);
  }

  SignedRequest& out = result.signed_request;
  out.canonical_request =
      canonical_request(request.method, canonical_uri(url.path, options.normalize_path),
                        canonical_query(query), headers, payload_hash);
  out.string_to_sign = string_to_sign(amz_date, scope, out.canonical_request);
  const crypto::SecretBytes signing_key = signing_key_cache().get(
      creds.access_key_id, creds.secret_access_key, date, options.region, options.service);
  const crypto::SecretBytes mac = crypto::hmac_sha256(signing_key, out.string_to_sign);
  out.signature = util::hex(mac.data(), mac.size());

  out.method = request.method;
  out.body = request.body;
  out.headers = request.headers;
  out.url = url.origin() + url.path;
  std::string query_text = url.query;
  if (options.mode == Mode::Header) {
    out.headers.insert(out.headers.end(), added.begin(), added.end());
    out.headers.push_back({"authorization", std::string(kAlgorithm) + " Credential=" +
                                                creds.access_key_id + "/" + scope +
                                                ", SignedHeaders=" + headers.signed_headers +
                                                ", Signature=" + out.signature});
  } else {
    auth_params.push_back({"X-Amz-Signature", out.signature});
    for (const auto& [name, value] : auth_params) {
      if (!query_text.empty()) query_text.push_back('&');
      query_text.append(name).append("=").append(util::uri_encode(value));
    }
  }
  if (url.has_query || !query_text.empty()) out.url.append("?").append(query_text);
  return result;
}

}  // namespace keyflip::sigv4
