// keyflip's side of the differential test against botocore: random valid
// cases over every listed operation of every service (query::services():
// IAM and STS) and every partition x FIPS x dual-stack row of the service's
// endpoint table (for STS, with a real region of the partition), made from
// the model's shapes with a seeded RNG, signed with keyflip (build_request),
// and for each operation with an output a random answer made from its output
// shape, read with parse_response. A combination keyflip refuses (STS's rules
// have no dual-stack endpoint in aws-iso and aws-iso-b) is written as
// refused, with keyflip's issues, for differential.py to check that botocore
// refuses it too. Prints one JSON document (nlohmann/json) for
// differential.py to check with botocore. Blobs in parsed answers are written
// as {"bytesHex": "..."} (lowercase hex of the decoded bytes).
//
//   keyflip_differential <cases> <seed>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "query/endpoints.h"
#include "query/limits.h"
#include "query/operation.h"
#include "query/utf8.h"
#include "util/amz_date.h"

using namespace keyflip;
using Json = nlohmann::ordered_json;

namespace {

// Regions of each partition (as a caller would configure them): real regions
// from Debian botocore's partitions.json (botocore_sign.py checks that each
// STS case's region is listed there for its partition), and for IAM also the
// partitions' "-global" pseudo-regions. For IAM, keyflip gets the same
// region for its cross-check and botocore uses it for its rule set; for STS
// the region picks the endpoint and the signing region.
const std::vector<std::pair<std::string, std::vector<std::string>>> kRegions = {
    {"aws", {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2",
             "ap-northeast-1", "sa-east-1", "ca-central-1", "me-south-1", "af-south-1", "aws-global"}},
    {"aws-cn", {"cn-north-1", "cn-northwest-1", "aws-cn-global"}},
    {"aws-us-gov", {"us-gov-west-1", "us-gov-east-1", "aws-us-gov-global"}},
    {"aws-iso", {"us-iso-east-1", "us-iso-west-1", "aws-iso-global"}},
    {"aws-iso-b", {"us-isob-east-1", "aws-iso-b-global"}},
    {"aws-iso-e", {"eu-isoe-west-1"}},
    {"aws-iso-f", {"us-isof-south-1", "us-isof-east-1"}},
    {"aws-eusc", {"eusc-de-east-1"}},
};

bool is_pseudo_region(const std::string& region) {
  return region.size() > 7 && region.compare(region.size() - 7, 7, "-global") == 0;
}

// The regions a case of service may name in partition: every listed one for
// IAM, only real ones for a regional service (STS refuses pseudo-regions).
std::vector<std::string> regions_for(const query::Service& service, const std::string& partition) {
  std::vector<std::string> out;
  for (const auto& [name, regions] : kRegions)
    if (name == partition)
      for (const auto& region : regions)
        if (!service.regional || !is_pseudo_region(region)) out.push_back(region);
  if (out.empty()) {
    std::cerr << "no region of partition " << partition << " for " << service.label << "\n";
    std::exit(2);
  }
  return out;
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : rng_(seed) {}
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  template <class T> const T& pick(const std::vector<T>& v) { return v[between(0, v.size() - 1)]; }
  std::string chars(const std::string& alphabet, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back(alphabet[between(0, alphabet.size() - 1)]);
    return s;
  }

 private:
  std::mt19937_64 rng_;
};

// A character of a pattern state: each range equally likely, then a code point in it.
char32_t char_of(Random& r, const query::PatternState& state) {
  const query::CodeRange& range = state.ranges[r.between(0, state.range_count - 1)];
  return static_cast<char32_t>(r.between(range.first, range.last));
}

// A random string the pattern accepts, of the length it allows nearest to
// `length` (preferring lengths within min..max): a random walk through its
// states (model.h) that can still end in an accepting one.
std::string string_matching(Random& r, const query::Pattern& p, std::int64_t length,
                            std::int64_t min, std::int64_t max) {
  constexpr std::int64_t kLongest = 128;
  // can_end[k]: the states after which exactly k more characters can end the value.
  std::vector<std::uint64_t> can_end(kLongest + 1, 0);
  can_end[0] = p.accepting;
  for (std::int64_t k = 1; k <= kLongest; ++k)
    for (std::size_t i = 0; i < p.state_count; ++i)
      if (p.states[i].next & can_end[k - 1]) can_end[k] |= std::uint64_t{1} << i;
  const auto possible = [&](std::int64_t n) {
    return n == 0 ? p.accepts_empty : (p.start & can_end[n - 1]) != 0;
  };
  std::int64_t best = -1;
  for (const bool within : {true, false}) {
    for (std::int64_t n = 0; n <= kLongest; ++n) {
      if (!possible(n) || (within && (n < min || n > max))) continue;
      if (best < 0 || std::abs(n - length) < std::abs(best - length)) best = n;
    }
    if (best >= 0) break;
  }
  if (best < 0) {
    std::cerr << "no value of at most " << kLongest << " characters matches " << p.source << "\n";
    std::exit(2);
  }
  std::string out;
  std::uint64_t candidates = p.start;
  for (std::int64_t left = best; left > 0; --left) {
    std::vector<std::size_t> options;
    for (std::size_t i = 0; i < p.state_count; ++i)
      if ((candidates & can_end[left - 1]) >> i & 1) options.push_back(i);
    const query::PatternState& state = p.states[r.pick(options)];
    query::append_utf8(out, char_of(r, state));
    candidates = state.next;
  }
  return out;
}

// A random string the shape accepts: of a length within min..max (capped at
// 64 characters, sometimes exactly min or max) that its pattern allows.
std::string string_for(Random& r, const query::Shape& shape) {
  if (shape.enum_values) return std::string(shape.enum_values[r.between(0, shape.enum_count - 1)]);
  const std::int64_t min = shape.has_min ? shape.min : 0;
  const std::int64_t max = shape.has_max ? std::min<std::int64_t>(shape.max, 64) : 64;
  const std::int64_t length = r.chance(0.15) ? min : r.chance(0.15) ? max : r.between(min, max);
  if (shape.pattern) return string_matching(r, *shape.pattern, length, min, max);
  std::string out;
  for (std::int64_t i = 0; i < length; ++i) query::append_utf8(out, static_cast<char32_t>(r.between(0x20, 0x7e)));
  return out;
}

// Params for an input shape as JSON (for botocore) and as a Value (for keyflip).
// An operation without input (GetCallerIdentity) gets empty params.
void params_for(Random& r, const query::Shape* input, Json& json, query::Value& value) {
  json = Json::object();
  value = query::Value::map();
  if (!input) return;
  const query::Shape& shape = *input;
  for (std::size_t i = 0; i < shape.member_count; ++i) {
    const query::Member& m = shape.members[i];
    if (!m.required && r.chance(0.5)) continue;
    const query::Shape& s = *m.shape;
    if (s.type == query::ShapeType::String) {
      const std::string text = string_for(r, s);
      json[std::string(m.name)] = text;
      value.set(std::string(m.name), query::Value::of_string(text));
    } else if (s.type == query::ShapeType::Integer) {
      const std::int64_t n = r.between(s.has_min ? s.min : -1000, s.has_max ? s.max : 1000);
      json[std::string(m.name)] = n;
      value.set(std::string(m.name), query::Value::of_number(static_cast<double>(n)));
    } else {
      std::cerr << "no generator for the input type of " << m.name << "\n";
      std::exit(2);
    }
  }
}

// --- answers made from the output shapes

std::string xml_escape_random(Random& r, const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '&') out += r.chance(0.5) ? "&amp;" : "&#38;";
    else if (c == '>') out += r.chance(0.5) ? "&gt;" : ">";
    else out.push_back(c);
  }
  // Sometimes the same text as a CDATA section (when it cannot end one).
  if (r.chance(0.2) && text.find("]]>") == std::string::npos) return "<![CDATA[" + text + "]]>";
  return out;
}

