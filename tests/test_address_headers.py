"""Address headers are read before their encoded words are decoded: a display name that decodes
to an address, a comma or a line break ("Max\r\nBcc: evil@x.example") is a name, never an address
to reply to, to match an exception or to count as addressed."""

from __future__ import annotations

import pytest

from gateway.rules.parse import parse_mail
from gateway.rules.prepare import reply_address


def mail(headers: str) -> bytes:
    return (headers + "Subject: Hallo\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Hallo, bitte helfen Sie mir.\r\n").encode()


@pytest.mark.parametrize("name", [
    "=?utf-8?q?Max=0D=0ABcc:_evil@x.example?=",   # a line break and a header in the name
    "=?utf-8?q?evil@x.example?=",                  # an address as the name
    "=?utf-8?b?ZXZpbEB4LmV4YW1wbGUsIG90aGVyQHkuZXhhbXBsZQ==?=",  # two, comma-separated
])
def test_an_address_in_an_encoded_display_name_is_not_the_sender(name):
    parsed = parse_mail(mail(f"From: {name} <max@kunde.example>\r\nTo: hilfe@nordhost.example\r\n"))
    assert parsed.from_addr == "max@kunde.example"
    assert reply_address(parsed, None) == "max@kunde.example"  # IMAP, import: no envelope
    assert "evil@x.example" in " ".join(parsed.from_name.split())


def test_recipients_and_reply_to_are_read_the_same_way():
    parsed = parse_mail(mail("From: Max <max@kunde.example>\r\n"
                             "To: =?utf-8?q?hilfe@nordhost.example?= <list@kunde.example>\r\n"
                             "Reply-To: =?utf-8?q?evil@x.example,?= <max@kunde.example>\r\n"))
    assert parsed.recipients == ["list@kunde.example"]
    assert parsed.reply_to == ["max@kunde.example"]


@pytest.mark.parametrize("header, name, addr", [
    ("=?utf-8?q?M=C3=BCller?= <m@x.example>", "Müller", "m@x.example"),
    ("=?utf-8?q?M=C3=BC?= =?utf-8?q?ller=2C_Hans?= <m@x.example>", "Müller, Hans", "m@x.example"),
    ('"=?utf-8?q?J=C3=BCrgen?=" <j@x.example>', "Jürgen", "j@x.example"),
    # a broken mailer's whole address in one encoded word: still read, as before
    ("=?utf-8?q?Max_Kunde_<max@kunde.example>?=", "Max Kunde", "max@kunde.example"),
    ("Max Kunde <MAX@Kunde.example>", "Max Kunde", "max@kunde.example"),
])
def test_names_still_decode(header, name, addr):
    parsed = parse_mail(mail(f"From: {header}\r\nTo: hilfe@nordhost.example\r\n"))
    assert (parsed.from_name, parsed.from_addr) == (name, addr)


@pytest.mark.parametrize("header", [
    b"=?utf-8?q?M=C3=BCller,_Hans?= <noc@fjord-it.example>",   # Outlook's "Last, First", a raw comma
    b"=?utf-8?q?Fjord_IT_(NOC)?= <noc@fjord-it.example>",
    b'"=?utf-8?q?M=C3=BCller=2C_Hans?=" <noc@fjord-it.example>',
    b"=?utf-8?q?evil@x.example?= <noc@fjord-it.example>",
    b"NOC <noc@fjord-it.example>",
])
def test_the_reject_phase_reads_the_from_header_as_the_pipeline_does(header):
    """At the end of DATA the exception is matched by the From header: a partner whose name
    holds a comma was refused with 550 there, though the pipeline would make its ticket."""
    from gateway.rules.door import from_address

    raw = b"From: " + header + b"\r\nTo: alt@nordhost.example\r\nSubject: x\r\n\r\nbody\r\n"
    assert from_address(raw) == parse_mail(raw).from_addr == "noc@fjord-it.example"
