"""Issue 21, the eighth held-out set's findings (tests/heldout8): machines that were answered
(appliances and server software from a bare host-named or product-named address, Exchange's
system mailbox, a security code from a *-noreply@ address); beside each fix the people's
look-alikes that must stay answered."""

from __future__ import annotations

from tests.findings import attached, findings_tests, mail

ONBOARDING = (
    "Hey there,\n\nI noticed you created a status page last week but haven't connected a custom "
    "domain yet.\n\nWould a quick 15-minute call help? You can pick a slot here: "
    "https://saas.example/demo\n\nCheers,\nTomas\nCustomer Success @ SaaS\n\n")

MACHINES = {
    "a backup product's alert from its own name, fields and an error code": mail(
        "backupexec@bkp01.kanzlei.example", 'Backup Exec Alert: Job Failed (Server: "BKP01")',
        "Job Failed\nServer: BKP01\nJob: FS01-Full\nJob Log: C:\\BEX_BKP01_01882.xml\n\n"
        "Final error: 0xe00084f4 - An error occurred while processing a B-Tree structure.\n",
        name="Backup Exec"),
    "a storage system's AutoSupport from a bare autosupport@, with its archive": attached(mail(
        "autosupport@fs01.stadtwerke.example", "HA Group Notification from fs01-a (DISK "
        "REDUNDANCY FAILED) ERROR", "Cluster Name: fs01\nNode Name: fs01-a\nModel: FAS2750\n"
        "Message: raid.vol.disk.missing: Disk 1.0.11 is missing\n", name=""),
        "application/x-7z-compressed", "autosupport.7z"),
    "a hosting panel's limit notice from plesk@ of a web server, a request to log in": mail(
        "plesk@web17.hoster.example", "Ressourcennutzung des Abonnements bauer.example hat das "
        "Limit überschritten", "Die Ressourcennutzung des Abonnements hat die Limits überschritten:"
        "\n\nSpeicherplatz: 10.4 GB von 10 GB\nTraffic: 38.1 GB von 100 GB\nKunde: Bauer GmbH\n"
        "Abonnement: bauer.example\n\nBitte melden Sie sich bei Plesk an: "
        "https://web17.hoster.example:8443\n", name=""),
    "a server board's IPMI alert from ipmi-node07@, 'Please check the system.' below its fields":
        mail("ipmi-node07@coloc.kunde.example", "IPMI Alert",
             "BMC IP : 10.20.0.107\nNode : node07\n\nEvent Detail\nSensor Name   : PS2 Status\n"
             "Severity      : Critical\nDescription   : Power Supply AC lost - Asserted\n\n"
             "Please check the system.\n", name=""),
    "a firewall's alert from its product-named address usgflex@": mail(
        "usgflex@kfz.example", "USG FLEX 200 Alert (S162L32001234)",
        "Model: USG FLEX 200\nSerial Number: S162L32001234\nPriority: alert\n"
        "Message: Over 100 blocked login attempts from 45.155.205.12 in 60 seconds (ssh)\n",
        name=""),
    "Exchange's system mailbox: a recall report, no header": mail(
        "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@maschinenbau.example",
        "Bericht über Nachrichtenrückruf für Nachricht: Rechnung RE-2026-004977",
        "Der Rückruf der Nachricht ist fehlgeschlagen.\n\nUrsprüngliche Nachricht: Rechnung\n"
        "Rückrufstatus: Der Empfänger hat die Nachricht bereits gelesen.\n",
        name="Microsoft Outlook"),
    "a security code from a *-noreply@ address, thanked for by its team": mail(
        "account-security-noreply@accountprotection.example", "Sicherheitscode für das Konto",
        "Verwenden Sie den folgenden Sicherheitscode für das Konto te**@centron.de.\n\n"
        "Sicherheitscode: 482913\n\nWenn Sie diesen Code nicht angefordert haben, können Sie "
        "diese E-Mail ignorieren.\n\nVielen Dank\nIhr Kontoteam\n", name="Kontoteam"),
    "an Outlook rule's reply: in Elternzeit, not forwarded, whom to turn to, a signature": mail(
        "s.weber@immobilien.example", "AW: Ihre Rechnung RE-2026-005102",
        "Guten Tag,\n\nich befinde mich bis voraussichtlich Juli 2026 in Elternzeit. Ihre E-Mail "
        "wird nicht weitergeleitet.\nBitte wenden Sie sich in allen Angelegenheiten an meinen "
        "Kollegen Herrn Frank Albers (f.albers@immobilien.example, Tel. 0211 98 76 54-12).\n\n"
        "Viele Grüße\nSandra Weber\nWeber Immobilien GmbH & Co. KG", name="Weber, Sandra",
        headers={"X-Mailer": "Microsoft Outlook 16.0"}),
    "a mailbox autoresponder without header: the office closed, where to send deadlines": mail(
        "kanzlei@ra.example", "AW: Re: Migration Postfach kanzlei@",
        "Sehr geehrte Damen und Herren,\n\ndie Kanzlei ist vom 22.01. bis 30.01.2026 geschlossen. "
        "Ihre Nachricht wird nach unserer Rückkehr bearbeitet.\nFristsachen senden Sie bitte per "
        "beA oder Fax (0231 556677-9).\n\nRechtsanwalt Emre Türk", name=""),
    "an onboarding mail signed by a first name, unsubscribe link on a marketing platform": mail(
        "tomas@saas.example", "Quick question about your status page",
        ONBOARDING + "Don't want these emails? Unsubscribe: https://e.customeriomail.com/unsubscribe/dgTQ",
        name="Tomas from SaaS"),
    "the same with the platform's Message-ID, and no unsubscribe link": mail(
        "tomas@saas.example", "Quick question about your status page", ONBOARDING,
        name="Tomas from SaaS", message_id="<11bc183bd727de4759699c64@customer.io>"),
    "a company's invoice with its PDF from a generic mail@, signed for its team": attached(mail(
        "mail@hoster.example", "Ihre Rechnung Nr. 5008123456",
        "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie Ihre Rechnung Nr. 5008123456 über "
        "23,45 EUR. Der Betrag wird per SEPA-Lastschrift eingezogen.\n\nMit freundlichen Grüßen"
        "\n\nIhr Hoster Team\n\nHoster GmbH\nGeschäftsführer: Felix Muster\n",
        name="Hoster GmbH"), "application/pdf", "Rechnung_5008123456.pdf"),
}

