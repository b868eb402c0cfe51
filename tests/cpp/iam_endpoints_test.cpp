// IAM endpoints: every row of the shared iam-endpoints.tsv (taken from the
// AWS IAM endpoint rule set) resolves exactly, and custom endpoints are
// checked strictly.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "query/endpoints.h"
#include "suite_case.h"

namespace keyflip::query {
namespace {

namespace fs = std::filesystem;

struct TsvRow {
  std::string partition;
  bool fips = false, dual_stack = false;
  std::string url, signing_region;
};

std::vector<TsvRow> read_tsv() {
  std::vector<TsvRow> rows;
  std::istringstream in(testing::read_file(fs::path(KEYFLIP_TESTDATA) / "iam-endpoints.tsv"));
  std::string line;
  bool header_seen = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {  // partition fips dualstack url signing_region
      header_seen = true;
      continue;
    }
    std::istringstream cells(line);
    TsvRow row;
    std::string fips, dual;
    std::getline(cells, row.partition, '\t');
    std::getline(cells, fips, '\t');
    std::getline(cells, dual, '\t');
    std::getline(cells, row.url, '\t');
    std::getline(cells, row.signing_region, '\t');
    row.fips = fips == "true";
    row.dual_stack = dual == "true";
    rows.push_back(row);
  }
  return rows;
}

std::vector<std::string> fields(const util::Issues& issues) {
  std::vector<std::string> out;
  for (const auto& i : issues) out.push_back(i.field + "/" + i.rule);
  return out;
}

using Fields = std::vector<std::string>;

TEST(IamEndpoints, EveryTsvRowResolves) {
  const fs::path tsv = fs::path(KEYFLIP_TESTDATA) / "iam-endpoints.tsv";
  ASSERT_TRUE(fs::exists(tsv)) << "shared test data missing: " << tsv;
  const auto rows = read_tsv();
  ASSERT_EQ(rows.size(), 32u);  // 8 partitions x FIPS x dual-stack
  EXPECT_EQ(iam_service().endpoints.size, rows.size()) << "the table has rows the TSV lacks";
  for (const auto& row : rows) {
    SCOPED_TRACE(row.partition + " fips=" + std::to_string(row.fips) +
                 " dualstack=" + std::to_string(row.dual_stack));
    EndpointConfig config;
    config.partition = row.partition;
    config.fips = row.fips;
    config.dual_stack = row.dual_stack;
    util::Issues issues;
    const auto endpoint = resolve_endpoint(iam_service(), config, issues);
    ASSERT_TRUE(endpoint) << (issues.empty() ? "" : issues[0].message);
    EXPECT_EQ(endpoint->url, row.url + "/");
    EXPECT_EQ(endpoint->signing_region, row.signing_region);
    EXPECT_FALSE(endpoint->custom);
    // The partition's own region may be given; it changes nothing.
    config.region = row.signing_region;
    const auto again = resolve_endpoint(iam_service(), config, issues);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->url, endpoint->url);
  }
}

TEST(IamEndpoints, DefaultsToAwsPartition) {
  util::Issues issues;
  const auto endpoint = resolve_endpoint(iam_service(), EndpointConfig{}, issues);
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->url, "https://iam.amazonaws.com/");
  EXPECT_EQ(endpoint->signing_region, "us-east-1");
  EndpointConfig empty_partition;
  empty_partition.partition = "";
  EXPECT_EQ(resolve_endpoint(iam_service(), empty_partition, issues)->url, "https://iam.amazonaws.com/");
  // IAM is global: any aws region signs for us-east-1.
  EndpointConfig eu;
  eu.region = "eu-west-1";
  EXPECT_EQ(resolve_endpoint(iam_service(), eu, issues)->signing_region, "us-east-1");
  EXPECT_TRUE(issues.empty());
}

TEST(IamEndpoints, UnknownPartitionNamesTheKnownOnes) {
  EndpointConfig config;
  config.partition = "aws-mars";
  util::Issues issues;
  EXPECT_FALSE(resolve_endpoint(iam_service(), config, issues));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "partition");
  EXPECT_EQ(issues[0].message,
            "partition: \"aws-mars\" is not one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, "
            "aws-iso-e, aws-iso-f, aws-eusc");
}

