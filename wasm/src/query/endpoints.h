// Where a service's requests go and which region they are signed for. IAM
// is a global service: each partition has one endpoint per FIPS / dual-stack
// combination, always signed for the partition's home region. STS is
// regional: the client's region picks the endpoint and is signed for. A
// custom endpoint (a proxy, LocalStack, a VPC endpoint, the local demo)
// replaces either and must name its signing region itself.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "query/limits.h"
#include "query/model.h"
#include "util/issues.h"

namespace keyflip::query {

struct EndpointConfig {
  std::string partition = limits::kDefaultPartition;  // "" also means the default
  bool fips = false;
  bool dual_stack = false;
  std::string endpoint;  // custom http(s) URL, may carry a path prefix; "" = IAM's own
  std::string region;    // required with a custom endpoint; otherwise only cross-checked
};

struct Endpoint {
  std::string url;             // where requests go, ending in '/': "https://iam.amazonaws.com/"
  std::string signing_region;  // "us-east-1"
  bool custom = false;
};

// "aws, aws-cn, aws-us-gov, ..." for messages.
std::string known_partitions();

// The partition a region name belongs to by its shape ("cn-north-1" ->
// "aws-cn", "aws-us-gov-global" -> "aws-us-gov"); "" when it fits none.
std::string_view partition_of_region(std::string_view region);

// Where a request to service goes: a custom endpoint, or the service's own
// for the partition x FIPS x dual-stack (x region, for STS). Appends every
// problem to issues (fields "partition", "endpoint", "region", "fips",
// "dualStack") and returns nullopt if there was any.
std::optional<Endpoint> resolve_endpoint(const Service& service, const EndpointConfig& config,
                                         util::Issues& issues);

}  // namespace keyflip::query
