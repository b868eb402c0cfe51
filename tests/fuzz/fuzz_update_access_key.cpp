// UpdateAccessKey: validation, Query serialization, endpoint resolution, and
// the signed POST and presigned GET built from them.
//
// Input: "key=value" lines; a value is percent-decoded (so any byte, a line
// break included, can be given as %XY), a key that is absent is not given.
//   UserName= AccessKeyId= Status=        the operation's parameters
//   partition= fips=1 dualstack=1 endpoint= region=
//   akid= secret= token= now=<ms> offset=<ms> expires=<s>
// Unknown lines are ignored. Defaults: partition aws, AKIDEXAMPLE and the
// suite's secret, now 2015-08-30T12:36:00Z, expires 900.
//
// Properties beyond "no crash":
//   every issue names its field and its message starts with "<field>: ", is
//   valid UTF-8, and never contains the secret or the session token;
//   valid parameters serialize to a well-encoded body that decodes back to
//   exactly the parameters, in the shape's order, after Action and Version;
//   a built request implies valid parameters, goes to the resolved endpoint,
//   carries that body (POST) or those parameters (presigned GET), and is the
//   same when built twice.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "query/endpoints.h"
#include "query/limits.h"
#include "query/operation.h"
#include "query/query_serialize.h"
#include "query/request.h"
#include "sigv4/canonical_request.h"
#include "util/uri_encoding.h"

using namespace keyflip;

namespace {

// Fuzzer-given secrets start with these, so a message quoting a secret is
// found whatever its value (no other field may hold the marker).
constexpr std::string_view kSecretMarker = "KfSecretMarker";
constexpr std::string_view kTokenMarker = "KfTokenMarker";

std::int64_t to_int64(std::string_view s, std::int64_t fallback) {
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty() || s.size() > 18) return fallback;
  std::int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return fallback;
    v = v * 10 + (c - '0');
  }
  return negative ? -v : v;
}

