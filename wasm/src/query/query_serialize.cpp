#include "query/query_serialize.h"

#include "util/uri_encoding.h"

namespace keyflip::query {

namespace {

std::string encode(const std::vector<QueryParam>& params, bool space_as_plus) {
  const auto part = [space_as_plus](const std::string& text) {
    std::string encoded = util::uri_encode(text);
    if (space_as_plus)
      for (auto pos = encoded.find("%20"); pos != std::string::npos; pos = encoded.find("%20", pos + 1))
        encoded.replace(pos, 3, "+");
    return encoded;
  };
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(part(name)).append("=").append(part(value));
  }
  return out;
}

}  // namespace

std::string encode_query_params(const std::vector<QueryParam>& params) { return encode(params, false); }

std::string encode_form_body(const std::vector<QueryParam>& params) { return encode(params, true); }

}  // namespace keyflip::query
