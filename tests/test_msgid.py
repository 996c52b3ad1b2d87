"""The Message-ID that reception reads from the header block alone (gateway.rules.msgid)."""

from __future__ import annotations

import pytest

from gateway.rules import msgid
from gateway.rules.msgid import extract_message_id


@pytest.mark.parametrize(("raw", "expected"), [
    (b"From: a@b.example\r\nMessage-ID: <one@kunde.example>\r\n\r\nbody", "<one@kunde.example>"),
    (b"message-id:\r\n <folded@kunde.example>\r\n\r\n", "<folded@kunde.example>"),
    # the header block ends at the first empty line, CRLF or bare LF, whichever comes first
    (b"Subject: s\r\n\r\nMessage-ID: <body@kunde.example>\r\n", None),
    (b"Subject: s\n\nMessage-ID: <body@kunde.example>\r\n\r\n", None),
    (b"Message-ID: <lf@kunde.example>\n\nMessage-ID: <x@y.example>\r\n\r\n", "<lf@kunde.example>"),
    (b"Message-ID: <crlf@kunde.example>\r\n\r\n\n\nMessage-ID: <x@y.example>",
     "<crlf@kunde.example>"),
    (b"Subject: no end\r\nMessage-ID: <noend@kunde.example>", "<noend@kunde.example>"),
    (b"Message-ID: <bad id@kunde.example>\r\n\r\n", None),
    (b"", None),
])
def test_message_id_from_the_header_block(raw, expected):
    assert extract_message_id(raw) == expected


def test_only_the_first_bytes_are_scanned(monkeypatch):
    monkeypatch.setattr(msgid, "RECEPTION_SCAN", 64)
    head = b"X-Filler: " + b"f" * 40 + b"\r\n"
    assert extract_message_id(head + b"Message-ID: <in@kunde.example>\r\n\r\n") is None
    assert extract_message_id(b"Message-ID: <in@kunde.example>\r\n" + head * 3 + b"\r\n"
                              ) == "<in@kunde.example>"
    # an empty line past the scanned bytes does not count: the scan ends the head
    assert extract_message_id(b"Message-ID: <in@kunde.example>\r\n" + head * 3 + b"\n\n"
                              ) == "<in@kunde.example>"
