"""Issue 21: an attack, as a stranger would, on the machine rules of session 8 (a backup tool's
log lines as field records, the monitoring subject words 'updates'/'loss'/'blocked', absence
sentences and urgent-matter words in more languages, a sending platform's bounce envelope):
realistic mails of a hosting company's customers that those rules silenced, each beside the
machine look-alikes that must stay unanswered. Every person here was taken for a machine at
219aa2b."""

from __future__ import annotations

from tests.findings import findings_tests, mail

_LOG = ("2026-01-13 22:00:04 Start\n2026-01-13 22:14:51 ERROR upload failed: 403 Forbidden\n"
        "2026-01-13 22:14:52 Job finished with errors\n")
_SES = "010201948a1b2c3d-7e6f5a4b-1c2d-4e5f-8a9b-0c1d2e3f4a5b-000000@eu-central-1.amazonses.com"
_OUTLOOK = {"X-Mailer": "Microsoft Outlook 16.0", "Thread-Index": "AQHahR4x2Hk0mZ1bS0WkYpQ3cTnVdA=="}

MACHINES = {
    "a backup tool from the customer's mailbox: fields and its log's last lines": mail(
        "nas-backup@steuerkanzlei-lang.example", "Backup Kanzlei-Daily failed",
        "Backup Kanzlei-Daily failed\n\nJob: Kanzlei-Daily\nStorage: s3://backup.centron.example\n"
        "\nLast lines of the log:\n" + _LOG),
    "root on a customer's host: pending updates, no person's words": mail(
        "root@vps4411.kunde-web.example", "12 package updates on vps4411",
        "The following packages can be upgraded on vps4411:\n\nopenssl 3.0.15-1\ncurl 7.88.1-10\n"),
    "a Spanish absence answer, its urgent matters after a comma": mail(
        "ana@clinica-sol.example", "RE: Migración del servidor",
        "Hola, estoy de vacaciones hasta el 20 de enero, para temas urgentes llame a Jorge al "
        "912 345 678.\nAna", name="Ana García"),
    "an Indonesian absence answer, its urgent matters after a comma": mail(
        "budi@nusantara-kopi.example", "RE: Migrasi server",
        "Halo, saya sedang cuti sampai 20 Januari, untuk hal mendesak hubungi Sari di "
        "0812 3456 789.\nBudi", name="Budi Santoso"),
    "a renewal reminder through a platform's per-message envelope, signed by a team": mail(
        "billing@saas-tool.example", "Your plan renews in 7 days",
        "Hello,\n\nyour plan renews on 21 January. Please update your card at "
        "https://saas-tool.example/billing/card\n\nThe SaaS Tool Team\n", name="SaaS Tool",
        envelope=_SES),
    "a failed charge in Spanish: 'su tarjeta terminada en 1234', a link to update it": mail(
        "facturacion@nube-tool.example", "Pago rechazado",
        "Hola,\n\nno hemos podido cobrar su tarjeta terminada en 1234. Actualice sus datos de "
        "pago en https://nube-tool.example/billing\n\nEl equipo de Nube Tool\n", name="Nube Tool"),
    "a shop's helpdesk acknowledging our answer: thanks, an answer within 24 to 48 h": mail(
        "contact@boutique-lune.example", "RE: [Ticket#2026011410000051] Migration",
        "Merci pour votre message ! Notre équipe vous répondra sous 24 à 48 h ouvrées.\n\n"
        "Boutique Lune\n", name="Boutique Lune"),
    "a panel on a host in its own name: pending updates, no person's words": mail(
        "apt-notify@web2.kunde-web.example", "Updates available on web2",
        "4 updates can be installed on web2.kunde-web.example:\n\nopenssl\ncurl\nnginx\nlibc6\n"),
    "a web shop's notice through a PHP mailer library: a record, links and a footer": mail(
        "shop@kern-moebel.example", "Neue Bewertung eingegangen",
        "Neue Bewertung für Artikel 4411:\n\nSterne: 2\nKunde: K. Meier\nDatum: 14.01.2026\n\n"
        "Freigeben: https://kern-moebel.example/admin/reviews/991\n\nDiese E-Mail wurde "
        "automatisch erstellt.", name="Kern Möbel Shop", headers={"X-Mailer": "PHPMailer 6.8.1"}),
}

_QUOTE = ("\n\n-----Original Message-----\nFrom: Technik <technik@centron.example>\nSent: Wednesday, "
          "14 January 2026 09:12\nTo: it@oakfield-vets.example\nSubject: [Ticket#2026011410000044] "
          "Migration date\n\nWhich date suits you for the migration?\n")

