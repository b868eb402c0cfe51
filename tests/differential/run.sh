#!/usr/bin/env bash
# Differential test of keyflip's signed UpdateAccessKey against Debian's
# botocore (python3-botocore): endpoint, body and Authorization must match.
#
#   tests/differential/run.sh              # CI: 500 cases, fixed seed
#   tests/differential/run.sh 20000        # longer
#   tests/differential/run.sh 20000 7      # another seed (KEYFLIP_DIFF_SEED works too)
#
# Needs the wasm build (dist/keyflip-core.js: scripts/build.sh) and Debian's
# python3 with python3-botocore; KEYFLIP_PYTHON selects the interpreter,
# because a python3 earlier on PATH (pyenv, venv) may carry another botocore.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export KEYFLIP_PYTHON=${KEYFLIP_PYTHON:-/usr/bin/python3}
if [[ ! -f "$root/dist/keyflip-core.js" ]]; then
  echo "dist/keyflip-core.js is missing: run scripts/build.sh first" >&2
  exit 1
fi
if ! "$KEYFLIP_PYTHON" -c 'import botocore' 2>/dev/null; then
  echo "$KEYFLIP_PYTHON has no botocore: install python3-botocore (scripts/setup.sh does)" >&2
  exit 1
fi
exec node "$here/differential.mjs" "${1:-500}" "${2:-${KEYFLIP_DIFF_SEED:-20150830}}"
