"""Issue 21, tests/heldout18 (first measure 5642dc1): nine of its ten client-rule notices without
a marker header were answered; each gave a reason no rule had words for (a stocktaking, an
office move, a new role, reduced hours, a year-end closing, a new contact person, a mail
migration, a seminar, an office closed for the summer) in cs, da, de, en, it, nl, pl, pt, sv.
gateway/rules/thanked_notices takes the notice's frame instead of its reason: an answer that
quotes nothing, opens by thanking for the mail, names a time or another address, tells of the
writer's reach and asks nothing of us. Written in our own words; beside them customers whose
answers open the same way and ask or tell us something, and stay answered."""

from __future__ import annotations

from tests.findings import findings_tests, mail

TICKET = "[Ticket#2027030410000042] "
REPLY = {"In-Reply-To": "<r1@ticket01.centron.de>"}


def answer(subject: str, body: str, sender: str = "kern@holzbau-kern.example", **kw):
    return mail(sender, subject, body, name="Kern", headers=REPLY, **kw)


NOTICES = {
    "de, a stocktaking, handled after": answer(
        "AW: " + TICKET + "Domain",
        "Guten Tag,\n\nvielen Dank für Ihre E-Mail. Wegen unserer Inventur ist das Büro vom 6. bis "
        "8. Januar nicht besetzt; Ihre Nachricht wird danach bearbeitet.\n\nMit freundlichen "
        "Grüßen\nHolzbau Kern GmbH"),
    "en, reduced hours, replies delayed": answer(
        "RE: " + TICKET + "Invoice",
        "Hello,\n\nThank you for your email. Our accounts team works reduced hours until 30 June "
        "and replies may be delayed.\n\nKind regards\nBrook & Sons Ltd"),
    "fr, an office moving, mails late": answer(
        "RE: " + TICKET + "Migration",
        "Bonjour,\n\nMerci pour votre message. Nos bureaux déménagent du 12 au 14 mars ; les "
        "e-mails seront traités avec retard.\n\nCordialement\nAtelier Morel"),
    "es, someone else in charge, write to her": answer(
        "RE: " + TICKET + "Servidor",
        "Hola,\n\nGracias por su mensaje. Desde el 1 de abril la administración de sistemas está "
        "a cargo de Marta Ruiz, que ha tomado el relevo; por favor escriba a "
        "marta.ruiz@talleres.example.\n\nSaludos\nJosé"),
    "da, closed a week, answered when back": answer(
        "SV: " + TICKET + "Faktura",
        "Hej\n\nTak for din mail. Vi holder lukket i uge 42, og mails bliver besvaret når vi er "
        "tilbage.\n\nVenlig hilsen\nHansen ApS"),
    "pl, a new person in charge, her address": answer(
        "Odp: " + TICKET + "Kopia zapasowa",
        "Dzień dobry,\n\ndziękuję za wiadomość. Od 1 lutego sprawami księgowymi zajmuje się Pani "
        "Anna Lis; proszę pisać na adres a.lis@firma-lis.example.\n\nPozdrawiam\nJan Nowak"),
    "sv, a course, mail read on Thursday": answer(
        "SV: " + TICKET + "DNS",
        "Hej,\n\nTack för ditt mejl. Jag är på kurs måndag–onsdag och läser e-post först på "
        "torsdag.\n\nMed vänlig hälsning\nEva"),
    "pt, a mail migration, send again": answer(
        "RE: " + TICKET + "Proposta",
        "Olá,\n\nObrigado pela sua mensagem. Entre 3 e 5 de maio migramos o nosso correio; se não "
        "tiver resposta até dia 8, por favor reenvie a mensagem.\n\nCumprimentos\nRui"),
}

