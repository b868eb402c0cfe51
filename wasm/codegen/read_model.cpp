// Reads botocore's service-2.json for the listed operations, and the endpoint
// TSV, into the IR, refusing anything the generic core could not handle.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "ir.h"

namespace keyflip::codegen {

namespace {

using Json = nlohmann::ordered_json;  // keeps member order: the Query order

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(read_text(path));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
  }
  return lines;
}

class Reader {
 public:
  Reader(const Json& model, std::string path) : model_(model), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(path_ + ": " + what);
  }

  const Json& shape_json(const std::string& name) const {
    const Json& shapes = model_.at("shapes");
    if (!shapes.contains(name)) fail("no shape " + name);
    return shapes.at(name);
  }

  // Adds the shape and everything it reaches, marking input/output use.
  void visit(const std::string& name, bool input, const std::string& where) {
    IrShape& shape = ir_.shapes[name];
    const bool first = shape.name.empty();
    const bool newly_input = input && !shape.in_input;
    if (input) shape.in_input = true;
    else shape.in_output = true;
    if (!first && !newly_input) return;  // already walked for this use
    if (first) read_shape(name, shape, where);
    // The Query protocol would send an input blob as base64; no listed action takes one.
    if (input && shape.type == "blob")
      fail("shape " + name + " (" + where + ") is an input blob, which the generic core does not send");
    if (input && !shape.pattern.empty()) {
      std::string why;
      if (!compile_pattern(shape.pattern, shape.compiled, why))
        fail("shape " + name + " (" + where + "): pattern outside the supported subset: " + why);
    }
    // std::map keeps `shape` valid while children are added.
    std::vector<std::pair<std::string, std::string>> children;
    for (const IrMember& m : shape.members) children.emplace_back(m.shape, where + "." + m.name);
    if (!shape.list_member.empty()) children.emplace_back(shape.list_member, where + "[]");
    for (const auto& [child, child_where] : children) visit(child, input, child_where);
  }

  void read_shape(const std::string& name, IrShape& shape, const std::string& where) {
    const Json& j = shape_json(name);
    shape.name = name;
    shape.type = j.at("type").get<std::string>();
    shape.doc = j.value("documentation", "");
    static const char* const kTypes[] = {"string", "integer", "long", "boolean", "timestamp",
                                         "blob", "structure", "list"};
    bool known = false;
    for (const char* t : kTypes) known = known || shape.type == t;
    if (!known) fail("shape " + name + " (" + where + ") has type " + shape.type +
                     ", which the generic core does not handle");
    if (shape.type == "long") shape.type = "integer";
    if (j.contains("min")) shape.has_min = true, shape.min = j.at("min").get<std::int64_t>();
    if (j.contains("max")) shape.has_max = true, shape.max = j.at("max").get<std::int64_t>();
    shape.pattern = j.value("pattern", "");
    if (j.contains("enum")) shape.enum_values = j.at("enum").get<std::vector<std::string>>();
    if (j.contains("timestampFormat") && j.at("timestampFormat") != "iso8601")
      fail("shape " + name + ": timestampFormat " + j.at("timestampFormat").dump() +
           " (only ISO 8601, the Query default, is handled)");
    if (shape.type == "structure") {
      const Json required = j.value("required", Json::array());
      for (const auto& [member_name, member] : j.at("members").items()) {
        IrMember m;
        m.name = member_name;
        m.shape = member.at("shape").get<std::string>();
        m.xml_name = member.value("locationName", member_name);
        m.doc = member.value("documentation", "");
        for (const auto& r : required) m.required = m.required || r == member_name;
        if (member.contains("location") || member.contains("xmlAttribute"))
          fail("member " + name + "." + member_name + " is not in the body (" + member.dump() + ")");
        shape.members.push_back(m);
      }
    } else if (shape.type == "list") {
      shape.list_member = j.at("member").at("shape").get<std::string>();
      shape.list_member_name = j.at("member").value("locationName", "");
      shape.flattened = j.value("flattened", false);
    }
  }

  IrModel read(const std::vector<std::string>& operations) {
    const Json& metadata = model_.at("metadata");
    if (metadata.value("protocol", "") != "query")
      fail("protocol is " + metadata.value("protocol", "?") + ", not query");
    ir_.api_version = metadata.at("apiVersion").get<std::string>();
    ir_.xml_namespace = metadata.value("xmlNamespace", "");
    ir_.service_name = metadata.value("serviceFullName", "");
    for (const std::string& name : operations) {
      if (!model_.at("operations").contains(name)) fail("no operation " + name);
      const Json& op = model_.at("operations").at(name);
      if (op.at("http").value("method", "") != "POST" || op.at("http").value("requestUri", "") != "/")
        fail("operation " + name + " is not POST / (the Query protocol)");
      IrOperation ir_op;
      ir_op.name = name;
      ir_op.doc = op.value("documentation", "");
      if (op.contains("input")) {
        ir_op.input = op.at("input").at("shape").get<std::string>();
        visit(ir_op.input, true, name);
      }
      if (op.contains("output")) {
        ir_op.output = op.at("output").at("shape").get<std::string>();
        ir_op.result_wrapper = op.at("output").value("resultWrapper", "");
        if (ir_op.result_wrapper.empty()) fail("operation " + name + " has no resultWrapper");
        visit(ir_op.output, false, name + " output");
      }
      for (const std::string& shape : {ir_op.input, ir_op.output})
        if (!shape.empty() && ir_.shapes.at(shape).type != "structure")
          fail("operation " + name + ": " + shape + " is not a structure");
      ir_.operations.push_back(ir_op);
    }
    if (ir_.operations.empty()) fail("no operations listed");
    return ir_;
  }

 private:
  const Json& model_;
  std::string path_;
  IrModel ir_;
};

