#!/usr/bin/env bash
# Issue 20.7 under a real systemd: after `KEEP_TREE=1 bash ../shared/tools/systemd-check.sh`
# (its container tree with the gateway installed), boot that tree once more as an overlay
# (nothing written to it), install systemd/environment as /etc/support-mail-gateway/environment,
# start the unit as shipped, then ask `gateway status` as root from / and `status --check` as
# the service user from / and as root from /tmp: they must name the service's database and
# relay (not a dry run) and see it running. Run as root; about a minute.
set -u
T=/var/lib/machines/sdtest; M=sdadmin
timeout --kill-after=20 400 systemd-nspawn --register=no --keep-unit --private-network \
  --console=passive --machine=$M -D $T --volatile=overlay --boot >/tmp/sdadmin-boot.log 2>&1 </dev/null &
TO=$!; L=
for _ in $(seq 150); do
  NS=$(pgrep -P $TO -x systemd-nspawn) && C=$(pgrep -P "$NS" -x systemd) \
    && [ "$(readlink /proc/"$C"/ns/pid)" != "$(readlink /proc/self/ns/pid)" ] && L=$C && break
  sleep 0.2
done
[ -n "$L" ] || { echo "no container"; cat /tmp/sdadmin-boot.log; exit 1; }
ct() { nsenter -t "$L" -a "$@"; }
for _ in $(seq 120); do S=$(ct systemctl is-system-running 2>/dev/null); case $S in running|degraded) break;; esac; sleep 0.5; done
echo "booted: $S"
ct sh -c 'install -m 0640 -o root -g gateway /root/sd-test/systemd/environment /etc/support-mail-gateway/environment && cat /etc/support-mail-gateway/environment | grep -v "^#"'
ct systemctl daemon-reload
ct systemctl start support-mail-gateway; sleep 2
echo "--- the service: $(ct systemctl show -p StatusText --value support-mail-gateway)"
ct sh -c 'ls -l /var/lib/support-mail-gateway/var/ | head -5'
echo "--- root, from /: gateway status"
ct sh -c 'cd / && gateway status | head -4'
echo "--- the service user, from /: gateway status --check"
ct sh -c 'cd / && runuser -u gateway -- gateway status --check; echo "exit $?"'
echo "--- root, from /tmp: gateway status --check"
ct sh -c 'cd /tmp && gateway status --check; echo "exit $?"'
ct systemctl stop support-mail-gateway
NS=$(pgrep -P $TO -x systemd-nspawn); kill -TERM "$NS"; wait $TO
echo done
