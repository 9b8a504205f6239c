#!/usr/bin/env bash
# `npm start`: the whole gateway on one machine — a private Redis (AOF,
# noeviction) when REDIS_URL is unset, the marketplace sandbox as the default
# Joom/Akinon/Flexport, the api and the worker. Ctrl-C (or SIGTERM, SIGHUP, or
# any one service exiting) stops every service it started.
#
# Knobs besides the app's own variables: GATEWAY_DATA_DIR (default .data/),
# GATEWAY_REDIS_PORT (6390), SANDBOX_PORT (4000), PORT (the api, 3000),
# WORKER_HTTP_PORT (the worker's health and metrics, 3001),
# GATEWAY_STOP_GRACE (seconds a service gets to stop before it is killed, 8),
# REDIS_MAXMEMORY (the private Redis' maxmemory, 512mb as in docker-compose.yml),
# GATEWAY_SKIP_BUILD=1 (use node_modules and dist/ as they are: no install
# check, no build — for tests that built already), SANDBOX_STORES (stores the
# sandbox serves, on SANDBOX_PORT, SANDBOX_PORT+1, …; 1), GATEWAY_EXAMPLE
# (a setup from deploy/examples/<name>/, see below; `npm run start:two-stores`).
#
# Plain bash 3.2 (macOS's) is enough: no associative arrays, no `wait -n`, no
# named file descriptors. Each service gets a session of its own from setsid
# (util-linux), or from perl's POSIX::setsid where there is no setsid (macOS).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=${GATEWAY_DATA_DIR:-$ROOT/.data}
STOP_GRACE=${GATEWAY_STOP_GRACE:-8}
# Checked now: a bad value would break the stop itself, not the start.
[[ $STOP_GRACE =~ ^[0-9]+$ ]] || { echo "✗ GATEWAY_STOP_GRACE must be a whole number of seconds" >&2; exit 1; }
REDIS_MAXMEMORY=${REDIS_MAXMEMORY:-512mb}
# A unit is required: Redis reads a bare number as bytes, and 512 bytes would refuse every write.
[[ $REDIS_MAXMEMORY =~ ^[1-9][0-9]*([kKmMgG][bB]?)$ ]] || { echo "✗ REDIS_MAXMEMORY must be a size with its unit, such as 512mb or 2gb" >&2; exit 1; }
mkdir -p "$DATA/logs" "$DATA/redis"

# GATEWAY_EXAMPLE=<name> runs the setup in deploy/examples/<name>/: its
# sandbox.env sets SANDBOX_STORES (the stores its accounts need); its accounts.yaml and
# routing-rules.yaml become ACCOUNTS_FILE and ROUTING_RULES_FILE (unless those
# are set), their {{NAME}} placeholders filled from the environment — the
# sandbox's stores are SANDBOX_STORE_1_URL, SANDBOX_STORE_2_URL, …
EXAMPLE=${GATEWAY_EXAMPLE:-}
SANDBOX_STORES=${SANDBOX_STORES:-1}
if [ -n "$EXAMPLE" ]; then
  EXAMPLE_DIR=$ROOT/deploy/examples/$EXAMPLE
  if ! [[ $EXAMPLE =~ ^[a-z0-9-]+$ ]] || [ ! -d "$EXAMPLE_DIR" ]; then
    echo "✗ GATEWAY_EXAMPLE: no example \"$EXAMPLE\"; deploy/examples/ has: $(ls "$ROOT/deploy/examples" | tr '\n' ' ')" >&2
    exit 1
  fi
  # shellcheck source=/dev/null
  [ ! -f "$EXAMPLE_DIR/sandbox.env" ] || . "$EXAMPLE_DIR/sandbox.env"
fi
# The sandbox's own bound (apps/sandbox/src/core/sandbox-config.ts), checked before anything starts.
[[ $SANDBOX_STORES =~ ^[1-9][0-9]?$ ]] && [ "$SANDBOX_STORES" -le 16 ] || { echo "✗ SANDBOX_STORES must be a whole number of stores from 1 to 16" >&2; exit 1; }

if [ "${GATEWAY_SKIP_BUILD:-}" = 1 ]; then
  for app in api worker sandbox; do
    [ -f "dist/apps/$app/main.js" ] || { echo "✗ dist/apps/$app/main.js is missing: run npm run build" >&2; exit 1; }
  done
else
  bash scripts/ensure-deps.sh
  echo "› building"
  npm run build --silent > "$DATA/logs/build.log" 2>&1 || { cat "$DATA/logs/build.log"; exit 1; }
fi

if command -v setsid > /dev/null 2>&1; then
  NEW_SESSION=(setsid)
elif command -v perl > /dev/null 2>&1; then
  # The same as setsid: a new session, then exec, so the pid stays the service's.
  NEW_SESSION=(perl -MPOSIX -e 'POSIX::setsid() or die "setsid: $!\n"; exec { $ARGV[0] } @ARGV or die "exec $ARGV[0]: $!\n"')
