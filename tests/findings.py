"""What the held-out findings tests (tests/test_heldout*_findings.py) and the real-corpus tests
share: the classifier as it sees a mail to technik@, and mails made for it."""

from __future__ import annotations

import pytest

from gateway.rules.classify import Context, Envelope, classify
from gateway.rules.parse import parse_mail
from tests.conftest import make_mail

CTX = Context(own_addresses=frozenset({"technik@centron.de"}), loop_token="gw@centron.de")


def reasons(raw: bytes, sender: str | None) -> tuple:
    """Why the classifier takes this mail, with this envelope sender, for a machine's (empty:
    a person's)."""
    return classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), CTX).reasons


def mail(sender: str, subject: str, body: str, name: str = "", envelope: str = "",
         **kw) -> tuple[bytes, str]:
    """A mail (tests.conftest.make_mail) and its envelope sender (the From unless given)."""
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


def findings_tests(machines: dict, people: dict):
    """The two tests every findings file has: each machine of `machines` is taken for one (some
    reason), each person of `people` is not (no reason). A module binds them to its own test
    names, e.g. `test_the_machine_is_not_answered, test_the_person_is_answered = ...`."""

    @pytest.mark.parametrize("case", machines)
    def machine_is_not_answered(case):
        assert reasons(*machines[case])

    @pytest.mark.parametrize("case", people)
    def person_is_answered(case):
        assert reasons(*people[case]) == ()

    return machine_is_not_answered, person_is_answered
