#include "iam/validate.h"

#include "iam/char_class_pattern.h"
#include "iam/shape.h"
#include "iam/utf8.h"

namespace keyflip::iam {

namespace {

using util::add_issue;

// Uppercase hex of `value`, at least `width` digits: snprintf's "%0*X"
// without pulling printf's formatter (floating point included) into the wasm.
std::string upper_hex(unsigned value, int width) {
  static const char digits[] = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), digits[value & 0xf]);
    value >>= 4;
  } while (value != 0 || static_cast<int>(out.size()) < width);
  return out;
}
using util::Issues;

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
      out.append("\\u").append(upper_hex(cp.value, 4));
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
std::string describe_character(const CodePoint& cp) {
  const std::string code = "U+" + upper_hex(cp.value, 4);
  if (cp.value < 0x20 || cp.value == 0x7f || (cp.value >= 0x80 && cp.value < 0xa0))
    return std::string("character ") + code;
  std::string shown = "character '";
  append_utf8(shown, cp.value);
  shown.push_back('\'');
  if (cp.value >= 0x80) shown.append(" (").append(code).append(")");
  return shown;
}

// Each shape pattern compiled once, not on every call: the shape is static
// data with a handful of patterns. thread_local: no locking natively.
const std::optional<AsciiSet>& compiled_pattern(std::string_view pattern) {
  struct Entry { std::string_view pattern; std::optional<AsciiSet> set; };
  thread_local Entry cache[8];
  thread_local std::size_t used = 0;
  for (std::size_t i = 0; i < used; ++i)
    if (cache[i].pattern.data() == pattern.data() && cache[i].pattern == pattern) return cache[i].set;
  thread_local std::optional<AsciiSet> uncached;
  if (used == 8) return uncached = compile_char_class_pattern(pattern);
  cache[used] = {pattern, compile_char_class_pattern(pattern)};
  return cache[used++].set;
}

void check_pattern(const MemberShape& member, std::string_view value, Issues& issues) {
  const std::string_view allowed_text = member.allowed;
  const auto allowed = [allowed_text] { return " (allowed: " + std::string(allowed_text) + ")"; };
  const auto set = compiled_pattern(member.pattern);
  if (!set) {  // unreachable with the generated shape; fail closed anyway
    add_issue(issues, std::string(member.name), "pattern",
              "cannot be checked: unsupported pattern " + std::string(member.pattern));
    return;
  }
  // "[...]+" needs one character; say so unless minLength already did.
  if (value.empty() && member.min_length < 1) {
    add_issue(issues, std::string(member.name), "pattern", "must not be empty" + allowed());
    return;
  }
  std::size_t pos = 0;
  for (std::size_t index = 0; pos < value.size(); ++index) {
    const CodePoint cp = decode_utf8(value, pos);
    if (!cp.valid) {
      const std::string byte = "0x" + upper_hex(static_cast<unsigned char>(value[pos]), 2);
      add_issue(issues, std::string(member.name), "pattern",
                std::string("byte ") + byte + " at position " + std::to_string(index) +
                    " is not valid UTF-8" + allowed());
      return;
    }
    if (cp.value >= 0x80 || !(*set)[cp.value]) {
      add_issue(issues, std::string(member.name), "pattern",
                describe_character(cp) + " at position " + std::to_string(index) +
                    " is not allowed" + allowed());
      return;  // the first offender is enough to act on
    }
    pos += cp.size;
  }
}

void check_enum(const MemberShape& member, std::string_view value, Issues& issues) {
  std::string choices;
  for (std::size_t i = 0; i < member.enum_count; ++i) {
    if (member.enum_values[i] == value) return;
    if (i) choices.append(", ");
    choices.append(member.enum_values[i]);
  }
  add_issue(issues, std::string(member.name), "enum",
            quoted(value) + " is not one of " + choices);
}

void check_member(const MemberShape& member, const Field& field, Issues& issues) {
  const std::string name(member.name);
  if (!field.present) {
    if (member.required) add_issue(issues, name, "required", "is required");
    return;
  }
  const std::string_view value = field.value;
  const std::size_t length = count_code_points(value);
  if (member.min_length >= 0 && length < static_cast<std::size_t>(member.min_length))
    add_issue(issues, name, "minLength",
              "length " + std::to_string(length) + " is below the minimum " +
                  std::to_string(member.min_length));
  if (member.max_length >= 0 && length > static_cast<std::size_t>(member.max_length))
    add_issue(issues, name, "maxLength",
              "length " + std::to_string(length) + " is above the maximum " +
                  std::to_string(member.max_length));
  if (!member.pattern.empty()) check_pattern(member, value, issues);
  if (member.enum_values) check_enum(member, value, issues);
}

}  // namespace

Issues validate_update_access_key(const UpdateAccessKeyInput& input) {
  Issues issues;
  const OperationShape& shape = update_access_key_shape();
  for (std::size_t i = 0; i < shape.member_count; ++i) {
    const MemberShape& member = shape.members[i];
    if (const Field* field = member_field(input, member.name)) check_member(member, *field, issues);
  }
  return issues;
}

}  // namespace keyflip::iam
