// validate_params: every problem with an operation's params, by its input
// shape. Messages read like
//   AccessKeyId: length 12 is below the minimum 16
//   UserName: character ' ' at position 3 is not allowed (allowed: ASCII letters, digits and _+=,.@-)
//   MaxItems: 5000 is above the maximum 1000
//   Colour: is not a parameter of ListUsers (known: PathPrefix, Marker, MaxItems)
// Lengths and positions count characters (code points), positions from 0 (as
// JavaScript indexes strings). Invalid UTF-8 breaks the pattern rule.
#include <cmath>

#include "query/model.h"
#include "query/operation.h"
#include "query/pattern_match.h"
#include "query/utf8.h"
#include "util/amz_date.h"
#include "util/hex.h"

namespace keyflip::query {

namespace {

using util::add_issue;
using util::Issues;

// Integers beyond 2^53 are not exact in a JS number, so none is accepted.
constexpr double kMaxSafeInteger = 9007199254740991.0;

// As the JS wrapper describes values ("got a number"), so messages read alike.
const char* describe(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return "a boolean";
    case Value::Kind::Number: return "a number";
    case Value::Kind::String: return "a string";
    case Value::Kind::Timestamp: return "a Date";
    case Value::Kind::Bytes: return "bytes";
    case Value::Kind::List: return "an array";
    case Value::Kind::Map: return "an object";
  }
  return "a value";
}

// A value quoted back in a message: escaped like a JSON string and cut at 64
// characters, so a stray megabyte or a control character cannot mangle it.
std::string quoted(std::string_view text) {
  constexpr std::size_t kMaxShown = 64;
  std::string out = "\"";
  std::size_t pos = 0, shown = 0;
  for (; pos < text.size() && shown < kMaxShown; ++shown) {
    const CodePoint cp = decode_utf8(text, pos);
    if (!cp.valid) {
      append_utf8(out, 0xfffd);
    } else if (cp.value == '"' || cp.value == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp.value));
    } else if (cp.value < 0x20 || cp.value == 0x7f) {
      out.append("\\u").append(util::upper_hex(cp.value, 4));
    } else {
      out.append(text.substr(pos, cp.size));
    }
    pos += cp.size;
  }
  out.push_back('"');
  if (pos < text.size()) out.append("...");
  return out;
}

// "' '", "'é' (U+00E9)", "U+000A": visible characters are shown, anything
// else by its code point so invisible ones can be found.
std::string describe_character(char32_t c) {
  const std::string code = "U+" + util::upper_hex(c, 4);
  if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) return "character " + code;
  std::string shown = "character '";
  append_utf8(shown, c);
  shown.push_back('\'');
  if (c >= 0x80) shown.append(" (").append(code).append(")");
  return shown;
}

std::string known_members(const Shape& shape) {
  std::string out;
  for (std::size_t i = 0; i < shape.member_count; ++i)
    out.append(i ? ", " : "").append(shape.members[i].name);
  return out;
}

class Validator {
 public:
  Validator(const Operation& op, Issues& issues) : op_(op), issues_(issues) {}

  void value(const Shape& shape, const Value& v, const std::string& path) {
    switch (shape.type) {
      case ShapeType::String:
        if (v.kind != Value::Kind::String) return type(path, "a string", v);
        return string(shape, v.text, path);
      case ShapeType::Integer:
        if (v.kind != Value::Kind::Number) return type(path, "an integer", v);
        if (!std::isfinite(v.number) || std::floor(v.number) != v.number ||
            std::fabs(v.number) > kMaxSafeInteger)
          return add_issue(issues_, path, "type",
                           "must be an integer, got a number that is not a whole number (or "
                           "beyond 2^53)");
        return integer(shape, static_cast<std::int64_t>(v.number), path);
      case ShapeType::Boolean:
        if (v.kind != Value::Kind::Bool) return type(path, "true or false", v);
        return;
      case ShapeType::Timestamp:
        if (v.kind != Value::Kind::Timestamp) return type(path, "a Date", v);
        if (!(v.number >= util::kMinIso8601Ms && v.number < util::kMaxIso8601Ms))
          add_issue(issues_, path, "range", "must be a date in the years 0000 to 9999");
        return;
      case ShapeType::Blob:  // output only: the generator refuses an input blob
        return add_issue(issues_, path, "type", "is an output-only blob");
      case ShapeType::List:
        if (v.kind != Value::Kind::List) return type(path, "an array", v);
        return list(shape, v, path);
      case ShapeType::Structure:
        if (v.kind != Value::Kind::Map) return type(path, "an object", v);
        return structure(shape, v, path);
    }
  }

  void structure(const Shape& shape, const Value& v, const std::string& path) {
    const std::string prefix = path.empty() ? "" : path + ".";
    // Unknown names first: a misspelt member often explains a missing one.
    for (const auto& [key, item] : v.entries) {
      if (find_member(shape, key)) continue;
      const std::string what = path.empty() ? "a parameter of " + std::string(op_.name)
                                            : "a member of " + std::string(shape.name);
      add_issue(issues_, prefix + key, "unknown",
                "is not " + what + " (known: " + known_members(shape) + ")");
    }
    for (std::size_t i = 0; i < shape.member_count; ++i) {
      const Member& member = shape.members[i];
      const std::string field = prefix + std::string(member.name);
      const Value* item = v.find(member.name);
      if (!item || item->is_null()) {  // null counts as absent
        if (member.required) add_issue(issues_, field, "required", "is required");
        continue;
      }
      value(*member.shape, *item, field);
    }
  }

