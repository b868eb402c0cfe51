// What the signer takes and gives: a plain HTTP request, the signing options,
// and the signed request together with the intermediate strings (so a user can
// see exactly what was signed).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "crypto/secret.h"
#include "util/issues.h"

namespace keyflip::sigv4 {

struct Header {
  std::string name;   // as given; compared case-insensitively
  std::string value;  // may repeat a name; obs-folded lines are allowed
};

struct Request {
  std::string method;
  std::string url;  // absolute http(s) URL, path and query as they will be sent
  std::vector<Header> headers;
  std::string body;
};

struct Credentials {
  std::string access_key_id;
  crypto::SecretBytes secret_access_key;
  crypto::SecretBytes session_token;  // empty: long-term credentials
};

enum class Mode { Header, Query };  // Authorization header, or presigned URL

struct Options {
  Credentials credentials;
  std::string region;
  std::string service;
  std::int64_t epoch_seconds = 0;  // the signing time
  bool normalize_path = true;      // remove dot segments, merge slashes (not for S3)
  bool sign_body = false;          // add and sign x-amz-content-sha256
  bool omit_session_token = false; // send the token but leave it out of the signature
  Mode mode = Mode::Header;
  std::int64_t expires_in = 0;     // seconds, Query mode only: 1..604800
};

struct SignedRequest {
  std::string method;
  std::string url;
  std::vector<Header> headers;
  std::string body;
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
};

struct SignResult {
  util::Issues issues;  // non-empty: nothing was signed
  SignedRequest signed_request;
  bool ok() const { return issues.empty(); }
};

constexpr std::int64_t kMaxPresignSeconds = 604800;  // 7 days, SigV4's limit

}  // namespace keyflip::sigv4
