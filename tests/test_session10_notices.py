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

# tests/heldout21 and tests/heldout22 (their blind measure first): notices with wishes and names
# below them, a successor named "ab sofort", "kann E-Mails erst ... lesen", an invitation to a
# fair's booth, a number in North American groups, and more words of reach.
NOTICES2 = {
    "en, a holiday, back Monday, main line in US groups, a wish and a name": answer(
        "RE: " + TICKET + "VPN",
        "Hi there,\n\nOur offices are closed Thursday, November 26 for the holiday. I'll be back "
        "at my desk Monday, November 30 and will reply then.\n\nFor anything that can't wait, "
        "please call our main line at (312) 555-0100.\n\nHappy holidays!\nJan"),
    "sv, closed over the holiday, mail read again, a wish and a firm": answer(
        "SV: " + TICKET + "Faktura",
        "Hej!\n\nKontoret är stängt 19-22 juni. Jag läser min e-post igen tisdag 23 juni.\n\n"
        "Glad sommar!\nJan Lind\nLind Bygg AB"),
    "de, retired, a successor from now on, thanks for working together": answer(
        "AW: " + TICKET + "Webmail",
        "Sehr geehrte Damen und Herren,\n\nich bin zum 31. März in den Ruhestand gegangen. Dieses "
        "Postfach wird noch bis Ende Juni weitergeleitet, aber nicht mehr von mir gelesen.\n\n"
        "Ihre Ansprechpartnerin ist ab sofort meine Nachfolgerin Frau Berg, "
        "berg@gaertnerei-lind.example.\n\nFür die gute Zusammenarbeit bedanke ich mich herzlich."
        "\n\nJan Lind"),
    "de, a lay judge this week, mail read on Monday": answer(
        "AW: " + TICKET + "Backup",
        "Guten Tag,\n\nich bin diese Woche am Landgericht tätig und kann E-Mails erst am Montag, "
        "27.04., bearbeiten. In dringenden Fällen wenden Sie sich bitte an das Sekretariat unter "
        "0261 123450.\n\nJan Lind"),
    "de, at a fair, mail handled in part, visit the booth": answer(
        "AW: " + TICKET + "Wartung",
        "Guten Tag,\n\nvom 9. bis 15.11. stehen wir mit unserem Team auf der Messe in Hannover. In "
        "dieser Zeit werden E-Mails nur eingeschränkt bearbeitet. Gern können Sie uns auch direkt "
        "am Stand besuchen!\n\nJan Lind"),
    "it, a course, mail read only in the evening, the office's number": answer(
        "R: " + TICKET + "Manutenzione",
        "Buongiorno,\n\nsono impegnato in un corso fino a venerdì 16 ottobre e leggerò la posta "
        "solo la sera. Per questioni urgenti potete contattare la segreteria allo 051 644 0000.\n\n"
        "Cordiali saluti\nJan Lind"),
    "pl, the office closed, messages read from a date": answer(
        "Odp: " + TICKET + "Faktura",
        "Dzień dobry,\n\nuprzejmie informujemy, że w dniach 1-4 maja biuro jest nieczynne. "
        "Wiadomości będą odczytywane od wtorku, 5 maja.\n\nPozdrawiamy\nBiuro Lind"),
    "tr, the office closed for the feast, an answer on a date, a wish": answer(
        "YNT: " + TICKET + "Yedekleme",
        "Merhaba,\n\nBayram tatili nedeniyle 26-31 Mayıs tarihleri arasında ofisimiz kapalıdır. "
        "1 Haziran Pazartesi günü e-postanıza dönüş yapacağım.\n\nİyi bayramlar dilerim.\n\n"
        "Jan Lind"),
    "es, closed for the fair, mail answered from Monday, sorry": answer(
        "RE: " + TICKET + "Tienda",
        "Con motivo de la feria, nuestras oficinas permanecerán cerradas del 20 al 26 de abril. "
        "Atenderemos su correo a partir del lunes 27. Disculpe las molestias."),
    "de, care leave, no access, invoices and the rest elsewhere": answer(
        "AW: " + TICKET + "Rechnung",
        "Vielen Dank für Ihre E-Mail.\n\nIch befinde mich bis 31. Juli in Pflegezeit und habe in "
        "dieser Zeit keinen Zugriff auf mein Postfach.\n\nRechnungen richten Sie bitte an "
        "buchhaltung@gaertnerei-lind.example, alles andere an berg@gaertnerei-lind.example.\n\n"
        "Freundliche Grüße\nJan Lind"),
    "nl, working days, need an answer today? write or call": answer(
        "RE: " + TICKET + "SPF",
        "Hoi,\n\nMijn werkdagen zijn maandag, dinsdag en woensdag. Je bericht lees ik op mijn "
        "eerstvolgende werkdag.\n\nHeb je vandaag een antwoord nodig? Stuur dan een mail naar "
        "kantoor@gaertnerei-lind.example of bel 020 555 0000.\n\nGroet,\nJan"),
    "en, back on Monday, urgent? call the office": answer(
        "RE: " + TICKET + "Backup",
        "Hello,\n\nI'm out of the office until Monday 4 May. Need something urgently? Please "
        "call the office on 020 555 0000.\n\nJan"),
    "es, the office closed, an answer as soon as possible": answer(
        "Re: " + TICKET + "Certificado",
        "Buenos días:\n\nEl despacho permanece cerrado hasta el 9 de diciembre. Contestaremos a su "
        "mensaje a la mayor brevedad.\n\nJan Lind\nLind Abogados"),
    "hr, away on annual leave, not forwarded, call in urgent cases": answer(
        "RE: " + TICKET + "Domena",
        "Poštovani,\n\nodsutan sam do 17. kolovoza 2026. (godišnji odmor). Vaša poruka neće biti "
        "proslijeđena. Za hitne slučajeve nazovite 01 4567 000.\n\nLijep pozdrav,\nJan Lind"),
    "en, the shop closed over the holidays, back in the new year": answer(
        "Re: " + TICKET + "Domain",
        "Hi there,\n\nThe shop is closed from December 23 through January 2. I'll get back to "
        "you in the new year.\n\nHappy holidays!\nJan"),
}