 private:
  void type(const std::string& path, const char* expected, const Value& got) {
    add_issue(issues_, path, "type", std::string("must be ") + expected + ", got " + describe(got));
  }

  void string(const Shape& shape, std::string_view text, const std::string& path) {
    const std::size_t length = count_code_points(text);
    if (shape.has_min && static_cast<std::int64_t>(length) < shape.min)
      add_issue(issues_, path, "minLength",
                "length " + std::to_string(length) + " is below the minimum " +
                    std::to_string(shape.min));
    if (shape.has_max && static_cast<std::int64_t>(length) > shape.max)
      add_issue(issues_, path, "maxLength",
                "length " + std::to_string(length) + " is above the maximum " +
                    std::to_string(shape.max));
    if (shape.pattern) pattern(shape, *shape.pattern, text, path);
    if (shape.enum_values) enumeration(shape, text, path);
  }

  void pattern(const Shape& shape, const Pattern& p, std::string_view text, const std::string& path) {
    const std::string allowed = " (allowed: " + std::string(p.allowed) + ")";
    const PatternMismatch m = match_pattern(p, text);
    switch (m.kind) {
      case PatternMismatch::Kind::None:
        return;
      case PatternMismatch::Kind::InvalidUtf8:
        return add_issue(issues_, path, "pattern",
                         "byte 0x" +
                             util::upper_hex(static_cast<unsigned char>(text[m.byte_offset]), 2) +
                             " at position " + std::to_string(m.index) + " is not valid UTF-8" +
                             allowed);
      case PatternMismatch::Kind::Character:
        return add_issue(issues_, path, "pattern",
                         describe_character(decode_utf8(text, m.byte_offset).value) +
                             " at position " + std::to_string(m.index) + " is not allowed" +
                             allowed);
      case PatternMismatch::Kind::TooShort:
        // An empty value breaks "[...]+"; say so unless minLength already did.
        if (text.empty() && shape.has_min && shape.min >= 1) return;
        return add_issue(issues_, path, "pattern",
                         (text.empty() ? std::string("must not be empty")
                                       : "ends after " + std::to_string(m.index) +
                                             " characters, before the pattern is complete") +
                             allowed);
    }
  }

  void enumeration(const Shape& shape, std::string_view text, const std::string& path) {
    std::string choices;
    for (std::size_t i = 0; i < shape.enum_count; ++i) {
      if (shape.enum_values[i] == text) return;
      choices.append(i ? ", " : "").append(shape.enum_values[i]);
    }
    add_issue(issues_, path, "enum", quoted(text) + " is not one of " + choices);
  }

  void integer(const Shape& shape, std::int64_t n, const std::string& path) {
    if (shape.has_min && n < shape.min)
      add_issue(issues_, path, "min",
                std::to_string(n) + " is below the minimum " + std::to_string(shape.min));
    if (shape.has_max && n > shape.max)
      add_issue(issues_, path, "max",
                std::to_string(n) + " is above the maximum " + std::to_string(shape.max));
  }

  void list(const Shape& shape, const Value& v, const std::string& path) {
    const auto count = static_cast<std::int64_t>(v.items.size());
    if (shape.has_min && count < shape.min)
      add_issue(issues_, path, "minLength",
                "has " + std::to_string(count) + " items, below the minimum " +
                    std::to_string(shape.min));
    if (shape.has_max && count > shape.max)
      add_issue(issues_, path, "maxLength",
                "has " + std::to_string(count) + " items, above the maximum " +
                    std::to_string(shape.max));
    for (std::size_t i = 0; i < v.items.size(); ++i)
      value(*shape.list_member, v.items[i], path + "[" + std::to_string(i) + "]");
  }

  const Operation& op_;
  Issues& issues_;
};

}  // namespace

Issues validate_params(const Operation& op, const Value& params) {
  Issues issues;
  if (!op.input) {
    if (params.kind == Value::Kind::Map && !params.entries.empty())
      for (const auto& [key, item] : params.entries)
        add_issue(issues, key, "unknown",
                  "is not a parameter of " + std::string(op.name) + " (it takes none)");
    else if (!params.is_null() && params.kind != Value::Kind::Map)
      add_issue(issues, "params", "type", std::string("must be an object, got ") + describe(params));
    return issues;
  }
  if (params.is_null()) {
    Validator(op, issues).structure(*op.input, Value::map(), "");
  } else if (params.kind != Value::Kind::Map) {
    add_issue(issues, "params", "type", std::string("must be an object, got ") + describe(params));
  } else {
    Validator(op, issues).structure(*op.input, params, "");
  }
  return issues;
}

}  // namespace keyflip::query
