"""Issue 21, the ninth held-out set's findings (tests/heldout9): machines that were answered
(a monitoring engine's report of fields, a program on a host writing in its own name, a root
scanner's "Warnings found" with "Please inspect" above its fields); beside each fix the people's
look-alikes that must stay answered; a phone system's voicemail or fax by its subject and the
recording or fax attached, from any sender; a scanner's "Scan Data from", a printer's model as the
local part. A person writing from a no-reply mailbox by mistake, with a Reply-To to themselves and
signing with the Reply-To's name alone, is a person. An abuse desk's automatic acknowledgement
("This is an automated response to confirm that we have received it", "Wir haben Ihre Beschwerde
erhalten"), also as Re:, is a machine's. An application's digest quoting its user's words
(„... bitte ..., danke!“) and a shop's notice to its owner of a new order (the buyer's note
"Bitte ... Danke!" inside) are machines'. So is a mail filter's notice to the sender listing the
stopped message's fields ("Absender:", "Betreff:") under a failure or block subject. The mails
are written here in other words than the set's."""

from __future__ import annotations

from tests.findings import attached, findings_tests, mail

FIELDS = ("Host: web-prod-02\nAddress: 10.0.0.57\nService: HTTPS\nState: CRITICAL\n"
          "Date/Time: 2026-01-14 03:12\n")

