// Every default and range of keyflip's options, written once. The C++ core
// checks them, the bindings hand them to JS (which reports the same rules in
// its messages and index.d.ts documents them), so no number is repeated.
#pragma once
#include <cstdint>

namespace keyflip::query::limits {

// createClient({ maxAttempts }): the AWS standard retry mode's default of 3.
constexpr int kDefaultMaxAttempts = 3;
constexpr int kMinMaxAttempts = 1;
constexpr int kMaxMaxAttempts = 10;

// createClient({ timeoutMs }) per attempt; setTimeout's own ceiling above.
constexpr std::int64_t kDefaultTimeoutMs = 10'000;
constexpr std::int64_t kMaxTimeoutMs = 2'147'483'647;  // 2^31 - 1: setTimeout fires at once beyond

// An IAM presign ({ expiresIn } of presignUpdateAccessKey / presignIamRequest):
// outside S3, AWS accepts a query-signed request for about 15 minutes after its
// X-Amz-Date whatever X-Amz-Expires says, so no longer lifetime is offered.
constexpr std::int64_t kIamPresignMinSeconds = 1;
constexpr std::int64_t kIamPresignMaxSeconds = 900;
constexpr std::int64_t kIamPresignDefaultSeconds = 900;

// The generic presignRequest: SigV4's own limit (S3 honours up to 7 days).
constexpr std::int64_t kPresignMinSeconds = 1;
constexpr std::int64_t kPresignMaxSeconds = 604'800;
constexpr std::int64_t kPresignDefaultSeconds = 3'600;

// The partition used when none is named.
constexpr const char* kDefaultPartition = "aws";
// STS's region when none is named (in the default partition only; STS is
// regional and AWS recommends regional endpoints).
constexpr const char* kDefaultStsRegion = "us-east-1";

// The standard retry mode's retry quota, per client (botocore retries/quota.py,
// smithy-typescript StandardRetryStrategy).
constexpr int kRetryQuotaInitial = 500;
constexpr int kRetryCost = 5;
constexpr int kTimeoutRetryCost = 10;
constexpr int kNoRetryIncrement = 1;

// A server's retry-after / x-amz-retry-after hint is honoured up to this.
constexpr std::int64_t kMaxRetryDelayMs = 20'000;

// A server's Date header moves the client's clock offset only within this,
// either way (clock_skew.cpp): a local clock a day off is broken beyond what
// SigV4's 5-minute window can help, and a Date further out (an endpoint saying
// it is year 9999) is reported as it came, never learnt, so it cannot push
// later calls' signing dates out of range.
constexpr std::int64_t kMaxClockOffsetMs = 24LL * 60 * 60 * 1000;

// The paginators (paginateListUsers, ...): at most this many pages, and this
// many items summed over the list members of every page, unless the paginate
// call raises them ({ maxPages, maxItems }). Reaching either with more to come
// ends paging with an error, never a silently short list; an endless answer
// cannot grow a caller's memory without bound.
constexpr std::int64_t kDefaultMaxPages = 1'000;
constexpr std::int64_t kDefaultMaxItems = 100'000;

}  // namespace keyflip::query::limits
