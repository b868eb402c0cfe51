// AWS Signature Version 4 for any HTTP request, as the spec's four tasks:
// canonical request -> string to sign -> signing key -> signature, then the
// signature goes into an Authorization header (Mode::Header) or into the URL
// (Mode::Query, a presigned URL with X-Amz-Expires).
#pragma once
#include <string>
#include <string_view>

#include "sigv4/request.h"

namespace keyflip::sigv4 {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// Checks every input first and returns all problems as issues, signing
// nothing; otherwise returns the signed request.
SignResult sign(const Request& request, const Options& options);

// "20150830/us-east-1/iam/aws4_request"
std::string credential_scope(std::string_view date, std::string_view region,
                             std::string_view service);

// Task 2: "AWS4-HMAC-SHA256\n<amz date>\n<scope>\n<hex sha256(canonical request)>"
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);

}  // namespace keyflip::sigv4
