#!/usr/bin/env bash
# Fetch one Debian source package's orig tarball at a pinned version, verify its
# SHA-256 and unpack it into .cache/src/<package>. Reuses what is already there.
# Usage: scripts/fetch-deb-source.sh <package> <debian-version> <orig-file> <sha256>
set -euo pipefail
pkg=$1 version=$2 orig=$3 sha=$4
root=$(cd "$(dirname "$0")/.." && pwd)
dl="$root/.cache/downloads"
dest="$root/.cache/src/$pkg"
mkdir -p "$dl"

if [[ -f "$dest/.verified-$sha" ]]; then
  exit 0
fi

if [[ ! -f "$dl/$orig" ]] || ! echo "$sha  $dl/$orig" | sha256sum -c --quiet - 2>/dev/null; then
  rm -f "$dl/$orig"
  echo "fetching $pkg $version from Debian's source packages"
  # apt-get source needs deb-src entries; the set-up script enables them.
  (cd "$dl" && apt-get source --download-only -qq "$pkg=$version" >/dev/null 2>&1) || true
  if [[ ! -f "$dl/$orig" ]]; then
    echo "error: apt-get source did not deliver $orig for $pkg=$version" >&2
    exit 1
  fi
fi
echo "$sha  $dl/$orig" | sha256sum -c --quiet - || {
  echo "error: checksum mismatch for $orig (expected $sha)" >&2
  exit 1
}
rm -rf "$dest" && mkdir -p "$dest"
tar -xzf "$dl/$orig" -C "$dest" --strip-components=1
touch "$dest/.verified-$sha"
echo "$pkg $version: sha256 verified, unpacked into .cache/src/$pkg"
