"""The one environment file the systemd unit (`EnvironmentFile=`) and every `gateway` command
read: `/etc/support-mail-gateway/environment` (or $GATEWAY_ENV_FILE; "" turns it off). So
`gateway status` run by root, by the service user or by a monitoring agent, from any folder,
sees the database, relay and dry-run setting the service runs with. Standard library only: it is
read first thing, before the light paths.

Only GATEWAY_* lines are taken, and never over a variable the process already has (under
systemd the unit gave them already: the same values). A file this user may not read is named
on stderr, except in a systemd unit ($INVOCATION_ID), which systemd read it for."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

ENV_FILE = "/etc/support-mail-gateway/environment"
SYSTEM_CONFIG = "/etc/support-mail-gateway/gateway.toml"


def parse(text: str) -> dict[str, str]:
    """systemd's EnvironmentFile lines: KEY=VALUE, `#`/`;` comments, values optionally quoted."""
    found = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;" or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        found[key] = value
    return found


def apply_env_file(environ: MutableMapping[str, str]) -> str | None:
    """Add the file's GATEWAY_* settings the process lacks; the file read, or None."""
    path = environ.get("GATEWAY_ENV_FILE", ENV_FILE)
    if not path or not os.path.exists(path):
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            values = parse(handle.read())
    except (OSError, UnicodeDecodeError) as exc:
        if environ.get("INVOCATION_ID"):  # a systemd unit: systemd read the file for it (as root)
            return None
        print(f"gateway: cannot read {path} ({getattr(exc, 'strerror', None) or exc}): the "
              "service's settings (database, relay, dry run) may differ from what this command "
              "sees; run it as root or as the service user", file=sys.stderr)
        return None
    for key, value in values.items():
        if key.startswith("GATEWAY_") and key != "GATEWAY_ENV_FILE":
            environ.setdefault(key, value)
    return path
