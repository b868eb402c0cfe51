#include "wire/fields.h"

#include <cmath>

namespace keyflip::wire {

Fields::Fields(query::Value& input) : input_(input), read_(input.entries.size(), false) {
  if (input.kind != query::Value::Kind::Map) fail("wire: the call input is not a map");
}

void Fields::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
}

query::Value* Fields::field(std::string_view name, query::Value::Kind kind, const char* kind_name) {
  for (std::size_t i = 0; i < input_.entries.size(); ++i) {
    auto& [key, value] = input_.entries[i];
    if (key != name) continue;
    read_[i] = true;
    if (value.kind != kind) {
      fail("wire: field '" + std::string(name) + "' is not a " + kind_name);
      return nullptr;
    }
    return &value;
  }
  fail("wire: field '" + std::string(name) + "' is missing");
  return nullptr;
}

std::string Fields::string(std::string_view name) {
  auto* v = field(name, query::Value::Kind::String, "string");
  return v ? v->text : std::string();
}

bool Fields::boolean(std::string_view name) {
  auto* v = field(name, query::Value::Kind::Bool, "boolean");
  return v && v->boolean;
}

double Fields::number(std::string_view name) {
  auto* v = field(name, query::Value::Kind::Number, "number");
  return v ? v->number : 0.0;
}

std::int64_t Fields::whole(std::string_view name, std::int64_t invalid) {
  auto* v = field(name, query::Value::Kind::Number, "number");
  if (!v) return invalid;
  const double d = v->number;
  if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 9.0e15) return invalid;
  return static_cast<std::int64_t>(d);
}

std::vector<std::string> Fields::strings(std::string_view name) {
  std::vector<std::string> out;
  auto* v = field(name, query::Value::Kind::List, "list");
  if (!v) return out;
  for (const auto& item : v->items) {
    if (item.kind != query::Value::Kind::String) {
      fail("wire: field '" + std::string(name) + "' holds a non-string");
      return {};
    }
    out.push_back(item.text);
  }
  return out;
}

crypto::SecretBytes Fields::secret(std::string_view name) {
  auto* v = field(name, query::Value::Kind::String, "string");
  if (!v) return {};
  crypto::SecretBytes secret(v->text);
  crypto::wipe(v->text.data(), v->text.capacity());
  v->text.clear();
  return secret;
}

query::Value& Fields::any(std::string_view name) {
  for (std::size_t i = 0; i < input_.entries.size(); ++i) {
    if (input_.entries[i].first != name) continue;
    read_[i] = true;
    return input_.entries[i].second;
  }
  fail("wire: field '" + std::string(name) + "' is missing");
  return none_;
}

bool Fields::ok() {
  for (std::size_t i = 0; i < read_.size(); ++i)
    if (!read_[i]) fail("wire: unexpected field '" + input_.entries[i].first + "'");
  return error_.empty();
}

}  // namespace keyflip::wire
