#!/usr/bin/env bash
# `npm start`: installs what is missing, builds if needed, and serves the product on embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build-if-needed.sh
exec node dist/server/signaling-server/main.js
