#!/usr/bin/env bash
# Applies every element template with Camunda Modeler's own libraries in headless
# Chromium and writes <OUT_DIR>/report.json, <OUT_DIR>/cases/*.bpmn and
# <OUT_DIR>/screenshots/. See README.md.
#
#   tools/modeler-check/run.sh OUT_DIR
#
# Exits 0 when the harness worked, whatever Modeler reported; non-zero when it
# could not run (no browser, bundle failed, a template could not be applied).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

mkdir -p "$1"
OUT="$(cd "$1" && pwd)"

if [ ! -x "$CHROMIUM" ]; then
  echo "modeler-check: installing Debian's chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

cd "$HERE"

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "modeler-check: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

node build.mjs

exec node apply-templates.mjs \
  --templates "$REPO/element-templates" \
  --examples "$REPO/bpmn-examples" \
  --values "$HERE/fill-values.json" \
  --chromium "$CHROMIUM" \
  --out "$OUT"
