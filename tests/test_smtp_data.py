"""DATA read in bulk (gateway/ingest/smtp_data.py): the same message, limits and answers as
aiosmtpd's line-by-line reading, fed through a real asyncio StreamReader in every split."""

from __future__ import annotations

import asyncio
import hashlib
import random
import smtplib

import pytest

from gateway.ingest.smtp_data import BULK, TOO_LONG, TOO_MUCH, read_data
from tests.conftest import make_mail
from tests.test_smtp import converse

AFTER = b"QUIT\r\n"  # what the client sends next must stay in the reader


async def _read(wire: bytes, pieces: int = 1, size: int | None = 10_000_000,
                line: int = 1001) -> tuple[bytes | str, bytes]:
    reader = asyncio.StreamReader(limit=line)  # as aiosmtpd makes it
    step = max(1, len(wire) // pieces)

    async def feed() -> None:
        for start in range(0, len(wire), step):
            reader.feed_data(wire[start:start + step])
            await asyncio.sleep(0)
        reader.feed_eof()

    feeder = asyncio.create_task(feed())
    result = await read_data(reader, size, line)
    await feeder
    return result, await reader.read()


def read(wire: bytes, **kwargs) -> tuple[bytes | str, bytes]:
    return asyncio.run(_read(wire, **kwargs))


@pytest.mark.parametrize("pieces", [1, 3, 7, 10_000])
def test_message_and_what_follows_in_every_split(pieces):
    wire = b".dot first\r\nplain\r\n..two dots\r\n...\r\nlast.\r\n.\r\n" + AFTER
    expected = b"dot first\r\nplain\r\n.two dots\r\n..\r\nlast.\r\n"
    assert read(wire, pieces=pieces) == (expected, AFTER)


@pytest.mark.parametrize("wire, expected", [
    (b".\r\n", b""), (b"a\r\n.\r\n", b"a\r\n"), (b"\r\n.\r\n", b"\r\n"),
    (b"x\r\n.\r\r\n.\r\n", b"x\r\n\r\r\n"), (b"x\r\n.x\r\n.\r\n", b"x\r\nx\r\n")])
def test_short_and_odd_endings(wire, expected):
    for pieces in (1, len(wire) + len(AFTER)):
        assert read(wire + AFTER, pieces=pieces) == (expected, AFTER)


def test_bigger_than_the_bulk_limit_with_the_end_across_reads():
    rng = random.Random(5)
    body = b"".join(rng.randbytes(rng.randint(1, 300)).replace(b"\n", b"") + b"\r\n"
                    for _ in range(30_000))
    stuffed = body.replace(b"\r\n.", b"\r\n..")
    assert len(body) > 2 * BULK
    for pieces in (1, 13, 401):
        data, rest = read((b"." if body.startswith(b".") else b"") + stuffed + b".\r\n" + AFTER,
                          pieces=pieces)
        assert hashlib.sha256(data).digest() == hashlib.sha256(body).digest() and rest == AFTER


def test_limits_are_answered_after_the_end_of_data():
    assert read(b"x" * 60 + b"\r\n" + b"y\r\n" * 10 + b".\r\n" + AFTER, size=50) == (
        TOO_MUCH, AFTER)
    assert read(b"short\r\n" + b"z" * 1000 + b"\r\n.\r\n" + AFTER) == (TOO_LONG, AFTER)
    assert read(b"short\r\n" + b"z" * 999 + b"\r\n.\r\n" + AFTER)[0] == (
        b"short\r\n" + b"z" * 999 + b"\r\n")
    assert read(b"z" * 500 + b"\r\n" * 1 + b"z" * 3000 + b"\r\n.\r\n" + AFTER, pieces=50) == (
        TOO_LONG, AFTER)


def test_client_gone_before_the_end():
    with pytest.raises(asyncio.IncompleteReadError):
        read(b"half a mail\r\nand no end", pieces=3)


def test_dots_long_mail_and_the_next_command_through_the_daemon(start_service):
    running = start_service()
    body = "".join(f".Zeile {i} beginnt mit einem Punkt\r\n" for i in range(4_000))  # < 200 KB
    raw = make_mail(message_id="<dots@kunde.example>", body=body)
    with smtplib.SMTP("127.0.0.1", running.port()) as client:
        assert client.sendmail("max@kunde.example", ["technik@centron.de"], raw) == {}
        assert client.noop()[0] == 250
    lines = [line for line in converse(  # read until the server closes after QUIT
        running.port(), b"EHLO c\r\nMAIL FROM:<max@kunde.example>\r\nRCPT TO:<technik@centron.de>"
        b"\r\nDATA\r\n" + b"w" * 2000 + b"\r\n.\r\nNOOP\r\nQUIT\r\n", 100) if line]
    assert [line[:3] for line in lines[-3:]] == ["500", "250", "221"], lines
    running.wait_processed(1)
    assert [running.raw(row.id) for row in running.rows()] == [raw]


@pytest.mark.parametrize("cut", [0, 1, 2, 3])  # the read ends before "\r", "\n", "." or after
def test_one_dotted_line_found_wherever_the_reads_split_it(cut):
    """Dot-unstuffing is skipped for data without a dotted line: it must see one split
    across two reads too."""
    head = b"a" * 5000 + b"\r\n"
    wire = head[:-2] + b"\r\n..hidden\r\n" + b"b" * 5000 + b"\r\n.\r\n" + AFTER
    at = len(head) - 2 + cut

    async def run() -> bytes | str:
        reader = asyncio.StreamReader(limit=1001)
        reader.feed_data(wire[:at])
        task = asyncio.create_task(read_data(reader, 10_000_000, 100_000))
        await asyncio.sleep(0)
        reader.feed_data(wire[at:])
        reader.feed_eof()
        return await task

    assert asyncio.run(run()) == head + b".hidden\r\n" + b"b" * 5000 + b"\r\n"
