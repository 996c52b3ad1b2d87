"""Issue 21, session 10: helpdesk and CRM acknowledgements of tests/heldout21 and tests/heldout22
(development sets) that were answered, written here in other words:

- the sentence "we have registered your case" in Swedish, Danish, Finnish and Turkish, Polish
  "Twoje zapytanie zostało zarejestrowane", German "Wir haben Ihr Anliegen unter der
  Vorgangsnummer ... erfasst", French "Merci pour votre message ! Nous l'avons bien reçu";
- a CRM's template signed with the salesperson's name that a platform sends for them (its
  envelope or Message-ID on the platform's domain), nobody writing as I;
- a helpdesk signed with its organisation's name, which is the sender's domain word for word;
- (the person's side) a no-reply envelope on the platform's domain, not the From's or Reply-To's,
  says where bounces go, as a bounce address does: a salesperson who writes through it in their
  own name and asks is answered (role_senders).

Beside them the people: a salesperson writing through the same platform with a question or as
I, a person confirming by hand from their own mail system and signing, a customer whose name is
the firm's, a customer telling us of their own ticket with a question.
"""

from __future__ import annotations

from tests.findings import findings_tests, mail

REDIRECT = {"In-Reply-To": "<gw.1a2b3c.77@ticket01.centron.de>"}


def crm(body: str, message_id: str = "<a81c0@mebelpol-example.crm-cloud.example>",
        envelope: str = "", subject: str = "Re: Automatische Antwort: Serwer VPS [Zapytanie #3310]",
        headers: dict | None = None):
    """A salesperson's mail as a CRM platform sends it (Message-ID on the platform)."""
    return mail("sprzedaz@mebelpol-example.pl", subject, body, name="Marta Zielińska",
                envelope=envelope, message_id=message_id, headers=headers or REDIRECT)


