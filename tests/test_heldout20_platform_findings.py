"""tests/heldout20 (a development set since session 10): notices that a platform sends in its
user's name (gateway/rules/platform_senders.py), written here in other words: a supplier's invoice
through an accounting program (Message-ID on the program's domain, "Erstellt mit ..." under the
clerk's name), a Dutch invoice with the program's pay link, an English one "Created with ...", a
partner survey "X via <survey service>" with an opt-out link; and a person who writes through a
helpdesk platform in their own name with a file attached, whose envelope is the platform's
bounce address. Beside them the people that look like them and must stay answered: a person's
one-to-one mail through a CRM signed in the From's name, a customer's accounts department through
a hosted mailbox (no platform mark), a customer asking about an invoice from a portal, a
customer's helpdesk agent writing to us in person through a hosted helpdesk, a sales person via
a CRM who asks a question."""

from __future__ import annotations

from tests.findings import attached, findings_tests, mail


def _on(platform: str) -> dict:
    return {"message_id": f"<4471.88120.1772533200@{platform}>"}


MACHINES = {
    "a supplier's invoice through an accounting program, signed by a clerk": attached(mail(
        "rechnung@elektro-huber.example", "Rechnung RE-2026-0412 von Elektro Huber GmbH",
        "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie unsere Rechnung RE-2026-0412 vom "
        "04.04.2026 über 980,00 EUR.\n\nBitte überweisen Sie den Betrag bis zum 18.04.2026.\n\n"
        "Mit freundlichen Grüßen\nThomas Huber\nElektro Huber GmbH\n\n"
        "Erstellt mit Rechnungsprogramm Online\n", name="Elektro Huber GmbH",
        headers={"Reply-To": "buchhaltung@elektro-huber.example"},
        **_on("mail.rechnungsprogramm.example")), "application/pdf", "RE-2026-0412.pdf"),
    "a Dutch invoice with the program's pay link, signed by the owner": attached(mail(
        "facturen@visser-webdesign.example", "Factuur 2026-0118 van Visser Webdesign",
        "Beste klant,\n\nIn de bijlage vind je factuur 2026-0118 voor een bedrag van € 605,00.\n\n"
        "Je kunt de factuur ook online bekijken en betalen:\n"
        "https://factuurdienst.example/i/77ab01\n\nMet vriendelijke groet,\nSanne Visser\n"
        "Visser Webdesign\n", name="Visser Webdesign", **_on("factuurdienst.example")),
        "application/pdf", "factuur-2026-0118.pdf"),
    "an English invoice 'Created with ...' from a program's server": attached(mail(
        "accounts@bright-studio.example", "Invoice INV-2026-118 from Bright Studio",
        "Hello,\n\nplease find attached invoice INV-2026-118 for 1,200.00 EUR, due on 30 May "
        "2026.\n\nKind regards,\nOliver Grant\nBright Studio\n\nCreated with InvoiceTool\n",
        name="Bright Studio", **_on("send.invoicetool.example")),
        "application/pdf", "INV-2026-118.pdf"),
    "a partner survey 'X via <survey service>' with an opt-out link": mail(
        "member@umfrageportal.example", "Ihre Meinung zählt: Partnerbefragung 2026",
        "Sehr geehrte Damen und Herren,\n\nals geschätzter Partner möchten wir Sie bitten, an "
        "unserer Partnerbefragung teilzunehmen: https://umfrage.example/r/partner-2026?c=88\n\n"
        "Herzlichen Dank und freundliche Grüße\nKarin Vogel\nSystemhaus Vogel GmbH\n\n"
        "Wenn Sie keine weiteren E-Mails von uns erhalten möchten, klicken Sie hier: "
        "https://umfrage.example/optout?c=88\n", name="Karin Vogel via Umfrageportal",
        headers={"Reply-To": "k.vogel@systemhaus-vogel.example"}),
    "an invoice whose program says so in a sentence: 'Diese Rechnung wurde mit ... erstellt'":
    attached(mail(
        "buchhaltung@malerbetrieb-roth.example", "Rechnung Nr. 2026-311",
        "Sehr geehrte Damen und Herren,\n\nanbei unsere Rechnung Nr. 2026-311 über 2.142,00 EUR."
        "\n\nMit freundlichen Grüßen\nMarkus Roth\nMalerbetrieb Roth\n\n"
        "Diese Rechnung wurde mit Rechnungsprogramm Online erstellt.\n", name="Malerbetrieb Roth",
        **_on("mail.rechnungsprogramm.example")), "application/pdf", "rechnung-2026-311.pdf"),
}

