"""Threading looks at a bounded set of valid message-ids, with one query; invalid ids (too long,
control characters, no @) are ignored for threading and never copied into a reply."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event
from sqlmodel import Session

from gateway.rules.parse import MAX_MESSAGE_ID, parse_mail
from gateway.store.tickets import find_thread
from tests.conftest import ANNOUNCE, make_mail


def test_overlong_and_control_character_message_ids_are_not_copied_into_the_reply(gateway):
    long_id = "<" + "x" * 5000 + "@kunde.example>"
    for bad in (long_id, "<a\x01b\x7f@kunde.example>", "<ohne-at-zeichen>"):
        raw = make_mail(message_id=bad, headers={"References": f"{bad} <ok@kunde.example>"})
        _, outcome = gateway.receive(raw, ANNOUNCE, sender=f"s{len(bad)}@kunde.example")
        headers = outcome.reply.headers
        assert "In-Reply-To" not in headers
        assert headers["References"] == "<ok@kunde.example>"
        assert all(ord(ch) >= 32 for ch in outcome.reply.raw.decode("utf-8", "replace")
                   if ch not in "\r\n\t")


def test_parse_keeps_only_valid_message_ids():
    fine = "<" + "y" * (MAX_MESSAGE_ID - 16) + "@kunde.example>"
    mail = parse_mail(make_mail(message_id=f"<\x00nul@x> {fine}",
                                headers={"In-Reply-To": "<a b@x> <c@d>"}))
    assert mail.message_id == fine and mail.in_reply_to == ["<c@d>"]


def test_a_references_bomb_costs_one_query_and_still_finds_the_newest(gateway, engine):
    _, first = gateway.receive(make_mail(), ANNOUNCE)
    bomb = " ".join(f"<r{i}@bomb.example>" for i in range(20_000))
    answer = make_mail(message_id="<m2@kunde.example>",
                       headers={"References": f"{bomb} {first.reply.message_id}"})
    mail = parse_mail(answer)
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with Session(engine) as session:
        found = find_thread(session, mail, "TK")
    assert found is not None and found.number == first.ticket and found.via == "references"
    queries = [s for s in statements if not s.startswith("BEGIN")]
    assert len(queries) == 1
    with engine.connect() as conn:  # and it is an indexed one: no table is scanned
        plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + queries[0],
                                    tuple(["<x@y>"] * queries[0].count("?"))).all()
    assert any("SEARCH" in row[-1] for row in plan), plan
    assert not [row for row in plan if " SCAN " in f" {row[-1]} "], plan
    _, outcome = gateway.receive(answer, ANNOUNCE + timedelta(hours=1))
    assert (outcome.action, outcome.ticket) == ("followup", first.ticket)


def test_only_the_last_few_references_count(gateway):
    _, first = gateway.receive(make_mail(), ANNOUNCE)
    buried = " ".join([first.reply.message_id] + [f"<r{i}@x.example>" for i in range(50)])
    _, outcome = gateway.receive(make_mail(message_id="<m3@kunde.example>",
                                           headers={"References": buried}),
                                 ANNOUNCE + timedelta(hours=1))
    assert outcome.action == "ticket"  # a reference 50 deep is not looked at
