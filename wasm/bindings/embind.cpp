// The only file that knows about Embind. Each call takes one packed input
// and gives one packed output (wasm/src/wire, wasm/js/wire.js): JS writes the
// input's bytes into a buffer it mallocs and passes (pointer, length); C++
// decodes it, wipes and frees that buffer at once (it holds the secret key
// and the session token), and hands back a typed_memory_view of the packed
// output, which JS decodes and then releases (release_output wipes it: a
// presigned URL or a signed header may carry the session token).
//
// Why packed: one crossing per call instead of one Embind property access
// per field, and no caller value ever reaches C++ as a JS object: the JS
// wrapper reads the caller's objects (getters, proxies, toString) first and
// writes only bytes, so nothing can throw while a wasm frame is on the stack.
// Why strict (wire/fields.h): a field the two sides spell differently is an
// error ("wireError"), never a silent default.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "crypto/secret.h"
#include "flows/rotation_wire.h"
#include "flows/incident_calls.h"
#include "query/endpoints.h"
#include "query/limits.h"
#include "query/operation.h"
#include "query/request.h"
#include "query/response.h"
#include "query/retry_policy.h"
#include "report/credential_report.h"
#include "report/report_poll.h"
#include "retry/adaptive_rate.h"
#include "sigv4/signer.h"
#include "sigv4/signing_key.h"
#include "wire/fields.h"
#include "wire/value_codec.h"
#include "wire/issues_value.h"

using emscripten::val;
using keyflip::query::Value;
using keyflip::wire::Fields;

