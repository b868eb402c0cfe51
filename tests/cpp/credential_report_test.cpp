// IAM's credential report read by header name: AWS's documented example,
// reports generated here (quoted commas, the root row, every absence marker,
// unknown and missing columns), malformed CSV and the size bounds.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "report/credential_report.h"

namespace keyflip::report {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "missing test file " << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string docs_example() {
  return read_file(std::string(KEYFLIP_SOURCE_DIR) +
                   "/tests/cpp/testdata/credential-report/aws-docs-example.csv");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> issue_fields(const ReportResult& r) {
  std::vector<std::string> out;
  for (const auto& i : r.issues) out.push_back(i.field);
  return out;
}

std::string all_messages(const ReportResult& r) {
  std::string out;
  for (const auto& i : r.issues) out += i.message + "\n";
  return out;
}

// A report as IAM writes it today: 22 columns, RFC 4180 quoting where a
// value holds a comma or a quote.
const std::vector<std::string> kHeader = {
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
    "password_last_changed", "password_next_rotation", "mfa_active",
    "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
    "access_key_1_last_used_region", "access_key_1_last_used_service",
    "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
    "access_key_2_last_used_region", "access_key_2_last_used_service",
    "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated"};

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\n";
}

const std::vector<std::string> kRootRow = {
    "<root_account>", "arn:aws:iam::123456789012:root", "2017-06-10T02:35:07+00:00",
    "not_supported", "2026-11-01T08:00:00+00:00", "not_supported", "not_supported", "true",
    "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
    "false", "N/A", "false", "N/A"};

// A user whose name holds commas (IAM allows [\w+=,.@-]), with a key used in
// a region, a key never used, and a password not tracked.
const std::vector<std::string> kCommaRow = {
    "ops,admin", "arn:aws:iam::123456789012:user/team/ops,admin", "2017-06-10T02:35:07+00:00",
    "true", "no_information", "2017-06-10T02:35:07+00:00", "N/A", "false",
    "true", "2017-06-10T02:35:07+00:00", "2026-11-01T08:00:00+00:00", "eu-west-1", "iam",
    "false", "2017-06-10T02:35:07+00:00", "N/A", "N/A", "N/A",
    "false", "N/A", "false", "N/A"};

std::string generated(const std::vector<std::vector<std::string>>& rows,
                      const std::vector<std::string>& header = kHeader) {
  std::string out = csv_line(header);
  for (const auto& r : rows) out += csv_line(r);
  return out;
}

TEST(CredentialReport, AwsDocsExampleAsPrintedNamesTheSixMissingColumns) {
  // AWS's documented example predates the last-used columns: read by name,
  // it is an error naming exactly what is missing, not a shifted guess.
  const auto r = parse_credential_report(docs_example());
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(issue_fields(r), (std::vector<std::string>{
                                 "access_key_1_last_used_date", "access_key_1_last_used_region",
                                 "access_key_1_last_used_service", "access_key_2_last_used_date",
                                 "access_key_2_last_used_region", "access_key_2_last_used_service"}));
  for (const auto& i : r.issues) {
    EXPECT_EQ(i.rule, "missingColumn");
    EXPECT_EQ(i.message, i.field + ": the report has no such column");
  }
}

TEST(CredentialReport, AwsDocsExampleWithTodaysColumnsAddedAtTheEnd) {
  // The same rows with today's six columns appended (after the certs, so
  // every column but the first sixteen is out of IAM's order).
  const auto in = lines(docs_example());
  ASSERT_EQ(in.size(), 4u);
  std::string csv = in[0] +
                    ",access_key_1_last_used_date,access_key_1_last_used_region,"
                    "access_key_1_last_used_service,access_key_2_last_used_date,"
                    "access_key_2_last_used_region,access_key_2_last_used_service\r\n";
  csv += in[1] + ",N/A,N/A,N/A,N/A,N/A,N/A\r\n";
  csv += in[2] + ",2015-04-20T17:41:10+00:00,us-east-1,s3,N/A,N/A,N/A\r\n";
  csv += in[3] + ",N/A,N/A,N/A,N/A,N/A,N/A\r\n";
  const auto r = parse_credential_report(csv);
  ASSERT_TRUE(r.ok) << all_messages(r);
  ASSERT_EQ(r.report.rows.size(), 3u);
  EXPECT_TRUE(r.report.extra_columns.empty());

  const ReportRow& root = r.report.rows[0];
  EXPECT_EQ(root.user, "root_account");
  EXPECT_TRUE(root.root);  // by its ARN: the docs' older name has no brackets
  EXPECT_EQ(root.user_creation_time.value, 1413390685000.0);
  EXPECT_FALSE(root.password_enabled.value.has_value());
  EXPECT_EQ(root.password_enabled.reason, "not_supported");
  EXPECT_EQ(root.password_last_used.value, 1429551670000.0);
  EXPECT_EQ(root.password_next_rotation.reason, "not_supported");
  EXPECT_EQ(root.mfa_active.value, true);
  EXPECT_EQ(root.access_keys[0].active.value, false);
  EXPECT_EQ(root.access_keys[0].last_rotated.reason, "N/A");

  const ReportRow& admin = r.report.rows[1];
  EXPECT_EQ(admin.user, "Administrator");
  EXPECT_EQ(admin.arn, "arn:aws:iam::123456789012:user/Administrator");
  EXPECT_FALSE(admin.root);
  EXPECT_EQ(admin.password_enabled.value, true);
  EXPECT_EQ(admin.password_next_rotation.reason, "N/A");
  EXPECT_EQ(admin.access_keys[0].active.value, true);
  EXPECT_EQ(admin.access_keys[0].last_rotated.value, 1417632821000.0);
  EXPECT_EQ(admin.access_keys[0].last_used_date.value, 1429551670000.0);
  EXPECT_EQ(admin.access_keys[0].last_used_region.value, "us-east-1");
  EXPECT_EQ(admin.access_keys[0].last_used_service.value, "s3");
  EXPECT_EQ(admin.access_keys[1].active.value, true);
  EXPECT_EQ(admin.access_keys[1].last_used_date.reason, "N/A");

  const ReportRow& bill = r.report.rows[2];
  EXPECT_EQ(bill.user, "Bill");
  EXPECT_EQ(bill.password_enabled.value, false);
  EXPECT_EQ(bill.password_last_used.reason, "N/A");
  EXPECT_EQ(bill.certs[0].active.value, false);
  EXPECT_EQ(bill.certs[0].last_rotated.value, 1429560012000.0);
  EXPECT_EQ(bill.certs[1].last_rotated.reason, "N/A");
}

TEST(CredentialReport, GeneratedRootRowQuotedCommasAndMarkers) {
  const auto r = parse_credential_report(generated({kRootRow, kCommaRow}));
  ASSERT_TRUE(r.ok) << all_messages(r);
  ASSERT_EQ(r.report.rows.size(), 2u);
  const ReportRow& root = r.report.rows[0];
  EXPECT_EQ(root.user, "<root_account>");
  EXPECT_TRUE(root.root);
  EXPECT_EQ(root.password_last_used.value, 1793520000000.0);
  EXPECT_EQ(root.access_keys[1].last_used_service.reason, "N/A");

  const ReportRow& ops = r.report.rows[1];
  EXPECT_EQ(ops.user, "ops,admin");
  EXPECT_EQ(ops.arn, "arn:aws:iam::123456789012:user/team/ops,admin");
  EXPECT_FALSE(ops.root);
  EXPECT_FALSE(ops.password_last_used.value.has_value());
  EXPECT_EQ(ops.password_last_used.reason, "no_information");
  EXPECT_EQ(ops.password_last_changed.value, 1497062107000.0);
  EXPECT_EQ(ops.access_keys[0].active.value, true);
  EXPECT_EQ(ops.access_keys[0].last_used_date.value, 1793520000000.0);
  EXPECT_EQ(ops.access_keys[0].last_used_region.value, "eu-west-1");
  EXPECT_EQ(ops.access_keys[0].last_used_service.value, "iam");
  EXPECT_EQ(ops.access_keys[1].active.value, false);
  EXPECT_EQ(ops.access_keys[1].last_rotated.value, 1497062107000.0);
  EXPECT_EQ(ops.access_keys[1].last_used_date.reason, "N/A");
  EXPECT_TRUE(ops.extra.empty());
}

TEST(CredentialReport, ColumnsInAnyOrderGiveTheSameRows) {
  std::vector<std::size_t> order(kHeader.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = order.size() - 1 - i;  // reversed
  auto permute = [&](const std::vector<std::string>& v) {
    std::vector<std::string> out;
    for (std::size_t i : order) out.push_back(v[i]);
    return out;
  };
  const auto a = parse_credential_report(generated({kRootRow, kCommaRow}));
  const auto b = parse_credential_report(generated({permute(kRootRow), permute(kCommaRow)}, permute(kHeader)));
  ASSERT_TRUE(a.ok && b.ok) << all_messages(b);
  ASSERT_EQ(b.report.rows.size(), 2u);
  EXPECT_EQ(b.report.rows[1].user, "ops,admin");
  EXPECT_EQ(b.report.rows[1].access_keys[0].last_used_region.value,
            a.report.rows[1].access_keys[0].last_used_region.value);
  EXPECT_EQ(b.report.rows[1].password_last_changed.value, a.report.rows[1].password_last_changed.value);
  EXPECT_TRUE(b.report.rows[0].root);
}

TEST(CredentialReport, UnknownColumnIsKeptByName) {
  auto header = kHeader;
  header.insert(header.begin() + 8, "mfa_device_count");
  auto row = kCommaRow;
  row.insert(row.begin() + 8, "2");
  auto root = kRootRow;
  root.insert(root.begin() + 8, "1");
  const auto r = parse_credential_report(generated({root, row}, header));
  ASSERT_TRUE(r.ok) << all_messages(r);
  EXPECT_EQ(r.report.extra_columns, std::vector<std::string>{"mfa_device_count"});
  ASSERT_EQ(r.report.rows[1].extra.size(), 1u);
  EXPECT_EQ(r.report.rows[1].extra[0].column, "mfa_device_count");
  EXPECT_EQ(r.report.rows[1].extra[0].value, "2");
  EXPECT_EQ(r.report.rows[0].extra[0].value, "1");
  // The known columns after it are still read by name.
  EXPECT_EQ(r.report.rows[1].access_keys[0].active.value, true);
}

TEST(CredentialReport, MissingColumnIsAnErrorNamingIt) {
  auto header = kHeader;
  auto row = kCommaRow;
  header.erase(header.begin() + 7);  // mfa_active
  row.erase(row.begin() + 7);
  const auto r = parse_credential_report(generated({row}, header));
  ASSERT_FALSE(r.ok);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].field, "mfa_active");
  EXPECT_EQ(r.issues[0].rule, "missingColumn");
  EXPECT_EQ(r.issues[0].message, "mfa_active: the report has no such column");
}

