"""Issue 21.5, the second held-out set's findings (tests/heldout2): machines recognised by their
structure (alert subjects of Alertmanager and appliances, an appliance named in the address, a
UPS, a FRITZ!Box's self-declaration, no-reply as a token of a longer local part, role local parts
that are never a person's, helpdesk auto-acknowledgement headers, iCalendar replies) and the people's
look-alikes beside them that must stay answered (absence notices: tests/test_absence_languages.py)."""

from __future__ import annotations

import pytest

from tests.findings import mail, reasons


def calendar(method: str, text: str = "", sender: str = "jana@planung.example",
             subject: str = "Angenommen: Abstimmung Serverumzug") -> tuple[bytes, str]:
    """An iMIP message: a text part (if any) and a text/calendar part with the given METHOD."""
    ics = (f"BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
           f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{sender}\r\nUID:4711@planung.example\r\n"
           "ORGANIZER:mailto:technik@centron.de\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    head = (f"From: Jana Peters <{sender}>\r\nTo: technik@centron.de\r\nSubject: {subject}\r\n"
            "Message-ID: <cal1@planung.example>\r\nMIME-Version: 1.0\r\n")
    if not text:
        body = (f"Content-Type: text/calendar; charset=utf-8; method={method}\r\n\r\n{ics}")
        return (head + body).encode(), sender
    parts = (f"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
             f"--b\r\nContent-Type: text/calendar; charset=utf-8; method={method}\r\n\r\n{ics}"
             "--b--\r\n")
    return (head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + parts).encode(), sender


MACHINES = {
    "alertmanager firing": mail(
        "alertmanager@ops.example", "[FIRING:2] NodeFilesystemAlmostOutOfSpace (prod)",
        "Alerts Firing:\nLabels:\n - alertname = NodeFilesystemAlmostOutOfSpace\n"
        " - severity = warning\nSource: http://prometheus-0:9090/graph"),
    "alertmanager resolved": mail(
        "alertmanager@ops.example", "[RESOLVED] InstanceDown web-02",
        "Alerts Resolved:\n - alertname = InstanceDown\n - instance = web-02:9100"),
    "a UPS from ups@ without a name": mail(
        "ups@serverraum.example", "UPS-SRV1: UPS: On battery power in response to an input problem.",
        "Name : UPS-SRV1\nLocation : Serverraum\n\nWarning - UPS: On battery power."),
    "an appliance named in the address (veeam@)": mail(
        "veeam@autohaus.example", "[Warning] Backup Copy to Cloud Connect (1 VMs) 1 warning",
        "Backup Copy job: Cloud Connect | Warning\nSuccess 0 / Warning 1 / Error 0"),
    "an appliance named in the address (synology-ds920@)": mail(
        "synology-ds920@kanzlei.example", "[DS920] Hyper Backup-Aufgabe fehlgeschlagen",
        "Die Sicherungsaufgabe auf DS920 ist fehlgeschlagen."),
    "a router's weekly summary, its name and a self-declaration": mail(
        "box@familie.example", "FRITZ!Box Info: Ihre Wochenübersicht",
        "FRITZ!Box 7590\nIhre Wochenübersicht vom 21.02. bis 28.02.\n\nAnrufe: 12 eingehend\n\n"
        "Diese E-Mail wurde automatisch von Ihrer FRITZ!Box versendet. Sie können den Push "
        "Service unter http://fritz.box ändern.", name="FRITZ!Box"),
    "a self-declaration with a '!' inside a word, from a plain address": mail(
        "info@familie.example", "Ereignisse",
        "Verbindung getrennt.\n\nDiese E-Mail wurde automatisch von Ihrer FRITZ!Box versendet."),
    "no-reply as a token at the end of the local part": mail(
        "account-security-noreply@accountprotection.example", "Unusual sign-in activity",
        "We detected something unusual about a recent sign-in.\nPlease review: "
        "https://account.example/activity\nThanks,\nThe account team", name="Account team"),
    "do-not-reply as a token at the start of the local part": mail(
        "do-not-reply.billing@shop.example", "Your order has shipped",
        "Your order 4711 has shipped. Track it: https://shop.example/t/4711"),
    "a payment processor's receipts+tag@": mail(
        "receipts+acct_1Nq2Rk@payments.example", "Your receipt from Kontor GmbH #2211-4480",
        "Amount paid: 49.00 EUR\nSomething wrong with the email? View it in your browser: "
        "https://pay.example/r/1"),
    "newsletter@ with an unsubscribe link": mail(
        "newsletter@shop.example", "Unsere Angebote im März",
        "Nur diese Woche: 20 % auf alles. Abmelden: https://shop.example/u?id=1"),
    "Freshdesk's auto-acknowledgement header": mail(
        "support@vendor.freshdesk.example", "Ticket Received - Re: IP range announcement",
        "Dear customer,\nWe would like to acknowledge that we have received your request.\n"
        "Sincerely,\nSupport Team", headers={"X-FD-Email-Type": "ticket_auto_reply"}),
    "an iCalendar accept without text (Exchange)": calendar("REPLY"),
    "an iCalendar accept with generated text only": calendar(
        "REPLY", "Jana Peters has accepted this invitation.\n\nAbstimmung Serverumzug\n"
                 "When: Thu 12 Mar 2026 10:00 - 10:30"),
}

