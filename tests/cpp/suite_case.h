// Reads one case of the aws-c-auth SigV4 test suite: context.json (with
// nlohmann/json), request.txt (a raw HTTP/1.1 request) and the expected files,
// and renders a signed request back into the suite's text form.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sigv4/request.h"

namespace keyflip::testing {

std::string read_file(const std::filesystem::path& path);

struct SuiteCase {
  std::string name;
  sigv4::Request request;
  sigv4::Options options;  // from context.json; mode left as Header
  std::filesystem::path dir;
  std::string expected(const std::string& file) const { return read_file(dir / file); }
};

std::filesystem::path suite_dir();
std::vector<std::string> suite_case_names();
SuiteCase load_suite_case(const std::string& name);

// "METHOD path?query HTTP/1.1\nName:value\n...\n\nbody"
std::string render_request(const sigv4::SignedRequest& signed_request);

// Header names are case-insensitive (RFC 9110 5.1) and keyflip adds its
// headers in lowercase (x-amz-date, authorization), where the suite writes
// X-Amz-Date: lowercase the names, and only the names, before comparing.
std::string lowercase_header_names(const std::string& http_text);

}  // namespace keyflip::testing
