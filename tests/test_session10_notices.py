"""Issue 21, session 10. Two findings of the development sets, in our own words:

- client-rule notices without a marker header that the notice frame missed (tests/heldout19
  and tests/heldout20): a feast as the time ("erst nach Ostern"), a phone number as where to turn,
  a matter handed to someone meanwhile ("Bestellungen bitte an shop@..., die werden von meinem
  Bruder beantwortet"), "if it can't wait" as an urgent case, an office reached only in the
  mornings, an answer promised for a date, a reason of up to 25 words, Hungarian words;
- a DMARC aggregate report or a TLS report (RFC 7489, RFC 8460) from a sender that is no
  no-reply address (tests/heldout21: seznam.cz's), and a multipart/report of a type other than a
  DSN's.

Beside them customers who write the same way and tell or ask us something: they stay answered.
"""

from __future__ import annotations

from tests.findings import attached, findings_tests, mail

TICKET = "[Ticket#2027030410000042] "
REPLY = {"In-Reply-To": "<r1@ticket01.centron.de>"}


def answer(subject: str, body: str, sender: str = "jan@gaertnerei-lind.example", **kw):
    return mail(sender, subject, body, name="Jan Lind", headers=REPLY, **kw)


def report(body: str, filename: str, content_type: str = "application/gzip",
           sender: str = "dmarc-reports@receiver.example", subject: str = ""):
    found = mail(sender, subject or "Report Domain: centron.de Submitter: receiver.example "
                 "Report-ID: centron.de-1772409600", body)
    return attached(found, content_type, filename)


DMARC_NAME = "receiver.example!centron.de!1772409600!1772495999.xml.gz"

NOTICES = {
    "de, a house fair, mail read after Easter, the workshop's number": answer(
        "AW: " + TICKET + "Speicher",
        "Guten Tag,\n\ndiese Woche ist unser ganzes Team auf der Hausmesse. E-Mails werden erst "
        "nach Ostern wieder gelesen.\n\nErsatzteile erhalten Sie wie gewohnt über die Werkstatt "
        "unter 05971 123450.\n\nJan Lind\nGärtnerei Lind"),
    "de, away after a wedding, orders handed to the brother": answer(
        "AW: " + TICKET + "Shop",
        "Wir sind auf Hochzeitsreise!\n\nAb dem 21. September bin ich wieder erreichbar. "
        "Bestellungen bitte an shop@gaertnerei-lind.example, die werden von meiner Schwester "
        "bearbeitet.\n\nViele Grüße\nJan Lind"),
    "en, a long reason, back on Monday, if it can't wait": answer(
        "RE: " + TICKET + "Certificate",
        "Hi,\n\nI'm helping out at the lifeboat station during the regatta week until Friday "
        "12 June and there is hardly any signal out there. I'll pick up "
        "emails when I'm back on Monday.\n\nIf it can't wait, Maggie in the shop "
        "(01479 810 999) can help.\n\nCheers,\nJan"),
    "hu, closed for the national holiday, answered from a date": answer(
        "Vá: " + TICKET + "Tárhely",
        "Tisztelt Partnerünk!\n\nA nemzeti ünnep miatt irodánk október 23. és 26. között zárva "
        "tart. Levelére október 27-től válaszolunk.\n\nÜdvözlettel:\nLind János\nLind Kft."),
    "es, the harvest, the office only in the mornings": answer(
        "RE: " + TICKET + "Tienda",
        "Estimado cliente:\n\nEstamos en plena cosecha. Hasta el 20 de octubre la oficina "
        "atiende solo por las mañanas. Le responderemos en cuanto nos sea posible.\n\nPara "
        "pedidos urgentes: pedidos@gaertnerei-lind.example\n\nUn saludo\nJan"),
}

REPORTS = {
    "a DMARC aggregate report, a line of text": report(
        "This is a DMARC aggregate report for centron.de.\n", DMARC_NAME),
    "a DMARC report zipped, no text": report("\n", DMARC_NAME.replace(".xml.gz", ".zip"),
                                             "application/zip"),
    "a TLS report by its media type": report(
        "This is an aggregate TLS report from receiver.example\n", "report.json.gz",
        "application/tlsrpt+gzip", sender="tls-reports@receiver.example"),
}

PEOPLE = {
    "de, moved and reachable, invoices to accounting from now on": answer(
        "AW: " + TICKET + "Rechnungsadresse",
        "Guten Tag,\n\nwir sind umgezogen und ab 1. Juni in der Hauptstraße 5 erreichbar. "
        "Rechnungen bitte an buchhaltung@gaertnerei-lind.example.\n\nGrüße\nJan Lind"),
    "de, away, a double debit, answers on Monday": answer(
        "AW: " + TICKET + "Rechnung",
        "Hallo,\n\nich bin bis Freitag auf Dienstreise. Die Rechnung vom März wurde doppelt "
        "abgebucht, ich antworte Ihnen am Montag mit den Belegen.\n\nGruß\nJan Lind"),
    "en, only mornings, the DNS change can wait": answer(
        "RE: " + TICKET + "DNS",
        "Hi,\n\nI'm only in the office in the mornings until Friday. The DNS change for the "
        "shop can wait until then.\n\nThanks\nJan"),
    "en, after Easter, cancel the server": answer(
        "RE: " + TICKET + "Server",
        "Hello,\n\nwe close the branch after Easter and I'm away until 20 April. The second "
        "server is no longer needed from May.\n\nJan"),
    "a forwarded DMARC report with a question": report(
        "Hallo, wir bekommen diese Berichte jeden Tag. Warum schlägt DKIM für unsere "
        "Newsletter fehl?\n\nGruß Jan\n", DMARC_NAME, sender="jan@gaertnerei-lind.example",
        subject="WG: Report Domain: gaertnerei-lind.example"),
    "a long text beside a report file": report(
        "Guten Tag,\n\nanbei der Bericht von gestern. Seit der Umstellung auf den neuen "
        "Mailserver landen unsere Rechnungen bei mehreren Kunden im Spam. Bitte prüfen Sie "
        "die SPF- und DKIM-Einträge unserer Domain und richten Sie DMARC so ein, wie es im "
        "Bericht empfohlen wird. Die Domain ist gaertnerei-lind.example, der Mailserver "
        "mail.gaertnerei-lind.example. Wir brauchen das bis Ende der Woche, weil dann der "
        "Versand der Jahresrechnungen beginnt.\n\nMit freundlichen Grüßen\nJan Lind\n",
        DMARC_NAME, sender="jan@gaertnerei-lind.example", subject="DMARC Bericht"),
    "an attachment named with exclamation marks, not a report's": report(
        "Hallo, hier das Logo für die Seite!\n", "logo!final!v2.png", "image/png",
        sender="jan@gaertnerei-lind.example", subject="Logo"),
}

test_the_notice_is_not_answered, test_the_person_is_answered = findings_tests(
    {**NOTICES, **REPORTS}, PEOPLE)
