// What a signed IAM request is made with and what it gives (build_request
// and presign_request in operation.h). Every problem (parameters, endpoint, credentials, time,
// expiry) is reported together and nothing is built if there is any.
#pragma once
#include <cstdint>
#include <string>

#include "query/endpoints.h"
#include "sigv4/request.h"
#include "util/issues.h"

namespace keyflip::query {

constexpr const char* kFormContentType = "application/x-www-form-urlencoded; charset=utf-8";

struct SigningContext {
  sigv4::Credentials credentials;
  std::int64_t local_now_ms = 0;     // the caller's clock (Date.now())
  std::int64_t clock_offset_ms = 0;  // server minus local, learnt from an earlier answer
};

// The time to sign at: the local clock corrected by the learnt offset.
std::int64_t signing_epoch_seconds(const SigningContext& signing);

struct BuiltRequest {
  bool ok = false;
  util::Issues issues;             // non-empty: nothing was built
  sigv4::SignedRequest request;    // method, url, headers (send them all), body
  std::string signing_region;
};

}  // namespace keyflip::query
