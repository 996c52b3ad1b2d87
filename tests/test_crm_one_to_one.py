"""tests/heldout14 and tests/heldout15 (blind sets, first measure on be2995e): customers and
resellers writing one to one from HubSpot's CRM (the envelope on its sending domain, no way to
unsubscribe in the mail) were silenced as a campaign (`bulk`), as tests/heldout7's customer's
agent was. HubSpot's campaigns offer an unsubscribe; its sequences go out through the writer's
own mailbox. Campaign-only platforms (Mailchimp, customer.io ...) count without one. Written here
in other words."""

from __future__ import annotations

from tests.findings import findings_tests, mail

_CRM = "c1d2e3f4a5-0b1c2d3e@bf03x.hubspotemail.net"

MACHINES = {
    "a campaign on HubSpot's domain: an unsubscribe link, no list header": mail(
        "news@hosting-tipps.example", "Neu: 20 % Rabatt auf alle Webhosting-Pakete",
        "Hallo,\n\nnur diese Woche: 20 % Rabatt auf alle Pakete. Jetzt sichern: "
        "https://hosting-tipps.example/angebot\n\nSie möchten keine Newsletter mehr? Hier "
        "abmelden: https://hosting-tipps.example/abmelden\n", name="Hosting-Tipps",
        envelope=_CRM),
    "an English campaign with 'manage your email preferences' in its footer": mail(
        "team@saas-launch.example", "Our spring release is here",
        "Hi there,\n\nthe spring release brings dark mode and faster exports.\n\n"
        "SaaS Launch Inc., 1 Main St | Manage your email preferences\n", name="SaaS Launch",
        envelope=_CRM),
    "a campaign-only platform's envelope, no unsubscribe: still a campaign": mail(
        "anna@blumenladen.example", "Kurze Frage zu Ihrem Shop",
        "Hallo,\n\nhätten Sie nächste Woche 15 Minuten für eine Demo?\n\nViele Grüße\nAnna\n",
        name="Anna", envelope="bounce-mc.us7_11.22-technik=centron.de@mail7.mcsv.net"),
}

PEOPLE = {
    "a reseller asking for a framework agreement, one to one from the CRM": mail(
        "k.brandt@webagentur-brandt.example", "Rahmenvertrag für 20 Server",
        "Hallo zusammen,\n\nwir betreuen 14 Kunden-Server bei Ihnen und planen 6 weitere. "
        "Können Sie uns ein Angebot für einen Rahmenvertrag machen?\n\nViele Grüße\n"
        "Katrin Brandt\nWebagentur Brandt\n", name="Katrin Brandt", envelope=_CRM),
    "a customer's agent answering about a server, from the CRM, with a meeting link": mail(
        "sam.oduya@logistics-hub.example", "Re: server migration window",
        "Hi,\n\nthe window on Saturday 22:00 works for us. Could you confirm the new IP before "
        "then? You can also book a call: https://meetings.crm.example/sam-oduya\n\n"
        "Thanks,\nSam Oduya\n", name="Sam Oduya", envelope=_CRM),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
