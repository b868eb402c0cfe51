#include "iam/request.h"

#include "iam/query_serialize.h"
#include "iam/validate.h"
#include "sigv4/signer.h"

namespace keyflip::iam {

namespace {

// Stands in for an endpoint that failed to resolve, so the signer still
// checks the credentials, time and expiry and its issues join the others.
constexpr const char* kStandInUrl = "https://iam.amazonaws.com/";
constexpr const char* kStandInRegion = "us-east-1";

BuiltRequest build(const UpdateAccessKeyInput& input, const EndpointConfig& endpoint_config,
                   const SigningContext& signing, sigv4::Mode mode, std::int64_t expires_in) {
  BuiltRequest built;
  built.issues = validate_update_access_key(input);
  const auto endpoint = resolve_endpoint(endpoint_config, built.issues);

  sigv4::Request request;
  const std::string url = endpoint ? endpoint->url : kStandInUrl;
  if (mode == sigv4::Mode::Header) {
    request.method = "POST";
    request.url = url;
    request.headers.push_back({"content-type", kFormContentType});
    request.body = update_access_key_form_body(input);
  } else {
    request.method = "GET";
    request.url = url + "?" + update_access_key_query_string(input);
  }

  sigv4::Options options;
  options.credentials = signing.credentials;
  options.region = endpoint ? endpoint->signing_region : kStandInRegion;
  options.service = kSigningService;
  options.epoch_seconds = signing_epoch_seconds(signing);
  options.mode = mode;
  options.expires_in = expires_in;

  sigv4::SignResult signed_result = sigv4::sign(request, options);
  for (auto& issue : signed_result.issues) built.issues.push_back(std::move(issue));
  if (!built.issues.empty()) return built;

  built.ok = true;
  built.request = std::move(signed_result.signed_request);
  built.signing_region = endpoint->signing_region;
  return built;
}

}  // namespace

std::int64_t signing_epoch_seconds(const SigningContext& signing) {
  // Clamped (to about 31,000 years) so nonsense from the caller cannot
  // overflow; the signer then refuses the date as out of range.
  constexpr std::int64_t kLimit = 1'000'000'000'000'000;
  const auto clamp = [](std::int64_t v) { return v < -kLimit ? -kLimit : v > kLimit ? kLimit : v; };
  const std::int64_t ms = clamp(signing.local_now_ms) + clamp(signing.clock_offset_ms);
  return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);  // floor, also before 1970
}

BuiltRequest build_update_access_key(const UpdateAccessKeyInput& input,
                                     const EndpointConfig& endpoint,
                                     const SigningContext& signing) {
  return build(input, endpoint, signing, sigv4::Mode::Header, 0);
}

BuiltRequest presign_update_access_key(const UpdateAccessKeyInput& input,
                                       const EndpointConfig& endpoint,
                                       const SigningContext& signing, std::int64_t expires_in) {
  return build(input, endpoint, signing, sigv4::Mode::Query, expires_in);
}

}  // namespace keyflip::iam
