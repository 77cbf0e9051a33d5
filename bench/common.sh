# Shared by the wrk benchmark scripts (sourced, not run): builds the benchmarks module, finds a JDK 21+,
# installs wrk when missing, and measures with wrk. Sets ROOT, JAVA, CP and WORK (removed on exit by the
# caller's trap). Every wrk run is bounded by DURATION seconds and goes to 127.0.0.1 only.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-32}"

command -v wrk >/dev/null 2>&1 || { echo "installing wrk (Debian package) ..."; apt-get install -y -qq wrk >/dev/null; }
"$ROOT/valhalla" bench -l >/dev/null   # builds valhalla-benchmarks (with the server) and finds the JDK
JAVA=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && { JAVA="$d/bin/java"; break; }
done
[ -n "$JAVA" ] || { echo "no JDK 21+ found" >&2; exit 2; }
CP="$ROOT/valhalla-benchmarks/target/classes:$ROOT/valhalla-benchmarks/target/lib/*"
WORK="$(mktemp -d)"

# An API key in Valhalla's format with a random 43-character secret; $1 = the 8-character key id.
random_key() { echo "vh_$1_$(head -c 300 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 43)"; }

# The file that collects the req/s of a label; "(…)" at the end of a label is not part of its name.
slot() { echo "$WORK/rps-$(tr -c 'a-z0-9' _ <<<"${1%% (*}")"; }

# $1 = label, $2 = url, then wrk options: prints a table row and adds the req/s to the label's slot.
# A run with any non-2xx answer stops the script: it would measure a refusal, not the route.
run_wrk() {
  local out; out="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${@:3}" "$2")"
  if grep -q "Non-2xx" <<<"$out"; then echo "$1: $(grep Non-2xx <<<"$out")" >&2; exit 1; fi
  local rps p50 p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
  printf '| %-44s | %10s | %8s | %8s |\n' "$1" "$rps" "$p50" "$p99"
  echo "$rps" >>"$(slot "$1")"
}

# The summed req/s of a label's runs.
rps() { awk '{ s += $1 } END { printf "%.1f", s }' "$(slot "$1")"; }

# $1 / $2 with three decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
