// The Query protocol's wire text: "name=value&..." with names and values
// percent-encoded per RFC 3986 (only A-Za-z0-9-_.~ stay as is), which for
// the characters IAM's shapes allow equals botocore's encoding. The same text
// is a POST form body and a presigned GET's query string. The parameters
// themselves come from query_params (operation.h).
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace keyflip::iam {

using QueryParam = std::pair<std::string, std::string>;  // name, raw value

std::string encode_query_params(const std::vector<QueryParam>& params);

}  // namespace keyflip::iam
