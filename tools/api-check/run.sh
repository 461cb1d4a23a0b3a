#!/usr/bin/env bash
# Checks local mode's APIs with real clients: @camunda8/sdk over REST (Orchestration Cluster API)
# and over gRPC (Zeebe client), and zbctl over gRPC.
#   tools/api-check/run.sh <grpcAddress> <restAddress> <bpmnFile>
#   e.g. tools/api-check/run.sh http://127.0.0.1:26500 http://127.0.0.1:8080 tools/api-check/api-check.bpmn
# Prints one JSON line of results; exits non-zero, naming the failed step, on any failure.
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 <grpcAddress> <restAddress> <bpmnFile>" >&2
  exit 2
fi
bpmn=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
exec node check.mjs "$1" "$2" "$bpmn"
