// What the generator reads, before it writes anything: the operations listed
// in wasm/model/operations.txt with every shape reachable from them (taken
// from botocore's service-2.json), and the endpoint rows of the TSV. Both
// emitters (C++ tables, TypeScript types) read only this.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pattern.h"

namespace keyflip::codegen {

struct IrMember {
  std::string name;
  std::string shape;
  bool required = false;
  std::string xml_name;  // locationName, else name
  std::string doc;       // the model's HTML documentation
};

struct IrShape {
  std::string name;
  std::string type;  // string, integer, boolean, timestamp, blob (output only), structure, list
  bool has_min = false, has_max = false;
  std::int64_t min = 0, max = 0;
  std::string pattern;         // as in the model
  CompiledPattern compiled;    // only for shapes reachable from an input
  std::vector<std::string> enum_values;
  std::vector<IrMember> members;  // structure, model order
  std::string list_member;        // list: the member shape
  std::string list_member_name;  // list: the member's locationName; "" when not given
  bool flattened = false;
  std::string doc;
  bool in_input = false;   // validated: its pattern must be in the supported subset
  bool in_output = false;
};

struct IrOperation {
  std::string name;
  std::string input;   // shape name; "" when none
  std::string output;  // shape name; "" when none
  std::string result_wrapper;
  std::string doc;
};

struct IrModel {
  std::string api_version;
  std::string xml_namespace;
  std::string service_name;  // "AWS Identity and Access Management"
  std::vector<IrOperation> operations;
  std::map<std::string, IrShape> shapes;  // only the reachable ones, by name
};

struct IrEndpoint {
  std::string partition;
  bool fips = false, dual_stack = false;
  std::string url;
  std::string signing_region;
};

// Throw std::runtime_error naming the file and what is wrong.
IrModel read_model(const std::string& model_path, const std::string& operations_path);
std::vector<IrEndpoint> read_endpoints(const std::string& tsv_path);

// One AWS service served through the Query protocol core: its model (the
// listed operations) and its endpoint table. IAM comes first: its endpoint
// table names the partitions keyflip knows.
struct IrService {
  std::string id;     // "iam": the signing name, the C++ namespace <id>_model, the JS `service`
  std::string label;  // "IAM", "STS": for comments and messages
  IrModel model;
  std::vector<IrEndpoint> endpoints;
  std::string source_note;  // what it was generated from, for the header comment
};

// registry: also define query::services() listing them (the product's tables;
// a test-only model is generated without it).
std::string emit_cpp(const std::vector<IrService>& services, bool registry);

// The generated block of index.d.ts, markers included. reserved: the names
// the hand-written rest of the .d.ts declares; a generated type that would
// take one is prefixed with its service's ("StsCredentials").
std::string emit_typescript(const std::vector<IrService>& services, const std::set<std::string>& reserved);
extern const char* const kTypesBegin;
extern const char* const kTypesEnd;

}  // namespace keyflip::codegen
