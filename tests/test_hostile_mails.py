"""Malformed and odd mails, each written here and named after its defect: every one is stored,
none crashes the worker, and those a person wrote still get their ticket or reply."""

from __future__ import annotations

import base64

import pytest

from gateway.admin import queries
from gateway.rules.parse import parse_mail
from tests.conftest import AFTER, ANNOUNCE

HEAD = (b"From: Erika Muster <erika@kunde.example>\r\nTo: technik@centron.de\r\n"
        b"Date: Wed, 01 Oct 2025 10:00:00 +0200\r\n")


def mail(extra_headers: bytes, body: bytes, subject: bytes = b"Subject: Frage\r\n") -> bytes:
    return HEAD + subject + extra_headers + b"\r\n" + body


BIG = base64.encodebytes(b"\x00" * (20 * 1024 * 1024))

PERSON_MAILS = {
    "multipart_without_boundary": mail(b"Content-Type: multipart/mixed\r\n", b"Hallo\r\n"),
    "boundary_never_closed": mail(b'Content-Type: multipart/mixed; boundary="XX"\r\n',
                                  b"--XX\r\nContent-Type: text/plain\r\n\r\nHallo\r\n"),
    "bad_base64_body": mail(b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n",
                            b"SGFsbG8@@@!!!not base64===\r\n"),
    "eight_bit_headers": mail(b"", b"Hallo\r\n", subject="Subject: Größe übermäßig\r\n"
                              .encode("latin-1")),
    "utf8_raw_headers": mail(b"", b"Hallo\r\n", subject="Subject: Störung 🚨\r\n".encode()),
    "unknown_charset": mail(b"Content-Type: text/plain; charset=x-klingon\r\n", b"Qapla\xe4\r\n"),
    "wrong_charset_declared": mail(b"Content-Type: text/plain; charset=utf-8\r\n",
                                   "Grüße".encode("latin-1")),
    "empty_body": mail(b"", b""),
    "html_only": mail(b"Content-Type: text/html; charset=utf-8\r\n",
                      b"<html><body><p>Server <b>down</b></p><script>x()</script></body></html>"),
    "nested_rfc822": mail(b'Content-Type: multipart/mixed; boundary="b1"\r\n',
                          b"--b1\r\nContent-Type: text/plain\r\n\r\nsiehe Anhang\r\n"
                          b"--b1\r\nContent-Type: message/rfc822\r\n\r\n"
                          b"From: a@b.example\r\nSubject: inner\r\n\r\ninner body\r\n--b1--\r\n"),
    "encoded_word_garbage": mail(b"", b"Hallo\r\n", subject=b"Subject: =?utf-8?B?!!!?= x\r\n"),
    "encoded_word_unknown_charset": mail(b"", b"Hallo\r\n",
                                         subject=b"Subject: =?x-unknown?Q?Gr=FC=DFe?=\r\n"),
    "no_subject_no_date": (b"From: erika@kunde.example\r\nTo: technik@centron.de\r\n\r\nHallo"),
    "bare_lf_line_endings": mail(b"", b"Hallo\r\n").replace(b"\r\n", b"\n"),
    "header_without_colon": HEAD + b"Subject: x\r\nThis is not a header\r\n\r\nHallo\r\n",
    "very_long_header_line": mail(b"X-Long: " + b"a" * 20000 + b"\r\n", b"Hallo\r\n"),
    "broken_from_address": (b"From: <<<@@>>>\r\nTo: technik@centron.de\r\nSubject: x\r\n\r\nHi"),
    "quoted_printable_broken": mail(b"Content-Transfer-Encoding: quoted-printable\r\n",
                                    b"Gr=FC=\r\n=ZZe=\r\n"),
    "attachment_path_traversal_name": mail(
        b'Content-Type: multipart/mixed; boundary="b"\r\n',
        b"--b\r\nContent-Type: text/plain\r\n\r\nlog\r\n--b\r\nContent-Type: text/plain\r\n"
        b'Content-Disposition: attachment; filename="../../etc/passwd"\r\n\r\nroot\r\n--b--\r\n'),
    "attachment_rfc2231_name": mail(
        b'Content-Type: multipart/mixed; boundary="b"\r\n',
        b"--b\r\nContent-Type: text/plain\r\n\r\nlog\r\n--b\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename*=utf-8''Rechnung%20M%C3%A4rz.pdf\r\n\r\n"
        b"%PDF\r\n--b--\r\n"),
    "deeply_nested_multipart": mail(
        b'Content-Type: multipart/mixed; boundary="n0"\r\n',
        b"".join(f'--n{i}\r\nContent-Type: multipart/mixed; boundary="n{i + 1}"\r\n\r\n'.encode()
                 for i in range(60)) + b"--n60\r\nContent-Type: text/plain\r\n\r\ndeep\r\n"),
    "nul_bytes_in_body": mail(b"", b"Hal\x00lo\r\n"),
    "twenty_mb_attachment": mail(
        b'Content-Type: multipart/mixed; boundary="b"\r\n',
        b"--b\r\nContent-Type: text/plain\r\n\r\nsiehe dump\r\n--b\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
        b'Content-Disposition: attachment; filename="core.dump"\r\n\r\n' + BIG + b"--b--\r\n"),
    "duplicate_subject_headers": mail(b"Subject: zweiter\r\n", b"Hallo\r\n"),
    "header_injection_in_subject": mail(b"", b"Hallo\r\n",
                                        subject=b"Subject: =?utf-8?Q?a=0D=0ABcc:_x@evil?=\r\n"),
    "message_id_garbage": mail(b"Message-ID: not an id at all\r\n", b"Hallo\r\n"),
}

