// SigV4 of arbitrary requests: URL parsing, canonical URI/query/headers,
// string to sign and signature, in header and query (presign) mode.
//
// Input, one field per line (a readable HTTP-like text; every byte is allowed
// in the values, so the fuzzer still reaches control characters):
//   <region> <service> <epoch seconds> <flags> <expires> [<access key id>]
//   <METHOD> <URL>
//   <name>:<value>          one per header; a line starting with a space or a
//    continued value         tab continues the previous value (obs-fold, "\n "
//   <empty line>             is kept inside the value, as a caller could send it)
//   <body, to the end>
// flags: any of n (normalizePath off), b (signBody), o (omitSessionToken),
// q (presign), t (with a session token); '-' for none. Missing fields take
// defaults, so mutated inputs still get deep.
//
// Properties beyond "no crash":
//   signing twice gives the same result (the second time from the key cache,
//   and a third time after clearing it);
//   a signed request's canonical request never holds a raw CR or LF inside a
//   header value: it has exactly 5 + (signed header count) line breaks;
//   the canonical URI and query are well encoded, the signature is 64 hex;
//   the signed URL parses again to the same origin;
//   a refused request names at least one field and signs nothing, and its
//   messages are printable ASCII (input quoted back is escaped).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "sigv4/signer.h"
#include "sigv4/signing_key.h"
#include "sigv4/url.h"
#include "util/amz_date.h"

using namespace keyflip;
using keyflip_fuzz::split;

namespace {

std::int64_t to_int64(std::string_view s, std::int64_t fallback) {
  if (s.empty() || s.size() > 19) return fallback;
  bool negative = s.front() == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty() || s.size() > 18) return fallback;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return fallback;
    v = v * 10 + (c - '0');  // at most 18 digits after a sign: no overflow
  }
  return negative ? -v : v;
}

