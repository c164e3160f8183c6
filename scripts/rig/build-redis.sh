#!/usr/bin/env bash
# Builds a newer Redis than Debian bookworm's 7.0 for the tests: Azure Managed Redis runs 7.4, which no
# reachable source ships (Debian packaged nothing between 7.0 and 8.0, and a bookworm machine cannot run
# trixie's 8.0 binaries: they need glibc 2.38). So the Redis tests run a second time against redis-server
# 8.0, built here from Debian trixie's source tarball (checked by its SHA-256), with the machine's gcc.
#
#   bash scripts/rig/build-redis.sh        → .out/redis-8.0.2/redis-server (kept; a second run does nothing)
#
# test/state/newer-redis.test.ts looks for the binary there: it runs the Redis test files against it, and
# without it it fails under CI=true and is skipped (with this command in the reason) elsewhere.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=8.0.2
sha256=caf3c0069f06fc84c5153bd2a348b204c578de80490c73857bee01d9b5d7401f
url="https://deb.debian.org/debian/pool/main/r/redis/redis_${version}.orig.tar.gz"
out=".out/redis-${version}"

if [ -x "$out/redis-server" ] && "$out/redis-server" --version | grep -q "v=${version} "; then
  echo "redis-server ${version}: $out/redis-server (already built)"
  exit 0
fi
for tool in cc make curl; do
  command -v "$tool" >/dev/null || { echo "build-redis: '$tool' is missing (apt-get install build-essential curl)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/redis-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
curl -fsSL --retry 3 -o "$work/redis.tar.gz" "$url" || {
  echo "build-redis: could not download $url (Debian moves a source out of its pool when a newer one replaces it: update version and sha256 from https://deb.debian.org/debian/dists/trixie/main/source/Sources.xz)" >&2
  exit 1
}
echo "${sha256}  $work/redis.tar.gz" | sha256sum --check --quiet
tar -xzf "$work/redis.tar.gz" -C "$work"
# libc malloc and no TLS: nothing beyond the compiler is needed, and the tests use neither jemalloc nor TLS.
make -C "$work/redis-${version}" -j"$(nproc)" MALLOC=libc BUILD_TLS=no redis-server >"$work/build.log" 2>&1 || {
  tail -n 40 "$work/build.log" >&2
  exit 1
}
mkdir -p "$out"
cp "$work/redis-${version}/src/redis-server" "$out/redis-server"
"$out/redis-server" --version
