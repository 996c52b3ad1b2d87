"""Machines recognised from every side (finding 3), people not mistaken for machines (finding 4)."""

from __future__ import annotations

import pytest

from gateway.config.load import settings_from_dict
from gateway.pipeline.process import Pipeline
from gateway.rules.classify import Context, Envelope, classify
from gateway.rules.parse import parse_mail
from tests.conftest import AFTER, ANNOUNCE, Gateway, make_mail

OURS = frozenset({"technik@centron.de", "billing@centron.de", "vertrieb@centron.de"})
CTX = Context(own_addresses=OURS, loop_token="support-gateway@centron.de")
GUARDED = Context(own_addresses=OURS, loop_token=CTX.loop_token, backscatter_guard=True,
                  trusted_authserv_ids=frozenset({"mx.centron.de"}))

QMAIL_BOUNCE = b"""From: MAILER-DAEMON@old.example
To: technik@centron.de
Subject: failure notice
Message-ID: <qmail1@old.example>

Hi. This is the qmail-send program at old.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<gone@old.example>:
Sorry, no mailbox here by that name. (#5.1.1)
"""


def reasons(raw: bytes, sender: str | None = "max@kunde.example", ctx: Context = CTX) -> tuple:
    return classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), ctx).reasons


# -- finding 3: machines missed ------------------------------------------------------------------

def test_bounce_without_dsn_structure_from_an_ordinary_sender():
    raw = QMAIL_BOUNCE.replace(b"MAILER-DAEMON@old.example", b"mailsystem@old.example")
    assert "bounce" in reasons(raw.replace(b"\n", b"\r\n"), sender="mailsystem@old.example")


@pytest.mark.parametrize("value", ["technik@centron.de", "TECHNIK@centron.de",
                                   "billing+tickets@centron.de", "<vertrieb@centron.de>"])
def test_x_loop_naming_one_of_our_addresses(value):
    assert "loop" in reasons(make_mail(headers={"X-Loop": value}))


@pytest.mark.parametrize("where", ["envelope", "from", "reply-to"])
def test_subaddress_of_ours_is_our_own_address(where):
    address = "technik+x@centron.de"
    if where == "envelope":
        found = reasons(make_mail(), sender=address)
    elif where == "from":
        found = reasons(make_mail(sender=address))
    else:
        found = reasons(make_mail(headers={"Reply-To": address}))
    assert "own-address" in found


def test_subaddress_of_a_stranger_is_not_ours():
    assert reasons(make_mail(sender="technik+x@kunde.example"),
                   sender="technik+x@kunde.example") == ()


@pytest.mark.parametrize("to", ["undisclosed-recipients:;", "newsletter@shop.example",
                                "technikx@centron.de"])
def test_mail_not_addressed_to_us_gets_no_reply(gateway, to):
    raw = make_mail(to=to, message_id=f"<na-{abs(hash(to))}@x>")
    _, after = gateway.receive(raw, AFTER)
    assert (after.action, after.reason, after.reply) == ("suppress", "not-addressed", None)


def test_not_addressed_before_the_cutover_still_makes_the_ticket(gateway):
    _, outcome = gateway.receive(make_mail(to="undisclosed-recipients:;"), ANNOUNCE)
    assert outcome.action == "ticket" and outcome.ticket and outcome.reply is None
    assert outcome.notes == ["no receipt: not-addressed"]


@pytest.mark.parametrize("header", ["To", "Cc", "Resent-To", "Resent-Cc"])
def test_addressed_in_any_recipient_header_or_via_a_subaddress(gateway, header):
    raw = make_mail(to="someone@else.example", headers={header: "Technik <TECHNIK+x@centron.de>"})
    _, outcome = gateway.receive(raw, AFTER)
    assert outcome.action == "redirect"