MACHINES = {
    "sv, a service desk: 'Vi har registrerat ditt ärende med nummer ...'": mail(
        "kundtjanst@vvs-holm-example.se", "Ärende SD-20417 har skapats: Domän",
        "Hej,\n\nTack för ditt mejl. Vi har registrerat ditt ärende med nummer SD-20417 och "
        "återkommer så snart som möjligt.\n\nVänliga hälsningar\nKundtjänst, VVS Holm AB\n",
        name="Kundtjänst VVS Holm"),
    "da, 'Vi har modtaget din henvendelse' with a case number": mail(
        "service@tagmand-example.dk", "Sag 558120 oprettet",
        "Hej,\n\nVi har modtaget din henvendelse og oprettet sag 558120. En medarbejder vender "
        "tilbage hurtigst muligt.\n\nMed venlig hilsen\nKundeservice\n", name="Tagmand Service"),
    "fr, a chat widget's thanks: 'Nous l'avons bien reçu ... sous 24 heures'": mail(
        "bonjour@fromagerie-roux-example.fr", "Re: Automatische Antwort: Site hors ligne",
        "Bonjour,\n\nMerci pour votre message ! Nous l'avons bien reçu et nous vous "
        "répondrons en général sous 24 heures ouvrées.\n\nCamille\nFromagerie Roux\n",
        name="Camille de Fromagerie Roux", message_id="<c4@relay.chat-widget.example>",
        headers=REDIRECT),
    "de, a CRM: 'Wir haben Ihr Anliegen unter der Vorgangsnummer ... erfasst'": mail(
        "kundendienst@kuechen-albers-example.de", "Ihre Anfrage ist eingegangen",
        "Sehr geehrte Damen und Herren,\n\nwir haben Ihr Anliegen unter der Vorgangsnummer "
        "KD-20931 erfasst. Bitte geben Sie bei Rückfragen stets diese Nummer an.\n\n"
        "Freundliche Grüße\nIhr Kundendienst\n", name="Kundendienst Küchen Albers",
        message_id="<x1@kuechen-albers-example.de>"),
    "de, the receipt confirmed, the number named as one": mail(
        "service@stahlbau-koch-example.de", "Eingangsbestätigung",
        "Guten Tag,\n\nwir bestätigen den Eingang Ihrer Nachricht. Ihre Vorgangsnummer lautet "
        "2026-11-0815. Bitte geben Sie diese bei Rückfragen an.\n\nIhr Kundenservice\n",
        name="Stahlbau Koch Service", message_id="<e1@stahlbau-koch-example.de>"),
    "fr, 'nous accusons réception de votre message', a number": mail(
        "contact@vins-roche-example.fr", "Accusé de réception",
        "Bonjour,\n\nNous accusons réception de votre message. Votre demande porte le numéro "
        "88213 et sera traitée dans les meilleurs délais.\n\nLe service client\n",
        name="Vins Roche", message_id="<f1@vins-roche-example.fr>"),
    "pl, 'potwierdzamy otrzymanie wiadomości', a number": mail(
        "bok@hurtownia-example.pl", "Potwierdzenie otrzymania",
        "Dzień dobry,\n\nPotwierdzamy otrzymanie wiadomości. Zgłoszenie otrzymało numer 55123. "
        "Odpowiemy w ciągu 2 dni roboczych.\n\nBiuro Obsługi Klienta\n",
        name="Hurtownia BOK", message_id="<p1@hurtownia-example.pl>"),
    "de, a mail client's rule: the acknowledgement names its own number in the text": mail(
        "info@fliesen-berger-example.de", "AW: [Ticket#2027011510000031] Eingangsbestätigung: DNS",
        "Guten Tag,\n\nwir haben Ihre Nachricht erhalten und unter der Nummer 20931 erfasst. "
        "Wir melden uns schnellstmöglich.\n\nIhr Team von Fliesen Berger\n",
        name="Fliesen Berger", message_id="<r1@fliesen-berger-example.de>",
        headers={"X-Mailer": "Microsoft Outlook 16.0", **REDIRECT}),
    "pl, a CRM template signed by the salesperson, Message-ID on the platform": crm(
        "Dzień dobry,\n\ndziękujemy za wiadomość. Twoje zapytanie zostało zarejestrowane pod "
        "numerem #3310 i przekazane do działu handlowego. Odpowiemy w ciągu 2 dni roboczych.\n\n"
        "Pozdrawiam\nMarta Zielińska\nMebelpol Sp. z o.o.\n"),
    "fr, a CRM template signed by the salesman, the platform's bounce envelope": mail(
        "paul.girard@menuiserie-girard-example.fr", "Re: Automatische Antwort: Devis VPS",
        "Bonjour,\n\nNous avons bien reçu votre demande. Notre équipe commerciale reviendra vers "
        "vous sous 48 heures.\n\nRéférence : DEM-40912\n\nCordialement,\nPaul Girard\n",
        name="Paul Girard", envelope="bounces-77@mail.crm-cloud.example",
        message_id="<p9@menuiserie-girard-example.fr>", headers=REDIRECT),
    "fr, a CRM template in the salesman's name answering our automatic reply": mail(
        "luc.henry@scierie-henry-example.fr", "Re: Automatische Antwort: Devis stockage",
        "Bonjour,\n\nNous avons bien reçu votre demande. Notre équipe commerciale reviendra vers "
        "vous sous 48 heures.\n\nRéférence : DEM-51200\n\nCordialement,\nLuc Henry\n",
        name="Luc Henry", message_id="<9f2c11ab77@mailer.crm-cloud.example>", headers=REDIRECT),
    "nl, a helpdesk signed with its organisation's name (the sender's domain)": mail(
        "support@netwerkbeheer-zaan-example.nl", "Re: Automatische Antwort: Mail [Ticket #90412]",
        "Beste klant,\n\nWe hebben uw melding ontvangen onder nummer 90412 en nemen zo snel "
        "mogelijk contact met u op.\n\nMet vriendelijke groet,\nNetwerkbeheer Zaan\n",
        name="Netwerkbeheer Zaan", message_id="<t1@netwerkbeheer-zaan-example.nl>",
        headers=REDIRECT),
}

