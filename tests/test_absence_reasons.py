"""Issue 21, tests/heldout14's four answered absence notices without any marker header (a rehab,
a law firm merged and its address retired, a trade fair under "Abwesend: AW:", an office closed
between the years): the families of *why* someone is away and *when* they are back
(gateway/rules/absence_reasons), in German, English, French, Spanish, Italian and Dutch. Written
in our own words, not the set's; beside them customers who say the same about themselves and
ask something of us, and stay answered."""

from __future__ import annotations

import pytest

from tests.findings import mail, reasons

TICKET = "[Ticket#2027030410000042] "

NOTICES = {
    "de, a cure, read after, a colleague": (
        "Re: " + TICKET + "Zertifikat",
        "Guten Tag,\n\nich bin bis einschließlich 14. April zur Kur und lese meine E-Mails erst "
        "nach meiner Rückkehr.\nIn dringenden Fällen wenden Sie sich bitte an Frau Berger "
        "(berger@praxis-hahn.example).\n\nMit freundlichen Grüßen\nPetra Hahn"),
    "de, a trade fair, limited, back, visit the stand": (
        "AW: " + TICKET + "Angebot",
        "Guten Tag,\n\nvom 3. bis 5. März sind wir auf der Fachmesse in Essen und daher nur "
        "eingeschränkt erreichbar. Ab Montag, 8. März, bin ich wieder für Sie da.\n\n"
        "Besuchen Sie uns gerne an unserem Stand B12!\n\nViele Grüße\nTina Roth"),
    "de, a trade fair under a rule's own prefix before AW:": (
        "Außer Haus: AW: " + TICKET + "Angebot",
        "Guten Tag,\n\nwir sind bis 5. März auf der Messe und melden uns danach. Ab dem 8. März "
        "sind wir wieder wie gewohnt erreichbar.\n\nViele Grüße\nTina Roth"),
    "de, closed between the years, season's greetings, a team's line": (
        "AW: " + TICKET + "Wartung",
        "Sehr geehrte Damen und Herren,\n\nzwischen Weihnachten und Neujahr haben wir "
        "geschlossen. Ab dem 4. Januar sind wir wieder wie gewohnt für Sie da.\n\nFrohe "
        "Weihnachten und einen guten Rutsch ins neue Jahr!\n\nIhr Praxisteam Dr. Lenz"),
    "de, a firm merged, this address retired, write to another": (
        "Re: " + TICKET + "Vertrag",
        "Sehr geehrte Damen und Herren,\n\nunser Büro hat sich zum 1. Januar mit der Steuer "
        "Partner GmbH zusammengeschlossen. Diese E-Mail-Adresse wird nicht mehr gelesen, Ihre "
        "Nachricht wurde nicht weitergeleitet.\n\nBitte schreiben Sie erneut an: "
        "info@steuer-partner.example\n\nMit freundlichen Grüßen\nKarl Ott"),
    "de, a colleague gone, turn to sales": (
        "AW: " + TICKET + "Rechnung",
        "Guten Tag,\n\nHerr Klein ist nicht mehr für unser Unternehmen tätig. Ihre Nachricht "
        "wurde nicht weitergeleitet.\nBitte wenden Sie sich an vertrieb@klein-bau.example.\n\n"
        "Freundliche Grüße\nKlein Bau GmbH"),
    "en, a conference, reply on return": (
        "Re: " + TICKET + "Server",
        "Hi,\n\nI'm attending a conference in Lisbon until Thursday 12 March and will reply "
        "when I return.\n\nBest regards\nMark"),
    "en, no longer with the company": (
        "RE: " + TICKET + "Invoice",
        "Hello,\n\nJane Doe is no longer with Acme Corp. Please contact sales@acme.example for "
        "any enquiries.\n\nAcme Corp"),
    "en, offices closed for the holidays, reopen": (
        "RE: " + TICKET + "Maintenance",
        "Dear customer,\n\nOur offices are closed for the holidays from 24 December to "
        "1 January. We will reopen on Monday 4 January.\n\nSeason's greetings,\nThe Acme Team"),
    "fr, a training, on return": (
        "RE: " + TICKET + "Migration",
        "Bonjour,\n\nje suis en formation jusqu'au 15 mars et je vous répondrai dès mon retour."
        "\n\nCordialement\nClaire Martin"),
    "fr, the firm closed, reopening, season's greetings": (
        "RE: " + TICKET + "Migration",
        "Bonjour,\n\nnotre cabinet sera fermé du 24 décembre au 2 janvier. Réouverture le "
        "lundi 4 janvier.\n\nJoyeuses fêtes !\n\nL'équipe du cabinet Durand"),
    "es, a fair, limited, on my return": (
        "RE: " + TICKET + "Servidor",
        "Hola,\n\nestoy en una feria en Madrid hasta el jueves 12 de marzo, con disponibilidad "
        "limitada. Responderé a su correo a mi regreso.\n\nSaludos\nJavier"),
    "es, no longer works here": (
        "RE: " + TICKET + "Factura",
        "Hola,\n\nLaura Gómez ya no trabaja en Ibérica Soft. Por favor, contacte con "
        "info@iberica.example.\n\nIbérica Soft"),
    "it, a fair, limited, on return": (
        "R: " + TICKET + "Server",
        "Buongiorno,\n\nsono in fiera a Milano fino al 14 marzo e raggiungibile solo in modo "
        "limitato. Risponderò al mio rientro.\n\nCordiali saluti\nLuca Bianchi"),
    "it, offices closed for the holidays, reopen": (
        "R: " + TICKET + "Server",
        "Gentile cliente,\n\ni nostri uffici resteranno chiusi per le festività dal 24 dicembre "
        "al 6 gennaio. Riapriremo il 7 gennaio.\n\nBuone feste!\n\nIl team di Studio Verdi"),
    "nl, a fair, limited, after my return": (
        "RE: " + TICKET + "Server",
        "Goedemiddag,\n\nik ben tot en met 20 maart op een beurs in Utrecht en beperkt "
        "bereikbaar. Na mijn terugkeer neem ik contact met u op.\n\nMet vriendelijke groet\n"
        "Eva de Boer"),
    "nl, no longer employed, contact": (
        "RE: " + TICKET + "Factuur",
        "Goedendag,\n\nPieter Jansen is niet meer werkzaam bij Bouwbedrijf Smit. Neem contact op "
        "met info@smit.example.\n\nBouwbedrijf Smit"),
}