def test_aliases_count_as_addressed_and_the_rule_can_be_turned_off(engine, clock, tmp_path):
    def gateway(**responder) -> Gateway:
        settings = settings_from_dict({"database_url": str(engine.url),
                                       "outbox_dir": str(tmp_path), "responder": responder})
        return Gateway(Pipeline(settings, engine, clock))

    raw = make_mail(to="support@centron.de", message_id="<alias@x>")
    _, outcome = gateway(addressed_aliases=["Support@centron.de"]).receive(raw, AFTER)
    assert outcome.action == "redirect"
    raw = make_mail(to="undisclosed-recipients:;", message_id="<off@x>", sender="o@kunde.example")
    _, outcome = gateway(require_addressed=False).receive(raw, AFTER, sender="o@kunde.example")
    assert outcome.action == "redirect"


def test_guard_aligns_by_organisational_domain():
    def guarded(results: str, sender: str) -> tuple:
        raw = make_mail(sender=sender, headers={"Authentication-Results": results})
        return reasons(raw, sender=sender, ctx=GUARDED)

    assert guarded("mx.centron.de; dkim=pass header.d=co.uk", "max@kunde.co.uk") == (
        "unauthenticated",)
    assert guarded("mx.centron.de; spf=pass smtp.mailfrom=co.uk", "max@kunde.co.uk") == (
        "unauthenticated",)
    assert guarded("mx.centron.de; dkim=pass header.d=other.co.uk", "max@kunde.co.uk") == (
        "unauthenticated",)
    assert guarded("mx.centron.de; dkim=pass header.d=mail.kunde.co.uk", "max@kunde.co.uk") == ()
    assert guarded("mx.centron.de; dkim=pass header.d=kunde.co.uk", "max@mx.kunde.co.uk") == ()


# -- finding 4: people mistaken for machines -----------------------------------------------------

@pytest.mark.parametrize("value", ["No (sent by a person)", "no(person)", " NO ", "no; x=y"])
def test_auto_submitted_no_with_a_comment_is_a_person(value):
    assert reasons(make_mail(headers={"Auto-Submitted": value})) == ()


@pytest.mark.parametrize("value", ["auto-replied (vacation)", "auto-generated; owner=x",
                                   "(comment) auto-notified", "No-thanks"])
def test_auto_submitted_keywords_with_comments_are_machines(value):
    assert "auto-submitted" in reasons(make_mail(headers={"Auto-Submitted": value}))


@pytest.mark.parametrize("subject, body", [
    ("Out of Office einrichten", "Hallo, wie richte ich in Outlook eine Abwesenheitsnotiz ein?"),
    ("Abwesenheitsnotiz geht nicht", "Unsere Abwesenheitsnotiz wird nicht verschickt."),
    ("WG: Automatische Antwort: Server down",
     "Hallo, warum bekomme ich diese Antwort?\n\n> Ich bin bis 20.10. nicht im Büro."),
    ("Fwd: Out of Office", "Is this auto-reply from your server? I am back on Monday."),
    ("Frage zu Auto-Reply", "Können Sie bei uns einen Autoresponder einrichten?"),
])
def test_subject_words_alone_never_decide_against_a_person(gateway, subject, body):
    _, outcome = gateway.receive(make_mail(subject=subject, body=body), AFTER)
    assert outcome.action == "redirect", outcome


@pytest.mark.parametrize("subject, body", [
    ("Automatische Antwort: Server down", "Ich bin bis 20.10. nicht im Büro."),
    ("Out of Office: Invoice", "I am out of the office until Monday with limited access."),
    ("Abwesend", "Dies ist eine automatische Antwort."),
])
def test_subject_patterns_corroborated_by_the_body(subject, body):
    assert reasons(make_mail(subject=subject, body=body)) == ("out-of-office",)


# -- issue 21 point 5: machines without a report's structure, and people kept apart ---------------

ORIGINAL = ("From: centron <technik@centron.de>\r\nTo: x@partner.example\r\n"
            "Subject: Angebot\r\nMessage-ID: <o1@centron.de>\r\n\r\nText\r\n")


