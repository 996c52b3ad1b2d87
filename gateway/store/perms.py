"""File permissions: customer mail (the database, its -wal/-shm, raw mail, .eml replies) is
never readable by others, whatever umask the gateway was started with."""

from __future__ import annotations

import os

# Files 0640 (0666 & ~027), folders 0750; the group may read (backups, an admin group).
MINIMUM_UMASK = 0o027
FILE_MODE = 0o640


def restrict_umask() -> int:
    """Add 027 to the process umask (kept by children, the worker process too); returns it."""
    current = os.umask(MINIMUM_UMASK)
    os.umask(current | MINIMUM_UMASK)
    return current | MINIMUM_UMASK
