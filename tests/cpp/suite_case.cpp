#include "suite_case.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "sigv4/canonical_request.h"
#include "util/amz_date.h"

namespace keyflip::testing {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path suite_dir() {
  if (const char* env = std::getenv("KEYFLIP_SIGV4_SUITE")) return env;
  return KEYFLIP_SIGV4_SUITE;
}

std::vector<std::string> suite_case_names() {
  std::vector<std::string> names;
  if (!fs::is_directory(suite_dir())) return names;  // the Suite.Present test fails then
  for (const auto& entry : fs::directory_iterator(suite_dir()))
    if (entry.is_directory() && fs::exists(entry.path() / "request.txt"))
      names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

static sigv4::Request parse_request_txt(const std::string& text) {
  sigv4::Request request;
  const auto head_end = text.find("\n\n");
  const std::string head = text.substr(0, head_end);
  if (head_end != std::string::npos) request.body = text.substr(head_end + 2);

  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  // "GET /example space/ HTTP/1.1": the path may itself contain spaces.
  const auto first_space = line.find(' ');
  const auto version = line.rfind(" HTTP/");
  request.method = line.substr(0, first_space);
  const std::string target = line.substr(first_space + 1, version - first_space - 1);

  std::string host;
  while (std::getline(lines, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {  // obs-fold continuation
      request.headers.back().value.append("\n").append(line);
      continue;
    }
    const auto colon = line.find(':');
    request.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
    if (sigv4::to_lower(request.headers.back().name) == "host") host = request.headers.back().value;
  }
  request.url = "https://" + host + target;
  return request;
}

SuiteCase load_suite_case(const std::string& name) {
  SuiteCase c;
  c.name = name;
  c.dir = suite_dir() / name;
  c.request = parse_request_txt(read_file(c.dir / "request.txt"));

  const auto context = nlohmann::json::parse(read_file(c.dir / "context.json"));
  const auto& creds = context.at("credentials");
  c.options.credentials.access_key_id = creds.at("access_key_id").get<std::string>();
  c.options.credentials.secret_access_key =
      crypto::SecretBytes(creds.at("secret_access_key").get<std::string>());
  if (creds.contains("token"))
    c.options.credentials.session_token = crypto::SecretBytes(creds.at("token").get<std::string>());
  c.options.region = context.at("region").get<std::string>();
  c.options.service = context.at("service").get<std::string>();
  c.options.normalize_path = context.value("normalize", true);
  c.options.sign_body = context.value("sign_body", false);
  c.options.omit_session_token = context.value("omit_session_token", false);
  c.options.expires_in = context.value("expiration_in_seconds", 0);
  // "2015-08-30T12:36:00Z" -> "20150830T123600Z"
  std::string ts = context.at("timestamp").get<std::string>();
  ts.erase(std::remove_if(ts.begin(), ts.end(), [](char ch) { return ch == '-' || ch == ':'; }),
           ts.end());
  c.options.epoch_seconds = util::parse_amz_date(ts).value();
  return c;
}

std::string render_request(const sigv4::SignedRequest& r) {
  const auto scheme_end = r.url.find("://");
  const auto path_start = r.url.find('/', scheme_end + 3);
  std::string out = r.method + " " + r.url.substr(path_start) + " HTTP/1.1\n";
  for (const auto& h : r.headers) out += h.name + ":" + h.value + "\n";
  out += "\n" + r.body;
  return out;
}

std::string lowercase_header_names(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  bool in_headers = false, first = true;
  std::size_t consumed = 0;
  while (std::getline(in, line)) {
    consumed += line.size() + 1;
    if (first) {
      first = false;
      in_headers = true;
    } else if (line.empty()) {
      out += "\n";
      out += consumed <= text.size() ? text.substr(consumed) : "";  // the body, untouched
      return out;
    } else if (in_headers && line[0] != ' ' && line[0] != '\t') {
      const auto colon = line.find(':');
      line = sigv4::to_lower(line.substr(0, colon)) + line.substr(colon);
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace keyflip::testing
