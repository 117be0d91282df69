#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lockfile.
# Electron's binary download is skipped: these machines cannot fetch it (users' machines can).
# `npm install`, not `npm ci`: npm 11 writes lockfiles without other platforms' optional packages
# (@swc/core-darwin-*, ...) and `npm ci` then refuses them as out of sync; `npm install` keeps the
# locked versions and installs only this platform's.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "ensure-deps: installing npm dependencies"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
fi
