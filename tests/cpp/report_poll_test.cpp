// fetchCredentialReport's steps: generate, poll while IAM makes the report,
// get it, and IAM's three report errors, within the time bound.
#include <gtest/gtest.h>

#include <vector>

#include "report/report_poll.h"

namespace keyflip::report {
namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;

PollContext at(PollEvent event, std::int64_t elapsed_ms, int polls = 0, int generations = 1) {
  PollContext c;
  c.event = event;
  c.started_ms = kT0;
  c.now_ms = kT0 + elapsed_ms;
  c.polls = polls;
  c.generations = generations;
  return c;
}

TEST(ReportPoll, StartsByGenerating) {
  const auto d = next_poll_step(at(PollEvent::Start, 0, 0, 0));
  EXPECT_EQ(d.next, "generate");
  EXPECT_EQ(d.delay_ms, 0);
  EXPECT_EQ(d.generations, 1);
}

TEST(ReportPoll, CompleteGoesStraightToGet) {
  auto c = at(PollEvent::Generated, 200);
  c.state = "COMPLETE";
  const auto d = next_poll_step(c);
  EXPECT_EQ(d.next, "get");
  EXPECT_EQ(d.delay_ms, 0);
  EXPECT_EQ(d.generations, 1);  // polling Generate is not a new report
}

TEST(ReportPoll, StartedAndInProgressPollGenerateWithBackoff) {
  std::vector<std::int64_t> delays;
  PollContext c = at(PollEvent::Generated, 0);
  c.state = "STARTED";
  std::int64_t elapsed = 0;
  for (int i = 0; i < 7; ++i) {
    const auto d = next_poll_step(c);
    ASSERT_EQ(d.next, "generate") << d.message;
    EXPECT_EQ(d.generations, 1);
    delays.push_back(d.delay_ms);
    elapsed += d.delay_ms;
    c = at(PollEvent::Generated, elapsed, d.polls, d.generations);
    c.state = "INPROGRESS";
  }
  EXPECT_EQ(delays, (std::vector<std::int64_t>{1000, 2000, 4000, 8000, 10000, 10000, 10000}));
}

TEST(ReportPoll, ReportInProgressPollsGet) {
  auto c = at(PollEvent::GetFailed, 500, 2);
  c.code = "ReportInProgress";
  const auto d = next_poll_step(c);
  EXPECT_EQ(d.next, "get");
  EXPECT_EQ(d.delay_ms, 4000);
  EXPECT_EQ(d.polls, 3);
}

TEST(ReportPoll, NotPresentAndExpiredGenerateAgainUpToTheCap) {
  for (const char* code : {"ReportNotPresent", "ReportExpired"}) {
    auto c = at(PollEvent::GetFailed, 500, 0, 1);
    c.code = code;
    auto d = next_poll_step(c);
    EXPECT_EQ(d.next, "generate") << code;
    EXPECT_EQ(d.delay_ms, 0);
    EXPECT_EQ(d.generations, 2);
    c.generations = polling::kMaxGenerations;
    d = next_poll_step(c);
    EXPECT_EQ(d.next, "fail");
    EXPECT_EQ(d.reason, "tooManyGenerations");
    EXPECT_NE(d.message.find(code), std::string::npos);
  }
}

TEST(ReportPoll, GotIsDone) {
  EXPECT_EQ(next_poll_step(at(PollEvent::Got, 100)).next, "done");
}

TEST(ReportPoll, AWaitPastTheBoundFailsNowSayingWhatIsKnown) {
  auto c = at(PollEvent::Generated, 9'500, 0);
  c.state = "INPROGRESS";
  c.timeout_ms = 10'000;
  const auto d = next_poll_step(c);
  EXPECT_EQ(d.next, "fail");
  EXPECT_EQ(d.reason, "timeout");
  EXPECT_EQ(d.message,
            "the credential report was not ready within 10000 ms (IAM may still be generating "
            "it; a later call picks it up)");
  c.now_ms = kT0 + 8'999;  // a 1 s wait still fits
  EXPECT_EQ(next_poll_step(c).next, "generate");
}

TEST(ReportPoll, UnknownStateAndOtherErrorsFail) {
  auto c = at(PollEvent::Generated, 0);
  c.state = "DONE";
  auto d = next_poll_step(c);
  EXPECT_EQ(d.next, "fail");
  EXPECT_EQ(d.reason, "unknownState");
  c = at(PollEvent::GetFailed, 0);
  c.code = "AccessDenied";
  d = next_poll_step(c);
  EXPECT_EQ(d.next, "fail");
  EXPECT_EQ(d.reason, "notAReportError");
}

TEST(ReportPoll, TimeoutRange) {
  EXPECT_FALSE(valid_poll_timeout(0));
  EXPECT_TRUE(valid_poll_timeout(1));
  EXPECT_TRUE(valid_poll_timeout(polling::kMaxTimeoutMs));
  EXPECT_FALSE(valid_poll_timeout(polling::kMaxTimeoutMs + 1));
}

}  // namespace
}  // namespace keyflip::report
