#!/usr/bin/env bash
# End-to-end load benchmark of local mode: starts the runtime jar with a 512 MiB heap (JAVA_HEAP; replica-cost: 2 GiB), the load
# processes and the loop's bus rules, runs webhook-load.mjs against it, and stops it.
#   tools/load/run.sh [--duration 15] [--connections 16] [--loop-events 2000] [--only none,jwt,hmac,loop]
#   tools/load/run.sh limits [--duration 10] [--concurrency 16] [--only ...]   (our paths and the full loop beside the engine's limits)
#   tools/load/run.sh memory [--checkpoints 10000,50000]   (resident memory as instances accumulate)
#   tools/load/run.sh discovery [--deployments 10]   (deployment -> webhook UP, in local mode and in a
#                                                     production runtime pointed at it)
#   tools/load/run.sh replica-cost [--duration 10] [--rounds 5] [--warmup 60] [--callers 4]   (a production replica's
#                                                     CPU per admitted event, per 429 and per liveness probe, 2 GiB for local
#                                                     mode; COMPARE_JAR=<exec jar> adds a replica of another build, measured in
#                                                     alternation)
#   tools/load/run.sh fleet [-Dfleet.phase=60s ...]   (the fleet test's long form: local mode plus two and three
#                                                     production replicas under faults and overload; see FleetTest and
#                                                     FleetSettings; reports in connector-runtime-local/target/fleet/)
# The jars in target/ are used as they are when present: build them first after a change.
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
heap=${JAVA_HEAP:-512m}
# replica-cost makes some 100,000 instances, whose records local mode keeps in memory.
[ "${1:-}" = replica-cost ] && heap=${JAVA_HEAP:-2g}
"$java_bin" -Xmx"$heap" ${JAVA_OPTS:-} -jar "$jar" \
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
  replica-cost) script=replica-cost.mjs; shift ;;
esac
# Waits until the runtime on port $1 (pid $2, log $3) is ready, instead of guessing a start-up
# time; stops the script with its log if it exits or is not ready within 120 s.
await_ready() {
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 0.5
  done
  echo "the runtime on port $1 was not ready after 120 s:" >&2
  cat "$3" >&2
  exit 1
}
# Local mode is ready once its example deployment's webhooks are.
await_ready 8085 "$pid" "$log"
echo "local mode ready $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $launched }") s after launch"
# A production replica of $1 (an exec jar) on port $2, configured only through CAMUNDA_CLIENT_*
# against local mode's APIs, with Spring arguments from $3 on; its pid is appended to $replicas.
replicas=""
start_replica() {
  local replica_jar=$1 port=$2 replica_log
  shift 2
  replica_log=$(mktemp)
  SERVER_PORT=$port CAMUNDA_CLIENT_MODE=self-managed \
    CAMUNDA_CLIENT_GRPCADDRESS=http://127.0.0.1:26500 CAMUNDA_CLIENT_RESTADDRESS=http://127.0.0.1:8080 \
    "$java_bin" -Xmx384m -jar "$replica_jar" --logging.level.root=WARN "$@" >"$replica_log" 2>&1 &
  replica_pid=$!
  replicas="$replicas $replica_pid"
  trap 'kill $pid $replicas 2>/dev/null; wait $pid $replicas 2>/dev/null || true' EXIT
  await_ready "$port" "$replica_pid" "$replica_log"
}
prod_jar=connector-runtime/target/connector-runtime-1.0.0-SNAPSHOT-exec.jar
if [ "$script" = discovery.mjs ] || [ "$script" = replica-cost.mjs ]; then
  [ -f "$prod_jar" ] || mvn -B -q -pl connector-runtime -am package -DskipTests
fi
if [ "$script" = discovery.mjs ]; then
  start_replica "$prod_jar" 8095
  set -- --runtimes http://127.0.0.1:8085,http://127.0.0.1:8095 "$@"
fi
if [ "$script" = replica-cost.mjs ]; then
  start_replica "$prod_jar" 8095
  admitting="this-build=http://127.0.0.1:8095=$replica_pid"
  start_replica "$prod_jar" 8096 --eventbridge.webhook.concurrency-limit.max=1
  shedding="http://127.0.0.1:8096=$replica_pid"
  if [ -n "${COMPARE_JAR:-}" ]; then
    start_replica "$COMPARE_JAR" 8097
    admitting="$admitting,compared=http://127.0.0.1:8097=$replica_pid"
  fi
  set -- --admitting "$admitting" --shedding "$shedding" "$@"
fi
node "$here/$script" "$@"
echo "runtime resident memory: $(ps -o rss= -p $pid | awk '{printf "%.0f MiB", $1/1024}')"
