// Reads what IAM answered: a success document, an AWS Query error document,
// or something else entirely (an HTML page from a proxy, an empty or cut-off
// body), and classifies it for the retry policy. Never throws; anything it
// cannot read becomes an "unparsable" answer carrying the status and the
// start of the body.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace keyflip::query {

enum class AnswerKind {
  Success,       // 2xx and <UpdateAccessKeyResponse> (or any *Response with a non-empty RequestId)
  ServiceError,  // <ErrorResponse><Error><Code>... (any status)
  Unparsable,    // anything else
};

struct IamAnswer {
  AnswerKind kind = AnswerKind::Unparsable;
  bool ok = false;  // kind == Success
  int status = 0;   // the HTTP status
  std::string request_id;
  // ServiceError: IAM's Code, Type (Sender/Receiver) and Message.
  // Unparsable: code kUnparsableCode, type "", a message saying what was wrong.
  std::string code;
  std::string type;
  std::string message;
  std::string body_excerpt;  // Unparsable only: the first 200 characters, valid UTF-8

  bool retryable = false;   // transient (5xx, timeouts) or throttling
  bool throttling = false;  // back off longer
  bool clock_skew = false;  // signed at the wrong time: see clock_skew.h
};

constexpr std::string_view kUnparsableCode = "UnknownError";
constexpr std::size_t kBodyExcerptChars = 200;
// UpdateAccessKey answers are well under 1 KiB and a 1,000-item list page is
// well under 1 MiB; a bigger body is not IAM's and is not worth parsing.
constexpr std::size_t kMaxParsedBodyBytes = 1024 * 1024;
// An answer whose output holds a blob (GetCredentialReport: base64 of a CSV,
// about 340 bytes per user, ~3.4 MB for 10,000 users) may be this large: the
// report of about 90,000 users.
constexpr std::size_t kMaxBlobBodyBytes = 32 * 1024 * 1024;

struct Operation;
// The largest answer read for op: kMaxBlobBodyBytes when its output holds a
// blob, else kMaxParsedBodyBytes (also for op nullptr).
std::size_t max_body_bytes(const Operation* op);

// IAM's quota error ("LimitExceeded", HTTP 409: too many keys, users...):
// no wait fixes it, so it is never retryable, whatever status or hints come
// with it, and not throttling (unlike the similar-looking throttling codes).
constexpr std::string_view kQuotaErrorCode = "LimitExceeded";

IamAnswer parse_iam_response(int status, std::string_view body);

// The AWS "standard" retry mode's lists (botocore retries/standard.py):
// throttling is HTTP 429 or a throttling code; transient is HTTP
// 500/502/503/504 or a request-timeout code.
bool is_throttling_error(int status, std::string_view code);
bool is_transient_error(int status, std::string_view code);

// The request was signed at a time the service does not accept: the skew
// codes, or SignatureDoesNotMatch saying the signature has expired or is not
// yet current (IAM's "Signature expired: 20150830T123600Z is now earlier than
// ..."). A plain SignatureDoesNotMatch (wrong secret) is not one.
bool is_clock_skew_error(std::string_view code, std::string_view message);

}  // namespace keyflip::query
