"""What `serve` does to keep its memory down where glibc's allocator runs (Linux): fewer malloc
arenas, big blocks outside the heap, and freed memory handed back to the system once work is
done (bench/smtp_ingest.py measures both processes' PSS under load with replies;
docs/development.md has the figures).

Without these, each thread that once allocated keeps its own arena (the reception has several
threads, the worker three), pages freed after a burst of mail stay resident, and a mail's big
buffers leave holes in the heap that nothing else fills: together some 4-6 MB after a load.
Elsewhere (musl, macOS) the malloc calls are skipped."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import time

M_ARENA_MAX = -8        # mallopt's parameter numbers (glibc's malloc.h)
M_MMAP_THRESHOLD = -3
ARENAS = 2              # one for the main thread, one shared by all others
# Blocks from this size up get pages of their own, returned when freed. glibc's default starts
# at 128 KB and raises itself to the largest block freed so far (up to 32 MB), so after a big
# mail its buffers land in the heap, where they leave holes. Measured on the bench: -2 MB, and
# 32 KB gave no more.
MMAP_THRESHOLD_BYTES = 64 * 1024
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
    """Before any thread starts: at most `count` malloc arenas, and big blocks in pages of their
    own (glibc); True if both took."""
    return bool(_LIBC is not None and _LIBC.mallopt(M_ARENA_MAX, count) == 1
                and _LIBC.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1)


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