def _person(subject: str, body: str) -> tuple[bytes, str]:
    return mail("kunde@firma.example", subject, body, name="Kunde")


PEOPLE = {
    "de, in rehab and asks to cancel first": _person(
        "AW: " + TICKET + "Vertrag",
        "Ich bin ab Montag in der Reha; bitte kündigen Sie vorher noch meinen Vertrag."),
    "de, in rehab, signs later, says more": _person(
        "AW: " + TICKET + "Vertrag",
        "Ich bin bis 27. März in der Reha und kann erst danach unterschreiben. Der Vertrag kann "
        "bis dahin liegen bleiben."),
    "en, closed between the years, asks to move the window": _person(
        "Re: " + TICKET + "Maintenance",
        "We're closed between the years, can you move the maintenance window?"),
    "en, the firm merged, asks to change the contact": _person(
        "Re: " + TICKET + "Contract",
        "Our firm merged with Baker LLP, please change the contact address on contract 123."),
    "en, a new address, asks to update the invoice": _person(
        "Re: " + TICKET + "Invoice",
        "New address: please update the invoice address to 5 High Street, Leeds."),
    "de, a new address, asks to update the invoice": _person(
        "AW: " + TICKET + "Rechnung",
        "Wir haben eine neue Adresse, bitte ändern Sie die Rechnungsadresse auf Hauptstraße 5, "
        "80331 München."),
    "de, merged, address retired, asks to change the invoice address": _person(
        "AW: " + TICKET + "Rechnung",
        "Unsere Kanzlei ist zum 1. Dezember mit Brandl & Partner fusioniert. Diese "
        "E-Mail-Adresse wird nicht mehr abgerufen. Bitte ändern Sie die Rechnungsanschrift auf "
        "kanzlei@brandl.example."),
    "de, a trade fair, and a go-ahead": _person(
        "AW: " + TICKET + "Angebot",
        "Wir sind vom 6. bis 8. Oktober auf der it-sa und nur eingeschränkt erreichbar. Ab 9. "
        "Oktober bin ich wieder für Sie da. Das Angebot für die Colocation passt so."),
    "de, a trade fair under 'Abwesend: AW:', and a question": _person(
        "Abwesend: AW: " + TICKET + "Angebot",
        "Wir sind auf der Messe und nur eingeschränkt erreichbar. Können Sie das Angebot bis "
        "Freitag verlängern?"),
    "de, closed between the years, the maintenance suits": _person(
        "AW: " + TICKET + "Wartung",
        "Zwischen Weihnachten und Neujahr haben wir geschlossen. Ab 7. Januar sind wir wieder "
        "für Sie da.\nDie Wartung am 29.12. passt uns deshalb gut."),
    "de, season's greetings, closed, an open invoice": _person(
        "AW: " + TICKET + "Rechnung",
        "Frohe Weihnachten! Zwischen den Jahren haben wir geschlossen, ab dem 4. Januar sind wir "
        "wieder für Sie da.\nDie Rechnung 2026-117 ist noch offen."),
    "de, away, then a paragraph opening 'Ihr Team'": _person(
        "AW: " + TICKET + "Mail",
        "Ich bin bis 6. Januar im Urlaub und ab 7. Januar wieder erreichbar.\n\nIhr Team hat den "
        "Server gestern neu gestartet, seitdem geht die Mail nicht mehr"),
    "de, a colleague gone, asks to change the contact": _person(
        "AW: " + TICKET + "Vertrag",
        "Herr Klein ist nicht mehr bei uns tätig, bitte tragen Sie Frau Weber als "
        "Ansprechpartnerin für Vertrag 4711 ein."),
    "en, a conference, asks for a restart": _person(
        "Re: " + TICKET + "Server",
        "I'm attending a conference until Thursday. Could you restart the VM before then?"),
    "en, left the company, asks to move the account": _person(
        "Re: " + TICKET + "Account",
        "I have left the company and joined Beta Ltd. Please move my account 4711 to my new "
        "address tom@beta.example."),
    "fr, a training, asks to postpone": _person(
        "RE: " + TICKET + "Migration",
        "Je suis en formation jusqu'au 15 mars, merci de reporter la migration à mon retour."),
    "es, a fair, and when to migrate": _person(
        "RE: " + TICKET + "Servidor",
        "Estoy en una feria hasta el jueves y responderé a mi regreso.\nLa migración la pueden "
        "hacer el viernes."),
    "it, a fair, asks to move the migration": _person(
        "R: " + TICKET + "Server",
        "Sono in fiera fino al 14 marzo. Per favore spostate la migrazione a lunedì."),
    "de, an outage since the update, reachable again later": _person(
        "AW: " + TICKET + "Störung",
        "Wir sind seit dem Update nur eingeschränkt erreichbar, ab 14 Uhr wieder erreichbar."),
    "de, forwards a colleague's answer ('WG: AW:')": _person(
        "WG: AW: " + TICKET + "Angebot",
        "Wir sind bis 5. März auf der Messe und melden uns danach. Ab dem 8. März sind wir "
        "wieder wie gewohnt erreichbar."),
    "nl, a fair, asks a restart": _person(
        "RE: " + TICKET + "Server",
        "Ik ben op een beurs tot 20 maart. Kunt u de server vóór die tijd herstarten?"),
}


