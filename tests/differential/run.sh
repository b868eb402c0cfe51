#!/usr/bin/env bash
# Differential test of keyflip against Debian's botocore (python3-botocore),
# for every listed IAM and STS operation: the signed request's endpoint, body and
# Authorization, and the parsed XML answers, must match.
#
#   tests/differential/run.sh              # CI: 500 cases, fixed seed
#   tests/differential/run.sh 20000        # longer
#   tests/differential/run.sh 20000 7      # another seed (KEYFLIP_DIFF_SEED works too)
#
# Needs the native build (cmake --preset native-debug && cmake --build --preset
# native-debug; KEYFLIP_DIFF_DRIVER names another keyflip_differential) and
# Debian's python3 with python3-botocore; KEYFLIP_PYTHON selects the
# interpreter, because a python3 earlier on PATH (pyenv, venv) may carry
# another botocore.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export KEYFLIP_PYTHON=${KEYFLIP_PYTHON:-/usr/bin/python3}
driver=${KEYFLIP_DIFF_DRIVER:-}
if [[ -z "$driver" ]]; then
  for preset in native-release native-debug; do
    candidate="$root/build/$preset/tests/differential/keyflip_differential"
    if [[ -x "$candidate" ]]; then driver=$candidate; break; fi
  done
fi
if [[ -z "$driver" || ! -x "$driver" ]]; then
  echo "keyflip_differential is missing: cmake --preset native-debug && cmake --build --preset native-debug" >&2
  exit 1
fi
if ! "$KEYFLIP_PYTHON" -c 'import botocore' 2>/dev/null; then
  echo "$KEYFLIP_PYTHON has no botocore: install python3-botocore (scripts/setup.sh does)" >&2
  exit 1
fi
cases=${1:-500}
seed=${2:-${KEYFLIP_DIFF_SEED:-20150830}}
[[ "$cases" =~ ^[1-9][0-9]*$ && "$seed" =~ ^-?[0-9]+$ ]] || { echo "usage: $0 [cases >= 1] [integer seed]" >&2; exit 2; }
# ASan's leak check would flag nothing useful here and slows the driver.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
exec "$KEYFLIP_PYTHON" "$here/differential.py" "$driver" "$cases" "$seed"
