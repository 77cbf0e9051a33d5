#!/usr/bin/env bash
# The request-edge and OFREP HTTP benchmarks with wrk on loopback (see docs/benchmarks.md):
#   1. an authenticated GET behind Valhalla's whole edge (correlation, access log, tracing at 10 %,
#      blocklist with rules, API-key authentication, rate-limit policy, maintenance shield, kill-switch
#      guard) against the same handler on a bare Javalin in the same process, alternating, three times;
#   2. OFREP single and bulk evaluation over the 200-flag synthetic state.
# Traffic goes to 127.0.0.1 only; every wrk run is bounded (DURATION seconds).
# Usage: bench/edge.sh [DURATION_SECONDS=10] [CONNECTIONS=32]
set -euo pipefail
DURATION="${1:-10}" CONNECTIONS="${2:-32}"
source "$(dirname "$0")/common.sh"
EDGE_PORT=18090
BARE_PORT=18091
KEY="$(random_key benchedg)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$JAVA" -cp "$CP" dev.valhalla.benchmarks.EdgeBenchmarkServer $EDGE_PORT $BARE_PORT "$WORK/data" "$KEY" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1200); do grep -q '^edge ' "$WORK/server.log" && break; kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
grep -q '^edge ' "$WORK/server.log" || { echo "the benchmark server did not start:" >&2; tail -30 "$WORK/server.log" >&2; exit 1; }

EDGE="http://127.0.0.1:$EDGE_PORT/bench/clients"
BARE="http://127.0.0.1:$BARE_PORT/bench/clients"
AUTH=(-H "Authorization: Bearer $KEY")
# every edge response must be a 200: a refusal (401, 403, 429, 503) would measure the wrong thing
for url in "$EDGE" "$BARE"; do
  code="$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$url")"
  [ "$code" = 200 ] || { echo "GET $url answered $code" >&2; exit 1; }
done

echo "## wrk: ${DURATION}s per run, 2 threads, $CONNECTIONS connections, $(nproc) CPUs"
echo "| target | req/s | p50 | p99 |"
echo "|---|---|---|---|"
# JIT warm-up: the edge runs much more code than the bare handler and needs longer to compile
wrk -t2 -c"$CONNECTIONS" -d30s "${AUTH[@]}" "$EDGE" >/dev/null; wrk -t2 -c"$CONNECTIONS" -d15s "$BARE" >/dev/null
for round in 1 2 3; do
  run_wrk "edge on (round $round)" "$EDGE" "${AUTH[@]}"
  run_wrk "edge off (round $round)" "$BARE"
done
echo
echo "throughput ratio edge on / edge off (sum of the rounds): $(ratio "$(rps 'edge on')" "$(rps 'edge off')")"

cat >"$WORK/ofrep.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"context": {"targetingKey": "user-4711", "country": "NO", "plan": "business", "age": "42", "appName": "web", "environment": "production"}}'
LUA
OFREP="http://127.0.0.1:$EDGE_PORT/ofrep/v1/evaluate/flags"
echo
echo "## OFREP over HTTP (200 synthetic flags, kill switch released)"
echo "| target | req/s | p50 | p99 |"
echo "|---|---|---|---|"
wrk -t2 -c8 -d5s -s "$WORK/ofrep.lua" "${AUTH[@]}" "$OFREP/synthetic.targeted.1" >/dev/null
run_wrk "OFREP single flag" "$OFREP/synthetic.targeted.1" -s "$WORK/ofrep.lua" "${AUTH[@]}"
run_wrk "OFREP bulk (200 flags)" "$OFREP" -s "$WORK/ofrep.lua" "${AUTH[@]}"
