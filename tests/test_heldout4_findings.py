"""Issue 21.5, the fourth held-out set's findings (tests/heldout4): machines recognised by their
structure, and the people's look-alikes beside them that must stay answered. First a person
writing from an alarm mailbox (alerts@), then notices sent through an ESP's or a helpdesk's
bounce envelope: only a person's answer (or plain request) signed with a name overrules it."""

from __future__ import annotations

import pytest

from tests.findings import attached, mail, reasons

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
    "a UPS application's notice (powerpanel@, 'PowerPanel Business')": mail(
        "powerpanel@srv-dc.autohaus.example", "[PowerPanel] Utility power failure.",
        "Event: Utility power failure.\nThe UPS is running on battery power.\nDevice: CP1500",
        name="PowerPanel Business"),
    "a helpdesk application's new ticket (glpi@)": mail(
        "glpi@helpdesk.stadtwerke.example", "[GLPI #0003811] Neues Ticket Serverwartung",
        "URL : https://helpdesk.stadtwerke.example/front/ticket.form.php?id=3811\n\n"
        "Titel : Serverwartung 20.01.\nStatus : Neu", name="GLPI Stadtwerke"),
    "a line 'Automatisch generierte Mail von ...' from an unknown sender": mail(
        "tickets@helpdesk.stadtwerke.example", "Neues Ticket Serverwartung",
        "Titel : Serverwartung 20.01.\nStatus : Neu\n\nAutomatisch generierte Mail von GLPI"),
    "a home automation's alarm, no monitoring word (homeassistant@)": mail(
        "homeassistant@smarthome.example", "Wassermelder Keller: Wasser erkannt!",
        "Wassermelder Keller hat um 03:12 Wasser erkannt.\n\n-- Home Assistant",
        name="Home Assistant"),
    "a camera's motion alarm (kamera@, no display name)": mail(
        "kamera@lager.example", "Motion Detection Alarm",
        "This is an automatically assigned message from device IPCamera 01.\n"
        "EVENT TYPE:  Motion Detection"),
    "a camera by its maker's display name": mail(
        "lager@lager.example", "Bewegung erkannt", "Kanal 1: Bewegung erkannt 02:14",
        name="Reolink NVR"),
    "a server management board (idrac-r640-01@), the subject not naming it": mail(
        "idrac-r640-01@srv.kanzlei.example", "Alert from iDRAC: PSU0003, Power supply 1 is lost.",
        "Message ID: PSU0003\nMessage: Power supply 1 is lost.\nRecommended Action: Check the "
        "input power cable of PSU 1."),
    "router@ with the maker in the subject": mail(
        "router@hq.imbiss.example", "MikroTik: host 10.0.0.20 down",
        "netwatch: host 10.0.0.20 (kasse-nas) is down since jan/12/2026 10:02:17"),
    "firewall@ naming its own host in the subject": mail(
        "firewall@gw.metzgerei.example", "gw.metzgerei.example - Notification",
        "Notifications in this message: 2\n09:51:03 MONITOR: WAN_DHCP is down"),
    "a phone system's voicemail with the recording": attached(mail(
        "voicemail@telefon.example", "Neue Sprachnachricht von 0171 2384411 (0:42)",
        "Anrufer: 0171 2384411\nDauer: 0:42\nDie Nachricht finden Sie im Anhang.",
        name="Telefon Voicemail"), "audio/x-wav", "voicemail.wav"),
    "a network's notice from mailrobot@ (From as envelope)": mail(
        "mailrobot@mail.network.example", "Sabine Krüger möchte sich mit Ihnen vernetzen",
        "Sabine Krüger möchte sich mit Ihnen vernetzen.\nAnsehen: https://network.example/r"),
    "a scanner's scan-to-mail with the scan attached": attached(mail(
        "scanner-og@steuer.example", "Gescanntes Dokument von MFC-L8900CDW",
        "Scanned from MFC-L8900CDW\nDate: 12.01.2026 10:11\nPages: 2",
        name="Brother MFC-L8900CDW"), "application/pdf", "img-260112101130.pdf"),
    "a Notes return receipt in plain text": mail(
        "r.hoffmann@stadt.example", "Return Receipt",
        "Your document: Wartungsankündigung 20.01.2026\nwas received by: Robert Hoffmann/Stadt\n"
        "at: 12.01.2026 10:44:02", name="Robert Hoffmann"),
    "a ChoiceMail challenge from its registration address": mail(
        "registration@choicemail.praxis.example", "Re: Wartungsfenster",
        "Hello,\n\nI am using ChoiceMail, a program that only accepts mail from people I know.\n"
        "Your message has been held. To get your message delivered, please click the link below "
        "and fill in the short registration form:\n\nhttps://reg.choicemail.example/r?id=8a7f\n\n"
        "You only need to do this once.\n\nThank you.", name="Dr. Weber"),
    "a shop's order confirmation signed by its team (CRLF lines)": mail(
        "shop@buero.example", "Ihre Bestellung bei Bürobedarf Klein (Nr. 100482)",
        "Hallo centron GmbH,\r\n\r\nvielen Dank für Ihre Bestellung (Nummer: 100482).\r\n\r\n"
        "1  Toner TK-5270K  2  89,90 €\r\n\r\nDen Status Ihrer Bestellung können Sie jederzeit "
        "im Bereich \"Mein Konto\" abrufen.\r\n\r\nMit freundlichen Grüßen\r\n"
        "Ihr Team von Bürobedarf Klein\r\n", name="Bürobedarf Klein"),
    "an English order confirmation, no sign-off": mail(
        "store@shop.example", "Your order #1042 is confirmed",
        "Thank you for your order! We'll let you know when it ships.\n\n1 x USB-C cable  9.90"),
    "a declared notice signed by a team, CRLF lines": mail(
        "billing@shop.example", "Your invoice 2026-01",
        "Your invoice is attached.\r\n\r\nBest regards,\r\nYour Acme team\r\n\r\n"
        "This is an automatically generated message. Please do not reply."),
    "an e-signature service's notice from its sending address (dse_na3@)": mail(
        "dse_NA3@sign.example", "Abgeschlossen: Vertrag.pdf",
        "Alle Parteien haben das Dokument abgeschlossen.\nhttps://sign.example/s?a=7f2c\n\n"
        "Bitte geben Sie diesen Zugriffscode nicht weiter.", name="Kanzlei Mohr via Sign"),
    "a helpdesk's acknowledgement as Re:, from the company's own address": mail(
        "support@pixel.example", "Re: Abuse-Meldung zu 185.223.12.40 [#48213]",
        "Hi there,\n\nThanks for getting in touch! We've received your message and one of our "
        "team will get back to you.\n\nYour conversation number is #48213.\n\n"
        "Help Center: https://help.pixel.example\n\nCheers,\nThe Pixel Team"),
    "a CRM's case acknowledgement, signed by the department": mail(
        "customercare@globex.example", "Case 00482913 has been created",
        "Dear Customer,\n\nThank you for contacting Globex Customer Care. Your case number is "
        "00482913.\n\nPlease do not change the subject line when replying.\n\nSincerely,\n"
        "Globex Customer Care"),
    "a German ticket acknowledgement, no sign-off": mail(
        "service@baeckerei.desk.example", "[##4721##] Ihre Anfrage ist eingegangen",
        "Hallo,\n\nvielen Dank für Ihre Nachricht. Ihr Ticket wurde unter der Nummer #4721 "
        "angelegt.\nBitte geben Sie bei Rückfragen die Ticketnummer im Betreff an.\n\n"
        "Ihr Kundenservice der Bäckerei"),
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
    "firewall@ of a customer who asks": mail(
        "firewall@kunde.example", "Firewall blockiert Port 443",
        "Unsere Firewall blockiert seit heute Port 443, könnt ihr prüfen?"),
    "router@ naming its maker, with a sign-off": mail(
        "router@kunde.example", "MikroTik Konfiguration",
        "Hallo, wir stellen auf einen MikroTik um und brauchen die Zugangsdaten.\nGruß Tom"),
    "gateway@ with the maker in the subject, asking": mail(
        "gateway@kunde.example", "pfSense hinter eurem Router",
        "Kann man eine pfSense hinter euren Router hängen?"),
    "kamera@ of a person asking about the camera's mails": mail(
        "kamera@lager.example", "Motion Detection Alarm kommt nicht an",
        "Seit Freitag kommen die Alarme der Kamera nicht mehr an. Bitte prüfen."),
    "a person named Ilona (not ilo@)": mail(
        "ilona@kunde.example", "Server down", "Der Server ist down."),
    "a person named Ilo, first.last address, terse": mail(
        "ilo.meyer@kunde.example", "Server down", "Der Server ist down.", name="Ilo Meyer"),
    "a person named Cam, terse": mail(
        "cam.smith@kunde.example", "Camera alarm", "The camera alarm fired.", name="Cam Smith"),
    "gw@ of a person (initials), naming the own domain in the subject": mail(
        "gw@weber.example", "weber.example umziehen", "Die Domain soll zu euch umziehen.",
        name="Gerhard Weber"),
    "glpi@ of an admin with a request": mail(
        "glpi@helpdesk.stadtwerke.example", "GLPI Mails kommen nicht an",
        "Bitte prüft, warum die Mails unseres GLPI nicht ankommen. Danke, Jan"),
    "voicemail@ without a recording, asking": mail(
        "voicemail@kunde.example", "Voicemail-Mails", "Unsere Voicemail-Mails kommen nicht an"),
    "a person quoting 'automatisch generierte Mail' in a sentence": mail(
        "tom@kunde.example", "Shop-Mails",
        "Hallo, die automatisch generierte Mail von unserem Shop kommt nicht an."),
    "a person whose own line starts 'Automatisch generierte Mail' and asks": mail(
        "tom@kunde.example", "Shop-Mails",
        "Automatisch generierte Mail von unserem Shop kommt nicht an, warum?"),
    "a scan sent on by a person, with a sign-off": attached(mail(
        "scanner@kanzlei.example", "Gescanntes Dokument", "Anbei der Vertrag.\nGruß Jana",
        name="Scanner"), "application/pdf", "scan.pdf"),
    "a person asking about return receipts": mail(
        "tom@kunde.example", "Return Receipt",
        "Your document: the receipts we get say 'was received by:' only. Why?"),
    "a person whose spam filter only accepts known senders, asking": mail(
        "tom@kunde.example", "Spamfilter",
        "Our new filter is a program that only accepts mail from people I know. Your message has "
        "been held, see https://filter.example. Can you whitelist us?"),
    "a shop owner writing about their order": mail(
        "inhaber@laden.example", "Unsere Bestellung Nr. 100482",
        "Hallo, zu unserer Bestellung 100482 fehlt noch die Rechnung. Gruß Petra Klein"),
    "a shop's clerk confirming by hand, signing with a name": mail(
        "shop@buero.example", "Ihre Bestellung Nr. 100482",
        "Hallo,\r\nvielen Dank für Ihre Bestellung. Der Toner kommt am Freitag.\r\n\r\n"
        "Viele Grüße\r\nPetra Klein\r\n"),
    "a customer thanking a shop and asking about the order": mail(
        "tom@kunde.example", "Ihre Bestellung 100482",
        "Danke für Ihre Bestellung-Mail. Wann wird geliefert?"),
    "a partner's agent confirming a ticket by hand, signing with a name": mail(
        "support@reseller.example", "Re: Ticket #4711",
        "Your ticket #4711 has been created on our side, we do it tonight.\n\nBest regards,\n"
        "Felix Neumann"),
    "a customer whose own ticket was created, nothing happens": mail(
        "tom@kunde.example", "Ticket 48213", "Unser Ticket 48213 wurde angelegt, aber es passiert "
        "nichts."),
    "a customer answering our acknowledgement, quoting it": mail(
        "uwe@autohaus.example", "Re: [Ticket#2026011210000123] Ihre Anfrage ist eingegangen",
        "Das Problem ist immer noch da, die USV piept.\n\nUwe Krämer\n\n"
        "Am 12.01.2026 schrieb technik@centron.de:\n> Ihre Anfrage ist eingegangen. Ihr Ticket "
        "wurde unter der Nummer 2026011210000123 angelegt."),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_of_the_fourth_held_out_set(raw, sender):
    assert reasons(raw, sender), "taken for a person"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_stay_people(raw, sender):
    assert reasons(raw, sender) == ()