@pytest.mark.parametrize("subject, body", NOTICES.values(), ids=NOTICES.keys())
def test_an_absence_notice_for_a_reason_is_not_answered(subject, body):
    raw, sender = mail("kollege@firma.example", subject, body, name="Kollege")
    assert reasons(raw, sender) == ("out-of-office",)


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_a_person_who_says_the_same_and_asks_is_answered(raw, sender):
    assert reasons(raw, sender) == ()


# A rule's answer under a subject of its own: it answers our mail by its headers (In-Reply-To,
# References), not by a "Re:". The same words in a new mail of a customer's own, or under the
# same headers with a question, are a person's.
OURS = {"In-Reply-To": "<20270304.42.ticket@ticket01.centron.de>"}
OWN_SUBJECT_NOTICE = (
    "Guten Tag,\n\nunser Büro ist vom 23. Dezember bis 3. Januar geschlossen. Ab dem 4. Januar "
    "sind wir wieder wie gewohnt für Sie da.\n\nFrohe Festtage!\nIhr Team der Kanzlei Roth")


def test_a_notice_under_its_own_subject_that_answers_our_mail():
    raw, sender = mail("kanzlei@roth.example", "Betriebsferien", OWN_SUBJECT_NOTICE,
                       name="Kanzlei Roth", headers=OURS)
    assert reasons(raw, sender) == ("out-of-office",)


def test_the_same_words_in_a_new_mail_are_a_persons():
    raw, sender = mail("kanzlei@roth.example", "Betriebsferien", OWN_SUBJECT_NOTICE,
                       name="Kanzlei Roth")
    assert reasons(raw, sender) == ()


def test_an_answer_by_its_headers_that_asks_is_a_persons():
    raw, sender = mail("kanzlei@roth.example", "Wartung zwischen den Jahren",
                       "Unser Büro ist vom 23. Dezember bis 3. Januar geschlossen. Können Sie die "
                       "Wartung in diese Zeit legen?", name="Kanzlei Roth", headers=OURS)
    assert reasons(raw, sender) == ()


