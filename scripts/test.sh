#!/usr/bin/env bash
# Every test of keyflip, from a fresh Debian 12 machine: set-up (packages,
# npm, OpenSSL and pugixml sources), the native build under ASan + UBSan with
# GoogleTest, the wasm build, and the node:test suites against it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n== %s\n' "$*"; }

step "set-up"
scripts/setup.sh

step "native build (ASan + UBSan) and GoogleTest"
cmake --preset native-debug >/dev/null
cmake --build --preset native-debug
ctest --preset native-debug -j"$(nproc)"

step "wasm build"
scripts/build.sh

step "libFuzzer targets (clang, ASan + UBSan): regressions, seeds, then 20 s each"
tests/fuzz/run.sh 20

step "differential test against Debian's botocore (500 cases)"
tests/differential/run.sh 500

step "node:test against the wasm build"
# Debian's awscli (not another aws on PATH) is the peer the local endpoint is checked against.
export KEYFLIP_AWS_CLI=${KEYFLIP_AWS_CLI:-/usr/bin/aws}
node --test --test-concurrency=1 tests/js/ tests/package/ tests/local-iam/ tests/e2e/

step "web page in Debian's Chromium (screenshots in test-artifacts/web/)"
node --test --test-concurrency=2 tests/web/
