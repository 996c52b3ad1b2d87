#!/bin/sh
# The gateway's own virtual environment in .venv: Debian and Ubuntu refuse `pip install` into
# the system Python (PEP 668). Usage: sh scripts/venv.sh [EXTRA]   (EXTRA: test, postgres)
set -e
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv  # Debian ships venv separately (python3-venv)
    if [ "$(id -u)" -ne 0 ]; then
      echo "venv: python3 -m venv failed; run: sudo apt-get install -y python3-venv" >&2
      exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv .venv
  fi
fi
.venv/bin/python -m pip install -q -e ".${1:+[$1]}"
