#!/usr/bin/env bash
# Builds what the npm package needs: dist/keyflip-core.js (the Emscripten glue,
# minified by the Closure Compiler) and dist/keyflip-core.wasm beside it, from
# the C++ core with Debian's Emscripten; then the single-file page. Run
# scripts/setup.sh first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's optimiser needs Debian's acorn
# Debian's emcc has no Closure Compiler of its own: use the npm one pinned in
# package.json (the release emcc 3.1.6 was made with; newer ones reject its flags).
export EM_CLOSURE_COMPILER="$root/node_modules/.bin/google-closure-compiler"
[ -x "$EM_CLOSURE_COMPILER" ] || { echo "build: $EM_CLOSURE_COMPILER missing: run scripts/setup.sh" >&2; exit 1; }
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release
node scripts/page/build-single-file.mjs
node scripts/report-sizes.mjs dist/keyflip-core.js