std::string timestamp_text(Random& r, double& ms_out) {
  const std::int64_t seconds = r.between(946684800, 4102444799);  // 2000..2099
  const std::int64_t micros = r.chance(0.4) ? r.between(0, 999) * 1000 : r.chance(0.3) ? r.between(0, 999999) : 0;
  ms_out = static_cast<double>(seconds) * 1000.0 + static_cast<double>(micros) / 1000.0;
  const std::string basic = util::format_iso8601(static_cast<double>(seconds) * 1000.0).value();
  std::string text = basic.substr(0, 19);
  if (micros) {
    const bool millis = micros % 1000 == 0 && r.chance(0.5);
    char frac[8];
    std::snprintf(frac, sizeof frac, millis ? ".%03lld" : ".%06lld",
                  static_cast<long long>(millis ? micros / 1000 : micros));
    text += frac;
  }
  return text + "Z";
}

std::string answer_for(Random& r, const query::Shape& shape, int depth);

std::string base64_of(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[n >> 18 & 63]);
    out.push_back(kAlphabet[n >> 12 & 63]);
    out.push_back(i + 1 < bytes.size() ? kAlphabet[n >> 6 & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? kAlphabet[n & 63] : '=');
  }
  return out;
}

// A blob as IAM sends one (GetCredentialReport's Content): base64 of random
// bytes or of a CSV-like report text (commas, quotes, CRLF, UTF-8), sometimes
// empty, sometimes wrapped in lines or surrounded by whitespace, as XML may.
std::string blob_answer(Random& r) {
  std::string bytes;
  if (r.chance(0.5)) {
    bytes = "user,arn,user_creation_time\n<root_account>,arn:aws:iam::123456789012:root,N/A\n";
    for (std::int64_t i = r.between(0, 4); i > 0; --i)
      bytes += "\"" + r.chars("abcXYZ019,_-\"\"", 8) + "\",arn:aws:iam::1:user/x,2024-01-01T00:00:00+00:00" +
               (r.chance(0.5) ? "\r\n" : "\n") + (r.chance(0.2) ? "\xC3\xA9" : "");
  } else {
    for (std::int64_t i = r.between(0, 120); i > 0; --i) bytes.push_back(static_cast<char>(r.between(0, 255)));
  }
  std::string text = base64_of(bytes);
  if (r.chance(0.3))  // MIME-style lines of 76
    for (std::size_t at = 76; at < text.size(); at += 77) text.insert(at, r.chance(0.5) ? "\n" : "\r\n");
  if (r.chance(0.2)) text = " \n " + text + "\n";
  return text;
}

