#include "report/report_poll.h"

#include <algorithm>

namespace keyflip::report {

namespace {

PollDecision fail(const PollContext& c, const char* reason, std::string message) {
  PollDecision d;
  d.next = step::kFail;
  d.polls = c.polls;
  d.generations = c.generations;
  d.reason = reason;
  d.message = std::move(message);
  return d;
}

PollDecision go(const PollContext& c, const char* next, bool wait, bool generation) {
  PollDecision d;
  d.next = next;
  d.polls = c.polls;
  d.generations = c.generations + (generation ? 1 : 0);
  if (wait) {
    // 1 s, 2 s, 4 s, ... at most 10 s (the shift is bounded before it can overflow).
    const int doublings = std::min(c.polls, 8);
    d.delay_ms = std::min(polling::kMaxDelayMs, polling::kFirstDelayMs << doublings);
    d.polls = c.polls + 1;
    // A poll that would start after the bound is not waited for: the caller
    // learns now, not after a pointless wait.
    const std::int64_t elapsed = c.now_ms - c.started_ms;
    if (elapsed + d.delay_ms > c.timeout_ms)
      return fail(c, "timeout",
                  "the credential report was not ready within " + std::to_string(c.timeout_ms) +
                      " ms (IAM may still be generating it; a later call picks it up)");
  }
  return d;
}

}  // namespace

bool valid_poll_timeout(std::int64_t timeout_ms) {
  return timeout_ms >= polling::kMinTimeoutMs && timeout_ms <= polling::kMaxTimeoutMs;
}

PollDecision next_poll_step(const PollContext& c) {
  switch (c.event) {
    case PollEvent::Start:
      return go(c, step::kGenerate, false, true);
    case PollEvent::Generated:
      if (c.state == "COMPLETE") return go(c, step::kGet, false, false);
      // Asking again while one is being made starts no other: IAM answers
      // INPROGRESS until it is COMPLETE.
      if (c.state == "STARTED" || c.state == "INPROGRESS") return go(c, step::kGenerate, true, false);
      return fail(c, "unknownState",
                  "GenerateCredentialReport answered State '" + c.state.substr(0, 40) +
                      "', not STARTED, INPROGRESS or COMPLETE");
    case PollEvent::Got: {
      PollDecision d;
      d.next = step::kDone;
      d.polls = c.polls;
      d.generations = c.generations;
      return d;
    }
    case PollEvent::GetFailed:
      if (c.code == "ReportInProgress") return go(c, step::kGet, true, false);
      if (c.code == "ReportNotPresent" || c.code == "ReportExpired") {
        if (c.generations >= polling::kMaxGenerations)
          return fail(c, "tooManyGenerations",
                      "GetCredentialReport answered " + c.code + " after " +
                          std::to_string(c.generations) +
                          " generated reports; not generating another");
        return go(c, step::kGenerate, false, true);
      }
      return fail(c, "notAReportError", "GetCredentialReport failed: " + c.code.substr(0, 64));
  }
  return fail(c, "notAReportError", "unknown event");
}

}  // namespace keyflip::report
