"""Issue 21, session 10: notices about a mailbox itself and a site monitor's alert, found in
tests/heldout22 and tests/heldout21 (development sets), written here in other words:

- a mailbox's rule answering with no marker header: the address is no longer read and requests
  go through a portal, the firm and its domain were renamed and there is a new address, the
  practice joined a group and this address is no longer read, a shared or central mailbox whose
  mail is passed on to the department in charge (mailbox_notices.py);
- a site monitor writing from its own domain under its own name about "your site" being down
  (host_reports.self_named_host).

Beside them the people: a customer telling us their new address who asks us to update the
invoice address, one who writes from their shared mailbox and asks for invoices again, one who
says where invoices go from now on, one whose mailbox moved and who asks a question, an admin who
forwards the monitor's alert with a question, a customer writing from their own-named domain who
signs.
"""

from __future__ import annotations

from tests.findings import findings_tests, mail

REDIRECT = {"In-Reply-To": "<gw.5e6f70.12@ticket01.centron.de>",
            "X-Mailer": "Microsoft Outlook 16.0"}  # a rule of the customer's client answers
SUBJECT = "AW: Automatische Antwort: Zertifikat"


def answer(sender: str, body: str, subject: str = SUBJECT, name: str = "", **kw):
    """An answer to our redirect, from the customer's own mail client (its rule, or a person)."""
    domain = sender.rsplit("@", 1)[1]
    return mail(sender, subject, body, name=name, message_id=f"<n1@{domain}>", headers=REDIRECT,
                **kw)


MACHINES = {
    "en, this mailbox is no longer monitored, requests through a portal": answer(
        "helpdesk@quay-logistics-example.co.uk",
        "Hello,\n\nThis inbox is no longer monitored. Support requests are now handled via our "
        "service portal: https://portal.quay-logistics-example.co.uk\n\nSuppliers please "
        "contact your purchasing contact directly.\n\nIT Services\nQuay Logistics Ltd\n",
        subject="RE: Automatic reply: Mail delay", name="Quay Logistics IT"),
    "de, firm and domain renamed, the new address, the old one delivered until a date": answer(
        "info@optik-hahn-example.de",
        "Guten Tag,\n\nwir haben unseren Firmennamen und unsere Domain geändert. Bitte nutzen Sie "
        "ab sofort unsere neue E-Mail-Adresse kontakt@hahn-sehen-example.de.\n\nNachrichten an "
        "die alte Adresse werden noch bis zum 30.06.2026 zugestellt.\n\nIhr Team von Hahn Sehen\n",
        name="Optik Hahn"),
    "fr, the practice joined a group, this address no longer read": answer(
        "secretariat@kine-morel-example.fr",
        "Madame, Monsieur,\n\nLe cabinet a intégré le réseau Santé Ouest le 1er mars. Cette "
        "adresse ne sera plus consultée.\n\nMerci d'écrire désormais à "
        "accueil@sante-ouest-example.fr.\n\nCabinet Morel\n",
        subject="RE : Automatische Antwort: Messagerie", name="Cabinet Morel"),
    "de, a central mailbox: passed on to the department in charge, within days": answer(
        "post@wasserverband-example.de",
        "Guten Tag,\n\nIhre Nachricht ist in unserem zentralen Postfach eingegangen und wird an "
        "die zuständige Abteilung weitergeleitet. Die Bearbeitung kann bis zu fünf Werktage "
        "dauern.\n\nRohrbrüche melden Sie bitte jederzeit unter 0711 555-200.\n\n"
        "Wasserverband Neckar\n", name="Wasserverband Poststelle"),
    "nl, a shared mailbox, answer within days, where invoices go": answer(
        "boekhouding@drukkerij-bos-example.nl",
        "Geachte relatie,\n\nDit is een gedeelde mailbox van de boekhouding. Uw bericht wordt "
        "door een collega doorgestuurd naar de juiste afdeling. Wij reageren binnen drie "
        "werkdagen.\n\nFacturen kunt u sturen naar facturen@drukkerij-bos-example.nl.\n\n"
        "Drukkerij Bos B.V.\n", subject="RE: Automatische Antwort: Factuur 2026-88",
        name="Boekhouding Drukkerij Bos"),
    "cs, this mailbox no longer watched, write elsewhere": answer(
        "it@strojirna-example.cz",
        "Dobrý den,\n\ntato schránka již není sledována. Pište prosím na adresu "
        "podpora@strojirna-example.cz.\n\nIT oddělení\n", name="IT Strojírna"),
    "tr, this address no longer checked, write elsewhere": answer(
        "bilgi@tekstil-example.com.tr",
        "Merhaba,\n\nbu e-posta adresi artık kontrol edilmemektedir. Lütfen "
        "destek@tekstil-example.com.tr adresine yazınız.\n\nBT Departmanı\n", name="Tekstil BT"),
    "fi, this mailbox no longer read, write elsewhere": answer(
        "toimisto@rakennus-example.fi",
        "Hei,\n\ntätä postilaatikkoa ei enää lueta. Kirjoitathan osoitteeseen "
        "tuki@rakennus-example.fi.\n\nRakennus Oy\n", name="Rakennus Oy"),
    "en, our e-mail address has changed, use the new one": answer(
        "office@harbour-inns-example.co.uk",
        "Hello,\n\nOur email address has changed. Please use office@harbourinns-example.com "
        "from now on.\n\nHarbour Inns Ltd\n", subject="RE: Automatic reply: DNS",
        name="Harbour Inns Office"),
    "de, this mailbox no longer looked after, requests through the portal": answer(
        "it@spedition-ulm-example.de",
        "Hallo,\n\ndieses Postfach wird nicht mehr betreut. Anfragen stellen Sie bitte über "
        "unser Kundenportal.\n\nIT-Service Spedition Ulm\n", name="IT-Service"),
    "en, a site monitor from its own domain: your site is down": mail(
        "sitewatch@sitewatch.example", "Your site baeckerei-lind-example.de is down",
        "baeckerei-lind-example.de is down. SiteWatch noticed that your site stopped responding "
        "at 04:10 UTC.\nWe'll keep checking and email you again when it is back up.\n",
        name="SiteWatch", envelope="sitewatch@sitewatch.example"),
    "en, the same monitor: your site is back up": mail(
        "sitewatch@sitewatch.example", "Your site baeckerei-lind-example.de is back up",
        "baeckerei-lind-example.de is back up. It was down for 42 minutes.\nWe'll keep checking "
        "your site.\n", name="SiteWatch"),
}

