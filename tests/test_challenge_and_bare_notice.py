"""Issue 21.5, two kinds the real corpora showed: challenge-response requests (BounceParser's
bluebottle.msg) and bare failure notices from a plain address (flufl.bounce's simple_20.txt); and
the people's mails that look like them and must stay answered (tests/corpus holds whole mails
of each; these are the sentences, one by one)."""

from __future__ import annotations

import pytest

from gateway.rules.challenge import challenge_response
from gateway.rules.mail_systems import failure_only
from gateway.rules.parse import parse_mail
from tests.conftest import make_mail
from tests.test_detection import reasons

LINK = "https://verify.example/c/8f3c2a91"
CHALLENGES = {
    "bluebottle_words_without_its_header": (
        "RE: Angebot", "Your message was received at Thu, 20 Aug 2009 12:15:39 +0000:\n\n"
        "To: jo@mail.example\nSubject: Angebot\n\nThis account is protected by Bluebottle.  Please "
        "click on the following\nlink to have your address added to the recipient's allowed\n"
        f"list and to ensure delivery of your email.\n\n{LINK}\n"),
    "approved_senders_form": (
        "Re: Ihre Rechnung", "I apologize for this automatic reply to your email.\n\nTo control "
        "spam, I now allow incoming messages only from senders I have approved beforehand.\n\nIf "
        "you would like to be added to my list of approved senders, please fill out the short "
        "request form (see link below). Once I approve you, I will receive your original message "
        f"in my inbox.\n\n{LINK}\n"),
    "junk_mail_protection": (
        "Re: Wartung", "I'm protecting myself from receiving junk mail. Just this once, click the "
        f"link below so I can receive your emails. You won't have to do this again.\n\n{LINK}\n"),
    "german_allowed_senders": (
        "AW: Ticket 4711", "Dieses Postfach nimmt nur Nachrichten bestätigter Absender an. Bitte "
        "klicken Sie auf den folgenden Link, damit Ihre Adresse in die Liste der zugelassenen "
        f"Absender aufgenommen wird:\n{LINK}\n"),
    "french_white_list": (
        "RE: Offre", "Votre message est retenu. Pour être ajouté à la liste blanche du "
        f"destinataire, cliquez sur le lien suivant :\n{LINK}\n"),
}
PEOPLE = {
    "captcha_does_not_load": (
        "Kontaktformular", "The contact form says confirm you are not a robot, but clicking the "
        "link below does nothing: https://www.centron.de/kontakt/"),
    "cannot_finish_a_verification": (
        "Account Center", "Cannot complete the verification in the account center "
        "https://ac.example/verify - the SMS never arrives."),
    "added_you_to_my_whitelist": (
        "Rechnung", "I have added your address to my whitelist. Please resend the invoice, the "
        "portal link https://ac.example/invoices shows nothing."),
    "footer_protected_by_a_filter": (
        "srv-01 down", "srv-01 is down since 9:00.\n\n--\nThis mailbox is protected by Mimecast. "
        "Click the link below to report spam: https://mimecast.example/report"),
    "asks_to_be_put_on_our_whitelist": (
        "Whitelist", "Add our address to your whitelist and click the link below to see our "
        "server list: https://kunde.example/servers"),
    "forwards_a_challenge": (
        "WG: RE: Angebot", CHALLENGES["bluebottle_words_without_its_header"][1]),
    "asks_about_a_challenge": (
        "Komische Antwort", CHALLENGES["approved_senders_form"][1] + "\nWas soll ich damit?\n"),
}


@pytest.mark.parametrize("name", sorted(CHALLENGES))
def test_a_challenge_is_an_auto_reply(name):
    subject, body = CHALLENGES[name]
    raw = make_mail(subject=subject, body=body, sender="jo@mail.example")
    assert challenge_response(parse_mail(raw))
    assert reasons(raw, sender="jo@mail.example")[0] == "auto-reply"


@pytest.mark.parametrize("name", sorted(PEOPLE))
def test_people_writing_about_such_things_are_not_challenges(name):
    subject, body = PEOPLE[name]
    raw = make_mail(subject=subject, body=body)
    assert not challenge_response(parse_mail(raw))
    assert reasons(raw) == ()


def test_the_vendor_header_alone():
    raw = make_mail(subject="RE: Angebot", body="Held.", headers={"X-Bluebottle-Request": "<1234>"})
    assert reasons(raw)[0] == "auto-reply"


