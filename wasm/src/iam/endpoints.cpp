#include "iam/endpoints.h"

#include <algorithm>

#include "iam/utf8.h"
#include "sigv4/url.h"

namespace keyflip::iam {

namespace {

using util::add_issue;

// Product data: IAM's endpoint rule set (botocore's
// iam/2010-05-08/endpoint-rule-set-1.json), one row per partition x FIPS x
// dual-stack. Every row is checked against the shared iam-endpoints.tsv.
constexpr PartitionEndpoint kEndpoints[] = {
    // partition, fips, dual_stack, url, signing_region
    {"aws", false, false, "https://iam.amazonaws.com", "us-east-1"},
    {"aws", true, false, "https://iam-fips.amazonaws.com", "us-east-1"},
    {"aws", false, true, "https://iam.global.api.aws", "us-east-1"},
    {"aws", true, true, "https://iam-fips.global.api.aws", "us-east-1"},
    {"aws-cn", false, false, "https://iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    {"aws-cn", true, false, "https://iam-fips.amazonaws.com.cn", "cn-north-1"},
    {"aws-cn", false, true, "https://iam.global.api.amazonwebservices.com.cn", "cn-north-1"},
    {"aws-cn", true, true, "https://iam-fips.api.amazonwebservices.com.cn", "cn-north-1"},
    {"aws-us-gov", false, false, "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
    {"aws-us-gov", true, false, "https://iam.us-gov.amazonaws.com", "us-gov-west-1"},
    {"aws-us-gov", false, true, "https://iam.us-gov.api.aws", "us-gov-west-1"},
    {"aws-us-gov", true, true, "https://iam.us-gov.api.aws", "us-gov-west-1"},
    {"aws-iso", false, false, "https://iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    {"aws-iso", true, false, "https://iam-fips.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    {"aws-iso", false, true, "https://iam.api.aws.ic.gov", "us-iso-east-1"},
    {"aws-iso", true, true, "https://iam-fips.api.aws.ic.gov", "us-iso-east-1"},
    {"aws-iso-b", false, false, "https://iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
    {"aws-iso-b", true, false, "https://iam-fips.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
    {"aws-iso-b", false, true, "https://iam.api.aws.scloud", "us-isob-east-1"},
    {"aws-iso-b", true, true, "https://iam-fips.api.aws.scloud", "us-isob-east-1"},
    {"aws-iso-e", false, false, "https://iam.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"},
    {"aws-iso-e", true, false, "https://iam-fips.cloud.adc-e.uk", "eu-isoe-west-1"},
    {"aws-iso-e", false, true, "https://iam.api.cloud-aws.adc-e.uk", "eu-isoe-west-1"},
    {"aws-iso-e", true, true, "https://iam-fips.api.cloud-aws.adc-e.uk", "eu-isoe-west-1"},
    {"aws-iso-f", false, false, "https://iam.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"},
    {"aws-iso-f", true, false, "https://iam-fips.csp.hci.ic.gov", "us-isof-south-1"},
    {"aws-iso-f", false, true, "https://iam.api.aws.hci.ic.gov", "us-isof-south-1"},
    {"aws-iso-f", true, true, "https://iam-fips.api.aws.hci.ic.gov", "us-isof-south-1"},
    {"aws-eusc", false, false, "https://iam.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"},
    {"aws-eusc", true, false, "https://iam-fips.amazonaws.eu", "eusc-de-east-1"},
    {"aws-eusc", false, true, "https://iam.global.api.amazonwebservices.eu", "eusc-de-east-1"},
    {"aws-eusc", true, true, "https://iam-fips.api.amazonwebservices.eu", "eusc-de-east-1"},
};

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
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  });
}

bool is_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

// What SigV4 accepts in a credential scope (see sigv4::sign).
bool is_region_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '_' || c == '.';
  });
}

bool is_known_partition(std::string_view partition) {
  return std::any_of(std::begin(kEndpoints), std::end(kEndpoints),
                     [&](const PartitionEndpoint& row) { return row.partition == partition; });
}

// RFC 3986 pchar: unreserved, sub-delims, ':' and '@' ('%' is checked apart).
bool is_path_char(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("-._~!$&'()*+,;=:@").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A path prefix must reach the server exactly as it is signed: refuse what a
// browser or proxy would rewrite (dot segments, "//") or escape (spaces,
// non-ASCII).
const char* path_prefix_problem(std::string_view path) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(path[i]);
    if (c == '/') continue;
    if (c == '%') {
      if (i + 2 >= path.size() || !is_hex(path[i + 1]) || !is_hex(path[i + 2]))
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

PartitionEndpointTable partition_endpoints() {
  return {kEndpoints, sizeof(kEndpoints) / sizeof(kEndpoints[0])};
}

std::string known_partitions() {
  std::string out;
  for (const auto& row : kEndpoints) {
    if (!row.fips && !row.dual_stack) {
      if (!out.empty()) out.append(", ");
      out.append(row.partition);
    }
  }
  return out;
}

std::string_view partition_of_region(std::string_view region) {
  for (const auto& row : kEndpoints)
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
  const std::string partition = config.partition.empty() ? "aws" : config.partition;
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
    for (const auto& row : kEndpoints) {
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
