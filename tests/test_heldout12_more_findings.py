"""tests/heldout12 (a blind set, measured once at 833f065), the machines still answered after
its absence answers were fixed: a host's monitoring of packet loss and its list of pending
package updates (a program on a host writing in its own name, whose subject said neither
"alert" as a word nor an update word), and a backup tool's failure from the customer's own
mailbox: three fields and the last lines of its log; a practice's closing notice as a plain
"RE:" whose sentences its client had wrapped across lines; a shop's helpdesk answering our
"Re: [Ticket#…]" with thanks and an answer promised within hours, no ticket of its own (From
envelope). Written here in other words; beside them
people who write the same subjects, fields or log lines in a mail of their own."""

from __future__ import annotations

from tests.findings import findings_tests, mail

_LOG = ("2027-01-12 02:14:07.301 ERROR STORAGE_WRITE could not write chunk 77ab: quota\n"
        "2027-01-12 02:14:07.302 ERROR JOB_FAIL job aborted\n")

MACHINES = {
    "a latency monitor on a host: '[PingAlert] loss on ...', the data lines, the graph's link": mail(
        "pingmon@mon3.logistik-kraus.example", "[PingAlert] heavy loss on wan.router2",
        "Alert \"heavy loss\" raised for \"wan.router2\" (10.1.1.2).\n\nLoss\n----\n"
        "0%, 0%, 20%, 35%, 40%\n\nGraph\n-----\nhttps://mon3.logistik-kraus.example/ping/wan\n"),
    "a panel on a host: 'Updates available on ...', a table of packages, where to install": mail(
        "panel@web2.baeckerei-ott.example", "3 updates available on web2.baeckerei-ott.example",
        "These updates can be installed on web2.baeckerei-ott.example:\n\n"
        "Name          Version            Origin\n"
        "curl          8.5.0-2            Debian\n"
        "nginx         1.24.0-2           Debian\n\n"
        "Install them at https://web2.baeckerei-ott.example:8443/updates\n"),
    "a backup tool from the customer's mailbox: fields, then the last lines of its log": mail(
        "backup-nas@kanzlei-roth.example", "Backup Akten to sftp://backup.centron.de failed",
        "Backup Akten failed\n\nTarget: sftp://u1234@backup.centron.de/akten\n"
        "Started: 2027-01-12 01:00:00\nFinished: 2027-01-12 02:14:07\n\nLast lines of the log:\n"
        + _LOG),
    "a firm's holidays as a plain 'AW:', its sentences wrapped across lines": mail(
        "kanzlei@notar-berger.example", "AW: [Ticket#2027011210000042] Umzug Postfach",
        "Guten Tag\n\nVielen Dank für Ihre Nachricht. Unsere Kanzlei bleibt vom 22. Dezember bis\n"
        "und mit 6. Januar 2027 wegen Betriebsferien geschlossen. Ihre Nachricht wird nach\n"
        "unserer Rückkehr beantwortet. In dringenden Fällen wenden Sie sich bitte an Notar\n"
        "Dr. Keller, Telefon 031 555 12 12.\n\nFreundliche Grüsse\nIhr Team Notariat Berger\n",
        name="Notariat Berger"),
    "a shop's helpdesk under 'AW:': thanks, an answer within 24 hours, signed for the team": mail(
        "kundenservice@kaffee-kern.example", "AW: [Ticket#2027011210000051] Zertifikat",
        "Hallo,\n\nvielen Dank für Ihre Nachricht! Unser Kundenservice antwortet Ihnen innerhalb "
        "von 24 Stunden (Mo-Fr, 9-17 Uhr).\n\nIhr Team von Kaffee Kern\n", name="Kaffee Kern"),
    "an English helpdesk: thanks for contacting, a reply within 1-2 business days": mail(
        "hello@loomcraft.example", "Re: [Ticket#2027011210000052] DNS",
        "Hi there,\n\nThanks for contacting Loomcraft! Our team will reply within 1-2 business "
        "days. Meanwhile our help centre has answers: https://loomcraft.example/help\n\n"
        "The Loomcraft Team\n", name="Loomcraft"),
}

