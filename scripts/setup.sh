#!/usr/bin/env bash
# Sets up a fresh machine: the browsers the tests and the demo drive (Debian packages, only
# when missing) and the npm dependencies, exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  else
    echo "Missing: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  fi
fi
npm ci --no-audit --no-fund
