"""The daemons' rows in `service_state`: each `serve` reports that it lives (its heartbeat) and
removes its row when it stops cleanly. A serve that was killed (SIGKILL, OOM, power loss)
cannot remove its row; the next serve on the same host removes the rows of this host's dead
processes, so that `status` does not warn about them for ever. Rows of other hosts (several
instances on PostgreSQL) are left: only their own host can tell whether they live."""

from __future__ import annotations

import json
import logging
import os
import socket
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session, select

from gateway.store.db import transaction
from gateway.store.models import ServiceState

log = logging.getLogger("gateway.daemon")


def state_name(pid: int | None = None) -> str:
    """This daemon's row name: `host:pid`."""
    return f"{socket.gethostname()}:{pid if pid is not None else os.getpid()}"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: it exists
    return True


def forget_dead_daemons(session: Session, own_name: str) -> list[str]:
    """Delete the rows of this host's daemons whose process no longer runs; returns their names."""
    host = own_name.rpartition(":")[0]
    gone = []
    for row in session.exec(select(ServiceState)).all():
        row_host, _, pid = row.name.rpartition(":")
        if row_host == host and row.name != own_name and pid.isdigit() and not pid_alive(int(pid)):
            session.delete(row)
            gone.append(row.name)
    return gone


def report_state(engine: Engine, name: str, started_at: datetime, now: datetime,
                 detail: dict | None) -> None:
    """Record that this daemon is alive (detail), or, with None, that it stopped cleanly."""
    with transaction(engine) as session:
        row = session.get(ServiceState, name)
        if detail is None:
            if row is not None:
                session.delete(row)
            return
        if row is None:
            for gone in forget_dead_daemons(session, name):
                log.info("removed the state of %s: that process no longer runs (killed?)", gone)
            row = ServiceState(name=name, started_at=started_at, seen_at=now)
            session.add(row)
        row.seen_at, row.detail = now, json.dumps(detail)
