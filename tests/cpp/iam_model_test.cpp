// The generated IAM tables against botocore's IAM model itself (the AWS
// source of truth as Debian's python3-botocore ships it): every listed
// operation, every reachable shape, every rule. A missing model fails; a
// silently skipped check would let the tables drift.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "query/endpoints.h"
#include "query/operation.h"
#include "suite_case.h"

namespace keyflip::query {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // keeps member order, which is the wire order

Json botocore_model(const fs::path& path = KEYFLIP_BOTOCORE_IAM_MODEL) {
  if (!fs::exists(path)) {
    ADD_FAILURE() << "botocore's model is missing at " << path;
    return Json::object();
  }
  return Json::parse(testing::read_file(path));
}

std::vector<std::string> listed_operations(const std::string& service = "iam") {
  std::istringstream in(testing::read_file(fs::path(KEYFLIP_SOURCE_DIR) / "wasm/model" / (service + "-operations.txt")));
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

const char* type_name(ShapeType t) {
  switch (t) {
    case ShapeType::String: return "string";
    case ShapeType::Integer: return "integer";
    case ShapeType::Boolean: return "boolean";
    case ShapeType::Timestamp: return "timestamp";
    case ShapeType::Blob: return "blob";
    case ShapeType::Structure: return "structure";
    case ShapeType::List: return "list";
  }
  return "?";
}

// Compares a generated shape with the model's, recursively; `input`: reached
// from an operation's input, so patterns and enums must be there too.
void expect_shape(const Json& model, const Shape& shape, bool input, std::set<std::string>& seen) {
  SCOPED_TRACE(std::string(shape.name));
  const Json& m = model["shapes"][std::string(shape.name)];
  ASSERT_TRUE(m.is_object());
  EXPECT_EQ(type_name(shape.type), m["type"].get<std::string>());
  EXPECT_EQ(shape.has_min, m.contains("min"));
  EXPECT_EQ(shape.has_max, m.contains("max"));
  if (shape.has_min) {
    EXPECT_EQ(shape.min, m["min"].get<std::int64_t>());
  }
  if (shape.has_max) {
    EXPECT_EQ(shape.max, m["max"].get<std::int64_t>());
  }
  if (input) {
    EXPECT_EQ(shape.pattern != nullptr, m.contains("pattern"));
    if (shape.pattern) {
      EXPECT_EQ(shape.pattern->source, m["pattern"].get<std::string>());
    }
    std::vector<std::string> values;
    for (std::size_t i = 0; i < shape.enum_count; ++i) values.emplace_back(shape.enum_values[i]);
    EXPECT_EQ(values, m.value("enum", std::vector<std::string>()));
  }
  if (!seen.insert(std::string(shape.name) + (input ? "/in" : "/out")).second) return;
  if (shape.type == ShapeType::Structure) {
    std::vector<std::string> names;
    for (const auto& item : m["members"].items()) names.push_back(item.key());
    ASSERT_EQ(shape.member_count, names.size());
    const Json required = m.value("required", Json::array());
    for (std::size_t i = 0; i < shape.member_count; ++i) {
      const Member& member = shape.members[i];
      EXPECT_EQ(member.name, names[i]) << "members and their order must match botocore's";
      const Json& ref = m["members"][names[i]];
      EXPECT_EQ(member.shape->name, ref["shape"].get<std::string>());
      EXPECT_EQ(member.xml_name, ref.value("locationName", names[i]));
      EXPECT_EQ(member.required, std::find(required.begin(), required.end(), names[i]) != required.end());
      expect_shape(model, *member.shape, input, seen);
    }
  }
  if (shape.type == ShapeType::List) {
    ASSERT_NE(shape.list_member, nullptr);
    EXPECT_EQ(shape.list_member->name, m["member"]["shape"].get<std::string>());
    EXPECT_EQ(shape.flattened, m.value("flattened", false));
    expect_shape(model, *shape.list_member, input, seen);
  }
}

// Every listed operation of one service against that service's botocore model.
void expect_service_agrees(const Service& service, const fs::path& model_path,
                           const std::vector<std::string>& expected) {
  SCOPED_TRACE(std::string(service.id));
  const Json model = botocore_model(model_path);
  ASSERT_TRUE(model.contains("operations"));
  EXPECT_EQ(model["metadata"]["protocol"], "query");
  const std::vector<std::string> listed = listed_operations(std::string(service.id));
  EXPECT_EQ(listed, expected);
  std::vector<std::string> names;
  for (const Operation* op : service.operations) names.emplace_back(op->name);
  EXPECT_EQ(names, listed);
  EXPECT_EQ(service.api_version, model["metadata"]["apiVersion"].get<std::string>());

  std::set<std::string> seen;
  for (const std::string& name : listed) {
    SCOPED_TRACE(name);
    const Operation* op = find_operation(name);
    ASSERT_NE(op, nullptr);
    EXPECT_EQ(op->service, &service);
    const Json& m = model["operations"][name];
    EXPECT_EQ(op->name, name);
    EXPECT_EQ(op->version, model["metadata"]["apiVersion"].get<std::string>());
    EXPECT_EQ(m["http"]["method"], "POST");
    if (m.contains("input")) {
      ASSERT_NE(op->input, nullptr);
      EXPECT_EQ(op->input->name, m["input"]["shape"].get<std::string>());
      expect_shape(model, *op->input, true, seen);
    } else {
      EXPECT_EQ(op->input, nullptr);
    }
    if (m.contains("output")) {
      ASSERT_NE(op->output, nullptr);
      EXPECT_EQ(op->output->name, m["output"]["shape"].get<std::string>());
      EXPECT_EQ(op->result_wrapper, m["output"]["resultWrapper"].get<std::string>());
      expect_shape(model, *op->output, false, seen);
    } else {
      EXPECT_EQ(op->output, nullptr);
      EXPECT_EQ(op->result_wrapper, "");
    }
  }
}

TEST(IamModel, TablesAgreeWithBotocore) {
  expect_service_agrees(iam_service(), KEYFLIP_BOTOCORE_IAM_MODEL,
                        {"UpdateAccessKey", "ListUsers", "ListAccessKeys", "GetAccessKeyLastUsed",
                         "GetUser", "CreateAccessKey", "DeleteAccessKey", "GenerateCredentialReport",
                         "GetCredentialReport", "PutUserPolicy", "GetUserPolicy", "ListUserPolicies",
                         "DeleteUserPolicy", "ListAttachedUserPolicies"});
  EXPECT_EQ(find_operation("DeleteUser"), nullptr);       // not listed
  EXPECT_EQ(find_operation("updateAccessKey"), nullptr);  // names are case-sensitive
}

TEST(StsModel, TablesAgreeWithBotocore) {
  const Service* sts = find_service("sts");
  ASSERT_NE(sts, nullptr);
  EXPECT_EQ(sts, &sts_model::service());
  EXPECT_TRUE(sts->regional);
  EXPECT_FALSE(iam_service().regional);
  expect_service_agrees(*sts, KEYFLIP_BOTOCORE_STS_MODEL,
                        {"GetCallerIdentity", "GetAccessKeyInfo", "GetSessionToken"});
  EXPECT_EQ(find_operation("AssumeRole"), nullptr);  // not listed
}

// The services are listed IAM first, and no action name is in both.
TEST(QueryModel, ServicesAndUniqueActionNames) {
  const ServiceTable all = services();
  ASSERT_EQ(all.size, 2u);
  EXPECT_EQ(all.rows[0]->id, "iam");
  EXPECT_EQ(all.rows[1]->id, "sts");
  std::set<std::string_view> names;
  for (const Service* service : all)
    for (const Operation* op : service->operations) EXPECT_TRUE(names.insert(op->name).second) << op->name;
  EXPECT_EQ(find_service("s3"), nullptr);
}

// GetCredentialReport's Content is a blob: base64 in the XML, bytes out.
TEST(QueryModel, BlobOutputIsDecodedBase64) {
  const Operation& op = *find_operation("GetCredentialReport");
  const std::string body =
      "<GetCredentialReportResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
      "<GetCredentialReportResult><Content>dXNlcixhcm4K</Content><ReportFormat>text/csv</ReportFormat>"
      "<GeneratedTime>2026-12-08T04:00:00Z</GeneratedTime></GetCredentialReportResult>"
      "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCredentialReportResponse>";
  const auto parsed = read_response(&op, 200, body);
  ASSERT_TRUE(parsed.answer.ok) << parsed.answer.message;
  const Value* content = parsed.output.find("Content");
  ASSERT_NE(content, nullptr);
  EXPECT_EQ(content->kind, Value::Kind::Bytes);
  EXPECT_EQ(content->text, "user,arn\n");
  std::string bad = body;
  bad.replace(bad.find("dXNlcixhcm4K"), 12, "dXNlcixhcm4");  // not a multiple of 4
  const auto refused = read_response(&op, 200, bad);
  EXPECT_FALSE(refused.answer.ok);
  EXPECT_NE(refused.answer.message.find("Content"), std::string::npos) << refused.answer.message;
}

TEST(IamModel, PatternWordsAndOutputOnlyShapes) {
  const Operation& list_users = *find_operation("ListUsers");
  const Member* path_prefix = find_member(*list_users.input, "PathPrefix");
  ASSERT_TRUE(path_prefix && path_prefix->shape->pattern);
  EXPECT_EQ(path_prefix->shape->pattern->allowed,
            "'/' then any number of characters U+0021 to U+007F");
  const Member* marker = find_member(*list_users.input, "Marker");
  EXPECT_EQ(marker->shape->pattern->allowed, "characters U+0020 to U+00FF");
  const Member* user_name = find_member(*find_operation("UpdateAccessKey")->input, "UserName");
  EXPECT_EQ(user_name->shape->pattern->allowed, "ASCII letters, digits and _+=,.@-");
  // Output shapes carry no patterns (nothing validates IAM's answers), so a
  // pattern outside the subset there (\p{L} in tags) is not compiled in.
  const Member* users = find_member(*list_users.output, "Users");
  const Shape& user = *users->shape->list_member;
  const Shape& tag = *find_member(user, "Tags")->shape->list_member;
  EXPECT_EQ(find_member(tag, "Key")->shape->pattern, nullptr);
}

TEST(IamModel, EndpointTsvIsTheSharedOneWithAHeader) {
  const std::string shared = testing::read_file(fs::path(KEYFLIP_TESTDATA) / "iam-endpoints.tsv");
  const std::string ours =
      testing::read_file(fs::path(KEYFLIP_SOURCE_DIR) / "wasm/model/iam-endpoints.tsv");
  ASSERT_FALSE(shared.empty());
  ASSERT_GE(ours.size(), shared.size());
  EXPECT_EQ(ours.substr(ours.size() - shared.size()), shared);
  const std::string header = ours.substr(0, ours.size() - shared.size());
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) EXPECT_EQ(line.rfind("# ", 0), 0u) << line;
  EXPECT_EQ(iam_service().endpoints.size, 32u);
}

}  // namespace
}  // namespace keyflip::query