@pytest.mark.parametrize("sender", ["jo-confirm-1763460190.48213.5b2e9c@mail.example",
                                    "jo+confirm+1763460190.48213.5b2e9c@mail.example"])
def test_tmda_confirmation_address(sender):
    raw = make_mail(subject="Re: Angebot", body="Reply to release it.", sender=sender,
                    headers={"X-Delivery-Agent": "TMDA/1.1.12 (Macallan)"})
    assert challenge_response(parse_mail(raw))


def test_a_tmda_users_own_mail_is_a_persons():
    """TMDA writes X-Delivery-Agent (and X-TMDA-Fingerprint) on every mail its user sends, from
    their dated address too (seen on a Debian package's test mails, measure only)."""
    raw = make_mail(subject="Re: Umzug des Postfachs",
                    body="Hallo,\n\nder Umzug hat geklappt, nur der Kalender fehlt noch. "
                         "Könnt ihr den nachziehen?\n\nGruß\nJan",
                    sender="jan-dated-1030938273.ec1208@kunde.example",
                    headers={"X-Delivery-Agent": "TMDA/0.57", "X-TMDA-Fingerprint": "vUnZ0c"})
    assert not challenge_response(parse_mail(raw))
    assert reasons(raw, sender="jan-dated-1030938273.ec1208@kunde.example") == ()


NOTICE = ("***********************************************\nVotre message n'a pas pu etre delivre a\n"
          "userx@example.com\n\n***********************************************\nYour message "
          "could not be delivered to\nuserx@example.com\n\n*********************************\n")


def test_a_bare_bilingual_notice_is_a_bounce():
    raw = make_mail(subject="RE: Angebot : non remis (delivery failed)", body=NOTICE,
                    sender="gateway@socgen.example")
    assert failure_only(parse_mail(raw))
    assert reasons(raw, sender="gateway@socgen.example") == ("bounce",)


@pytest.mark.parametrize("subject, body", [
    ("RE: Angebot : non remis (delivery failed)", NOTICE + "\nmerci\n"),            # thanks
    ("RE: Angebot : non remis (delivery failed)", "Bonjour,\n" + NOTICE),            # a greeting
    ("RE: Angebot : non remis (delivery failed)", NOTICE.replace("Your", "My")),    # "my message"
    ("Fwd: RE: Angebot : non remis (delivery failed)", NOTICE),                      # a forward
    ("RE: Angebot : non remis (delivery failed)?", NOTICE),                          # asked
    ("RE: Angebot", NOTICE),                                          # no failure in the subject
    ("Zustellung", "Ihre Nachricht konnte nicht zugestellt werden an info@shop.example, "
                   "das Postfach ist voll, der Kunde hat uns angerufen\n"),        # more than a notice
    ("RE: Angebot : non remis (delivery failed)", NOTICE + "\nJo Lenz\nEinkauf\n"),  # a signature
])
def test_a_person_is_not_a_bare_notice(subject, body):
    assert not failure_only(parse_mail(make_mail(subject=subject, body=body)))


# -- flufl.bounce's verdict beside a question -----------------------------------------------------

OUR_REPLY_COPY = ("Your message could not be delivered to max@kunde.example\n\n"
                  "------ original message ------\n"
                  "Noch kein Zugang? Wenden Sie sich an Ihren Administrator.\n")


def test_a_failure_pasted_and_asked_about_is_a_persons():
    body = ("Hello,\n\nwhenever I write to our supplier I get this back:\n\nYour message could "
            "not be delivered to info@shop.example\n\nWhat does that mean?\n\nRegards, Max")
    mail = parse_mail(make_mail(subject="Problem with mail to the supplier", body=body))
    assert mail.bounced  # flufl.bounce alone takes it for a bounce
    assert reasons(make_mail(subject="Problem with mail to the supplier", body=body)) == ()


def test_a_notice_quoting_our_reply_with_its_question_stays_a_bounce():
    """The copy of the mail it failed on (our reply, which asks "Noch kein Zugang?") is set apart
    by a separator line: the question is not the writer's."""
    raw = make_mail(subject="Notification", body=OUR_REPLY_COPY, sender="mail@isp.example")
    assert parse_mail(raw).bounced
    assert reasons(raw, sender="mail@isp.example") == ("bounce",)