namespace {

// --- the two buffers of a call

// Decodes the buffer JS filled, then wipes and frees it whatever it held.
keyflip::wire::Decoded take_input(unsigned ptr, unsigned len) {
  auto* bytes = reinterpret_cast<std::uint8_t*>(static_cast<std::uintptr_t>(ptr));
  if (bytes == nullptr) return {false, Value::null(), "wire: no input"};
  auto decoded = keyflip::wire::decode(bytes, len);
  keyflip::crypto::wipe(bytes, len);
  std::free(bytes);
  return decoded;
}

std::vector<std::uint8_t>& output_buffer() {
  static std::vector<std::uint8_t> buffer;
  return buffer;
}

void release_output() {
  auto& buffer = output_buffer();
  keyflip::crypto::wipe(buffer.data(), buffer.capacity());
  std::vector<std::uint8_t>().swap(buffer);
}

// The view is valid until the next call or release_output(); JS decodes it at once.
val hand_out(const Value& out) {
  release_output();
  auto& buffer = output_buffer();
  buffer.reserve(keyflip::wire::encoded_size(out));
  keyflip::wire::encode(out, buffer);
  return val(emscripten::typed_memory_view(buffer.size(), buffer.data()));
}

val wire_error(const std::string& error) {
  Value out = Value::map();
  out.set("wireError", Value::of_string(error));
  return hand_out(out);
}

// Runs one call: decode, read fields strictly (fn returns its output), or a wireError.
template <typename Fn>
val call(unsigned ptr, unsigned len, Fn&& fn) {
  auto decoded = take_input(ptr, len);
  if (!decoded.ok) return wire_error(decoded.error);
  Fields fields(decoded.value);
  Value out = fn(fields);
  if (!fields.ok()) return wire_error(fields.error());
  return hand_out(out);
}

// --- values out

Value str(std::string s) { return Value::of_string(std::move(s)); }

// The one shape of "issues" across the boundary (wire/issues_value.h).
Value issues_to(const keyflip::util::Issues& issues) { return keyflip::wire::issues_value(issues); }

// { ok, issues, method, url, headers: [name, value, ...], body, canonicalRequest, stringToSign, signature }
Value signed_to(const keyflip::util::Issues& issues, const keyflip::sigv4::SignedRequest& s) {
  Value out = Value::map();
  out.set("ok", Value::of_bool(issues.empty()));
  out.set("issues", issues_to(issues));
  if (!issues.empty()) return out;
  out.set("method", str(s.method));
  out.set("url", str(s.url));
  Value headers = Value::list();
  for (const auto& h : s.headers) {
    headers.items.push_back(str(h.name));
    headers.items.push_back(str(h.value));
  }
  out.set("headers", std::move(headers));
  out.set("body", str(s.body));
  out.set("canonicalRequest", str(s.canonical_request));
  out.set("stringToSign", str(s.string_to_sign));
  out.set("signature", str(s.signature));
  return out;
}

Value answer_to(const keyflip::query::IamAnswer& a) {
  Value out = Value::map();
  out.set("ok", Value::of_bool(a.ok));
  out.set("statusCode", Value::of_number(a.status));
  out.set("requestId", str(a.request_id));
  out.set("code", str(a.code));
  out.set("type", str(a.type));
  // An unparsable answer carries the start of the body so a user can see
  // what came back instead of IAM's XML (a proxy page, say).
  out.set("message", str(a.body_excerpt.empty() ? a.message : a.message + ": " + a.body_excerpt));
  out.set("retryable", Value::of_bool(a.retryable));
  out.set("throttling", Value::of_bool(a.throttling));
  out.set("clockSkew", Value::of_bool(a.clock_skew));
  return out;
}

// --- values in

// accessKeyId, secretAccessKey, sessionToken: the secrets go straight into wiping storage.
keyflip::sigv4::Credentials credentials_from(Fields& in) {
  keyflip::sigv4::Credentials credentials;
  credentials.secret_access_key = in.secret("secretAccessKey");
  credentials.session_token = in.secret("sessionToken");
  credentials.access_key_id = in.string("accessKeyId");
  return credentials;
}

// The operation an input's "action" names, of the input's "service" ("iam",
// "sts"; "" for any). An empty action is allowed only where the call has a
// meaning without one (parse*Response: the answer alone); any other unknown
// name is an issue on "action" listing the service's known ones.
const keyflip::query::Operation* operation_from(Fields& in, keyflip::util::Issues& issues, bool optional) {
  const std::string service_id = in.string("service");
  const std::string action = in.string("action");
  if (optional && action.empty()) return nullptr;
  const auto* service = keyflip::query::find_service(service_id);
  const auto* op = keyflip::query::find_operation(action);
  if (op && service && op->service != service) {
    keyflip::util::add_issue(issues, "action", "enum",
                             "is an " + std::string(op->service->label) + " action, not " +
                                 std::string(service->label) + "'s");
    return nullptr;
  }
  if (!op) {
    std::string known;
    for (const auto* s : keyflip::query::services()) {
      if (service && s != service) continue;
      for (const auto* o : s->operations) known.append(known.empty() ? "" : ", ").append(o->name);
    }
    const std::string label = service ? std::string(service->label) : "IAM or STS";
    keyflip::util::add_issue(issues, "action", "enum", "is not an " + label + " action keyflip performs (known: " + known + ")");
  }
  return op;
}

// --- the calls

val sign_request(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    using namespace keyflip::sigv4;
    Options options;
    options.credentials = credentials_from(in);
    options.region = in.string("region");
    options.service = in.string("service");
    options.epoch_seconds = in.whole("epochSeconds", INT64_MIN / 2);
    options.normalize_path = in.boolean("normalizePath");
    options.sign_body = in.boolean("signBody");
    options.omit_session_token = in.boolean("omitSessionToken");
    options.mode = in.boolean("presign") ? Mode::Query : Mode::Header;
    options.expires_in = in.whole("expiresIn", -1);
    Request request{in.string("method"), in.string("url"), {}, in.string("body")};
    const auto flat = in.strings("headers");
    for (std::size_t i = 0; i + 1 < flat.size(); i += 2) request.headers.push_back({flat[i], flat[i + 1]});
    const SignResult result = sign(request, options);
    return signed_to(result.issues, result.signed_request);
  });
}

// { action, params } -> { issues }
val validate_iam_params(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    keyflip::util::Issues issues;
    const auto* op = operation_from(in, issues, false);
    const Value& params = in.any("params");
    if (op) issues = keyflip::query::validate_params(*op, params);
    Value out = Value::map();
    out.set("issues", issues_to(issues));
    return out;
  });
}

