#include "report/credential_report.h"

#include <csv.h>

#include <algorithm>
#include <memory>

#include "crypto/base64.h"
#include "query/utf8.h"
#include "util/amz_date.h"

namespace keyflip::report {

namespace {

// The known columns, in IAM's order; Col indexes them.
enum Col : std::size_t {
  kUser, kArn, kUserCreationTime, kPasswordEnabled, kPasswordLastUsed, kPasswordLastChanged,
  kPasswordNextRotation, kMfaActive,
  kKey1Active, kKey1LastRotated, kKey1LastUsedDate, kKey1LastUsedRegion, kKey1LastUsedService,
  kKey2Active, kKey2LastRotated, kKey2LastUsedDate, kKey2LastUsedRegion, kKey2LastUsedService,
  kCert1Active, kCert1LastRotated, kCert2Active, kCert2LastRotated,
  kColumnCount
};
constexpr std::size_t kKeyColumns = kKey2Active - kKey1Active;    // five per key slot
constexpr std::size_t kCertColumns = kCert2Active - kCert1Active;  // two per cert slot

constexpr std::string_view kColumnNames[kColumnCount] = {
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
    "password_last_changed", "password_next_rotation", "mfa_active",
    "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
    "access_key_1_last_used_region", "access_key_1_last_used_service",
    "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
    "access_key_2_last_used_region", "access_key_2_last_used_service",
    "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
};

constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);
constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kQuotedValueBytes = 40;  // of a bad value, in a message
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A value from the report, shown in a message: at most kQuotedValueBytes,
// printable ASCII only (the report is untrusted; messages stay valid UTF-8).
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (std::size_t i = 0; i < value.size() && i < kQuotedValueBytes; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (value.size() > kQuotedValueBytes) out += "...";
  return out + "'";
}

bool is_marker(std::string_view value) {
  return value.empty() || value == absent::kNotApplicable || value == absent::kNotSupported ||
         value == absent::kNoInformation;
}

class Reader {
 public:
  static void on_field(void* data, std::size_t size, void* self) {
    static_cast<Reader*>(self)->field(static_cast<const char*>(data), size);
  }
  static void on_row(int, void* self) { static_cast<Reader*>(self)->row(); }

  bool stopped() const { return stopped_; }
  std::size_t rows_read() const { return rows_read_; }

  void issue(std::string field, std::string rule, std::string message) {
    if (issues_.size() < limits::kMaxIssues)
      issues_.push_back({std::move(field), std::move(rule), std::move(message)});
    if (issues_.size() >= limits::kMaxIssues) stopped_ = true;
  }
  void stop() { stopped_ = true; }

  ReportResult finish() {
    ReportResult result;
    if (issues_.empty() && !header_done_)
      issue("header", "required", "header: the report is empty (no header row)");
    result.ok = issues_.empty();
    result.issues = std::move(issues_);
    if (result.ok) result.report = std::move(report_);
    return result;
  }

 private:
  void field(const char* data, std::size_t size) {
    if (stopped_) return;
    if (fields_.size() >= limits::kMaxColumns) {
      issue(header_done_ ? "rows" : "header", "maxColumns", where() + "more than " + std::to_string(limits::kMaxColumns) +
                                        " fields in one row");
      stopped_ = true;
      return;
    }
    if (size > limits::kMaxFieldBytes) {
      issue(header_done_ ? "rows" : "header", "maxFieldBytes", where() + "a field of " + std::to_string(size) +
                                           " bytes, above the maximum " +
                                           std::to_string(limits::kMaxFieldBytes));
      stopped_ = true;
      return;
    }
    const std::string_view v(data ? static_cast<const char*>(data) : "", data ? size : 0);
    // Text goes back to JS as UTF-8: a bad byte becomes U+FFFD here, once.
    if (std::any_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
      fields_.push_back(query::utf8_prefix(v, v.size()));
    else
      fields_.emplace_back(v);
  }

  void row() {
    if (stopped_) return;
    if (!header_done_) {
      read_header();
      header_done_ = true;
      // Without its columns no row can be read: stop at the header's problems.
      if (!issues_.empty()) stopped_ = true;
    } else if (rows_read_ >= limits::kMaxRows) {
      issue("rows", "maxRows", "rows: the report has more than " +
                                   std::to_string(limits::kMaxRows) + " rows");
      stopped_ = true;
    } else {
      ++rows_read_;
      read_row();
    }
    fields_.clear();
  }

  std::string where() const {
    return header_done_ ? "row " + std::to_string(rows_read_ + 1) + ": " : "header: ";
  }

  void read_header() {
    at_.fill(kNoColumn);
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const std::string& name = fields_[i];
      const auto known = std::find(std::begin(kColumnNames), std::end(kColumnNames), name);
      const bool seen = std::find(fields_.begin(), fields_.begin() + i, name) != fields_.begin() + i;
      // (A nameless column first: a second one is not a "duplicate" named "".)
      if (name.empty()) {
        issue("header", "columnName", "header: column " + std::to_string(i + 1) + " has no name");
      } else if (seen) {
        issue(name, "duplicateColumn", name + ": the column appears twice in the header");
      } else if (known != std::end(kColumnNames)) {
        at_[static_cast<std::size_t>(known - std::begin(kColumnNames))] = i;
      } else {
        extra_.push_back(i);
        report_.extra_columns.push_back(name);
      }
    }
    for (std::size_t c = 0; c < kColumnCount; ++c)
      if (at_[c] == kNoColumn)
        issue(std::string(kColumnNames[c]), "missingColumn",
              std::string(kColumnNames[c]) + ": the report has no such column");
    columns_ = fields_.size();
  }

