#!/usr/bin/env bash
# Passes every test, as CI does: formatting, lints, and the whole test suite — unit, contract
# tests on SQLite and on a real PostgreSQL server, and the slow end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

SIGHTLINE_TEST_PG=$(scripts/ensure-postgres.sh | tail -n 1)
export SIGHTLINE_TEST_PG
export SIGHTLINE_SLOW_TESTS=1
echo "PostgreSQL for tests: $SIGHTLINE_TEST_PG"

# Chromium prints the readiness report as PDF (a server test checks it) and drives the browser
# tests.
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --locked --no-fail-fast
else
  cargo test --workspace --locked --no-fail-fast
fi

# Browser tests: Debian's Chromium driven by playwright-core from npm (never a downloaded
# browser). Screenshots of every page land in artifacts/e2e/.
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
npm ci --prefix e2e --no-audit --no-fund --silent
cargo build --locked -p cli
cargo build --locked -p server --example e2e_operations_server
node e2e/run.mjs