TEST(CredentialReport, DuplicateAndNamelessColumnsAreErrors) {
  auto header = kHeader;
  header.push_back("arn");
  header.push_back("");
  header.push_back("");  // a second nameless one is not a duplicate named ""
  const auto r = parse_credential_report(csv_line(header));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(issue_fields(r), (std::vector<std::string>{"arn", "header", "header"}));
  EXPECT_EQ(r.issues[0].rule, "duplicateColumn");
  EXPECT_EQ(r.issues[1].rule, "columnName");
  EXPECT_EQ(r.issues[2].message, "header: column 25 has no name");
}

TEST(CredentialReport, BadValuesNameColumnRowAndUser) {
  auto row = kCommaRow;
  row[3] = "yes";                  // password_enabled
  row[10] = "2026-11-01 08:00:00";  // access_key_1_last_used_date without T and zone
  const auto r = parse_credential_report(generated({kRootRow, row}));
  ASSERT_FALSE(r.ok);
  ASSERT_EQ(r.issues.size(), 2u);
  EXPECT_EQ(r.issues[0].field, "password_enabled");
  EXPECT_EQ(r.issues[0].rule, "boolean");
  EXPECT_EQ(r.issues[0].message,
            "password_enabled: row 2 (user 'ops,admin'): 'yes' is not true, false, N/A, "
            "not_supported or no_information");
  EXPECT_EQ(r.issues[1].field, "access_key_1_last_used_date");
  EXPECT_EQ(r.issues[1].rule, "timestamp");
}

