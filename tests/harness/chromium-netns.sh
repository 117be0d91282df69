#!/bin/sh
# Starts Chromium inside the test network namespace named by $CONFER_NETNS (playwright-core's
# executablePath). `exec` keeps the pid and the pipe file descriptors playwright talks over.
set -e
if [ -z "$CONFER_NETNS" ]; then
  echo "chromium-netns.sh: CONFER_NETNS is not set" >&2
  exit 2
fi
exec ip netns exec "$CONFER_NETNS" "${CONFER_CHROMIUM:-/usr/bin/chromium}" "$@"
