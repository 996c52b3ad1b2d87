#!/bin/sh
# What the tests need beyond pip, from Debian's packages: PostgreSQL, Postfix and Dovecot (the
# tests start their own private instances on loopback), openssl (certificates, DKIM keys) and
# chromium (the report's chart measured in a real browser, headless).
set -e
missing=""
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
  || missing="$missing postgresql"
[ -x /usr/lib/postfix/sbin/master ] || missing="$missing postfix"
[ -x /usr/sbin/dovecot ] || missing="$missing dovecot-imapd"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "test-deps: missing:$missing; run as root or: sudo apt-get install -y$missing" >&2
  exit 1
fi
apt-get update -qq
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
