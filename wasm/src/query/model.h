// The table types the generator (wasm/codegen) fills from AWS's service
// models (botocore's service-2.json for IAM and STS): per service, one
// Operation per action listed in wasm/model/<service>-operations.txt, with the
// input and output shapes reachable from it, and the service's endpoint
// table. The generic Query-protocol code (validate_params, query_params,
// parse_response, resolve_endpoint) walks these tables; nothing in the core
// is written for one operation or one service.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace keyflip::query {

// Blob: output only (base64 in the XML, bytes in the output Value).
enum class ShapeType : std::uint8_t { String, Integer, Boolean, Timestamp, Blob, Structure, List };

// A model pattern compiled by the generator into a position automaton (a
// Thompson-style NFA without empty moves): one state per atom of the pattern,
// entered by matching one character in the atom's code point ranges, anchored
// at both ends. Sets of states are 64-bit masks (bit i: states[i]), so a
// pattern has at most 64 states. Only this form exists, so the runtime never
// parses a regular expression (see wasm/codegen/pattern.h).
struct CodeRange {
  char32_t first;
  char32_t last;
};
struct PatternState {
  const CodeRange* ranges;
  std::size_t range_count;
  std::uint64_t next;  // the states that may match the character after this one
};
struct Pattern {
  std::string_view source;   // as in the model: "[\\w+=,.@-]+"
  std::string_view allowed;  // in words, for messages: "ASCII letters, digits and _+=,.@-"
  const PatternState* states;
  std::size_t state_count;   // at most 64
  std::uint64_t start;       // the states that may match a value's first character
  std::uint64_t accepting;   // the states a value may end in
  bool accepts_empty;        // "" matches
};

struct Shape;

struct Member {
  std::string_view name;      // the model's member name, also the Value key
  const Shape* shape;
  bool required;
  std::string_view xml_name;  // locationName, else name: the Query key and the XML element
};

struct Shape {
  std::string_view name;  // the model's shape name ("existingUserNameType")
  ShapeType type;
  // String: length in code points; Integer: value; List: item count.
  bool has_min;
  std::int64_t min;
  bool has_max;
  std::int64_t max;
  const Pattern* pattern;              // String; nullptr when none (always for output-only shapes)
  const std::string_view* enum_values;  // String; nullptr when not an enum
  std::size_t enum_count;
  const Member* members;  // Structure, in model order (the order they are serialized in)
  std::size_t member_count;
  const Shape* list_member;            // List
  std::string_view list_member_name;   // List: the member's locationName; "" when not given
  bool flattened;                      // List: items repeat in the parent, no wrapper element
};

struct Service;

struct Operation {
  std::string_view name;            // the Action parameter, "UpdateAccessKey"
  std::string_view version;         // the Version parameter, "2010-05-08"
  const Shape* input;               // nullptr: the operation takes no parameters
  const Shape* output;              // nullptr: the service answers with metadata only
  std::string_view result_wrapper;  // "ListUsersResult"; "" without output
  const Service* service;           // the service it belongs to
};

struct OperationTable {
  const Operation* const* rows;  // in the order of the operations list
  std::size_t size;
  const Operation* const* begin() const { return rows; }
  const Operation* const* end() const { return rows + size; }
};

// One row of a service's endpoint rule set, generated from
// wasm/model/<service>-endpoints.tsv: where requests go and the region they
// are signed for, per partition x FIPS x dual-stack. In a regional service's
// table (STS) url and signing_region hold "{region}", filled from the
// client's region; url "none" marks a combination AWS's rules refuse.
struct PartitionEndpoint {
  std::string_view partition;
  bool fips;
  bool dual_stack;
  std::string_view url;  // without the trailing '/'
  std::string_view signing_region;
};

struct PartitionEndpointTable {
  const PartitionEndpoint* rows;
  std::size_t size;
  const PartitionEndpoint* begin() const { return rows; }
  const PartitionEndpoint* end() const { return rows + size; }
};

// An AWS service spoken to through the Query protocol.
struct Service {
  std::string_view id;          // "iam": the SigV4 signing name and the JS `service`
  std::string_view label;       // "IAM": for messages
  std::string_view api_version;  // "2010-05-08"
  OperationTable operations;
  PartitionEndpointTable endpoints;
  bool regional;                // the endpoint depends on the region (STS), not only the partition
};

struct ServiceTable {
  const Service* const* rows;  // IAM first: its endpoint table names the known partitions
  std::size_t size;
  const Service* const* begin() const { return rows; }
  const Service* const* end() const { return rows + size; }
};

// A structure's member by name; nullptr if none.
const Member* find_member(const Shape& structure, std::string_view name);

// The element name of a list's items: its locationName, else "member".
std::string_view list_item_name(const Shape& list);

// Every service, from the generated tables.
ServiceTable services();
// A service by id ("iam", "sts"); nullptr if none.
const Service* find_service(std::string_view id);
// IAM's tables (always generated; its endpoint table names the partitions).
const Service& iam_service();

// Each generated service, by name (wasm/model/<service>-operations.txt).
namespace iam_model {
const Service& service();
OperationTable operations();
}  // namespace iam_model
namespace sts_model {
const Service& service();
OperationTable operations();
}  // namespace sts_model

}  // namespace keyflip::query
