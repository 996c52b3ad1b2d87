"""Property: whatever bytes arrive (mutations of the test corpora, random bytes), parse,
classify and decide never raise and always come to a decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.config.load import settings_from_dict
from gateway.rules.decide import Action, Decision, Facts, RateFacts, ThreadMatch, decide
from gateway.rules.prepare import Preparer, Row
from tests.automated_corpus import CORPUS
from tests.conftest import make_mail
from tests.test_hostile_mails import MACHINE_OR_EMPTY, PERSON_MAILS

SETTINGS = settings_from_dict({})
PREPARER = Preparer(SETTINGS)
SEEDS = ([raw for _, raw in CORPUS.values()] + list(PERSON_MAILS.values())
         + list(MACHINE_OR_EMPTY.values()) + [make_mail(headers={"References": "<a@b> <c@d>"})])
ODD_BYTES = [b"\r\n", b"\n", b"\r", b"\x00", b":", b"=?", b"?=", b"<", b">", b"@", b"--",
             b"\r\n\r\n", b" ", b"\t", b"\xff", b"\xc3", b"=?utf-8?b?", b"boundary=",
             b"Content-Type: multipart/mixed; boundary=x\r\n", b"References: <", b"\x1b"]


@st.composite
def mutated(draw) -> bytes:
    raw = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 10))):
        at = draw(st.integers(0, len(raw)))
        how = draw(st.sampled_from(["insert", "delete", "flip", "truncate", "repeat"]))
        if how == "insert":
            raw[at:at] = draw(st.one_of(st.sampled_from(ODD_BYTES), st.binary(max_size=64)))
        elif how == "delete":
            del raw[at: at + draw(st.integers(1, 64))]
        elif how == "flip" and at < len(raw):
            raw[at] = draw(st.integers(0, 255))
        elif how == "truncate":
            del raw[at:]
        else:
            raw[at:at] = raw[max(0, at - 200): at]
    return bytes(raw)


senders = st.one_of(st.none(), st.just(""), st.emails(), st.text(max_size=40))
moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 1, 1),
                       timezones=st.just(UTC))
threads = st.one_of(st.none(), st.builds(ThreadMatch, st.integers(1, 10), st.just("TK-000001"),
                                         moments, st.sampled_from(["in-reply-to", "references"])))
rates = st.builds(RateFacts, st.one_of(st.none(), moments), st.integers(0, 5),
                  st.integers(0, 2000), st.booleans())


def _decision(raw: bytes, sender, rcpt: str, source: str, at: datetime, thread,
              rate: RateFacts) -> Decision:
    prepared = PREPARER.prepare(Row(1, raw, rcpt, sender, source, at))
    timeline = PREPARER.policies[rcpt].timeline
    address = prepared.address
    return decide(Facts(
        phase=timeline.phase_at(at), received_at=at, source=source,
        classification=prepared.classification, cutover=timeline.cutover,
        followup_grace=timedelta(days=address.followup_grace_days),
        reply_to=prepared.reply_to, thread=thread, rates=rate,
        empty=not prepared.mail.has_content and prepared.mail.error is not None))


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(raw=st.one_of(mutated(), st.binary(max_size=4096)), sender=senders,
       rcpt=st.sampled_from(sorted(SETTINGS.own_addresses())),
       source=st.sampled_from(["smtp", "lmtp", "pipe", "imap", "import"]), at=moments,
       thread=threads, rate=rates)
def test_any_bytes_get_a_decision(raw, sender, rcpt, source, at, thread, rate):
    decision = _decision(raw, sender, rcpt, source, at, thread, rate)
    assert decision.action in set(Action) and decision.reason
    if decision.reply is not None:
        assert decision.action in (Action.TICKET, Action.FOLLOWUP, Action.REDIRECT)
