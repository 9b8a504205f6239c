#!/usr/bin/env bash
# `npm run test:faults`: the fault-injection suite (test/faults/*.fault-spec.ts).
# Each scenario starts its own sandbox, api and worker with fresh state, injects
# one fault (worker SIGKILL, Redis restart, sandbox 5xx/429/latency, hung
# connections, duplicate deliveries) and measures what the gateway did with
# every accepted command. Rows are printed and saved to .data/faults-report.json.
set -euo pipefail
cd "$(dirname "$0")/.."

# scripts/test.sh has installed and built already when it calls this with SKIP_BUILD=1.
if [ "${SKIP_BUILD:-}" != "1" ]; then
  bash scripts/ensure-deps.sh
  echo "› building"
  npm run build --silent
fi
rm -f .data/faults-report.json
echo "› fault suite (real redis-server, built processes)"
status=0
npx jest --selectProjects faults --ci --runInBand --forceExit "$@" || status=$?
if [ -f .data/faults-report.json ]; then
  echo "› summary (.data/faults-report.json)"
  npx tsx test/faults/print-report.ts
fi
exit "$status"
