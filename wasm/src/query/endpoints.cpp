#include "query/endpoints.h"

#include <algorithm>

#include "query/limits.h"
#include "query/utf8.h"
#include "sigv4/url.h"
#include "util/ascii.h"

namespace keyflip::query {

namespace {

using util::add_issue;


// The endpoint rows (partition x FIPS x dual-stack, from each service's
// endpoint rule set) are generated from wasm/model/<service>-endpoints.tsv
// into Service::endpoints. IAM's table names the partitions keyflip knows.

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
  const PartitionEndpointTable table = iam_service().endpoints;
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
  for (const auto& row : iam_service().endpoints) {
    if (!row.fips && !row.dual_stack) {
      if (!out.empty()) out.append(", ");
      out.append(row.partition);
    }
  }
  return out;
}

std::string_view partition_of_region(std::string_view region) {
  for (const auto& row : iam_service().endpoints)
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

namespace {

// botocore's isValidHostLabel: 1-63 letters, digits and '-', not at either end.
bool is_host_label(std::string_view s) {
  if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return util::is_alnum(c) || c == '-'; });
}

std::string fill_region(std::string_view text, const std::string& region) {
  std::string out(text);
  const std::string_view marker = "{region}";
  for (auto pos = out.find(marker); pos != std::string::npos; pos = out.find(marker, pos + region.size()))
    out.replace(pos, marker.size(), region);
  return out;
}

std::string combination(const EndpointConfig& config) {
  if (config.fips && config.dual_stack) return "FIPS dual-stack";
  if (config.fips) return "FIPS";
  if (config.dual_stack) return "dual-stack";
  return "standard";
}

// A service's own endpoint for the partition x FIPS x dual-stack (and, for a
// regional service, the region): the row of its generated table.
std::optional<Endpoint> resolve_own(const Service& service, const std::string& partition,
                                    const EndpointConfig& config, util::Issues& issues) {
  const std::string_view region_partition = partition_of_region(config.region);
  if (!region_partition.empty() && region_partition != partition)
    add_issue(issues, "region", "partition",
              "\"" + config.region + "\" belongs to partition " + std::string(region_partition) +
                  ", not " + partition + "; set partition to " + std::string(region_partition));
  std::string region = config.region;
  if (service.regional) {
    // STS is regional: the region picks the endpoint and the signing region.
    if (region.empty() && partition == limits::kDefaultPartition) region = limits::kDefaultStsRegion;
    if (region.empty())
      add_issue(issues, "region", "required",
                "is required for " + std::string(service.label) + " in partition " + partition +
                    ": it is regional (name a region of " + partition + ")");
    else if (!is_host_label(region))
      add_issue(issues, "region", "pattern",
                "must be a valid host label for " + std::string(service.label) +
                    " (letters, digits and '-', 1-63, e.g. us-east-1)");
    else if (region_partition.empty() && partition != limits::kDefaultPartition)
      add_issue(issues, "region", "partition",
                "\"" + region + "\" is not a region of partition " + partition);
    else if (region.size() > 7 && region.compare(region.size() - 7, 7, "-global") == 0)
      add_issue(issues, "region", "pattern",
                "\"" + region + "\" is a global pseudo-region; " + std::string(service.label) +
                    " is regional: name a region (e.g. us-east-1)");
  }
  const PartitionEndpoint* match = nullptr;
  for (const auto& row : service.endpoints)
    if (row.partition == partition && row.fips == config.fips && row.dual_stack == config.dual_stack)
      match = &row;
  if (!match) {
    add_issue(issues, "partition", "unsupported",
              "keyflip knows no " + std::string(service.label) + " endpoint in partition " +
                  partition + " (its endpoint rules, from Debian's botocore, do not list it)");
    return std::nullopt;
  }
  if (match->url == "none") {
    add_issue(issues, config.dual_stack ? "dualStack" : "fips", "unsupported",
              "AWS has no " + combination(config) + " " + std::string(service.label) +
                  " endpoint in partition " + partition);
    return std::nullopt;
  }
  return Endpoint{fill_region(match->url, region) + "/", fill_region(match->signing_region, region),
                  false};
}

}  // namespace

std::optional<Endpoint> resolve_endpoint(const Service& service, const EndpointConfig& config,
                                         util::Issues& issues) {
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
                "AWS's own endpoints)");
    if (config.region.empty())
      add_issue(issues, "region", "required",
                "is required with a custom endpoint: the region to sign for (e.g. us-east-1)");
    endpoint = resolve_custom(config, issues);
    if (endpoint) endpoint->signing_region = config.region;
  } else if (is_known_partition(partition)) {
    // IAM's own endpoints are signed for the partition's home region (a
    // region from another partition means the partition was forgotten);
    // STS's are regional.
    endpoint = resolve_own(service, partition, config, issues);
  }
  if (issues.size() != issues_before) return std::nullopt;
  return endpoint;
}

}  // namespace keyflip::query
