"""Issue 21, tests/attack9's two people still taken for absence notices: an answer that says the
writer is away *and* speaks of the answered matter ("... and will call you then to go through the
quote" under "Quote for 3 dedicated servers"), and a retired address that asks us to send a
document elsewhere ("Please send all future invoices to ..."). A fixed absence text knows no
subject and sends no document anywhere. Written in our own words; beside them the notices that
name the subject's word in their own sentence, or a month, and stay unanswered."""

from __future__ import annotations

import pytest

from tests.findings import mail, reasons

TICKET = "[Ticket#2027030410000042] "

PEOPLE = {
    "en, a trade fair, will call about the quote": (
        "RE: Quote for 3 dedicated servers",
        "Hello,\n\nI'm at a trade show in Cologne this week with limited email access. I'll be "
        "back in the office on Monday 9 March and will call you then to go through the quote.\n\n"
        "Regards,\nDaniel Evans"),
    "de, a trade fair, back in the office and then the offer": (
        "AW: " + TICKET + "Angebot Colocation",
        "Guten Tag,\n\nwir sind diese Woche auf der Messe und nur eingeschränkt erreichbar. Ab "
        "Montag bin ich wieder im Büro und melde mich dann zum Angebot.\n\nGruß\nMarco Petersen"),
    "fr, on leave, the invoice after the return": (
        "RE: Facture FA-2027 relance",
        "Bonjour,\n\nje suis en congé jusqu'au 12 mars. Je vous répondrai dès mon retour au sujet "
        "de la facture.\n\nCordialement\nClaire Martin"),
    "en, an address retired, invoices to another": (
        "RE: " + TICKET + "Server",
        "Hello,\n\nthis address is no longer in use. Please send all future invoices to "
        "billing@lakeside.example.\n\nKind regards\nAccounts Payable"),
    "de, an address retired, invoices to another": (
        "AW: " + TICKET + "Server",
        "Guten Tag,\n\ndiese E-Mail-Adresse wird nicht mehr gelesen. Bitte senden Sie Rechnungen "
        "künftig an buchhaltung@firma.example.\n\nMit freundlichen Grüßen\nKarl Ott"),
}

NOTICES = {
    "de, the practice named in the subject closes in its own sentence": (
        "RE: " + TICKET + "Webseite Praxis",
        "Grüezi\n\nUnsere Praxis bleibt vom 4. bis 18. Dezember geschlossen. Ihre E-Mail wird "
        "nach unserer Rückkehr bearbeitet.\n\nFreundliche Grüsse\nIhr Praxisteam Dr. Ammann"),
    "en, the subject's month is the return date": (
        "Re: Your server will be restarted on 20 January",
        "I'm on holiday with no internet access and will be back on January 28. I will reply "
        "to your email when I return.\n\n-- Dan"),
    "de, an address retired, the message to another": (
        "AW: " + TICKET + "Server",
        "Diese E-Mail-Adresse wird nicht mehr gelesen. Bitte senden Sie Ihre Nachricht künftig "
        "an info@firma.example."),
    "en, a mailbox no longer monitored, the email to another": (
        "RE: " + TICKET + "Server",
        "This mailbox is no longer monitored. Please send your email to support@firma.example."),
}


@pytest.mark.parametrize("subject, body", PEOPLE.values(), ids=PEOPLE.keys())
def test_an_answer_about_the_matter_is_a_persons(subject, body):
    raw, sender = mail("kunde@firma.example", subject, body, name="Kunde")
    assert reasons(raw, sender) == ()


@pytest.mark.parametrize("subject, body", NOTICES.values(), ids=NOTICES.keys())
def test_a_notice_that_names_the_subject_in_its_own_sentences_stays_one(subject, body):
    raw, sender = mail("kollege@firma.example", subject, body, name="Kollege")
    assert reasons(raw, sender) == ("out-of-office",)
