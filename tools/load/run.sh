#!/usr/bin/env bash
# End-to-end load benchmark of local mode: starts the runtime jar with a 512 MiB heap, the load
# processes and the loop's bus rules, runs webhook-load.mjs against it, and stops it.
#   tools/load/run.sh [--duration 15] [--connections 16] [--loop-events 2000] [--only none,jwt,hmac,loop]
#   tools/load/run.sh limits [--duration 10] [--concurrency 16]   (our paths beside the engine's limits)
# Extra runtime options (Spring properties) go in RUNTIME_ARGS, e.g. RUNTIME_ARGS=--camunda.client.execution-threads=4
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tools/load

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
jar=connector-runtime-local/target/connector-runtime-local-1.0.0-SNAPSHOT.jar
[ -f "$jar" ] || mvn -B -q -pl connector-runtime-local -am package -DskipTests
java_bin=$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | while read -r j; do v=$("$j" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p'); [ "${v:-0}" -ge 21 ] && echo "$j"; done | tail -1)
java_bin=${java_bin:-java}

log=$(mktemp)
"$java_bin" -Xmx512m -jar "$jar" \
  --eventbridge.local.examples-dir= \
  --eventbridge.local.deploy-dirs="$here/bpmn" \
  --eventbridge.local.bus.rules-file="$here/local-bus-rules.yaml" \
  --logging.level.root=WARN ${RUNTIME_ARGS:-} >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

script=webhook-load.mjs
if [ "${1:-}" = limits ]; then
  script=limits.mjs
  shift
fi
# Wait for the runtime (and its example deployment) instead of guessing a start-up time.
for _ in $(seq 1 240); do
  curl -fsS http://127.0.0.1:8085/actuator/health/readiness >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
node "$here/$script" "$@"
echo "runtime resident memory: $(ps -o rss= -p $pid | awk '{printf "%.0f MiB", $1/1024}')"
