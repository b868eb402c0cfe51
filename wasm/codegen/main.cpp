// keyflip's one generator: botocore's IAM model + the operations list + the
// endpoint TSV -> the C++ tables and the TypeScript types. Run by CMake at
// configure time (wasm/codegen/codegen.cmake), with the host compiler, so it
// works for the Emscripten cross build too.
//
//   keyflip_codegen --model service-2.json --operations operations.txt
//                   [--endpoints iam-endpoints.tsv] --namespace iam_model
//                   [--cpp out.cpp] [--write-types index.d.ts | --check-types index.d.ts]
//
// --cpp writes the file only when its content changes (no needless rebuilds).
// --write-types replaces the block between the generated markers of a .d.ts;
// --check-types exits 1 when that block differs from what would be written.
#include <fstream>
#include <iostream>
#include <map>
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

int run(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i < argc; ++i) {
    const std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc)
      throw std::runtime_error("usage: see the comment at the top of wasm/codegen/main.cpp");
    args[key] = argv[++i];
  }
  for (const char* required : {"--model", "--operations", "--namespace"})
    if (!args.count(required)) throw std::runtime_error(std::string("missing ") + required);

  const IrModel model = read_model(args["--model"], args["--operations"]);
  const std::vector<IrEndpoint> endpoints =
      args.count("--endpoints") ? read_endpoints(args["--endpoints"]) : std::vector<IrEndpoint>{};

  if (args.count("--cpp")) {
    CppOptions options;
    options.ns = args["--namespace"];
    options.source_note = "the " + model.service_name + " model (API " + model.api_version +
                          "), the operations in " + basename(args["--operations"]) +
                          (endpoints.empty() ? std::string() : " and the endpoint table");
    write_if_changed(args["--cpp"], emit_cpp(model, endpoints, options));
  }
  for (const char* mode : {"--write-types", "--check-types"}) {
    if (!args.count(mode)) continue;
    const std::string& path = args[mode];
    const std::string dts = read_or_empty(path);
    const std::string next = with_block(path, dts, emit_typescript(model, endpoints));
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