else
  echo "✗ start.sh needs setsid (util-linux) or perl to give each service a process group of its own" >&2
  exit 1
fi

# Every service runs in a session and process group of its own (setsid). A
# signal to the group reaches the service and whatever it forked (Redis' AOF
# rewrite child); nothing is left behind under PID 1 when this script ends. It
# also keeps a terminal's Ctrl-C or hang-up from reaching the services directly:
# this script receives it and stops them in order (stop_all), Redis last.
names=()   # services in start order
pids=()    # their pids, at the same index; each is also its process-group id
loggers=() # pids of the pipelines that prefix and save each service's output
sleeper="" # the pause between two looks at the services, once all run

# pid_of NAME: the service's pid.
pid_of() {
  local i=0
  while [ "$i" -lt ${#names[@]} ]; do
    [ "${names[$i]}" = "$1" ] && { echo "${pids[$i]}"; return 0; }
    i=$((i + 1))
  done
  return 1
}

# run NAME CMD...: starts a service, prefixes its output, keeps a log file.
run() {
  local name=$1; shift
  # The logger ignores the signals that stop the script: it ends at EOF, when
  # its service has exited, so a service's last lines (how it stopped, why it
  # refused to start) still reach the terminal and the log.
  exec 3> >(trap '' INT TERM HUP; tee "$DATA/logs/$name.log" | sed -u "s/^/[$name] /")
  # bash 3.2 leaves $! alone for a process substitution: then the logger is not waited for.
  [ -z "${!:-}" ] || loggers+=("$!")
  # setsid forks only when its caller leads a process group, which a
  # background job of a script never does: $! is the service's pid and group.
  "${NEW_SESSION[@]}" "$@" >&3 2>&1 3>&- < /dev/null &
  pids+=("$!")
  names+=("$name")
  exec 3>&-
}

group_alive() { kill -0 -- "-$1" 2> /dev/null; }

# stop_groups DEADLINE NAME...: TERM to each named service's group, then wait
# until they are gone or $SECONDS reaches DEADLINE (a second signal: at once).
stop_groups() {
  local deadline=$1 name left; shift
  for name; do kill -TERM -- "-$(pid_of "$name")" 2> /dev/null || true; done
  while [ "$SECONDS" -lt "$deadline" ] && [ "$hurry" = 0 ]; do
    left=0
    for name; do group_alive "$(pid_of "$name")" && left=1; done
    [ "$left" = 0 ] && return 0
    sleep 0.1
  done
}

stopping=0 hurry=0
stop_all() {
  [ "$stopping" = 1 ] && return 0
  stopping=1
  trap 'hurry=1' INT TERM HUP
  [ -z "$sleeper" ] || kill "$sleeper" 2> /dev/null || true
  [ ${#names[@]} -gt 0 ] || return 0
  echo "› stopping"
  local deadline=$((SECONDS + STOP_GRACE)) name first=() last=()
  # The api and the worker first: the worker finishes its active jobs, which
  # write to Redis and may call the sandbox; then the sandbox and Redis.
  for name in "${names[@]}"; do
    case $name in redis | sandbox) last+=("$name") ;; *) first+=("$name") ;; esac
  done
  [ ${#first[@]} -eq 0 ] || stop_groups "$deadline" "${first[@]}"
  [ ${#last[@]} -eq 0 ] || stop_groups "$deadline" "${last[@]}"
  for name in "${names[@]}"; do
    if group_alive "$(pid_of "$name")"; then
      echo "✗ $name did not stop within ${STOP_GRACE}s: killing it" >&2
      kill -KILL -- "-$(pid_of "$name")" 2> /dev/null || true
    fi
  done
  wait "${pids[@]}" 2> /dev/null || true
  [ ${#loggers[@]} -gt 0 ] || return 0
  # The loggers end once their service's output is closed; give them a moment
  # to print the last lines.
  for _ in $(seq 1 20); do
    local running=0 pid
    for pid in "${loggers[@]}"; do kill -0 "$pid" 2> /dev/null && running=1; done
    [ "$running" = 0 ] && break
    sleep 0.1
  done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# exited_service: the name of a service that has exited, if any.
exited_service() {
  local i=0
  while [ "$i" -lt ${#names[@]} ]; do
    kill -0 "${pids[$i]}" 2> /dev/null || { echo "${names[$i]}"; return 0; }
    i=$((i + 1))
  done
  return 1
}

# A service that exits while the others start ends the start, not a long wait.
check_alive() {
  local name
  name=$(exited_service) || return 0
  echo "✗ $name exited while starting; see its lines above and $DATA/logs/$name.log" >&2
  exit 1
}

wait_http() {
  for _ in $(seq 1 100); do
    check_alive
    node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1" && return 0
    sleep 0.2
  done
  echo "✗ $1 did not answer; see $DATA/logs" >&2
  exit 1
}

if [ -z "${REDIS_URL:-}" ]; then
  REDIS_PORT=${GATEWAY_REDIS_PORT:-6390}
  # maxmemory bounds the store; noeviction makes a full Redis refuse writes rather than drop orders or jobs.
  run redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" \
    --appendonly yes --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy noeviction --save ""
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  sleep 0.3
fi

# One API key per checkout, kept so restarts keep working with the same key.
# The person who ran `npm start` is this gateway's operator: when they set no
# keys, the generated one is an admin key too (dashboard writes, job retries).
if [ -z "${API_KEYS:-}" ]; then
  [ -f "$DATA/api-key" ] || node -e "console.log('gw_' + require('crypto').randomBytes(24).toString('hex'))" > "$DATA/api-key"
  export API_KEYS=$(cat "$DATA/api-key")
  export ADMIN_API_KEYS=${ADMIN_API_KEYS:-$API_KEYS}
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
PORT=$SANDBOX_PORT SANDBOX_STORES=$SANDBOX_STORES run sandbox node dist/apps/sandbox/main.js
store_urls=() # SANDBOX_STORE_<n>_URL=…, for the example's placeholders
for i in $(seq 1 "$SANDBOX_STORES"); do
  store_url="http://127.0.0.1:$((SANDBOX_PORT + i - 1))"
  store_urls+=("SANDBOX_STORE_${i}_URL=$store_url")
  wait_http "$store_url/__sandbox/health"
done

# render SRC DEST: SRC with each {{NAME}} replaced by the variable's value; an unset one stops the start.
render() {
  env "${store_urls[@]}" node -e "
    const fs = require('fs');
    const [src, dest] = process.argv.slice(1);
    const text = fs.readFileSync(src, 'utf8').replace(/{{([A-Z0-9_]+)}}/g, (_, name) => {
      if (process.env[name] === undefined) { console.error('✗ ' + src + ': {{' + name + '}} is not set'); process.exit(1); }
      return process.env[name];
    });
    fs.writeFileSync(dest, text, { mode: 0o600 }); // it may hold the example's tokens
    fs.chmodSync(dest, 0o600); // a file from an earlier start keeps its mode otherwise
  " "$1" "$2"
}
if [ -n "$EXAMPLE" ]; then
  mkdir -p "$DATA/examples/$EXAMPLE"
  for file in accounts routing-rules; do
    [ -f "$EXAMPLE_DIR/$file.yaml" ] || continue
    render "$EXAMPLE_DIR/$file.yaml" "$DATA/examples/$EXAMPLE/$file.yaml"
  done
  [ ! -f "$DATA/examples/$EXAMPLE/accounts.yaml" ] || export ACCOUNTS_FILE=${ACCOUNTS_FILE:-$DATA/examples/$EXAMPLE/accounts.yaml}
  [ ! -f "$DATA/examples/$EXAMPLE/routing-rules.yaml" ] || export ROUTING_RULES_FILE=${ROUTING_RULES_FILE:-$DATA/examples/$EXAMPLE/routing-rules.yaml}
fi

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
export WORKER_HTTP_PORT=${WORKER_HTTP_PORT:-3001}
run worker node dist/apps/worker/main.js
wait_http "http://127.0.0.1:$API_PORT/health/ready"
wait_http "http://127.0.0.1:$WORKER_HTTP_PORT/health/ready"

cat <<MSG

  Gateway is up.
    Swagger UI : http://127.0.0.1:$API_PORT/docs
    API key    : $API_KEYS
    Try        : curl -H "Authorization: Bearer $API_KEYS" http://127.0.0.1:$API_PORT/v1/orders
    Worker     : http://127.0.0.1:$WORKER_HTTP_PORT/health/ready and /metrics
    Sandbox    : $SANDBOX_URL   (control plane under /__sandbox/)$([ "$SANDBOX_STORES" = 1 ] || echo "; $SANDBOX_STORES stores, up to port $((SANDBOX_PORT + SANDBOX_STORES - 1))")
    Example    : ${EXAMPLE:-none}   accounts: ${ACCOUNTS_FILE:-none}   routing rules: ${ROUTING_RULES_FILE:-none}
    Akinon locations : $AKINON_LOCATIONS_FILE
    Redis      : $REDIS_URL
    Logs       : $DATA/logs/
  Ctrl-C (or SIGTERM) stops everything.

MSG
# Runs until a signal (the traps above stop everything) or until one service
# exits, which stops the rest too. It looks every second; `wait` on the pause
# returns at once on a signal, so a stop never waits for the pause to end.
while ! exited=$(exited_service); do
  sleep 1 &
  sleeper=$!
  wait "$sleeper" || true
  sleeper=""
done
echo "✗ $exited exited; stopping the rest" >&2
exit 1
