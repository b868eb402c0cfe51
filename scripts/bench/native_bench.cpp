// keyflip's C++ core, natively: how many UpdateAccessKey requests per second
// keyflip::query::build_request signs, the limit for the wasm build.
//
//   keyflip_bench_native [--seconds S] [--sign-at EPOCH_MS ...]
//
// Prints one JSON object on stdout, read by scripts/bench/run.mjs:
//   { "signatures": { "<epoch ms>": "<hex signature>", ... },
//     "cached":  { "iterations": N, "seconds": S, "perSecond": R },
//     "derived": { ... } }
// "cached": the same date every time, so the signing key comes from the
// core's cache. "derived": each signature on a day never used before, so the
// four-HMAC key derivation runs every time (the same rule the JS peers use).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "query/operation.h"

namespace {

using keyflip::query::BuiltRequest;
using keyflip::query::EndpointConfig;
using keyflip::query::SigningContext;
using keyflip::query::Value;

// The same fixed job as scripts/bench/job.mjs.
constexpr const char* kAccessKeyId = "AKIDEXAMPLE";
constexpr const char* kSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::int64_t kDateMs = 1440938160000;  // 2015-08-30T12:36:00Z
constexpr std::int64_t kDayMs = 86'400'000;

const keyflip::query::Operation& update_access_key() { return *keyflip::query::find_operation("UpdateAccessKey"); }

Value job_input() {
  Value in = Value::map();
  in.set("UserName", Value::of_string("alice"));
  in.set("AccessKeyId", Value::of_string("AKIAIOSFODNN7EXAMPLE"));
  in.set("Status", Value::of_string("Inactive"));
  return in;
}

SigningContext job_signing(std::int64_t epoch_ms) {
  SigningContext s;
  s.credentials.access_key_id = kAccessKeyId;
  s.credentials.secret_access_key = keyflip::crypto::SecretBytes(kSecretAccessKey);
  s.local_now_ms = epoch_ms;
  return s;
}

volatile std::size_t g_sink = 0;  // keeps the optimiser from dropping the work

struct Run {
  std::uint64_t iterations = 0;
  double seconds = 0;
};

// Signs for about `seconds`, checking the clock every 256 signatures.
// The input, endpoint and credentials are built once, as a caller holding
// them would; the date is the only thing that changes in "derived".
Run run(double seconds, bool derive) {
  using clock = std::chrono::steady_clock;
  const Value input = job_input();
  const EndpointConfig endpoint;
  SigningContext signing = job_signing(kDateMs);
  Run r;
  const auto start = clock::now();
  const auto budget = std::chrono::duration<double>(seconds);
  std::int64_t day = 0;
  for (;;) {
    for (int i = 0; i < 256; ++i) {
      if (derive) signing.local_now_ms = kDateMs + (++day) * kDayMs;
      const BuiltRequest built = keyflip::query::build_request(update_access_key(), input, endpoint, signing);
      if (!built.ok) {
        std::fprintf(stderr, "native bench: signing failed: %s\n",
                     built.issues.empty() ? "?" : built.issues.front().message.c_str());
        std::exit(1);
      }
      g_sink = g_sink + built.request.signature.size();
    }
    r.iterations += 256;
    const auto elapsed = clock::now() - start;
    if (elapsed >= budget) {
      r.seconds = std::chrono::duration<double>(elapsed).count();
      return r;
    }
  }
}

nlohmann::json json_run(const Run& r) {
  return {{"iterations", r.iterations}, {"seconds", r.seconds}, {"perSecond", r.iterations / r.seconds}};
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 2.0;
  std::vector<std::int64_t> sign_at;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else if (!std::strcmp(argv[i], "--sign-at") && i + 1 < argc) {
      sign_at.push_back(std::atoll(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: %s [--seconds S] [--sign-at EPOCH_MS ...]\n", argv[0]);
      return 2;
    }
  }
  if (sign_at.empty()) sign_at.push_back(kDateMs);

  // The report for the Node driver, as JSON (nlohmann/json, the project's JSON library).
  nlohmann::json out;
  out["signatures"] = nlohmann::json::object();
  for (const std::int64_t at : sign_at) {
    const BuiltRequest built =
        keyflip::query::build_request(update_access_key(), job_input(), EndpointConfig{}, job_signing(at));
    out["signatures"][std::to_string(at)] = built.ok ? built.request.signature : "error";
  }
  if (seconds > 0) {
    run(seconds / 4, false);  // warm-up: caches, allocator, CPU frequency
    out["cached"] = json_run(run(seconds, false));
    out["derived"] = json_run(run(seconds, true));
  }
  std::puts(out.dump().c_str());
  return 0;
}