void check_issues(const util::Issues& issues, std::string_view secret, std::string_view token) {
  for (const auto& issue : issues) {
    FUZZ_CHECK(!issue.field.empty() && !issue.rule.empty(), issue.message);
    FUZZ_CHECK(issue.message.rfind(issue.field + ": ", 0) == 0, issue.message);
    FUZZ_CHECK(keyflip_fuzz::valid_utf8(issue.message), issue.message);
    FUZZ_CHECK(secret.empty() || issue.message.find(secret) == std::string::npos, issue.message);
    FUZZ_CHECK(token.empty() || issue.message.find(token) == std::string::npos, issue.message);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> kv;
  for (std::string_view line : keyflip_fuzz::split(text, '\n')) {
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    kv[std::string(line.substr(0, eq))] = util::percent_decode(line.substr(eq + 1));
  }
  const auto has = [&](const char* k) { return kv.count(k) != 0; };
  const auto get = [&](const char* k, std::string fallback = "") {
    return has(k) ? kv[k] : fallback;
  };
  // The markers may only come from the secrets.
  for (const auto& [key, value] : kv)
    if (value.find(kSecretMarker) != std::string::npos || value.find(kTokenMarker) != std::string::npos)
      return -1;  // libFuzzer: do not add to the corpus

  // UpdateAccessKey's params: the members the input names, as strings.
  query::Value input = query::Value::map();
  for (const char* name : {"UserName", "AccessKeyId", "Status"})
    if (has(name)) input.set(name, query::Value::of_string(get(name)));

  query::EndpointConfig endpoint;
  endpoint.partition = get("partition");
  endpoint.fips = get("fips") == "1";
  endpoint.dual_stack = get("dualstack") == "1";
  endpoint.endpoint = get("endpoint");
  endpoint.region = get("region");

  const std::string secret = has("secret") ? std::string(kSecretMarker) + kv["secret"] : "";
  const std::string token = has("token") ? std::string(kTokenMarker) + kv["token"] : "";
  query::SigningContext signing;
  signing.credentials.access_key_id = get("akid", "AKIDEXAMPLE");
  signing.credentials.secret_access_key = crypto::SecretBytes(
      has("secret") ? std::string_view(secret) : "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  signing.credentials.session_token = crypto::SecretBytes(std::string_view(token));
  signing.local_now_ms = to_int64(get("now"), 1440938160000);
  if (get("now") == "min") signing.local_now_ms = INT64_MIN;
  if (get("now") == "max") signing.local_now_ms = INT64_MAX;
  signing.clock_offset_ms = to_int64(get("offset"), 0);
  if (get("offset") == "min") signing.clock_offset_ms = INT64_MIN;
  if (get("offset") == "max") signing.clock_offset_ms = INT64_MAX;
  const std::int64_t expires = to_int64(get("expires"), query::limits::kIamPresignDefaultSeconds);

  // Validation and serialization.
  const query::Operation& op = *query::find_operation("UpdateAccessKey");
  const util::Issues issues = query::validate_params(op, input);
  check_issues(issues, secret, token);
  for (const auto& issue : issues)
    FUZZ_CHECK(issue.field == "UserName" || issue.field == "AccessKeyId" || issue.field == "Status",
               issue.message);
  const auto expected = query::query_params(op, input);
  const std::string body = query::encode_form_body(expected);
  const std::string query = query::encode_query_params(expected);
  if (issues.empty()) {
    FUZZ_CHECK(keyflip_fuzz::well_encoded(body, "&="), body);
    FUZZ_CHECK(body.rfind("Action=UpdateAccessKey&Version=2010-05-08&", 0) == 0, body);
    FUZZ_CHECK(keyflip_fuzz::well_encoded(query, "&="), query);
    const auto decoded = sigv4::parse_query(query);
    FUZZ_CHECK(decoded.size() == expected.size(), body);
    for (std::size_t i = 0; i < decoded.size(); ++i)
      FUZZ_CHECK(decoded[i].first == expected[i].first && decoded[i].second == expected[i].second,
                 body);
  }

  util::Issues endpoint_issues;
  const auto resolved = query::resolve_endpoint(query::iam_service(), endpoint, endpoint_issues);
  check_issues(endpoint_issues, secret, token);
  FUZZ_CHECK(resolved.has_value() == endpoint_issues.empty(), endpoint.endpoint);
  if (resolved) {
    FUZZ_CHECK(!resolved->url.empty() && resolved->url.back() == '/', resolved->url);
    FUZZ_CHECK(!resolved->signing_region.empty(), resolved->url);
  }

  // The signed POST, twice, and the presigned GET.
  const query::BuiltRequest built = query::build_request(op, input, endpoint, signing);
  const query::BuiltRequest again = query::build_request(op, input, endpoint, signing);
  check_issues(built.issues, secret, token);
  FUZZ_CHECK(built.ok == built.issues.empty(), body);
  FUZZ_CHECK(built.ok == again.ok, body);
  if (built.ok) {
    FUZZ_CHECK(issues.empty() && resolved.has_value(), body);
    FUZZ_CHECK(built.request.method == "POST", built.request.method);
    FUZZ_CHECK(built.request.url == resolved->url, built.request.url);
    FUZZ_CHECK(built.request.body == body, built.request.body);
    FUZZ_CHECK(built.signing_region == resolved->signing_region, built.signing_region);
    FUZZ_CHECK(built.request.signature == again.request.signature, built.request.canonical_request);
    bool token_header = false;
    for (const auto& h : built.request.headers)
      if (h.name == "x-amz-security-token") token_header = h.value == token;
    FUZZ_CHECK(token_header == !token.empty(), built.request.url);
  } else {
    FUZZ_CHECK(!built.issues.empty(), body);
  }

  const query::BuiltRequest presigned = query::presign_request(op, input, endpoint, signing, expires);
  check_issues(presigned.issues, secret, token);
  FUZZ_CHECK(presigned.ok == presigned.issues.empty(), body);
  if (presigned.ok) {
    FUZZ_CHECK(issues.empty() && resolved.has_value(), body);
    FUZZ_CHECK(expires >= query::limits::kIamPresignMinSeconds &&
                   expires <= query::limits::kIamPresignMaxSeconds,
               body);
    FUZZ_CHECK(presigned.request.method == "GET", presigned.request.method);
    FUZZ_CHECK(presigned.request.url.rfind(resolved->url + "?" + query + "&X-Amz-Algorithm=", 0) == 0,
               presigned.request.url);
    FUZZ_CHECK(built.ok, body);  // same inputs; only the expiry can refuse a presign alone
  }
  return 0;
}