// { action, params, credentials..., epochMs, endpoint options, presign, expiresIn } -> a signed request
val build_iam_request(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    using namespace keyflip::query;
    keyflip::util::Issues action_issues;
    const Operation* op = operation_from(in, action_issues, false);
    SigningContext signing;
    signing.credentials = credentials_from(in);
    signing.local_now_ms = in.whole("epochMs", INT64_MIN / 2);
    signing.clock_offset_ms = 0;  // the JS client folds its offset into epochMs
    EndpointConfig endpoint;
    endpoint.partition = in.string("partition");
    endpoint.fips = in.boolean("fips");
    endpoint.dual_stack = in.boolean("dualStack");
    endpoint.endpoint = in.string("endpoint");
    endpoint.region = in.string("region");
    const Value& params = in.any("params");
    const bool presign = in.boolean("presign");
    const std::int64_t expires_in = in.whole("expiresIn", -1);
    if (!op) return signed_to(action_issues, {});
    const BuiltRequest built = presign ? keyflip::query::presign_request(*op, params, endpoint, signing, expires_in)
                                       : keyflip::query::build_request(*op, params, endpoint, signing);
    return signed_to(built.issues, built.request);
  });
}

// { statusCode, body, action } -> the answer, and with an action its output
// ({ ok, ..., output, issues }: issues name an unknown action).
val parse_iam_answer(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    keyflip::util::Issues issues;
    const auto* op = operation_from(in, issues, true);
    const auto status = static_cast<int>(in.whole("statusCode", 0));
    const std::string body = in.string("body");
    if (!issues.empty()) {
      Value out = Value::map();
      out.set("issues", issues_to(issues));
      return out;
    }
    auto parsed = keyflip::query::read_response(op, status, body);
    Value out = answer_to(parsed.answer);
    out.set("issues", Value::list());
    out.set("output", std::move(parsed.output));
    return out;
  });
}

// One finished attempt -> IAM's answer (if any) and what to do next (retry_policy.h).
val handle_attempt(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    using namespace keyflip::query;
    AttemptContext c;
    c.attempt = static_cast<int>(in.whole("attempt", 0));
    c.max_attempts = static_cast<int>(in.whole("maxAttempts", 1));
    const std::string outcome = in.string("outcome");
    c.outcome = outcome == "response" ? Outcome::Answer
                : outcome == "timeout" ? Outcome::Timeout : Outcome::NetworkError;
    const auto status = static_cast<int>(in.whole("statusCode", 0));
    const std::string body = in.string("body");
    // The client only calls this with a known action (it built the request with it).
    const Operation* op = find_operation(in.string("action"));
    ParsedResponse parsed;
    if (c.outcome == Outcome::Answer) parsed = read_response(op, status, body);
    c.answer = parsed.answer;
    c.random = in.number("random");
    c.date_header = in.string("dateHeader");
    c.retry_after = in.string("retryAfter");
    c.amz_retry_after = in.string("amzRetryAfter");
    c.local_now_ms = in.whole("localNowMs", 0);
    c.clock_offset_ms = in.whole("offsetMs", 0);
    c.correct_clock_skew = in.boolean("correctClockSkew");
    c.skew_retry_done = in.boolean("skewRetryDone");
    c.retry_quota = static_cast<int>(in.whole("retryQuota", 0));
    c.last_retry_cost = static_cast<int>(in.whole("lastRetryCost", 0));
    const AttemptDecision d = decide(c);

    Value out = Value::map();
    out.set("answer", c.outcome == Outcome::Answer ? answer_to(c.answer) : Value::null());
    out.set("output", std::move(parsed.output));
    out.set("retry", Value::of_bool(d.retry));
    out.set("delayMs", Value::of_number(static_cast<double>(d.delay_ms)));
    out.set("offsetMs", Value::of_number(static_cast<double>(d.new_offset_ms)));
    out.set("skewRetry", Value::of_bool(d.skew_retry));
    out.set("retryQuota", Value::of_number(d.retry_quota));
    out.set("retryCost", Value::of_number(d.retry_cost));
    out.set("reason", str(d.reason));
    return out;
  });
}

