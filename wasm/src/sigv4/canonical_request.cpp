#include "sigv4/canonical_request.h"

#include <algorithm>
#include <map>

#include "util/uri_encoding.h"

namespace keyflip::sigv4 {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& segment : segments) out.append("/").append(segment);
  const bool trailing_slash = !path.empty() && path.back() == '/';
  if (out.empty() || trailing_slash) out.push_back('/');
  return out;
}

std::string canonical_uri(std::string_view raw_path, bool normalize) {
  const std::string path = normalize ? normalize_path(raw_path) : std::string(raw_path);
  return util::uri_encode(path.empty() ? "/" : path, /*keep_slash=*/true);
}

std::vector<QueryParam> parse_query(std::string_view raw) {
  std::vector<QueryParam> params;
  std::size_t start = 0;
  while (start <= raw.size()) {
    const auto end = std::min(raw.find('&', start), raw.size());
    const std::string_view pair = raw.substr(start, end - start);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      if (eq == std::string_view::npos)
        params.emplace_back(util::percent_decode(pair), "");
      else
        params.emplace_back(util::percent_decode(pair.substr(0, eq)),
                            util::percent_decode(pair.substr(eq + 1)));
    }
    start = end + 1;
  }
  return params;
}

std::string canonical_query(std::vector<QueryParam> params) {
  for (auto& [name, value] : params) {
    name = util::uri_encode(name);
    value = util::uri_encode(value);
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(name).append("=").append(value);
  }
  return out;
}

std::string canonical_header_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

bool is_unsigned_header(std::string_view name) {
  static const char* const kUnsigned[] = {
      "authorization", "connection",   "expect",          "keep-alive",
      "proxy-authorization", "te",     "transfer-encoding", "upgrade",
      "user-agent",    "x-amzn-trace-id", "sec-websocket-key", "sec-websocket-protocol",
      "sec-websocket-version"};
  return std::any_of(std::begin(kUnsigned), std::end(kUnsigned),
                     [&](const char* u) { return name == u; });
}

CanonicalHeaders canonical_headers(const std::vector<Header>& headers) {
  std::map<std::string, std::string> merged;  // sorted by lowercase name
  for (const auto& header : headers) {
    const std::string name = to_lower(header.name);
    auto [it, inserted] = merged.emplace(name, canonical_header_value(header.value));
    if (!inserted) it->second.append(",").append(canonical_header_value(header.value));
  }
  CanonicalHeaders out;
  for (const auto& [name, value] : merged) {
    out.canonical.append(name).append(":").append(value).append("\n");
    if (!out.signed_headers.empty()) out.signed_headers.push_back(';');
    out.signed_headers.append(name);
  }
  return out;
}

std::string canonical_request(std::string_view method, std::string_view uri,
                              std::string_view query, const CanonicalHeaders& headers,
                              std::string_view payload_hash) {
  std::string out;
  out.append(method).append("\n");
  out.append(uri).append("\n");
  out.append(query).append("\n");
  out.append(headers.canonical).append("\n");
  out.append(headers.signed_headers).append("\n");
  out.append(payload_hash);
  return out;
}

}  // namespace keyflip::sigv4
