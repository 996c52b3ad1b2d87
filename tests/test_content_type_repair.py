"""A text part whose Content-Type lost the ";" before its parameters ("text/plain" and, on the
next line, "charset=..."): the parser then names the whole value as the type, and the text was
kept as an attachment, unread. sisimai's OpenMail bounce (tests/corpus/real/sisimai, x1-02)
writes its notice so; a person's client that does the same had its question dropped too. The
part is read as the type its first word names, for machines and people alike."""

from __future__ import annotations

import re

from gateway.rules.mime_repair import part_type
from gateway.rules.parse import _PARSER, parse_mail
from tests.corpus_figures import REAL, addressed_to_us
from tests.findings import reasons

X1 = REAL / "sisimai" / "bounces" / "x1-02.eml"
PERSON = "max@kunde.example"


def as_if_from_a_person(raw: bytes) -> bytes:
    """The mail with a person's From and no Return-Path: only what it says and how it is
    built can tell a machine then, not who sends it."""
    head, rest = raw.split(b"\n\n", 1)
    head = re.sub(rb"(?mi)^Return-Path:.*\n", b"", head)
    head = re.sub(rb"(?mi)^From:.*", b"From: Max Kunde <" + PERSON.encode() + b">", head)
    return addressed_to_us(head + b"\n\n" + rest)


def person(text_type: bytes, subject: bytes, text: bytes) -> bytes:
    return (b"From: Max Kunde <max@kunde.example>\r\nTo: technik@centron.de\r\nSubject: "
            + subject + b"\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: '
            + text_type + b"\r\n\r\n" + text + b"\r\n--B\r\nContent-Type: application/pdf\r\n"
            b"Content-Disposition: attachment; filename=log.pdf\r\n\r\n%PDF-1.4\r\n--B--\r\n")


FOLDED = b'text/plain\r\n   charset="utf-8"'


def test_the_type_is_the_first_word_of_a_value_that_lost_its_semicolon():
    part = _PARSER.parsebytes(b'Content-Type: text/plain\r\n   charset="iso-2022-jp"\r\n\r\nx')
    assert part_type(part) == "text/plain"
    assert part_type(_PARSER.parsebytes(b"Content-Type: text/html; charset=utf-8\r\n\r\nx")) \
        == "text/html"
    assert part_type(_PARSER.parsebytes(b"Subject: none\r\n\r\nx")) == "text/plain"


def test_the_openmail_bounce_is_read_and_known_by_what_it_says():
    raw = as_if_from_a_person(X1.read_bytes())
    mail = parse_mail(raw)
    assert "The following addresses had delivery errors" in mail.text
    assert reasons(raw, PERSON)


def test_a_person_whose_client_drops_the_semicolon_is_read_and_answered():
    raw = person(FOLDED, b"Server nicht erreichbar",
                 b"Hallo,\r\nunser Server srv-web-01 ist seit heute morgen nicht erreichbar."
                 b"\r\nBitte pruefen.\r\nMax Kunde")
    mail = parse_mail(raw)
    assert "srv-web-01" in mail.text
    assert [a.filename for a in mail.attachments] == ["log.pdf"]
    assert reasons(raw, PERSON) == ()


def test_a_person_forwarding_such_a_failure_with_a_question_is_answered():
    raw = person(FOLDED, b"Fwd: Returned Mail: User unknown",
                 b"Hallo, diese Meldung kam zurueck, was ist da los?\r\n\r\n"
                 b"---The following addresses had delivery errors---\r\n\r\n"
                 b"anna@partner.example [User unknown]\r\n\r\nGruss Max")
    assert "was ist da los" in parse_mail(raw).text
    assert reasons(raw, PERSON) == ()


def test_a_multipart_whose_boundary_lost_its_semicolon_is_read_too():
    raw = (b"From: Max Kunde <max@kunde.example>\r\nTo: technik@centron.de\r\nSubject: Server\r\n"
           b'MIME-Version: 1.0\r\nContent-Type: multipart/alternative\r\n boundary="I"\r\n\r\n'
           b"--I\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIst srv-web-01 erreichbar?"
           b"\r\n--I--\r\n")
    assert parse_mail(raw).text.strip() == "Ist srv-web-01 erreichbar?"
    assert reasons(raw, PERSON) == ()
