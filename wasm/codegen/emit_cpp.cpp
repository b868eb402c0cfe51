// The C++ tables (query/model.h types) for the IR: plain constant data, so the
// wasm carries no parser and no start-up work. Patterns and enums are emitted
// only for shapes reachable from an input (nothing validates IAM's output).
#include <cstdint>
#include <sstream>

#include "ir.h"

namespace keyflip::codegen {

namespace {

std::string literal(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c >= 0x7f) {
      // Octal escapes are at most three digits, so a digit after one stays itself.
      const char digits[] = {'\\', static_cast<char>('0' + (c >> 6)),
                             static_cast<char>('0' + ((c >> 3) & 7)),
                             static_cast<char>('0' + (c & 7)), 0};
      out += digits;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

std::string hex(char32_t c) {
  std::ostringstream s;
  s << "0x" << std::hex << std::uppercase << static_cast<unsigned long>(c);
  return s.str();
}

// A set of pattern states (bit i: state i).
std::string mask(std::uint64_t bits) {
  std::ostringstream s;
  s << "0x" << std::hex << std::uppercase << bits << "ULL";
  return s.str();
}

const char* shape_type(const std::string& type) {
  if (type == "string") return "ShapeType::String";
  if (type == "integer") return "ShapeType::Integer";
  if (type == "boolean") return "ShapeType::Boolean";
  if (type == "timestamp") return "ShapeType::Timestamp";
  if (type == "blob") return "ShapeType::Blob";
  if (type == "structure") return "ShapeType::Structure";
  return "ShapeType::List";
}

void emit_shape_parts(std::ostream& out, const IrShape& s) {
  const std::string& n = s.name;
  if (s.in_input && !s.pattern.empty()) {
    const CompiledPattern& c = s.compiled;
    for (std::size_t i = 0; i < c.states.size(); ++i) {
      out << "constexpr CodeRange ranges_" << n << "_" << i << "[] = {";
      for (const auto& [first, last] : c.states[i].ranges)
        out << "{" << hex(first) << ", " << hex(last) << "}, ";
      out << "};\n";
    }
    out << "// {ranges, count, next states (bit i: state i)}\n"
        << "constexpr PatternState states_" << n << "[] = {\n";
    for (std::size_t i = 0; i < c.states.size(); ++i)
      out << "    {ranges_" << n << "_" << i << ", " << c.states[i].ranges.size() << ", "
          << mask(c.states[i].next) << "},\n";
    out << "};\n";
    out << "constexpr Pattern pattern_" << n << "{" << literal(s.pattern) << ",\n    "
        << literal(c.allowed) << ", states_" << n << ", " << c.states.size() << ", "
        << mask(c.start) << ", " << mask(c.accepting) << ", "
        << (c.accepts_empty ? "true" : "false") << "};\n";
  }
  if (s.in_input && !s.enum_values.empty()) {
    out << "constexpr std::string_view enum_" << n << "[] = {";
    for (const auto& v : s.enum_values) out << literal(v) << ", ";
    out << "};\n";
  }
  if (!s.members.empty()) {
    out << "const Member members_" << n << "[] = {\n";
    for (const IrMember& m : s.members)
      out << "    {" << literal(m.name) << ", &shape_" << m.shape << ", "
          << (m.required ? "true" : "false") << ", " << literal(m.xml_name) << "},\n";
    out << "};\n";
  }
}

void emit_shape(std::ostream& out, const IrShape& s) {
  const std::string& n = s.name;
  const bool pattern = s.in_input && !s.pattern.empty();
  const bool enums = s.in_input && !s.enum_values.empty();
  out << "const Shape shape_" << n << "{" << literal(n) << ", " << shape_type(s.type) << ", "
      << (s.has_min ? "true" : "false") << ", " << s.min << ", " << (s.has_max ? "true" : "false")
      << ", " << s.max << ",\n    " << (pattern ? "&pattern_" + n : "nullptr") << ", "
      << (enums ? "enum_" + n : "nullptr") << ", " << (enums ? s.enum_values.size() : 0) << ", "
      << (s.members.empty() ? "nullptr" : "members_" + n) << ", " << s.members.size() << ",\n    "
      << (s.list_member.empty() ? "nullptr" : "&shape_" + s.list_member) << ", "
      << literal(s.type == "list" ? s.list_member_name : "") << ", "
      << (s.flattened ? "true" : "false") << "};\n\n";
}

// One service's tables in keyflip::query::<id>_model::tables, ending with its Service.
void emit_service(std::ostream& out, const IrService& service) {
  const IrModel& model = service.model;
  const std::string ns = service.id + "_model";
  out << "// " << service.label << ": " << service.source_note << ".\n"
      << "namespace keyflip::query::" << ns << "::tables {\n\n"
      << "extern const Service kService;\n";
  // Declared first: structures and lists point at shapes defined later.
  for (const auto& [name, shape] : model.shapes) out << "extern const Shape shape_" << name << ";\n";
  out << "\n";
  for (const auto& [name, shape] : model.shapes) {
    emit_shape_parts(out, shape);
    emit_shape(out, shape);
  }
  for (const IrOperation& op : model.operations)
    out << "const Operation op_" << op.name << "{" << literal(op.name) << ", "
        << literal(model.api_version) << ", "
        << (op.input.empty() ? "nullptr" : "&shape_" + op.input) << ", "
        << (op.output.empty() ? "nullptr" : "&shape_" + op.output) << ", "
        << literal(op.result_wrapper) << ", &kService};\n";
  out << "\nconst Operation* const kOperations[] = {\n";
  for (const IrOperation& op : model.operations) out << "    &op_" << op.name << ",\n";
  out << "};\n\n// partition, fips, dual_stack, url, signing_region\n"
      << "constexpr PartitionEndpoint kEndpoints[] = {\n";
  bool regional = false;
  for (const IrEndpoint& e : service.endpoints) {
    regional = regional || e.url.find("{region}") != std::string::npos;
    out << "    {" << literal(e.partition) << ", " << (e.fips ? "true" : "false") << ", "
        << (e.dual_stack ? "true" : "false") << ", " << literal(e.url) << ", "
        << literal(e.signing_region) << "},\n";
  }
  out << "};\n\n"
      << "const Service kService{" << literal(service.id) << ", " << literal(service.label) << ", "
      << literal(model.api_version) << ",\n    {kOperations, " << model.operations.size()
      << "}, {kEndpoints, " << service.endpoints.size() << "}, " << (regional ? "true" : "false")
      << "};\n\n}  // namespace keyflip::query::" << ns << "::tables\n\n"
      << "namespace keyflip::query::" << ns << " {\n"
      << "const Service& service() { return tables::kService; }\n"
      << "OperationTable operations() { return tables::kService.operations; }\n"
      << "}  // namespace keyflip::query::" << ns << "\n\n";
}

}  // namespace

std::string emit_cpp(const std::vector<IrService>& services, bool registry) {
  std::ostringstream out;
  out << "// Generated by wasm/codegen. Do not edit: change the inputs and re-run CMake.\n"
      << "#include <string_view>\n\n#include \"query/model.h\"\n\n";
  for (const IrService& service : services) emit_service(out, service);
  if (!registry) return out.str();
  out << "namespace keyflip::query {\n\nnamespace {\nconst Service* const kServices[] = {\n";
  for (const IrService& service : services)
    out << "    &" << service.id << "_model::tables::kService,\n";
  out << "};\n}  // namespace\n\n"
      << "ServiceTable services() { return {kServices, " << services.size() << "}; }\n\n"
      << "}  // namespace keyflip::query\n";
  return out.str();
}

}  // namespace keyflip::codegen
