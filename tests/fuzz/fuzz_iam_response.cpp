// IAM's answers: parse_iam_response (pugixml underneath) and the retry
// decision that reads it, with a Date header for the clock-skew logic.
//
// Input: an optional first line "<status> [<Date header>]" (status: 1-3
// digits; e.g. "403 Sun, 30 Aug 2015 12:36:00 GMT"), then the body as is.
// Without that line the status is 200 and the whole input is the body.
//
// Properties beyond "no crash":
//   ok only for a 2xx Success, and never with an empty request id unless the
//   root is our own <UpdateAccessKeyResponse> (documented: recognised even
//   without metadata; see tests/fuzz/README.md);
//   every text field that reaches JS is valid UTF-8; the body excerpt is at
//   most 200 characters and only for unparsable answers;
//   a ServiceError always has a code; throttling implies retryable;
//   the retry decision never retries a success, never asks for a negative or
//   over-the-cap delay, and never retries past max attempts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "query/response.h"
#include "query/retry_policy.h"
#include "query/utf8.h"

using namespace keyflip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  int status = 200;
  std::string_view date;
  const auto newline = text.find('\n');
  if (newline != std::string_view::npos && newline > 0 && text[0] >= '0' && text[0] <= '9') {
    const std::string_view first = text.substr(0, newline);
    std::size_t i = 0;
    int value = 0;
    for (; i < first.size() && i < 3 && first[i] >= '0' && first[i] <= '9'; ++i)
      value = value * 10 + (first[i] - '0');
    if (i == first.size() || first[i] == ' ') {
      status = value;
      if (i < first.size()) date = first.substr(i + 1);
      text.remove_prefix(newline + 1);
    }
  }

  const query::IamAnswer a = query::parse_iam_response(status, text);
  FUZZ_CHECK(a.ok == (a.kind == query::AnswerKind::Success), a.message);
  FUZZ_CHECK(a.status == status, a.message);
  if (a.ok) {
    FUZZ_CHECK(status >= 200 && status <= 299, a.request_id);
    FUZZ_CHECK(!a.request_id.empty() || text.find("UpdateAccessKeyResponse") != std::string_view::npos,
               std::string(text));
  }
  if (a.kind == query::AnswerKind::ServiceError) FUZZ_CHECK(!a.code.empty(), a.message);
  if (a.kind == query::AnswerKind::Unparsable) FUZZ_CHECK(a.code == query::kUnparsableCode, a.code);
  if (a.kind != query::AnswerKind::Unparsable) FUZZ_CHECK(a.body_excerpt.empty(), a.body_excerpt);
  FUZZ_CHECK(query::count_code_points(a.body_excerpt) <= query::kBodyExcerptChars, a.body_excerpt);
  for (const std::string* s : {&a.request_id, &a.code, &a.type, &a.message, &a.body_excerpt})
    FUZZ_CHECK(keyflip_fuzz::valid_utf8(*s), *s);
  if (a.throttling) FUZZ_CHECK(a.retryable, a.code);

  // The decision the JS client acts on, for a few attempt numbers.
  for (int attempt : {1, 2, 3}) {
    query::AttemptContext c;
    c.attempt = attempt;
    c.max_attempts = 3;
    c.outcome = query::Outcome::Answer;
    c.answer = a;
    c.date_header = std::string(date);
    c.local_now_ms = 1440938160000;
    c.clock_offset_ms = 0;
    c.random = 0.999;
    const query::AttemptDecision d = query::decide(c);
    if (a.ok) FUZZ_CHECK(!d.retry, d.reason);
    if (attempt >= 3 && !d.skew_retry) FUZZ_CHECK(!d.retry, d.reason);
    FUZZ_CHECK(d.delay_ms >= 0 && d.delay_ms <= query::kMaxDelayMs, d.reason);
    if (d.skew_retry) FUZZ_CHECK(a.clock_skew && d.new_offset_ms != 0, d.reason);
  }
  return 0;
}