// The facts JS needs once per module: every default and range (limits.h),
// IAM's and STS's endpoint tables, and the operations of both services.
val facts() {
  namespace limits = keyflip::query::limits;
  const auto n = [](double d) { return Value::of_number(d); };
  Value l = Value::map();
  l.set("defaultMaxAttempts", n(limits::kDefaultMaxAttempts));
  l.set("minMaxAttempts", n(limits::kMinMaxAttempts));
  l.set("maxMaxAttempts", n(limits::kMaxMaxAttempts));
  l.set("defaultTimeoutMs", n(static_cast<double>(limits::kDefaultTimeoutMs)));
  l.set("maxTimeoutMs", n(static_cast<double>(limits::kMaxTimeoutMs)));
  l.set("iamPresignMinSeconds", n(static_cast<double>(limits::kIamPresignMinSeconds)));
  l.set("iamPresignMaxSeconds", n(static_cast<double>(limits::kIamPresignMaxSeconds)));
  l.set("iamPresignDefaultSeconds", n(static_cast<double>(limits::kIamPresignDefaultSeconds)));
  l.set("presignMinSeconds", n(static_cast<double>(limits::kPresignMinSeconds)));
  l.set("presignMaxSeconds", n(static_cast<double>(limits::kPresignMaxSeconds)));
  l.set("presignDefaultSeconds", n(static_cast<double>(limits::kPresignDefaultSeconds)));
  l.set("defaultPartition", str(limits::kDefaultPartition));
  l.set("defaultStsRegion", str(limits::kDefaultStsRegion));
  l.set("retryQuotaInitial", n(limits::kRetryQuotaInitial));
  l.set("retryCost", n(limits::kRetryCost));
  l.set("timeoutRetryCost", n(limits::kTimeoutRetryCost));
  l.set("maxRetryDelayMs", n(static_cast<double>(limits::kMaxRetryDelayMs)));
  l.set("maxClockOffsetMs", n(static_cast<double>(limits::kMaxClockOffsetMs)));
  l.set("defaultMaxPages", n(static_cast<double>(limits::kDefaultMaxPages)));
  l.set("defaultMaxItems", n(static_cast<double>(limits::kDefaultMaxItems)));
  l.set("maxBodyBytes", n(static_cast<double>(keyflip::query::kMaxParsedBodyBytes)));
  // createClient({ retryMode }) and fetchCredentialReport({ timeoutMs }).
  Value modes = Value::list();
  for (const char* mode : keyflip::retry::modes::kAll) modes.items.push_back(str(mode));
  l.set("retryModes", std::move(modes));
  l.set("defaultRetryMode", str(keyflip::retry::modes::kDefault));
  l.set("reportDefaultTimeoutMs", n(static_cast<double>(keyflip::report::polling::kDefaultTimeoutMs)));
  l.set("reportMinTimeoutMs", n(static_cast<double>(keyflip::report::polling::kMinTimeoutMs)));
  l.set("reportMaxTimeoutMs", n(static_cast<double>(keyflip::report::polling::kMaxTimeoutMs)));
  l.set("reportMaxBytes", n(static_cast<double>(keyflip::report::limits::kMaxReportBytes)));
  l.set("reportMaxRows", n(static_cast<double>(keyflip::report::limits::kMaxRows)));

  // Each service's endpoint rows; STS's hold "{region}" (filled from the client's region).
  const auto endpoint_rows = [&](const keyflip::query::Service& service) {
    Value rows = Value::list();
    for (const auto& row : service.endpoints) {
      if (row.url == "none") continue;  // a combination AWS's rules refuse
      Value e = Value::map();
      e.set("partition", str(std::string(row.partition)));
      e.set("fips", Value::of_bool(row.fips));
      e.set("dualStack", Value::of_bool(row.dual_stack));
      e.set("url", str(std::string(row.url)));
      e.set("signingRegion", str(std::string(row.signing_region)));
      rows.items.push_back(std::move(e));
    }
    return rows;
  };
  Value endpoints = endpoint_rows(keyflip::query::iam_service());
  const auto* sts = keyflip::query::find_service("sts");
  Value sts_endpoints = sts ? endpoint_rows(*sts) : Value::list();

  // Each operation with its member names: the JS wrapper names its methods
  // after the action, pages the ones that take a Marker, and lets params be
  // left out where no member is required.
  Value operations = Value::list();
  for (const keyflip::query::Service* service : keyflip::query::services())
  for (const keyflip::query::Operation* op : service->operations) {
    const auto names = [](const keyflip::query::Shape* shape, bool required_only) {
      Value list = Value::list();
      for (std::size_t i = 0; shape && i < shape->member_count; ++i)
        if (!required_only || shape->members[i].required) list.items.push_back(str(std::string(shape->members[i].name)));
      return list;
    };
    Value row = Value::map();
    row.set("action", str(std::string(op->name)));
    row.set("service", str(std::string(service->id)));
    row.set("input", names(op->input, false));
    row.set("required", names(op->input, true));
    row.set("output", names(op->output, false));
    row.set("maxBodyBytes", Value::of_number(static_cast<double>(keyflip::query::max_body_bytes(op))));
    operations.items.push_back(std::move(row));
  }

  Value out = Value::map();
  out.set("limits", std::move(l));
  out.set("endpoints", std::move(endpoints));
  out.set("stsEndpoints", std::move(sts_endpoints));
  out.set("operations", std::move(operations));
  return hand_out(out);
}