TEST(CredentialReport, UppercaseBooleanIsNotGuessed) {
  auto row = kCommaRow;
  row[7] = "TRUE";
  const auto r = parse_credential_report(generated({row}));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].field, "mfa_active");
}

TEST(CredentialReport, EmptyUserAndNonArnAreErrors) {
  auto row = kCommaRow;
  row[0] = "";
  row[1] = "user/x";
  const auto r = parse_credential_report(generated({row}));
  EXPECT_EQ(issue_fields(r), (std::vector<std::string>{"user", "arn"}));
}

TEST(CredentialReport, RowWithWrongFieldCount) {
  auto row = kCommaRow;
  row.pop_back();
  const auto r = parse_credential_report(generated({kRootRow, row}));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].field, "rows");
  EXPECT_EQ(r.issues[0].rule, "fieldCount");
  EXPECT_NE(r.issues[0].message.find("row 2 (user 'ops,admin') has 21 fields, the header 22"),
            std::string::npos) << r.issues[0].message;
}

TEST(CredentialReport, MalformedCsvIsAnError) {
  const std::string head = csv_line(kHeader);
  // A quote inside an unquoted field (strict RFC 4180).
  auto r = parse_credential_report(head + "ab\"c" + csv_line(kCommaRow).substr(9));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].field, "Content");
  EXPECT_EQ(r.issues[0].rule, "csv");
  // A quoted field never closed.
  r = parse_credential_report(head + "\"ops,admin,arn");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].rule, "csv");
  EXPECT_NE(r.issues[0].message.find("not closed"), std::string::npos);
}

