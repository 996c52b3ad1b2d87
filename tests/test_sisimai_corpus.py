"""Issue 21.5 on sisimai's real bounces and feedback reports (tests/corpus/real/sisimai, see its
README.md): each one is a machine's mail for the classifier itself, with the file's Return-Path
and with its From as envelope sender, so that no other step (a duplicate Message-ID among the
samples, a rate limit) can hide a wrong verdict; the pipeline runs them in
tests/test_corpus_files.py beside the other real corpora. Then the rules they brought, each
beside the people's look-alikes that must stay answered."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gateway.rules.parse import parse_mail
from tests.conftest import make_mail
from tests.corpus_figures import REAL, file_samples
from tests.findings import reasons

SISIMAI = REAL / "sisimai"
SLOW = 0.5  # seconds for parse and classify of one mail: 10 times the 50 ms we aim at


def samples(kind: str, mode: str) -> list:
    paths = sorted(p for p in (SISIMAI / kind).iterdir() if p.suffix == ".eml")
    return file_samples(paths, kind == "bounces", mode)


@pytest.mark.parametrize("mode", ["return-path", "from"])
def test_every_sisimai_bounce_and_report_is_a_machine(mode):
    wrong, slow = [], []
    for name, _, raw, sender, _ in samples("bounces", mode):
        start = time.perf_counter()
        found = reasons(raw, sender)
        if time.perf_counter() - start > SLOW:
            slow.append(name)
        if not found:
            wrong.append(name)
    assert len(samples("bounces", mode)) >= 115
    assert wrong == [] and slow == []


@pytest.mark.parametrize("ends", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_every_sisimai_bounce_is_a_machine_whatever_ends_its_lines(ends):
    """sisimai keeps the same mails with CRLF (maildir/dos) and CR alone (maildir/mac, old
    Macintosh mail); line ends change no verdict."""
    wrong = []
    for name, _, raw, sender, _ in samples("bounces", "from"):
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", ends)
        if not (reasons(raw, sender) and reasons(raw, None)):
            wrong.append(name)
    assert wrong == []


@pytest.mark.parametrize("mode", ["return-path", "from"])
def test_the_person_in_sisimais_set_is_a_person(mode):
    found = samples("people", mode)
    assert [name for name, _, raw, sender, _ in found if reasons(raw, sender)] == []
    cr_only = [(name, raw.replace(b"\n", b"\r"), sender) for name, _, raw, sender, _ in found]
    assert [name for name, raw, sender in cr_only if reasons(raw, sender)] == []
    assert len(found) == 1


def mixed(sender: str, subject: str, text: str | None, attached: bytes,
          name: str = "") -> bytes:
    """multipart/mixed: a text part (none if text is None) and a message/rfc822 attached."""
    head = make_mail(subject=subject, body="", sender=sender, name=name).split(b"\r\n\r\n")[0]
    head = head.replace(b"Content-Type: text/plain; charset=utf-8",
                        b'Content-Type: multipart/mixed; boundary="B"')
    own = b"" if text is None else (
        b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text.encode() + b"\r\n")
    return (head + b"\r\n\r\n" + own + b"--B\r\nContent-Type: message/rfc822\r\n"
            b"Content-Disposition: inline\r\n\r\n" + attached + b"\r\n--B--\r\n")


SPAM = (b"From: Shop <offers@spam.example>\r\nTo: kunde@kunde.example\r\nSubject: Cheap pills\r\n"
        b"Message-ID: <s1@spam.example>\r\n\r\nBuy now\r\n")
QUOTED = ("\r\n\r\nFrom: max@kunde.example\r\nTo: anna@partner.example\r\n"
          "Subject: Angebot 2026\r\nDate: Mon, 12 Jan 2026 09:00:00 +0100\r\n")

MACHINES = {
    "a feedback loop's complaint: the message alone, under 'complaint ... <IP>'": (
        mixed("staff@mail.provider.example", "Complaint about message from 203.0.113.9", None,
              SPAM), "staff@mail.provider.example"),
    "a mail system answering Re: with a failure and the original's headers": (
        make_mail(subject="Re: Angebot 2026", sender="post_master@gw.partner.example",
                  name="", body="Error: Invalid user address\r\n550 5.1.1 no such user here"
                  + QUOTED), "post_master@gw.partner.example"),
    "a mail system answering AW: in German": (
        make_mail(subject="AW: Angebot 2026", sender="mailer-daemon@gw.partner.example",
                  name="", body="Die Nachricht konnte nicht zugestellt werden: Empfänger "
                  "unbekannt." + QUOTED), "mailer-daemon@gw.partner.example"),
    "a Japanese mailing list's notice (FML's X-ML-Name)": (
        make_mail(subject="Loop Alert: Duplicated Message-ID (kunden ML)", name="",
                  sender="kunden-admin@list.example",
                  body="Duplicated Message-ID in <kunden@list.example>.",
                  headers={"X-ML-Name": "kunden"}), "kunden-admin@list.example"),
    "a DMARC failure report as multipart/mixed, its fields written into the text": (
        mixed("dmarc-reports@mx.partner.example", "DMARC failure report for centron.de",
              "This is an authentication failure report for a message received from IP "
              "203.0.113.9 on Tue, 13 Jan 2026.\r\n\r\nFeedback-Type: auth-failure\r\n"
              "User-Agent: PartnerDMARC/2.1\r\nVersion: 1\r\nAuth-Failure: dmarc\r\n"
              "Reported-Domain: centron.de\r\nSource-IP: 203.0.113.9", SPAM),
        "dmarc-reports@mx.partner.example"),
}

REPORT_FIELDS = ("Feedback-Type: abuse\r\nUser-Agent: SomeFBL/1.0\r\nVersion: 1\r\n"
                 "Source-IP: 203.0.113.9\r\nReported-Domain: centron.de")

PEOPLE = {
    "a customer pasting a report's fields and asking what they mean": (
        mixed("max@kunde.example", "Report von unserem Provider",
              REPORT_FIELDS + "\r\n\r\nWas bedeutet das für uns?", SPAM), "max@kunde.example"),
    "a customer greeting, then the report's fields, the message attached": (
        mixed("max@kunde.example", "Meldung vom Provider", "Hallo,\r\n\r\nanbei:\r\n\r\n"
              + REPORT_FIELDS, SPAM), "max@kunde.example"),
    "a customer forwarding such a report without a word (Fwd:)": (
        mixed("max@kunde.example", "Fwd: Abuse Report", REPORT_FIELDS, SPAM),
        "max@kunde.example"),
    "a customer forwarding a spam as attachment, with words, under the same subject": (
        mixed("max@kunde.example", "Complaint about message from 203.0.113.9",
              "Hallo, diese Mail kam heute von Ihrem Netz. Bitte unterbinden.\r\nMax Kunde",
              SPAM), "max@kunde.example"),
    "a customer forwarding a spam as attachment without words, subject without an IP": (
        mixed("max@kunde.example", "Complaint about spam", None, SPAM), "max@kunde.example"),
    "a customer forwarding a spam without words as 'Spam from <IP>'": (
        mixed("max@kunde.example", "Spam from 203.0.113.9", None, SPAM), "max@kunde.example"),
    "a customer forwarding it as 'Abuse complaint about 203.0.113.9', without words": (
        mixed("max@kunde.example", "Abuse complaint about 203.0.113.9", None, SPAM),
        "max@kunde.example"),
    # a mail system's local part (post_master@, as the "Re:" notice above) that writes as a
    # person; postmaster@ and mailer-daemon@ with failure words are bounces anyhow (classify)
    "a customer's post_master@ answering Re: about a failure, greeting and signing": (
        make_mail(subject="Re: Zustellproblem [#4711]", sender="post_master@kunde.example",
                  name="Max Kunde", body="Hallo, die Mail an anna@ kommt zurück: user unknown."
                  "\r\n\r\nGruß Max" + QUOTED), "post_master@kunde.example"),
    "a customer's post_master@ answering Re: with a question": (
        make_mail(subject="Re: Zustellproblem [#4711]", sender="post_master@kunde.example",
                  name="", body="Why is this mail undeliverable (user unknown)?" + QUOTED),
        "post_master@kunde.example"),
    "a customer's post_master@ answering Re: in the first person": (
        make_mail(subject="Re: Zustellproblem [#4711]", sender="post_master@kunde.example",
                  name="", body="I could not deliver this, user unknown, see the headers."
                  + QUOTED), "post_master@kunde.example"),
    "a customer answering Re: with the failure words alone, from his own address": (
        make_mail(subject="Re: Angebot 2026", sender="max@kunde.example", name="Max Kunde",
                  body="550 5.1.1 no such user here" + QUOTED), "max@kunde.example"),
}


@pytest.mark.parametrize("name", MACHINES)
def test_machines_of_the_shapes_sisimai_showed(name):
    raw, sender = MACHINES[name]
    assert reasons(raw, sender), name


@pytest.mark.parametrize("name", PEOPLE)
def test_people_beside_them_stay_people(name):
    raw, sender = PEOPLE[name]
    assert reasons(raw, sender) == (), name


def test_a_multipart_that_lost_its_boundary_is_still_read():
    """Content-Type folded without white space ("boundary=" flush left): the text inside is
    read as a mail client shows it, a person's question too."""
    raw = (b"From: Max Kunde <max@kunde.example>\r\nTo: technik@centron.de\r\n"
           b"Subject: Server\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/mixed; boundary="O"\r\n\r\n--O\r\n'
           b"Content-Type: multipart/alternative;\r\nboundary=\"I\"\r\n\r\n--I\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\n\r\nIst srv-web-01 erreichbar?\r\n"
           b"--I--\r\n\r\n--O--\r\n")
    mail = parse_mail(raw)
    assert mail.text.strip() == "Ist srv-web-01 erreichbar?"
    assert reasons(raw, "max@kunde.example") == ()


@pytest.mark.parametrize("body", [
    b"-- not a delimiter\r\n" * 20000,  # no delimiter to rebuild with
    # 3,000 parts that each lost their boundary, one inside the other: a few repairs, not 3,000
    b"".join(b"--b%d\r\nContent-Type: multipart/mixed\r\n\r\n" % i for i in range(3000))
    + b"x" * 1_000_000,
], ids=["no-delimiter", "nested-3000"])
def test_a_broken_multipart_costs_little(body):
    raw = (b"From: Max <max@kunde.example>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed\r\n\r\n" + body)
    start = time.perf_counter()
    mail = parse_mail(raw)
    assert time.perf_counter() - start < SLOW and mail.error is None


def test_the_corpus_keeps_its_licence_and_provenance():
    assert "BSD 2-CLAUSE" in (SISIMAI / "LICENSE").read_text()
    readme = (SISIMAI / "README.md").read_text()
    assert all(Path(p).stem in readme for p in (SISIMAI / "bounces").iterdir())
