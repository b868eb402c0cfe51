// STS endpoints: regional, from the client's region, as AWS's STS endpoint
// rules resolve them with regional endpoints (wasm/model/sts-endpoints.tsv,
// written from Debian botocore's rules; tests/differential compares every
// call with botocore itself). The combinations AWS has no endpoint for, and
// regions that cannot be right, are issues naming the field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "query/endpoints.h"
#include "query/model.h"

namespace keyflip::query {
namespace {

const Service& sts() { return sts_model::service(); }

struct Resolved {
  std::string url, signing_region;
  std::vector<std::string> issues;  // "field/rule"
};

Resolved resolve(const std::string& partition, const std::string& region, bool fips = false,
                 bool dual_stack = false) {
  EndpointConfig config;
  config.partition = partition;
  config.region = region;
  config.fips = fips;
  config.dual_stack = dual_stack;
  util::Issues issues;
  const auto endpoint = resolve_endpoint(sts(), config, issues);
  Resolved out;
  if (endpoint) out.url = endpoint->url, out.signing_region = endpoint->signing_region;
  for (const auto& issue : issues) out.issues.push_back(issue.field + "/" + issue.rule);
  EXPECT_EQ(endpoint.has_value(), issues.empty());
  return out;
}

TEST(StsEndpoints, RegionalHostsSignedForTheRegion) {
  struct Case {
    std::string partition, region;
    bool fips, dual_stack;
    std::string url;
  };
  const std::vector<Case> cases = {
      {"aws", "us-east-1", false, false, "https://sts.us-east-1.amazonaws.com/"},
      {"aws", "eu-west-1", false, false, "https://sts.eu-west-1.amazonaws.com/"},
      {"aws", "eu-west-1", true, false, "https://sts-fips.eu-west-1.amazonaws.com/"},
      {"aws", "eu-west-1", false, true, "https://sts.eu-west-1.api.aws/"},
      {"aws", "ap-southeast-2", true, true, "https://sts-fips.ap-southeast-2.api.aws/"},
      {"aws-cn", "cn-north-1", false, false, "https://sts.cn-north-1.amazonaws.com.cn/"},
      {"aws-cn", "cn-northwest-1", false, true, "https://sts.cn-northwest-1.api.amazonwebservices.com.cn/"},
      // AWS's rules send FIPS in GovCloud to the standard host (dual-stack FIPS to sts-fips).
      {"aws-us-gov", "us-gov-west-1", true, false, "https://sts.us-gov-west-1.amazonaws.com/"},
      {"aws-us-gov", "us-gov-east-1", true, true, "https://sts-fips.us-gov-east-1.api.aws/"},
      {"aws-iso", "us-iso-east-1", false, false, "https://sts.us-iso-east-1.c2s.ic.gov/"},
      {"aws-iso-b", "us-isob-east-1", true, false, "https://sts-fips.us-isob-east-1.sc2s.sgov.gov/"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.partition + " " + c.region + (c.fips ? " fips" : "") + (c.dual_stack ? " dualstack" : ""));
    const Resolved r = resolve(c.partition, c.region, c.fips, c.dual_stack);
    EXPECT_EQ(r.issues, std::vector<std::string>{});
    EXPECT_EQ(r.url, c.url);
    EXPECT_EQ(r.signing_region, c.region);
  }
}

TEST(StsEndpoints, DefaultRegionOnlyInTheDefaultPartition) {
  const Resolved none = resolve("", "");
  EXPECT_EQ(none.url, "https://sts.us-east-1.amazonaws.com/");
  EXPECT_EQ(none.signing_region, limits::kDefaultStsRegion);
  EXPECT_EQ(resolve("aws-cn", "").issues, std::vector<std::string>{"region/required"});
}

TEST(StsEndpoints, RefusedCombinationsAndRegions) {
  using Issues = std::vector<std::string>;
  // Dual-stack in the ISO partitions: AWS's rules have no endpoint.
  EXPECT_EQ(resolve("aws-iso", "us-iso-east-1", false, true).issues, Issues{"dualStack/unsupported"});
  EXPECT_EQ(resolve("aws-iso-b", "us-isob-east-1", true, true).issues, Issues{"dualStack/unsupported"});
  // A partition Debian botocore's STS rules do not list.
  EXPECT_EQ(resolve("aws-iso-f", "us-isof-east-1").issues, Issues{"partition/unsupported"});
  // A region of another partition, a pseudo-region, not a host label.
  EXPECT_EQ(resolve("aws", "cn-north-1").issues, Issues{"region/partition"});
  EXPECT_EQ(resolve("aws", "aws-global").issues, Issues{"region/pattern"});
  EXPECT_EQ(resolve("aws", "-us-east-1").issues, Issues{"region/pattern"});
  EXPECT_EQ(resolve("aws", std::string(64, 'a')).issues, Issues{"region/pattern"});
  EXPECT_EQ(resolve("aws-cn", "moon-base-1").issues, Issues{"region/partition"});
  // IAM in the same partitions is fine: it is global.
  util::Issues issues;
  EndpointConfig iso;
  iso.partition = "aws-iso";
  iso.region = "us-iso-east-1";
  EXPECT_TRUE(resolve_endpoint(iam_service(), iso, issues));
  EXPECT_TRUE(issues.empty());
}

TEST(StsEndpoints, TheTableHasEveryCombinationOfItsPartitions) {
  EXPECT_TRUE(sts().regional);
  int none = 0;
  for (const auto& row : sts().endpoints) {
    if (row.url == "none") {
      ++none;
      continue;
    }
    EXPECT_NE(row.url.find("{region}"), std::string_view::npos) << row.url;
    EXPECT_EQ(row.signing_region, "{region}");
  }
  EXPECT_EQ(sts().endpoints.size % 4, 0u);
  EXPECT_EQ(none, 4);  // dual-stack x FIPS in aws-iso and aws-iso-b
}

}  // namespace
}  // namespace keyflip::query
