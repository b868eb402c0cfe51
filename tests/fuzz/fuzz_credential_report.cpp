// IAM's credential report reader: parse_credential_report over libcsv, and
// parse_credential_report_base64 over OpenSSL's decoder.
//
// Input: the report's CSV as is (the base64 reader gets the same bytes).
//
// Properties beyond "no crash":
//   ok exactly when there are no issues; at most kMaxIssues issues, each with
//   a field, a rule and a valid UTF-8 message; at most kMaxRows rows;
//   every text of a row (user, ARN, region, service, unknown columns) valid
//   UTF-8; an absent value's reason is empty or one of IAM's three markers;
//   times finite; root exactly for an iam ARN ending in ":root";
//   round trip: the rows written back as CSV (times in ISO 8601, RFC 4180
//   quoting) read back to the same rows.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "report/credential_report.h"
#include "util/amz_date.h"

using namespace keyflip;
using namespace keyflip::report;

namespace {

bool is_reason(const std::string& r) {
  return r.empty() || r == absent::kNotApplicable || r == absent::kNotSupported ||
         r == absent::kNoInformation;
}

template <typename T>
void check_cell(const Cell<T>& c, const char* what) {
  if (!c.value) FUZZ_CHECK(is_reason(c.reason), std::string(what) + ": " + c.reason);
}

void check_time(const TimeCell& c, const char* what) {
  check_cell(c, what);
  if (c.value) FUZZ_CHECK(std::isfinite(*c.value), what);
}

void check_text(const TextCell& c, const char* what) {
  check_cell(c, what);
  if (c.value) FUZZ_CHECK(keyflip_fuzz::valid_utf8(*c.value), what);
}

std::string field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string cell_text(const TimeCell& c) {
  return c.value ? util::format_iso8601(*c.value).value_or("bad-time") : c.reason;
}
std::string cell_text(const BoolCell& c) {
  return c.value ? (*c.value ? "true" : "false") : c.reason;
}
std::string cell_text(const TextCell& c) { return c.value ? *c.value : c.reason; }

std::string write_back(const CredentialReport& report) {
  std::string out;
  for (const auto& name : known_columns()) out += std::string(name) + ",";
  for (const auto& name : report.extra_columns) out += field(name) + ",";
  out.back() = '\n';
  for (const ReportRow& r : report.rows) {
    std::string line = field(r.user) + "," + field(r.arn) + "," + cell_text(r.user_creation_time) +
                       "," + cell_text(r.password_enabled) + "," + cell_text(r.password_last_used) +
                       "," + cell_text(r.password_last_changed) + "," +
                       cell_text(r.password_next_rotation) + "," + cell_text(r.mfa_active);
    for (const auto& k : r.access_keys)
      line += "," + cell_text(k.active) + "," + cell_text(k.last_rotated) + "," +
              cell_text(k.last_used_date) + "," + field(cell_text(k.last_used_region)) + "," +
              field(cell_text(k.last_used_service));
    for (const auto& c : r.certs) line += "," + cell_text(c.active) + "," + cell_text(c.last_rotated);
    for (const auto& e : r.extra) line += "," + field(e.value);
    out += line + "\n";
  }
  return out;
}

template <typename T>
bool same(const Cell<T>& a, const Cell<T>& b) {
  return a.value == b.value && (a.value || a.reason == b.reason);
}
// ISO 8601 is written back to the microsecond: a finer fraction is not kept.
bool same(const TimeCell& a, const TimeCell& b) {
  if (a.value.has_value() != b.value.has_value()) return false;
  return a.value ? std::fabs(*a.value - *b.value) < 0.001 : a.reason == b.reason;
}

bool same_row(const ReportRow& a, const ReportRow& b) {
  if (a.user != b.user || a.arn != b.arn || a.root != b.root) return false;
  if (!same(a.user_creation_time, b.user_creation_time) || !same(a.password_enabled, b.password_enabled) ||
      !same(a.password_last_used, b.password_last_used) ||
      !same(a.password_last_changed, b.password_last_changed) ||
      !same(a.password_next_rotation, b.password_next_rotation) || !same(a.mfa_active, b.mfa_active))
    return false;
  for (std::size_t s = 0; s < 2; ++s) {
    const auto &x = a.access_keys[s], &y = b.access_keys[s];
    if (!same(x.active, y.active) || !same(x.last_rotated, y.last_rotated) ||
        !same(x.last_used_date, y.last_used_date) || !same(x.last_used_region, y.last_used_region) ||
        !same(x.last_used_service, y.last_used_service))
      return false;
    if (!same(a.certs[s].active, b.certs[s].active) || !same(a.certs[s].last_rotated, b.certs[s].last_rotated))
      return false;
  }
  if (a.extra.size() != b.extra.size()) return false;
  for (std::size_t i = 0; i < a.extra.size(); ++i)
    if (a.extra[i].column != b.extra[i].column || a.extra[i].value != b.extra[i].value) return false;
  return true;
}

bool root_arn(const std::string& arn) {
  const auto parts = keyflip_fuzz::split(arn, ':');
  return parts.size() == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[3].empty() &&
         parts[5] == "root";
}

void check(const ReportResult& r, bool round_trip) {
  FUZZ_CHECK(r.ok == r.issues.empty(), "ok iff no issues");
  FUZZ_CHECK(r.issues.size() <= limits::kMaxIssues, "issue cap");
  for (const auto& i : r.issues) {
    FUZZ_CHECK(!i.field.empty() && !i.rule.empty(), i.message);
    FUZZ_CHECK(keyflip_fuzz::valid_utf8(i.message) && keyflip_fuzz::valid_utf8(i.field), i.message);
  }
  if (!r.ok) return;
  FUZZ_CHECK(r.report.rows.size() <= limits::kMaxRows, "row cap");
  for (const ReportRow& row : r.report.rows) {
    FUZZ_CHECK(!row.user.empty() && keyflip_fuzz::valid_utf8(row.user), row.user);
    FUZZ_CHECK(keyflip_fuzz::valid_utf8(row.arn) && row.arn.rfind("arn:", 0) == 0, row.arn);
    FUZZ_CHECK(row.root == root_arn(row.arn), row.arn);
    check_time(row.user_creation_time, "user_creation_time");
    check_cell(row.password_enabled, "password_enabled");
    check_time(row.password_last_used, "password_last_used");
    check_time(row.password_last_changed, "password_last_changed");
    check_time(row.password_next_rotation, "password_next_rotation");
    check_cell(row.mfa_active, "mfa_active");
    for (const auto& k : row.access_keys) {
      check_cell(k.active, "key active");
      check_time(k.last_rotated, "key last_rotated");
      check_time(k.last_used_date, "key last_used_date");
      check_text(k.last_used_region, "key region");
      check_text(k.last_used_service, "key service");
    }
    for (const auto& c : row.certs) {
      check_cell(c.active, "cert active");
      check_time(c.last_rotated, "cert last_rotated");
    }
    FUZZ_CHECK(row.extra.size() == r.report.extra_columns.size(), row.user);
    for (const auto& e : row.extra) FUZZ_CHECK(keyflip_fuzz::valid_utf8(e.value), e.column);
  }
  if (!round_trip) return;
  const std::string again = write_back(r.report);
  const ReportResult back = parse_credential_report(again);
  FUZZ_CHECK(back.ok, again + "\n" + (back.issues.empty() ? "" : back.issues[0].message));
  FUZZ_CHECK(back.report.rows.size() == r.report.rows.size(), again);
  FUZZ_CHECK(back.report.extra_columns == r.report.extra_columns, again);
  for (std::size_t i = 0; i < r.report.rows.size(); ++i)
    FUZZ_CHECK(same_row(r.report.rows[i], back.report.rows[i]), again);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check(parse_credential_report(input), true);
  check(parse_credential_report_base64(input), false);
  return 0;
}
