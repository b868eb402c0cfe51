#include "iam/endpoints.h"

#include <algorithm>

#include "iam/limits.h"
#include "iam/utf8.h"
#include "sigv4/url.h"
#include "util/ascii.h"

namespace keyflip::iam {

namespace {

using util::add_issue;


// The endpoint rows (partition x FIPS x dual-stack, from IAM's endpoint rule
// set) are generated from wasm/model/iam-endpoints.tsv: partition_endpoints().

// The partitions' region name patterns (partitions.json "regionRegex", e.g.
// ^us\-gov\-\w+\-\d+$): a region is <prefix>-<word>-<digits> and the prefix
// names the partition.
struct RegionPrefix {
  std::string_view prefix;
  std::string_view partition;
};
constexpr RegionPrefix kRegionPrefixes[] = {
    {"us", "aws"},         {"eu", "aws"},        {"ap", "aws"},           {"sa", "aws"},
    {"ca", "aws"},         {"me", "aws"},        {"af", "aws"},           {"il", "aws"},
    {"mx", "aws"},         {"cn", "aws-cn"},     {"us-gov", "aws-us-gov"}, {"us-iso", "aws-iso"},
    {"us-isob", "aws-iso-b"}, {"eu-isoe", "aws-iso-e"}, {"us-isof", "aws-iso-f"},
    {"eusc-de", "aws-eusc"},
};

bool is_word(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return util::is_word_char(c); });
}

bool is_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return util::is_digit(c); });
}

// What SigV4 accepts in a credential scope (see sigv4::sign).
bool is_region_name(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return util::is_scope_char(c); });
}

bool is_known_partition(std::string_view partition) {
  const PartitionEndpointTable table = partition_endpoints();
  return std::any_of(table.begin(), table.end(),
                     [&](const PartitionEndpoint& row) { return row.partition == partition; });
}

// RFC 3986 pchar: unreserved, sub-delims, ':' and '@' ('%' is checked apart).
bool is_path_char(unsigned char c) {
  return util::is_alnum(c) ||
         std::string_view("-._~!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
}

// A path prefix must reach the server exactly as it is signed: refuse what a
// browser or proxy would rewrite (dot segments, "//") or escape (spaces,
// non-ASCII).
const char* path_prefix_problem(std::string_view path) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(path[i]);
    if (c == '/') continue;
    if (c == '%') {
      if (i + 2 >= path.size() || !util::is_hex_digit(path[i + 1]) ||
          !util::is_hex_digit(path[i + 2]))
        return "has a '%' in its path that is not followed by two hex digits";
      i += 2;
    } else if (!is_path_char(c)) {
      return "has a character in its path that must be percent-encoded (such as a space or "
             "non-ASCII)";
    }
  }
  std::size_t start = 1;  // path starts with '/'
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..")
      return "has a '.' or '..' segment in its path";
    if (segment.empty() && end < path.size()) return "has an empty segment ('//') in its path";
    start = end + 1;
  }
  return nullptr;
}

std::optional<Endpoint> resolve_custom(const EndpointConfig& config, util::Issues& issues) {
  std::string why;
  const auto url = sigv4::parse_url(config.endpoint, &why);
  if (!url) {
    add_issue(issues, "endpoint", "url", why);
    return std::nullopt;
  }
  if (url->has_query) {
    add_issue(issues, "endpoint", "url",
              "has a query ('?'); give only the scheme, host, optional port and path prefix");
    return std::nullopt;
  }
  if (const char* problem = path_prefix_problem(url->path)) {
    add_issue(issues, "endpoint", "url", problem);
    return std::nullopt;
  }
  Endpoint endpoint;
  endpoint.url = url->origin() + url->path;
  if (endpoint.url.back() != '/') endpoint.url.push_back('/');
  endpoint.custom = true;
  return endpoint;
}

}  // namespace

std::string known_partitions() {
  std::string out;
  for (const auto& row : partition_endpoints()) {
    if (!row.fips && !row.dual_stack) {
      if (!out.empty()) out.append(", ");
      out.append(row.partition);
    }
  }
  return out;
}

std::string_view partition_of_region(std::string_view region) {
  for (const auto& row : partition_endpoints())
    if (region.size() == row.partition.size() + 7 && region.substr(0, row.partition.size()) ==
                                                         row.partition &&
        region.substr(row.partition.size()) == "-global")
      return row.partition;
  // <prefix>-<word>-<digits>
  const auto last = region.rfind('-');
  if (last == std::string_view::npos || last == 0) return {};
  const auto middle = region.rfind('-', last - 1);
  if (middle == std::string_view::npos) return {};
  if (!is_digits(region.substr(last + 1)) || !is_word(region.substr(middle + 1, last - middle - 1)))
    return {};
  const std::string_view prefix = region.substr(0, middle);
  for (const auto& p : kRegionPrefixes)
    if (p.prefix == prefix) return p.partition;
  return {};
}

std::optional<Endpoint> resolve_endpoint(const EndpointConfig& config, util::Issues& issues) {
  const std::size_t issues_before = issues.size();
  const std::string partition =
      config.partition.empty() ? limits::kDefaultPartition : config.partition;
  const bool custom = !config.endpoint.empty();

  if (!is_known_partition(partition))
    add_issue(issues, "partition", "enum",
              "\"" + utf8_prefix(partition, 64) + "\" is not one of " + known_partitions());

  if (!config.region.empty() && !is_region_name(config.region))
    add_issue(issues, "region", "pattern",
              "must be a region name of letters, digits, '-', '_' or '.' (e.g. us-east-1)");

  std::optional<Endpoint> endpoint;
  if (custom) {
    if (config.fips || config.dual_stack)
      add_issue(issues, "endpoint", "conflict",
                "a custom endpoint cannot be combined with fips or dualStack (those choose among "
                "IAM's own endpoints)");
    if (config.region.empty())
      add_issue(issues, "region", "required",
                "is required with a custom endpoint: the region to sign for (e.g. us-east-1)");
    endpoint = resolve_custom(config, issues);
    if (endpoint) endpoint->signing_region = config.region;
  } else {
    // IAM's own endpoints are always signed for the partition's home region;
    // a region from another partition means the partition was forgotten.
    const std::string_view region_partition = partition_of_region(config.region);
    if (is_known_partition(partition) && !region_partition.empty() && region_partition != partition)
      add_issue(issues, "region", "partition",
                "\"" + config.region + "\" belongs to partition " + std::string(region_partition) +
                    ", not " + partition + "; set partition to " + std::string(region_partition));
    for (const auto& row : partition_endpoints()) {
      if (row.partition == partition && row.fips == config.fips &&
          row.dual_stack == config.dual_stack) {
        endpoint = Endpoint{std::string(row.url) + "/", std::string(row.signing_region), false};
        break;
      }
    }
  }
  if (issues.size() != issues_before) return std::nullopt;
  return endpoint;
}

}  // namespace keyflip::iam
