#!/usr/bin/env bash
# `npm start`: installs what is missing (npm packages; Janus, coturn and ffmpeg from Debian when
# this runs as root or with password-less sudo), builds if needed, and serves the product on
# embedded defaults. The server's first lines say what it started (SFU, TURN, state store).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# Without the rights to install, the product still starts: rooms stay peer to peer (at most four)
# and there is no TURN relay. setup-system has then printed the one command that installs them.
rc=0
bash scripts/setup-system.sh runtime || rc=$?
if [ "$rc" -eq 3 ]; then
  echo "npm start: continuing without the missing packages (no SFU above four people, no TURN relay)" >&2
elif [ "$rc" -ne 0 ]; then
  exit "$rc"
fi
bash scripts/build-if-needed.sh
exec node dist/server/signaling-server/main.js
