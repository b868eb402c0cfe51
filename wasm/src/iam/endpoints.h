// Where IAM requests go and which region they are signed for. IAM is a
// global service: each partition has one endpoint per FIPS / dual-stack
// combination, always signed for the partition's home region. A custom
// endpoint (a proxy, LocalStack, a VPC endpoint) replaces that and must name
// its signing region itself.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "iam/limits.h"
#include "util/issues.h"

namespace keyflip::iam {

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

// One row of IAM's endpoint rule set, generated from wasm/model/iam-endpoints.tsv.
struct PartitionEndpoint {
  std::string_view partition;
  bool fips;
  bool dual_stack;
  std::string_view url;  // without the trailing '/'
  std::string_view signing_region;
};

struct PartitionEndpointTable {
  const PartitionEndpoint* rows;
  std::size_t size;
  const PartitionEndpoint* begin() const { return rows; }
  const PartitionEndpoint* end() const { return rows + size; }
};
// Every row, in the TSV's order (defined in the generated tables).
PartitionEndpointTable partition_endpoints();

// "aws, aws-cn, aws-us-gov, ..." for messages.
std::string known_partitions();

// The partition a region name belongs to by its shape ("cn-north-1" ->
// "aws-cn", "aws-us-gov-global" -> "aws-us-gov"); "" when it fits none.
std::string_view partition_of_region(std::string_view region);

// Appends every problem to issues (fields "partition", "endpoint", "region")
// and returns nullopt if there was any.
std::optional<Endpoint> resolve_endpoint(const EndpointConfig& config, util::Issues& issues);

}  // namespace keyflip::iam
