"""Replies that cannot be abused: nothing a forger chose reaches the victim (finding 1), no bidi or
control character and no hostile Message-ID reaches a reply (finding 5)."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from gateway.config.load import settings_from_dict
from gateway.pipeline.process import Pipeline
from gateway.rules.reply_safety import NEUTRAL_SUBJECT, echoed_subject
from tests.conftest import AFTER, ANNOUNCE, Gateway, make_mail

EVIL_NAME = "Ihr Konto wird gesperrt - jetzt bestaetigen: https://evil.example/x"
GUARD = {"backscatter_guard": True, "trusted_authserv_ids": ["mx.centron.de"]}
AUTH_PASS = {"Authentication-Results": "mx.centron.de; dkim=pass header.d=kunde.example"}


def everything(reply) -> str:
    return "\n".join([reply.subject, reply.text, reply.html, *reply.headers.values()])


@pytest.fixture
def guarded(engine, clock, tmp_path) -> Gateway:
    settings = settings_from_dict({"database_url": str(engine.url), "outbox_dir": str(tmp_path),
                                   "responder": GUARD})
    return Gateway(Pipeline(settings, engine, clock))


@pytest.mark.parametrize("at", [ANNOUNCE, AFTER])
def test_forged_sender_gets_none_of_the_attackers_text(gateway, at):
    raw = make_mail(name=EVIL_NAME, sender="victim@opfer.example",
                    subject="Konto gesperrt: bestaetigen unter https://evil.example/x")
    _, outcome = gateway.receive(raw, at, sender="victim@opfer.example")
    assert outcome.reply is not None
    text = everything(outcome.reply)
    for piece in ("evil.example", "gesperrt", "bestaetigen", "https://evil"):
        assert piece not in text
    assert "Guten Tag," in outcome.reply.text  # a neutral greeting


@pytest.mark.parametrize("subject", [
    "Bitte rufen Sie +49 170 1234567 an", "Schreiben Sie an boss@firma.example",
    "Gewinn! www.evil.example", "x" * 90])
def test_subject_with_contact_data_or_too_long_is_replaced(gateway, subject):
    _, outcome = gateway.receive(make_mail(subject=subject), AFTER)
    assert outcome.reply.subject == "Automatische Antwort: Ihre Nachricht"


@pytest.mark.parametrize("name", ["Dr. Anna-Lena O'Neil", "Jürgen Müller", "Max Kunde"])
def test_a_name_that_looks_like_a_name_and_a_clean_subject_stay(gateway, name):
    _, outcome = gateway.receive(make_mail(name=name, subject="Server down seit 10 Uhr"), AFTER)
    assert name in outcome.reply.text
    assert outcome.reply.subject == "Automatische Antwort: Server down seit 10 Uhr"


@pytest.mark.parametrize("name, shown", [
    ("call 0800 123456", "0800"), ('"Max <script>"', "script"), ("win@prize.example", "prize"),
    ("A" * 70, "A" * 70), ("Kontakt: www.x.example", "x.example"), ("Max 2", "Max 2")])
def test_a_name_that_is_not_a_name_gets_a_neutral_greeting(gateway, name, shown):
    _, outcome = gateway.receive(make_mail(name=name), AFTER)
    assert shown not in everything(outcome.reply)
    assert "Guten Tag," in outcome.reply.text


def test_authenticated_sender_keeps_name_and_subject(guarded):
    raw = make_mail(name="Max Kunde (Firma www.kunde.example)", headers=AUTH_PASS,
                    subject="Ticket zu www.kunde.example, Tel. 030 123456")
    _, outcome = guarded.receive(raw, AFTER)
    assert outcome.action == "redirect"
    assert "Max Kunde (Firma www.kunde.example)" in outcome.reply.text
    assert outcome.reply.subject.endswith("Ticket zu www.kunde.example, Tel. 030 123456")


@pytest.mark.parametrize("gw", ["gateway", "guarded"])
def test_bidi_and_control_characters_never_reach_a_reply(gw, request):
    gateway = request.getfixturevalue(gw)
    raw = make_mail(name="Max\u202eKunde", subject="Rechnung \u202eFDP.exe\u2066 \x1b[31m ok",
                    headers=AUTH_PASS)
    _, outcome = gateway.receive(raw, AFTER)
    message = message_from_bytes(outcome.reply.raw, policy=policy.default)
    parts = [str(message["Subject"]), *(p.get_content() for p in message.walk()
                                        if not p.is_multipart())]
    for text in parts + [everything(outcome.reply)]:
        assert not any(ch in text for ch in "\u202e\u2066\x1b"), repr(text)


@pytest.mark.parametrize("message_id", ["<" + "a" * 400 + "@x.example>",
                                        "<ctl\x7fchar@x.example>", "<bidi\u202e@x.example>"])
def test_long_or_control_laden_message_ids_are_not_copied(gateway, message_id):
    raw = make_mail(message_id=message_id, headers={"References": f"<ok@x.example> {message_id}"})
    _, outcome = gateway.receive(raw, AFTER)
    headers = outcome.reply.headers
    assert "In-Reply-To" not in headers
    assert headers["References"] == "<ok@x.example>"
    assert message_id.encode("utf-8") not in outcome.reply.raw


# -- issue 21 point 3: numbers a customer means are kept, phone numbers are what they look like --

KEPT = [  # (subject, what it holds): echoed as written
    ("Rechnung 2027-0042 doppelt abgebucht", "invoice number, year-sequence"),
    ("Rechnung Nr. 20270042 falsch", "invoice number, unbroken"),
    ("RE-2025-10-0042 offen", "invoice number with letters"),
    ("Bestellung 100234567 nicht geliefert", "order number, nine digits"),
    ("Auftrag 4500012345 storniert?", "order number, ten digits"),
    ("Vertrag V-2025-000123 kündigen", "contract number"),
    ("Vertragsnummer 123 456 789", "contract number in groups of three"),
    ("Kundennummer 0012345, Domain-Umzug", "customer number with leading zeros"),
    ("[Ticket#2025100112] Rückfrage", "ticket tag"),
    ("Ticket 123456 noch offen", "ticket number"),
    ("Mahnung vom 01.10.2025 zu 2027-0042", "date and invoice number"),
    ("Lastschrift 2025-10-13 fehlgeschlagen", "ISO date"),
    ("Termin am 14.10. um 10:30", "short date and time"),
    ("Server 5 seit 03/10/2025 down", "slash date"),
    ("PHP 8.1.2 Update auf 8.3", "version numbers"),
    ("Gutschrift 49,90 EUR für 2027-0042", "amount and invoice number"),
    ("Domainvertrag 2026 1234 5678 verlängern", "contract number in three groups"),
    ("Angebot Nr. 4711/2025 annehmen", "offer number with its year"),
    # leading zeros (SAP numbers, customer numbers) right after the word that says what it is
    ("Bestellung 0045001234 fehlt", "order number with leading zeros"),
    ("Kundennummer 0123456789 umziehen", "customer number, ten digits from 0"),
    ("Auftragsnummer: 0171234567 storniert", "order number after a colon"),
    ("Invoice no. 00123456789 wrong", "invoice number, English"),
    ("Facture n° 0301234567 en double", "invoice number, French"),
    ("Rechnung RE-0301234567 offen", "invoice number joined to its letters"),
]
REPLACED = [  # (subject, what it holds): the neutral subject instead
    ("Bitte rufen Sie +49 170 1234567 an", "international with +"),
    ("Rückruf 0049 30 12345678", "international with 00"),
    ("Dringend: 030 1234567", "German landline, grouped"),
    ("Hotline 0800-123456 anrufen", "free-phone, hyphen"),
    ("Mobil 0171/1234567", "mobile with slash"),
    ("Rufen Sie 01701234567 an", "mobile, unbroken"),
    ("Bitte Rückruf (030) 1234 5678", "area code in parentheses"),
    ("+44 20 7946 0958 call back", "UK, international"),
    ("Call 555-123-4567 now", "North American"),
    ("Tel. 123456 bitte", "digits right after a phone word"),
    ("Fax: 089 123 456 78", "fax, grouped"),
    ("Neue IBAN DE89 3704 0044 0532 0130 00", "IBAN: a place to send money to"),
    ("Login unter 203.0.113.5 prüfen", "IP address"),
    ("Rechnung 0301234567 bitte anrufen", "a reference word, but a phone word too"),
    ("Ticket 0900 123456 call now", "a reference word, but a phone word after"),
]


@pytest.mark.parametrize("subject, holds", KEPT, ids=[h for _, h in KEPT])
def test_invoice_order_contract_and_ticket_numbers_and_dates_are_kept(subject, holds):
    assert echoed_subject(subject, trusted=False) == subject, holds


@pytest.mark.parametrize("subject, holds", REPLACED, ids=[h for _, h in REPLACED])
def test_phone_numbers_and_payment_targets_are_replaced(subject, holds):
    assert echoed_subject(subject, trusted=False) == NEUTRAL_SUBJECT, holds


def test_the_guard_on_the_whole_table():
    """The figures on all subjects above, printed: every number kept, every phone replaced."""
    kept = sum(echoed_subject(s, False) == s for s, _ in KEPT)
    caught = sum(echoed_subject(s, False) == NEUTRAL_SUBJECT for s, _ in REPLACED)
    print(f"\nreflection guard: {kept}/{len(KEPT)} numbered subjects kept, "
          f"{caught}/{len(REPLACED)} phone/IBAN subjects replaced")
    assert (kept, caught) == (len(KEPT), len(REPLACED))
    assert len(KEPT) + len(REPLACED) >= 20


def test_the_customers_invoice_subject_reaches_the_reply(gateway):
    _, outcome = gateway.receive(make_mail(subject="Rechnung 2027-0042 doppelt abgebucht"), AFTER)
    assert outcome.reply.subject == "Automatische Antwort: Rechnung 2027-0042 doppelt abgebucht"