// { flow: "rotate" | "delete-later", ... } -> the rotation's next step or the
// later deletion's verdict (flows/rotation_wire.h converts, flows/ decides).
val rotation(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) { return keyflip::flows::rotation_call(in); });
}

void clear_signing_key_cache() { keyflip::sigv4::signing_key_cache().clear(); }

// The leaked-key incident's decisions (flows/incident_calls.h): { question, ... } -> its answer.
val incident(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) { return keyflip::flows::incident_call(in); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(keyflip) {
  emscripten::function("signRequest", &sign_request);
  emscripten::function("validateParams", &validate_iam_params);
  emscripten::function("buildRequest", &build_iam_request);
  emscripten::function("parseResponse", &parse_iam_answer);
  emscripten::function("handleAttempt", &handle_attempt);
  emscripten::function("facts", &facts);
  emscripten::function("releaseOutput", &release_output);
  emscripten::function("clearSigningKeyCache", &clear_signing_key_cache);
  emscripten::function("rotation", &rotation);
  emscripten::function("incident", &incident);
}

// --- IAM's credential report and the adaptive retry mode (issue 18)

namespace {

using keyflip::retry::AdaptiveState;

// A value of the report: absent ones are left out of the row and their
// reason goes into the row's "absent" map under the column's name.
template <typename T, typename Make>
void cell_to(Value& row, Value& absent, const char* key, const std::string& column,
             const keyflip::report::Cell<T>& cell, Make make) {
  if (cell.value) row.set(key, make(*cell.value));
  else absent.set(column, str(cell.reason));
}

Value report_row_to(const keyflip::report::ReportRow& r) {
  const auto time = [](double ms) { return Value::of_timestamp(ms); };
  const auto flag = [](bool b) { return Value::of_bool(b); };
  const auto text = [](const std::string& t) { return str(t); };
  Value row = Value::map();
  Value absent = Value::map();
  row.set("user", str(r.user));
  row.set("arn", str(r.arn));
  row.set("root", Value::of_bool(r.root));
  cell_to(row, absent, "userCreationTime", "user_creation_time", r.user_creation_time, time);
  cell_to(row, absent, "passwordEnabled", "password_enabled", r.password_enabled, flag);
  cell_to(row, absent, "passwordLastUsed", "password_last_used", r.password_last_used, time);
  cell_to(row, absent, "passwordLastChanged", "password_last_changed", r.password_last_changed, time);
  cell_to(row, absent, "passwordNextRotation", "password_next_rotation", r.password_next_rotation, time);
  cell_to(row, absent, "mfaActive", "mfa_active", r.mfa_active, flag);
  Value keys = Value::list();
  for (std::size_t i = 0; i < r.access_keys.size(); ++i) {
    const auto& k = r.access_keys[i];
    const std::string prefix = "access_key_" + std::to_string(i + 1) + "_";
    Value slot = Value::map();
    cell_to(slot, absent, "active", prefix + "active", k.active, flag);
    cell_to(slot, absent, "lastRotated", prefix + "last_rotated", k.last_rotated, time);
    cell_to(slot, absent, "lastUsedDate", prefix + "last_used_date", k.last_used_date, time);
    cell_to(slot, absent, "lastUsedRegion", prefix + "last_used_region", k.last_used_region, text);
    cell_to(slot, absent, "lastUsedService", prefix + "last_used_service", k.last_used_service, text);
    keys.items.push_back(std::move(slot));
  }
  row.set("accessKeys", std::move(keys));
  Value certs = Value::list();
  for (std::size_t i = 0; i < r.certs.size(); ++i) {
    const std::string prefix = "cert_" + std::to_string(i + 1) + "_";
    Value slot = Value::map();
    cell_to(slot, absent, "active", prefix + "active", r.certs[i].active, flag);
    cell_to(slot, absent, "lastRotated", prefix + "last_rotated", r.certs[i].last_rotated, time);
    certs.items.push_back(std::move(slot));
  }
  row.set("certificates", std::move(certs));
  row.set("absent", std::move(absent));
  // A list, not a map: a column's name comes from the report and could be
  // "__proto__".
  Value extra = Value::list();
  for (const auto& e : r.extra) {
    Value item = Value::map();
    item.set("column", str(e.column));
    item.set("value", str(e.value));
    extra.items.push_back(std::move(item));
  }
  row.set("extra", std::move(extra));
  return row;
}

// { reportFormat, content: the report's CSV text } -> { ok, issues, rows, extraColumns }
val parse_credential_report_call(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    const std::string format = in.string("reportFormat");
    const auto result = keyflip::report::read_report_answer(format, in.string("content"));
    Value out = Value::map();
    out.set("ok", Value::of_bool(result.ok));
    out.set("issues", issues_to(result.issues));
    Value rows = Value::list();
    Value columns = Value::list();
    if (result.ok) {
      for (const auto& r : result.report.rows) rows.items.push_back(report_row_to(r));
      for (const auto& c : result.report.extra_columns) columns.items.push_back(str(c));
    }
    out.set("rows", std::move(rows));
    out.set("extraColumns", std::move(columns));
    return out;
  });
}

