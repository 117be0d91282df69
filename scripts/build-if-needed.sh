#!/usr/bin/env bash
# Builds the renderer and the server when dist/ is missing or older than any source file.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=dist/.build-stamp
if [ -f "$stamp" ] && [ -f dist/server/signaling-server/main.js ] && [ -f dist/renderer/index.html ] \
  && [ -z "$(find protocol signaling-server renderer package-lock.json vite.config.mts tsconfig*.json -newer "$stamp" -not -name '*.test.ts' -print -quit)" ]; then
  exit 0
fi
echo "build: renderer and server"
npm run --silent build
touch "$stamp"
