#!/usr/bin/env bash
# Installs what a fresh machine lacks, where it can: the npm packages, and on
# Debian or Ubuntu (as root or with sudo) redis-server for `npm start`, plus
# with --for-tests Debian's chromium (the browser tests; playwright-core
# never downloads a browser) and its prometheus package for promtool (which
# checks and unit-tests the alert rules in deploy/prometheus/; its server is
# never started: no recommends). Elsewhere (macOS, other distributions, no
# sudo) it installs none of those: it prints what is missing and how to get
# it, and fails. What counts as present: scripts/lib/deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/deps.sh

for_tests=""
[ "${1:-}" = "--for-tests" ] && for_tests="--for-tests"

if ! node_ok; then
  missing_report "$(uname -s)" node >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

missing=$(missing_tools $for_tests)
[ -n "$missing" ] || exit 0
if ! apt_usable; then
  # Word splitting is wanted: one argument per tool.
  # shellcheck disable=SC2086
  missing_report "$(uname -s)" $missing >&2
  exit 1
fi

plain=() bare=()
for tool in $missing; do
  # promtool's package would pull the Prometheus server's recommends along.
  if [ "$tool" = promtool ]; then bare+=("$(apt_package "$tool")"); else plain+=("$(apt_package "$tool")"); fi
done
echo "› installing ${plain[*]:-} ${bare[*]:-} (apt-get)"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
[ ${#plain[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${plain[@]}" > /dev/null
[ ${#bare[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${bare[@]}" > /dev/null
