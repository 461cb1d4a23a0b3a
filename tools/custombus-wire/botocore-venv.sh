#!/usr/bin/env bash
# Makes (once) a Python virtual environment holding botocore 1.43.107, the first botocore with
# the Custom Event Bus model (eventbridgev2 2025-05-15), and prints its python's path.
# The Python registry is not reachable here: pip takes the wheels from the machine's local
# index (pip's own configuration, see `pip config list`). Fails loudly when they are missing,
# because the wire tests that call this cannot prove anything without botocore.
set -euo pipefail
venv="${1:?usage: botocore-venv.sh VENV_DIR}"
want="1.43.107"
python="$venv/bin/python"
if [[ -x "$python" ]] && [[ "$("$python" -c 'import botocore; print(botocore.__version__)' 2>/dev/null)" == "$want" ]]; then
  echo "$python"
  exit 0
fi
rm -rf "$venv"
python3 -m venv "$venv" >&2
# --retries 0: an unreachable public index is skipped at once instead of retried.
if ! "$venv/bin/pip" install --quiet --retries 0 --timeout 5 "boto3==$want" "botocore==$want" >&2; then
  echo "botocore $want could not be installed from the local wheel index; see 'pip config list'" >&2
  exit 3
fi
echo "$python"
