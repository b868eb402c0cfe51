// Reads the named fields of one packed call input (a Map) strictly: each
// field the C++ side reads is declared here by its reader call, a missing
// field or one of the wrong kind is an error, and so is any field nobody
// read (a misspelt name on the JS side), instead of a silent default.
// These errors are the package's own bugs, not the caller's: the JS wrapper
// has already turned every caller mistake into a ValidationError.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secret.h"
#include "query/value.h"

namespace keyflip::wire {

class Fields {
 public:
  explicit Fields(query::Value& input);

  std::string string(std::string_view name);
  bool boolean(std::string_view name);
  double number(std::string_view name);
  // A whole number (seconds or milliseconds); NaN, fractions and values
  // beyond +-9e15 become `invalid`, which the core then reports as a range.
  std::int64_t whole(std::string_view name, std::int64_t invalid);
  std::vector<std::string> strings(std::string_view name);  // a List of String
  // A String moved into wiping storage; the Value's copy is wiped at once.
  crypto::SecretBytes secret(std::string_view name);
  // The field itself (any kind), for a nested Map or a Value the core reads.
  query::Value& any(std::string_view name);

  // Call after the last read: unread fields become errors too.
  bool ok();
  const std::string& error() const { return error_; }

 private:
  query::Value* field(std::string_view name, query::Value::Kind kind, const char* kind_name);
  void fail(std::string message);

  query::Value& input_;
  std::vector<bool> read_;
  std::string error_;
  query::Value none_;
};

}  // namespace keyflip::wire
