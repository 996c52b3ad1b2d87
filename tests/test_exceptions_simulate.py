"""Exception rules from the config through the pipeline, and simulate on Maildir and .eml
sources (the mbox path runs through the CLI in test_migration_report.py)."""

from __future__ import annotations

import mailbox
from datetime import timedelta

import pytest

from gateway.admin.simulate import simulate
from gateway.config.load import settings_from_dict
from gateway.errors import ConfigError
from gateway.pipeline.process import Pipeline
from gateway.rules.exceptions import matching_rule
from tests.conftest import AFTER, ANNOUNCE, Gateway, make_mail

RULES = [{"name": "managed-acme", "senders": ["acme.example"], "addresses": ["technik@centron.de"]},
         {"name": "partner-noc", "senders": ["NOC@Partner.example"]}]


def test_rules_match_domains_with_subdomains_addresses_exactly_and_per_address():
    rules = settings_from_dict({"exceptions": RULES}).exceptions
    assert matching_rule(rules, ["ops@acme.example"], "technik@centron.de") == "managed-acme"
    assert matching_rule(rules, ["x@mon.acme.example"], "technik@centron.de") == "managed-acme"
    assert matching_rule(rules, ["x@notacme.example"], "technik@centron.de") is None
    assert matching_rule(rules, ["ops@acme.example"], "billing@centron.de") is None
    assert matching_rule(rules, [None, "noc@partner.example"], "billing@centron.de") == \
        "partner-noc"
    assert matching_rule(rules, ["other@partner.example"], "billing@centron.de") is None


def test_a_rule_for_an_unknown_address_is_a_config_error():
    with pytest.raises(ConfigError, match="exception"):
        settings_from_dict({"exceptions": [{"name": "x", "senders": ["a.example"],
                                            "addresses": ["info@centron.de"]}]})


def test_exception_sender_gets_a_ticket_after_the_cutover(engine, clock, tmp_path):
    settings = settings_from_dict({"database_url": str(engine.url), "exceptions": RULES,
                                   "outbox_dir": str(tmp_path / "out")})
    gateway = Gateway(Pipeline(settings, engine, clock))
    _, person = gateway.receive(make_mail(sender="ops@acme.example"), AFTER,
                                sender="ops@acme.example")
    assert (person.action, person.reason, person.ticket) == (
        "ticket", "exception:managed-acme", "TK-000001")
    assert person.reply is not None and person.ticket in person.reply.subject
    # the monitoring of that customer: a ticket too, from the From header, without receipt
    _, alert = gateway.receive(make_mail(sender="zabbix@mon.acme.example", message_id="<z@a>",
                                         headers={"Auto-Submitted": "auto-generated"}),
                               AFTER + timedelta(minutes=1), sender="bounces@mailer.example")
    assert (alert.action, alert.reason, alert.reply) == ("ticket", "exception:managed-acme", None)
    _, other = gateway.receive(make_mail(message_id="<o@k>"), AFTER + timedelta(minutes=2))
    assert other.action == "redirect"


def test_automated_tickets_switch_off(engine, clock, tmp_path):
    settings = settings_from_dict({"database_url": str(engine.url), "automated_tickets": False,
                                   "outbox_dir": str(tmp_path / "out")})
    _, alert = Gateway(Pipeline(settings, engine, clock)).receive(
        make_mail(headers={"Auto-Submitted": "auto-generated"}), ANNOUNCE)
    assert (alert.action, alert.reason, alert.ticket) == ("suppress", "auto-submitted", None)


def test_simulate_reads_maildir_and_eml_files(settings, tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(make_mail(message_id="<md1@k>"))
    box.add(make_mail(message_id="<md2@k>", headers={"X-Spam-Flag": "YES"}))
    emls = tmp_path / "emls"
    emls.mkdir()
    (emls / "a.eml").write_bytes(make_mail(message_id="<e1@k>", sender="a@k.example"))
    (emls / "b.eml").write_bytes(make_mail(message_id="<e2@k>", to="billing@centron.de"))
    single = tmp_path / "c.eml"
    single.write_bytes(make_mail(message_id="<e3@k>", to="someone@else.example"))
    data = simulate(settings, [tmp_path / "Maildir", emls, single], ANNOUNCE)
    assert data["messages"] == 4 and data["skipped_no_recipient"] == 1
    assert data["by_action"] == {"ticket": 3, "suppress": 1}
    assert data["by_address"] == {"billing@centron.de": {"ticket": 1},
                                  "technik@centron.de": {"ticket": 2, "suppress": 1}}
    assert data["samples"]["spam"]["action"] == "suppress"


def test_simulate_takes_the_envelope_sender_from_return_path_as_serve_has_it(tmp_path):
    """A partner known by From only, whose mail comes from a bulk sender's bounce address: serve
    sees `bounces+x7@` as the envelope sender (automated: ticket without receipt). simulate
    reads the same mail from a mailbox whose Return-Path records that envelope; it said a
    receipt would go out (6 replies where serve wrote 5)."""
    settings = settings_from_dict({"exceptions": [
        {"name": "partner-beta", "senders": ["noc@beta-partner.example"]}]})
    mail = make_mail(sender="noc@beta-partner.example", name="Beta NOC",
                     headers={"Return-Path": "<bounces+x7@mailer-relay.example>"})
    (tmp_path / "beta.eml").write_bytes(mail)
    data = simulate(settings, [tmp_path / "beta.eml"], AFTER)
    assert data["mails"][0]["reason"] == "exception:partner-beta"
    assert (data["replies"], data["mails"][0]["reply_subject"]) == (0, None)


def test_a_follow_up_in_the_same_batch_as_its_original_reaches_its_ticket(settings, tmp_path):
    """serve, mail by mail, appended the answer (In-Reply-To the customer's first mail, no tag)
    to its ticket; simulate, one batch, made a second ticket: a batch did not see the
    message-ids of its own new tickets and replies. (So would serve draining a backlog.)"""
    first = make_mail(message_id="<q1@kunde.example>")
    answer = make_mail(subject="Re: Server down", message_id="<q2@kunde.example>",
                       body="Nachtrag: jetzt geht es wieder.",
                       headers={"In-Reply-To": "<q1@kunde.example>"})
    (tmp_path / "a.eml").write_bytes(first)
    (tmp_path / "b.eml").write_bytes(answer)
    data = simulate(settings, [tmp_path / "a.eml", tmp_path / "b.eml"], ANNOUNCE)
    assert [(m["action"], m["reason"], m["ticket"]) for m in data["mails"]] == [
        ("ticket", "announce", "TK-000001"), ("followup", "in-reply-to", "TK-000001")]