PEOPLE = {
    "de, away, but asks to cancel first": answer(
        "AW: " + TICKET + "Vertrag",
        "Vielen Dank für Ihre Nachricht. Ich bin ab 3. März im Urlaub, bitte kündigen Sie "
        "vorher noch den Vertrag.\n\nGruß\nKern"),
    "de, a site down since Monday (a service's state)": answer(
        "AW: " + TICKET + "Shop",
        "Danke für Ihre Nachricht. Unsere Website ist seit Montag nicht erreichbar, der Shop "
        "steht komplett.\n\nKern"),
    "en, moved offices, please update the address": answer(
        "RE: " + TICKET + "Invoice",
        "Thanks for your email. We have moved offices as of 1 May, please update the invoice "
        "address to 12 High Street, Leeds.\n\nBest\nTom"),
    "en, back Monday, quoting the mail answered": answer(
        "Re: " + TICKET + "DNS",
        "Thank you for your message. I'm back on Monday and will migrate the DNS then.\n\n"
        "On 3 March 2027, centron Support wrote:\n\nour maintenance is planned for Tuesday."),
    "fr, on leave, asks to move the maintenance": answer(
        "RE: " + TICKET + "Maintenance",
        "Merci pour votre message. Je suis en congé jusqu'au 14 mars, pouvez-vous reporter la "
        "maintenance ?\n\nCordialement\nMorel"),
    "nl, moved, asks to change the address": answer(
        "Re: " + TICKET + "Factuur",
        "Bedankt voor uw bericht. Wij zijn verhuisd per 1 april; graag het factuuradres aanpassen "
        "naar Kerkstraat 5, Utrecht.\n\nGroet\nDe Vries"),
    "de, a ticket opened, no answer yet": answer(
        "AW: " + TICKET + "Server",
        "Danke für Ihre Nachricht. Ich habe am 3. März das Ticket im Account Center eröffnet, "
        "bisher ohne Antwort.\n\nKern"),
    "da, closed a week, but the server must restart": answer(
        "SV: " + TICKET + "Genstart",
        "Tak for din mail. Vi holder lukket i uge 42, men I må gerne genstarte serveren tirsdag."
        "\n\nHansen"),
    # the lead's own attack on thanked_notice: the thanks opening, then a customer's news or word
    "de, thanks, on holiday, locked out since yesterday": answer(
        "AW: " + TICKET + "Zugang",
        "Vielen Dank für Ihre Nachricht. Ich bin bis 12.5. im Urlaub, mein Zugang ist seit gestern "
        "gesperrt.\n\nGruß\nKern"),
    "en, thanks, back Monday, will open the ticket then": answer(
        "RE: " + TICKET + "Portal",
        "Thank you for your email. I'm back on Monday and will then open the ticket in the Account "
        "Center.\n\nTom"),
    "de, thanks, office closed, the domain no longer needed": answer(
        "AW: " + TICKET + "Domain",
        "Danke für Ihre Nachricht. Unser Büro ist seit 1.4. geschlossen, die Domain wird nicht mehr "
        "gebraucht.\n\nKern"),
    "fr, thanks, back, a colleague for the server's restart": answer(
        "RE: " + TICKET + "Serveur",
        "Merci pour votre message. Je suis de retour le 3 mars; d'ici là, contactez Paul "
        "(paul@acme.example) pour le redémarrage du serveur.\n\nMarie"),
    "de, thanks, rehab, a colleague takes over the cancellation": answer(
        "AW: " + TICKET + "Vertrag",
        "Vielen Dank für Ihre E-Mail. Ich bin ab 3.3. in der Reha, die Kündigung übernimmt Herr "
        "Schulz (schulz@kunde.example).\n\nKern"),
}

test_the_notice_is_not_answered, test_the_person_is_answered = findings_tests(NOTICES, PEOPLE)