std::size_t count(std::string_view s, char c) {
  std::size_t n = 0;
  for (char x : s) n += x == c;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto lines = split(text, '\n');

  // Line 1: options.
  const auto opt = split(lines[0], ' ');
  const auto field = [&](std::size_t i) { return i < opt.size() ? opt[i] : std::string_view(); };
  sigv4::Options options;
  options.region = opt.size() > 0 ? std::string(field(0)) : "us-east-1";
  options.service = opt.size() > 1 ? std::string(field(1)) : "service";
  // Any int64 the core may be handed, including the extremes.
  options.epoch_seconds = to_int64(field(2), 1440938160);
  if (field(2) == "min") options.epoch_seconds = INT64_MIN;
  if (field(2) == "max") options.epoch_seconds = INT64_MAX;
  const std::string_view flags = field(3);
  options.normalize_path = flags.find('n') == std::string_view::npos;
  options.sign_body = flags.find('b') != std::string_view::npos;
  options.omit_session_token = flags.find('o') != std::string_view::npos;
  options.mode = flags.find('q') != std::string_view::npos ? sigv4::Mode::Query : sigv4::Mode::Header;
  options.expires_in = to_int64(field(4), 3600);
  options.credentials.access_key_id = opt.size() > 5 ? std::string(field(5)) : "AKIDEXAMPLE";
  options.credentials.secret_access_key =
      crypto::SecretBytes(std::string_view("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
  if (flags.find('t') != std::string_view::npos)
    options.credentials.session_token =
        crypto::SecretBytes(std::string_view("FQoGZXIvYXdzEXAMPLETOKEN/abc+def=="));

  // Line 2: method and URL; then headers; then the body.
  sigv4::Request request;
  std::size_t line = 1;
  if (line < lines.size()) {
    const std::string_view first = lines[line++];
    const auto space = first.find(' ');
    request.method = std::string(first.substr(0, space));
    request.url = space == std::string_view::npos ? "" : std::string(first.substr(space + 1));
  }
  for (; line < lines.size() && !lines[line].empty(); ++line) {
    const std::string_view h = lines[line];
    if ((h.front() == ' ' || h.front() == '\t') && !request.headers.empty()) {
      request.headers.back().value.append("\n").append(h);
      continue;
    }
    const auto colon = h.find(':');
    request.headers.push_back({std::string(h.substr(0, colon)),
                               colon == std::string_view::npos ? "" : std::string(h.substr(colon + 1))});
  }
  if (line < lines.size()) {
    const std::size_t offset = static_cast<std::size_t>(lines[line].data() - text.data()) + 1;
    if (offset <= text.size()) request.body = std::string(text.substr(offset));
  }

  const sigv4::SignResult first = sigv4::sign(request, options);
  const sigv4::SignResult second = sigv4::sign(request, options);  // from the key cache
  sigv4::signing_key_cache().clear();
  const sigv4::SignResult third = sigv4::sign(request, options);   // derived again
  FUZZ_CHECK(first.ok() == second.ok() && first.ok() == third.ok(), request.url);

  if (!first.ok()) {
    for (const auto& issue : first.issues) {
      FUZZ_CHECK(!issue.field.empty(), issue.message);
      FUZZ_CHECK(issue.message.rfind(issue.field + ": ", 0) == 0, issue.message);
      // Messages quote input back: they must stay printable, whatever it held.
      for (unsigned char c : issue.message) FUZZ_CHECK(c >= 0x20 && c < 0x7f, issue.message);
    }
    FUZZ_CHECK(first.signed_request.signature.empty(), first.signed_request.signature);
    return 0;
  }
  const sigv4::SignedRequest& s = first.signed_request;
  FUZZ_CHECK(s.signature == second.signed_request.signature, s.canonical_request);
  FUZZ_CHECK(s.signature == third.signed_request.signature, s.canonical_request);
  FUZZ_CHECK(s.canonical_request == second.signed_request.canonical_request, s.canonical_request);
  FUZZ_CHECK(s.url == second.signed_request.url, s.url);
  FUZZ_CHECK(keyflip_fuzz::lower_hex64(s.signature), s.signature);

  // The canonical request: method, URI, query, one line per header, an empty
  // line, signed headers, payload hash. A raw line break inside a header value
  // would add a line; a CR has no place in it at all.
  const std::string& cr = s.canonical_request;
  FUZZ_CHECK(cr.find('\r') == std::string::npos, cr);
  const auto parts = split(cr, '\n');
  FUZZ_CHECK(parts.size() >= 6, cr);
  const std::string_view signed_headers = parts[parts.size() - 2];
  const std::size_t header_count = count(signed_headers, ';') + 1;
  FUZZ_CHECK(count(cr, '\n') == 5 + header_count, cr);
  FUZZ_CHECK(parts[parts.size() - 3].empty(), cr);
  FUZZ_CHECK(keyflip_fuzz::lower_hex64(parts.back()), cr);
  FUZZ_CHECK(parts[0] == request.method, cr);
  FUZZ_CHECK(keyflip_fuzz::well_encoded(parts[1], "/") && !parts[1].empty() && parts[1][0] == '/', cr);
  FUZZ_CHECK(keyflip_fuzz::well_encoded(parts[2], "&="), cr);
  for (std::size_t i = 0; i < header_count; ++i) {
    const std::string_view h = parts[3 + i];
    const auto colon = h.find(':');
    FUZZ_CHECK(colon != std::string_view::npos && colon > 0, h);
    for (char c : h.substr(0, colon)) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), h);  // lowercase names
    const std::string_view value = h.substr(colon + 1);
    FUZZ_CHECK(value.empty() || (value.front() != ' ' && value.back() != ' '), h);  // trimmed
    FUZZ_CHECK(value.find('\t') == std::string_view::npos, h);
    FUZZ_CHECK(value.find("  ") == std::string_view::npos, h);
  }
  FUZZ_CHECK(signed_headers.find("host") != std::string_view::npos, cr);

  // The string to sign names the algorithm, a valid date and the scope.
  const auto sts = split(s.string_to_sign, '\n');
  FUZZ_CHECK(sts.size() == 4 && sts[0] == sigv4::kAlgorithm, s.string_to_sign);
  FUZZ_CHECK(util::parse_amz_date(sts[1]).has_value(), s.string_to_sign);

  std::string why;
  const auto signed_url = sigv4::parse_url(s.url, &why);
  const auto original = sigv4::parse_url(request.url, &why);
  FUZZ_CHECK(signed_url && original && signed_url->origin() == original->origin(), s.url);
  if (options.mode == sigv4::Mode::Query) {
    FUZZ_CHECK(s.url.find("X-Amz-Signature=" + s.signature) != std::string::npos, s.url);
  } else {
    bool has_authorization = false;
    for (const auto& h : s.headers)
      if (h.name == "authorization")
        has_authorization = h.value.find("Signature=" + s.signature) != std::string::npos;
    FUZZ_CHECK(has_authorization, s.url);
  }
  return 0;
}
