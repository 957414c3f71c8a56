#!/usr/bin/env bash
# Flipside throughput benchmark (bench/README.md): build, start a Liberty server with the baseline endpoint on,
# write the payloads, run bench/LoadGenerator.java against it, stop the server (always, on exit).
#
#   bench/run.sh [LoadGenerator options, e.g. --warmup 60 --duration 20 --users 8]
#
# Environment:
#   RUNS=N            repeat N times, each on a freshly started server, then print medians [1]
#   BENCH_COMMIT=rev  measure a clean export of that commit (git archive → ${TMPDIR:-/tmp}/flipside-bench-<sha>)
#                     with this checkout's bench files, instead of the working tree in place;
#   BENCH_COMMIT=worktree  the same with a copy of the working tree: use one of these while others edit
#   SECURITY=off      run with flipside.security.disabled=true (no JWT); default: trust dev/trusted-clients.yaml
#                     and sign a fresh ES384 JWT per patient-view call with dev/keys/ehr-dev-es384.pem
#   SINGLE_USER=0     skip the second, single-user pass (latency without queueing, on the already warm server)
#   PROFILE=1         record a Java Flight Recording of the server (target/bench/server-<stamp>-<run>.jfr)
#   BUILD=0           reuse target/bench/flipside.war
#   BENCH_PORT / BENCH_HTTPS_PORT [9380 / 9743], BENCH_SERVER [flipsideBench]
#   BENCH_PAYLOADS=a,b which payloads both passes send, by name [typical,heavy,cgm-4d,cgm-7d,cgm,cgm-28d]
#   BENCH_VARS="a=1 b=2"  more server settings (Liberty variables, read by Flipside's config), e.g.
#                     BENCH_VARS="flipside.feedback.record.timeout.ms=0" to see what waiting for the issued-cards log costs
#   BENCH_JVM="-XX:a -XX:b"  more options for the server's JVM (one line each in its jvm.options), e.g.
#                     BENCH_JVM="-XX:MaxGCPauseMillis=10" to see what a G1 pause target does to the tail
#   MVN="mvn -o"      how Maven is called, e.g. offline on a machine whose Maven cache is already filled [mvn]
# The benchmark server is its own Liberty server (target/liberty/wlp/usr/servers/$BENCH_SERVER) on its own port,
# with a checked copy of the WAR and of rules/ and cds-cards/, so `mvn liberty:run` on 9080 and the integration
# tests are left alone, and a rebuild of target/ during the run does not change what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${BENCH_COMMIT:-}" ]; then
  if [ "$BENCH_COMMIT" = worktree ]; then
    dir=${TMPDIR:-/tmp}/flipside-bench-worktree
    echo "== measuring a copy of the working tree (tracked and untracked, not ignored files) in $dir"
    rm -rf "$dir" && mkdir -p "$dir"
    git ls-files -z -c -o --exclude-standard | tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$dir"
  else
    sha=$(git rev-parse --short "$BENCH_COMMIT")
    dir=${TMPDIR:-/tmp}/flipside-bench-$sha
    echo "== measuring commit $sha in $dir"
    rm -rf "$dir" && mkdir -p "$dir"
    git archive "$BENCH_COMMIT" | tar -x -C "$dir"
  fi
  mkdir -p "$dir/bench" "$dir/src/test/java/health/flipside/examples"
  cp bench/LoadGenerator.java bench/run.sh "$dir/bench/"; cp bench/README.md "$dir/bench/" 2>/dev/null || true
  cp src/test/java/health/flipside/examples/BenchPayloads.java "$dir/src/test/java/health/flipside/examples/"
  BENCH_COMMIT='' exec "$dir/bench/run.sh" "$@"
fi

MVN=${MVN:-mvn}
RUNS=${RUNS:-1}
PORT=${BENCH_PORT:-9380}
HTTPS_PORT=${BENCH_HTTPS_PORT:-9743}
SERVER=${BENCH_SERVER:-flipsideBench}
OUT=target/bench
SERVER_DIR=target/liberty/wlp/usr/servers/$SERVER
PID_FILE=target/liberty/wlp/usr/servers/.pid/$SERVER.pid
LOG=$SERVER_DIR/logs/messages.log
STAMP=$(date +%Y%m%d-%H%M%S)
LIBERTY=(-DserverName="$SERVER" -DlooseApplication=false
  -Dliberty.var.flipside.benchmark.baseline=true
  -Dliberty.var.http.port="$PORT" -Dliberty.var.https.port="$HTTPS_PORT"
  -Dliberty.var.flipside.rules.dir="$PWD/$OUT/content/rules" -Dliberty.var.flipside.cards.dir="$PWD/$OUT/content/cds-cards"
  -Dliberty.jvm.heap-min=-Xms1g -Dliberty.jvm.heap-max=-Xmx1g)