PEOPLE = {
    "pl, the same CRM platform: a salesperson who asks": crm(
        "Dzień dobry,\n\nTwoje zapytanie zostało zarejestrowane pod numerem #3310. Czy serwer "
        "ma być w Niemczech, i do kiedy potrzebna jest oferta?\n\nPozdrawiam\nMarta Zielińska\n"),
    "en, through the same CRM platform: the salesperson writes as I": crm(
        "Hello,\n\nyour request has been registered under #3310. I will call you tomorrow at 10 "
        "about the two servers.\n\nBest regards\nMarta Zielińska\n",
        subject="Re: Your offer [Zapytanie #3310]"),
    "pl, a salesperson asking through the platform, its no-reply envelope": crm(
        "Dzień dobry,\n\nnazywam się Marta Zielińska i zajmuję się zakupami IT. Ile kosztuje "
        "migracja 25 skrzynek pocztowych i czy obejmuje kalendarze?\n\nZ poważaniem\n"
        "Marta Zielińska\nMebelpol Sp. z o.o.\n", envelope="no-reply@mail.crm-cloud.example",
        subject="Migracja poczty - zapytanie",
        headers={"Reply-To": "sprzedaz@mebelpol-example.pl"}),
    "de, answering our automatic reply from a hosted mailbox, as I": mail(
        "k.wolf@praxis-wolf-example.de", "AW: Automatische Antwort: Zugang",
        "Hallo,\n\nwir haben Ihre Nachricht unter der Nummer 4471 erfasst. Ich rufe morgen "
        "wegen der Zugangsdaten an.\n\nViele Grüße\nKatrin Wolf\n", name="Katrin Wolf",
        message_id="<a1b2c3@mail.hosted-mail.example>", headers=REDIRECT),
    "de, a person confirming by hand from their own mail system, signing": mail(
        "j.brueggemann@weserland-it-example.de", "AW: Ihre Anfrage 4471",
        "Hallo,\n\nwir haben Ihr Anliegen unter der Nummer 4471 erfasst und kümmern uns "
        "morgen früh darum.\n\nViele Grüße\nJan Brüggemann\n", name="Jan Brüggemann",
        message_id="<jb1@weserland-it-example.de>"),
    "de, the receipt confirmed by hand, signed, with what follows": mail(
        "j.brueggemann@weserland-it-example.de", "AW: Zugang VPN",
        "Hallo,\n\nwir bestätigen den Eingang Ihrer Nachricht unter Nummer 4471 und schicken "
        "Ihnen morgen die Zugangsdaten.\n\nViele Grüße\nJan Brüggemann\n",
        name="Jan Brüggemann", message_id="<jb2@weserland-it-example.de>"),
    "fr, the receipt acknowledged, and a question": mail(
        "contact@vins-roche-example.fr", "Votre message 88213",
        "Bonjour,\n\nNous accusons réception de votre message 88213. Pouvez-vous nous rappeler "
        "demain matin ?\n\nClaire Roche\n", name="Claire Roche",
        message_id="<f2@vins-roche-example.fr>"),
    "de, a customer confirming the receipt of our invoice": mail(
        "buchhaltung@stahlbau-koch-example.de", "Rechnung 2026-0012",
        "Guten Tag,\n\nwir bestätigen den Eingang Ihrer Rechnung 2026-0012 vom 3. März und "
        "überweisen den Betrag bis 20. März.\n\nFreundliche Grüße\nBuchhaltung Stahlbau Koch\n",
        name="Buchhaltung Stahlbau Koch", message_id="<b1@stahlbau-koch-example.de>"),
    "de, a team answering our receipt from Outlook: our ticket's number only": mail(
        "it@fliesen-berger-example.de", "AW: [Ticket#2027011510000031] Eingangsbestätigung: VPN",
        "Hallo,\n\nwir haben Ihre Nachricht erhalten und schicken bis Freitag die IP-Adressen "
        "der Gegenstelle.\n\nIhr IT-Team\nFliesen Berger\n", name="IT-Team Fliesen Berger",
        message_id="<r2@fliesen-berger-example.de>",
        headers={"X-Mailer": "Microsoft Outlook 16.0", **REDIRECT}),
    "de, a customer whose name is the firm's, confirming by hand": mail(
        "info@hans-mueller-bau-example.de", "AW: Angebot 20931",
        "Guten Tag,\n\nwir haben Ihr Angebot unter der Nummer 20931 erfasst und melden uns "
        "innerhalb von 2 Werktagen.\n\nMit freundlichen Grüßen\nHans Müller\n",
        name="Hans Müller", message_id="<hm1@hans-mueller-bau-example.de>"),
    "sv, a customer telling of the case their desk registered, with a question": mail(
        "it@vvs-holm-example.se", "Ärende SD-20417",
        "Hej,\n\nVi har registrerat ditt ärende med nummer SD-20417 hos oss. Kan ni titta på "
        "DNS-posten för vvs-holm-example.se i dag?\n\nHälsningar\nErik Holm\n", name="Erik Holm"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
