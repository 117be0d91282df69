#!/usr/bin/env bash
# Installs the system packages the product and its tests use, from Debian, idempotently.
# Usage: scripts/setup-system.sh            (everything)
#        SETUP_MINIMAL=1 scripts/setup-system.sh  (only what `npm test` needs)
set -euo pipefail

want=(chromium iproute2 iptables)
if [ -z "${SETUP_MINIMAL:-}" ]; then
  want+=(janus janus-tools coturn redis-server ffmpeg)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all packages present (${want[*]})"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-system: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts packaged daemons on install; the product runs its own instances with its own config.
for svc in janus coturn redis-server; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    $SUDO systemctl stop "$svc" || true
  fi
done
echo "setup-system: done"
