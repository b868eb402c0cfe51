// The UpdateAccessKey input shape: which members exist, in which order they
// are serialized, and the rules each one has. The data comes from
// update_access_key.shape.json through a header generated at configure time
// (generate_shape.cmake), so C++, TypeScript and the botocore check all read
// the same definition.
#pragma once
#include <cstddef>
#include <string_view>

namespace keyflip::iam {

struct MemberShape {
  std::string_view name;     // "AccessKeyId", as sent on the wire
  bool required;
  int min_length;            // in characters (code points); -1: no minimum
  int max_length;            // in characters (code points); -1: no maximum
  std::string_view pattern;  // "[...]+" (see char_class_pattern.h); "" when none
  std::string_view allowed;  // the pattern in words, for messages
  const std::string_view* enum_values;  // nullptr when not an enum
  std::size_t enum_count;
};

struct OperationShape {
  std::string_view operation;      // "UpdateAccessKey", the Action parameter
  std::string_view version;        // "2010-05-08", the Version parameter
  std::string_view xml_namespace;  // of IAM's answers
  const MemberShape* members;      // in serialization order
  std::size_t member_count;
};

const OperationShape& update_access_key_shape();

// nullptr when the operation has no member of that name.
const MemberShape* find_member(const OperationShape& shape, std::string_view name);

}  // namespace keyflip::iam