PEOPLE = {
    "a person named after a product, from plesk@, asking about the limit": mail(
        "plesk@kunde.example", "Limit überschritten",
        "Hallo,\n\nPlesk meldet, unser Speicher sei überschritten. Könnt ihr das Paket "
        "erhöhen?\n\nGruß\nJonas Plesk", name="Jonas Plesk"),
    "a customer writing from the board's ipmi@ address about its alert, asking": mail(
        "ipmi-node07@coloc.kunde.example", "IPMI Alert node07",
        "Hallo,\n\nunser node07 meldet:\nSensor Name : PS2 Status\nSeverity : Critical\n\n"
        "Ist bei euch im Rack der Strom ausgefallen?\n\nDanke, Tobias", name="Tobias Fuchs"),
    "a customer from admin@ of a host forwarding a Backup Exec failure with a request": mail(
        "admin@bkp01.kanzlei.example", "Backup Exec Alert: Job Failed",
        "Hallo,\n\nseit gestern schlägt unser Backup fehl (Final error: 0xe00084f4). Bitte "
        "prüft, ob das Storage bei euch voll ist.\n\nViele Grüße\nAnna Röder", name="Anna Röder"),
    "a customer asking whether a security code mail means their mailbox was hacked": mail(
        "m.keller@kunde.example", "Fwd: Sicherheitscode für das Microsoft-Konto",
        "Hallo,\n\ndas kam gerade, ich habe keinen Code angefordert. Wurde mein Postfach "
        "gehackt?\n\nSicherheitscode: 482913\n\nGruß\nMarkus Keller", name="Markus Keller"),
    "a customer mentioning an Exchange recall, asking": mail(
        "buchhaltung@maschinenbau.example", "Rückruf fehlgeschlagen",
        "Hallo,\n\nich wollte eine Rechnung zurückrufen, der Rückruf ist fehlgeschlagen. "
        "Könnt ihr die Mail bei euch löschen?\n\nDanke, Petra", name="Petra Brauer"),
    "a customer on parental leave who still asks for something": mail(
        "s.weber@immobilien.example", "AW: Ihre Rechnung RE-2026-005102",
        "Guten Tag,\n\nich befinde mich ab Februar in Elternzeit. Bitte schicken Sie die "
        "Rechnungen ab dann an f.albers@immobilien.example und stellen Sie die Anschrift um.\n\n"
        "Viele Grüße\nSandra Weber", name="Sandra Weber"),
    "an office closed, and a question about the migration": mail(
        "kanzlei@ra.example", "AW: Re: Migration Postfach kanzlei@",
        "Sehr geehrte Damen und Herren,\n\ndie Kanzlei ist vom 22.01. bis 30.01.2026 geschlossen. "
        "Können Sie die Migration in dieser Zeit machen?\n\nRechtsanwalt Emre Türk", name=""),
    "a customer sending on a platform's onboarding mail to ask about it": mail(
        "tomas@kunde.example", "Fwd: Quick question about your status page",
        "Hallo,\n\nist das von euch? Wir haben keinen Status-Page-Dienst bestellt.\n\n"
        "-------- Weitergeleitete Nachricht --------\nFrom: Tomas <tomas@saas.example>\n"
        "Subject: Quick question\n\nUnsubscribe: https://e.customeriomail.com/unsubscribe/dgTQ"
        "\n\nGruß\nTomas Berger", name="Tomas Berger"),
    "a customer whose own shop's unsubscribe link does not work": mail(
        "tomas@shop.example", "Abmeldelink im Newsletter",
        "Hallo,\n\nder Link https://shop.example/newsletter/unsubscribe?id=5 in unserem "
        "Newsletter zeigt einen Fehler 500. Könnt ihr ins Log schauen?\n\nCheers,\nTomas",
        name="Tomas Berger"),
    "a customer's question about an invoice, with the PDF": attached(mail(
        "mail@kunde.example", "Rechnung Nr. 2026-004977",
        "Guten Tag,\n\ndie Rechnung im Anhang enthält zwei Positionen doppelt. Können Sie das "
        "korrigieren?\n\nMit freundlichen Grüßen\n\nIhr Kunde-Team", name="Kunde GmbH"),
        "application/pdf", "Rechnung_2026-004977.pdf"),
    "a customer's invoice from mail@, signed by a clerk's name": attached(mail(
        "mail@lieferant.example", "Rechnung Nr. 2026-0012",
        "Sehr geehrte Damen und Herren,\n\nanbei unsere Rechnung Nr. 2026-0012 für die "
        "Montage.\n\nMit freundlichen Grüßen\nPetra Brauer\nBuchhaltung", name="Lieferant GmbH"),
        "application/pdf", "Rechnung_2026-0012.pdf"),
    "on leave, back on a date, and a complaint in a sentence of its own after the date": mail(
        "s.weber@immobilien.example", "AW: Ihre Rechnung RE-2026-005102",
        "Guten Tag,\n\nich bin bis Juli in Elternzeit und wieder erreichbar ab dem 1.7. Die "
        "Rechnung vom Januar enthält die Wartung doppelt.\n\nViele Grüße\nSandra Weber",
        name="Sandra Weber"),
}


test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
