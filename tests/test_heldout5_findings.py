"""Issue 21.5, the fifth held-out set's findings (tests/heldout5): machines recognised by their
structure, and the people's look-alikes beside them that must stay answered."""

from __future__ import annotations

import pytest

from tests.findings import attached, mail, reasons

# A FortiGate alert's log record
LOG = ('date=2026-01-25 time=11:04:19 devname="FGT-HQ" devid="FGT60FTK2209A1B2" '
       'logid="0100032002" type="event" subtype="system" level="alert" '
       'logdesc="Admin login failed" user="admin" srcip=45.95.147.222 action="login" '
       'status="failed"')

MACHINES = {
    "a message class naming the autoresponder beside a bare 'Auto-Reply:'": mail(
        "budi@tekstil.example", "Auto-Reply: Re: Invoice 2026-00187",
        "Terima kasih atas email Anda.\n\nSaya sedang cuti sampai tanggal 27 Januari 2026.\n\n"
        "Salam,\nBudi", name="Budi Santoso",
        headers={"X-POST-MessageClass": "9; Autoresponder"}),
    "the autoresponder program as Delivered-To beside a bare 'Auto reply:'": mail(
        "jh.park@soft.example", "Auto reply: Re: VPN connection issue",
        "안녕하세요.\n\n1월 30일까지 휴가로 인해 메일 확인이 어렵습니다.\n\n박지훈 드림",
        headers={"Delivered-To": "Autoresponder"}),
    "a backup product's job report in its own name": mail(
        "bareos@backup01.kunde.example", "Bareos: Backup Error of fs01-fd Incremental",
        "  JobId:                  18842\n  Client:                 \"fs01-fd\"\n"
        "  Termination:            *** Backup Error ***", name="Bareos"),
    "a SIEM's alert": mail(
        "wazuh@siem.kunde.example", "Wazuh notification - (web01) - Alert level 10",
        "Wazuh Notification.\nRule: 5712 fired (level 10) -> \"sshd: brute force\"", name="Wazuh"),
    "a virtualisation manager's alarm by its address": mail(
        "vcenter@vc01.kunde.example", "[VMware vCenter - Alarm] Host connection and power state",
        "Target: esx03.kunde.local\nPrevious Status: Green\nNew Status: Red"),
    "an alerting service's alert": mail(
        "opsgenie@eu.opsgenie.example", "[Opsgenie] Alert: HighLoad on vps-app-07 - P2",
        "Alert: HighLoad on vps-app-07\nPriority: P2\nSource: Prometheus", name="Opsgenie"),
    "an endpoint security console's threat notice (German)": mail(
        "eset@praxis.example", "ESET PROTECT: Bedrohung auf PC-EMPFANG-02",
        "Bedrohung gefunden\nComputer: PC-EMPFANG-02\nAktion: Verbindung getrennt",
        name="ESET PROTECT"),
    "a router's event in its own name": mail(
        "lancom@autohaus.example", "LANCOM 1900EF - Backup-Verbindung aktiv",
        "Ereignis: Die Hauptverbindung wurde getrennt. Die Backup-Verbindung ist aktiv.",
        name="LANCOM 1900EF"),
    "a backup report whose error record says 'please run repair'": mail(
        "duplicati@nas.kunde.example", "Duplicati Backup report for Fotos",
        "Failed: Found 2 remote files that are not recorded in local storage, please run repair\n"
        "Log data:\n2026-01-26 22:00:14 +01 - [Error-FilelistProcessor]: please run repair"),
    "a helpdesk's 'a support ticket was created' with its number, signed by the team": mail(
        "support@it-service.example", "Support Ticket Opened [#482193]",
        "Sehr geehrte(r) centron Support,\n\nein Support-Ticket wurde mit der Nummer #482193 "
        "erstellt. Ein Mitarbeiter wird sich so bald wie möglich bei Ihnen melden.\n\n"
        "Ihr Kunde-IT Support-Team", name="Support Kunde-IT"),
    "a service desk's 'Ihre Meldung ... wurde registriert' with a spaced number": mail(
        "servicedesk@landkreis.example", "Ihre Meldung I 2601 337 wurde registriert",
        "Sehr geehrte Damen und Herren,\n\nIhre Meldung wurde unter der Nummer I 2601 337 "
        "registriert.\n\nBitte geben Sie bei Rückfragen immer die Meldungsnummer an.\n\n"
        "Mit freundlichen Grüßen\nIhr IT-Servicedesk"),
    "a postmaster's failure notice signed 'Regards, Postmaster' with a request": mail(
        "postmaster@isp.example", "Delivery Status Notification (Failure)",
        "Your message to kunde@isp.example could not be delivered: mailbox full.\n\n"
        "Please contact the recipient by other means.\n\nRegards,\nPostmaster",
        name="Postmaster"),
    "a CERT's report of open services, a list attached, signed by the team": attached(mail(
        "reports@reports.cert.example", "[CB-Report#20260119-10021984] Offene Redis-Server",
        "Sehr geehrte Damen und Herren,\n\nein offen erreichbarer Redis-Server kann von "
        "Angreifern missbraucht werden. Wir möchten Sie bitten, den Sachverhalt zu prüfen.\n\n"
        "Mit freundlichen Grüßen\nTeam CERT", name="CERT Reports"), "text/csv", "report.csv"),
    "a takedown service's phishing notice with no attachment": mail(
        "incident@takedown.example", "Phishing attack hosted on 185.52.3.91 [4b7e1f0c92aa]",
        "We have detected a phishing attack hosted on your network:\n\n"
        "    http://paket.vps2291.example/track\n\nIf you believe this report was sent in "
        "error, please reply to this email.\n\n--\nTakedown Service", name="Takedown"),
    "a firewall's log record from a sender named after its host": mail(
        "fgt-hq@kunde.example", "Message meets Alert condition",
        "Message meets Alert condition\n" + LOG),
    "a mail server's free-text failure with the original quoted as a client does": mail(
        "mailserver@stadtwerke.example", "Nachricht konnte nicht zugestellt werden",
        "Ihre Nachricht konnte nicht zugestellt werden.\n\nEmpfänger: k.becker@stadtwerke.example\n"
        "Grund: Das Postfach existiert nicht mehr.\n\n---- Ursprüngliche Nachricht ----\n"
        "Von: centron Support <technik@centron.de>\nGesendet: 15.01.2026 13:55\n"
        "Betreff: Re: Störung Kundenportal\n\n> Die Störung ist behoben."),
}

