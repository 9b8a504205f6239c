#!/usr/bin/env bash
# Installs what a fresh machine (Node 20 + apt) lacks: npm packages, redis-server, chromium (and promtool with --for-tests).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# redis-server for the store and queues; Debian's chromium for the Swagger UI
# browser test (playwright-core drives it; no browser is ever downloaded);
# with --for-tests also Debian's prometheus package, for the promtool that
# checks and unit-tests the alert rules in deploy/prometheus/ (its server is
# never started: no recommends, and this machine has no init system to run it).
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
bare=()
if [ "${1:-}" = "--for-tests" ] && ! command -v promtool >/dev/null 2>&1; then bare+=(prometheus); fi
if [ $((${#missing[@]} + ${#bare[@]})) -gt 0 ]; then
  echo "› installing ${missing[*]} ${bare[*]} (apt-get)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  [ ${#bare[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${bare[@]}" >/dev/null
fi
