#!/usr/bin/env bash
# `npm test`: lint, typecheck, core unit tests, server integration tests on PGlite and on
# PostgreSQL, then the browser tests against the built app. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/results
rm -f .tmp/results/*.json

# Each stage says how long the one before it took (CI keeps an eye on the total).
STAGE_NAME=""
STAGE_START=$SECONDS
RUN_START=$SECONDS
step() {
  if [ -n "$STAGE_NAME" ]; then printf '=== %s: %ss ===\n' "$STAGE_NAME" "$((SECONDS - STAGE_START))"; fi
  STAGE_NAME="$*"
  STAGE_START=$SECONDS
  printf '\n=== %s ===\n' "$*"
}

step "node $(node --version)"

step "lint"
npx eslint --max-warnings=0 .

step "typecheck"
npm run --silent typecheck

# Time is domain (STYLE §9): the rules run in both zones a server is found in. The server suite
# runs once per database; each run takes the other zone, so the server code meets both too.
step "unit tests (packages/core), TZ=UTC"
TZ=UTC npx vitest run --project core --reporter=default --reporter=json --outputFile=.tmp/results/core-utc.json
step "unit tests (packages/core), TZ=Asia/Ho_Chi_Minh"
TZ=Asia/Ho_Chi_Minh npx vitest run --project core --reporter=default --reporter=json --outputFile=.tmp/results/core-hcm.json

step "server tests on PGlite (embedded), TZ=Asia/Ho_Chi_Minh"
TZ=Asia/Ho_Chi_Minh TEST_DATABASE_URL= npx vitest run --project server --reporter=default --reporter=json --outputFile=.tmp/results/server-pglite.json

# PostgreSQL: TEST_DATABASE_URL, or the local server if one answers. CI sets CHIBO_REQUIRE_PG=1
# so that a missing server fails the run instead of skipping it.
PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
if node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).catch(()=>process.exit(1))" "$PG_URL" 2>/dev/null; then
  step "server tests on PostgreSQL ($PG_URL), TZ=UTC"
  TZ=UTC TEST_DATABASE_URL="$PG_URL" npx vitest run --project server --reporter=default --reporter=json --outputFile=.tmp/results/server-postgres.json
elif [ "${CHIBO_REQUIRE_PG:-0}" = "1" ]; then
  echo "PostgreSQL is required (CHIBO_REQUIRE_PG=1) but $PG_URL does not answer." >&2
  exit 1
else
  step "server tests on PostgreSQL: SKIPPED (no server at $PG_URL; set TEST_DATABASE_URL)"
fi

if [ "${CHIBO_SKIP_E2E:-0}" = "1" ]; then
  step "browser tests: SKIPPED (CHIBO_SKIP_E2E=1; CI runs them once, on the other Node version)"
else
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
fi

step "summary"
echo "total: $((SECONDS - RUN_START))s"
node scripts/summarize-tests.mjs .tmp/results