PEOPLE = {
    "a customer writing to an autoresponder address, about the autoresponder": mail(
        "lena@kunde.example", "Auto reply: funktioniert nicht",
        "Hallo,\n\nunser Autoresponder auf info@ antwortet nicht mehr. Könnt ihr schauen?\n\n"
        "Gruß Lena", name="Lena Kunz",
        headers={"Delivered-To": "autoresponder@kunde.example", "X-POST-MessageClass": "1; Standard"}),
    "a backup vendor's support answering, signed": mail(
        "support@bareos.example", "Backup Error bei Ihrem Job fs01",
        "Hallo,\n\nder Fehler kommt vom Storage-Daemon.\n\nViele Grüße\nJörg Steffens",
        name="Bareos Support"),
    "a customer writing from the vcenter mailbox with a question": mail(
        "vcenter@kunde.example", "vCenter Alarm seit heute früh",
        "Hallo, bei uns meldet der vCenter seit heute früh einen Alarm für esx03. Ist bei euch "
        "etwas im Netz?\n\nGruß Timo"),
    "a security vendor's sales mail, signed": mail(
        "vertrieb@eset.example", "Ihre Lizenzen: Bedrohungsschutz verlängern",
        "Sehr geehrte Damen und Herren,\n\nIhre Lizenzen laufen aus.\n\nMit freundlichen Grüßen\n"
        "Sandra Vogel", name="ESET Vertrieb"),
    "a person writing from a backup product's mailbox with a request": mail(
        "duplicati@kunde.example", "Backup failed seit gestern",
        "Backup failed. Bitte prüfen, der Storage ist nicht erreichbar."),
    "a customer: a ticket was created on our side, nothing happened since": mail(
        "einkauf@kunde.example", "Ticket #48213",
        "Hallo,\n\nein Ticket wurde bei uns unter #48213 erstellt, seitdem hat sich niemand "
        "gemeldet. Das dauert jetzt schon drei Tage.\n\nBrenner"),
    "a customer quoting the number of a registered report (Meldung) they made": mail(
        "office@kunde.example", "Meldung I 2601 337",
        "Guten Tag,\n\nmeine Meldung wurde unter I 2601 337 registriert, aber der Server ist "
        "weiterhin nicht erreichbar.\n\nSabine Wolf"),
    "a customer's postmaster asking about DSNs, with a pasted 550 line, signed with a name": mail(
        "postmaster@greenfield.example", "Delivery status notification for our domain - why rejected?",
        "Hi,\n\nWe're getting delivery status notifications for everything we send to Microsoft "
        "since yesterday:\n\n  550 5.7.1 Unfortunately, messages from [185.52.4.66] weren't "
        "sent.\n\nCould you request delisting?\n\nThanks,\nOwen Davies\nIT, Greenfield Foods",
        name="Postmaster"),
    "an admin as 'Mail Delivery System' asking about 'Undeliverable', signed with a name": mail(
        "mail@kunde.example", "Undeliverable mail to gmx addresses",
        "Hallo,\n\nalle Mails an gmx.de kommen als undeliverable zurück. Könnt ihr das prüfen?\n\n"
        "Viele Grüße\nJan Becker", name="Mail Delivery System"),
    "a CERT analyst's report signed with a name": mail(
        "incident@cert.example", "Compromised host in your network 185.52.3.91",
        "Hello,\n\nwe observed botnet traffic from 185.52.3.91. Please have a look.\n\n"
        "Best regards,\nJohn Smith\nCERT Example"),
    "a customer's security team asking whether their server is compromised": mail(
        "security-alerts@kunde.example", "Phishing auf unserem Server?",
        "Hallo, unser Scanner meldet Phishing-Seiten auf vps2291. Ist der Server kompromittiert? "
        "Bitte um Rückmeldung."),
    "a customer pasting the firewall's log record with a request": mail(
        "it@kunde.example", "Alert auf der Firewall",
        LOG + "\n\nDas kommt seit heute früh. Bitte prüfen, ob das von euch kommt."),
    "a terse error report with only a long link": mail(
        "max@kunde.example", "Fehler beim Login",
        "https://portal.example/login?a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9"),
    "a customer's admin writing from mailserver@ about failures, signed with a name": mail(
        "mailserver@kunde.example", "Mails konnten nicht zugestellt werden",
        "Hallo,\n\nseit heute früh konnten Mails an t-online nicht zugestellt werden. Könnt ihr "
        "schauen, ob unsere IP gelistet ist?\n\nDanke und Gruß\nMarkus Lenz"),
    "a plain complaint from a team's reports mailbox with a request and a greeting": mail(
        "reports@kunde.example", "Spam über Ihr Relay",
        "Hallo,\n\nwir bekommen seit gestern Spam über Ihr Relay relay2. Bitte abstellen.\n\n"
        "Gruß\nTeam IT"),
    "a customer: a ticket was created, nothing happened, without I or we": mail(
        "sam@kunde.example", "Ticket #12345",
        "A ticket has been created for this issue (#12345) three days ago. Nothing happened "
        "since, the server is still down.", name="Sam Patel"),
    "a terse outage report from a person whose surname is a security vendor's name": mail(
        "jan.kaspersky@kunde.example", "Server down", "Server down seit 8 Uhr.",
        name="Kaspersky Jan"),
}


@pytest.mark.parametrize("case", sorted(MACHINES))
def test_machine_is_recognised(case):
    raw, sender = MACHINES[case]
    assert reasons(raw, sender), case


@pytest.mark.parametrize("case", sorted(PEOPLE))
def test_person_is_answered(case):
    raw, sender = PEOPLE[case]
    assert reasons(raw, sender) == (), case