MACHINES = {
    "a monitoring engine's report of fields from a bare address of the company's domain": mail(
        "monitor@weber.example", "** PROBLEM Service Alert: web-prod-02/HTTPS is CRITICAL **",
        "***** Monitoring Engine *****\n\nNotification Type: PROBLEM\n\n" + FIELDS
        + "\nAdditional Info:\n\nCRITICAL - Socket timeout after 10 seconds\n", name=""),
    "a RAID manager's event fields under a product's display name": mail(
        "msm@lenz.example", "Alert from Server SRV-HV02: VD 0 changed from OPTIMAL to DEGRADED",
        "Server Name: SRV-HV02\nServer IP: 192.168.10.22\nController ID: 0\n"
        "Event Description: State change on VD 0 from OPTIMAL to DEGRADED\nEvent ID: 251\n"
        "Event Severity: CRITICAL\n", name="RAID Storage Manager"),
    "a program on a host in its own name, three lines of fields": mail(
        "cacti@cacti.stadtwerke.example", "ALERT: vm-db01 - Traffic went above threshold",
        "An alert has been issued that requires your attention.\n\nHost: vm-db01\n"
        "URL: https://cacti.stadtwerke.example/graph.php?id=412\nMessage: traffic above 800 M\n",
        name="Cacti"),
    "a bare address on a host, an alert triggered, no fields": mail(
        "gatus@status.agentur.example", "[core-api] Alert triggered",
        'An alert for core-api has been triggered due to having failed 3 time(s) in a row:\n'
        'Endpoint "core-api" is unhealthy.\n\nCondition results\n[STATUS] (502) == 200\n',
        name=""),
    "a panel on a host in its own name, greeting nobody by name, a short notice": mail(
        "panel@srv-panel.medienhaus.example", "Traffic-Limit erreicht für die Website example.de",
        "Hallo,\n\ndie Website example.de hat das monatliche Traffic-Limit überschritten.\n"
        "Die Website wurde deaktiviert.\n\n--\nPanel\n", name="Panel"),
    "a root scanner's plural warnings, 'Please inspect' above its fields": mail(
        "root@web5.gaertnerei.example", "[scanner] Warnings found for web5.gaertnerei.example",
        "Please inspect this machine, because it may be infected.\nWarning: The file properties "
        "have changed:\n  File: /usr/bin/curl\n  Current hash: 6b4c2a\n  Stored hash : 41f00c\n"
        "Warning: Suspicious file types found in /dev:\n", name="root"),
    "a phone system's voicemail with its recording, from the PBX's own address": attached(mail(
        "pbx@telefon.autohaus.example", "Neue Voicemail von 0049891234 (Ext. 200)",
        "Sie haben eine neue Voicemail erhalten.\n\nVon: 0049891234\nAn: 200 Technik\n"
        "Dauer: 00:00:38\n", name="Phone System"), "audio/wav", "vmail_200.wav"),
    "a voicemail in English, the recording attached": attached(mail(
        "telephony@pbx.firm.example", "New voicemail from +44 20 7946 0011",
        "You have a new voicemail.\nCaller: +44 20 7946 0011\nLength: 0:42\n", name=""),
        "audio/mpeg", "voicemail.mp3"),
    "a fax server's fax with its PDF": attached(mail(
        "starface@pbx.kanzlei.example", "Neues Fax von +49 711 4890213",
        "Sie haben ein neues Fax erhalten.\n\nAbsender: +49 711 4890213\nSeiten: 2\n",
        name="STARFACE"), "application/pdf", "Fax_20260113.pdf"),
    "a scanner's 'Scan Data from' with the scan": attached(mail(
        "scanner@praxis.example", "Scan Data from IM C3000", "Attached: 20260115102231.pdf",
        name="IM C3000"), "application/pdf", "20260115102231.pdf"),
    "a printer's model as the local part, a scan subject, the scan": attached(mail(
        "bizhub-c300i@schulamt.example", "Gescanntes Dokument",
        "Gerätename: bizhub C300i\nDatei: SKM_C300i.pdf\n", name=""),
        "application/pdf", "SKM_C300i.pdf"),
    "a shop's notice from noreply@, Reply-To the owner, his name last, a link above it": mail(
        "noreply@kaffee.example", "Ihr Gutschein",
        "Bitte lösen Sie Ihren Gutschein hier ein: https://kaffee.example/gutschein/88\n\n"
        "Jan Brandt", name="", headers={"Reply-To": "Jan Brandt <jan@kaffee.example>"}),
    "noreply@ with a Reply-To to a person, the text signed by nobody": mail(
        "noreply@kaffee.example", "Shop: Lagerbestand niedrig",
        "Bitte prüfen Sie den Lagerbestand von Espresso Classico.\n\nIhr Shop", name="",
        headers={"Reply-To": "Jan Brandt <jan@kaffee.example>"}),
    "an abuse desk's automated response as Re:, with its case number": mail(
        "abuse-replies@cloud.example", "Re: Phishing page hosted at 203.0.113.44 [Case 9102877]",
        "Hello,\n\nThank you for your report. This is an automated response to confirm that we "
        "have received it and created case 9102877.\n\nOur Trust & Safety team reviews every "
        "report.\n\nCloud Trust & Safety", name="Cloud Trust & Safety"),
    "an abuse desk's German acknowledgement of a complaint, signed by its team": mail(
        "abuse@vps.example", "[Ticket#2026011310004312] Eingangsbestätigung: Portscan",
        "Sehr geehrte Damen und Herren,\n\nwir haben Ihre Beschwerde erhalten und unter der "
        "Ticketnummer 2026011310004312 erfasst. Wir werden den Vorfall prüfen.\n\n"
        "Mit freundlichen Grüßen\nIhr VPS Abuse Team", name="VPS Abuse Team"),
    "a cloud app's activity digest quoting a colleague's mention with a request": mail(
        "nextcloud@cloud.architekten.example", "Aktivitätsbericht für Cloud Architekten",
        "Hallo Technik,\n\nes gab einige Aktivitäten:\n\n* Anna Roth hat Plan_EG_v7.dwg geändert\n"
        "* Michael Berg hat Sie erwähnt: „@technik bitte die neue IP eintragen, danke!“\n\n"
        "--\nCloud Architekten\nSie können diese Benachrichtigungen in Ihren Einstellungen "
        "deaktivieren.\n", name="Cloud Architekten"),
    "a shop's new-order notice to its owner, a buyer's note with thanks inside": mail(
        "shop@kaffee.example", "[Kaffee Brandt]: Neue Bestellung #10482",
        "Du hast folgende Bestellung von Lena Hoffmann erhalten:\n\n[Bestellung #10482]\n"
        "Espresso 1 kg  2  39,80 €\nGesamt: 57,60 €\n\nHinweis: Bitte vor der Haustür "
        "abstellen. Danke!\n\nRechnungsadresse\nLena Hoffmann\nLindenweg 4\n79098 Freiburg\n"
        "lena@example.org\n\nHerzlichen Glückwunsch zum Verkauf.\n", name="Kaffee Brandt",
        headers={"Reply-To": "Lena Hoffmann <lena@example.org>"}),
    "a shop's new-order notice in English": mail(
        "store@gear.example", "[Gear Store]: New order #2231",
        "You've received the following order from Sam Lee:\n\n[Order #2231]\nTent  1  $249.00\n"
        "Total: $259.00\n\nNote: Please ship before Friday, thanks!\n\nBilling address\nSam Lee\n"
        "12 Pine Rd\nPortland\n\nCongratulations on the sale.\n", name="Gear Store"),
    "a secure mail gateway's German notice of a stopped message, by its fields": mail(
        "ksmg@gw.spedition.example", "Mail Gateway: Nachricht wurde nicht zugestellt",
        "Ihre Nachricht wurde nicht zugestellt.\n\nAbsender: technik@centron.de\nEmpfänger: "
        "dispo@spedition.example\nBetreff: Re: VPN-Zugang\nDatum: 16.01.2026 14:51\n\nGrund: "
        "Die Nachricht wurde als Spam eingestuft.\n", name="Mail Gateway"),
    "a content filter's 'Message blocked:' with the message's fields": mail(
        "filter@mx.stadtwerke.example", "Message blocked: Re: Zertifikat für webmail",
        "The content filter has stopped the following message:\n\n  From:    technik@centron.de\n"
        "  To:      it@stadtwerke.example\n  Subject: Re: Zertifikat für webmail\n\nA copy was "
        "placed in quarantine because it contains a blocked file type (.pfx).\n", name="Filter"),
}

