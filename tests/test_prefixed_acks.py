"""Issue 21: an acknowledgement under an automatic reply's own subject words, without the headers
that mark it (gateway/rules/prefixed_acks.py). Found by taking the decisive headers off the real
machine mails of the corpora: flufl.bounce's qmail_08 (a Spanish responder, subject "Auto reply",
"Gracias por contactar con nosotros!! ... tendrás noticias nuestras") was stopped only by its
Precedence header. Written in my own words; people who ask about their automatic reply, send the
text they want set up, or send one on are answered."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "a Spanish responder's whole subject 'Auto reply'": mail(
        "contacto@tienda.example", "Auto reply",
        "¡Gracias por escribirnos! En este momento estamos procesando su consulta; a la mayor "
        "brevedad posible tendrá noticias nuestras.\n", name="Tienda Ejemplo"),
    "Outlook's German prefix over a rule's acknowledgement": mail(
        "info@muster-gmbh.example", "Automatische Antwort: Rechnung 2025-10",
        "Vielen Dank für Ihre E-Mail. Wir haben Ihre Nachricht erhalten und melden uns "
        "schnellstmöglich bei Ihnen.\n\nIhr Team der Muster GmbH\n", name="Muster GmbH Info"),
    "a French one, prefix and colon with a space": mail(
        "contact@atelier.example", "Réponse automatique : Devis toiture",
        "Merci pour votre message. Nous l'avons bien reçu et nous vous répondrons dans les plus "
        "brefs délais.\n", name="Atelier Durand"),
    "an English one in brackets, from a person's mailbox": mail(
        "l.brooks@firma.example", "[Auto-Reply] Support request",
        "Thank you for contacting us. We will respond to your inquiry as soon as possible.\n\n"
        "Lisa Brooks\n", name="Lisa Brooks"),
    "a Dutch one, the words after the subject in parentheses": mail(
        "info@bakkerij.example", "Offerte (Automatisch antwoord)",
        "Bedankt voor uw bericht. Wij hebben uw e-mail ontvangen en nemen zo spoedig mogelijk "
        "contact met u op. Voor spoed kunt u bellen: 020 555 0199.\n", name="Bakkerij Jansen"),
}

PEOPLE = {
    "a customer whose automatic reply fails, under its words": mail(
        "t.meier@kunde.example", "Automatische Antwort: funktioniert nicht",
        "Hallo, unsere automatische Antwort (Wir haben Ihre Nachricht erhalten und melden uns) "
        "wird seit gestern nicht mehr verschickt. Können Sie das prüfen?\n\nTim Meier\n",
        name="Tim Meier"),
    "a customer asking for one to be set up, under its words": mail(
        "r.bauer@kunde.example", "Automatic reply: for our support mailbox",
        "Hello, we will be closed over Christmas. Please set up an automatic reply for "
        "support@kunde.example saying that we will get back to everyone after 2 January.\n\n"
        "Rita Bauer\n", name="Rita Bauer"),
    "a customer forwarding one, with a note": mail(
        "s.koch@kunde.example", "WG: Automatische Antwort: Rechnung 2025-10",
        "Zur Info, das kam zurück.\n\n-----Ursprüngliche Nachricht-----\nBetreff: Automatische "
        "Antwort: Rechnung 2025-10\n\nWir haben Ihre Nachricht erhalten und melden uns.\n",
        name="Sven Koch"),
    "a person's quick acknowledgement under Re:": mail(
        "m.lang@kunde.example", "Re: Rechnung 2025-10",
        "Vielen Dank, wir haben Ihre Nachricht erhalten und melden uns morgen.\n\nMaria Lang\n",
        name="Maria Lang"),
    "a person who asks when an answer comes, subject 'Auto reply'": mail(
        "k.wolf@kunde.example", "Auto reply",
        "We got your auto reply saying you will get back to us within 24 hours. That was three "
        "days ago, when can we expect an answer?\n\nKarl Wolf\n", name="Karl Wolf"),
}

test_the_acknowledgement_is_not_answered, test_the_person_is_answered = findings_tests(
    MACHINES, PEOPLE)
