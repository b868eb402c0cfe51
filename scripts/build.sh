#!/usr/bin/env bash
# Builds what the npm package needs: dist/keyflip-core.js (the wasm module,
# embedded) from the C++ core with Debian's Emscripten. Run scripts/setup.sh first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs   # emcc's optimiser needs Debian's acorn
cmake --preset wasm-release >/dev/null
cmake --build --preset wasm-release
# Emscripten 3.1.6's glue first tries fetch() on the embedded data: URL, which a
# strict connect-src refuses (a CSP violation) before it falls back to decoding
# the base64 itself. Later Emscripten versions skip fetch for data: URLs; do the same.
sed -i 's/if(typeof fetch=="function"){return fetch(wasmBinaryFile/if(typeof fetch=="function"\&\&!isDataURI(wasmBinaryFile)){return fetch(wasmBinaryFile/' dist/keyflip-core.js
grep -q 'isDataURI(wasmBinaryFile)){return fetch' dist/keyflip-core.js || {
  echo "build: the wasm data-URL patch no longer applies to the Emscripten glue" >&2
  exit 1
}
node scripts/page/build-single-file.mjs
node scripts/report-sizes.mjs dist/keyflip-core.js