PEOPLE = {
    "a person pasting fields under a monitoring subject, greeting and asking": mail(
        "j.maier@holzbau.example", "PROBLEM web-prod-02",
        "Hallo,\n\nseit heute Nacht kommt das hier:\n\n" + FIELDS + "\nKönnt ihr das prüfen?\n\n"
        "Gruß\nJörg", name="Jörg Maier"),
    "a person pasting fields and signing, asking nothing": mail(
        "j.maier@holzbau.example", "Alert web-prod-02",
        FIELDS + "\nGruß Jörg", name="Jörg Maier"),
    "a person writing from root@ of a host under their own name, with a request": mail(
        "root@backup01.holzbau.example", "Backup failed",
        "Hallo, der Backup-Job ist heute Nacht fehlgeschlagen. Bitte prüfen.\n\nGruß Jörg",
        name="Jörg Maier"),
    "a bare admin@ of the company's own domain, terse": mail(
        "admin@kunde.example", "Server down", "Server down seit 8 Uhr.", name=""),
    "a bare address on a host that asks": mail(
        "it@stud.uni.example", "Server down?", "Ist der Server down? Bei uns geht nichts.",
        name=""),
    "a shop's shared info@ on a host, its own name, a terse outage report": mail(
        "info@shop.firma.example", "Störung Shop", "Der Shop ist seit heute morgen down.",
        name="Info"),
    "a person on a co.uk domain without display name, a request and thanks": mail(
        "ops@northwind.co.uk", "Alert: packet loss on uplink",
        "Packet loss 5 % since 14:00 UTC on the Frankfurt uplink, please check with upstream. "
        "Thanks, Dan", name=""),
    "a person at root@ pasting a scanner's fields and asking": mail(
        "root@web5.gaertnerei.example", "rkhunter warnings",
        "Warning: The file properties have changed:\n  File: /usr/bin/curl\n  Current hash: 6b\n"
        "  Stored hash : 41\n\nIst das ein Fehlalarm nach dem Update?", name="root"),
    "a person sending a fax on with a request": attached(mail(
        "p.albers@kanzlei.example", "Fax von Müller GmbH",
        "Anbei das Fax von Müller, bitte auf unser Kundenkonto buchen.\n\nGruß\nPetra Albers",
        name="Petra Albers"), "application/pdf", "fax.pdf"),
    "a person sending a fax with its PDF and no words, the subject naming a company": attached(
        mail("p.albers@kanzlei.example", "Fax von Müller GmbH", "", name="Petra Albers"),
        "application/pdf", "fax.pdf"),
    "a person sending on a voicemail and asking": attached(mail(
        "dan@firm.example", "Voicemail from our customer",
        "Can you listen to this and call the customer back?", name="Dan Hughes"),
        "audio/wav", "voicemail.wav"),
    "a person writing about a voicemail that never arrives, no recording": mail(
        "t.brenner@autohaus.example", "Neue Voicemail von 0171 2233445 kommt nicht an",
        "Die Mailbox-Benachrichtigung kommt seit gestern ohne Aufnahme.", name="Thomas Brenner"),
    "a person asking from the printer's address, nothing attached": mail(
        "bizhub-c300i@schulamt.example", "Gescanntes Dokument", "Kommt der Scan bei euch an?",
        name=""),
    "an owner writing from the shop's noreply@ by mistake, Reply-To himself, his name last":
        mail("noreply@kaffee.example", "Shop langsam seit Update",
             "Hallo Technik,\n\nich schreibe versehentlich aus dem Shop-Postfach, bitte an jan@ "
             "antworten.\nSeit dem PHP-Update lädt der Shop 8 Sekunden. Könnt ihr nach OPcache "
             "schauen?\n\nJan Brandt", name="",
             headers={"Reply-To": "Jan Brandt <jan@kaffee.example>"}),
    "a customer answering an abuse desk's case, signing with her name": mail(
        "a.weber@shop.example", "Re: Phishing page hosted at 203.0.113.44 [Case 9102877]",
        "We have received your automated response, but the page is still online. Please take "
        "it down today.\n\nRegards,\nAnna Weber", name="Anna Weber"),
    "an abuse handler answering a complaint by hand, signing with his name": mail(
        "abuse@vps.example", "Re: [Ticket#2026011310004312] Portscan",
        "Hallo,\n\nwir haben Ihre Beschwerde erhalten und den Server 62.171.150.33 gesperrt.\n\n"
        "Viele Grüße\nMarkus Vogel", name="Markus Vogel"),
    "a colleague writing from the cloud's address with his own request, unquoted": mail(
        "nextcloud@cloud.architekten.example", "Neue IP für die Cloud",
        "Hallo Technik, bitte die neue IP 185.242.113.90 eintragen, danke!\n\nMichael Berg",
        name="Michael Berg"),
    "a customer ordering from us, 'Sie haben eine neue Bestellung', signing with his name": mail(
        "jan@kaffee.example", "Neue Bestellung Nr. 4711",
        "Sehr geehrte Damen und Herren,\n\nSie haben eine neue Bestellung von uns erhalten: "
        "zwei vServer M ab 1. Februar.\nBitte bestätigen Sie den Auftrag.\n\n"
        "Mit freundlichen Grüßen\nJan Brandt", name="Jan Brandt"),
    "a customer ordering from us in the shop's words, unsigned, a request": mail(
        "einkauf@kaffee.example", "Neue Bestellung Nr. 4712",
        "Sie haben eine neue Bestellung von uns erhalten: ein vServer L ab 1. März.\n"
        "Bitte bestätigen.", name=""),
    "a shop owner asking about a new order's mail": mail(
        "jan@kaffee.example", "Neue Bestellung #10482",
        "Du hast folgende Bestellung von Lena Hoffmann erhalten - diese Mail kam bei uns, beim "
        "Kunden aber nicht. Könnt ihr das Mail-Log prüfen?", name="Jan Brandt"),
    "a customer whose message was not delivered, pasting its fields and asking": mail(
        "dispo@spedition.example", "Nachricht wurde nicht zugestellt",
        "Hallo,\n\nunsere Mail kam zurück:\nAbsender: dispo@spedition.example\nBetreff: "
        "Lieferung\n\nWas können wir tun?\n\nGruß\nKai", name="Kai Hauser"),
    "a customer's 'Message blocked' with the fields and a request, signed": mail(
        "it@stadtwerke.example", "Message blocked: your certificate mail",
        "From: technik@centron.de\nSubject: Re: Zertifikat\n\nOur filter blocked your .pfx; "
        "please send it as a zip with a password.\n\nRegards,\nUlrike Kern", name="Ulrike Kern"),
    "a customer sending on the bounce of her own mail without a word, quoted by her client":
        mail("nina@kunde.example", "Unzustellbar: Angebot",
             "Delivery has failed to these recipients or groups:\nchef@partner.example\n\n"
             "From: Nina Vogel <nina@kunde.example>\nSent: Monday, November 10, 2025 8:00 AM\n"
             "To: chef@partner.example\nSubject: Angebot\n", name="Nina Vogel"),
    "the same without the client's Sent: line, the writer as the stopped mail's sender": mail(
        "nina@kunde.example", "Unzustellbar: Angebot",
        "Delivery has failed to these recipients or groups:\nchef@partner.example\n\n"
        "Absender: Nina Vogel <nina@kunde.example>\nBetreff: Angebot\n", name="Nina Vogel"),
}


test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
