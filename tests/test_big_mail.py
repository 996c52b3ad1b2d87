"""Big attachments are cut out before parsing (mime_slim) and decoded slice by slice when
stored: the same text, attachments and stored bytes as parsing the whole mail, in a fraction
of the memory."""

from __future__ import annotations

import base64
import hashlib
import random
import tracemalloc

import pytest
from sqlmodel import Session, select

from gateway.rules.mime_slim import CUT_MIN, MARK, slim
from gateway.rules.parse import _parse, parse_mail
from gateway.store.models import Attachment
from tests.conftest import ANNOUNCE

RNG = random.Random(13)


def b64(data: bytes, width: int = 76, newline: bytes = b"\r\n") -> bytes:
    text = base64.b64encode(data)
    return b"".join(text[i:i + width] + newline for i in range(0, len(text), width))


def mime(*parts: bytes, boundary: bytes = b"b", kind: bytes = b"mixed", nl: bytes = b"\r\n",
         close: bool = True) -> bytes:
    body = b"".join(b"--" + boundary + nl + part + nl for part in parts)
    return (b'Content-Type: multipart/' + kind + b'; boundary="' + boundary + b'"' + nl + nl
            + b"preamble" + nl + body + (b"--" + boundary + b"--" + nl + b"epilogue" + nl
                                         if close else b""))


def attachment(data: bytes, name: str = "dump.bin", nl: bytes = b"\r\n", width: int = 76,
               ctype: bytes = b"application/octet-stream") -> bytes:
    return (b"Content-Type: " + ctype + nl + b"Content-Transfer-Encoding: base64" + nl
            + b'Content-Disposition: attachment; filename="' + name.encode() + b'"' + nl + nl
            + b64(data, width, nl).rstrip(nl.encode() if isinstance(nl, str) else nl))


def text(body: str, nl: bytes = b"\r\n", ctype: bytes = b"text/plain") -> bytes:
    return b"Content-Type: " + ctype + b"; charset=utf-8" + nl + nl + body.encode()


def mail(body: bytes, nl: bytes = b"\r\n") -> bytes:
    head = [b"From: Max <max@kunde.example>", b"To: technik@centron.de", b"Subject: Logs",
            b"Message-ID: <big@kunde.example>", b"MIME-Version: 1.0"]
    return nl.join(head) + nl + body


BLOB = RNG.randbytes(1_500_000)  # more than one slice (mime_slim.CHUNK)
LF = b"\n"
CASES = {
    "base64": mail(mime(text("Anbei."), attachment(BLOB))),
    "odd_line_width": mail(mime(text("Anbei."), attachment(BLOB, width=73))),
    "lf_only": mail(mime(text("Anbei.", LF), attachment(BLOB, nl=LF), nl=LF), LF),
    "two_and_nested": mail(mime(
        mime(text("Hallo"), text("<p>Hallo</p>", ctype=b"text/html"), boundary=b"=_alt 1",
             kind=b"alternative"),
        attachment(BLOB[:400_000], "a.bin"), attachment(BLOB, "b.tar.gz"),
        boundary=b"----=_Part_0_1234.5678")),
    "big_text_attachment": mail(mime(text("Anbei."), b"Content-Type: text/plain\r\n"
                                     b"Content-Disposition: attachment; filename=\"log.txt\""
                                     b"\r\n\r\n" + b"log line 42\r\n" * 40_000)),
    "big_text_body_is_not_cut": mail(mime(text("Zeile\r\n" * 60_000))),
    "stray_character": mail(mime(text("Anbei."), attachment(BLOB).replace(b"\r\nA", b"\r\n!A", 1))),
    "bad_padding": mail(mime(text("Anbei."), attachment(BLOB[:-1]).rstrip(b"="))),
    "no_closing_delimiter": mail(mime(text("Anbei."), attachment(BLOB), close=False)),
    "forged_mark": mail(mime(text("Anbei."), f"{MARK}: 7\r\n".encode() + attachment(BLOB))),
}


def summary(parsed, raw: bytes) -> tuple:
    return (parsed.subject, parsed.text, parsed.html, parsed.headers, parsed.error,
            [(a.filename, a.content_type, a.size, a.sha256, b"".join(a.chunks(raw)))
             for a in parsed.attachments])


@pytest.mark.parametrize("name", CASES)
def test_cut_parse_is_the_whole_parse(name):
    raw = CASES[name]
    assert summary(parse_mail(raw), raw) == summary(_parse(raw, {}), raw)


def test_clean_big_attachments_are_cut_and_decoded_slice_by_slice():
    for name in ("base64", "odd_line_width", "lf_only", "two_and_nested", "big_text_attachment"):
        cut = [a.cut for a in parse_mail(CASES[name]).attachments if a.size >= CUT_MIN]
        assert cut and all(c is not None and c.sliced for c in cut), name
    for name in ("stray_character", "bad_padding"):  # decoded by the email package instead
        assert [a.cut.sliced for a in parse_mail(CASES[name]).attachments if a.cut] == [False]
    for name in ("big_text_body_is_not_cut", "no_closing_delimiter", "forged_mark"):
        assert slim(CASES[name])[1] == {}, name


def test_an_attached_big_mail_is_stored_as_it_came():
    inner = b"From: a@b.example\r\nSubject: inner\r\n\r\n" + b"inner body\r\n" * 30_000
    raw = mail(mime(text("siehe Anhang"), b"Content-Type: message/rfc822\r\n\r\n" + inner))
    parsed = parse_mail(raw)
    assert parsed.text == "siehe Anhang" and parsed.attachments[0].cut is not None
    assert parsed.attachments[0].filename == "attached-message.eml"
    assert b"".join(parsed.attachments[0].chunks(raw)) == inner


def test_parsing_a_big_mail_takes_a_fraction_of_its_size():
    raw = mail(mime(text("Anbei."), attachment(RNG.randbytes(6_000_000))))
    tracemalloc.start()
    try:
        parse_mail(raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < len(raw) / 2  # parsing it whole takes about seven times its size


def test_the_stored_attachment_is_the_decoded_one(gateway, engine):
    raw = CASES["two_and_nested"]
    gateway.receive(raw, ANNOUNCE, sender="erika@kunde.example")
    with Session(engine) as session:
        stored = {a.filename: a for a in session.exec(select(Attachment))}
    assert stored["b.tar.gz"].content == BLOB and stored["a.bin"].content == BLOB[:400_000]
    assert stored["b.tar.gz"].sha256 == hashlib.sha256(BLOB).hexdigest()
    assert stored["b.tar.gz"].size == len(BLOB)
