// What fetchCredentialReport does next, as one pure function: IAM's
// credential report is made by GenerateCredentialReport (State STARTED, then
// INPROGRESS, then COMPLETE; a new report at most every 4 hours, otherwise
// the latest) and read by GetCredentialReport, which answers
// ReportInProgress (404) while it is being made, ReportNotPresent (410) when
// none was ever made and ReportExpired (410) when the latest is too old to
// give out. The JS helper only calls, waits and aborts; every step, the
// backoff between polls and the time bound come from here.
#pragma once
#include <cstdint>
#include <string>

namespace keyflip::report {

namespace polling {
// fetchCredentialReport({ timeoutMs }): the whole job, generation included.
// IAM takes seconds for a small account and minutes for a large one.
constexpr std::int64_t kDefaultTimeoutMs = 300'000;
constexpr std::int64_t kMinTimeoutMs = 1;
constexpr std::int64_t kMaxTimeoutMs = 3'600'000;
// Between polls: 1 s, doubling, at most 10 s (no jitter: one caller per report).
constexpr std::int64_t kFirstDelayMs = 1'000;
constexpr std::int64_t kMaxDelayMs = 10'000;
// ReportNotPresent / ReportExpired after a COMPLETE: generate again at most
// this many times in all (a report that keeps vanishing is not waited for).
constexpr int kMaxGenerations = 3;
}  // namespace polling

// What just happened.
enum class PollEvent {
  Start,      // nothing sent yet
  Generated,  // GenerateCredentialReport answered; state holds its State
  Got,        // GetCredentialReport answered with the report
  GetFailed,  // GetCredentialReport answered an error; code holds IAM's code
};

struct PollContext {
  PollEvent event = PollEvent::Start;
  std::string state;  // Generated: STARTED | INPROGRESS | COMPLETE
  std::string code;   // GetFailed: ReportInProgress | ReportNotPresent | ReportExpired | other
  std::int64_t now_ms = 0;      // the caller's clock
  std::int64_t started_ms = 0;  // when the job started, same clock
  std::int64_t timeout_ms = polling::kDefaultTimeoutMs;
  int polls = 0;        // waits so far
  int generations = 0;  // GenerateCredentialReport calls that started or found a report
};

// The next step's name, stable strings for JS.
namespace step {
constexpr const char* kGenerate = "generate";  // call GenerateCredentialReport after delay_ms
constexpr const char* kGet = "get";            // call GetCredentialReport after delay_ms
constexpr const char* kDone = "done";          // the report is in hand
constexpr const char* kFail = "fail";          // stop: see reason
}  // namespace step

struct PollDecision {
  std::string next;       // one of step::k*
  std::int64_t delay_ms = 0;
  int polls = 0;          // pass back in the next context
  int generations = 0;    // pass back in the next context
  std::string reason;     // kFail: "timeout" | "unknownState" | "tooManyGenerations" | "notAReportError"
  std::string message;    // kFail: says what happened and what is known
};

PollDecision next_poll_step(const PollContext& context);

// fetchCredentialReport({ timeoutMs }) within kMinTimeoutMs..kMaxTimeoutMs.
bool valid_poll_timeout(std::int64_t timeout_ms);

}  // namespace keyflip::report
