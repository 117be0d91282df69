#!/usr/bin/env bash
# `npm test`: the whole suite as CI runs it. Installs system packages (Debian) and npm dependencies
# when missing, then lint, type-check, build, unit + integration tests, end-to-end tests in Chromium.
# End-to-end tests create network namespaces and therefore need root.
set -uo pipefail
cd "$(dirname "$0")/.."
set -e
bash scripts/ensure-deps.sh
bash scripts/setup-system.sh
set +e

results=.tmp/test-results
rm -rf "$results" && mkdir -p "$results"
status=0
step() {
  local name=$1; shift
  echo; echo "== $name"
  if ! "$@"; then echo "== $name: FAILED"; status=1; fi
}

step lint npm run --silent lint
step typecheck npm run --silent typecheck
step electronegativity bash scripts/electronegativity.sh
step build bash scripts/build-if-needed.sh
step unit npx jest --selectProjects unit --json --outputFile="$results/unit.json"
step e2e npx jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json"

echo
node scripts/summarize-tests.mjs "$results"/*.json || status=1
exit $status
