// parse_response: IAM's answer read against the operation's output shape, as
// botocore's QueryParser reads it: <Action>Response/<Action>Result, members
// matched by element (local) name in any order, unknown elements ignored,
// lists as <member> children (or the model's member name; flattened lists as
// repeated elements), strings exactly as sent (whitespace kept, entities,
// character references and CDATA decoded), timestamps ISO 8601 with or
// without fractional seconds. A member given twice: the first one counts.
#include <optional>

#include "crypto/base64.h"
#include "query/model.h"
#include "query/operation.h"
#include "query/response_document.h"
#include "query/utf8.h"
#include "query/xml_nodes.h"
#include "util/amz_date.h"

namespace keyflip::query {

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<double> parse_integer(std::string_view s) {
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty() || s.size() > 16) return std::nullopt;
  double value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > kMaxSafeInteger) return std::nullopt;
  return negative ? -value : value;
}

class Reader {
 public:
  explicit Reader(util::Issues& unreadable) : unreadable_(unreadable) {}

  // nullopt: the value could not be read (recorded), so the member is left out.
  std::optional<Value> value(const Shape& shape, const pugi::xml_node& node, const std::string& path) {
    switch (shape.type) {
      case ShapeType::String:
        // pugixml passes invalid UTF-8 through; what reaches a caller is valid.
        return Value::of_string(valid_utf8(xml::raw_text(node)));
      case ShapeType::Integer: {
        const std::string text = xml::raw_text(node);
        if (const auto n = parse_integer(trimmed(text))) return Value::of_number(*n);
        return problem(path, "is not an integer", text);
      }
      case ShapeType::Boolean: {
        const std::string text = xml::raw_text(node);
        const std::string_view t = trimmed(text);
        if (t == "true" || t == "false") return Value::of_bool(t == "true");
        return problem(path, "is not true or false", text);
      }
      case ShapeType::Timestamp: {
        const std::string text = xml::raw_text(node);
        if (const auto ms = util::parse_iso8601(trimmed(text))) return Value::of_timestamp(*ms);
        return problem(path, "is not an ISO 8601 timestamp", text);
      }
      case ShapeType::Blob: {
        const std::string text = xml::raw_text(node);
        if (auto bytes = crypto::decode_base64(text)) return Value::of_bytes(std::move(*bytes));
        return problem(path, "is not base64", text);
      }
      case ShapeType::Structure:
        return structure(shape, node, path);
      case ShapeType::List: {
        Value list = Value::list();
        items(shape, node, list, path);
        return list;
      }
    }
    return std::nullopt;
  }

  Value structure(const Shape& shape, const pugi::xml_node& node, const std::string& path) {
    Value out = Value::map();
    const std::string prefix = path.empty() ? "" : path + ".";
    for (std::size_t i = 0; i < shape.member_count; ++i) {
      const Member& member = shape.members[i];
      const Shape& ms = *member.shape;
      const std::string field = prefix + std::string(member.name);
      if (ms.type == ShapeType::List && ms.flattened) {
        // Items repeat in this element, named by the list member (or the member).
        const std::string_view name = ms.list_member_name.empty() ? member.xml_name : ms.list_member_name;
        Value list = Value::list();
        for (pugi::xml_node n = node.first_child(); n; n = n.next_sibling())
          if (n.type() == pugi::node_element && xml::local_name(n) == name)
            push_item(*ms.list_member, n, list, field);
        if (!list.items.empty()) out.set(std::string(member.name), std::move(list));
        continue;
      }
      const pugi::xml_node element = xml::child(node, member.xml_name);
      if (!element) continue;  // IAM left it out: absent
      if (auto v = value(ms, element, field)) out.set(std::string(member.name), std::move(*v));
    }
    return out;
  }

 private:
  void items(const Shape& list_shape, const pugi::xml_node& node, Value& list, const std::string& path) {
    const std::string_view name = list_item_name(list_shape);
    for (pugi::xml_node n = node.first_child(); n; n = n.next_sibling())
      if (n.type() == pugi::node_element && xml::local_name(n) == name)
        push_item(*list_shape.list_member, n, list, path);
  }

  void push_item(const Shape& item_shape, const pugi::xml_node& n, Value& list, const std::string& path) {
    const std::string item_path = path + "[" + std::to_string(list.items.size()) + "]";
    if (auto v = value(item_shape, n, item_path)) list.items.push_back(std::move(*v));
  }

  std::optional<Value> problem(const std::string& path, const char* what, std::string_view text) {
    util::add_issue(unreadable_, path, "unreadable",
                    std::string(what) + ": \"" + utf8_prefix(text, 64) + "\"");
    return std::nullopt;
  }

  static std::string valid_utf8(const std::string& text) { return utf8_prefix(text, text.size()); }

  util::Issues& unreadable_;
};

}  // namespace

namespace {
bool holds_blob(const Shape& shape, int depth) {
  if (shape.type == ShapeType::Blob) return true;
  if (depth > 16) return false;  // models nest a few levels; recursive shapes stop here
  if (shape.list_member && holds_blob(*shape.list_member, depth + 1)) return true;
  for (std::size_t i = 0; i < shape.member_count; ++i)
    if (holds_blob(*shape.members[i].shape, depth + 1)) return true;
  return false;
}
}  // namespace

std::size_t max_body_bytes(const Operation* op) {
  return op && op->output && holds_blob(*op->output, 0) ? kMaxBlobBodyBytes : kMaxParsedBodyBytes;
}

ParsedResponse parse_response(const Operation* op, int status, std::string_view body) {
  ParsedResponse parsed;
  if (!op) {
    parsed.answer = parse_iam_response(status, body);
    return parsed;
  }
  pugi::xml_document doc;
  parsed.answer = read_iam_document(status, body, std::string(op->name) + "Response",
                                    RootRule::OwnOnly, doc, max_body_bytes(op));
  if (!parsed.answer.ok) return parsed;
  parsed.output = Value::map();
  if (!op->output) return parsed;
  // A document without the result element has no members: all are absent.
  const pugi::xml_node result = xml::child(doc.document_element(), op->result_wrapper);
  if (result) parsed.output = Reader(parsed.unreadable).structure(*op->output, result, "");
  return parsed;
}

ParsedResponse read_response(const Operation* op, int status, std::string_view body) {
  ParsedResponse parsed = parse_response(op, status, body);
  if (!parsed.answer.ok || parsed.unreadable.empty()) return parsed;
  IamAnswer& a = parsed.answer;
  a.ok = false;
  a.kind = AnswerKind::Unparsable;
  a.code = std::string(kUnparsableCode);
  a.type.clear();
  a.message = "IAM's answer could not be read by the model's shapes: ";
  for (std::size_t i = 0; i < parsed.unreadable.size(); ++i)
    a.message.append(i ? "; " : "").append(parsed.unreadable[i].message);
  a.retryable = a.throttling = a.clock_skew = false;
  parsed.output = Value::null();
  return parsed;
}

}  // namespace keyflip::query