// { event, state, code, nowMs, startedMs, timeoutMs, polls, generations }
//   -> { next, delayMs, polls, generations, reason, message }
val report_poll_step(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    using namespace keyflip::report;
    PollContext c;
    const std::string event = in.string("event");
    c.event = event == "generated" ? PollEvent::Generated
              : event == "got"     ? PollEvent::Got
              : event == "getFailed" ? PollEvent::GetFailed : PollEvent::Start;
    c.state = in.string("state");
    c.code = in.string("code");
    c.now_ms = in.whole("nowMs", 0);
    c.started_ms = in.whole("startedMs", 0);
    c.timeout_ms = in.whole("timeoutMs", 0);
    c.polls = static_cast<int>(in.whole("polls", 0));
    c.generations = static_cast<int>(in.whole("generations", 0));
    const PollDecision d = next_poll_step(c);
    Value out = Value::map();
    out.set("next", str(d.next));
    out.set("delayMs", Value::of_number(static_cast<double>(d.delay_ms)));
    out.set("polls", Value::of_number(d.polls));
    out.set("generations", Value::of_number(d.generations));
    out.set("reason", str(d.reason));
    out.set("message", str(d.message));
    return out;
  });
}

// The limiter's state goes to JS and comes back whole with every call: JS
// keeps one per client and never reads inside it (but "rate", given apart).
Value adaptive_state_to(const AdaptiveState& s) {
  const auto n = [](double d) { return Value::of_number(d); };
  Value v = Value::map();
  v.set("enabled", Value::of_bool(s.enabled));
  v.set("fillRate", n(s.fill_rate));
  v.set("maxCapacity", n(s.max_capacity));
  v.set("capacity", n(s.capacity));
  v.set("refilled", Value::of_bool(s.refilled));
  v.set("lastRefillS", n(s.last_refill_s));
  v.set("lastMaxRate", n(s.last_max_rate));
  v.set("lastThrottleS", n(s.last_throttle_s));
  v.set("timeWindow", n(s.time_window));
  v.set("measuredRate", n(s.measured_rate));
  v.set("rateBucketS", n(s.rate_bucket_s));
  v.set("answersInBucket", n(s.answers_in_bucket));
  return v;
}

