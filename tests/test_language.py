"""The customer's language first (issue 21, point 2): detected among the configured languages from
the customer's own words, then Content-Language; unsure means the configured order. Recorded with
the decision and shown by preview --json. A language is added by one file of strings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.pipeline.process import Pipeline
from gateway.rules.language import _WORD, customer_words, detect, function_word_language, text_language
from gateway.rules.parse import parse_mail
from gateway.store.db import ensure_schema, make_engine
from tests.conftest import AFTER, Gateway, make_mail
from tests.language_samples import SAMPLES
from tests.test_cli import run  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[1]
THREE = ("de", "en", "fr")
GREETING = {"de": "Guten Tag", "en": "Hello", "fr": "Bonjour", "es": "Hola"}
SUBJECT = {"de": "Automatische Antwort", "en": "Automatic reply", "fr": "Réponse automatique",
           "es": "Respuesta automática"}


def pipeline_for(tmp_path: Path, **extra) -> Gateway:
    settings = settings_from_dict({"database_url": f"sqlite:///{tmp_path}/g.db",
                                   "outbox_dir": str(tmp_path / "out"), **extra})
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    return Gateway(Pipeline(settings, engine, FixedClock(AFTER)))


def test_short_support_mails_are_told_apart():
    wrong = [(lang, found, subject) for lang, subject, body in SAMPLES
             if (found := text_language(f"{subject}\n{body}", THREE)) != lang]
    assert not wrong
    assert len(SAMPLES) == 75
    # the cheap look at function words settles most, never wrongly; lingua the rest
    settled = {n: function_word_language([w.lower() for w in _WORD.findall(f"{s}\n{b}")], THREE)
               for n, (_, s, b) in enumerate(SAMPLES)}
    assert all(found in (None, SAMPLES[n][0]) for n, found in settled.items())
    assert 40 <= sum(found is not None for found in settled.values()) < 75


@pytest.mark.parametrize("text", ["OK", "Traffic", "Server down", "", "12345 !!!"])
def test_too_few_words_are_unsure(text):
    assert text_language(text, THREE) is None


def test_unsure_keeps_the_configured_order_and_content_language_helps():
    mail = parse_mail(make_mail(subject="Re: 4711", body="ok?"))
    assert detect(mail, THREE).order == THREE and detect(mail, THREE).language is None
    tagged = parse_mail(make_mail(subject="Re: 4711", body="ok?",
                                  headers={"Content-Language": "fr-FR"}))
    assert detect(tagged, THREE).order == ("fr", "de", "en")
    assert detect(tagged, THREE).via == "content-language"
    # the words outweigh the header (mail clients set it to their own language)
    english = parse_mail(make_mail(body="Hello, our web server has been down since this "
                                        "morning, can you check it please?",
                                   headers={"Content-Language": "de-DE"}))
    assert detect(english, THREE).language == "en" and detect(english, THREE).via == "text"


def test_quoted_text_and_signature_are_not_the_customers_words():
    body = ("Hallo, das Ticket ist leider immer noch offen, bitte melden Sie sich.\n\n"
            "-- \nMax Kunde, Head of IT, Example Ltd, London\n\n"
            "On Tue, 14 Oct 2025, support wrote:\n> Hello, thank you for your message to the "
            "support. Since 13 October 2025 we no longer take requests by e-mail.\n" * 3)
    mail = parse_mail(make_mail(subject="Re: Automatic reply: Server", body=body))
    assert "London" not in customer_words(mail) and "Since" not in customer_words(mail)
    assert detect(mail, ("en", "de")).order == ("de", "en")


@pytest.mark.parametrize("lang, subject, body", [
    ("de", "Frage zur Rechnung", "Guten Tag, auf meiner Rechnung fehlt der Rabatt. Bitte prüfen "
                                 "Sie das. Danke"),
    ("en", "Question about my invoice", "Hello, the discount is missing on my invoice. Could "
                                        "you please check? Thanks"),
    ("fr", "Question sur ma facture", "Bonjour, la remise manque sur ma facture. Pouvez-vous "
                                      "vérifier s'il vous plaît ? Merci"),
])
def test_each_customer_gets_their_language_first(tmp_path, lang, subject, body):
    gateway = pipeline_for(tmp_path, responder={"languages": ["de", "en", "fr"]})
    _, outcome = gateway.receive(make_mail(subject=subject, body=body), AFTER)
    reply = outcome.reply
    assert reply.headers["Content-Language"].split(", ")[0] == lang
    assert reply.text.startswith(GREETING[lang]) and reply.subject.startswith(SUBJECT[lang])
    assert f'<div lang="{lang}">' in reply.html.split("<hr")[0]
    assert sorted(reply.headers["Content-Language"].split(", ")) == ["de", "en", "fr"]
    assert outcome.language.language == lang and outcome.language.via == "text"
    with gateway.pipeline.engine.connect() as conn:  # recorded with the decision
        detail = conn.exec_driver_sql("SELECT detail FROM inbound_message").scalar()
    assert json.loads(detail)["language"] == {"language": lang, "via": "text",
                                              "order": list(outcome.language.order)}
    gateway.pipeline.engine.dispose()


def test_preview_json_shows_the_language(run):  # noqa: F811
    result = json.loads(run("--json", "preview", "--rcpt", "technik@centron.de", "--sender",
                            "max@kunde.example", "--at", "2025-11-03T09:15:00", "-",
                            stdin=make_mail(subject="Invoice question", body=(
                                "Hello, could you please send me a copy of the last invoice? "
                                "Thank you"))).stdout)
    assert result["language"] == {"language": "en", "via": "text", "order": ["en", "de"]}
    assert result["reply"]["text"].startswith("Hello Max Kunde,")
    assert result["reply"]["headers"]["Content-Language"] == "en, de"


def test_a_language_is_added_by_one_file_of_strings(tmp_path):
    own = tmp_path / "templates"
    (own / "lang").mkdir(parents=True)
    strings = (ROOT / "templates/lang/en.toml").read_text(encoding="utf-8")
    for english, spanish in (("Hello {customer_name},", "Hola {customer_name},"),
                             ("Automatic reply: {subject}", "Respuesta automática: {subject}"),
                             ("This is an automatic reply.", "Esta es una respuesta automática."),
                             ('name = "English"', 'name = "Español"')):
        strings = strings.replace(english, spanish)
    (own / "lang" / "es.toml").write_text(strings, encoding="utf-8")
    per_language = {"de": "Technik", "es": "Soporte técnico"}
    gateway = pipeline_for(
        tmp_path, templates_dir=str(own), responder={"languages": ["de", "es"]},
        phone_support="", signature="{company} ({department})",
        ticket_steps={"de": ["Im {portal_name} anmelden: {login_url}"],
                      "es": ["Inicie sesión en el {portal_name}: {login_url}"]},
        reject_message="{portal_url}", reject_message_contact_form="{contact_form_url}",
        addresses=[{"address": "technik@centron.de", "department": per_language}])
    assert not gateway.pipeline.settings.problems()
    _, outcome = gateway.receive(make_mail(subject="Problema con el servidor", body=(
        "Hola, nuestro servidor no responde desde esta mañana. ¿Pueden revisarlo, por favor? "
        "Gracias")), AFTER)
    assert outcome.reply.headers["Content-Language"] == "es, de"
    assert outcome.reply.text.startswith("Hola Max Kunde,")
    assert "Soporte técnico" in outcome.reply.text.split("-" * 70)[0]
    assert outcome.reply.subject.startswith(SUBJECT["es"])
    gateway.pipeline.engine.dispose()
    shutil.rmtree(own)


def test_a_withheld_subject_is_said_in_the_customers_language(tmp_path):
    gateway = pipeline_for(tmp_path, responder={"languages": ["de", "en", "fr"]})
    _, outcome = gateway.receive(make_mail(
        subject="Call me back: +44 20 7946 0000", body="Hello, please call me back as soon as "
        "possible about the outage of our server."), AFTER)
    assert outcome.reply.subject == "Automatic reply: Your message"
    gateway.pipeline.engine.dispose()


def test_a_language_lingua_does_not_know_keeps_the_configured_order():
    mail = parse_mail(make_mail(body="Hello, could you please check why our server is down?"))
    assert text_language("Hello, could you please check why our server is down?",
                         ("xx", "de")) is None  # no function words, no model: unsure
    assert detect(mail, ("xx", "de")).order == ("xx", "de")


def test_an_admins_language_file_changes_only_what_it_names(tmp_path):
    own = tmp_path / "templates"
    (own / "lang").mkdir(parents=True)
    (own / "lang" / "en.toml").write_text('closing = "Cheers"\n', encoding="utf-8")
    gateway = pipeline_for(tmp_path, templates_dir=str(own))
    assert not gateway.pipeline.renderer.check_templates()
    _, outcome = gateway.receive(make_mail(body="Hello, could you please check why our "
                                                "server is down?"), AFTER)
    english = outcome.reply.text.split("-" * 70)[0]
    assert "Cheers\nYour centron team" in english and "Kind regards" not in english
    assert english.startswith("Hello Max Kunde,")
    gateway.pipeline.engine.dispose()


def test_without_the_model_only_function_words_and_the_header_tell():
    lingua_only = [(lang, f"{s}\n{b}") for lang, s, b in SAMPLES
                   if function_word_language([w.lower() for w in _WORD.findall(f"{s}\n{b}")],
                                             THREE) is None]
    assert lingua_only and all(text_language(text, THREE) == lang for lang, text in lingua_only)
    assert all(text_language(text, THREE, model=False) is None for _, text in lingua_only)
    tagged = parse_mail(make_mail(subject="Update", body="Version 8.3?",
                                  headers={"Content-Language": "en"}))
    assert detect(tagged, THREE, model=False).order == ("en", "de", "fr")


OUR_GERMAN = ("Guten Tag John Smith,\n\nvielen Dank für Ihre Nachricht an hilfe@nordhost.example. "
              "Seit dem 01.12.2025 nehmen wir Support-Anfragen nicht mehr per E-Mail entgegen: "
              "Aus Ihrer E-Mail wurde daher kein Ticket erstellt. Bitte eröffnen Sie Ihr Ticket "
              "im Kundencenter.\n")


@pytest.mark.parametrize("subject, body, lang", [
    # an English answer to our German reply: the subject is ours, the words are theirs
    ("AW: Automatische Antwort: Server antwortet nicht",
     "Sorry, I cannot find it.\n\n-----Ursprüngliche Nachricht-----\nVon: Technik "
     "<technik@centron.de>\nBetreff: Automatische Antwort: Server antwortet nicht\n\n"
     "Guten Tag, vielen Dank für Ihre Nachricht. Seit dem 13.10.2025 nehmen wir keine "
     "Anfragen mehr per E-Mail entgegen.", "en"),
    ("Rechnung 2027-0042", "Hello, this invoice was charged twice.", "en"),
    # English words under a German closing, the company's imprint and a disclaimer
    ("DNS", "Hi, please change the DNS record for our domain.\n\nMit freundlichen Grüßen\n"
     "Jan Becker\nBecker & Söhne GmbH, Geschäftsführer: Jan Becker, Amtsgericht München\n"
     "Diese E-Mail ist vertraulich und nur für den Empfänger bestimmt. Wenn Sie nicht der "
     "richtige Adressat sind, informieren Sie bitte sofort den Absender.", "en"),
    # the closing itself still counts where it is all there is
    ("Server down", "Server down\n\nMit freundlichen Grüßen\nMax Kunde", "de"),
    # how mail clients set off the mail they quote: Outlook's line and header block without an
    # address, Gmail's attribution wrapped onto two lines, a forward's dashes in French
    ("AW: Automatische Antwort: Server", "Thanks, but where do I find the portal?\n\n"
     "________________________________\nVon: Nordhost Technik\nGesendet: Montag, 5. Dezember "
     "2025 09:00\nAn: John Smith\nBetreff: Automatische Antwort: Server\n\n" + OUR_GERMAN, "en"),
    ("Re: Automatische Antwort: Server", "Thanks, but where do I find the portal?\n\nAm Mo., 5. "
     "Dez. 2025 um 09:00 Uhr schrieb Nordhost Technik <\nhilfe@nordhost.example>:\n\n"
     + OUR_GERMAN, "en"),
    ("Re: Automatische Antwort: Server", "Where is the portal?\n\nOn Mon, Dec 5, 2025 at 9:00 AM "
     "Nordhost Technik <hilfe@nordhost.example>\nwrote:\n\n" + OUR_GERMAN, "en"),
    ("TR: Automatische Antwort", "Je ne comprends pas ce message, pouvez-vous m'aider ?\n\n"
     "-------- Message transféré --------\nSujet : Automatische Antwort\n\n" + OUR_GERMAN, "fr"),
    # a short closing word under the text, a phone's line, then the company's German imprint
    ("Server", "Hi team,\nour server is down.\nBest,\nJan\n\nJan Becker | Becker & Söhne GmbH | "
     "Diese E-Mail ist vertraulich und nur für den Empfänger bestimmt.", "en"),
    ("Server", "Hi team, our server is down.\n\nSent from my iPhone\n\nDiese E-Mail ist "
     "vertraulich und nur für den Empfänger bestimmt. Bitte informieren Sie den Absender.", "en"),
    ("Frage", "Danke!\nDas Problem besteht aber weiterhin, bitte prüfen Sie das noch einmal.", "de"),
])
def test_the_customers_own_lines_outweigh_our_subject_and_their_signature(subject, body, lang):
    mail = parse_mail(make_mail(subject=subject, body=body))
    assert detect(mail, THREE).language == lang


def test_outlooks_html_reply_block_is_not_the_customers():
    quoted = "".join(f"<p>{line}</p>" for line in OUR_GERMAN.splitlines())
    html = ('<div>Where is the portal? I cannot find it.</div><hr style="display:inline-block">'
            '<div id="divRplyFwdMsg"><b>Von:</b> Nordhost Technik<br><b>Gesendet:</b> Montag, '
            '5. Dezember 2025<br><b>Betreff:</b> Automatische Antwort</div>' + quoted)
    raw = make_mail(subject="AW: Automatische Antwort", body=html,
                    headers={"Content-Type": "text/html; charset=utf-8"})
    raw = raw.replace(b"Content-Type: text/plain; charset=utf-8\r\n", b"", 1)
    assert detect(parse_mail(raw), THREE).language == "en"
