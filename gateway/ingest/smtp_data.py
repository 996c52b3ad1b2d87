"""Reading an SMTP/LMTP DATA section in bulk.

aiosmtpd reads DATA a line at a time: an await, a few checks and a bytearray per line, then a
list of them joined. For mail of a few KB that is most of the reception's CPU, and for big mail
about three times its size in memory. Here everything that has arrived up to the end-of-data
line is taken at once (the reader's buffer limit is raised for that, see `bulk_limit`), with the
same rules: a line of more than `line_limit` bytes (with its CRLF) is refused with 500, more
than `size_limit` bytes with 552 (both after the end of data, as RFC 5321 4.2.5 implies), and
a leading dot is removed from every line (4.5.2).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from aiosmtpd.smtp import MISSING, syntax

END = b"\r\n.\r\n"  # the CRLF that ends the last line, the lone dot, its CRLF
BULK = 1 << 20      # how much the reader may buffer while it looks for END
TOO_LONG = "500 Line too long (see RFC5321 4.5.3.1.6)"
TOO_MUCH = "552 Error: Too much mail data"


@dataclass
class _Limits:
    size: int | None
    line: int
    total: int = 0
    tail: int = 0  # length of the line not yet ended
    failure: str | None = None

    def check(self, piece: bytes) -> None:
        """Count the piece's bytes and the length of its lines (CRLF included)."""
        self.total += len(piece)
        if self.size and self.total - 3 > self.size:  # the lone dot's line is not data
            self.failure = self.failure or TOO_MUCH
        lines = piece.split(b"\r\n")
        if len(lines) == 1:
            self.tail += len(piece)
            longest = self.tail
        else:
            longest = max(self.tail + len(lines[0]), max(map(len, lines[1:-1]), default=0))
            self.tail = len(lines[-1])
        if longest + 2 > self.line and self.failure is None:
            self.failure = TOO_LONG


def _open_end(buffer: bytearray) -> bool:
    """Does the buffer end with the start of END (so that END could span two reads)?"""
    return any(buffer.endswith(END[:k]) for k in range(len(END) - 1, 0, -1))


@contextmanager
def bulk_limit(reader: asyncio.StreamReader) -> Iterator[None]:
    # StreamReader has no public way to change its limit; aiosmtpd sets it to the line limit
    saved = reader._limit  # noqa: SLF001
    reader._limit = BULK  # noqa: SLF001
    try:
        yield
    finally:
        reader._limit = saved  # noqa: SLF001


async def _next_piece(reader: asyncio.StreamReader, buffer: bytearray) -> bytes:
    if _open_end(buffer):  # rare: go a byte at a time until END cannot span the reads
        return await reader.readexactly(1)
    try:
        return await reader.readuntil(END)
    except asyncio.LimitOverrunError as exc:  # no END in BULK bytes: take them, read on
        return await reader.readexactly(exc.consumed)


async def read_data(reader: asyncio.StreamReader, size_limit: int | None,
                    line_limit: int) -> bytes | str:
    """The message (dot-unstuffed), or the status to answer once END has been read.
    Raises asyncio.IncompleteReadError when the client goes away before END."""
    buffer = bytearray(b"\r\n")  # the CRLF that ended the DATA command: "." may come first
    limits = _Limits(size_limit, line_limit)
    dotted = False  # does a line start with "."? Looked for a piece at a time, as it comes
    with bulk_limit(reader):
        while not buffer.endswith(END):
            piece = await _next_piece(reader, buffer)
            limits.check(piece)
            if limits.failure:  # keep reading to END, but not what is read
                del buffer[:-len(END)]
            dotted = dotted or _dot_line(buffer, piece)
            buffer += piece
    if limits.failure:
        return limits.failure
    return _unstuff(buffer, dotted)


def _dot_line(buffer: bytearray, piece: bytes) -> bool:
    """A line of the piece starts with "." (END's lone dot not counted), also one whose CRLF
    came with the read before."""
    end = len(piece) - 3 if piece.endswith(END) else len(piece)
    return (piece.find(b"\r\n.", 0, end) >= 0
            or (buffer.endswith(b"\r\n") and piece.startswith(b".") and end > 0)
            or (buffer.endswith(b"\r") and piece.startswith(b"\n.") and end > 1))


def _unstuff(buffer: bytearray, dotted: bool = True) -> bytes:
    """The data without our CRLF and the final ".\r\n", dot-unstuffed. A big mail without a
    dotted line is only copied: searching 25 MB once more held the event loop for 0.1 s."""
    view = memoryview(buffer)[2:len(buffer) - 3]
    data = bytes(view)
    view.release()
    del buffer[:]
    if not dotted:
        return data
    data = data.replace(b"\r\n.", b"\r\n")  # the same object when no line starts with "."
    return data[1:] if data.startswith(b".") else data


class BulkData:
    """Mixed into the gateway's SMTP and LMTP protocols (aiosmtpd.smtp.SMTP subclasses):
    DATA read in bulk; the rest of the command as aiosmtpd does it."""

    @syntax("DATA")
    async def smtp_DATA(self, arg: str) -> None:
        if await self.check_helo_needed() or await self.check_auth_needed("DATA"):
            return
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        try:
            data = await read_data(self._reader, self.data_size_limit, self.line_length_limit)
        except asyncio.IncompleteReadError:  # the client went away: nothing was accepted
            self._writer.close()
            return
        if isinstance(data, str):
            self._set_post_data_state()
            await self.push(data)
            return
        self.envelope.content = self.envelope.original_content = data
        status = await self._call_handler_hook("DATA")
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)
