"""tests/heldout18 (blind set, first measure on 5642dc1): what it found, written here in other
words. People first: a CRM's one-to-one mail with a campaign header that names none
(`X-...-Campaign: none`) was silenced as a campaign (`bulk`); a helpdesk agent's answer through
the helpdesk's bounce envelope signed "Thanks so much,\\nMateo" was silenced as a program's
(`noreply-sender`), the sign-off not being read as one. Beside them, a CRM's one-to-one mail
that asks nothing (an offer announced, "Ich freue mich auf Ihre Rückmeldung"), signed by the
person the From names, through the CRM's bounce envelope."""

from __future__ import annotations

from tests.findings import attached, findings_tests, mail

_HELPDESK = "bounces+a71f03@helpdesk-mail.example"

MACHINES = {
    "a campaign header that names a campaign, a person-like text": mail(
        "sven@agentur-nord.example", "Kurze Frage zu Ihrem Hosting",
        "Hallo,\n\nhätten Sie nächste Woche 15 Minuten für eine Demo?\n\nViele Grüße\nSven\n",
        name="Sven", headers={"X-Zcrm-Campaign": "4471200009"}),
    "a helpdesk's acknowledgement through its bounce envelope, thanking 'so much'": mail(
        "support@gadgetshop.example", "We received your request",
        "Hi,\n\nthanks so much for reaching out! Your request #88412 is in our queue; view it at "
        "https://gadgetshop.example/requests/88412\n\nThe Gadgetshop Team\n",
        name="Gadgetshop Support", envelope=_HELPDESK),
    "a notice through a bounce envelope, signed by a person, a link above the name": mail(
        "lena.hoff@cloudtool.example", "Your trial ends in 3 days",
        "Hi,\n\nyour trial of CloudTool Pro ends in 3 days. Upgrade here: "
        "https://cloudtool.example/billing/upgrade\n\nBest,\nLena Hoff\n", name="Lena Hoff",
        envelope=_HELPDESK),
    "an invoice through a bounce envelope, the PDF attached, signed by a person": attached(mail(
        "h.mueller@buchhaltung-mueller.example", "Rechnung RE-2026-0412",
        "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie die Rechnung RE-2026-0412.\n\n"
        "Mit freundlichen Grüßen\nHans Müller\n", name="Hans Müller", envelope=_HELPDESK),
        "application/pdf", "RE-2026-0412.pdf"),
    "a persona's notice through a helpdesk ('Lisa from CloudTool'), a link above the name": mail(
        "support@cloudtool.example", "Your trial ends soon",
        "Hi,\n\nyour trial ends in 3 days. Upgrade now at https://cloudtool.example/billing\n\n"
        "Cheers,\nLisa\n", name="Lisa from CloudTool", envelope=_HELPDESK),
    "a notice through a bounce envelope, signed by its team": mail(
        "billing@cloudtool.example", "Payment received",
        "Hello,\n\nwe received your payment of 49.00 EUR.\n\nBest regards,\nThe CloudTool Team\n",
        name="CloudTool Billing", envelope=_HELPDESK),
}

PEOPLE = {
    "a reseller's request from a CRM, its campaign header naming none": mail(
        "t.hansen@systemhaus-sued.example", "Anfrage Partnerkonditionen",
        "Guten Tag,\n\nwir planen 12 Managed Server für unsere Kunden. Gibt es Partnerrabatte?"
        "\n\nMit freundlichen Grüßen\nTill Hansen\nSystemhaus Süd\n", name="Till Hansen",
        envelope="bounce-crm-4471-t.hansen=systemhaus-sued.example@bounce.crm-mail.example",
        headers={"X-Zcrm-Campaign": "none", "Reply-To": "t.hansen@systemhaus-sued.example"}),
    "a helpdesk agent's request for a shared customer, 'Thanks so much,' then the name": mail(
        "support@appvendor.example", "Blocked API callbacks to your customer's VM",
        "Hello,\n\none of our customers hosts their server with you and our callbacks time out. "
        "Could you allow inbound HTTPS from 203.0.113.50?\n\nThanks so much,\nPriya\n"
        "AppVendor Support\n\nReply to this email directly or view it in our help center.\n",
        name="Priya from AppVendor", envelope=_HELPDESK,
        headers={"Reply-To": "reply+a71f03@appvendor.helpdesk-mail.example"}),
    "an agent's answer through a helpdesk, 'Danke vielmals,' then the name": mail(
        "service@softwarehaus.example", "Freigabe für unseren Update-Server",
        "Hallo,\n\nkönnen Sie bitte Port 8443 für unseren Update-Server 198.51.100.7 freigeben?"
        "\n\nDanke vielmals,\nJonas Peters\nSoftwarehaus Service\n", name="Jonas Peters",
        envelope=_HELPDESK),
    "a reseller's offer from a CRM, no question, signed by the From's person": mail(
        "lea.marquardt@itpartner-nord.example", "Angebot Managed Backup",
        "Sehr geehrte Damen und Herren,\n\nwie besprochen planen wir 30 Managed Server über Sie. "
        "Ich freue mich auf Ihre Rückmeldung.\n\nMit freundlichen Grüßen\nLea Marquardt\n"
        "Vertriebsleitung\nIT Partner Nord GmbH\n", name="Lea Marquardt",
        envelope="bounces+88120-lea=itpartner-nord.example@crm-mail.example",
        headers={"X-Mailer": "Sales CRM", "Reply-To": "lea.marquardt@itpartner-nord.example"}),
    "a helpdesk agent ('Mateo from Tool') telling us something, signed 'Thanks, Mateo'": mail(
        "support@tool.example", "Webhook IPs for our shared customer",
        "Hi,\n\njust letting you know our webhooks now also come from 198.51.100.50 for your "
        "customer fb-app01.\n\nThanks,\nMateo\nTool Support\n", name="Mateo from Tool",
        envelope=_HELPDESK),
    "a reseller from a shared inbox's sending platform: 'Best,' and the name": mail(
        "sales@reseller.example", "Volume pricing",
        "Hi centron team,\n\nwe resell managed servers to 40 clients and would like volume "
        "pricing for 2027.\n\nBest,\nNoah Fischer\nReseller GmbH\n", name="Noah Fischer",
        envelope="0102019394f1a2b3-9c3e1f2a-000000@inbox-mail.example"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