  std::string_view value(Col c) const { return fields_[at_[c]]; }

  std::string row_label() const {
    std::string label = "row " + std::to_string(rows_read_);
    if (!fields_.empty() && at_[kUser] < fields_.size() && !fields_[at_[kUser]].empty())
      label += " (user " + quoted(fields_[at_[kUser]]) + ")";
    return label;
  }

  void bad_value(Col c, const char* rule, const std::string& detail) {
    const std::string name(kColumnNames[c]);
    issue(name, rule, name + ": " + row_label() + ": " + quoted(value(c)) + " " + detail);
  }

  template <typename T>
  void set_absent(Cell<T>& cell, Col c) {
    cell.value.reset();
    cell.reason = std::string(value(c));
  }

  void read_bool(BoolCell& cell, Col c) {
    const std::string_view v = value(c);
    if (v == "true" || v == "false") cell.value = (v == "true");
    else if (is_marker(v)) set_absent(cell, c);
    else bad_value(c, "boolean", "is not true, false, N/A, not_supported or no_information");
  }

  void read_time(TimeCell& cell, Col c) {
    const std::string_view v = value(c);
    if (is_marker(v)) return set_absent(cell, c);
    const auto ms = util::parse_iso8601(v);
    if (ms) cell.value = *ms;
    else bad_value(c, "timestamp", "is not an ISO 8601 time with a zone, N/A, not_supported or no_information");
  }

  void read_text(TextCell& cell, Col c) {
    const std::string_view v = value(c);
    if (is_marker(v)) set_absent(cell, c);
    else cell.value = std::string(v);
  }

  // arn:<partition>:iam::<account>:root is the account's root user (IAM
  // names its row "<root_account>"; AWS's older examples "root_account").
  static bool is_root_arn(std::string_view arn) {
    std::size_t colons = 0, at = 0;
    for (std::size_t i = 0; i < arn.size(); ++i) {
      if (arn[i] != ':') continue;
      ++colons;
      if (colons == 2 && arn.substr(i + 1, 5) != "iam::") return false;
      if (colons == 5) at = i + 1;
    }
    return colons == 5 && arn.substr(0, 4) == "arn:" && arn.substr(at) == "root";
  }

  void read_row() {
    if (fields_.size() != columns_) {
      issue("rows", "fieldCount", "rows: " + row_label() + " has " +
                                      std::to_string(fields_.size()) + " fields, the header " +
                                      std::to_string(columns_));
      return;
    }
    const std::size_t before = issues_.size();
    ReportRow r;
    r.user = std::string(value(kUser));
    r.arn = std::string(value(kArn));
    if (r.user.empty()) bad_value(kUser, "required", "is empty");
    if (r.arn.substr(0, 4) != "arn:") bad_value(kArn, "arn", "is not an ARN");
    r.root = is_root_arn(r.arn);
    read_time(r.user_creation_time, kUserCreationTime);
    read_bool(r.password_enabled, kPasswordEnabled);
    read_time(r.password_last_used, kPasswordLastUsed);
    read_time(r.password_last_changed, kPasswordLastChanged);
    read_time(r.password_next_rotation, kPasswordNextRotation);
    read_bool(r.mfa_active, kMfaActive);
    for (std::size_t s = 0; s < 2; ++s) {
      const std::size_t base = kKey1Active + s * kKeyColumns;
      AccessKeySlot& k = r.access_keys[s];
      read_bool(k.active, static_cast<Col>(base));
      read_time(k.last_rotated, static_cast<Col>(base + 1));
      read_time(k.last_used_date, static_cast<Col>(base + 2));
      read_text(k.last_used_region, static_cast<Col>(base + 3));
      read_text(k.last_used_service, static_cast<Col>(base + 4));
    }
    for (std::size_t s = 0; s < 2; ++s) {
      const std::size_t base = kCert1Active + s * kCertColumns;
      read_bool(r.certs[s].active, static_cast<Col>(base));
      read_time(r.certs[s].last_rotated, static_cast<Col>(base + 1));
    }
    for (std::size_t i = 0; i < extra_.size(); ++i)
      r.extra.push_back({report_.extra_columns[i], fields_[extra_[i]]});
    if (issues_.size() == before) report_.rows.push_back(std::move(r));
  }

