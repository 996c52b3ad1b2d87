#!/bin/sh
# What the tests need beyond pip: a PostgreSQL server (the tests start their own on loopback).
set -e
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "test-deps: PostgreSQL is missing; run as root or: sudo apt-get install -y postgresql" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
