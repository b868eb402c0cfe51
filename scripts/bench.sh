#!/usr/bin/env bash
# keyflip against its peers, side by side in one run: shipped size, cold
# start, signing throughput (Node, headless Chromium, native C++), memory.
#
#   scripts/bench.sh            # the full run (a few minutes)
#   scripts/bench.sh --quick    # fewer samples and shorter rounds (a smoke test)
#   extra flags go to scripts/bench/run.mjs: --no-browser, --no-memory
#
# 1. scripts/setup.sh: Debian packages (Chromium, Emscripten, ...) and
#    `npm ci`, which installs the peers at the versions package-lock.json pins
#    (@aws-sdk/client-iam, @smithy/signature-v4, @aws-crypto/sha256-js,
#    aws4fetch, esbuild, playwright-core);
# 2. scripts/build.sh: the wasm module as shipped (dist/keyflip-core.js);
# 3. the native limit: keyflip's C++ core, Release (preset native-release);
# 4. scripts/bench/run.mjs: checks identical signatures, measures, prints the
#    tables; results in build/bench/results.{md,json}. See BENCHMARKS.md.
# 5. scripts/bench/scale.mjs: the scale section (the whole account's key
#    table, bulk deactivation, the page with 10,000 keys) against the local
#    endpoint's default throttle; results in build/bench/scale.{md,json}.
#    --quick runs it smaller; --no-browser skips its Chromium part too.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n== %s\n' "$*" >&2; }

step "set-up (pinned peers via npm ci)"
scripts/setup.sh >&2

step "wasm build"
scripts/build.sh >&2

step "native build of the C++ core (Release)"
cmake --preset native-release >/dev/null
cmake --build --preset native-release --target keyflip_bench_native >&2

step "benchmark"
node --no-warnings scripts/bench/run.mjs "$@"

step "scale (several minutes: IAM's pace is the point)"
scale_args=()
for arg in "$@"; do
  case "$arg" in --quick|--no-browser) scale_args+=("$arg") ;; esac
done
exec node --no-warnings scripts/bench/scale.mjs "${scale_args[@]}"