def with_original(text: str, subject: str, sender: str = "relay@mx.partner.example",
                  name: str = "Relay", kind: str = "message/rfc822", headers: str = "") -> bytes:
    return (f"From: {name} <{sender}>\r\nTo: technik@centron.de\r\nSubject: {subject}\r\n"
            f"Message-ID: <b@partner.example>\r\nMIME-Version: 1.0\r\n{headers}"
            "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n--B\r\n"
            f"Content-Type: {kind}\r\n\r\n{ORIGINAL}--B--\r\n").encode()


@pytest.mark.parametrize("name, sender", [
    ("Mail Delivery Subsystem", "system@relay.example"), ("Mailer Daemon", "mail@srv.example"),
    ("Mail Delivery System", "mx@relay.example"), ("Postmaster", "admin@relay.example"),
    ("Mail-Zustellsystem", "mx@relay.example"), ("Sistema di consegna della posta", "x@y.example"),
    ("Relay", "post_master@relay.example"), ("Relay", "mail-daemon@relay.example"),
    ("Microsoft Outlook", "MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@firma.example")])
def test_a_mail_system_by_name_or_address_with_the_original_attached(name, sender):
    raw = with_original("Ihre Mail kam nicht an.", "Rückläufer", sender=sender, name=name)
    # Exchange's system mailbox is a no-reply sender too (tests/test_heldout8_findings.py)
    also = ("noreply-sender",) if sender.startswith("MicrosoftExchange") else ()
    assert reasons(raw, sender=sender) == ("bounce", *also)
    plain = make_mail(name=name, sender=sender, subject="Delivery Status Notification",
                      body="Delivery to the following recipients has been delayed.")
    assert reasons(plain, sender=sender) == ("bounce", *also)


@pytest.mark.parametrize("kind", ["message/rfc822", "text/rfc822-headers"])
def test_a_mail_system_name_alone_or_its_forward_is_no_bounce(kind):
    assert reasons(make_mail(name="Postmaster", sender="it@kunde.example",
                             subject="Frage zum Spamfilter"), sender="it@kunde.example") == ()
    raw = with_original("siehe unten", "Fwd: Rückläufer", name="Mailer Daemon", kind=kind)
    assert reasons(raw, sender="relay@mx.partner.example") == ()


@pytest.mark.parametrize("text", [
    "Your message to bob@partner.example was not delivered.",
    "Ihre Nachricht konnte nicht zugestellt werden. Empfänger unbekannt.",
    "Votre message n'a pas pu être distribué : adresse introuvable.",
    "No se ha podido entregar su mensaje: destinatario desconocido.",
    "Il messaggio non è stato recapitato. Errore permanente."])
def test_free_text_failures_in_five_languages_with_the_original(text):
    assert reasons(with_original(text, "Hinweis"), sender="relay@mx.partner.example") == (
        "bounce",)
    quoted = make_mail(subject="Hinweis", body=text + "\n\n" + ORIGINAL.replace("\r\n", "\n"))
    assert reasons(quoted) == ("bounce",)
    assert reasons(make_mail(subject="Hinweis", body=text)) == ()  # no original: not enough


@pytest.mark.parametrize("text", [
    "Hallo, die Nachricht konnte nicht zugestellt werden. Können Sie helfen?",
    "The invoice was not delivered to our old address.\n\nThanks, Mary",
    "Seit heute bekomme ich: Ihre Nachricht konnte nicht zugestellt werden.",
    "Mon message n'a pas pu être remis, pouvez-vous vérifier"])
def test_a_person_who_sends_a_failure_on_with_own_words_is_answered(text):
    assert reasons(with_original(text, "Mails kommen nicht an"),
                   sender="max@kunde.example") == ()


def test_abuse_complaints_with_the_offending_message():
    desk = with_original("Dear operator, we got the attached mail. Regards", "Case 4711",
                         sender="abuse@isp.example", name="Abuse Team")
    assert reasons(desk, sender="abuse@isp.example") == ("feedback-report",)
    plain = with_original("Unsolicited bulk mail from your network.", "Spam complaint 198.51.100.7")
    assert reasons(plain, sender="noc@isp.example") == ("feedback-report",)
    arf = make_mail(headers={"X-ARF": "Yes"}, sender="noc@isp.example")
    assert reasons(arf, sender="noc@isp.example") == ("feedback-report",)
    person = with_original("Wir bekommen Spam aus Ihrem Netz, siehe Anhang.", "Spam von Ihnen?")
    assert reasons(person, sender="max@kunde.example") == ()


