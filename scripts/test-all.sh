#!/usr/bin/env bash
# `npm test`: lint, typecheck, core unit tests, server integration tests on PGlite and on
# PostgreSQL, then the browser tests against the built app. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/results
rm -f .tmp/results/*.json

step() { printf '\n=== %s ===\n' "$*"; }

step "node $(node --version)"

step "lint"
npx eslint --max-warnings=0 .

step "typecheck"
npm run --silent typecheck

step "unit tests (packages/core)"
npx vitest run --project core --reporter=default --reporter=json --outputFile=.tmp/results/core.json

step "server tests on PGlite (embedded)"
TEST_DATABASE_URL= npx vitest run --project server --reporter=default --reporter=json --outputFile=.tmp/results/server-pglite.json

# PostgreSQL: TEST_DATABASE_URL, or the local server if one answers. CI sets CHIBO_REQUIRE_PG=1
# so that a missing server fails the run instead of skipping it.
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).catch(()=>process.exit(1))" "$PG_URL" 2>/dev/null; then
  step "server tests on PostgreSQL ($PG_URL)"
  TEST_DATABASE_URL="$PG_URL" npx vitest run --project server --reporter=default --reporter=json --outputFile=.tmp/results/server-postgres.json
elif [ "${CHIBO_REQUIRE_PG:-0}" = "1" ]; then
  echo "PostgreSQL is required (CHIBO_REQUIRE_PG=1) but $PG_URL does not answer." >&2
  exit 1
else
  step "server tests on PostgreSQL: SKIPPED (no server at $PG_URL; set TEST_DATABASE_URL)"
fi

step "browser tests (Chromium)"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
npm run --silent build
CHIBO_E2E_BUILD=0 npx vitest run --project e2e --reporter=default --reporter=json --outputFile=.tmp/results/e2e.json

node scripts/summarize-tests.mjs .tmp/results
