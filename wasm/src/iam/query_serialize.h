// The AWS Query protocol form of UpdateAccessKey:
//   Action=UpdateAccessKey&Version=2010-05-08&UserName=...&AccessKeyId=...&Status=...
// Members follow the shape's order (botocore's model order) and absent ones
// are left out. botocore itself emits them in the order the caller passed
// them, which is this order when called as documented; IAM accepts any order.
// Values are percent-encoded per RFC 3986 (only A-Za-z0-9-_.~ stay as is),
// which for the characters the shape allows equals botocore's encoding.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "iam/input.h"

namespace keyflip::iam {

using QueryParam = std::pair<std::string, std::string>;  // name, raw value

// Action, Version, then each present member; not encoded. Call after
// validation: the values are taken as given.
std::vector<QueryParam> update_access_key_params(const UpdateAccessKeyInput& input);

// "name=value&..." with names and values percent-encoded.
std::string encode_query_params(const std::vector<QueryParam>& params);

// The POST body (application/x-www-form-urlencoded).
std::string update_access_key_form_body(const UpdateAccessKeyInput& input);

// The same parameters as a query string (without '?'), for a presigned GET.
std::string update_access_key_query_string(const UpdateAccessKeyInput& input);

}  // namespace keyflip::iam
