#!/usr/bin/env bash
# Electronegativity (Electron security linter) over the desktop app's sources. Fails when it
# reports any HIGH or CRITICAL finding, or when it produced no report at all (a crashed scan must
# not read as clean). Medium findings are printed for review. Usage: scripts/electronegativity.sh [dir]
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-main}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report="$work/eneg.csv"
# Electron's version is read from the installed package: the scan judges defaults by it.
version=$(node -p "require('electron/package.json').version")

if ! node -r ./scripts/electronegativity-offline.cjs node_modules/@doyensec/electronegativity/dist/index.js \
  -i "$input" -e "$version" -o "$report" -r >"$work/log" 2>&1; then
  cat "$work/log"
  echo "electronegativity: the scan itself failed"
  exit 1
fi
if ! head -1 "$report" 2>/dev/null | grep -q '^issue, severity'; then
  cat "$work/log"
  echo "electronegativity: no report was written"
  exit 1
fi

findings=$(tail -n +2 "$report")
high=$(grep -E '^[A-Z_]+,"(HIGH|CRITICAL)"' <<<"$findings" || true)
others=$(grep -vE '^[A-Z_]+,"(HIGH|CRITICAL)"' <<<"$findings" || true)
[ -n "$others" ] && { echo "electronegativity: findings to review (below high severity):"; cut -d, -f1-5 <<<"$others"; }
if [ -n "$high" ]; then
  echo "electronegativity: HIGH severity findings in $input:"
  cut -d, -f1-6 <<<"$high"
  exit 1
fi
echo "electronegativity: no high-severity findings in $input (Electron $version)"
