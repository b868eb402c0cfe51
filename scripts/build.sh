#!/usr/bin/env bash
# Builds what the npm package needs: dist/keyflip-core.js (the wasm module,
# embedded) from the C++ core with Debian's Emscripten. Run scripts/setup.sh first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's optimiser needs Debian's acorn
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release
node scripts/report-sizes.mjs dist/keyflip-core.js
