"""Issue 21.5, the third held-out set's findings (tests/heldout3): machines recognised by their
structure, and the people's look-alikes beside them that must stay answered. First of all a
person's mail sent through a helpdesk whose envelope is its ESP's bounce address (VERP)."""

from __future__ import annotations

import pytest

from gateway.rules.classify import Context, Envelope, classify
from gateway.rules.parse import parse_mail
from tests.conftest import make_mail

CTX = Context(own_addresses=frozenset({"technik@centron.de"}), loop_token="gw@centron.de")
FRESHDESK_VERP = "bounces+3312801-9a1b-technik=centron.de@emailus.freshservice.example"


def reasons(raw: bytes, sender: str) -> tuple:
    return classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), CTX).reasons


def mail(sender: str, subject: str, body: str, name: str = "", envelope: str = "",
         **kw) -> tuple[bytes, str]:
    return make_mail(subject=subject, body=body, sender=sender, name=name, **kw), envelope or sender


MACHINES = {
    "a bare notice with an ESP's bounce envelope": mail(
        "service@shop.example", "Ihre Bestellung wurde versandt",
        "Bestellung 4711 ist unterwegs. Sendungsverfolgung: https://shop.example/t/4711",
        envelope="bounces+4412-ab12-technik=centron.de@mail.shop.example"),
    "a list's bounce address in the envelope (Mailman)": mail(
        "max@kunde.example", "Server down", "Hallo, unser Server ist nicht erreichbar. Gruß Max",
        envelope="users-bounces@lists.example"),
    "a bounce address as From, not only in the envelope": mail(
        "bounces+77@mail.shop.example", "Ihre Bestellung", "Danke für Ihre Bestellung!",
        envelope="bounces+77@mail.shop.example"),
}

PEOPLE = {
    "a reseller's agent answering through a helpdesk (VERP envelope)": mail(
        "support@kunde-reseller.freshdesk.example", "Re: Ticket #48812 - RAM upgrade",
        "Hello centron team,\n\nour end customer needs the RAM of vm-res-1120 raised to 32 GB. "
        "Can you do this tonight?\n\nBest regards,\nFelix Neumann",
        name="Felix Neumann", envelope=FRESHDESK_VERP, headers={"X-FD-Email-Type": "ticket_reply"}),
    "a person's request through an ESP with bounce-... envelope and a signature link": mail(
        "anna@kunde.example", "Zugang gesperrt",
        "Bitte entsperren Sie den Zugang von anna@kunde.example.\nGrüße Anna\nhttps://kunde.example",
        name="Anna Berg", envelope="bounce-md_30850198.67928a11@mandrill.example"),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_of_the_third_held_out_set(raw, sender):
    assert reasons(raw, sender), "taken for a person"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_stay_people(raw, sender):
    assert reasons(raw, sender) == ()