PEOPLE = {
    "root@ with an alert word and a request": mail(
        "root@web5.kunde.example", "Firing of the old admin: server status",
        "Our admin left, please reset the root password of web5.\nThanks, Max", name="root"),
    "ups@ of a parcel service's customer, asking": mail(
        "ups@versand.example", "UPS: power problem in rack 4",
        "Seit heute Nacht meldet unsere USV einen Fehler. Können Sie das prüfen?"),
    "veeam@ of a customer's admin, with a request": mail(
        "veeam@autohaus.example", "Backup Copy warning",
        "Bitte die Bandbreite für Cloud Connect erhöhen, danke.\nTom Krüger"),
    "a person from a no-reply-named form address, no link": mail(
        "no-reply-kontakt@kleinfirma.example", "Kontaktformular Test",
        "Hallo, das ist eine Testmail. Unser Kontaktformular verschickt keine Mails mehr. "
        "Bitte prüfen, danke. Moritz (Inhaber)"),
    "a person whose name holds 'noreply' as part of a word": mail(
        "noreplyka@kunde.example", "Server down", "Unser Server ist down. Bitte prüfen. Gruß"),
    "a customer's billing@, terse": mail(
        "billing@kunde.example", "Rechnung 2027-0042 doppelt abgebucht",
        "Rechnung 2027-0042 wurde doppelt abgebucht, Betrag 49 EUR."),
    "a customer's invoice@ with a link in the signature": mail(
        "invoice@kunde.example", "Rechnungsadresse ändern",
        "Bitte ändern Sie unsere Rechnungsadresse auf Hauptstr. 1.\nGrüße\nAnna\n"
        "https://kunde.example"),
    "a customer's news@ (a newsroom), asking": mail(
        "redaktion@zeitung.example", "Newsletter kommt nicht an",
        "Unser Newsletter an news@zeitung.example kommt nicht an. Woran liegt das?"),
    "a person mentions an X-FD header in words": mail(
        "tom@kunde.example", "Freshdesk auto reply",
        "Our Freshdesk sends X-FD-Email-Type ticket_auto_reply, can you whitelist it?"),
    "a person's invitation (.ics REQUEST) with their text": calendar(
        "REQUEST", "Hallo, ich lade Sie zur Abstimmung ein. Passt Donnerstag?\nGruß Jana",
        subject="Einladung: Abstimmung Serverumzug"),
    "a person sends an accept on (WG:)": calendar(
        "REPLY", subject="WG: Angenommen: Abstimmung Serverumzug"),
    "a person's accept with a question": calendar(
        "REPLY", "Ich habe zugesagt. Können wir eine halbe Stunde später beginnen?\nGruß Jana"),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_of_the_second_held_out_set(raw, sender):
    assert reasons(raw, sender), "taken for a person"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_stay_people(raw, sender):
    assert reasons(raw, sender) == ()
