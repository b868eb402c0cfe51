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
#include "iam/request.h"
#include "iam/response.h"
#include "iam/retry_policy.h"
#include "iam/shape.h"
#include "iam/validate.h"
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

// { ok, issues, method, url, headers, body, canonicalRequest, stringToSign, signature }
val signed_to(const keyflip::util::Issues& issues, const keyflip::sigv4::SignedRequest& s) {
  val out = val::object();
  out.set("ok", issues.empty());
  out.set("issues", issues_to(issues));
  if (issues.empty()) {
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

// A number that must be whole (seconds or milliseconds); NaN/fractions
// become an out-of-range value that the core reports.
std::int64_t whole_number(const val& v, std::int64_t invalid) {
  const double d = v.as<double>();
  if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15) return invalid;
  return static_cast<std::int64_t>(d);
}

// { accessKeyId, secretPtr, secretLen, tokenPtr, tokenLen }: the secrets are
// taken (and their buffers wiped) before anything else is read.
keyflip::sigv4::Credentials credentials_from(const val& input) {
  keyflip::sigv4::Credentials credentials;
  credentials.secret_access_key = take_secret(input["secretPtr"], input["secretLen"]);
  credentials.session_token = take_secret(input["tokenPtr"], input["tokenLen"]);
  credentials.access_key_id = str(input["accessKeyId"]);
  return credentials;
}

// input: { method, url, headers: [name, value, ...], body, accessKeyId,
//          secretPtr, secretLen, tokenPtr, tokenLen, region, service,
//          epochSeconds, normalizePath, signBody, omitSessionToken,
//          presign, expiresIn }
val sign_request(val input) {
  using namespace keyflip::sigv4;
  Options options;
  options.credentials = credentials_from(input);
  options.region = str(input["region"]);
  options.service = str(input["service"]);
  options.epoch_seconds = whole_number(input["epochSeconds"], INT64_MIN / 2);
  options.normalize_path = input["normalizePath"].as<bool>();
  options.sign_body = input["signBody"].as<bool>();
  options.omit_session_token = input["omitSessionToken"].as<bool>();
  options.mode = input["presign"].as<bool>() ? Mode::Query : Mode::Header;
  options.expires_in = whole_number(input["expiresIn"], -1);

  Request request{str(input["method"]), str(input["url"]), headers_from(input["headers"]),
                  str(input["body"])};
  const SignResult result = sign(request, options);

  return signed_to(result.issues, result.signed_request);
}

// --- IAM UpdateAccessKey

// The member names of the input shape, in order: the JS wrapper reads
// exactly these from the caller's params (and reports unknown ones).
val update_access_key_members() {
  const auto& shape = keyflip::iam::update_access_key_shape();
  val names = val::array();
  for (std::size_t i = 0; i < shape.member_count; ++i)
    names.call<void>("push", text(std::string(shape.members[i].name)));
  return names;
}

// params: { UserName, UserNamePresent, AccessKeyId, AccessKeyIdPresent, Status, StatusPresent }
keyflip::iam::UpdateAccessKeyInput params_from(const val& flat) {
  keyflip::iam::UpdateAccessKeyInput input;
  auto field = [&](const char* name, keyflip::iam::Field& f) {
    f.present = flat[std::string(name) + "Present"].as<bool>();
    f.value = str(flat[name]);
  };
  field("UserName", input.user_name);
  field("AccessKeyId", input.access_key_id);
  field("Status", input.status);
  return input;
}

val validate_update_access_key(val flat) {
  return issues_to(keyflip::iam::validate_update_access_key(params_from(flat)));
}

// input: params (as above) + { partition, fips, dualStack, endpoint, region,
//   accessKeyId, secretPtr, secretLen, tokenPtr, tokenLen, epochMs, presign, expiresIn }
val build_update_access_key(val input) {
  using namespace keyflip::iam;
  SigningContext signing;
  signing.credentials = credentials_from(input);
  signing.local_now_ms = whole_number(input["epochMs"], INT64_MIN / 2);
  signing.clock_offset_ms = 0;  // the JS client folds its offset into epochMs

  EndpointConfig endpoint;
  endpoint.partition = str(input["partition"]);
  endpoint.fips = input["fips"].as<bool>();
  endpoint.dual_stack = input["dualStack"].as<bool>();
  endpoint.endpoint = str(input["endpoint"]);
  endpoint.region = str(input["region"]);

  const UpdateAccessKeyInput params = params_from(input);
  const BuiltRequest built =
      input["presign"].as<bool>()
          ? presign_update_access_key(params, endpoint, signing, whole_number(input["expiresIn"], -1))
          : build_update_access_key(params, endpoint, signing);
  return signed_to(built.issues, built.request);
}

val answer_to(const keyflip::iam::IamAnswer& a) {
  val out = val::object();
  out.set("ok", a.ok);
  out.set("statusCode", a.status);
  out.set("requestId", text(a.request_id));
  out.set("code", text(a.code));
  out.set("type", text(a.type));
  // An unparsable answer carries the start of the body so a user can see
  // what came back instead of IAM's XML (a proxy page, say).
  out.set("message", text(a.body_excerpt.empty() ? a.message
                                                  : a.message + ": " + a.body_excerpt));
  out.set("retryable", a.retryable);
  out.set("throttling", a.throttling);
  out.set("clockSkew", a.clock_skew);
  return out;
}

val parse_iam_response(int status, std::string body) {
  return answer_to(keyflip::iam::parse_iam_response(status, body));
}

// One finished attempt -> IAM's answer (if any) and what to do next.
// context: { attempt, maxAttempts, outcome: "response"|"network"|"timeout",
//            statusCode, body, dateHeader, localNowMs, offsetMs, skewRetryDone, random }
val handle_attempt(val context) {
  using namespace keyflip::iam;
  AttemptContext c;
  c.attempt = context["attempt"].as<int>();
  c.max_attempts = context["maxAttempts"].as<int>();
  const std::string outcome = str(context["outcome"]);
  c.outcome = outcome == "response" ? Outcome::Answer
              : outcome == "timeout" ? Outcome::Timeout : Outcome::NetworkError;
  if (c.outcome == Outcome::Answer)
    c.answer = keyflip::iam::parse_iam_response(context["statusCode"].as<int>(), str(context["body"]));
  c.random = context["random"].as<double>();
  c.date_header = str(context["dateHeader"]);
  c.local_now_ms = whole_number(context["localNowMs"], 0);
  c.clock_offset_ms = whole_number(context["offsetMs"], 0);
  c.skew_retry_done = context["skewRetryDone"].as<bool>();
  const AttemptDecision d = decide(c);

  val out = val::object();
  out.set("answer", c.outcome == Outcome::Answer ? answer_to(c.answer) : val::null());
  out.set("retry", d.retry);
  out.set("delayMs", static_cast<double>(d.delay_ms));
  out.set("offsetMs", static_cast<double>(d.new_offset_ms));
  out.set("skewRetry", d.skew_retry);
  out.set("reason", text(d.reason));
  return out;
}

void clear_signing_key_cache() { keyflip::sigv4::signing_key_cache().clear(); }

}  // namespace

EMSCRIPTEN_BINDINGS(keyflip) {
  emscripten::function("signRequest", &sign_request);
  emscripten::function("clearSigningKeyCache", &clear_signing_key_cache);
  emscripten::function("updateAccessKeyMembers", &update_access_key_members);
  emscripten::function("validateUpdateAccessKey", &validate_update_access_key);
  emscripten::function("buildUpdateAccessKey", &build_update_access_key);
  emscripten::function("parseIamResponse", &parse_iam_response);
  emscripten::function("handleAttempt", &handle_attempt);
}