bool parse_bool(const std::string& text, const std::string& where) {
  if (text == "true") return true;
  if (text == "false") return false;
  throw std::runtime_error(where + ": expected true or false, got \"" + text + "\"");
}

}  // namespace

IrModel read_model(const std::string& model_path, const std::string& operations_path) {
  Json model;
  try {
    model = Json::parse(read_text(model_path));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(model_path + ": " + e.what());
  }
  const std::vector<std::string> operations = lines_of(operations_path);
  try {
    return Reader(model, model_path).read(operations);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(model_path + ": " + e.what());
  }
}

std::vector<IrEndpoint> read_endpoints(const std::string& tsv_path) {
  std::vector<IrEndpoint> rows;
  bool header = true;
  for (const std::string& line : lines_of(tsv_path)) {
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, '\t');) cells.push_back(cell);
    if (header) {
      if (line != "partition\tfips\tdualstack\turl\tsigning_region")
        throw std::runtime_error(tsv_path + ": unexpected header \"" + line + "\"");
      header = false;
      continue;
    }
    const std::string where = tsv_path + ": row \"" + line + "\"";
    if (cells.size() != 5) throw std::runtime_error(where + ": expected 5 tab-separated cells");
    IrEndpoint row{cells[0], parse_bool(cells[1], where), parse_bool(cells[2], where), cells[3],
                   cells[4]};
    // "none": AWS's rules refuse this combination (dual-stack in the ISO partitions).
    // "{region}" in a url or signing region: a regional service (STS).
    if (row.url != "none" && (row.url.rfind("https://", 0) != 0 || row.url.back() == '/'))
      throw std::runtime_error(where + ": the url must be https:// without a trailing '/', or none");
    for (const IrEndpoint& other : rows)
      if (other.partition == row.partition && other.fips == row.fips &&
          other.dual_stack == row.dual_stack)
        throw std::runtime_error(where + ": duplicate partition x fips x dualstack");
    rows.push_back(row);
  }
  if (rows.empty()) throw std::runtime_error(tsv_path + ": no rows");
  // resolve_endpoint finds a row for every combination of a known partition.
  for (const IrEndpoint& row : rows) {
    int combinations = 0;
    for (const IrEndpoint& other : rows) combinations += other.partition == row.partition;
    if (combinations != 4)
      throw std::runtime_error(tsv_path + ": partition " + row.partition +
                               " needs one row per fips x dualstack (4), has " +
                               std::to_string(combinations));
  }
  return rows;
}

}  // namespace keyflip::codegen
