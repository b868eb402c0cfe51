#include "iam/query_serialize.h"

#include "util/uri_encoding.h"

namespace keyflip::iam {

std::string encode_query_params(const std::vector<QueryParam>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(util::uri_encode(name)).append("=").append(util::uri_encode(value));
  }
  return out;
}

}  // namespace keyflip::iam
