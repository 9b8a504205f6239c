#!/usr/bin/env bash
# `npm start`: the whole gateway on one machine — a private Redis (AOF,
# noeviction) when REDIS_URL is unset, the marketplace sandbox as the default
# Joom/Akinon/Flexport, the api and the worker. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=$ROOT/.data
mkdir -p "$DATA/logs" "$DATA/redis"

bash scripts/ensure-deps.sh
echo "› building"
npm run build --silent > "$DATA/logs/build.log" 2>&1 || { cat "$DATA/logs/build.log"; exit 1; }

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo "› stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# run NAME CMD...: starts a process, prefixes its output, keeps a log file.
run() {
  local name=$1; shift
  ( "$@" 2>&1 | tee "$DATA/logs/$name.log" | sed -u "s/^/[$name] /" ) &
  pids+=($!)
}

wait_http() {
  for _ in $(seq 1 100); do
    node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1" && return 0
    sleep 0.2
  done
  echo "✗ $1 did not answer; see $DATA/logs" >&2
  exit 1
}

if [ -z "${REDIS_URL:-}" ]; then
  REDIS_PORT=${GATEWAY_REDIS_PORT:-6390}
  run redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" \
    --appendonly yes --maxmemory-policy noeviction --save ""
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  sleep 0.3
fi

# One API key per checkout, kept so restarts keep working with the same key.
if [ -z "${API_KEYS:-}" ]; then
  [ -f "$DATA/api-key" ] || node -e "console.log('gw_' + require('crypto').randomBytes(24).toString('hex'))" > "$DATA/api-key"
  export API_KEYS=$(cat "$DATA/api-key")
fi

SANDBOX_PORT=${SANDBOX_PORT:-4000}
SANDBOX_URL="http://127.0.0.1:$SANDBOX_PORT"
export JOOM_ACCESS_TOKEN=${JOOM_ACCESS_TOKEN:-sandbox-joom-token}
export AKINON_API_TOKEN=${AKINON_API_TOKEN:-sandbox-akinon-token}
export FLEXPORT_API_TOKEN=${FLEXPORT_API_TOKEN:-sandbox-flexport-token}
export JOOM_BASE_URL=${JOOM_BASE_URL:-$SANDBOX_URL}
export AKINON_BASE_URL=${AKINON_BASE_URL:-$SANDBOX_URL}
export FLEXPORT_BASE_URL=${FLEXPORT_BASE_URL:-$SANDBOX_URL/logistics/api/2024-04}
export SANDBOX_FLEXPORT_ADVANCE_MS=${SANDBOX_FLEXPORT_ADVANCE_MS:-30000}

API_PORT=${PORT:-3000}
PORT=$SANDBOX_PORT run sandbox node dist/apps/sandbox/main.js
wait_http "$SANDBOX_URL/__sandbox/health"

# Akinon addresses reference their city, country… by uuid: give the gateway the
# table that resolves the sandbox's (docs/api-decisions.md AK-6), unless one is set.
if [ -z "${AKINON_LOCATIONS_FILE:-}" ]; then
  export AKINON_LOCATIONS_FILE="$DATA/akinon-locations.json"
  node -e "
    fetch(process.argv[1], { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
      .then((body) => require('fs').writeFileSync(process.argv[2], JSON.stringify(body.result, null, 2)))
      .catch((error) => { console.error('✗ Akinon locations:', error.message); process.exit(1); });
  " "$SANDBOX_URL/__sandbox/akinon/actions/locations" "$AKINON_LOCATIONS_FILE"
fi
PORT=$API_PORT run api node dist/apps/api/main.js
run worker node dist/apps/worker/main.js
wait_http "http://127.0.0.1:$API_PORT/health/ready"

cat <<MSG

  Gateway is up.
    Swagger UI : http://127.0.0.1:$API_PORT/docs
    API key    : $API_KEYS
    Try        : curl -H "Authorization: Bearer $API_KEYS" http://127.0.0.1:$API_PORT/v1/orders
    Sandbox    : $SANDBOX_URL   (control plane under /__sandbox/)
    Akinon locations : $AKINON_LOCATIONS_FILE
    Redis      : $REDIS_URL
    Logs       : $DATA/logs/
  Ctrl-C stops everything.

MSG
wait -n "${pids[@]}" || true
echo "✗ a process exited; stopping the rest" >&2
