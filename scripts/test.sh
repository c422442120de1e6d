#!/usr/bin/env bash
# The whole test suite: unit and integration on embedded PGlite, the integration tests again on
# a Postgres server, then browser tests against the built web app. Installs and starts what it
# needs first. Extra arguments go to every vitest run (e.g. a file filter).
set -uo pipefail
cd "$(dirname "$0")/.."

db_line=$(bash scripts/ensure-system-deps.sh) || exit 1
pg_url=${db_line#TEST_DATABASE_URL=}

npx vite build web --logLevel warn || exit 1

mkdir -p test-results
rm -f test-results/vitest-*.json
status=0
stage() {
  local name=$1; shift
  printf '\n=== %s ===\n' "$name"
  npx vitest run --reporter=default --reporter=json --outputFile.json="test-results/vitest-$name.json" \
    "$@" "${VITEST_ARGS[@]}" || status=1
}
VITEST_ARGS=("$@")
# An empty TEST_DATABASE_URL means embedded PGlite (test/helpers/database.ts).
TEST_DATABASE_URL= stage pglite --project unit --project integration
TEST_DATABASE_URL="$pg_url" stage postgres --project integration
TEST_DATABASE_URL= stage e2e --project e2e

node scripts/test-summary.mjs test-results/vitest-pglite.json test-results/vitest-postgres.json test-results/vitest-e2e.json || status=1
exit $status
