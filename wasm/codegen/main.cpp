// keyflip's one generator: botocore's models (IAM, STS) + an operations list
// and an endpoint TSV per service -> the C++ tables and the TypeScript types.
// Run by CMake at configure time (wasm/codegen/codegen.cmake), with the host
// compiler, so it works for the Emscripten cross build too.
//
//   keyflip_codegen --service iam --label IAM --model iam/service-2.json
//                   --operations iam-operations.txt --endpoints iam-endpoints.tsv
//                   --service sts --label STS --model sts/service-2.json ...
//                   [--cpp out.cpp [--registry no]] [--write-types index.d.ts | --check-types index.d.ts]
//
// Each --service starts a service; the options after it until the next one
// are that service's. IAM comes first (its endpoint table names the
// partitions). --cpp writes the file only when its content changes (no
// needless rebuilds). --write-types replaces the block between the generated
// markers of a .d.ts; --check-types exits 1 when that block differs.
#include <fstream>
#include <iostream>
#include <cctype>
#include <map>
#include <set>
#include <vector>
#include <sstream>
#include <stdexcept>

#include "ir.h"

namespace {

using namespace keyflip::codegen;

std::string read_or_empty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  if (in) s << in.rdbuf();
  return s.str();
}

void write_if_changed(const std::string& path, const std::string& content) {
  if (read_or_empty(path) == content) return;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error(path + ": cannot be written");
}

// Only the file name goes into generated text: no machine's paths.
std::string basename(const std::string& path) { return path.substr(path.find_last_of('/') + 1); }

// The .d.ts with its generated block replaced by `block`.
std::string with_block(const std::string& path, const std::string& dts, const std::string& block) {
  // The begin marker is found by its stable prefix, so its wording may change.
  const std::string begin_prefix = "// <generated";
  const auto begin = dts.find(begin_prefix);
  const auto end = dts.find(kTypesEnd, begin == std::string::npos ? 0 : begin);
  if (begin == std::string::npos || end == std::string::npos)
    throw std::runtime_error(path + ": the generated-block markers are missing");
  return dts.substr(0, begin) + block + dts.substr(end + std::string(kTypesEnd).size());
}

// The names the hand-written part of a .d.ts exports (outside the generated block).
std::set<std::string> declared_outside_block(const std::string& dts) {
  std::string outside = dts;
  const auto begin = dts.find("// <generated");
  const auto end = dts.find(kTypesEnd, begin == std::string::npos ? 0 : begin);
  if (begin != std::string::npos && end != std::string::npos) outside = dts.substr(0, begin) + dts.substr(end);
  std::set<std::string> names;
  std::istringstream lines(outside);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string word;
    if (!(words >> word) || word != "export") continue;
    while (words >> word && (word == "declare" || word == "default" || word == "abstract")) {}
    if (word != "interface" && word != "type" && word != "class" && word != "function" &&
        word != "const" && word != "enum")
      continue;
    std::string name;
    if (!(words >> name)) continue;
    std::size_t n = 0;
    while (n < name.size() && (std::isalnum(static_cast<unsigned char>(name[n])) || name[n] == '_')) ++n;
    names.insert(name.substr(0, n));
  }
  return names;
}

struct ServiceArgs {
  std::map<std::string, std::string> args;
};

int run(int argc, char** argv) {
  std::map<std::string, std::string> args;  // outside any --service
  std::vector<ServiceArgs> service_args;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc)
      throw std::runtime_error("usage: see the comment at the top of wasm/codegen/main.cpp");
    const std::string value = argv[++i];
    if (key == "--service") service_args.emplace_back();
    const bool per_service = key == "--service" || key == "--label" || key == "--model" ||
                             key == "--operations" || key == "--endpoints";
    if (per_service && service_args.empty())
      throw std::runtime_error(key + " before the first --service");
    (per_service ? service_args.back().args : args)[key] = value;
  }
  if (service_args.empty()) throw std::runtime_error("no --service given");

  std::vector<IrService> services;
  for (auto& s : service_args) {
    for (const char* required : {"--label", "--model", "--operations"})
      if (!s.args.count(required))
        throw std::runtime_error("service " + s.args["--service"] + ": missing " + required);
    IrService service;
    service.id = s.args["--service"];
    service.label = s.args["--label"];
    service.model = read_model(s.args["--model"], s.args["--operations"]);
    const bool has_endpoints = s.args.count("--endpoints") > 0;  // a test-only model has none
    if (has_endpoints) service.endpoints = read_endpoints(s.args["--endpoints"]);
    service.source_note = "the " + service.model.service_name + " model (API " +
                          service.model.api_version + "), " + basename(s.args["--operations"]) +
                          (has_endpoints ? " and " + basename(s.args["--endpoints"]) : "");
    services.push_back(std::move(service));
  }

  const bool registry = !args.count("--registry") || args["--registry"] != "no";
  if (args.count("--cpp")) write_if_changed(args["--cpp"], emit_cpp(services, registry));
  for (const char* mode : {"--write-types", "--check-types"}) {
    if (!args.count(mode)) continue;
    const std::string& path = args[mode];
    const std::string dts = read_or_empty(path);
    const std::string next = with_block(path, dts, emit_typescript(services, declared_outside_block(dts)));
    if (std::string(mode) == "--write-types") {
      write_if_changed(path, next);
    } else if (next != dts) {
      std::cerr << path << " is stale: its generated block differs from the model; run\n"
                << "  cmake --build --preset native-debug --target keyflip_types\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "keyflip codegen: " << e.what() << "\n";
    return 1;
  }
}
