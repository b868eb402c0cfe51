#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang, ASan + UBSan), replays
# every kept regression input and seed, then fuzzes each target for a bounded
# time. Exits non-zero on any crash, sanitizer report or failed property.
#
#   tests/fuzz/run.sh            # CI: 20 s per target
#   tests/fuzz/run.sh 1800       # longer: 30 min per target
#   KEYFLIP_FUZZ_WORK=~/kf-fuzz tests/fuzz/run.sh 3600   # keep and grow the corpus there
#   KEYFLIP_FUZZ_TARGETS="fuzz_iam_response" tests/fuzz/run.sh 600   # only some targets
#
# Seeds are copied to a working folder, so fuzzing never writes into the repo.
# A crash is saved under build/fuzz/artifacts/<target>/; fix it, then keep it
# as a regression: tests/fuzz/regressions/<target>/<short-name> (see README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-20}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 [seconds-per-target]" >&2; exit 2; }
targets=${KEYFLIP_FUZZ_TARGETS:-"fuzz_iam_response fuzz_iam_output fuzz_update_access_key fuzz_sigv4_canonical fuzz_uri_encoding fuzz_wire fuzz_credential_report"}

cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_targets

bin_dir="$root/build/fuzz/tests/fuzz"
artifacts="$root/build/fuzz/artifacts"
if [[ -n "${KEYFLIP_FUZZ_WORK:-}" ]]; then
  work=$KEYFLIP_FUZZ_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
# halt_on_error: the first report fails the run; UBSan is already
# -fno-sanitize-recover (the preset). Leaks count as findings too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0 failed=0
summary=()
for target in $targets; do
  bin="$bin_dir/$target"
  printf '\n== %s\n' "$target"
  mkdir -p "$artifacts/$target" "$work/$target"

  # 1. Replay: every kept crash must now pass, and every seed too.
  replay=()
  for dir in "$here/regressions/$target" "$here/corpus/$target"; do
    for f in "$dir"/*; do [[ -f "$f" ]] && replay+=("$f"); done
  done
  if ((${#replay[@]})) && ! "$bin" "${replay[@]}" >"$work/$target.replay.log" 2>&1; then
    tail -40 "$work/$target.replay.log"
    echo "FAIL $target: a regression or seed input fails (log above)"
    failed=$((failed + 1)); summary+=("$target: replay FAILED"); continue
  fi

  # 2. Fuzz for a bounded time from a copy of the seeds.
  cp -n "$here/corpus/$target"/* "$work/$target/" 2>/dev/null || true
  dict=()
  [[ -f "$here/dict/$target.dict" ]] && dict=("-dict=$here/dict/$target.dict")
  log="$work/$target.fuzz.log"
  if "$bin" "$work/$target" "${dict[@]}" -max_total_time="$seconds" -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$target/" \
       >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    units=$(find "$work/$target" -type f | wc -l)
    echo "ok $target: ${execs:-?} executions in ${seconds}s, ${#replay[@]} inputs replayed, corpus $units"
    passed=$((passed + 1)); summary+=("$target: ${execs:-?} execs, ok")
  else
    tail -60 "$log"
    crash=$(ls -t "$artifacts/$target" 2>/dev/null | head -1)
    echo "FAIL $target: finding saved as build/fuzz/artifacts/$target/$crash"
    echo "  reproduce: $bin $artifacts/$target/$crash"
    echo "  after the fix keep it: cp $artifacts/$target/$crash tests/fuzz/regressions/$target/<name>"
    failed=$((failed + 1)); summary+=("$target: FAILED")
  fi
done

printf '\n'
printf '%s\n' "${summary[@]}"
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
