#!/usr/bin/env bash
# HTTP benchmarks of the server with wrk on loopback (see docs/benchmarks.md):
#   cold start to /ready (fresh and existing data folder), /live and an authenticated database-backed
#   GET against a bare Javalin reference in the same run, and the query monitor on vs off.
# Traffic goes to 127.0.0.1 only; every wrk run is bounded (DURATION seconds).
# Usage: bench/http.sh [DURATION_SECONDS=10] [CONNECTIONS=32]
set -euo pipefail
DURATION="${1:-10}" CONNECTIONS="${2:-32}"
source "$(dirname "$0")/common.sh"
PORT=18080
BARE_PORT=18081
KEY="$(random_key benchmrk)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
wait_ready() { # $1 = url; waits up to 120 s
  for _ in $(seq 1 1200); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "not ready: $1" >&2; return 1
}
start_valhalla() { # $1 = data dir, then extra VAR=value settings; sets VALHALLA_PID
  env VALHALLA_PORT=$PORT VALHALLA_DATA_DIR="$1" VALHALLA_ADMIN_KEY="$KEY" "${@:2}" \
    "$JAVA" -cp "$CP" dev.valhalla.server.Main serve >"$WORK/serve.log" 2>&1 &
  VALHALLA_PID=$!; PIDS+=("$VALHALLA_PID")
}
stop_valhalla() { kill -TERM "$VALHALLA_PID"; wait "$VALHALLA_PID" 2>/dev/null || true; }

echo "## Cold start to /ready"
t0=$(now_ms); start_valhalla "$WORK/data"; wait_ready "http://127.0.0.1:$PORT/ready"; t1=$(now_ms)
echo "fresh data folder (initdb + all revisions): $((t1 - t0)) ms"
stop_valhalla
t0=$(now_ms); start_valhalla "$WORK/data"; wait_ready "http://127.0.0.1:$PORT/ready"; t1=$(now_ms)
echo "existing data folder: $((t1 - t0)) ms"

PG_PORT="$(sed -n 4p "$WORK/data/postgres/postmaster.pid")"
"$JAVA" -cp "$CP" dev.valhalla.benchmarks.BareJavalinServer $BARE_PORT \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" >"$WORK/bare.log" 2>&1 &
PIDS+=("$!")
wait_ready "http://127.0.0.1:$BARE_PORT/live"

echo
echo "## wrk: ${DURATION}s, 2 threads, $CONNECTIONS connections"
echo "| target | req/s | p50 | p99 |"
echo "|---|---|---|---|"
# warm both JVMs first
wrk -t2 -c"$CONNECTIONS" -d10s "http://127.0.0.1:$PORT/live" >/dev/null; wrk -t2 -c"$CONNECTIONS" -d10s "http://127.0.0.1:$BARE_PORT/live" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/system/api-clients" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d10s "http://127.0.0.1:$BARE_PORT/clients" >/dev/null
run_wrk "valhalla GET /live" "http://127.0.0.1:$PORT/live"
run_wrk "bare javalin GET /live" "http://127.0.0.1:$BARE_PORT/live"
run_wrk "valhalla GET /system/api-clients (key, db)" "http://127.0.0.1:$PORT/system/api-clients" -H "Authorization: Bearer $KEY"
run_wrk "bare javalin GET /clients (db)" "http://127.0.0.1:$BARE_PORT/clients"
curl -s "http://127.0.0.1:$PORT/api/metrics/database" -H "Authorization: Bearer $KEY" >"$WORK/database.json"
stop_valhalla

# query monitor off and on, alternating twice; each start warms up 10 s first
for round in 1 2; do
  for monitor in false true; do
    start_valhalla "$WORK/data" VALHALLA_QUERY_MONITOR_ENABLED=$monitor; wait_ready "http://127.0.0.1:$PORT/ready"
    wrk -t2 -c"$CONNECTIONS" -d10s -H "Authorization: Bearer $KEY" "http://127.0.0.1:$PORT/system/api-clients" >/dev/null
    label="valhalla api-clients, query monitor $([ $monitor = true ] && echo ON || echo OFF)"
    run_wrk "$label (round $round)" "http://127.0.0.1:$PORT/system/api-clients" -H "Authorization: Bearer $KEY"
    stop_valhalla
  done
done

echo
echo "ratio /live valhalla/bare: $(ratio "$(rps 'valhalla GET /live')" "$(rps 'bare javalin GET /live')")"
echo "ratio db GET valhalla/bare: $(ratio "$(rps 'valhalla GET /system/api-clients (key, db)')" "$(rps 'bare javalin GET /clients (db)')")"
echo "ratio query monitor on/off (sum of both rounds): $(ratio "$(rps 'valhalla api-clients, query monitor ON')" "$(rps 'valhalla api-clients, query monitor OFF')")"
echo "pool (from /api/metrics/database during the db run): $(cat "$WORK/database.json")"
