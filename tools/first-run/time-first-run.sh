#!/usr/bin/env bash
# Times the README's first command as a new user meets it: a fresh clone of this repository, the
# command as the README spells it, and the seconds until local mode's health is UP (which it turns
# once every example's webhook is active). Prints the build's and the start's share too.
# Usage: tools/first-run/time-first-run.sh [REPO (default: this one)] [extra Maven args...]
# Needs ports 8080, 8085 and 26500 free; stops the runtime it started.
set -euo pipefail
repo="${1:-$(git -C "$(dirname "$0")" rev-parse --show-toplevel)}"
shift || true
work="$(mktemp -d)"
trap 'kill -- -"$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
git clone -q "$repo" "$work/clone"
cd "$work/clone"
start=$(date +%s.%N)
# The README's first command (keep in step with README.md, "Set-up: two commands").
set -m
mvn -B -pl connector-runtime-local -am -DskipTests -Dlocal-run "$@" package spring-boot:run \
  >"$work/run.log" 2>&1 &
pid=$!
set +m
built=""
until curl -fs localhost:8085/actuator/health 2>/dev/null | grep -q '"status":"UP"'; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the command ended before health was UP; its log:" >&2
    tail -40 "$work/run.log" >&2
    exit 1
  fi
  if [[ -z "$built" ]] && grep -q ":run (default-cli) @ connector-runtime-local" "$work/run.log"; then
    built=$(date +%s.%N)
  fi
  sleep 0.2
done
up=$(date +%s.%N)
webhooks=$(curl -fs localhost:8085/inbound | grep -o '"status":"UP"' | wc -l || true)
printf 'health UP %.1f s after the command (build %.1f s, start %.1f s); webhooks UP in GET /inbound: %s\n' \
  "$(echo "$up - $start" | bc)" "$(echo "${built:-$up} - $start" | bc)" "$(echo "$up - ${built:-$up}" | bc)" "$webhooks"
