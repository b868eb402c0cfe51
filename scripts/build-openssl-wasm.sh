#!/usr/bin/env bash
# Build OpenSSL's libcrypto for wasm32 with Emscripten into .cache/openssl-wasm.
# A stamp holding the source checksum makes later runs reuse the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/deps.env"
export NODE_PATH=/usr/share/nodejs   # emcc's optimiser needs Debian's acorn
src="$root/.cache/src/openssl"
out="$root/.cache/openssl-wasm"
stamp="$out/.built-$OPENSSL_SHA256"

if [[ -f "$stamp" && -f "$out/lib/libcrypto.a" ]]; then
  echo "openssl-wasm: reusing cached build in .cache/openssl-wasm"
  exit 0
fi
"$root/scripts/fetch-deb-source.sh" openssl "$OPENSSL_DEB_VERSION" "$OPENSSL_ORIG" "$OPENSSL_SHA256"

build="$root/.cache/build-openssl-wasm"
rm -rf "$build" && cp -a "$src" "$build"
cd "$build"
echo "openssl-wasm: configuring (linux-generic32: 64-bit generic targets mis-handle bignums on wasm32)"
emconfigure ./Configure linux-generic32 no-asm no-threads no-shared no-dso no-engine \
  no-tests no-afalgeng no-ui-console no-sock no-stdio --prefix="$out" >/dev/null
# Configure prefixes the compiler with CROSS_COMPILE=em, giving "ememcc".
sed -i 's|^CROSS_COMPILE=.*|CROSS_COMPILE=|' Makefile
echo "openssl-wasm: building libcrypto (several minutes, cached afterwards)"
emmake make -j"$(nproc)" build_generated libcrypto.a >/dev/null 2>&1
rm -rf "$out" && mkdir -p "$out/lib"
cp libcrypto.a "$out/lib/"
cp -r include "$out/include"
touch "$stamp"
cd "$root" && rm -rf "$build"
echo "openssl-wasm: built .cache/openssl-wasm/lib/libcrypto.a"
