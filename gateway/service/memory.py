"""What `serve` does to keep its memory down where glibc's allocator runs (Linux): fewer malloc
arenas, and freed memory handed back to the system once work is done (bench/smtp_ingest.py
measures both processes' PSS under load with replies; docs/development.md has the figures).

Without these, each thread that once allocated keeps its own arena (the reception has several
threads, the worker three), and pages freed after a burst of mail stay resident: both add some
2-4 MB to each process after a load. Elsewhere (musl, macOS) both calls are skipped."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import time

M_ARENA_MAX = -8  # mallopt's parameter number (glibc's malloc.h)
ARENAS = 2        # one for the main thread, one shared by all others
RELEASE_EVERY_SECONDS = 5.0  # at most this often: a trim walks the whole heap (about 1 ms)


def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if libc is None or not hasattr(libc, "malloc_trim") or not hasattr(libc, "mallopt"):
        return None
    return libc


_LIBC = _glibc()


def limit_malloc_arenas(count: int = ARENAS) -> bool:
    """Before any thread starts: at most `count` malloc arenas (glibc); True if it took."""
    return bool(_LIBC is not None and _LIBC.mallopt(M_ARENA_MAX, count) == 1)


class FreeMemory:
    """Hands freed memory back to the system after work (young garbage collected first), at
    most every RELEASE_EVERY_SECONDS; monotonic time so that a clock change cannot stop it."""

    def __init__(self, every: float = RELEASE_EVERY_SECONDS) -> None:
        self.every = every
        self._last = float("-inf")

    def release(self) -> bool:
        """True if it released now (False: too soon, or not glibc)."""
        now = time.monotonic()
        if _LIBC is None or now - self._last < self.every:
            return False
        self._last = now
        gc.collect(1)  # the young generations only: the frozen, shared objects stay untouched
        _LIBC.malloc_trim(0)
        return True
