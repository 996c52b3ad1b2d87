"""The decision table at its boundaries, per address, with the time zone's DST right."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gateway.config.settings import GatewaySettings
from gateway.rules.classify import Classification
from gateway.rules.decide import Action, Facts, Limits, RateFacts, ReplyKind, ThreadMatch, decide
from gateway.rules.phases import Phase, Timeline
from gateway.rules.policy import timeline_for

BERLIN = ZoneInfo("Europe/Berlin")
SETTINGS = GatewaySettings()
ADDRESSES = [a.address for a in SETTINGS.addresses]


def facts(phase: Phase, at: datetime, **kw) -> Facts:
    base = dict(phase=phase, received_at=at, source="pipe", classification=Classification(),
                cutover=datetime(2025, 10, 13, tzinfo=BERLIN), followup_grace=timedelta(days=14),
                reply_to="max@kunde.example")
    base.update(kw)
    return Facts(**base)


@pytest.mark.parametrize("address", ADDRESSES)
@pytest.mark.parametrize("local, expected", [
    (datetime(2025, 10, 12, 23, 59, 59), Phase.ANNOUNCE),
    (datetime(2025, 10, 13, 0, 0, 0), Phase.CUTOVER),
    (datetime(2025, 9, 14, 23, 59, 59), Phase.BEFORE),
    (datetime(2025, 9, 15, 0, 0, 0), Phase.ANNOUNCE),
])
def test_phase_boundaries_per_address(address, local, expected):
    timeline = timeline_for(SETTINGS, SETTINGS.address_config(address))
    assert timeline.phase_at(local.replace(tzinfo=BERLIN)) is expected


def test_cutover_is_midnight_berlin_summer_time_in_utc():
    timeline = timeline_for(SETTINGS, SETTINGS.addresses[0])
    # 13.10.2025 00:00 CEST (+02:00) is 12.10.2025 22:00 UTC
    assert timeline.cutover.astimezone(UTC) == datetime(2025, 10, 12, 22, 0, tzinfo=UTC)
    assert timeline.phase_at(datetime(2025, 10, 12, 21, 59, 59, tzinfo=UTC)) is Phase.ANNOUNCE
    assert timeline.phase_at(datetime(2025, 10, 12, 22, 0, 0, tzinfo=UTC)) is Phase.CUTOVER


def test_cutover_across_the_dst_change_uses_winter_offset():
    # 26.10.2025 03:00 CEST becomes 02:00 CET: a cutover at 27.10. 00:00 is +01:00 = 23:00 UTC.
    timeline = Timeline(cutover=datetime(2025, 10, 27, tzinfo=BERLIN))
    assert timeline.cutover.utcoffset() == timedelta(hours=1)
    assert timeline.phase_at(datetime(2025, 10, 26, 22, 59, 59, tzinfo=UTC)) is Phase.BEFORE
    assert timeline.phase_at(datetime(2025, 10, 26, 23, 0, 0, tzinfo=UTC)) is Phase.CUTOVER


def test_ambiguous_hour_on_dst_end_is_handled_by_fold():
    # 02:30 happens twice on 26.10.2025; the cutover at the first 02:30 (fold=0, CEST) ...
    timeline = Timeline(cutover=datetime(2025, 10, 26, 2, 30, tzinfo=BERLIN))
    first = datetime(2025, 10, 26, 0, 30, tzinfo=UTC)   # 02:30 CEST
    assert timeline.phase_at(first - timedelta(seconds=1)) is Phase.BEFORE
    assert timeline.phase_at(first) is Phase.CUTOVER


def test_reject_phase_only_rejects_smtp_sources():
    at = datetime(2026, 1, 1, tzinfo=BERLIN)
    assert decide(facts(Phase.REJECT, at, source="smtp")).action is Action.REJECT
    assert decide(facts(Phase.REJECT, at, source="lmtp")).action is Action.REJECT
    assert decide(facts(Phase.REJECT, at, source="pipe")).action is Action.REDIRECT


def test_table_before_announce_cutover():
    at = datetime(2025, 10, 1, tzinfo=BERLIN)
    before = decide(facts(Phase.BEFORE, at))
    announce = decide(facts(Phase.ANNOUNCE, at))
    after = decide(facts(Phase.CUTOVER, at))
    assert (before.action, before.reason, before.reply) == (Action.TICKET, "new-ticket",
                                                              ReplyKind.ACK)
    assert (announce.action, announce.reason) == (Action.TICKET, "announce")
    assert (after.action, after.reason, after.reply) == (Action.REDIRECT, "after-cutover",
                                                           ReplyKind.REDIRECT)


def test_machine_mail_before_the_cutover_is_a_ticket_without_receipt():
    at = datetime(2025, 10, 1, tzinfo=BERLIN)
    auto = Classification(("auto-submitted", "list"))
    for phase in (Phase.BEFORE, Phase.ANNOUNCE):
        decision = decide(facts(phase, at, classification=auto))
        assert (decision.action, decision.reason, decision.reply) == (
            Action.TICKET, "auto-submitted", None)
        assert decision.notes == ("no receipt: automated (auto-submitted, list)",)
    after = decide(facts(Phase.CUTOVER, at, classification=auto))
    assert (after.action, after.reason, after.reply) == (Action.SUPPRESS, "auto-submitted", None)


@pytest.mark.parametrize("reason", ["loop", "own-address", "bounce", "null-sender",
                                    "read-receipt", "feedback-report", "spam"])
def test_loops_own_mail_bounces_and_spam_never_make_a_ticket(reason):
    at = datetime(2025, 10, 1, tzinfo=BERLIN)
    found = Classification(("auto-submitted", reason))
    for phase in (Phase.BEFORE, Phase.ANNOUNCE, Phase.CUTOVER):
        decision = decide(facts(phase, at, classification=found, exception="partner"))
        assert (decision.action, decision.reply) == (Action.SUPPRESS, None)


def test_switch_turns_tickets_for_machine_mail_off():
    at = datetime(2025, 10, 1, tzinfo=BERLIN)
    auto = Classification(("out-of-office",))
    decision = decide(facts(Phase.ANNOUNCE, at, classification=auto, automated_tickets=False))
    assert (decision.action, decision.reason) == (Action.SUPPRESS, "out-of-office")
    person = decide(facts(Phase.ANNOUNCE, at, automated_tickets=False))
    assert (person.action, person.reply) == (Action.TICKET, ReplyKind.ACK)


def test_exception_rule_makes_tickets_after_the_cutover_and_is_named():
    at = datetime(2025, 11, 3, tzinfo=BERLIN)
    person = decide(facts(Phase.CUTOVER, at, exception="managed-acme"))
    assert (person.action, person.reason, person.reply) == (
        Action.TICKET, "exception:managed-acme", ReplyKind.ACK)
    machine = decide(facts(Phase.CUTOVER, at, exception="managed-acme",
                           classification=Classification(("auto-submitted",))))
    assert (machine.action, machine.reason, machine.reply) == (
        Action.TICKET, "exception:managed-acme", None)
    later = ThreadMatch(3, "TK-000003", at - timedelta(days=30), "in-reply-to")
    assert decide(facts(Phase.CUTOVER, at, exception="managed-acme", thread=later)).action \
        is Action.FOLLOWUP


def test_backfill_makes_decisions_but_no_replies():
    at = datetime(2025, 10, 1, tzinfo=BERLIN)
    ticket = decide(facts(Phase.ANNOUNCE, at, replies_allowed=False))
    assert (ticket.action, ticket.reply, ticket.notes) == (Action.TICKET, None,
                                                           ("no receipt: backfill",))
    late = decide(facts(Phase.CUTOVER, at + timedelta(days=30), replies_allowed=False))
    assert (late.action, late.reason, late.reply) == (Action.SUPPRESS, "backfill", None)


def test_followup_grace_period():
    cutover = datetime(2025, 10, 13, tzinfo=BERLIN)
    old = ThreadMatch(1, "TK-000001", cutover - timedelta(days=2), "in-reply-to")
    inside = decide(facts(Phase.CUTOVER, cutover + timedelta(days=13, hours=23), thread=old))
    outside = decide(facts(Phase.CUTOVER, cutover + timedelta(days=14), thread=old))
    assert (inside.action, inside.reason) == (Action.FOLLOWUP, "in-reply-to")
    assert outside.action is Action.REDIRECT
    new = ThreadMatch(2, "TK-000002", cutover + timedelta(hours=1), "subject-tag")
    assert decide(facts(Phase.CUTOVER, cutover + timedelta(days=1), thread=new)).action \
        is Action.REDIRECT


def test_redirect_rate_limit_per_sender_in_reception_time():
    at = datetime(2025, 10, 14, 12, tzinfo=BERLIN)
    recent = RateFacts(last_redirect_at=at - timedelta(hours=23))
    old = RateFacts(last_redirect_at=at - timedelta(hours=24))
    assert decide(facts(Phase.CUTOVER, at, rates=recent)).reason == "rate-limited"
    assert decide(facts(Phase.CUTOVER, at, rates=old)).action is Action.REDIRECT


def test_global_ceiling_and_ack_cap():
    at = datetime(2025, 10, 1, tzinfo=BERLIN)
    limits = Limits(global_replies_per_hour=5, ack_per_sender_per_hour=2)
    full = decide(facts(Phase.CUTOVER, at, rates=RateFacts(replies_in_last_hour=5), limits=limits))
    assert (full.action, full.reason) == (Action.SUPPRESS, "rate-limited")
    capped = decide(facts(Phase.BEFORE, at, rates=RateFacts(acks_in_last_hour=2), limits=limits))
    assert capped.action is Action.TICKET and capped.reply is None
    assert "ack-rate-limited" in capped.notes[0]


def test_no_reply_address_means_no_reply():
    at = datetime(2025, 10, 14, tzinfo=BERLIN)
    assert decide(facts(Phase.CUTOVER, at, reply_to=None)).reason == "no-reply-address"
