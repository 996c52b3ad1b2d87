"""Issue 21, the tenth held-out set's findings (tests/heldout10, people's mail above all): the
people the classifier silenced, each beside the machine look-alikes that must stay unanswered."""

from __future__ import annotations

import pytest

from tests.findings import attached, mail, reasons

OUTLOOK = {"Thread-Index": "AQHahR4x2Hk0mZ1bS0WkYpQ3cTnVdA==", "X-MS-Has-Attach": "",
           "X-MS-TNEF-Correlator": ""}
NEWSLETTER_FOOTER = ("\n\nSie erhalten diese E-Mail, weil Sie mit uns in Kontakt stehen. Abmelden: "
                     "https://modehaus.example/newsletter/abmelden")
RATE_LIMIT = ("Hallo,\n\nich bin im Marketing und schreibe vom Newsletter-Postfach: unser "
              "Newsletter bricht nach ca. 500 Mails mit \"451 4.7.1 Rate limit exceeded\" ab. "
              "Wie hoch ist das Limit und kann man es erhöhen?\n\nViele Grüße\nNina Brück\n"
              "Marketing, Modehaus Brück")

MACHINES = {
    "the newsletter itself from newsletter@, a link above its team's sign-off": mail(
        "newsletter@modehaus.example", "Winter-Sale: bis zu 50 % auf Mäntel",
        "Hallo,\n\nunser Winter-Sale startet! Haben Sie schon unsere neuen Mäntel gesehen? "
        "Jetzt entdecken: https://modehaus.example/sale?utm_source=newsletter\n\nViele Grüße\n"
        "Ihr Team vom Modehaus Brück" + NEWSLETTER_FOOTER, name="Newsletter Modehaus Brück",
        headers={"X-Mailer": "Sendy (https://sendy.co)"}),
    "a newsletter worded as a letter, signed by a name, sent by a mailing tool": mail(
        "newsletter@modehaus.example", "Unsere neue Kollektion",
        "Liebe Kundin, lieber Kunde,\n\nhaben Sie schon unsere neue Frühjahrskollektion gesehen? "
        "Besuchen Sie uns bis Samstag im Laden.\n\nHerzliche Grüße\nNina Brück" + NEWSLETTER_FOOTER,
        name="Modehaus Brück", headers={"X-Mailer": "Sendy (https://sendy.co)"}),
    "the same letter from Outlook, but with the shop's link above the name": mail(
        "newsletter@modehaus.example", "Unsere neue Kollektion",
        "Liebe Kundin, lieber Kunde,\n\nhaben Sie schon unsere neue Frühjahrskollektion gesehen? "
        "https://modehaus.example/fruehjahr\n\nHerzliche Grüße\nNina Brück" + NEWSLETTER_FOOTER,
        name="Modehaus Brück", headers=OUTLOOK),
    "an update from updates@ in Outlook's headers, signed by a name, a PDF attached": attached(
        mail("updates@modehaus.example", "Preisliste 2026",
             "Guten Tag,\n\nanbei unsere neue Preisliste. Haben Sie Fragen?\n\nViele Grüße\n"
             "Nina Brück" + NEWSLETTER_FOOTER, name="Modehaus Brück", headers=OUTLOOK),
        "application/pdf", "Preisliste_2026.pdf"),
    "a tool's comment notification: a colleague's signed question, its links under the name": mail(
        "notifications@git.example", "[kunde/shop] Checkout 502 (#212)",
        "Können Sie prüfen, ob das am Load Balancer liegt?\n\nDanke\nAnna Schmidt\n\n-- \n"
        "Reply to this email directly or view it: https://git.example/kunde/shop/issues/212\n"
        "You are receiving this because you were mentioned.", name="Anna Schmidt"),
    "a tool's mention from the commenter's address: the footer's link under her name, no client":
        mail("anna.schmidt@kunde.example", "Anna Schmidt mentioned you on 'Checkout 502'",
             "Können Sie prüfen, ob das am Load Balancer liegt?\n\nDanke\nAnna Schmidt\n\n"
             "View the task: https://tasks.example/t/212\nYou are receiving this email because "
             "you were mentioned.", name="Anna Schmidt"),
}

PEOPLE = {
    "a marketing person writing from newsletter@ in Outlook, the unsubscribe link in the footer":
        mail("newsletter@modehaus.example", "Versandlimit für unseren Newsletter?",
             RATE_LIMIT + NEWSLETTER_FOOTER, name="Newsletter Modehaus Brück", headers=OUTLOOK),
    "the same from Thunderbird, the company's page below the name": mail(
        "news@modehaus.example", "Versandlimit für unseren Newsletter?",
        RATE_LIMIT + "\nhttps://modehaus.example/impressum", name="Modehaus Brück",
        headers={"User-Agent": "Mozilla Thunderbird"}),
    "a person's own address, the company footer 'Sie erhalten diese E-Mail' under the name": mail(
        "n.brueck@modehaus.example", "Versandlimit für unseren Newsletter?",
        RATE_LIMIT + NEWSLETTER_FOOTER, name="Nina Brück", headers=OUTLOOK),
}


@pytest.mark.parametrize("case", MACHINES)
def test_the_machine_is_not_answered(case):
    raw, sender = MACHINES[case]
    assert reasons(raw, sender)


@pytest.mark.parametrize("case", PEOPLE)
def test_the_person_is_answered(case):
    raw, sender = PEOPLE[case]
    assert reasons(raw, sender) == ()
