#!/usr/bin/env bash
# Fresh-machine set-up for keyflip on Debian 12: Debian packages, npm packages,
# and the third-party C sources (OpenSSL, pugixml, libcsv) from Debian's source packages,
# checksum-verified and built for wasm into the git-ignored .cache/ folder.
# Idempotent: a second run installs nothing and reuses the cached builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/deps.env

APT_PACKAGES=(
  emscripten cmake ninja-build g++ clang lld libclang-rt-14-dev
  nlohmann-json3-dev libgtest-dev libssl-dev dpkg-dev
  python3-botocore awscli chromium curl
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
need_src=0
grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list || need_src=1
if (( ${#missing[@]} )) || (( need_src )); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: missing Debian packages (${missing[*]:-deb-src entries}); run as root" >&2
    exit 1
  fi
  if (( need_src )); then
    # apt-get source needs deb-src entries; add them without naming a host.
    sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources
  fi
  echo "setup: installing Debian packages: ${missing[*]:-(none, refreshing sources)}"
  apt-get update -qq
  if (( ${#missing[@]} )); then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# npm packages (dev tools and the peers used by tests), pinned by package-lock.json.
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

scripts/fetch-deb-source.sh pugixml "$PUGIXML_DEB_VERSION" "$PUGIXML_ORIG" "$PUGIXML_SHA256"
scripts/fetch-deb-source.sh libcsv "$LIBCSV_DEB_VERSION" "$LIBCSV_ORIG" "$LIBCSV_SHA256"
scripts/build-openssl-wasm.sh
echo "setup: done"
