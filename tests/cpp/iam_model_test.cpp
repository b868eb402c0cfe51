// The generated IAM tables against botocore's IAM model itself (the AWS
// source of truth as Debian's python3-botocore ships it): every listed
// operation, every reachable shape, every rule. A missing model fails; a
// silently skipped check would let the tables drift.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "iam/endpoints.h"
#include "iam/operation.h"
#include "suite_case.h"

namespace keyflip::iam {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // keeps member order, which is the wire order

Json botocore_model() {
  const fs::path path = KEYFLIP_BOTOCORE_IAM_MODEL;
  if (!fs::exists(path)) {
    ADD_FAILURE() << "botocore's IAM model is missing at " << path;
    return Json::object();
  }
  return Json::parse(testing::read_file(path));
}

std::vector<std::string> listed_operations() {
  std::istringstream in(testing::read_file(fs::path(KEYFLIP_SOURCE_DIR) / "wasm/model/operations.txt"));
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

TEST(IamModel, TablesAgreeWithBotocore) {
  const Json model = botocore_model();
  ASSERT_TRUE(model.contains("operations"));
  EXPECT_EQ(model["metadata"]["protocol"], "query");
  const std::vector<std::string> listed = listed_operations();
  const std::vector<std::string> expected = {"UpdateAccessKey", "ListUsers", "ListAccessKeys",
                                             "GetAccessKeyLastUsed", "GetUser"};
  EXPECT_EQ(listed, expected);
  std::vector<std::string> names;
  for (std::string_view n : operation_names()) names.emplace_back(n);
  EXPECT_EQ(names, listed);

  std::set<std::string> seen;
  for (const std::string& name : listed) {
    SCOPED_TRACE(name);
    const Operation* op = find_operation(name);
    ASSERT_NE(op, nullptr);
    const Json& m = model["operations"][name];
    EXPECT_EQ(op->name, name);
    EXPECT_EQ(op->version, model["metadata"]["apiVersion"].get<std::string>());
    EXPECT_EQ(m["http"]["method"], "POST");
    ASSERT_NE(op->input, nullptr);
    EXPECT_EQ(op->input->name, m["input"]["shape"].get<std::string>());
    expect_shape(model, *op->input, true, seen);
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
  EXPECT_EQ(find_operation("DeleteAccessKey"), nullptr);  // not listed
  EXPECT_EQ(find_operation("updateAccessKey"), nullptr);  // names are case-sensitive
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
  EXPECT_EQ(partition_endpoints().size, 32u);
}

}  // namespace
}  // namespace keyflip::iam
