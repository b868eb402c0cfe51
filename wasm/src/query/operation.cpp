// The operation table lookup and the signed request of any listed operation:
// validated params -> Query parameters -> a POST form body (header-signed) or
// a presigned GET, every problem reported together.
#include "query/operation.h"

#include "query/limits.h"
#include "query/model.h"
#include "query/query_serialize.h"
#include "sigv4/signer.h"

namespace keyflip::query {

namespace {

// Stands in for an endpoint that failed to resolve, so the signer still
// checks the credentials, time and expiry and its issues join the others.
constexpr const char* kStandInUrl = "https://iam.amazonaws.com/";
constexpr const char* kStandInRegion = "us-east-1";

BuiltRequest build(const Operation& op, const Value& params, const EndpointConfig& endpoint_config,
                   const SigningContext& signing, sigv4::Mode mode, std::int64_t expires_in) {
  BuiltRequest built;
  built.issues = validate_params(op, params);
  const bool params_ok = built.issues.empty();
  const auto endpoint = resolve_endpoint(*op.service, endpoint_config, built.issues);
  // IAM's own limit, narrower than SigV4's; reported here (after the
  // signer's issues, as the signer would), not a second time by the signer.
  const bool bad_expiry = mode == sigv4::Mode::Query && (expires_in < limits::kIamPresignMinSeconds ||
                                                         expires_in > limits::kIamPresignMaxSeconds);
  if (bad_expiry) expires_in = limits::kIamPresignMaxSeconds;

  // Nothing from invalid params is serialized; the signer still checks the rest.
  const std::vector<QueryParam> wire = params_ok ? query_params(op, params) : std::vector<QueryParam>{};
  sigv4::Request request;
  const std::string url = endpoint ? endpoint->url : kStandInUrl;
  if (mode == sigv4::Mode::Header) {
    request.method = "POST";
    request.url = url;
    request.headers.push_back({"content-type", kFormContentType});
    request.body = encode_form_body(wire);
  } else {
    request.method = "GET";
    request.url = url + "?" + encode_query_params(wire);
  }

  sigv4::Options options;
  options.credentials = signing.credentials;
  options.region = endpoint ? endpoint->signing_region : kStandInRegion;
  options.service = std::string(op.service->id);  // the signing name: "iam", "sts"
  options.epoch_seconds = signing_epoch_seconds(signing);
  options.mode = mode;
  options.expires_in = expires_in;

  sigv4::SignResult signed_result = sigv4::sign(request, options);
  for (auto& issue : signed_result.issues) built.issues.push_back(std::move(issue));
  if (bad_expiry)
    util::add_issue(built.issues, "expiresIn", "range",
                    "must be " + std::to_string(limits::kIamPresignMinSeconds) + " to " +
                        std::to_string(limits::kIamPresignMaxSeconds) +
                        " seconds: outside S3, AWS accepts a query-signed request for about 15 "
                        "minutes after its X-Amz-Date whatever X-Amz-Expires says");
  if (!built.issues.empty()) return built;

  built.ok = true;
  built.request = std::move(signed_result.signed_request);
  built.signing_region = endpoint->signing_region;
  return built;
}

}  // namespace

const Operation* find_operation(std::string_view action) {
  for (const Service* service : services())
    for (const Operation* op : service->operations)
      if (op->name == action) return op;
  return nullptr;
}

std::vector<std::string_view> operation_names() {
  std::vector<std::string_view> names;
  for (const Service* service : services())
    for (const Operation* op : service->operations) names.push_back(op->name);
  return names;
}

BuiltRequest build_request(const Operation& op, const Value& params, const EndpointConfig& endpoint,
                           const SigningContext& signing) {
  return build(op, params, endpoint, signing, sigv4::Mode::Header, 0);
}

BuiltRequest presign_request(const Operation& op, const Value& params,
                             const EndpointConfig& endpoint, const SigningContext& signing,
                             std::int64_t expires_in) {
  return build(op, params, endpoint, signing, sigv4::Mode::Query, expires_in);
}

}  // namespace keyflip::query