// Reads the state strictly; a field the two sides spell differently is a wireError.
bool adaptive_state_from(Value& v, AdaptiveState& s, std::string& error) {
  Fields f(v);
  s.enabled = f.boolean("enabled");
  s.fill_rate = f.number("fillRate");
  s.max_capacity = f.number("maxCapacity");
  s.capacity = f.number("capacity");
  s.refilled = f.boolean("refilled");
  s.last_refill_s = f.number("lastRefillS");
  s.last_max_rate = f.number("lastMaxRate");
  s.last_throttle_s = f.number("lastThrottleS");
  s.time_window = f.number("timeWindow");
  s.measured_rate = f.number("measuredRate");
  s.rate_bucket_s = f.number("rateBucketS");
  s.answers_in_bucket = f.number("answersInBucket");
  if (f.ok()) return true;
  error = "state: " + f.error();
  return false;
}

Value adaptive_out(const AdaptiveState& s) {
  Value out = Value::map();
  out.set("state", adaptive_state_to(s));
  const double rate = keyflip::retry::current_rate(s);
  out.set("rate", rate < 0 ? Value::null() : Value::of_number(rate));
  return out;
}

// { nowMs } -> { state, rate }
val adaptive_start_call(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) { return adaptive_out(keyflip::retry::adaptive_start(in.whole("nowMs", 0))); });
}

// { state, nowMs } -> { state, rate, granted, waitMs }
val adaptive_acquire_call(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    AdaptiveState s;
    std::string error;
    const bool read = adaptive_state_from(in.any("state"), s, error);
    const std::int64_t now_ms = in.whole("nowMs", 0);
    Value out = Value::map();
    if (!read) {
      out.set("wireError", str(error));
      return out;
    }
    const auto permit = keyflip::retry::acquire_send(s, now_ms);
    out = adaptive_out(permit.state);
    out.set("granted", Value::of_bool(permit.granted));
    out.set("waitMs", Value::of_number(static_cast<double>(permit.wait_ms)));
    return out;
  });
}

// { state, nowMs, throttled } -> { state, rate }
val adaptive_record_call(unsigned ptr, unsigned len) {
  return call(ptr, len, [](Fields& in) {
    AdaptiveState s;
    std::string error;
    const bool read = adaptive_state_from(in.any("state"), s, error);
    const std::int64_t now_ms = in.whole("nowMs", 0);
    const bool throttled = in.boolean("throttled");
    if (!read) {
      Value out = Value::map();
      out.set("wireError", str(error));
      return out;
    }
    return adaptive_out(keyflip::retry::record_answer(s, now_ms, throttled));
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(keyflip_report_rate) {
  emscripten::function("parseCredentialReport", &parse_credential_report_call);
  emscripten::function("reportPollStep", &report_poll_step);
  emscripten::function("adaptiveStart", &adaptive_start_call);
  emscripten::function("adaptiveAcquire", &adaptive_acquire_call);
  emscripten::function("adaptiveRecord", &adaptive_record_call);
}
