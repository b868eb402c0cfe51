// The shape-driven reader of IAM's answers: parse_response for every listed
// operation (pugixml underneath, the output shapes on top).
//
// Input: a first line "<Action> [<status>]" (e.g. "ListUsers 200"; an
// unknown action picks an operation by its first byte), then the body as is.
//
// Properties beyond "no crash":
//   the answer is classified as parse_iam_response classifies it, except that
//   only the operation's own <Action>Response is a success, and that one
//   even without a RequestId (see tests/fuzz/README.md);
//   a success has a Map output (Null otherwise) whose keys are the output
//   shape's member names in model order, each value of its shape's kind
//   (strings valid UTF-8, integers whole and safe, timestamps finite), lists
//   of the member shape's kind;
//   every unreadable entry names a field and is valid UTF-8.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "query/operation.h"

using namespace keyflip;

namespace {

void check_value(const query::Shape& shape, const query::Value& v, const std::string& path) {
  using K = query::Value::Kind;
  switch (shape.type) {
    case query::ShapeType::String:
      FUZZ_CHECK(v.kind == K::String && keyflip_fuzz::valid_utf8(v.text), path);
      return;
    case query::ShapeType::Integer:
      FUZZ_CHECK(v.kind == K::Number && std::floor(v.number) == v.number &&
                     std::fabs(v.number) <= 9007199254740991.0,
                 path);
      return;
    case query::ShapeType::Boolean:
      FUZZ_CHECK(v.kind == K::Bool, path);
      return;
    case query::ShapeType::Timestamp:
      FUZZ_CHECK(v.kind == K::Timestamp && std::isfinite(v.number), path);
      return;
    case query::ShapeType::List:
      FUZZ_CHECK(v.kind == K::List, path);
      for (const auto& item : v.items) check_value(*shape.list_member, item, path + "[]");
      return;
    case query::ShapeType::Structure: {
      FUZZ_CHECK(v.kind == K::Map, path);
      std::size_t next = 0;  // keys in model order, each at most once
      for (const auto& [key, item] : v.entries) {
        while (next < shape.member_count && shape.members[next].name != key) ++next;
        FUZZ_CHECK(next < shape.member_count, path + "." + key);
        check_value(*shape.members[next].shape, item, path + "." + key);
        ++next;
      }
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto newline = text.find('\n');
  const std::string_view first = newline == std::string_view::npos ? text : text.substr(0, newline);
  text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  const auto space = first.find(' ');
  const std::string_view action = first.substr(0, space);
  int status = 200;
  if (space != std::string_view::npos) {
    status = 0;
    for (char c : first.substr(space + 1, 3)) status = c >= '0' && c <= '9' ? status * 10 + (c - '0') : status;
  }
  const query::OperationTable table = query::iam_model::operations();
  const query::Operation* op = query::find_operation(action);
  if (!op) op = table.rows[(first.empty() ? 0 : static_cast<unsigned char>(first[0])) % table.size];

  const query::ParsedResponse parsed = query::parse_response(op, status, text);
  const query::IamAnswer legacy = query::parse_iam_response(status, text);
  const query::IamAnswer& a = parsed.answer;
  FUZZ_CHECK(a.ok == (a.kind == query::AnswerKind::Success), a.message);
  if (a.kind == query::AnswerKind::ServiceError || legacy.kind == query::AnswerKind::ServiceError) {
    FUZZ_CHECK(a.kind == legacy.kind && a.code == legacy.code && a.request_id == legacy.request_id,
               a.message);
  }
  // The own <Action>Response is a success even without a RequestId (as
  // UpdateAccessKey's always was); parse_iam_response needs one for it.
  if (a.ok) FUZZ_CHECK(legacy.ok ? a.request_id == legacy.request_id : a.request_id.empty(), a.request_id);
  FUZZ_CHECK(a.retryable == legacy.retryable || a.kind != legacy.kind, a.message);

  if (!a.ok) {
    FUZZ_CHECK(parsed.output.is_null(), a.message);
  } else if (op->output) {
    check_value(*op->output, parsed.output, std::string(op->name));
  } else {
    FUZZ_CHECK(parsed.output.kind == query::Value::Kind::Map && parsed.output.entries.empty(), a.message);
  }
  for (const auto& issue : parsed.unreadable) {
    FUZZ_CHECK(!issue.field.empty() && issue.rule == "unreadable", issue.message);
    FUZZ_CHECK(keyflip_fuzz::valid_utf8(issue.message), issue.message);
  }
  return 0;
}
