#!/usr/bin/env bash
# End-to-end load benchmark of local mode: starts the runtime jar with a 512 MiB heap (JAVA_HEAP), the load
# processes and the loop's bus rules, runs webhook-load.mjs against it, and stops it.
#   tools/load/run.sh [--duration 15] [--connections 16] [--loop-events 2000] [--only none,jwt,hmac,loop]
#   tools/load/run.sh limits [--duration 10] [--concurrency 16] [--only ...]   (our paths and the full loop beside the engine's limits)
#   tools/load/run.sh memory [--checkpoints 10000,50000]   (resident memory as instances accumulate)
#   tools/load/run.sh discovery [--deployments 10]   (deployment -> webhook UP, in local mode and in a
#                                                     production runtime pointed at it)
#   tools/load/run.sh fleet [-Dfleet.phase=60s ...]   (the fleet test's long form: local mode plus two and three
#                                                     production replicas under faults and overload; see FleetTest and
#                                                     FleetSettings; reports in connector-runtime-local/target/fleet/)
# Extra runtime options (Spring properties) go in RUNTIME_ARGS, e.g. RUNTIME_ARGS=--camunda.client.execution-threads=4;
# JVM options in JAVA_OPTS, e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/local.jfr to profile a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/load

if [ "${1:-}" = fleet ]; then
  # The fleet test starts local mode and the replicas itself: its long form, as a reactor build (the
  # production jar and this module's tests from this checkout, nothing installed).
  shift
  exec mvn -B -pl connector-runtime-local -am verify -Dmodeler-check.skip -Dtest=FleetTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfleet.long=true -Dtest-jvm.timeout-seconds=0 "$@"
fi

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
jar=connector-runtime-local/target/connector-runtime-local-1.0.0-SNAPSHOT.jar
[ -f "$jar" ] || mvn -B -q -pl connector-runtime-local -am package -DskipTests
java_bin=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do v=$("$j" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p'); [ "${v:-0}" -ge 21 ] && echo "$j"; done | tail -1)
java_bin=${java_bin:-java}

log=$(mktemp)
launched=$(date +%s.%N)
"$java_bin" -Xmx"${JAVA_HEAP:-512m}" ${JAVA_OPTS:-} -jar "$jar" \
  --eventbridge.local.examples-dir= \
  --eventbridge.local.deploy-dirs="$here/bpmn" \
  --eventbridge.local.bus.rules-file="$here/local-bus-rules.yaml" \
  --logging.level.root=WARN ${RUNTIME_ARGS:-} >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

script=webhook-load.mjs
case "${1:-}" in
  limits) script=limits.mjs; shift; set -- --pid "$pid" "$@" ;;
  discovery) script=discovery.mjs; shift ;;
  memory) script=memory.mjs; shift; set -- --pid "$pid" "$@" ;;
esac
# Wait for the runtime (and its example deployment) instead of guessing a start-up time.
for _ in $(seq 1 240); do
  curl -fsS http://127.0.0.1:8085/actuator/health/readiness >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
echo "local mode ready $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $launched }") s after launch"
if [ "$script" = discovery.mjs ]; then
  # The production artifact, configured only through CAMUNDA_CLIENT_*, against local mode's APIs.
  prod_jar=connector-runtime/target/connector-runtime-1.0.0-SNAPSHOT-exec.jar
  [ -f "$prod_jar" ] || mvn -B -q -pl connector-runtime -am package -DskipTests
  prod_log=$(mktemp)
  SERVER_PORT=8095 CAMUNDA_CLIENT_MODE=self-managed \
    CAMUNDA_CLIENT_GRPCADDRESS=http://127.0.0.1:26500 CAMUNDA_CLIENT_RESTADDRESS=http://127.0.0.1:8080 \
    "$java_bin" -Xmx384m -jar "$prod_jar" --logging.level.root=WARN >"$prod_log" 2>&1 &
  prod_pid=$!
  trap 'kill $pid $prod_pid 2>/dev/null; wait $pid $prod_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do
    curl -fsS http://127.0.0.1:8095/actuator/health/readiness >/dev/null 2>&1 && break
    kill -0 $prod_pid 2>/dev/null || { cat "$prod_log"; exit 1; }
    sleep 0.5
  done
  set -- --runtimes http://127.0.0.1:8085,http://127.0.0.1:8095 "$@"
fi
node "$here/$script" "$@"
echo "runtime resident memory: $(ps -o rss= -p $pid | awk '{printf "%.0f MiB", $1/1024}')"