@pytest.mark.parametrize("headers", [
    {"X-Vacation": "yes"}, {"X-Autoreply-Type": "vacation"}, {"X-Mailer": "Vacation 1.2.7"},
    {"X-Kerio-Autoreply": "1"}, {"X-MS-Exchange-Inbox-Rules-Loop": "max@kunde.example"},
    {"X-Sieve": "CMU Sieve 3.0"}])
def test_vendor_vacation_markers_beside_a_bare_auto_reply_subject(headers):
    raw = make_mail(subject="Auto reply: Server down", body="Ab Montag wieder da.", headers=headers)
    assert reasons(raw) == ("auto-reply",)


@pytest.mark.parametrize("headers", [
    {}, {"X-Mailer": "Microsoft Outlook 16.0"}, {"X-Auto-Response-Suppress": "DR, RN"}])
def test_a_customer_writing_about_their_auto_reply_is_a_person(headers):
    raw = make_mail(subject="Auto reply: not working", headers=headers,
                    body="Our auto reply stopped working after the move. Could you check?")
    assert reasons(raw) == ()
    rule = make_mail(subject="Server down", headers={"X-MS-Exchange-Inbox-Rules-Loop": "a@b.example"})
    assert reasons(rule) == ()


def test_a_failure_that_carries_the_writers_own_mail_or_a_bounce_is_sent_on_by_a_person():
    text = "Die Nachricht konnte nicht zugestellt werden."
    own = make_mail(subject="Hinweis", body=text + "\n\nFrom: Max <max@kunde.example>\n"
                    "To: x@partner.example\nSubject: Angebot\n")
    assert reasons(own) == ()  # the writer quotes a mail of their own: a person
    bounce = with_original(text, "Hinweis").replace(
        b"From: centron <technik@centron.de>", b"From: Mail Delivery System <x@mx.example>")
    assert reasons(bounce, sender="relay@mx.partner.example") == ()  # carries a bounce


@pytest.mark.parametrize("quote", [
    "Von: centron <technik@centron.de>\nAn: x@partner.example\nBetreff: Angebot",
    "Da: centron <technik@centron.de>\nA: x@partner.example\nOggetto: Offerta",
    "De : centron <technik@centron.de>\nÀ : x@partner.example\nObjet : Devis"])
def test_quoted_originals_with_localised_header_names(quote):
    raw = make_mail(subject="Avviso", body="Il messaggio non è stato consegnato.\n\n" + quote)
    assert reasons(raw, sender="relay@mx.partner.example") == ("bounce",)


def test_a_mail_log_is_no_quoted_original():
    log = ("status=bounced (host said: 550 5.1.1 user unknown)\n\n"
           "Received: from srv.shop.example by mx.web.example\nDate: Wed, 05 Nov 2025")
    assert reasons(make_mail(subject="Maillog", body=log)) == ()


def test_a_quote_as_mail_clients_write_it_is_a_persons():
    body = ("Your invoice was not delivered to our inbox, resend to ap@firm.example.\n\n"
            "From: centron <billing@centron.de>\nSent: Monday, November 10, 2025 9:00 AM\n"
            "To: accounts@firm.example\nSubject: Rechnung 2025-1500\n")
    assert reasons(make_mail(subject="Invoice", body=body)) == ()
    assert reasons(make_mail(subject="Invoice", body=body.replace("Sent:", "Date:")),
                   sender="relay@mx.firm.example") == ("bounce",)


@pytest.mark.parametrize("subject, body", [
    ("Automatische Antwort: wie einrichten?", "Wie richte ich eine automatische Antwort ein?"),
    ("Out of office: setup", "How do I get an automatic reply while I am on vacation?")])
def test_asking_about_an_absence_notice_is_no_absence_notice(subject, body):
    assert reasons(make_mail(subject=subject, body=body)) == ()