PEOPLE = {
    "an accounts department: 'von Konto DE89 **** 3000' debited twice, 'Wir bitten um ...'": mail(
        "buchhaltung@mueller-bau.example", "Doppelte Abbuchung",
        "Sehr geehrte Damen und Herren,\n\ndie Lastschrift vom 03.01.2026 über 119,00 EUR wurde "
        "zweimal von Konto DE89 **** 3000 eingezogen. Wir bitten um Erstattung des doppelten "
        "Betrags.\n\nMit freundlichen Grüßen\nMüller Bau GmbH\nBuchhaltung", name="Müller Bau GmbH"),
    "an accounts team: 'The card ending in 4471 was charged twice', a team's sign-off": mail(
        "accounts@harbourhotels.example", "Duplicate charge",
        "Hello,\n\nThe card ending in 4471 was charged twice for invoice INV-2026-0441 on 3 "
        "January. We would like the second payment refunded.\n\nKind regards\nAccounts Team\n"
        "Harbour Hotels", name="Harbour Hotels Accounts"),
    "a French bakery's accounts: 'La carte se terminant par 1234 a été débitée deux fois'": mail(
        "compta@boulangerie-martin.example", "Double prélèvement",
        "Bonjour,\n\nLa carte se terminant par 1234 a été débitée deux fois pour la facture "
        "FA-2026-118. Merci de rembourser le second prélèvement.\n\nCordialement,\nLa "
        "comptabilité\nBoulangerie Martin", name="Boulangerie Martin"),
    "a student's mailbox on the school's host, no name: 'Account blocked after payment'": mail(
        "jan.k@stud.hs-beispiel.example", "Account blocked",
        "Account jk-web blocked after payment, payment was made on 10.01., Rechnung 2026-0311.",
        name=""),
    "a practice's IT answers our ticket from Outlook: thanks, will get back within 24 hours": mail(
        "it@oakfield-vets.example", "RE: [Ticket#2026011410000044] Migration date",
        "Thanks for your email. We need to check with the practice manager and will get back to "
        "you within 24 hours with a date.\n\nOakfield IT" + _QUOTE, name="Oakfield Vets IT",
        headers=_OUTLOOK),
    "an accounts department from IONOS's webmail (Open-Xchange 'Mailer'), terse, a signature": mail(
        "buchhaltung@metallbau-kern.example", "Rechnung 2026-0441",
        "Rechnung 2026-0441 enthält die Domain metallbau-kern.com, die wurde im Dezember gekündigt."
        " Gutschrift erforderlich.\n\nMetallbau Kern GmbH\nBuchhaltung\nTel.: 0711 99887\n"
        "USt-IdNr.: DE123456789", name="Metallbau Kern GmbH",
        headers={"X-Mailer": "Open-Xchange Mailer v7.10.6-Rev48"}),
    "a company's it@ pastes its backup's fields and log lines: 'auf euren Storage ... ab:'": mail(
        "it@steuerkanzlei-lang.example", "Backup Fehler",
        "Backup auf euren S3-Storage bricht seit dem Wochenende ab:\n\nJob: Kanzlei-Daily\n"
        "Storage: centron-s3\n" + _LOG + "\nZugangsdaten wurden nicht geändert.",
        name="Steuerkanzlei Lang"),
    "a practice's admin@: 'log below', 'Any idea what changed on your side'": mail(
        "admin@brightdental.example", "Backup failed",
        "Nightly backup to your storage box failed, log below.\n\nJob: Practice-Nightly\n"
        "Target: storagebox-4411\n" + _LOG + "\nAny idea what changed on your side",
        name="Bright Dental IT"),
    "a NOC's terse 'Paketverlust' with four values and 'Was ist da los'": mail(
        "noc@isp-meier.example", "Paketverlust vServer",
        "Host: vs-88121\nIP: 185.22.1.9\nVerlust: 35 %\nSeit: 14.01. 08:00\n\nWas ist da los"),
    "a law firm's office@ pastes four fields of a blocked FTP login, 'wurde gestern neu gesetzt'":
        mail("office@kanzlei-berg.example", "FTP blocked", "Benutzer: kb-ftp\nServer: ftp.kanzlei-"
             "berg.example\nFehler: 530 Login incorrect\nZeit: 14.01. 09:10\n\nPasswort ist richtig, "
             "wurde gestern neu gesetzt.", name="Kanzlei Berg"),
    "an admin typing on his server as root: 'apt updates failing ... pls check'": mail(
        "root@vps4411.kunde-web.example", "updates failing on vps4411",
        "apt updates failing on vps4411 since this morning, mirror returns 404 for security repo."
        " pls check", name=""),
    "a Spanish customer away, but the migration is fine, urgent matters after a comma": mail(
        "ana@clinica-sol.example", "RE: Migración del servidor",
        "Hola, estoy de vacaciones hasta el 20 de enero. La migración está bien para nosotros, "
        "para temas urgentes llamad a Jorge al 912 345 678.\nAna", name="Ana García"),
    "an Albanian customer on holiday agrees to the maintenance": mail(
        "besa@tirana-shop.example", "RE: Mirëmbajtja",
        "Përshëndetje, jam me pushime deri më 20 janar. Mirëmbajtja mund të bëhet sipas planit, "
        "për çështje urgjente kontaktoni Gentin: +355 69 123 4567.\nBesa", name="Besa Hoxha"),
    "an Indonesian customer on leave agrees to the migration": mail(
        "budi@nusantara-kopi.example", "RE: Migrasi server",
        "Halo, saya sedang cuti sampai 20 Januari. Migrasi boleh dilakukan sesuai jadwal, untuk "
        "hal mendesak hubungi Sari di 0812 3456 789.\nBudi", name="Budi Santoso"),
    "a request through a helpdesk on SES, its writer's name under it, her shop named": mail(
        "help@kundenshop.example", "Shop offline",
        "Our shop www.kundenshop.example has been offline since 9:00. Please check the server "
        "urgently.\n\nMaria Lopez\nKundenshop", name="Maria Lopez", envelope=_SES),
    "a person's Outlook through a mail service on SES (Amazon WorkMail), a signed statement": mail(
        "jana.koch@koch-design.example", "Domain transfer",
        "Hallo,\n\nder Transfer von koch-design.example hängt seit einer Woche. Der AuthCode ist "
        "X7k2Pq9.\n\nGrüße\nJana Koch", name="Jana Koch", envelope=_SES, headers=_OUTLOOK),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
