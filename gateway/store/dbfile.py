"""The SQLite file must stay the file we opened: deleted or replaced under a running daemon
(an admin's `rm`, a restore copied over it), every further commit would go into an unlinked
inode and be lost at the next start. Each pool checkout compares the file's identity
(device, inode) with the one seen at the first connection of this process; a difference fails
the checkout, so reception answers 451 and health turns critical instead of acknowledging."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:  # problem() serves the light `status --check`, which has no SQLAlchemy
    from sqlalchemy import Engine

_identity: dict[str, tuple[int, int]] = {}  # absolute path -> (st_dev, st_ino) in this process


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_dev, info.st_ino


def problem(path: Path) -> str | None:
    """Why the database file is unusable now, or None; also for health and metrics."""
    key = str(path.resolve())
    seen = _identity.get(key)
    now = _stat(path)
    if now is None:
        return f"database file {path} is gone (deleted while running?)"
    if seen is not None and now != seen:
        return f"database file {path} was replaced while running (inode changed)"
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        return f"database file {path} (or its folder) is not writable"
    return None


def watch(engine: Engine, path: Path) -> None:
    """Install the identity check on an engine of this SQLite file."""
    from sqlalchemy import event

    key = str(path.resolve())

    def on_checkout(_dbapi, _record, _proxy) -> None:
        seen, now = _identity.get(key), _stat(path)
        if seen is None:  # the first use in this process (sqlite creates the file lazily)
            if now is not None:
                _identity[key] = now
            return
        if now != seen:
            # sqlite3's own error type: callers already treat it as "database unavailable"
            raise sqlite3.OperationalError(problem(path) or "database file changed")

    def on_do_connect(_dialect, _record, cargs, cparams) -> None:
        # Once the file is known, a new connection must open it, never create a fresh one.
        if key in _identity and cargs:
            cargs[0] = f"file:{quote(key)}?mode=rw"
            cparams["uri"] = True

    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "do_connect", on_do_connect)
