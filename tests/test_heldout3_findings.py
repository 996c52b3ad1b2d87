"""Issue 21.5, the third held-out set's findings (tests/heldout3): machines recognised by their
structure, and the people's look-alikes beside them that must stay answered. First of all a
person's mail sent through a helpdesk whose envelope is its ESP's bounce address (VERP)."""

from __future__ import annotations

import pytest

from tests.findings import mail, reasons

FRESHDESK_VERP = "bounces+3312801-9a1b-technik=centron.de@emailus.freshservice.example"


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
    "an application's default sender (wordpress@), a password reset": mail(
        "wordpress@kunde-blog.example", "[Kunde Blog] Passwort-Reset",
        "Jemand hat das Zurücksetzen des Passworts angefordert.\nFalls dies ein Fehler war, "
        "ignoriere einfach diese E-Mail.\nhttps://kunde-blog.example/wp-login.php?action=rp",
        name="WordPress"),
    "gitlab@ with a pipeline notice": mail(
        "gitlab@git.kunde.example", "kunde/shop | Pipeline #4412 has failed for main",
        "Pipeline #4412 has failed!\nProject: kunde/shop\nBranch: main"),
    "a UPS manager by its display name": mail(
        "eaton-ipm@klinik.example", "[IPM] 9PX 3000: Utility power failure",
        "Event: Utility power failure\nStatus: On battery", name="Intelligent Power Manager"),
    "a printer by its display name, a toner report": mail(
        "empfang@immobilien.example", "Toner niedrig - Status Report",
        "Modell: ECOSYS M5526cdw\nStatus: Toner wenig (K)", name="ECOSYS M5526cdw"),
    "a printer by its address": mail(
        "printer@immobilien.example", "Paper jam in tray 2", "Device: HP LaserJet M404\nTray 2"),
    "a controller's 'was disconnected'": mail(
        "unifi@hotel.example", "[UniFi Network] AP-Lobby was disconnected",
        "AP-Lobby was disconnected at 10:14 PM.", name="UniFi Network"),
    "a server as sender, named in the subject, an event report with 'Please review'": mail(
        "srv-fs01@autohaus.example", "SRV-FS01 Backup Status",
        "Log Name:      Microsoft-Windows-Backup\nSource:        Microsoft-Windows-Backup\n"
        "Event ID:      5\nLevel:         Error\nDescription:\nThe backup operation has failed. "
        "Please review the event details for a solution."),
    "a report that says it is automated": mail(
        "scans@security-reports.example", "[Reports] Accessible RDP Report: 2026-01-14",
        "Report type: scan_rdp\nNumber of events: 3\nMore information: https://reports.example/rdp"
        "\n\nThis is an automated report. You are subscribed to reports for this network."),
    "an automatic report sender (autoreports@)": mail(
        "autoreports@security-reports.example", "Accessible RDP Report: 2026-01-14",
        "Report type: scan_rdp\nDetails: https://reports.example/rdp"),
    "a declared notice signed by the company (Ihre Telekom from @telekom)": mail(
        "rechnungonline@telekom.example", "Ihre RechnungOnline Januar 2026",
        "Guten Tag,\n\nim Anhang finden Sie Ihre aktuelle Rechnung.\n\nFreundliche Grüße\n"
        "Ihre Telekom\n\nDiese E-Mail wurde automatisch erstellt. Bitte antworten Sie nicht auf "
        "diese E-Mail."),
    "a declared notice signed by a team": mail(
        "billing@shop.example", "Your invoice 2026-01",
        "Your invoice is attached.\n\nBest regards,\nYour Acme team\n\n"
        "This is an automatically generated message. Please do not reply."),
    # HubSpot is a CRM too: there its envelope counts beside an unsubscribe (tests/heldout14,
    # tests/heldout15: customers writing one to one from it; tests/test_crm_one_to_one.py)
    "a sales sequence without list headers, from a marketing platform's envelope": mail(
        "jessica@cloudmetrics.example", "Quick question about your monitoring",
        "Hi there,\nwould you be open to a 15-minute demo next week?\nBest,\nJessica\n\n"
        "Unsubscribe from these emails", name="Jessica from CloudMetrics",
        envelope="1axbtuif5a3bfyg5@bf08x.hubspotemail.net"),
    "the same, its Message-ID on the platform's domain, the From as envelope": mail(
        "jessica@cloudmetrics.example", "Quick question about your monitoring",
        "Hi there,\nwould you be open to a 15-minute demo next week?\nBest,\nJessica\n\n"
        "Unsubscribe from these emails", message_id="<aa37baecc9b80bfb.9@bf08x.hubspotemail.net>"),
    "a campaign platform's envelope (Mailchimp) needs no unsubscribe to count": mail(
        "jessica@cloudmetrics.example", "Quick question about your monitoring",
        "Hi there,\nwould you be open to a 15-minute demo next week?\nBest,\nJessica",
        name="Jessica from CloudMetrics",
        envelope="bounce-mc.us5_1234.5678-technik=centron.de@mail5.mcsv.net"),
    "a campaign header": mail(
        "anna@shop.example", "Neu im Shop", "Hallo, schauen Sie sich unsere Neuheiten an! Anna",
        headers={"X-Mailjet-Campaign": "spring-2026"}),
    "a client rule's absence answer (Re:, no header)": mail(
        "dan@photo.example", "Re: Your server will be restarted on 20 January",
        "I'm currently on a photo shoot in Iceland with no internet access and will be back on "
        "January 28. I will reply to your email when I return.\n\nFor bookings please contact "
        "studio@photo.example.\n\n-- Dan", name="Dan Whitaker"),
    "a client rule's absence answer in German (AW:)": mail(
        "jana@kanzlei.example", "AW: Wartungsfenster am 20.01.",
        "Guten Tag,\n\nich bin bis zum 28.01. im Urlaub und habe keinen Zugriff auf meine E-Mails. "
        "Ihre Nachricht wird nach meiner Rückkehr bearbeitet. In dringenden Fällen wenden Sie sich "
        "bitte an info@kanzlei.example.\n\nJana Peters"),
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
    "wordpress@ of a site owner, with a request": mail(
        "wordpress@kunde-verein.example", "Mails der Website kommen nicht an",
        "Seit gestern kommen die Mails unserer Website nicht mehr an. Bitte prüfen, danke.\nTom"),
    "a server's address used by its admin, with a greeting": mail(
        "srv-fs01@autohaus.example", "SRV-FS01 backup failed",
        "Hallo, das Backup auf SRV-FS01 schlägt seit Montag fehl.\nGruß Tom"),
    "a person whose address has a digit, the subject not naming it": mail(
        "tom1980@kunde.example", "Backup failed", "Our nightly backup failed again."),
    "a printer vendor's support, signing off": mail(
        "support@drucker-service.example", "Toner report for your ECOSYS",
        "your toner report is attached.\nBest regards,\nJan", name="Kyocera Document Solutions"),
    "a controller's alert sent on with a question": mail(
        "it@hotel.example", "AP-Lobby was disconnected", "Our AP keeps disconnecting, can you "
        "check the uplink?", name="UniFi Network"),
    "a scan from the office's scanner@ (no monitoring subject)": mail(
        "scanner@kanzlei.example", "Gescanntes Dokument", "Scan vom 24.01.2026", name="Scanner"),
    "a person who says 'do not reply' and signs with their own name": mail(
        "max@mueller.example", "Neue Adresse",
        "Hallo, unser Mailserver zieht um. Bitte antworten Sie nicht auf diese E-Mail, sondern "
        "an neu@mueller.example.\n\nMit freundlichen Grüßen\nIhr Max Mueller"),
    "a team's notice with 'do not reply' and a request of the reader": mail(
        "it@kunde.example", "Neue Adresse",
        "Unsere Adresse ändert sich. Bitte antworten Sie nicht auf diese E-Mail, sondern an "
        "neu@kunde.example. Bitte passen Sie unsere Kundendaten an.\n\nViele Grüße\n"
        "Ihr Kunde-IT-Team"),
    "a person who writes 'automated report' and asks": mail(
        "tom@kunde.example", "Report",
        "This is an automated report from our monitoring. It says disk full\n\nRegards, Tom"),
    "an agent's answer through a transactional relay (SendGrid's X-SG-EID)": mail(
        "support@kunde-reseller.freshdesk.example", "Re: Ticket #48812 - RAM upgrade",
        "Can you raise the RAM of vm-res-1120 tonight?\nBest regards,\nFelix Neumann",
        envelope=FRESHDESK_VERP, headers={"X-SG-EID": "u001.abc", "X-FD-Email-Type": "ticket_reply"}),
    "a person naming a marketing platform in words": mail(
        "tom@kunde.example", "Mails von hubspotemail.net blockiert?",
        "Unsere Mails über bf08x.hubspotemail.net kommen bei Ihnen nicht an. Woran liegt das?"),
    "a person on a domain that only ends like a platform's": mail(
        "tom@newmcsv.net", "Server down", "Unser Server ist nicht erreichbar. Gruß Tom"),
    "an answer: away, and asks for something": mail(
        "dan@photo.example", "Re: Your server will be restarted on 20 January",
        "I'm on vacation with no internet access and will be back on January 28. Please postpone "
        "the restart until then.\n-- Dan"),
    "an answer: away, and says what suits them": mail(
        "jana@kanzlei.example", "AW: Wartung am 20.",
        "Ich bin bis zum 28. im Urlaub und danach wieder erreichbar. Die Wartung am 20. passt "
        "uns gut.\nJana"),
    "an answer: away, with a question": mail(
        "dan@photo.example", "Re: restart",
        "I'm out of the office until Monday and will be back on Tuesday. Can it wait until then?"),
    "an answer: away, quoting what it answers": mail(
        "dan@photo.example", "Re: restart",
        "I'm on vacation, will be back on January 28.\n\nOn 15 Jan 2026, centron Technik "
        "<technik@centron.de> wrote:\n> Your server will be restarted on 20 January."),
    "an answer: away, with thanks": mail(
        "dan@photo.example", "Re: restart",
        "Thanks for letting me know. I'm on vacation and will be back on January 28.\nDan"),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_of_the_third_held_out_set(raw, sender):
    assert reasons(raw, sender), "taken for a person"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_stay_people(raw, sender):
    assert reasons(raw, sender) == ()
