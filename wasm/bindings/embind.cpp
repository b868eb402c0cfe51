// The only file that knows about Embind: converts between the plain JS values
// that wasm/js/ prepares and the core's C++ types.
//
// Why inputs arrive pre-flattened (strings, numbers, booleans, arrays of
// strings): the JS wrapper reads the caller's objects (getters, proxies,
// toString) before entering wasm, so no caller code can throw while a wasm
// frame is on the stack and the instance can never be left half-way.
//
// Why secrets arrive as (pointer, length): a JS string passed to Embind is
// copied into a malloc'ed wire buffer that is freed unwiped. The wrapper
// instead writes the secret's UTF-8 bytes into a buffer it mallocs; this file
// copies them into a wiping SecretBytes and cleanses and frees that buffer at
// once. Outputs that may contain the session token are decoded by JS straight
// from our memory (see text()), so no unwiped copy is made.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "crypto/secret.h"
#include "sigv4/signer.h"
#include "sigv4/signing_key.h"

using emscripten::val;

namespace {

std::string str(const val& v) { return v.as<std::string>(); }

// A JS string decoded straight from our memory while `s` is alive: no wire
// buffer copy is left behind (Embind 3.1.6 has no val::u8string).
val text(const std::string& s) {
  static val decoder = val::global("TextDecoder").new_();
  return decoder.call<val>("decode", val(emscripten::typed_memory_view(
                                         s.size(), reinterpret_cast<const std::uint8_t*>(s.data()))));
}

// Takes ownership of a buffer the wrapper filled with _malloc: copy, wipe, free.
keyflip::crypto::SecretBytes take_secret(const val& ptr_value, const val& len_value) {
  const auto ptr = static_cast<std::uintptr_t>(ptr_value.as<double>());
  const auto len = static_cast<std::size_t>(len_value.as<double>());
  if (ptr == 0) return {};
  auto* bytes = reinterpret_cast<std::uint8_t*>(ptr);
  keyflip::crypto::SecretBytes secret(bytes, len);
  keyflip::crypto::wipe(bytes, len);
  std::free(bytes);
  return secret;
}

std::vector<keyflip::sigv4::Header> headers_from(const val& flat) {
  std::vector<keyflip::sigv4::Header> headers;
  const auto n = flat["length"].as<unsigned>();
  for (unsigned i = 0; i + 1 < n; i += 2)
    headers.push_back({str(flat[i]), str(flat[i + 1])});
  return headers;
}

val headers_to(const std::vector<keyflip::sigv4::Header>& headers) {
  val flat = val::array();
  for (const auto& h : headers) {
    flat.call<void>("push", text(h.name));
    flat.call<void>("push", text(h.value));
  }
  return flat;
}

val issues_to(const keyflip::util::Issues& issues) {
  val list = val::array();
  for (const auto& issue : issues) {
    val item = val::object();
    item.set("field", text(issue.field));
    item.set("rule", text(issue.rule));
    item.set("message", text(issue.message));
    list.call<void>("push", item);
  }
  return list;
}

// A number that must be a whole number of seconds; NaN/fractions become an
// out-of-range value that the core reports.
std::int64_t whole_seconds(const val& v, std::int64_t invalid) {
  const double d = v.as<double>();
  if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15) return invalid;
  return static_cast<std::int64_t>(d);
}

// input: { method, url, headers: [name, value, ...], body, accessKeyId,
//          secretPtr, secretLen, tokenPtr, tokenLen, region, service,
//          epochSeconds, normalizePath, signBody, omitSessionToken,
//          presign, expiresIn }
val sign_request(val input) {
  using namespace keyflip::sigv4;
  Options options;
  // Take the secrets first, so their buffers are wiped whatever happens next.
  options.credentials.secret_access_key = take_secret(input["secretPtr"], input["secretLen"]);
  options.credentials.session_token = take_secret(input["tokenPtr"], input["tokenLen"]);
  options.credentials.access_key_id = str(input["accessKeyId"]);
  options.region = str(input["region"]);
  options.service = str(input["service"]);
  options.epoch_seconds = whole_seconds(input["epochSeconds"], INT64_MIN / 2);
  options.normalize_path = input["normalizePath"].as<bool>();
  options.sign_body = input["signBody"].as<bool>();
  options.omit_session_token = input["omitSessionToken"].as<bool>();
  options.mode = input["presign"].as<bool>() ? Mode::Query : Mode::Header;
  options.expires_in = whole_seconds(input["expiresIn"], -1);

  Request request{str(input["method"]), str(input["url"]), headers_from(input["headers"]),
                  str(input["body"])};
  const SignResult result = sign(request, options);

  val out = val::object();
  out.set("ok", result.ok());
  out.set("issues", issues_to(result.issues));
  if (result.ok()) {
    const SignedRequest& s = result.signed_request;
    out.set("method", text(s.method));
    out.set("url", text(s.url));
    out.set("headers", headers_to(s.headers));
    out.set("body", text(s.body));
    out.set("canonicalRequest", text(s.canonical_request));
    out.set("stringToSign", text(s.string_to_sign));
    out.set("signature", text(s.signature));
  }
  return out;
}

void clear_signing_key_cache() { keyflip::sigv4::signing_key_cache().clear(); }

}  // namespace

EMSCRIPTEN_BINDINGS(keyflip) {
  emscripten::function("signRequest", &sign_request);
  emscripten::function("clearSigningKeyCache", &clear_signing_key_cache);
}
