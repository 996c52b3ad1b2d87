"""tests/heldout18 (blind set, first measure on 5642dc1): what it found, written here in other
words. People first: a CRM's one-to-one mail with a campaign header that names none
(`X-...-Campaign: none`) was silenced as a campaign (`bulk`); a helpdesk agent's answer through
the helpdesk's bounce envelope signed "Thanks so much,\\nMateo" was silenced as a program's
(`noreply-sender`), the sign-off not being read as one."""

from __future__ import annotations

from tests.findings import findings_tests, mail

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
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