TEST(IamEndpoints, RegionFromAnotherPartition) {
  EndpointConfig config;
  config.region = "cn-north-1";
  util::Issues issues;
  EXPECT_FALSE(resolve_endpoint(iam_service(), config, issues));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].message,
            "region: \"cn-north-1\" belongs to partition aws-cn, not aws; set partition to aws-cn");
  EXPECT_EQ(partition_of_region("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(partition_of_region("us-isob-east-1"), "aws-iso-b");
  EXPECT_EQ(partition_of_region("eu-isoe-west-1"), "aws-iso-e");
  EXPECT_EQ(partition_of_region("us-isof-south-1"), "aws-iso-f");
  EXPECT_EQ(partition_of_region("eusc-de-east-1"), "aws-eusc");
  EXPECT_EQ(partition_of_region("mx-central-1"), "aws");
  EXPECT_EQ(partition_of_region("aws-iso-b-global"), "aws-iso-b");
  EXPECT_EQ(partition_of_region("aws-global"), "aws");
  EXPECT_EQ(partition_of_region("local"), "");
  EXPECT_EQ(partition_of_region("xx-east-1"), "");
  // Every signing region in the table belongs to its own partition.
  const auto table = iam_service().endpoints;
  for (std::size_t i = 0; i < table.size; ++i)
    EXPECT_EQ(partition_of_region(table.rows[i].signing_region), table.rows[i].partition)
        << table.rows[i].signing_region;
}

TEST(IamEndpoints, CustomEndpoints) {
  const std::pair<const char*, const char*> cases[] = {
      {"https://proxy.example/iam", "https://proxy.example/iam/"},
      {"https://proxy.example/iam/", "https://proxy.example/iam/"},
      {"https://proxy.example", "https://proxy.example/"},
      {"https://proxy.example/", "https://proxy.example/"},
      {"http://localhost:4566", "http://localhost:4566/"},
      {"HTTPS://Proxy.Example:443/a/b", "https://proxy.example/a/b/"},
      {"http://127.0.0.1:80/", "http://127.0.0.1/"},
      {"http://[::1]:8080/x%2Fy", "http://[::1]:8080/x%2Fy/"},
      {"https://vpce-1a2b.iam.us-east-1.vpce.amazonaws.com", 
       "https://vpce-1a2b.iam.us-east-1.vpce.amazonaws.com/"},
  };
  for (const auto& [given, expected] : cases) {
    EndpointConfig config;
    config.endpoint = given;
    config.region = "eu-west-1";
    util::Issues issues;
    const auto endpoint = resolve_endpoint(iam_service(), config, issues);
    ASSERT_TRUE(endpoint) << given << ": " << (issues.empty() ? "" : issues[0].message);
    EXPECT_EQ(endpoint->url, expected);
    EXPECT_EQ(endpoint->signing_region, "eu-west-1");
    EXPECT_TRUE(endpoint->custom);
  }
  // A custom endpoint may sign for any region, whatever the partition says.
  EndpointConfig cn;
  cn.endpoint = "https://proxy.example";
  cn.region = "cn-north-1";
  util::Issues issues;
  EXPECT_TRUE(resolve_endpoint(iam_service(), cn, issues));
}

TEST(IamEndpoints, BadCustomEndpoints) {
  const char* bad[] = {
      "proxy.example",                  // not absolute
      "ftp://proxy.example",            // scheme
      "https://user:pw@proxy.example",  // userinfo
      "https://proxy.example/#frag",    // fragment
      "https://proxy.example/?a=1",     // query
      "https://proxy.example/?",        // empty query
      "https://proxy.example:0",        // port
      "https://proxy.example:70000",
      "https://",                       // no host
      "https://proxy.example/a b",      // space in the path
      "https://proxy.example/\xC3\xA9",  // non-ASCII path
      "https://proxy.example/a/../b",   // dot segments
      "https://proxy.example/./b",
      "https://proxy.example//b",       // empty segment
      "https://proxy.example/%zz",      // broken escape
  };
  for (const char* url : bad) {
    EndpointConfig config;
    config.endpoint = url;
    config.region = "us-east-1";
    util::Issues issues;
    EXPECT_FALSE(resolve_endpoint(iam_service(), config, issues)) << url;
    EXPECT_EQ(fields(issues), Fields{"endpoint/url"}) << url;
    for (const auto& i : issues) EXPECT_EQ(i.message.find("pw"), std::string::npos);
  }
}

TEST(IamEndpoints, CustomEndpointConflictsAndRegion) {
  EndpointConfig config;
  config.endpoint = "https://proxy.example";
  config.fips = true;
  config.dual_stack = true;
  util::Issues issues;
  EXPECT_FALSE(resolve_endpoint(iam_service(), config, issues));
  EXPECT_EQ(fields(issues), (Fields{"endpoint/conflict", "region/required"}));
  EXPECT_EQ(issues[1].message,
            "region: is required with a custom endpoint: the region to sign for (e.g. us-east-1)");

  issues.clear();
  config = {};
  config.endpoint = "https://proxy.example";
  config.region = "us east 1";
  EXPECT_FALSE(resolve_endpoint(iam_service(), config, issues));
  EXPECT_EQ(fields(issues), Fields{"region/pattern"});

  // Every problem at once.
  issues.clear();
  config = {};
  config.partition = "nope";
  config.endpoint = "ftp://x";
  config.dual_stack = true;
  EXPECT_FALSE(resolve_endpoint(iam_service(), config, issues));
  EXPECT_EQ(fields(issues),
            (Fields{"partition/enum", "endpoint/conflict", "region/required", "endpoint/url"}));
}

}  // namespace
}  // namespace keyflip::query