  std::vector<std::string> fields_;
  bool header_done_ = false;
  bool stopped_ = false;
  std::size_t columns_ = 0;
  std::size_t rows_read_ = 0;
  std::array<std::size_t, kColumnCount> at_{};
  std::vector<std::size_t> extra_;
  CredentialReport report_;
  util::Issues issues_;
};

int no_space(unsigned char) { return 0; }  // keep every byte of a field: IAM pads nothing

struct CsvFree {
  void operator()(csv_parser* p) const {
    csv_free(p);
    delete p;
  }
};

}  // namespace

const std::vector<std::string_view>& known_columns() {
  static const std::vector<std::string_view> columns(std::begin(kColumnNames), std::end(kColumnNames));
  return columns;
}

ReportResult parse_credential_report(std::string_view csv) {
  Reader reader;
  if (csv.size() > limits::kMaxReportBytes) {
    reader.issue("Content", "maxBytes", "Content: the report has " + std::to_string(csv.size()) +
                                            " bytes, above the maximum " +
                                            std::to_string(limits::kMaxReportBytes));
    reader.stop();
    return reader.finish();
  }
  if (csv.substr(0, kByteOrderMark.size()) == kByteOrderMark) csv.remove_prefix(kByteOrderMark.size());

  std::unique_ptr<csv_parser, CsvFree> parser(new csv_parser);
  // Strict: a quote inside an unquoted field, or a quoted field never closed,
  // is an error rather than a guess.
  if (csv_init(parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0) {
    reader.issue("Content", "csv", "Content: the CSV reader could not start");
    return reader.finish();
  }
  csv_set_space_func(parser.get(), no_space);
  for (std::size_t at = 0; at < csv.size() && !reader.stopped(); at += kChunkBytes) {
    const std::size_t n = std::min(kChunkBytes, csv.size() - at);
    if (csv_parse(parser.get(), csv.data() + at, n, Reader::on_field, Reader::on_row, &reader) != n) {
      reader.issue("Content", "csv", "Content: not RFC 4180 CSV after row " +
                                         std::to_string(reader.rows_read()) + ": " +
                                         csv_strerror(csv_error(parser.get())));
      reader.stop();
    }
  }
  if (!reader.stopped() &&
      csv_fini(parser.get(), Reader::on_field, Reader::on_row, &reader) != 0) {
    reader.issue("Content", "csv", "Content: not RFC 4180 CSV at its end (a quoted field is not closed)");
  }
  return reader.finish();
}

ReportResult parse_credential_report_base64(std::string_view base64) {
  // Every 4 characters give at most 3 bytes: the size bound is checked
  // before anything is decoded.
  const std::size_t upper = base64.size() / 4 * 3;
  std::optional<std::string> csv;
  if (upper <= limits::kMaxReportBytes + 3) csv = crypto::decode_base64(base64);
  if (!csv || csv->size() > limits::kMaxReportBytes) {
    ReportResult result;
    const bool big = upper > limits::kMaxReportBytes + 3 || (csv && csv->size() > limits::kMaxReportBytes);
    result.issues.push_back(
        {"Content", big ? "maxBytes" : "base64",
         big ? "Content: the report would decode to about " + std::to_string(upper) +
                   " bytes, above the maximum " + std::to_string(limits::kMaxReportBytes)
             : "Content: not base64"});
    return result;
  }
  return parse_credential_report(*csv);
}

ReportResult read_report_answer(std::string_view report_format, std::string_view csv) {
  if (!report_format.empty() && report_format != kReportFormat) {
    ReportResult result;
    result.issues.push_back({"ReportFormat", "enum",
                             "ReportFormat: " + quoted(report_format) + " is not text/csv"});
    return result;
  }
  return parse_credential_report(csv);
}

}  // namespace keyflip::report
