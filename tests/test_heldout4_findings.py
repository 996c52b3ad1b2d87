"""Issue 21.5, the fourth held-out set's findings (tests/heldout4): machines recognised by their
structure, and the people's look-alikes beside them that must stay answered. First a person
writing from an alarm mailbox (alerts@), then notices sent through an ESP's or a helpdesk's
bounce envelope: only a person's answer (or plain request) signed with a name overrules it."""

from __future__ import annotations

import pytest

from gateway.rules.classify import Context, Envelope, classify
from gateway.rules.parse import parse_mail
from tests.conftest import make_mail

CTX = Context(own_addresses=frozenset({"technik@centron.de"}), loop_token="gw@centron.de")


def reasons(raw: bytes, sender: str) -> tuple:
    return classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), CTX).reasons


def mail(sender: str, subject: str, body: str, name: str = "", envelope: str = "",
         **kw) -> tuple[bytes, str]:
    return make_mail(subject=subject, body=body, sender=sender, name=name, **kw), envelope or sender


MACHINES = {
    "a helpdesk's acknowledgement as Re:, signed by a team (bounce+ envelope)": mail(
        "support@pixel.example", "Re: Abuse-Meldung zu 185.223.12.40 [#48213]",
        "Hi there,\n\nThanks for getting in touch! We've received your message and one of our "
        "team members will get back to you within one business day.\n\nYour conversation number "
        "is #48213.\n\nIn the meantime, you might find an answer in our Help Center: "
        "https://help.pixel.example\n\nCheers,\nThe Pixel Team",
        name="Pixel Support", envelope="bounce+3f2a1c@helpdesk.example"),
    "a case acknowledgement with a request, signed by the department (bounce@ envelope)": mail(
        "customercare@globex.example", "Case 00482913 has been created",
        "Dear Customer,\n\nThank you for contacting Globex Customer Care. Your case number is "
        "00482913.\n\nPlease do not change the subject line when replying.\n\nSincerely,\n"
        "Globex Customer Care", name="Globex Customer Care", envelope="bounce@case.crm.example"),
    "a ticket acknowledgement with 'Bitte' and thanks (bounce-zd- envelope)": mail(
        "service@baeckerei.desk.example", "[##4721##] Ihre Anfrage ist eingegangen",
        "Hallo,\n\nvielen Dank für Ihre Nachricht. Ihr Ticket wurde unter der Nummer #4721 "
        "angelegt.\n\nBitte geben Sie bei Rückfragen die Ticketnummer im Betreff an.\n\n"
        "Ihr Kundenservice der Bäckerei", envelope="bounce-zd-84729@desk.example"),
    "a network's notification with a footer question (bounce-1289 envelope)": mail(
        "mailrobot@mail.network.example", "Sabine Krüger möchte sich mit Ihnen vernetzen",
        "Hallo centron Vertrieb,\n\nSabine Krüger möchte sich mit Ihnen vernetzen.\n\n"
        "Kontaktanfrage ansehen: https://network.example/r\n\nSie möchten diese "
        "Benachrichtigungen nicht mehr erhalten? https://network.example/settings",
        name="Network", envelope="bounce-1289@mail.network.example"),
    "an e-signature notice with 'Bitte geben Sie ...' (bounces@ envelope)": mail(
        "dse_na3@sign.example", "Abgeschlossen: Bitte unterschreiben: Vertrag.pdf",
        "Alle Parteien haben das Dokument abgeschlossen.\n\nDOKUMENT ANZEIGEN: "
        "https://sign.example/s?a=7f2c\n\nKanzlei Mohr\n\nBitte geben Sie diesen Zugriffscode "
        "nicht an andere weiter.", name="Kanzlei Mohr via Sign", envelope="bounces@sign.example"),
    "a new notice signed with a name, but a link above the name (bounces+ envelope)": mail(
        "news@shop.example", "Neue Produkte im Januar",
        "Hallo,\n\nbitte sehen Sie sich unsere Neuheiten an: https://shop.example/neu\n\n"
        "Viele Grüße\nMaria Schulz", envelope="bounces+77-ab@mail.shop.example"),
    "alerts@ with a question but no sign-off": mail(
        "alerts@lager.example", "Disk usage 91 % on nas01",
        "Disk usage on nas01 is 91 %. Threshold exceeded?"),
    "alerts@ signing off without asking": mail(
        "alerts@lager.example", "Disk usage 91 % on nas01",
        "Disk usage on nas01 is 91 %.\n\nRegards\nMonitoring"),
}

PEOPLE = {
    "a person writing from the alarm mailbox (alerts@), asking and signing off": mail(
        "alerts@lager-schmitt.example", "Kamera-Mails kommen nicht mehr an",
        "Hallo centron-Team,\n\nich schreibe von unserem Alarm-Postfach: die Mails unserer "
        "Kamera kommen seit Freitag nicht mehr raus. Habt ihr etwas an Port 25 geändert?\n\n"
        "Danke und Gruß\nTobias Schmitt", name="Alerts Schmitt Lager"),
    "notifications@ of a person with a request": mail(
        "notifications@kunde.example", "Relay für unseren Server",
        "Bitte schalten Sie das Relay für 185.1.2.3 frei.\nViele Grüße\nJana"),
    "an agent's answer through a helpdesk's VERP, In-Reply-To and no Re:": mail(
        "support@reseller.desk.example", "Ticket #48812: RAM upgrade",
        "Hello centron team,\n\nthe customer agrees, please go ahead tonight.\n\n"
        "Best regards,\nFelix Neumann\nReseller Support",
        envelope="bounces+3312801-9a1b-technik=centron.de@emailus.desk.example",
        headers={"In-Reply-To": "<gw.abc@centron.de>"}),
    "an agent's answer (AW:) through a helpdesk's bounce- envelope, signing 'Gruß Laura'": mail(
        "support@cloudhaus.desk.example", "AW: Reverse DNS für 185.223.14.22",
        "Hallo,\n\ndanke, der PTR-Eintrag passt jetzt. Infos: https://cloudhaus.example/ptr\n\n"
        "Gruß Laura", envelope="bounce-zd-1177@desk.example"),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_of_the_fourth_held_out_set(raw, sender):
    assert reasons(raw, sender), "taken for a person"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_stay_people(raw, sender):
    assert reasons(raw, sender) == ()
