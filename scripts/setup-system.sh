#!/usr/bin/env bash
# Installs the system packages the product and its tests use, from Debian, idempotently.
# Usage: scripts/setup-system.sh [all|runtime]
#   all      (default) what `npm test` needs: the runtime below plus Chromium, Redis, the
#            network tools the browser tests use, espeak-ng (speech for noise.e2e's fixture)
#            and python3 (the link delay line where the kernel has no netem)
#   runtime  what `npm start` needs for the whole product: Janus (SFU, rooms above four),
#            janus-tools (recording post-processing), coturn (TURN), ffmpeg (recording composition)
# Without root and without password-less sudo it installs nothing, prints the one command that
# would, and exits 3 so callers can carry on with what is there.
set -euo pipefail

profile=${1:-all}
runtime=(janus janus-tools coturn ffmpeg)
case "$profile" in
  runtime) want=("${runtime[@]}") ;;
  all) want=("${runtime[@]}" chromium redis-server iproute2 iptables espeak-ng python3) ;;
  *) echo "setup-system: unknown profile '$profile' (all or runtime)" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-system: all packages present (${want[*]})"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "setup-system: missing ${missing[*]}; install them with:" >&2
    echo "  sudo bash scripts/setup-system.sh $profile" >&2
    exit 3
  fi
fi
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