MORE_PEOPLE = {
    "en, the shop is down, back in the new year": answer(
        "Re: " + TICKET + "Shop",
        "Hi,\n\nI'm away from December 23 through January 2. The shop is down and customers can't "
        "pay, please fix it before the new year.\n\nJan"),
    "de, our shop closed, the server to be moved meanwhile": answer(
        "AW: " + TICKET + "Umzug",
        "Hallo,\n\nunser Laden ist vom 23.12. bis 2.1. geschlossen. In der Zeit soll der Server "
        "umgezogen werden.\n\nJan"),
    "de, away from Monday, need the approval before? call me": answer(
        "AW: " + TICKET + "Server",
        "Hallo,\n\nich bin ab Montag im Urlaub. Brauchen Sie die Freigabe für den Server noch "
        "vorher? Dann rufen Sie mich an: 0171 1234567.\n\nJan"),
    "en, away, do you need the invoice today? it's attached": answer(
        "RE: " + TICKET + "Invoice",
        "Hi,\n\nI'm on leave until 3 May. Do you need the signed order today? I can send it "
        "from my phone, 020 555 0000 is my number.\n\nJan"),
    "en, back Monday, call me about the certificate, urgent": answer(
        "RE: " + TICKET + "Certificate",
        "Hi,\n\nI'm back in the office on Monday. Call me at (312) 555-0100 about the certificate "
        "renewal, it's urgent.\n\nJan"),
    "de, retiring, the contract ends with it": answer(
        "AW: " + TICKET + "Vertrag",
        "Guten Tag,\n\nich gehe zum 30. Juni in den Ruhestand. Den Vertrag für den Server kündige "
        "ich hiermit zum gleichen Datum.\n\nJan Lind"),
    "de, a successor from now on, invoices to be changed": answer(
        "AW: " + TICKET + "Ansprechpartner",
        "Guten Tag,\n\nich bin ab 1. Mai nicht mehr im Unternehmen. Mein Nachfolger ist ab sofort "
        "Herr Berg, berg@gaertnerei-lind.example. Bitte stellen Sie die Rechnungen auf ihn "
        "um.\n\nJan Lind"),
    "de, at a fair, visit us and bring the new server": answer(
        "AW: " + TICKET + "Server",
        "Hallo,\n\nwir sind vom 9. bis 15.11. auf der Messe in Hannover. Gern können Sie uns am "
        "Stand besuchen und den neuen Server gleich mitbringen!\n\nJan Lind"),
    "en, can't reach the portal until Friday, the shop is down": answer(
        "RE: " + TICKET + "Shop",
        "Hello,\n\nI'm away until Friday 12 June with limited access. The shop has been down "
        "since this morning and customers can't order.\n\nJan"),
    "nl, working days, restart the VPN": answer(
        "RE: " + TICKET + "VPN",
        "Hoi,\n\nMijn werkdagen zijn maandag tot en met woensdag. De VPN-tunnel valt sinds "
        "gisteren steeds weg, kunnen jullie die vandaag herstarten.\n\nGroet,\nJan"),
}

test_the_notice_is_not_answered, test_the_person_is_answered = findings_tests(
    {**NOTICES, **REPORTS, **NOTICES2}, {**PEOPLE, **MORE_PEOPLE})
