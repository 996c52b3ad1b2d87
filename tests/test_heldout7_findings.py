"""Issue 21, the seventh held-out set's findings (tests/heldout7: people only): people whose mail
looked partly like a machine's and was silenced; beside each fix the machines' look-alikes that
must stay unanswered."""

from __future__ import annotations

import pytest

from tests.findings import mail, reasons

OUTLOOK = {"X-Mailer": "Microsoft Outlook 16.0"}


PEOPLE = {
    # a person whose own mailbox is called no-reply: an Outlook identity, a CRM's sender
    "a Dutch person from a noreply@ Outlook identity, Reply-To himself, naming his site": mail(
        "noreply@installatie.example", "Vraag over verlenging SSL-certificaat",
        "Goedemiddag,\n\nOns SSL-certificaat voor www.installatie.example verloopt op 2 februari. "
        "Wordt dit automatisch verlengd, of moet ik zelf iets doen?\n\nMet vriendelijke groet,\n"
        "Pieter de Graaf\nDe Graaf Installatietechniek B.V.", name="Pieter de Graaf",
        headers={"Reply-To": "pieter@installatie.example", **OUTLOOK}),
    "a practice's clerk from the booking system's noreply@, Reply-To the office": mail(
        "noreply@praxis.example", "Terminbuchung auf Homepage geht nicht mehr",
        "Guten Tag,\n\nseit dem Update zeigt die Online-Terminbuchung nur noch eine weiße Seite. "
        "Können Sie bitte nachsehen? Antworten bitte an verwaltung@praxis.example.\n\n"
        "Vielen Dank\nJana Albers\nPraxisverwaltung", name="Praxis Dr. Albers (bitte nicht antworten)",
        headers={"Reply-To": "verwaltung@praxis.example", **OUTLOOK}),
    "a French printer's Outlook identity no-reply@, no Reply-To, 'Merci d'avance'": mail(
        "no-reply@imprimerie.example", "Question sur l'envoi des factures",
        "Bonjour,\n\nnos factures envoyées par votre serveur SMTP n'arrivent pas. Faut-il activer "
        "quelque chose de votre côté ?\n\nMerci d'avance,\nThierry Dufour\nImprimerie Dufour",
        name="Thierry Dufour", headers=OUTLOOK),
    "a Belgian builder through his CRM's no-reply@crm., Reply-To himself": mail(
        "no-reply@crm.bouw.example", "Offerte extra mailboxen",
        "Dag,\n\nWij hebben tegen maart 4 extra mailboxen nodig. Kunnen jullie mij een prijs "
        "bezorgen?\n\nMet vriendelijke groeten,\nLucas Mertens\nMertens Bouw BV",
        name="Lucas Mertens", headers={"Reply-To": "Lucas Mertens <lucas@bouw.example>",
                                       "X-Mailer": "Teamleader"}),
    "a person from a noreply@ Thunderbird identity, signed below the '-- ' delimiter": mail(
        "noreply@peters-it.example", "Mailserver langsam",
        "Hallo,\n\nder Mailserver antwortet seit heute sehr langsam. Könnt ihr mal schauen?\n\n"
        "-- \nJan Peters\nPeters IT", name="Jan Peters",
        headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Thunderbird/115.6.0"}),
}

MACHINES = {
    "a noreply@ notice from a mail client, its team below the '-- ' delimiter": mail(
        "noreply@portal.example", "Wartung am Samstag",
        "Hallo,\n\nbitte beachten Sie die Wartung am Samstag.\n\n-- \nThe Portal Team",
        name="Portal", headers=OUTLOOK),
    "a shop's notice from noreply@, Reply-To the shop's service, signed by its team": mail(
        "noreply@shop.example", "Ihre Bestellung 10422 wurde versandt",
        "Hallo Frau Schmidt,\n\nIhre Bestellung wurde versandt. Bitte prüfen Sie die Sendung bei "
        "Erhalt.\n\nViele Grüße\nIhr Team von Shop Example", name="Shop Example",
        headers={"Reply-To": "service@shop.example", **OUTLOOK}),
    "a noreply@ notice signed with a name, but with a link to a page": mail(
        "noreply@saas.example", "Please confirm your new sign-in",
        "Hi,\n\nplease confirm the sign-in at https://saas.example/confirm?id=77 within 24 hours."
        "\n\nBest regards,\nAnna Berg", name="Anna Berg",
        headers={"Reply-To": "anna@saas.example"}),
    "a noreply@ request signed with a name, Reply-To another program's no-reply": mail(
        "noreply@crm.example", "Bitte bestätigen Sie Ihren Termin",
        "Guten Tag,\n\nbitte bestätigen Sie Ihren Termin am 3. Februar.\n\nViele Grüße\n"
        "Max Weber", name="Max Weber", headers={"Reply-To": "do-not-reply@crm.example"}),
    "a noreply@ request signed with a name, neither a Reply-To nor a mail client": mail(
        "noreply@portal.example", "Zugang läuft ab",
        "Guten Tag,\n\nbitte verlängern Sie Ihren Zugang zum Portal.\n\nViele Grüße\n"
        "Max Weber", name="Portal"),
    "a helpdesk's Spanish acknowledgement signed 'Equipo de Soporte'": mail(
        "soporte@empresa.example", "[#NXF-482-13004]: Hemos recibido su solicitud",
        "Hola,\n\nGracias por ponerse en contacto con nosotros. Su solicitud (ID: NXF-482-13004) "
        "ha sido recibida y está siendo revisada por nuestro equipo de soporte.\n\n"
        "Atentamente,\nEquipo de Soporte\nEmpresa S.L.", name="Soporte Empresa",
        envelope="bounces+2211934-7c1e-technik=centron.de@em8771.kayako.example"),
}


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_of_the_seventh_held_out_set(raw, sender):
    assert reasons(raw, sender) == ()


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_beside_them_stay_machines(raw, sender):
    assert reasons(raw, sender), "a machine's mail must not be answered"


def test_a_relay_for_somebody_on_another_domain_stays_a_noreply_sender():
    raw, sender = mail(
        "no-reply@marketplace.example", "Frage zu Ihrem Artikel",
        "Guten Tag,\n\nist der Server noch verfügbar? Können Sie mir bitte ein Angebot machen?\n\n"
        "Viele Grüße\nMax Weber", name="Max Weber über Marketplace",
        headers={"Reply-To": "max.weber@gmail.example", **OUTLOOK})
    assert reasons(raw, sender)


# An absence announced in a request: the writer asks for more than whom to contact.
ABSENCE_PEOPLE = {
    "a lawyer away from Monday asking for a move before it": mail(
        "b.hartmann@kanzlei.example", "Abwesenheit ab Montag – bitte vorher Postfach umziehen",
        "Guten Tag,\n\nich bin ab Montag, 26.01., für zwei Wochen im Urlaub und nicht erreichbar. "
        "Bitte ziehen Sie das Postfach info@kanzlei.example noch diese Woche auf das größere "
        "Paket um. In dringenden Fällen wenden Sie sich in meiner Abwesenheit an meine Kollegin "
        "Frau Yilmaz (yilmaz@kanzlei.example).\n\nMit freundlichen Grüßen\nBernd Hartmann"),
    "an English customer out of office next week, a request without a question mark": mail(
        "emily@creative.example", "Out of office next week",
        "Hi team,\n\nI'm on vacation next week (out of office Jan 26-30). Please point "
        "creative.example to the new server 185.23.11.20 before Friday. For urgent matters "
        "contact jake@creative.example.\n\nThanks\nEmily"),
}
ABSENCE_MACHINES = {
    "an absence notice that only says whom to call": mail(
        "mike@firm.example", "Out of Office",
        "I am out of the office until Monday with limited access to email.\n\nFor emergencies "
        "please call the office at (503) 555-0142.\n\nMike"),
    "a German absence notice: 'bitte beachten Sie', 'wenden Sie sich bitte an'": mail(
        "a.bauer@firma.example", "Abwesenheitsnotiz: Ihre Anfrage",
        "Vielen Dank für Ihre Nachricht. Ich bin bis 06.02. nicht im Büro. Bitte beachten Sie, "
        "dass Ihre E-Mail nicht weitergeleitet wird. In dringenden Fällen wenden Sie sich bitte "
        "an info@firma.example.\n\nAnna Bauer"),
    "a Turkish client rule: 'lütfen info@... adresine yazınız'": mail(
        "murat@insaat.example", "Otomatik yanıt: Sunucu taşıma",
        "Merhaba,\n\n9 Şubat tarihine kadar izindeyim. Acil durumlarda lütfen info@insaat.example "
        "adresine yazınız.\n\nSaygılarımla,\nMurat Yılmaz"),
    "an English notice: 'please expect a delay', 'kindly note'": mail(
        "j.doe@firm.example", "Automatic reply: Server move",
        "Thank you for your email. I am on annual leave until 9 February. Please expect a delay "
        "in my response. Kindly note that your email will not be forwarded.\n\nJohn Doe"),
    "an English notice: 'please do not hesitate to contact', 'please feel free to get in touch'":
    mail("s.khan@firm.example", "Out of office: Invoice",
         "I'm out of the office until 2 March. Please do not hesitate to contact my colleague "
         "Sarah. Please feel free to get in touch with the front desk.\n\nSam Khan"),
    "a German notice: 'Ich bitte um Ihr Verständnis'": mail(
        "k.lang@firma.example", "Automatische Antwort: Rechnung",
        "Guten Tag,\n\nich bin bis 13.02. im Urlaub. Ihre Nachricht wird nicht weitergeleitet. "
        "Ich bitte um Ihr Verständnis.\n\nKarin Lang"),
    "a French notice: 'Merci de votre compréhension'": mail(
        "c.roy@societe.example", "Réponse automatique : Facture",
        "Bonjour,\n\nJe suis absente jusqu'au 16 février. Merci de votre compréhension.\n\n"
        "Claire Roy"),
}


@pytest.mark.parametrize("raw, sender", ABSENCE_PEOPLE.values(), ids=ABSENCE_PEOPLE.keys())
def test_an_absence_announced_with_a_request_is_a_person(raw, sender):
    assert reasons(raw, sender) == ()


@pytest.mark.parametrize("raw, sender", ABSENCE_MACHINES.values(), ids=ABSENCE_MACHINES.keys())
def test_absence_notices_that_say_whom_to_contact_stay_machines(raw, sender):
    assert reasons(raw, sender)


# A department that signs is no person ("Mit freundlichen Grüßen, Buchhaltung").
DEPARTMENT_MACHINES = {
    "a helpdesk's acknowledgement signed by the accounts department": mail(
        "kundencenter@firma.example", "[#4721] Ihre Anfrage ist eingegangen",
        "Guten Tag,\n\nIhr Ticket wurde unter der Nummer #4721 angelegt. Wir melden uns so bald "
        "wie möglich bei Ihnen.\n\nMit freundlichen Grüßen\nBuchhaltung", name="Firma"),
    "a case acknowledgement signed 'Accounts'": mail(
        "help@firm.example", "Your case 88213 has been created",
        "Hello,\n\nThank you for contacting us. Your case number is 88213. We have received your "
        "message and will get back to you within 24 hours.\n\nBest regards,\nAccounts",
        name="Firm"),
}


@pytest.mark.parametrize("raw, sender", DEPARTMENT_MACHINES.values(),
                         ids=DEPARTMENT_MACHINES.keys())
def test_an_acknowledgement_signed_by_a_department_is_a_machine(raw, sender):
    assert reasons(raw, sender)


def test_a_clerk_confirming_by_hand_above_her_department_is_a_person():
    raw, sender = mail(
        "buchhaltung@firma.example", "Ihr Ticket #4721 wurde angelegt",
        "Guten Tag,\n\nIhr Ticket wurde unter der Nummer #4721 angelegt, ich kümmere mich selbst "
        "darum und melde mich so bald wie möglich bei Ihnen.\n\nViele Grüße\nPetra Klein\n"
        "Buchhaltung", name="Petra Klein")
    assert reasons(raw, sender) == ()