PEOPLE = {
    "a person through a helpdesk platform in their own name, a file, its bounce envelope":
    attached(mail(
        "helpdesk@weserland.example", "[SW-4471] Freigabe Port für Kunde Meyer",
        "Hallo centron-Team,\n\nim Auftrag unseres Kunden Meyer Logistik bitte ich um Freigabe "
        "des Ports 1194/UDP für die VM ml-vpn01. Der Kunde hat zugestimmt (siehe Anhang).\n\n"
        "Danke und Gruß\nJan Brüggemann\nSystemhaus Weserland GmbH\n\n--\nTicket SW-4471 · "
        "Antworten Sie auf diese E-Mail, um dem Ticket eine Nachricht hinzuzufügen.\n",
        name="Jan Brüggemann (Systemhaus Weserland)",
        envelope="bounce+4471-helpdesk.ticket@weserland.helpdeskplatform.example",
        **_on("weserland.helpdeskplatform.example")), "application/pdf", "freigabe.pdf"),
    "a person's one-to-one mail through a CRM, signed in the From's name": attached(mail(
        "lea@agentur-marquardt.example", "Rechnung 2026-118 mit angepasster Position",
        "Guten Tag Herr Weber,\n\nwie besprochen anbei die angepasste Rechnung 2026-118. Die "
        "Übersicht finden Sie auch hier: https://crm-platform.example/t/a81c\n\n"
        "Mit freundlichen Grüßen\nLea Marquardt\nAgentur Marquardt\n", name="Lea Marquardt",
        **_on("crm-platform.example")), "application/pdf", "rechnung-2026-118.pdf"),
    "a customer's accounts department through a hosted mailbox: no platform mark": attached(mail(
        "rechnung@schulz-bau.example", "Rechnung 2026-17",
        "Sehr geehrte Damen und Herren,\n\nanbei unsere Rechnung 2026-17. Bitte überweisen Sie "
        "den Betrag bis zum 20.03.2026.\n\nMit freundlichen Grüßen\nAnna Schulz\nSchulz Bau GmbH\n",
        name="Schulz Bau GmbH Buchhaltung", **_on("mail.hosted-mail.example")),
        "application/pdf", "rechnung-2026-17.pdf"),
    "a customer asking about an invoice from a portal": attached(mail(
        "einkauf@praxis-wolf.example", "Rechnung 2026-0412",
        "Hallo,\n\ndiese Rechnung kam über das Portal https://factuurdienst.example/i/77ab01 - "
        "ist die Position 3 bei Ihnen richtig?\n\nGruß\nPraxis Wolf\n", name="Praxis Wolf",
        **_on("factuurdienst.example")), "application/pdf", "rechnung.pdf"),
    "a customer's helpdesk agent writing to us in person through a hosted helpdesk": mail(
        "support@acme-it.example", "[#4471] Mail quota for staff mailboxes",
        "Hello centron team,\n\nplease increase the mail quota of the staff mailboxes of "
        "acme-it.example to 20 GB.\n\nThanks,\nMark Evans\nAcme IT\n\n"
        "View the ticket: https://acme.helpdeskplatform.example/tickets/4471\n"
        "Powered by HelpdeskPlatform\n", name="Acme IT Support",
        **_on("acme.helpdeskplatform.example")),
    "a sales person via a CRM who asks a question, an opt-out link below": mail(
        "crm@crm-platform.example", "Kurzes Gespräch zu Ihrem Rechenzentrum",
        "Guten Tag,\n\nhätten Sie nächste Woche Zeit für ein kurzes Gespräch zu Ihrem "
        "Colocation-Bedarf?\n\nViele Grüße\nKarin Vogel\n\nAbmelden: "
        "https://crm-platform.example/u/88\n", name="Karin Vogel via CRM",
        headers={"Reply-To": "k.vogel@systemhaus-vogel.example"}),
    "a customer through a hosted mailbox whose opt-out does not work: no link, no footer": mail(
        "p.wolf@praxis-wolf.example", "Newsletter",
        "Hallo,\n\nAbmelden klappt bei uns nicht, bitte tragt uns aus dem Newsletter aus.\n\n"
        "Gruß\nPetra\n", name="Petra Wolf", **_on("mail.hosted-mail.example")),
    "a customer whose own invoice went out through a hosted mailbox, 'Sent with' its app": attached(
        mail("rechnung@schulz-bau.example", "Rechnung 2026-18",
             "Sehr geehrte Damen und Herren,\n\nanbei unsere Rechnung 2026-18.\n\n"
             "Mit freundlichen Grüßen\nAnna Schulz\nSchulz Bau GmbH\n\n"
             "Gesendet mit der Mail App des Anbieters\n", name="Schulz Bau GmbH",
             **_on("mail.hosted-mail.example")), "application/pdf", "rechnung-2026-18.pdf"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
