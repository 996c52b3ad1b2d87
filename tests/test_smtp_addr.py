"""MAIL FROM / RCPT TO addresses parsed by the fast path (gateway/ingest/smtp_addr.py): the
same (address, rest) as aiosmtpd's parser for every input, plain or not, and the fast path
really taken for the plain form; through a real session too."""

from __future__ import annotations

import random

import pytest
from aiosmtpd.smtp import SMTP

from gateway.ingest.smtp_addr import FastAddress, plain_address


class Original:
    local_part_limit = 64
    _getaddr = SMTP._getaddr


class Fast(FastAddress, Original):
    pass


class Unlimited(Fast):
    local_part_limit = 0


CASES = [
    "<kunde@firma.example>", "<kunde@firma.example> SIZE=12345 BODY=8BITMIME",
    "<kunde@firma.example>\tSIZE=1", "<kunde@firma.example>   SMTPUTF8",
    "<Max.Mustermann+tag@Sub.Firma-X.example>", "<a!#$%&'*+/=?^_`{|}~-@x>", "<a@b>",
    "<>", "<> SIZE=10", "kunde@firma.example", "kunde@firma.example SIZE=5",
    "<\"quoted local\"@firma.example>", "<kunde@[192.0.2.1]>", "<@relay.example:kunde@x.example>",
    "<kunde@firma.example> (comment) SIZE=1", "<kunde@firma.example>(c)", "<kunde@firma.example>x",
    "<kunde@firma.example", "<müller@firma.example>", "<kunde@fürma.example>",
    "<=?utf-8?q?x?=@firma.example>", "<a=?b@c>", "<a..b@c>", "<.a@c>", "<a.@c>", "<a@b..c>",
    "<a@.b>", "<a@b.>", "<a@-b>", "<a@b@c>", "< kunde@firma.example>", "<kunde @firma.example>",
    "<kunde@ firma.example>", "<kunde@firma.example >", "<" + "x" * 64 + "@firma.example>",
    "<" + "x" * 65 + "@firma.example>", "<" + "x" * 65 + "@firma.example> SIZE=1",
    "<kunde@firma.example> \x0bSIZE=1", "<kunde@firma.example>\x0bSIZE=1", "<a@b>\t(x)",
]


@pytest.mark.parametrize("arg", CASES)
def test_same_answer_as_aiosmtpd(arg):
    assert Fast()._getaddr(arg) == Original()._getaddr(arg)


def test_local_part_limit_zero_means_none():
    long = "<" + "x" * 300 + "@firma.example>"
    assert Unlimited()._getaddr(long) == ("x" * 300 + "@firma.example", "")
    assert Fast()._getaddr(long) == (None, None) == Original()._getaddr(long)


def test_plain_form_takes_the_fast_path():
    assert plain_address("<kunde@firma.example> SIZE=1") == ("kunde@firma.example", "SIZE=1")
    assert plain_address("<kunde@firma.example>") == ("kunde@firma.example", "")
    for other in ("<>", "<\"q\"@x>", "<a@[1.2.3.4]>", "<a@b> (c)", "<=?x?=@b>", "<ä@b>"):
        assert plain_address(other) is None


def test_random_inputs_agree():
    rng = random.Random(13)

    def some(alphabet: str, most: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, most)))

    checked = fast = 0
    for _ in range(20_000):
        messy = rng.random() < 0.5  # else near the plain form, to reach its edges
        local = some("aab..=?-+!ü\"( @:" if messy else "ab.=?-", 6)
        domain = some("aab..-[]1ü @" if messy else "ab.-1", 6)
        arg = (rng.choice(["<", "<", "<", " <", ""]) + local + rng.choice(["@", "@", ""])
               + domain + rng.choice([">", ">", ""])
               + rng.choice(["", " SIZE=1", "\t(x)", "x", " \x0bY", "  (c) Z", " ", ">"]))
        try:
            expected = Original()._getaddr(arg)
        except Exception as exc:  # aiosmtpd's parser fails on some garbage: so must we
            with pytest.raises(type(exc)):
                Fast()._getaddr(arg)
            continue
        assert Fast()._getaddr(arg) == expected, arg
        checked += 1
        fast += plain_address(arg) is not None
    assert checked > 10_000 and fast > 400  # both paths well exercised