PEOPLE = {
    "de, left the firm, asks to move the account to the new address": answer(
        "t.berg@alpha-bau-example.de",
        "Guten Tag,\n\nich bin nicht mehr bei der Alpha Bau GmbH. Bitte übertragen Sie mein "
        "Konto 4711 auf meine neue Adresse tom@beta-example.de.\n\nTom Berg\n", name="Tom Berg"),
    "de, a new address and a request to update the invoice address": answer(
        "info@optik-hahn-example.de",
        "Guten Tag,\n\nwir haben unseren Firmennamen und unsere Domain geändert, unsere neue "
        "Adresse ist kontakt@hahn-sehen-example.de.\n\nBitte ändern Sie auch die Rechnungsadresse "
        "entsprechend.\n\nIhr Team von Hahn Sehen\n", name="Optik Hahn"),
    "de, from the shared mailbox: send the invoices again": answer(
        "post@wasserverband-example.de",
        "Guten Tag,\n\ndies ist unser zentrales Postfach. Senden Sie die Rechnungen für Mai und "
        "Juni bitte erneut an rechnung@wasserverband-example.de.\n\nPoststelle\n",
        name="Wasserverband Poststelle"),
    "en, this address no longer used, future invoices elsewhere": answer(
        "ap@harbour-inns-example.co.uk",
        "Hello,\n\nthis address is no longer used after 31 March. Please send all future invoices "
        "to payables@harbour-inns-example.co.uk.\n\nKind regards\nAccounts Payable\n",
        subject="RE: Invoice 2026-0117", name="Accounts Payable"),
    "en, this mailbox no longer monitored, and a plea to restore a folder": answer(
        "it@quay-logistics-example.co.uk",
        "Hello,\n\nthis mailbox is no longer monitored. Please restore the folder /data/hr from "
        "yesterday's backup copy.\n\nIT\n", subject="RE: Automatic reply: Restore", name="IT"),
    "tr, this address no longer checked, and a plea to restart the server": answer(
        "bilgi@tekstil-example.com.tr",
        "Merhaba,\n\nbu e-posta adresi artık kontrol edilmemektedir. Lütfen sunucumuzu bu "
        "akşam yeniden başlatın.\n\nEmre\n", name="Emre Kaya"),
    "cs, this mailbox no longer watched, and the backup to restore": answer(
        "it@strojirna-example.cz",
        "Dobrý den,\n\ntato schránka již není sledována. Obnovte zálohu z pondělí na nový "
        "disk.\n\nPetr\n", name="Petr Novák"),
    "de, our address changed, invoices there from now on": answer(
        "office@spedition-ulm-example.de",
        "Guten Tag,\n\nunsere E-Mail-Adresse hat sich geändert: buero@spedition-ulm-example.de. "
        "Bitte senden Sie die Rechnungen künftig dorthin.\n\nSpedition Ulm\n",
        name="Spedition Ulm"),
    "en, the mailbox moved and a question": answer(
        "it@quay-logistics-example.co.uk",
        "Hello,\n\nthis mailbox is no longer monitored, please use it-team@quay-logistics-example."
        "co.uk. Is the certificate renewed already?\n\nTom\n",
        subject="RE: Automatic reply: Certificate", name="Tom Reed"),
    "en, an admin forwards the monitor's alert with a question": mail(
        "jan@baeckerei-lind-example.de", "Fwd: Your site baeckerei-lind-example.de is down",
        "Is this on your side? The shop is down since 4 am.\n\n---------- Forwarded message "
        "---------\nFrom: SiteWatch <sitewatch@sitewatch.example>\nSubject: Your site "
        "baeckerei-lind-example.de is down\n\nbaeckerei-lind-example.de is down.\n",
        name="Jan Lind"),
    "en, a customer telling us their site is back up, thanking": mail(
        "jan@baeckerei-lind-example.de", "Shop is back up",
        "Hi,\n\nthe shop is back up since 9:10, thanks for the quick help!\n\nJan\n",
        name="Jan Lind"),
    "de, a customer on their own-named domain, signing": mail(
        "kanzlei@kanzlei-example.de", "Ihre Website ist down",
        "Guten Morgen,\n\nIhre Statusseite meldet, dass unser Server down ist.\n\nGruß\n"
        "M. Roth\n", name="Kanzlei"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