TEST(CredentialReport, QuotesNewlinesBomAndNoFinalNewline) {
  auto row = kCommaRow;
  row[0] = "a\"b";  // not a valid IAM name, but RFC 4180 must carry it
  row[12] = "line1\nline2";
  std::string csv = "\xEF\xBB\xBF" + generated({row});
  csv.pop_back();  // no final newline
  const auto r = parse_credential_report(csv);
  ASSERT_TRUE(r.ok) << all_messages(r);
  EXPECT_EQ(r.report.rows[0].user, "a\"b");
  EXPECT_EQ(r.report.rows[0].access_keys[0].last_used_service.value, "line1\nline2");
}

TEST(CredentialReport, HeaderOnlyIsAnEmptyReportAndNothingIsAnError) {
  auto r = parse_credential_report(csv_line(kHeader));
  ASSERT_TRUE(r.ok);
  EXPECT_TRUE(r.report.rows.empty());
  r = parse_credential_report("");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].field, "header");
  EXPECT_EQ(r.issues[0].rule, "required");
}

TEST(CredentialReport, Base64AsTheAnswerCarriesIt) {
  const std::string csv = generated({kRootRow, kCommaRow});
  // Encode with a tiny local encoder (test-only), with line breaks every 76.
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string b64;
  for (std::size_t i = 0; i < csv.size(); i += 3) {
    const unsigned n = static_cast<unsigned char>(csv[i]) << 16 |
                       (i + 1 < csv.size() ? static_cast<unsigned char>(csv[i + 1]) << 8 : 0) |
                       (i + 2 < csv.size() ? static_cast<unsigned char>(csv[i + 2]) : 0);
    b64 += alphabet[n >> 18 & 63];
    b64 += alphabet[n >> 12 & 63];
    b64 += i + 1 < csv.size() ? alphabet[n >> 6 & 63] : '=';
    b64 += i + 2 < csv.size() ? alphabet[n & 63] : '=';
  }
  std::string wrapped;
  for (std::size_t i = 0; i < b64.size(); i += 76) wrapped += b64.substr(i, 76) + "\n";
  for (const std::string& text : {b64, wrapped}) {
    const auto r = parse_credential_report_base64(text);
    ASSERT_TRUE(r.ok) << all_messages(r);
    ASSERT_EQ(r.report.rows.size(), 2u);
    EXPECT_EQ(r.report.rows[1].user, "ops,admin");
  }
  auto bad = parse_credential_report_base64(b64.substr(0, 10) + "*" + b64.substr(11));
  ASSERT_FALSE(bad.ok);
  EXPECT_EQ(bad.issues[0].field, "Content");
  EXPECT_EQ(bad.issues[0].rule, "base64");
  bad = parse_credential_report_base64(b64.substr(0, b64.size() - 1));  // cut short
  ASSERT_FALSE(bad.ok);
  EXPECT_EQ(bad.issues[0].rule, "base64");
}

