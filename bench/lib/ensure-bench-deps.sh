#!/usr/bin/env bash
# Debian packages the benchmarks need, installed only when missing (idempotent; needs root or
# sudo for the install). Today: ffmpeg, which bench/lib/media-clip.ts uses once to pre-encode
# the synthetic VP8/opus clip the SFU benchmarks send.
set -euo pipefail

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "ensure-bench-deps: installing ${missing[*]} (Debian packages)" >&2
SUDO=()
[ "$(id -u)" -eq 0 ] || SUDO=(sudo -n)
export DEBIAN_FRONTEND=noninteractive
# Another apt may hold the lock: wait for it rather than fail.
"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
command -v ffmpeg >/dev/null 2>&1