# A clause with a subject of its own after a comma or an "and" is a sentence of its own: beside
# an absence it must be an absence sentence too. A go-ahead or a note on our matter there is a
# person's ("..., die Wartung kann gern in der Zeit stattfinden"); a notice's own clause is not
# ("..., die E-Mails werden nicht weitergeleitet", "... and the office is closed until then").
CLAUSE_PEOPLE = {
    "de, closed over the holidays, the maintenance may run then": (
        "AW: " + TICKET + "Wartung",
        "Wir haben über die Feiertage geschlossen, die Wartung kann gern in der Zeit stattfinden. "
        "Ab 7.1. sind wir wieder für Sie da."),
    "de, on holiday, the server may be restarted": (
        "AW: " + TICKET + "Server",
        "Ich bin bis 12.1. im Urlaub, der Server kann ruhig neu gestartet werden. Nach meiner "
        "Rückkehr melde ich mich."),
    "de, a colleague gone, where the invoices go now": (
        "AW: " + TICKET + "Rechnung",
        "Herr Klein ist nicht mehr für uns tätig, die Rechnungen gehen ab sofort an "
        "buchhaltung@klein-bau.example. Bitte wenden Sie sich an Frau Weber."),
    "en, a trade show, the migration can go ahead": (
        "Re: " + TICKET + "Migration",
        "We're at a trade show until Friday, the migration can go ahead as planned. We'll be "
        "back on Monday."),
    "en, a conference and the server can be restarted": (
        "Re: " + TICKET + "Server",
        "I'm attending a conference until Thursday and the server can be restarted any time. I "
        "will reply when I return."),
    "fr, a training, the migration on the 16th": (
        "RE: " + TICKET + "Migration",
        "Je suis en formation jusqu'au 15 mars, la migration peut se faire le 16. Je vous "
        "répondrai dès mon retour."),
    "it, a fair, the migration suits": (
        "R: " + TICKET + "Migrazione",
        "Sono in fiera fino al 14 marzo, la migrazione va bene per martedì. Risponderò al mio "
        "rientro."),
    "es, a fair, you may migrate (no article)": (
        "RE: " + TICKET + "Hosting",
        "Estoy en una feria hasta el jueves, pueden hacer la migración el viernes. Responderé a mi "
        "regreso."),
    "it, on holiday, you may go ahead (no article)": (
        "R: " + TICKET + "Hosting",
        "Sono in ferie fino al 14 marzo, potete procedere con la migrazione. Risponderò al mio "
        "rientro."),
    "nl, a fair, the migration may go ahead": (
        "RE: " + TICKET + "Server",
        "Ik ben op een beurs tot vrijdag, de migratie mag doorgaan. Na mijn terugkeer neem ik "
        "contact op."),
}
CLAUSE_NOTICES = {
    "de, the colleagues are reached by phone": (
        "AW: " + TICKET + "Server",
        "Ich bin bis 12. Januar im Urlaub, die Kollegen erreichen Sie unter 0211 123456."),
    "en, the team can be reached": (
        "Re: " + TICKET + "Server",
        "I am out of the office until Monday 12 January, the team can be reached at "
        "support@firma.example."),
    "es, contact another (a verb to the reader)": (
        "RE: " + TICKET + "Servidor",
        "Estoy de vacaciones hasta el 12 de enero, pueden contactar con soporte@empresa.example. "
        "Responderé a mi regreso."),
    "it, write to another (a verb to the reader)": (
        "R: " + TICKET + "Server",
        "Sono in ferie fino al 14 marzo, potete scrivere a supporto@ditta.example. Risponderò al "
        "mio rientro."),
    "de, the mails are handled after the return": (
        "AW: " + TICKET + "Server",
        "Ich bin bis 12. Januar nicht im Büro, die E-Mails werden nach meiner Rückkehr bearbeitet."),
    "de, and the mails are not forwarded": (
        "AW: " + TICKET + "Server",
        "Ich bin bis 12. Januar im Urlaub und die E-Mails werden nicht weitergeleitet. In "
        "dringenden Fällen wenden Sie sich an info@firma.example."),
    "en, and the office is closed": (
        "Re: " + TICKET + "Server",
        "I am on holiday until 4 January and the office is closed until then. I will reply when "
        "I return."),
    "fr, the office is closed": (
        "RE: " + TICKET + "Server",
        "Je suis absent jusqu'au 12 janvier, le bureau est fermé. Je vous répondrai dès mon "
        "retour."),
    "nl, the mails are not forwarded": (
        "RE: " + TICKET + "Server",
        "Ik ben met vakantie tot 12 januari, de e-mails worden niet doorgestuurd. Na mijn "
        "terugkeer neem ik contact op."),
}


@pytest.mark.parametrize("subject, body", CLAUSE_PEOPLE.values(), ids=CLAUSE_PEOPLE.keys())
def test_a_clause_of_the_persons_own_beside_an_absence_is_answered(subject, body):
    raw, sender = mail("kunde@firma.example", subject, body, name="Kunde")
    assert reasons(raw, sender) == ()


@pytest.mark.parametrize("subject, body", CLAUSE_NOTICES.values(), ids=CLAUSE_NOTICES.keys())
def test_a_notices_own_clause_stays_a_notice(subject, body):
    raw, sender = mail("kollege@firma.example", subject, body, name="Kollege")
    assert reasons(raw, sender) == ("out-of-office",)
