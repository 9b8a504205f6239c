#!/usr/bin/env bash
# `npm run bench`: builds the apps, starts a private Redis (AOF, noeviction,
# like production) on a free loopback port in a temp dir unless
# BENCH_REDIS_URL is set, and runs the harness (bench/main.ts), which starts
# sandbox, api and worker itself and prints the table. Knobs: BENCH_COMMANDS, BENCH_SCALE_ORDERS,
# BENCH_ORDERS, BENCH_DURATION_S, BENCH_ROUNDS, BENCH_ONLY… (bench/bench-config.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh
echo "› building"
npm run build --silent >/dev/null

WORK=$(mktemp -d -t gw-bench-XXXXXX)
REDIS_PID=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK/redis"
  echo "› process logs kept in $WORK"
}
trap cleanup INT TERM EXIT

if [ -z "${BENCH_REDIS_URL:-}" ]; then
  REDIS_PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  mkdir -p "$WORK/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" \
    --appendonly yes --maxmemory-policy noeviction --save "" --protected-mode yes \
    --logfile "$WORK/redis.log" &
  REDIS_PID=$!
  for _ in $(seq 1 100); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export BENCH_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
fi

BENCH_WORK_DIR=$WORK npx --no-install tsx bench/main.ts
