#include "query/response.h"

#include <initializer_list>
#include <pugixml.hpp>

#include "query/response_document.h"
#include "query/utf8.h"
#include "query/xml_nodes.h"

namespace keyflip::query {

namespace {

bool contains_ignoring_case(std::string_view text, std::string_view needle) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && lower(text[i + j]) == lower(needle[j])) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> list) {
  for (auto item : list)
    if (value == item) return true;
  return false;
}

using xml::child;
using xml::local_name;

std::string text_of(const pugi::xml_node& node) {
  const std::string all = node ? xml::raw_text(node) : "";
  std::string_view text = all;
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  // pugixml passes invalid UTF-8 through; what reaches a user is always valid
  // (invalid bytes become U+FFFD), as body_excerpt is (found by fuzz_iam_response).
  return utf8_prefix(text, text.size());
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void classify(IamAnswer& answer) {
  const bool quota = answer.code == kQuotaErrorCode;
  answer.throttling = !quota && is_throttling_error(answer.status, answer.code);
  answer.retryable = !quota && (answer.throttling || is_transient_error(answer.status, answer.code));
  answer.clock_skew =
      answer.kind == AnswerKind::ServiceError && is_clock_skew_error(answer.code, answer.message);
}

IamAnswer unparsable(int status, std::string_view body, const std::string& why) {
  IamAnswer answer;
  answer.kind = AnswerKind::Unparsable;
  answer.status = status;
  answer.code = std::string(kUnparsableCode);
  answer.message = "HTTP " + std::to_string(status) + " answer is not an IAM XML document: " + why;
  answer.body_excerpt = utf8_prefix(body, kBodyExcerptChars);
  classify(answer);
  return answer;
}

// The error element of the three shapes AWS uses: <ErrorResponse><Error>
// (Query protocol, IAM), <Response><Errors><Error> (EC2 style) and a bare
// <Error> root (REST-XML style, seen from proxies and emulators).
pugi::xml_node error_element(const pugi::xml_node& root) {
  const std::string_view name = local_name(root);
  if (name == "ErrorResponse") return child(root, "Error");
  if (name == "Response") return child(child(root, "Errors"), "Error");
  if (name == "Error") return root;
  return {};
}

}  // namespace

bool is_throttling_error(int status, std::string_view code) {
  return status == 429 ||
         one_of(code, {"Throttling", "ThrottlingException", "ThrottledException",
                       "RequestThrottledException", "TooManyRequestsException",
                       "ProvisionedThroughputExceededException", "TransactionInProgressException",
                       "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException",
                       "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
                       "EC2ThrottledException"});
}

bool is_transient_error(int status, std::string_view code) {
  return status == 500 || status == 502 || status == 503 || status == 504 ||
         one_of(code, {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"});
}

bool is_clock_skew_error(std::string_view code, std::string_view message) {
  if (one_of(code, {"RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture",
                    "InvalidSignatureException"}))
    return true;
  return code == "SignatureDoesNotMatch" &&
         (contains_ignoring_case(message, "expired") ||
          contains_ignoring_case(message, "not yet current"));
}

IamAnswer read_iam_document(int status, std::string_view body, std::string_view own_root,
                            RootRule rule, pugi::xml_document& doc, std::size_t max_bytes) {
  if (body.empty()) return unparsable(status, body, "the body is empty");
  if (body.size() > max_bytes)
    return unparsable(status, body, "the body is larger than " + std::to_string(max_bytes / (1024 * 1024)) + " MiB");

  // parse_default decodes entities (&amp; &lt; &#233;) and never fetches
  // external ones; the buffer is copied, so body may go away afterwards.
  // UTF-8 only, as botocore reads AWS XML: auto-detecting UTF-16/32 made
  // pugixml read the caller's bytes as uint16/uint32 at any alignment (UB,
  // found by fuzz_iam_response); such a body is now simply unparsable.
  const pugi::xml_parse_result parsed =
      doc.load_buffer(body.data(), body.size(), xml::kParseOptions, pugi::encoding_utf8);
  if (!parsed)
    return unparsable(status, body,
                      std::string(parsed.description()) + " at byte " +
                          std::to_string(parsed.offset));
  const pugi::xml_node root = doc.document_element();
  if (!root) return unparsable(status, body, "it has no root element");
  const std::string_view root_name = local_name(root);

  IamAnswer answer;
  answer.status = status;
  if (const pugi::xml_node error = error_element(root)) {
    answer.kind = AnswerKind::ServiceError;
    answer.code = text_of(child(error, "Code"));
    if (answer.code.empty()) answer.code = std::string(kUnparsableCode);
    answer.type = text_of(child(error, "Type"));
    answer.message = text_of(child(error, "Message"));
    answer.request_id = text_of(child(root, "RequestId"));
    if (answer.request_id.empty()) answer.request_id = text_of(child(root, "RequestID"));  // EC2
    if (answer.request_id.empty()) answer.request_id = text_of(child(error, "RequestId"));
    classify(answer);
    return answer;
  }

  const std::string request_id = text_of(child(child(root, "ResponseMetadata"), "RequestId"));
  // Another operation's *Response counts (AnyResponseWithRequestId) only with
  // a RequestId that has text: an empty or blank one is no evidence the
  // answer came from IAM.
  const bool success_document =
      root_name == own_root ||
      (rule == RootRule::AnyResponseWithRequestId && ends_with(root_name, "Response") &&
       root_name != "ErrorResponse" && !request_id.empty());
  if (!success_document)
    return unparsable(status, body,
                      "unexpected root element <" + utf8_prefix(root_name, 64) + ">" +
                          (rule == RootRule::OwnOnly ? " (expected <" + std::string(own_root) + ">)"
                                                     : std::string()));
  if (status < 200 || status > 299)
    return unparsable(status, body, "a success document came with a non-2xx status");
  answer.kind = AnswerKind::Success;
  answer.ok = true;
  answer.request_id = request_id;
  return answer;
}

IamAnswer parse_iam_response(int status, std::string_view body) {
  // An answer classified without an operation (parse_response with op
  // nullptr: the package's parseIamResponse without an action).
  pugi::xml_document doc;
  return read_iam_document(status, body, "UpdateAccessKeyResponse",
                           RootRule::AnyResponseWithRequestId, doc);
}

}  // namespace keyflip::query
