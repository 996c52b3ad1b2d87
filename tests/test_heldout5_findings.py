"""Issue 21.5, the fifth held-out set's findings (tests/heldout5): machines recognised by their
structure, and the people's look-alikes beside them that must stay answered."""

from __future__ import annotations

import pytest

from gateway.rules.classify import Context, Envelope, classify
from gateway.rules.parse import parse_mail
from tests.conftest import make_mail

CTX = Context(own_addresses=frozenset({"technik@centron.de"}), loop_token="gw@centron.de")


def reasons(raw: bytes, sender: str) -> tuple:
    return classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), CTX).reasons


def mail(sender: str, subject: str, body: str, name: str = "", envelope: str = "",
         **kw) -> tuple[bytes, str]:
    return make_mail(subject=subject, body=body, sender=sender, name=name, **kw), envelope or sender


def attached(found: tuple[bytes, str], content_type: str, filename: str) -> tuple[bytes, str]:
    """The mail as multipart/mixed: its text, and a file attached."""
    raw, sender = found
    head, body = raw.split(b"\r\n\r\n", 1)
    head = head.replace(b"Content-Type: text/plain; charset=utf-8",
                        b"Content-Type: multipart/mixed; boundary=B")
    part = (b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
            + b"--B\r\nContent-Type: " + content_type.encode()
            + b"\r\nContent-Disposition: attachment; filename=" + filename.encode()
            + b"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--B--\r\n")
    return head + b"\r\n\r\n" + part, sender


MACHINES = {
    "a message class naming the autoresponder beside a bare 'Auto-Reply:'": mail(
        "budi@tekstil.example", "Auto-Reply: Re: Invoice 2026-00187",
        "Terima kasih atas email Anda.\n\nSaya sedang cuti sampai tanggal 27 Januari 2026.\n\n"
        "Salam,\nBudi", name="Budi Santoso",
        headers={"X-POST-MessageClass": "9; Autoresponder"}),
    "the autoresponder program as Delivered-To beside a bare 'Auto reply:'": mail(
        "jh.park@soft.example", "Auto reply: Re: VPN connection issue",
        "안녕하세요.\n\n1월 30일까지 휴가로 인해 메일 확인이 어렵습니다.\n\n박지훈 드림",
        headers={"Delivered-To": "Autoresponder"}),
}

PEOPLE = {
    "a customer writing to an autoresponder address, about the autoresponder": mail(
        "lena@kunde.example", "Auto reply: funktioniert nicht",
        "Hallo,\n\nunser Autoresponder auf info@ antwortet nicht mehr. Könnt ihr schauen?\n\n"
        "Gruß Lena", name="Lena Kunz",
        headers={"Delivered-To": "autoresponder@kunde.example", "X-POST-MessageClass": "1; Standard"}),
}


@pytest.mark.parametrize("case", sorted(MACHINES))
def test_machine_is_recognised(case):
    raw, sender = MACHINES[case]
    assert reasons(raw, sender), case


@pytest.mark.parametrize("case", sorted(PEOPLE))
def test_person_is_answered(case):
    raw, sender = PEOPLE[case]
    assert reasons(raw, sender) == (), case