PEOPLE = {
    "a customer on a host's address asks to install the pending updates": mail(
        "admin@web2.baeckerei-ott.example", "Updates auf web2",
        "Auf web2 stehen 3 Updates an. Könnt ihr die heute Abend einspielen?\n"),
    "a customer reports packet loss in words of their own, terse": mail(
        "noc@logistik-kraus.example", "[Störung] Paketverlust zum Gateway",
        "Seit heute Nacht 20 % Verlust zu eurem Gateway, VoIP knackt. Bitte prüfen.\n"),
    "a customer pastes the backup's fields and log lines and asks": mail(
        "backup-nas@kanzlei-roth.example", "Backup failed",
        "Hallo,\n\nunser Backup zu euch bricht ab:\n\nTarget: sftp://u1234@backup.centron.de/akten\n"
        "Started: 2027-01-12 01:00:00\n" + _LOG + "\nIst der Speicher voll?\n\nGruß\nEva Roth\n"),
    "a person's own address, fields and two log lines, a plain request": mail(
        "e.roth@kanzlei-roth.example", "Backup failed again",
        "Target: sftp://u1234@backup.centron.de/akten\nStarted: 2027-01-12 01:00:00\n" + _LOG
        + "\nplease have a look\n", name="Eva Roth"),
    "a practice closed over the holidays, asks for the change afterwards, wrapped": mail(
        "kanzlei@notar-berger.example", "AW: [Ticket#2027011210000042] Umzug Postfach",
        "Guten Tag\n\nVielen Dank für Ihre Nachricht. Unsere Kanzlei bleibt vom 22. Dezember bis\n"
        "6. Januar geschlossen. Führen Sie den Umzug bitte erst nach unserer Rückkehr\n"
        "durch.\n\nFreundliche Grüsse\nAnna Berger\n", name="Notariat Berger"),
    "a practice closed, in short lines without full stops, says the date suits": mail(
        "praxis@dr-vogt.example", "Re: Wartung am 20.",
        "Unsere Praxis ist ab Montag geschlossen\nWir sind nach unserer Rückkehr wieder da\n"
        "Die Wartung am 20 passt uns gut\n\nGruß\nPetra Vogt\n", name="Praxis Dr. Vogt"),
    "a customer thanks, will test within 24 hours and reply, signs": mail(
        "anna@loomcraft.example", "Re: [Ticket#2027011210000052] DNS",
        "Thanks for your message, I'll test it within 24 hours and reply.\n\nAnna\n",
        name="Anna Hill"),
    "a customer's team thanks, promises an answer within 48 h, asks": mail(
        "contact@atelier-roux.example", "RE: [Ticket#2027011210000053] Migration",
        "Merci pour votre message. Notre équipe vous répondra sous 48 h, mais l'adresse IP "
        "change-t-elle ?\n\nL'équipe Atelier Roux\n", name="Atelier Roux"),
    "a clerk thanks, will answer within 2 working days, signs with a name": mail(
        "info@kaffee-kern.example", "AW: [Ticket#2027011210000054] Rechnung",
        "Vielen Dank für Ihre Nachricht. Wir melden uns innerhalb von 2 Werktagen mit den "
        "Unterlagen.\n\nViele Grüße\nPetra Schulz\n", name="Kaffee Kern"),
    "an agency thanks and says we will send the DNS data within 24 hours": mail(
        "support@webagentur-sued.example", "Re: [Ticket#2027011210000060] Umzug",
        "Vielen Dank für Ihre Nachricht. Wir melden uns innerhalb von 24 Stunden mit den neuen "
        "DNS-Daten.\n\nIhr Team der Webagentur Süd\n", name="Webagentur Süd"),
}


test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
