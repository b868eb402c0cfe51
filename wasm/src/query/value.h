// A plain value tree: the parameters a caller passed to an IAM operation, and
// the output parsed from IAM's answer. It is what crosses the wasm boundary
// (packed by wasm/src/wire/), so the core never sees a JS object, and what
// the shape-driven code (validate, serialize, parse) walks.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace keyflip::query {

struct Value {
  enum class Kind { Null, Bool, Number, String, Timestamp, Bytes, List, Map };

  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0;   // Number; Timestamp: milliseconds since 1970-01-01T00:00:00Z
  std::string text;    // String (UTF-8); Bytes (any bytes: a blob, decoded)
  std::vector<Value> items;                          // List
  std::vector<std::pair<std::string, Value>> entries;  // Map, in insertion order

  static Value null() { return {}; }
  static Value of_bool(bool b) { Value v; v.kind = Kind::Bool; v.boolean = b; return v; }
  static Value of_number(double n) { Value v; v.kind = Kind::Number; v.number = n; return v; }
  static Value of_string(std::string s) { Value v; v.kind = Kind::String; v.text = std::move(s); return v; }
  static Value of_timestamp(double ms) { Value v; v.kind = Kind::Timestamp; v.number = ms; return v; }
  static Value of_bytes(std::string b) { Value v; v.kind = Kind::Bytes; v.text = std::move(b); return v; }
  static Value list() { Value v; v.kind = Kind::List; return v; }
  static Value map() { Value v; v.kind = Kind::Map; return v; }

  bool is_null() const { return kind == Kind::Null; }

  // Map lookup by key; nullptr when absent (or when this is not a Map).
  const Value* find(std::string_view key) const {
    if (kind != Kind::Map) return nullptr;
    for (const auto& [k, v] : entries)
      if (k == key) return &v;
    return nullptr;
  }
  // Appends to a Map; returns the new value.
  Value& set(std::string key, Value value) {
    entries.emplace_back(std::move(key), std::move(value));
    return entries.back().second;
  }
};

}  // namespace keyflip::query
