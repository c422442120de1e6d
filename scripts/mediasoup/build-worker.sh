#!/usr/bin/env bash
# Builds mediasoup's worker against Debian 12's system libraries, for machines
# that reach neither GitHub (prebuilt worker, meson wraps) nor PyPI (mediasoup's
# own build installs meson/invoke with pip). Such a binary links Debian's shared
# libraries: it is for these machines, not for shipping.
#
# Usage: build-worker.sh [MEDIASOUP_DIR OUTPUT_BINARY]
#   Without arguments: the installed mediasoup, and the cache path from
#   worker-cache.mjs (what postinstall.mjs passes too).
#
# The mediasoup source is copied, never changed in node_modules. What changes:
#   patches/system-libraries.patch  system deps instead of wraps, meson >= 1.0
#   patches/dtls-bio-callback.patch  DTLS fix: with Debian's OpenSSL (kernel TLS
#     compiled in) the unpatched worker segfaults on the first ClientHello
#   compat/include/  libsrtp 3 API over libsrtp2; std containers for unordered_dense
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { echo "[ecabinet build-worker] $*"; }
die() { echo "[ecabinet build-worker] ERROR: $*" >&2; exit 1; }

if [[ $# -eq 2 ]]; then
  ms_dir=$1 out_bin=$2
elif [[ $# -eq 0 ]]; then
  mapfile -t paths < <("${NODE:-node}" --input-type=module -e "
    import { mediasoupDir, cachedWorkerPath } from '$here/worker-cache.mjs';
    console.log(mediasoupDir() ?? ''); console.log(cachedWorkerPath() ?? '');")
  ms_dir=${paths[0]:-} out_bin=${paths[1]:-}
  [[ -n $ms_dir && -n $out_bin ]] || die "mediasoup is not installed (run npm install)"
else
  die "usage: $0 [MEDIASOUP_DIR OUTPUT_BINARY]"
fi
[[ -f $ms_dir/worker/meson.build ]] || die "no worker source in $ms_dir"

self_check() { # mediasoup's own check: run without environment, expect exit 41
  local rc=0
  [[ -x $1 ]] || return 1
  env -i "$1" >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 41 ]]
}

ensure_packages() {
  local packages=(build-essential pkg-config patch meson ninja-build libuv1-dev libssl-dev
    libsrtp2-dev libabsl-dev flatbuffers-compiler libflatbuffers-dev)
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]} == 0)) && return 0
  command -v apt-get >/dev/null || die "needs Debian packages: ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || die "needs root to install: ${missing[*]}"
    sudo=(sudo -n)
  fi
  log "installing ${missing[*]}"
  # Another apt may hold the lock (unattended upgrades, a parallel job): wait for it.
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  if ! "${apt[@]}" -y install "${missing[@]}" </dev/null; then
    log "install failed; refreshing package lists and retrying"
    "${apt[@]}" update </dev/null
    "${apt[@]}" -y install "${missing[@]}" </dev/null
  fi
}

out_dir=$(dirname "$out_bin")
mkdir -p "$out_dir"

# Two installs at once (e.g. parallel CI jobs sharing a cache) build once; and
# while we hold the lock, a .build.* directory here is left from a killed run.
exec 9>"$out_dir/.lock"
if command -v flock >/dev/null; then
  flock 9
  rm -rf "$out_dir"/.build.*
fi

if self_check "$out_bin"; then
  log "already built: $out_bin"
  exit 0
fi

ensure_packages

# Build next to the destination so the final mv is an atomic rename.
work=$(mktemp -d "$out_dir/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT

cp -a "$ms_dir/worker" "$work/worker"
rm -rf "$work/worker/out" # a downloaded or earlier build of mediasoup's own
cp -a "$here/compat/include" "$work/worker/ecabinet-compat"
for p in "$here"/patches/*.patch; do
  patch -d "$work" -p1 --forward --batch --quiet <"$p" ||
    die "$(basename "$p") does not apply: the patches fit mediasoup 3.27.x, found $(grep -m1 '"version"' "$ms_dir/package.json")"
done

log "building mediasoup-worker in $work (about 200 s on 2 cores)"
start=$SECONDS
meson setup --buildtype=release --wrap-mode=nodownload "$work/build" "$work/worker"
ninja -C "$work/build" -j"$(nproc)" mediasoup-worker

install -m 0755 "$work/build/mediasoup-worker" "$work/mediasoup-worker"
self_check "$work/mediasoup-worker" || die "built worker fails its self-check (exit 41 expected)"
mv -f "$work/mediasoup-worker" "$out_bin"
log "built $out_bin in $((SECONDS - start)) s"
