#include "iam/query_serialize.h"

#include "iam/shape.h"
#include "util/uri_encoding.h"

namespace keyflip::iam {

std::vector<QueryParam> update_access_key_params(const UpdateAccessKeyInput& input) {
  const OperationShape& shape = update_access_key_shape();
  std::vector<QueryParam> params;
  params.emplace_back("Action", std::string(shape.operation));
  params.emplace_back("Version", std::string(shape.version));
  for (std::size_t i = 0; i < shape.member_count; ++i) {
    const MemberShape& member = shape.members[i];
    const Field* field = member_field(input, member.name);
    if (field && field->present) params.emplace_back(std::string(member.name), field->value);
  }
  return params;
}

std::string encode_query_params(const std::vector<QueryParam>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(util::uri_encode(name)).append("=").append(util::uri_encode(value));
  }
  return out;
}

std::string update_access_key_form_body(const UpdateAccessKeyInput& input) {
  return encode_query_params(update_access_key_params(input));
}

// A form body and a query string are the same text in the Query protocol;
// the two names keep call sites saying which one they build.
std::string update_access_key_query_string(const UpdateAccessKeyInput& input) {
  return encode_query_params(update_access_key_params(input));
}

}  // namespace keyflip::iam