MACHINE_OR_EMPTY = {
    "zero_bytes": b"",
    "only_whitespace": b"\r\n\r\n   \r\n",
    "binary_junk": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", sorted(PERSON_MAILS))
@pytest.mark.parametrize("at, action", [(ANNOUNCE, "ticket"), (AFTER, "redirect")])
def test_person_mail_is_stored_and_answered(gateway, engine, name, at, action):
    raw = PERSON_MAILS[name]
    stored, outcome = gateway.receive(raw, at, sender="erika@kunde.example")
    assert outcome is not None, queries.show_message(engine, stored.inbound_id)["error"]
    assert outcome.action == action
    assert outcome.reply is not None and outcome.reply.to == "erika@kunde.example"
    assert "\n" not in outcome.reply.subject and "\r" not in outcome.reply.subject
    row = queries.show_message(engine, stored.inbound_id)
    assert row["status"] == "done" and row["size"] == len(raw)


@pytest.mark.parametrize("name", sorted(MACHINE_OR_EMPTY))
def test_empty_or_junk_is_stored_and_marked(gateway, engine, name):
    raw = MACHINE_OR_EMPTY[name]
    stored, outcome = gateway.receive(raw, AFTER, sender="erika@kunde.example")
    row = queries.show_message(engine, stored.inbound_id)
    assert row["status"] == "done" and row["size"] == len(raw)
    assert outcome.action in ("suppress", "redirect")
    if not raw.strip():
        assert (outcome.action, outcome.reason) == ("suppress", "empty")
        assert row["parse_error"]


def test_parser_details_of_odd_mails():
    html = parse_mail(PERSON_MAILS["html_only"])
    assert "Server **down**" in html.text and "<b>" not in html.text
    nested = parse_mail(PERSON_MAILS["nested_rfc822"])
    assert nested.text.strip() == "siehe Anhang"
    assert nested.attachments[0].filename == "attached-message.eml"
    assert b"inner body" in nested.attachments[0].data
    traversal = parse_mail(PERSON_MAILS["attachment_path_traversal_name"])
    assert traversal.attachments[0].filename == "passwd"
    rfc2231 = parse_mail(PERSON_MAILS["attachment_rfc2231_name"])
    assert rfc2231.attachments[0].filename == "Rechnung März.pdf"
    assert parse_mail(PERSON_MAILS["wrong_charset_declared"]).text.startswith("Gr")
    assert parse_mail(PERSON_MAILS["eight_bit_headers"]).subject
    raw = PERSON_MAILS["twenty_mb_attachment"]
    big = parse_mail(raw)
    assert big.attachments[0].filename == "core.dump"
    assert big.attachments[0].size == 20 * 1024 * 1024  # cut out before parsing: read when stored
    assert len(b"".join(big.attachments[0].chunks(raw))) == 20 * 1024 * 1024


def test_twenty_mb_attachment_is_stored_with_the_ticket(gateway, engine):
    from sqlmodel import Session, select

    from gateway.store.models import Attachment

    gateway.receive(PERSON_MAILS["twenty_mb_attachment"], ANNOUNCE, sender="erika@kunde.example")
    with Session(engine) as session:
        item = session.exec(select(Attachment)).one()
        assert (item.filename, item.size) == ("core.dump", 20 * 1024 * 1024)


def test_raw_iso_2022_jp_subject_is_read_as_japanese():
    """Japanese mailers (KDDI's and au's notices, InterScan's) write the Subject in raw 7-bit
    ISO-2022-JP, without encoded words: read as Japanese, not as escape codes in the ticket."""
    subject = "ご利用料金のお知らせ".encode("iso-2022-jp")
    raw = b"From: info@example.jp\r\nTo: technik@centron.de\r\nSubject: " + subject + \
        b"\r\n\r\nbody\r\n"
    assert parse_mail(raw).subject == "ご利用料金のお知らせ"
    broken = b"From: a@example.jp\r\nSubject: \x1b$B\xff\xff\x1b(B\r\n\r\nx\r\n"
    assert parse_mail(broken).subject  # an escape sequence that does not decode: kept, no raise