TEST(CredentialReport, SizeBoundsAreCheckedBeforeReading) {
  std::string huge(limits::kMaxReportBytes + 1, 'a');
  auto r = parse_credential_report(huge);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].rule, "maxBytes");
  std::string huge64((limits::kMaxReportBytes / 3 + 2) * 4, 'A');
  r = parse_credential_report_base64(huge64);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].rule, "maxBytes");
}

TEST(CredentialReport, RowFieldAndColumnBounds) {
  // One row more than the maximum.
  std::string csv = csv_line(kHeader);
  const std::string row = csv_line(kCommaRow);
  csv.reserve(csv.size() + row.size() * (limits::kMaxRows + 1));
  for (std::size_t i = 0; i <= limits::kMaxRows; ++i) csv += row;
  auto r = parse_credential_report(csv);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues.back().rule, "maxRows");

  auto long_row = kCommaRow;
  long_row[12] = std::string(limits::kMaxFieldBytes + 1, 's');
  r = parse_credential_report(generated({long_row}));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].rule, "maxFieldBytes");

  std::string wide;
  for (std::size_t i = 0; i <= limits::kMaxColumns; ++i) wide += "c" + std::to_string(i) + ",";
  r = parse_credential_report(wide + "\n");
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].rule, "maxColumns");
}

TEST(CredentialReport, ProblemsStopAfterTheCap) {
  auto row = kCommaRow;
  row[3] = "maybe";
  std::vector<std::vector<std::string>> rows(limits::kMaxIssues * 3, row);
  const auto r = parse_credential_report(generated(rows));
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues.size(), limits::kMaxIssues);
}

TEST(CredentialReport, AnswerMustBeTextCsv) {
  const std::string csv = generated({kRootRow});
  EXPECT_TRUE(read_report_answer("text/csv", csv).ok);
  EXPECT_TRUE(read_report_answer("", csv).ok);  // IAM left it out: the CSV decides
  const auto r = read_report_answer("application/json", csv);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.issues[0].field, "ReportFormat");
  EXPECT_EQ(r.issues[0].message, "ReportFormat: 'application/json' is not text/csv");
}

TEST(CredentialReport, KnownColumnsAreIamsTwentyTwo) {
  ASSERT_EQ(known_columns().size(), kHeader.size());
  for (std::size_t i = 0; i < kHeader.size(); ++i) EXPECT_EQ(known_columns()[i], kHeader[i]);
}

}  // namespace
}  // namespace keyflip::report