for var in ${BENCH_VARS:-}; do LIBERTY+=(-Dliberty.var."$var"); done
jvm_option=0
for opt in ${BENCH_JVM:-}; do LIBERTY+=(-Dliberty.jvm.bench$((jvm_option++))="$opt"); done
LOAD=()
if [ "${SECURITY:-on}" = off ]; then
  LIBERTY+=(-Dliberty.var.flipside.security.disabled=true)
elif [ -f dev/trusted-clients.yaml ] && [ -f dev/keys/ehr-dev-es384.pem ]; then
  LIBERTY+=(-Dliberty.var.flipside.security.clients.file="$PWD/dev/trusted-clients.yaml")
  LOAD+=(--jwt-key dev/keys/ehr-dev-es384.pem)
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started=0
stop_server() {
  if [ "$started" = 1 ]; then
    echo "== stopping Liberty ($SERVER)"
    $MVN -q liberty:stop "${LIBERTY[@]}" >/dev/null 2>&1 || true
    # If the plugin could not stop it, end exactly the server this script started (its pid file), nothing else.
    if [ -f "$PID_FILE" ]; then
      pid=$(cat "$PID_FILE")
      if kill -0 "$pid" 2>/dev/null; then kill "$pid"; sleep 5; kill -9 "$pid" 2>/dev/null || true; fi
    fi
    started=0
  fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

mkdir -p "$OUT"

# Others may rebuild target/ while this runs: keep a private, checked copy of the WAR (and of the content it reads).
war_ok() { [ -s "$1" ] && unzip -l "$1" 2>/dev/null | grep 'WEB-INF/classes/health/flipside/fhir/FhirR4.class' >/dev/null; } # no grep -q: under pipefail its early exit fails unzip (SIGPIPE)
tests_compile=0
if [ "${BUILD:-1}" = 1 ]; then
  echo "== build"
  for attempt in 1 2 3; do
    if $MVN -q package -DskipTests; then
      tests_compile=1
    else
      # The WAR does not need the tests; only the payload generator does (compiled on its own below).
      echo "   test sources do not compile (or the build failed): building the WAR without them"
      tests_compile=0
      $MVN -q package -Dmaven.test.skip=true || true
    fi
    cp target/flipside.war "$OUT/flipside.war.tmp" 2>/dev/null || true
    if war_ok "$OUT/flipside.war.tmp"; then mv "$OUT/flipside.war.tmp" "$OUT/flipside.war"; break; fi
    echo "   target/flipside.war is incomplete (a concurrent build?): retrying"; sleep 10
  done
  rm -rf "$OUT/content" && mkdir -p "$OUT/content" && cp -r rules cds-cards examples "$OUT/content/"
elif [ ! -s "$OUT/flipside.war" ]; then
  cp target/flipside.war "$OUT/flipside.war"
fi
[ -d "$OUT/content/rules" ] || { mkdir -p "$OUT/content" && cp -r rules cds-cards examples "$OUT/content/"; }
war_ok "$OUT/flipside.war" || { echo "No usable WAR in $OUT/flipside.war" >&2; exit 1; }
rm -rf "$OUT/war" && mkdir -p "$OUT/war" && (cd "$OUT/war" && unzip -q ../flipside.war 'WEB-INF/classes/*')

echo "== payloads"
PAYLOADS=(typical heavy cgm-4d cgm-7d cgm cgm-28d)
payloads_ok() { for p in "${PAYLOADS[@]}"; do [ -s "$OUT/$p.json" ] || return 1; done; }
for p in "${PAYLOADS[@]}"; do rm -f "$OUT/$p.json"; done
if [ "$tests_compile" = 1 ]; then
  $MVN -q org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
    -Dexec.mainClass=health.flipside.examples.BenchPayloads -Dexec.args="$OUT" 2>&1 | grep -v -e '^INFO:' -e 'ca.uhn.fhir' || true
fi
if ! payloads_ok; then
  # Compile just the generator and the example builders it uses, against the WAR's classes + the test classpath.
  $MVN -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
  rm -rf "$OUT/classes"
  cp="$OUT/war/WEB-INF/classes:target/test-classes:$(cat "$OUT/classpath.txt")" # test-classes: the support classes the examples use
  javac -nowarn -d "$OUT/classes" -cp "$cp" src/test/java/health/flipside/examples/*.java
  java -cp "$OUT/classes:$cp" health.flipside.examples.BenchPayloads "$OUT" 2>&1 | grep -v -e '^INFO:' -e 'ca.uhn.fhir' || true
fi
if ! payloads_ok; then
  echo "Payload generation failed" >&2
  exit 1
fi

selected=()
IFS=, read -r -a names <<< "${BENCH_PAYLOADS:-typical,heavy,cgm-4d,cgm-7d,cgm,cgm-28d}"
for name in "${names[@]}"; do selected+=("$OUT/$name.json"); done
LOAD+=(--payloads "$(IFS=,; echo "${selected[*]}")")
csvs=()
csvs1=()
csvs2=()
status=0
for run in $(seq 1 "$RUNS"); do
  if port_busy "$PORT"; then
    echo "Port $PORT is in use: stop whatever listens there or set BENCH_PORT" >&2
    exit 1
  fi
  echo "== run $run/$RUNS: starting Liberty ($SERVER on $PORT, baseline on, -Xms1g -Xmx1g)"
  started=1
  jfr=()
  if [ "${PROFILE:-0}" = 1 ]; then
    jfr=(-Dliberty.jvm.jfr="-XX:StartFlightRecording=settings=profile,filename=$PWD/$OUT/server-$STAMP-$run.jfr"
         -Dliberty.jvm.jfr-depth=-XX:FlightRecorderOptions=stackdepth=512)
  fi
  $MVN -q liberty:create liberty:deploy "${LIBERTY[@]}" "${jfr[@]}"
  # Whatever target/ held when liberty:deploy copied it, run the checked WAR (server.xml names apps/flipside.war).
  cp "$OUT/flipside.war" "$SERVER_DIR/apps/flipside.war"
  $MVN -q liberty:start "${LIBERTY[@]}" "${jfr[@]}"   # start rewrites jvm.options too
  # liberty:start returns when the server is up, not necessarily the application: wait for readiness (rules and
  # cards loaded) and the baseline endpoint. If it never comes, the load generator's preflight says why.
  for _ in $(seq 1 120); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$PORT/health/ready")" = 200 ] &&
       [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
             "http://localhost:$PORT/benchmark/baseline")" = 200 ]; then
      break
    fi
    sleep 1
  done
  echo "   load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min), $(nproc) cores"
  # The server's pid: the load generator reads its threads' CPU (per answer; the JIT compilers, to end the warm-up).
  LOAD_PID=()
  [ -s "$PID_FILE" ] && [ -d "/proc/$(cat "$PID_FILE")/task" ] && LOAD_PID=(--server-pid "$(cat "$PID_FILE")")
  csv="$OUT/run-$STAMP-$run.csv"
  java bench/LoadGenerator.java --base "http://localhost:$PORT" --log "$LOG" --csv "$csv" "${LOAD[@]}" "${LOAD_PID[@]}" "$@" \
    | tee "$OUT/run-$STAMP-$run.txt" || status=$?
  csvs+=("$csv")
  if [ "${SINGLE_USER:-1}" = 1 ]; then
    echo "== run $run/$RUNS: single-user pass (no queueing; the server is warm)"
    csv1="$OUT/run-$STAMP-$run-1user.csv"
    java bench/LoadGenerator.java --base "http://localhost:$PORT" --log "$LOG" --csv "$csv1" "${LOAD[@]}" "${LOAD_PID[@]}" \
      --users 1 --warmup 0 --duration 10 --rounds 2 | tee "$OUT/run-$STAMP-$run-1user.txt" || status=$?
    csvs1+=("$csv1")
    # The same, patient-view alone: the baseline's garbage (a String of the body per call) starts old-generation
    # cycles whose pauses land on patient-view calls in the alternated pass; alone, the tail is Flipside's own.
    echo "== run $run/$RUNS: single-user pass, patient-view alone"
    csv2="$OUT/run-$STAMP-$run-1user-alone.csv"
    java bench/LoadGenerator.java --base "http://localhost:$PORT" --log "$LOG" --csv "$csv2" "${LOAD[@]}" "${LOAD_PID[@]}" \
      --users 1 --warmup 0 --duration 10 --rounds 2 --endpoints patient-view | tee "$OUT/run-$STAMP-$run-1user-alone.txt" || status=$?
    csvs2+=("$csv2")
  fi
  stop_server
done

if [ "$RUNS" -gt 1 ]; then
  echo
  java bench/LoadGenerator.java summarize "${csvs[@]}" | tee "$OUT/summary-$STAMP.txt"
  if [ "${#csvs1[@]}" -gt 0 ]; then
    echo; echo "Single user:"
    java bench/LoadGenerator.java summarize "${csvs1[@]}" | tee -a "$OUT/summary-$STAMP.txt"
    echo; echo "Single user, patient-view alone:"
    java bench/LoadGenerator.java summarize "${csvs2[@]}" | tee -a "$OUT/summary-$STAMP.txt"
  fi
fi
echo "Results: $PWD/$OUT (run-$STAMP-*.txt, *.csv)"
exit "$status"