std::string hex_of(const std::string& bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string element(Random& r, const std::string& name, const query::Shape& shape, int depth) {
  return "<" + name + ">" + answer_for(r, shape, depth + 1) + "</" + name + ">";
}

std::string answer_for(Random& r, const query::Shape& shape, int depth) {
  switch (shape.type) {
    case query::ShapeType::String: {
      if (shape.enum_values && r.chance(0.8)) return std::string(shape.enum_values[r.between(0, shape.enum_count - 1)]);
      const std::string alphabet = "abcXYZ019 _-/:.@+=,&<>\"'\t";
      std::string text = r.chars(alphabet, r.between(0, 24));
      if (r.chance(0.1)) text = "  " + text + " \n ";  // whitespace inside values is kept
      if (r.chance(0.1)) text += "\xC3\xA9\xE2\x9C\x93";
      return xml_escape_random(r, text);
    }
    case query::ShapeType::Integer: return std::to_string(r.between(-5, 100000));
    case query::ShapeType::Boolean: return r.chance(0.5) ? "true" : "false";
    case query::ShapeType::Timestamp: {
      double ms;
      return timestamp_text(r, ms);
    }
    case query::ShapeType::Blob: return blob_answer(r);
    case query::ShapeType::List: {
      std::string out;
      const std::int64_t n = depth > 4 ? 0 : r.between(0, 3);
      for (std::int64_t i = 0; i < n; ++i) out += element(r, std::string(query::list_item_name(shape)), *shape.list_member, depth);
      return out;
    }
    case query::ShapeType::Structure: {
      std::vector<std::string> parts;
      for (std::size_t i = 0; i < shape.member_count; ++i) {
        const query::Member& m = shape.members[i];
        if (!m.required && r.chance(0.3)) continue;  // absent optionals
        parts.push_back(element(r, std::string(m.xml_name), *m.shape, depth));
      }
      if (r.chance(0.3)) parts.push_back("<UnknownElement><Nested>x</Nested></UnknownElement>");
      std::shuffle(parts.begin(), parts.end(), std::mt19937(static_cast<unsigned>(r.between(0, 1 << 30))));
      std::string out;
      for (const auto& p : parts) out += (r.chance(0.3) ? "\n  " : "") + p;
      return out;
    }
  }
  return "";
}

// The value tree as JSON for the comparison; timestamps as {"epochMs": ms}.
Json to_json(const query::Value& v) {
  switch (v.kind) {
    case query::Value::Kind::Null: return nullptr;
    case query::Value::Kind::Bool: return v.boolean;
    case query::Value::Kind::Number: return static_cast<std::int64_t>(v.number);
    case query::Value::Kind::String: return v.text;
    case query::Value::Kind::Timestamp: return Json{{"epochMs", v.number}};
    case query::Value::Kind::Bytes: return Json{{"bytesHex", hex_of(v.text)}};
    case query::Value::Kind::List: {
      Json out = Json::array();
      for (const auto& item : v.items) out.push_back(to_json(item));
      return out;
    }
    case query::Value::Kind::Map: {
      Json out = Json::object();
      for (const auto& [k, item] : v.entries) out[k] = to_json(item);
      return out;
    }
  }
  return nullptr;
}

const sigv4::Header* header(const sigv4::SignedRequest& r, const std::string& name) {
  for (const auto& h : r.headers)
    if (h.name == name) return &h;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  const long count = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 500;
  const long seed = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 20150830;
  if (count < 1) {
    std::cerr << "usage: keyflip_differential <cases >= 1> <seed>\n";
    return 2;
  }
  Random r(static_cast<std::uint64_t>(seed));
  // Every listed operation of every service, in the services' order.
  std::vector<const query::Operation*> ops;
  Json operations = Json::array();
  for (const query::Service* service : query::services())
    for (const query::Operation* op : service->operations) {
      ops.push_back(op);
      operations.push_back({{"service", std::string(service->id)}, {"action", std::string(op->name)}});
    }
  const std::string b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  Json cases = Json::array();
  for (long id = 0; id < count; ++id) {
    // Operations take turns; the k-th case of operation i.
    const std::size_t i = static_cast<std::size_t>(id) % ops.size();
    const std::size_t k = static_cast<std::size_t>(id) / ops.size();
    const query::Operation& op = *ops[i];
    const query::Service& service = *op.service;
    // An operation's first cases walk its service's endpoint rows
    // (partition x FIPS x dual-stack), each operation starting one row
    // further, so that with few cases per operation every row of each
    // service is still walked; then random rows.
    const query::PartitionEndpointTable rows = service.endpoints;
    const std::size_t row_index = k < rows.size ? (k + i) % rows.size
                                                : static_cast<std::size_t>(r.between(0, rows.size - 1));
    const query::PartitionEndpoint& row = rows.rows[row_index];
    const std::string partition(row.partition);
    const bool fips = row.fips, dual = row.dual_stack;
    std::string region = r.pick(regions_for(service, partition));
    // keyflip's region option is optional for IAM (only cross-checked) and
    // for STS in partition aws (its default region); botocore then gets
    // keyflip's default region.
    bool region_given = true;
    if (!service.regional) region_given = r.chance(0.5);
    else if (partition == query::limits::kDefaultPartition && r.chance(0.2)) {
      region_given = false;
      region = query::limits::kDefaultStsRegion;
    }
    Json c{{"id", id}, {"service", std::string(service.id)}, {"action", std::string(op.name)},
           {"partition", partition}, {"fips", fips}, {"dualStack", dual}, {"region", region},
           {"regionGiven", region_given}};
    query::Value params;
    Json params_json;
    params_for(r, op.input, params_json, params);
    c["params"] = params_json;

    query::SigningContext signing;
    signing.credentials.access_key_id = (r.chance(0.5) ? "AKIA" : "ASIA") + r.chars(base32, 16);
    const std::string secret = r.chars(b64, 40);
    signing.credentials.secret_access_key = crypto::SecretBytes(secret);
    Json credentials{{"accessKeyId", signing.credentials.access_key_id}, {"secretAccessKey", secret}};
    if (r.chance(0.5)) {
      const std::string token = r.chars(b64, r.between(100, 400)) + r.pick(std::vector<std::string>{"", "=", "=="});
      signing.credentials.session_token = crypto::SecretBytes(token);
      credentials["sessionToken"] = token;
    }
    c["credentials"] = credentials;
    std::int64_t date_ms = r.between(946684800000, 4102444799999);
    if (r.chance(0.1)) date_ms = r.pick(std::vector<std::int64_t>{1709251199999, 946684800000, 4102444799999, 1440938160000});
    signing.local_now_ms = date_ms;
    c["dateMs"] = date_ms;

    query::EndpointConfig endpoint;
    endpoint.partition = partition;
    endpoint.fips = fips;
    endpoint.dual_stack = dual;
    if (region_given) endpoint.region = region;
    const query::BuiltRequest built = query::build_request(op, params, endpoint, signing);
    if (built.ok) {
      const auto value_of = [&](const char* name) -> Json {
        const sigv4::Header* h = header(built.request, name);
        return h ? Json(h->value) : Json(nullptr);
      };
      c["keyflip"] = {{"url", built.request.url}, {"signingRegion", built.signing_region},
                      {"body", built.request.body}, {"authorization", value_of("authorization")},
                      {"x-amz-date", value_of("x-amz-date")},
                      {"x-amz-security-token", value_of("x-amz-security-token")},
                      {"content-type", value_of("content-type")}};
    } else {
      // differential.py requires botocore to refuse the same request.
      Json issues = Json::array();
      for (const auto& issue : built.issues)
        issues.push_back({{"field", issue.field}, {"rule", issue.rule}, {"message", issue.message}});
      c["keyflip"] = {{"refused", issues}};
    }

    if (op.output) {
      const std::string xml = "<" + std::string(op.name) + "Response xmlns=\"https://" +
                              std::string(service.id) + ".amazonaws.com/doc/" +
                              std::string(service.api_version) + "/\"><" +
                              std::string(op.result_wrapper) + ">" + answer_for(r, *op.output, 0) +
                              "</" + std::string(op.result_wrapper) +
                              "><ResponseMetadata><RequestId>req-" + std::to_string(id) +
                              "</RequestId></ResponseMetadata></" + std::string(op.name) + "Response>";
      const query::ParsedResponse parsed = query::parse_response(&op, 200, xml);
      if (!parsed.answer.ok || !parsed.unreadable.empty()) {
        std::cerr << "case " << id << ": keyflip could not read a generated answer: " << parsed.answer.message
                  << (parsed.unreadable.empty() ? "" : parsed.unreadable[0].message) << "\n" << xml << "\n";
        return 1;
      }
      c["xml"] = xml;
      c["parsed"] = to_json(parsed.output);
    }
    cases.push_back(c);
  }
  std::cout << Json{{"seed", seed}, {"operations", operations}, {"cases", cases}}.dump() << "\n";
  return 0;
}
