#!/usr/bin/env bash
# Flipside start-up time (bench/README.md "Start-up"): how long from starting the server until the application is
# started and /health/ready answers 200, with every scenario gated, on a fresh server each time; then the medians.
#
#   bench/startup.sh
#
# Environment:
#   RUNS=N            start and stop N times [3]
#   BUILD=0           reuse target/flipside.war (else `mvn -o -q package -DskipTests` first)
#   BENCH_PORT / BENCH_HTTPS_PORT [9380 / 9743], BENCH_SERVER [flipsideStartup]
# Each run starts the server with Liberty's own script (no Maven in the timing), polls /health/ready every 0.2 s,
# reads "Application flipside started in N seconds" (CWWKZ0001I) and the gate's "Rules swapped (start-up): … ms" from
# messages.log, and stops the server (always, on exit: the server this script started, by its own script).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
PORT=${BENCH_PORT:-9380}
HTTPS_PORT=${BENCH_HTTPS_PORT:-9743}
SERVER=${BENCH_SERVER:-flipsideStartup}
OUT=target/bench
WLP=target/liberty/wlp
LOG=$WLP/usr/servers/$SERVER/logs/messages.log
LIBERTY=(-DserverName="$SERVER" -DlooseApplication=false
  -Dliberty.var.http.port="$PORT" -Dliberty.var.https.port="$HTTPS_PORT"
  -Dliberty.var.flipside.rules.dir="$PWD/rules" -Dliberty.var.flipside.cards.dir="$PWD/cds-cards"
  -Dliberty.var.flipside.security.clients.file="$PWD/dev/trusted-clients.yaml"
  -Dliberty.jvm.heap-min=-Xms1g -Dliberty.jvm.heap-max=-Xmx1g)

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=0
stop_server() {
  if [ "$started" = 1 ]; then
    "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1 || true
    started=0
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"
if [ "${BUILD:-1}" = 1 ]; then
  echo "== build"
  mvn -o -q package -DskipTests
fi
echo "== server $SERVER on $PORT"
mvn -o -q liberty:create liberty:deploy "${LIBERTY[@]}"
cp target/flipside.war "$WLP/usr/servers/$SERVER/apps/flipside.war"

now() { date +%s.%N; }
ready=()
app=()
gate=()
for run in $(seq 1 "$RUNS"); do
  if port_busy "$PORT"; then
    echo "Port $PORT is in use: stop whatever listens there or set BENCH_PORT" >&2
    exit 1
  fi
  rm -f "$LOG"
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(now)
  started=1
  "$WLP/bin/server" start "$SERVER" >/dev/null
  until [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://localhost:$PORT/health/ready")" = 200 ]; do
    if [ "$(echo "$(now) - $t0 > 400" | bc)" = 1 ]; then
      echo "not ready after 400 s: see $LOG" >&2
      exit 1
    fi
    sleep 0.2
  done
  t=$(echo "$(now) - $t0" | bc)
  a=$(grep -o 'Application flipside started in [0-9.]* seconds' "$LOG" | grep -o '[0-9.]*' | head -1)
  g=$(grep -o 'Rules swapped (start-up): .* scenarios passed, [0-9]* ms' "$LOG" | grep -o '[0-9]* ms' | grep -o '[0-9]*' | head -1)
  printf '   run %d: ready %.1f s, application started %s s, gate %s ms (load %s at start)\n' "$run" "$t" "$a" "$g" "$load"
  ready+=("$t"); app+=("$a"); gate+=("${g:-0}")
  stop_server
done

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
printf 'median of %d: ready %.1f s, application started %.1f s, gate %.1f s\n' "$RUNS" \
  "$(median "${ready[@]}")" "$(median "${app[@]}")" "$(echo "$(median "${gate[@]}") / 1000" | bc -l)" | tee "$OUT/startup-$(date +%Y%m%d-%H%M%S).txt"
