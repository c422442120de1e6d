#!/usr/bin/env bash
# Installs (idempotently) the Debian packages and the Postgres server the test suite needs, and
# starts Postgres when it is not running. Quiet and fast when everything is already there.
# Usage: scripts/ensure-system-deps.sh   (prints TEST_DATABASE_URL=… on its last line)
set -euo pipefail

log() { printf '[ecabinet deps] %s\n' "$*" >&2; }

# chromium, firefox-esr: browser tests (the room must work in every engine); poppler-utils, qpdf, libnss3-tools: independent PDF verifiers;
# ghostscript: PDFs from another producer; fonts-noto-core: Vietnamese glyphs in screenshots and signature appearances.
PACKAGES=(chromium firefox-esr poppler-utils qpdf libnss3-tools ghostscript fonts-noto-core openssl ca-certificates)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  missing+=(postgresql)
fi

if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${missing[*]}"
    log "install them with: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "TEST_DATABASE_URL=$TEST_DATABASE_URL"
  exit 0
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || { log "Postgres is installed but has no cluster in /etc/postgresql"; exit 1; }
  log "starting Postgres $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { log "Postgres did not come up on 127.0.0.1:5432"; exit 1; }
fi

# A role of our own that may create the scratch databases each test file uses.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_postgres psql -qtAc "select 1 from pg_roles where rolname = 'ecabinet'" postgres 2>/dev/null | grep -q 1; then
  log "creating Postgres role ecabinet"
  as_postgres psql -qc "create role ecabinet login createdb password 'ecabinet'" postgres >/dev/null
fi
echo "TEST_DATABASE_URL=postgres://ecabinet:ecabinet@127.0.0.1:5432/postgres"
