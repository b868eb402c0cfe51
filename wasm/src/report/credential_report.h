// IAM's credential report (GetCredentialReport's Content: a CSV, base64 in
// the answer) read into one typed row per user. Columns are found by their
// header name, never by position (AWS's own examples print older headers
// than IAM writes today); quoting is RFC 4180's, read by libcsv, so user
// names with commas come through whole. IAM's markers for "nothing here"
// (N/A, not_supported, no_information) make a value absent with the marker
// kept as the reason. A column IAM adds later is kept by name; a column this
// reader needs and does not find is an error naming it. The input is
// untrusted: its size and row count are capped before and while reading.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/issues.h"

namespace keyflip::report {

namespace limits {
// About 400 bytes a user: 32 MiB holds 80,000 users, far above IAM's 5,000
// users per account, while a wasm heap can still hold it twice.
constexpr std::size_t kMaxReportBytes = 32 * 1024 * 1024;
constexpr std::size_t kMaxRows = 50'000;      // users, the root row included
constexpr std::size_t kMaxColumns = 128;      // IAM writes 22
constexpr std::size_t kMaxFieldBytes = 4096;  // a name is 64, an ARN 2048 at most
constexpr std::size_t kMaxIssues = 20;        // stop reading after this many problems
}  // namespace limits

// IAM's markers for a value that does not apply or is not known.
namespace absent {
constexpr std::string_view kNotApplicable = "N/A";             // never used, no key, no password
constexpr std::string_view kNotSupported = "not_supported";    // the root row's password fields
constexpr std::string_view kNoInformation = "no_information";  // not tracked at the time
}  // namespace absent

// One value of a row: there, or absent with IAM's marker as the reason (""
// for an empty cell).
template <typename T>
struct Cell {
  std::optional<T> value;
  std::string reason;  // absent only
};
using TimeCell = Cell<double>;  // milliseconds since the Unix epoch
using BoolCell = Cell<bool>;
using TextCell = Cell<std::string>;

// A key slot (1 or 2): the report has no key IDs; ListAccessKeys maps a slot
// to one.
struct AccessKeySlot {
  BoolCell active;
  TimeCell last_rotated;
  TimeCell last_used_date;
  TextCell last_used_region;
  TextCell last_used_service;
};

struct CertSlot {
  BoolCell active;
  TimeCell last_rotated;
};

struct ExtraValue {
  std::string column;
  std::string value;
};

struct ReportRow {
  std::string user;  // "<root_account>" for the root row
  std::string arn;
  bool root = false;  // the account's root user (arn:<partition>:iam::<account>:root)
  TimeCell user_creation_time;
  BoolCell password_enabled;
  TimeCell password_last_used;
  TimeCell password_last_changed;
  TimeCell password_next_rotation;
  BoolCell mfa_active;
  std::array<AccessKeySlot, 2> access_keys;
  std::array<CertSlot, 2> certs;
  std::vector<ExtraValue> extra;  // columns this reader does not know, in the report's order
};

struct CredentialReport {
  std::vector<ReportRow> rows;
  std::vector<std::string> extra_columns;  // the unknown columns' names, in order
};

struct ReportResult {
  bool ok = false;
  CredentialReport report;  // ok only
  util::Issues issues;      // !ok: what is wrong, each naming the column (and row)
};

// The columns read, in IAM's order (22).
const std::vector<std::string_view>& known_columns();

// Reads the CSV text (UTF-8; a byte-order mark is skipped).
ReportResult parse_credential_report(std::string_view csv);

// Reads the report as the answer carries it: base64 of the CSV.
ReportResult parse_credential_report_base64(std::string_view base64);

// GetCredentialReport's answer: its ReportFormat ("" when IAM left it out)
// must be text/csv, the only format IAM has; then the CSV is read.
constexpr std::string_view kReportFormat = "text/csv";
ReportResult read_report_answer(std::string_view report_format, std::string_view csv);

}  // namespace keyflip::report