# tests/heldout19 (the session's final blind set, 12 of 60 answered on 5a6c196): its client-rule
# notices mostly open without thanks; gateway/rules/covered_notices takes the same frame when
# every sentence is a notice's. In our own words; beside them customers who are away and give us
# a go-ahead or a word on a matter, and stay answered.
COVERED = {
    "de, a bridge day, closed, back, handled then": answer(
        "AW: " + TICKET + "VPN",
        "Guten Tag,\n\nunsere Praxis ist am Freitag, 15. Mai, geschlossen.\nAb Montag sind wir "
        "wieder wie gewohnt für Sie da. Ihre E-Mail wird dann bearbeitet.\n\nFreundliche Grüße\n"
        "Praxis Dr. Kern"),
    "de, a mailbox read on Mondays, call for urgent": answer(
        "AW: " + TICKET + "Rechnung",
        "Guten Tag,\n\ndieses Postfach wird nur montags gelesen. Ihre Nachricht wird am kommenden "
        "Montag bearbeitet.\nIn dringenden Fällen erreichen Sie uns unter 0621 123 45 67.\n\n"
        "Sportverein Kern e.V.\nGeschäftsstelle"),
    "fr, a strike, offices closed, patience": answer(
        "RE: " + TICKET + "Certificat",
        "Bonjour,\n\nEn raison de la grève, nos bureaux sont fermés jusqu'au mardi 7 avril.\n"
        "Le traitement de votre demande pourra prendre du retard.\n\nMerci de votre compréhension."
        "\n\nCordialement,\nAtelier Morel"),
    "it, in hospital, mail not read, write elsewhere for urgent matters": answer(
        "R: " + TICKET + "Backup",
        "Buongiorno,\n\nsono ricoverato in ospedale e non potrò leggere la posta per qualche "
        "settimana.\nPer questioni urgenti relative ai server potete scrivere a "
        "it@vetro-kern.example.\n\nCordiali saluti\nLuca"),
    "nl, moving, not reachable, a new address": answer(
        "Re: " + TICKET + "Factuur",
        "Beste afzender,\n\nWij verhuizen! Van 3 t/m 5 juni zijn wij niet bereikbaar.\nVanaf 8 juni "
        "vindt u ons op ons nieuwe adres: Dorpsstraat 1, Utrecht.\n\nMet vriendelijke groet,\n"
        "Team Kern"),
    "de, a company outing, not staffed, a wish and the team's line": answer(
        "Re: " + TICKET + "Angebot",
        "Hallo,\n\nheute (Freitag, 12.06.) sind wir auf Betriebsausflug, das Büro ist nicht besetzt."
        "\nAb Montag sind wir wieder für Sie da.\n\nSchönes Wochenende!\nIhr Team von Kern Bau"),
    "pl, a business trip, limited mail, call the mobile": answer(
        "Odp: " + TICKET + "Domena",
        "Dzień dobry,\n\ndo piątku 9.10 jestem w delegacji i mam ograniczony dostęp do poczty.\n"
        "W pilnych sprawach proszę dzwonić na komórkę: 601 234 567.\n\nPozdrawiam\nAnna Kern"),
}

COVERED_PEOPLE = {
    "de, this mailbox no longer read, technical matters from now on elsewhere": answer(
        "AW: " + TICKET + "Postfach",
        "Hallo,\n\nmein Postfach hier wird ab März nicht mehr gelesen, ich wechsle intern die "
        "Abteilung. Technische Themen bitte künftig an it@kern-bau.example.\n\nGruß\nKern"),
    "de, closed between the years, the maintenance suits": answer(
        "AW: " + TICKET + "Wartung",
        "Guten Tag,\n\nunser Büro ist vom 24.12. bis 1.1. geschlossen. Die Wartung am 29.12. passt "
        "deshalb gut.\n\nMit freundlichen Grüßen\nKern"),
    "en, off sick, Tuesday is fine": answer(
        "RE: " + TICKET + "Migration",
        "Hi,\n\nI'm off sick this week with limited access to email. Tuesday the 20th is fine for "
        "the migration.\n\nRachel"),
    "pl, on leave, the migration can go ahead": answer(
        "Odp: " + TICKET + "Migracja",
        "Dzień dobry,\n\njestem na urlopie do 15 lipca. Migrację można przeprowadzić zgodnie z "
        "planem.\n\nPozdrawiam\nTomasz"),
    "nl, company holiday, the servers after it": answer(
        "Re: " + TICKET + "Servers",
        "Beste,\n\nWij hebben bedrijfsvakantie tot 18 augustus. De servers daarna graag "
        "herstarten.\n\nMet vriendelijke groet,\nVisser"),
    "de, a new address, invoices go there": answer(
        "AW: " + TICKET + "Adresse",
        "Guten Tag,\n\nwir sind umgezogen, unsere neue Anschrift ab 1. Juni: Hauptstraße 5, Köln.\n"
        "Rechnungen gehen ab sofort an buchhaltung@kern-bau.example.\n\nGrüße\nKern"),
}

test_the_covered_notice_is_not_answered, test_the_person_away_is_answered = findings_tests(
    COVERED, COVERED_PEOPLE)
