// The UpdateAccessKey shape JSON against botocore's IAM model (the AWS
// source of truth as Debian's python3-botocore ships it), and the generated
// C++ table against the JSON. Missing files fail: a silently skipped check
// would let the shape drift.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "iam/char_class_pattern.h"
#include "iam/input.h"
#include "iam/shape.h"
#include "suite_case.h"

namespace keyflip::iam {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;  // keeps member order, which is the wire order

const fs::path kShapeJson =
    fs::path(KEYFLIP_SOURCE_DIR) / "wasm" / "src" / "iam" / "update_access_key.shape.json";

Json load(const fs::path& path) { return Json::parse(testing::read_file(path)); }

TEST(IamShape, AgreesWithBotocoreModel) {
  const fs::path model_path = KEYFLIP_BOTOCORE_IAM_MODEL;
  ASSERT_TRUE(fs::exists(model_path))
      << "botocore's IAM model is missing at " << model_path
      << " (install python3-botocore or set -DKEYFLIP_BOTOCORE_IAM_MODEL=...)";
  const Json model = load(model_path);
  const Json ours = load(kShapeJson);

  EXPECT_EQ(ours["version"], model["metadata"]["apiVersion"]);
  EXPECT_EQ(ours["xmlNamespace"], model["metadata"]["xmlNamespace"]);
  EXPECT_EQ(model["metadata"]["protocol"], "query");
  const Json& operation = model["operations"][ours["operation"].get<std::string>()];
  ASSERT_TRUE(operation.is_object()) << "no operation " << ours["operation"];
  EXPECT_EQ(operation["http"]["method"], "POST");
  EXPECT_EQ(operation["http"]["requestUri"], "/");

  const Json& input = model["shapes"][operation["input"]["shape"].get<std::string>()];
  const Json required = input.value("required", Json::array());
  std::vector<std::string> model_names, our_names;
  for (const auto& item : input["members"].items()) model_names.push_back(item.key());
  for (const auto& member : ours["members"]) our_names.push_back(member["name"]);
  EXPECT_EQ(our_names, model_names) << "members and their order must match botocore's";

  for (const auto& member : ours["members"]) {
    const std::string name = member["name"];
    SCOPED_TRACE(name);
    const Json& ref = input["members"][name];
    ASSERT_TRUE(ref.is_object());
    const Json& shape = model["shapes"][ref["shape"].get<std::string>()];
    EXPECT_EQ(shape["type"], "string");
    const bool model_required =
        std::find(required.begin(), required.end(), name) != required.end();
    EXPECT_EQ(member["required"].get<bool>(), model_required);
    for (const char* key : {"min", "max", "pattern", "enum"}) {
      SCOPED_TRACE(key);
      EXPECT_EQ(member.contains(key), shape.contains(key));
      if (member.contains(key) && shape.contains(key)) {
        EXPECT_EQ(member[key], shape[key]);
      }
    }
    EXPECT_EQ(member.contains("allowed"), member.contains("pattern"))
        << "a pattern needs its wording for messages";
  }
}

TEST(IamShape, GeneratedTableMatchesJson) {
  const Json ours = load(kShapeJson);
  const OperationShape& shape = update_access_key_shape();
  EXPECT_EQ(shape.operation, ours["operation"].get<std::string>());
  EXPECT_EQ(shape.version, ours["version"].get<std::string>());
  EXPECT_EQ(shape.xml_namespace, ours["xmlNamespace"].get<std::string>());
  ASSERT_EQ(shape.member_count, ours["members"].size());
  for (std::size_t i = 0; i < shape.member_count; ++i) {
    const MemberShape& m = shape.members[i];
    const Json& j = ours["members"][i];
    SCOPED_TRACE(j["name"].get<std::string>());
    EXPECT_EQ(m.name, j["name"].get<std::string>());
    EXPECT_EQ(m.required, j["required"].get<bool>());
    EXPECT_EQ(m.min_length, j.value("min", -1));
    EXPECT_EQ(m.max_length, j.value("max", -1));
    EXPECT_EQ(m.pattern, j.value("pattern", std::string()));
    EXPECT_EQ(m.allowed, j.value("allowed", std::string()));
    std::vector<std::string> values(m.enum_values, m.enum_values + m.enum_count);
    EXPECT_EQ(values, j.value("enum", std::vector<std::string>()));
    EXPECT_EQ(find_member(shape, m.name), &m);
    EXPECT_NE(member_field(UpdateAccessKeyInput{}, m.name), nullptr) << "no input field";
    if (!m.pattern.empty()) {
      EXPECT_TRUE(compile_char_class_pattern(m.pattern)) << m.pattern;
    }
  }
  EXPECT_EQ(find_member(shape, "accessKeyId"), nullptr);  // names are case-sensitive
}

std::string members_of(const AsciiSet& set) {
  std::string out;
  for (int c = 0; c < 128; ++c)
    if (set.test(c)) out.push_back(static_cast<char>(c));
  return out;
}

TEST(CharClassPattern, WordMeansAsciiLettersDigitsUnderscore) {
  const std::string word = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
  EXPECT_EQ(members_of(*compile_char_class_pattern("[\\w]+")), word);
  EXPECT_EQ(members_of(*compile_char_class_pattern("[\\w+=,.@-]+")),
            "+,-.0123456789=@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
  EXPECT_EQ(members_of(*compile_char_class_pattern("[a-c\\d\\-]+")), "-0123456789abc");
  EXPECT_EQ(members_of(*compile_char_class_pattern("[-a]+")), "-a");
}

TEST(CharClassPattern, RefusesWhatItDoesNotInterpret) {
  for (const char* bad : {"", "[]+", "[a]", "[a]*", "x[a]+", "[^a]+", "[a[b]+", "[\\s]+",
                          "[\\u0041]+", "[z-a]+", "[a\\]+", "[é]+"})
    EXPECT_FALSE(compile_char_class_pattern(bad)) << bad;
}

}  // namespace
}  // namespace keyflip::iam
