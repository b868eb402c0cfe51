// The Query protocol's wire text, "name=value&...", as botocore writes it:
// in a presigned GET's query string percent-encoded per RFC 3986 (only
// A-Za-z0-9-_.~ stay as is, a space is %20, as SigV4's canonical query
// needs), and in a POST form body the same except that a space is '+'
// (application/x-www-form-urlencoded, Python's urlencode; found by the
// botocore differential once Marker allowed spaces). The parameters
// themselves come from query_params (operation.h).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace keyflip::query {

using QueryParam = std::pair<std::string, std::string>;  // name, raw value

std::string encode_query_params(const std::vector<QueryParam>& params);
std::string encode_form_body(const std::vector<QueryParam>& params);

}  // namespace keyflip::query
