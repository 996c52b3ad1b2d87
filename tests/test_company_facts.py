"""Another company adopts the gateway by its config alone (issue 21, points 1 and 4): replies,
550 lines and the report say its facts and none of the example's; `config check` warns where an
admin forgot one; the HTML part has the text part's footer; text lines stay within 78 columns."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from itertools import permutations
from pathlib import Path

import pytest

from gateway.admin.report_data import build_report
from gateway.admin.report_html import render_report
from gateway.clock import FixedClock
from gateway.config.company import EXAMPLE_LITERALS
from gateway.config.load import settings_from_dict
from gateway.config.settings import GatewaySettings
from gateway.pipeline.process import Pipeline
from gateway.pipeline.render import Renderer, ReplyRequest
from gateway.rules.decide import ReplyKind
from gateway.rules.door import reject_line
from gateway.store.db import ensure_schema, make_engine
from tests.conftest import AFTER, ANNOUNCE, Gateway, make_mail

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "templates").glob("*.j2")) + sorted((ROOT / "templates/lang").glob("*"))
# The example company's words, and its domain: none may reach another company's customers.
FOREIGN = (*EXAMPLE_LITERALS, "centron.de", "24/7", "Durchwahl")

NORDHOST = {
    "domain": "nordhost.example", "company": "Nordhost",
    "portal_name": {"de": "Kundenportal", "en": "customer portal", "fr": "client"},
    "account_center_url": "https://portal.nordhost.example",
    "login_url": {"de": "https://portal.nordhost.example/de/login",
                  "en": "https://portal.nordhost.example/en/login",
                  "fr": "https://portal.nordhost.example/fr/login"},
    "contact_form_url": "https://www.nordhost.example/kontakt",
    "ticket_steps": {
        "de": ["Melden Sie sich im {portal_name} an: {login_url}",
               "Wählen Sie „Hilfe“ und dann „Anfrage stellen“ ({department}).",
               "Hängen Sie bis zu {max_attachments} Dateien an und senden Sie ab."],
        "en": ["Log in to the {portal_name}: {login_url}",
               'Choose "Help", then "New request" ({department}).',
               "Attach up to {max_attachments} files and send it."],
        "fr": ["Connectez-vous à votre espace {portal_name} : {login_url}",
               "Choisissez « Aide » puis « Nouvelle demande » ({department}).",
               "Joignez jusqu'à {max_attachments} fichiers et envoyez."]},
    "max_attachments": 5, "phone_support": "",
    "signature": {"de": "Ihr Nordhost-Support", "en": "Your Nordhost support",
                  "fr": "Le support Nordhost"},
    "reject_message": {"de": "Bitte nutzen Sie das {portal_name}: {portal_url}",
                       "en": "Please use the {portal_name}: {portal_url}",
                       "fr": "Merci d'utiliser votre espace {portal_name} : {portal_url}"},
    "reject_message_contact_form": "Please use {contact_form_url}",
    "smtp": {"hostname": "gateway.nordhost.example"},
    "responder": {"languages": ["de", "en", "fr"]},
    "addresses": [
        {"address": "support@nordhost.example", "announce_from": "2025-09-15",
         "reject_from": "2026-04-01",
         "department": {"de": "Technik", "en": "Engineering", "fr": "Technique"},
         "display_name": {"de": "Nordhost Technik", "en": "Nordhost Engineering",
                          "fr": "Nordhost Technique"}},
        {"address": "sales@nordhost.example", "announce_from": "2025-09-15",
         "redirect": "contact_form", "department": {"de": "Vertrieb", "en": "Sales",
                                                    "fr": "Ventes"}}],
}


def foreign_words(text: str) -> list[str]:
    return [w for w in FOREIGN if w.lower() in text.lower()]


def every_reply(settings: GatewaySettings, name: str = "Kim Nordmann"):
    """Every reply the shipped templates make: each address, kind, announcement or not, every
    order of the languages, with and without a (long) customer name."""
    renderer = Renderer(settings)
    configured = settings.responder.languages
    for address in settings.addresses:
        for kind, announce in ((ReplyKind.ACK, True), (ReplyKind.ACK, False),
                               (ReplyKind.REDIRECT, False), (ReplyKind.TICKET_LINK, False)):
            for order in permutations(configured):
                for who in (name, "", "Dr. " + "Maximiliane " * 6 + "Mustermann-Lüdenscheid"):
                    yield renderer.render(ReplyRequest(
                        kind, "k@kunde.example", address, "Frage zur Rechnung", "<m@kunde>",
                        customer_name=who, ticket_number="NH-000042", announce=announce,
                        helpdesk_id="HD-77" if kind is ReplyKind.TICKET_LINK else None,
                        languages=order), AFTER)


def test_shipped_templates_hold_no_company_literal():
    assert len(SHIPPED) >= 10
    for path in SHIPPED:
        assert not foreign_words(path.read_text(encoding="utf-8")), path


def test_another_company_gets_only_its_own_words(tmp_path):
    settings = settings_from_dict({**NORDHOST, "database_url": f"sqlite:///{tmp_path}/g.db"})
    replies = list(every_reply(settings))
    assert len(replies) == 2 * 4 * 6 * 3
    for reply in replies:
        whole = "\n".join([reply.subject, reply.text, reply.html, *reply.headers.values()])
        assert not foreign_words(whole), (foreign_words(whole), reply.subject)
        assert "Nordhost" in reply.text and "nordhost.example" in reply.html
    sales = [r for r in replies if r.headers["From"].endswith("<sales@nordhost.example>")
             and "NH-000042" not in r.subject and "HD-77" not in r.text]  # the redirections
    assert len(sales) == 6 * 3
    assert all("https://www.nordhost.example/kontakt" in r.text for r in sales)
    first = replies[0].text
    assert "https://portal.nordhost.example/de/login" in first and "bis zu 5 Dateien" in first
    assert "Engineering" in first and "Nordhost Technik" in replies[0].headers["From"]
    for address in settings.addresses:
        for rcpt in (address.address, None):
            line = reject_line(settings, address, rcpt)
            assert line.startswith("550 5.7.1 ") and not foreign_words(line), line
            assert line.isascii() and "\r" not in line and "\n" not in line
    assert reject_line(settings, settings.addresses[0], None) == (
        "550 5.7.1 Bitte nutzen Sie das Kundenportal: https://portal.nordhost.example / Please "
        "use the customer portal: https://portal.nordhost.example / Merci d'utiliser votre "
        "espace client : https://portal.nordhost.example")
    assert reject_line(settings, settings.addresses[1], "sales@nordhost.example") == (
        "550 5.7.1 <sales@nordhost.example>: Please use https://www.nordhost.example/kontakt")


def test_another_company_report_says_none_of_the_example(tmp_path):
    settings = settings_from_dict({**NORDHOST, "database_url": f"sqlite:///{tmp_path}/g.db",
                                   "outbox_dir": str(tmp_path / "out")})
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    gateway = Gateway(Pipeline(settings, engine, FixedClock(AFTER)))
    for n, rcpt in enumerate(("support@nordhost.example", "sales@nordhost.example")):
        _, outcome = gateway.receive(make_mail(to=rcpt, message_id=f"<r{n}@k>"), AFTER, rcpt=rcpt)
        assert outcome.action == "redirect" and not foreign_words(outcome.reply.text)
    page = render_report(build_report(engine, settings.zone), settings.company,
                         datetime(2025, 11, 1, tzinfo=UTC)).decode()
    engine.dispose()
    assert "Nordhost" in page and "sales@nordhost.example" in page
    assert not foreign_words(page), foreign_words(page)


def test_text_lines_fit_and_html_has_the_footer():
    settings = GatewaySettings.model_validate({"responder": {"languages": ["de", "en", "fr"]}})
    count = 0
    for reply in every_reply(settings):
        count += 1
        long = [line for line in reply.text.splitlines() if len(line) > 78]
        assert not long, (reply.subject, long)
        for footer in ("This is an automatic reply.", "Dies ist eine automatische Antwort.",
                       "Ceci est une réponse automatique."):
            assert footer in reply.text and footer in reply.html
    assert count == 3 * 4 * 6 * 3


def test_empty_phone_support_drops_the_sentence():
    with_phone = Renderer(GatewaySettings())
    without = Renderer(GatewaySettings(phone_support=""))
    address = GatewaySettings().addresses[0]
    req = ReplyRequest(ReplyKind.REDIRECT, "k@kunde.example", address, "x", None)
    assert "ccloud³" in with_phone.render(req, AFTER).text
    text = without.render(req, AFTER).text
    assert "ccloud³" not in text and "Managed Services" not in text and "Durchwahl" not in text


def test_english_half_of_a_german_reply_is_english_throughout():
    german = re.compile(r"\b(Technischer|Abrechnung|Buchhaltung|Vertrieb|Sie|Ihr|Ihre|und|der|"
                        r"die|das|nicht|Guten|Grüßen|Reiter|Neues)\b|[äöüß„“]")
    settings = GatewaySettings.model_validate({"responder": {"languages": ["de", "en", "fr"]}})
    for reply in every_reply(settings, name="Kim"):
        if reply.headers["Content-Language"] != "de, en, fr":
            continue
        sections = reply.text.split("-" * 70)
        assert "Guten Tag" in sections[0]
        for half in sections[1:]:
            words = german.findall(half.split("\n--\n")[0])
            assert not words, (reply.subject, words)


def test_config_check_warns_about_facts_left_as_the_example(tmp_path):
    assert GatewaySettings().warnings() == [
        w for w in GatewaySettings().warnings() if "example company" not in w]
    forgot = settings_from_dict({"addresses": NORDHOST["addresses"]})
    warned = "\n".join(forgot.warnings())
    for key in ("domain", "company", "portal_name", "account_center_url", "contact_form_url",
                "phone_support"):
        assert f"{key} is still the example company's" in warned, key
    # the SMTP greeting ("220 gateway.centron.de") is what a sending server and an admin see
    assert "smtp.hostname 'gateway.centron.de' is still the example company's" in warned
    # the example's 8 clicks ("the Support tab", ...) are another portal's: not yours
    assert "ticket_steps are still the example company's" in warned
    adapted = settings_from_dict(NORDHOST)
    assert not [w for w in adapted.warnings() if "example" in w]
    own = tmp_path / "templates"
    (own / "lang").mkdir(parents=True)
    (own / "redirect_account_center.txt.j2").write_text(
        "Bitte im Account Center: {{ account_center_url }}\n")
    (own / "lang" / "de.toml").write_text(
        (ROOT / "templates/lang/de.toml").read_text().replace("{portal_name}", "ccloud³"))
    overridden = settings_from_dict({**NORDHOST, "templates_dir": str(own)})
    found = [w for w in overridden.warnings() if w.startswith("template ")]
    assert len(found) == 2 and "Account Center" in found[1] and "ccloud" in found[0], found


def test_a_fact_missing_a_language_or_with_a_broken_placeholder_is_a_problem():
    broken = settings_from_dict({**NORDHOST, "portal_name": {"de": "Kundenportal"},
                                 "signature": "Ihr {firma} Team"})
    problems = "\n".join(broken.problems())
    assert "portal_name: no text for en, fr" in problems
    assert "signature: unknown or broken placeholder" in problems
    assert not settings_from_dict(NORDHOST).problems()


def test_announcement_and_reject_come_from_the_config(tmp_path):
    settings = settings_from_dict({**NORDHOST, "database_url": f"sqlite:///{tmp_path}/g.db",
                                   "outbox_dir": str(tmp_path / "out")})
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    gateway = Gateway(Pipeline(settings, engine, FixedClock(ANNOUNCE)))
    _, outcome = gateway.receive(make_mail(to="support@nordhost.example"), ANNOUNCE,
                                 rcpt="support@nordhost.example")
    engine.dispose()
    assert outcome.action == "ticket"
    text = " ".join(outcome.reply.text.split())
    assert "Ab dem 13.10.2025 erstellen wir aus E-Mails an support@nordhost.example und " \
           "sales@nordhost.example keine Tickets mehr" in text
    assert "Kundenportal" in text and not foreign_words(outcome.reply.raw.decode("ascii"))


@pytest.mark.parametrize("languages", [["de", "xx"], ["klingon"], ["de", "en", "de"]])
def test_a_language_without_strings_or_twice_is_refused(languages):
    from gateway.errors import ConfigError

    with pytest.raises(ConfigError, match="responder.languages: .* (has no strings|is listed twice)"):
        settings_from_dict({"responder": {"languages": languages}})


def test_replies_rendered_once_with_marks_equal_replies_rendered_whole():
    settings = GatewaySettings.model_validate({"responder": {"languages": ["de", "en", "fr"]}})
    whole = Renderer(settings)
    whole._is_shipped = {name: False for name in (
        "ack", "redirect_account_center", "redirect_contact_form", "ticket_in_portal")}
    hostile = 'Kim <b>"&"</b> {company} *fett* ä'
    requests = [ReplyRequest(kind, "k@kunde.example", address, subject, "<m@kunde>",
                             customer_name=name, ticket_number="TK-000042", announce=announce,
                             helpdesk_id="HD-7" if kind is ReplyKind.TICKET_LINK else None,
                             helpdesk_url="https://hd.example/t?a=1&b=2", languages=order)
                for address in settings.addresses
                for kind, announce in ((ReplyKind.ACK, True), (ReplyKind.ACK, False),
                                       (ReplyKind.REDIRECT, False), (ReplyKind.TICKET_LINK, False))
                for order in (("de", "en", "fr"), ("fr", "de", "en"))
                for name, subject in ((hostile, "<Rechnung> & {subject}"), ("", ""))]
    marked = Renderer(settings)
    for req in requests:
        fast, slow = marked.render(req, AFTER), whole.render(req, AFTER)
        assert (fast.subject, fast.text, fast.html) == (slow.subject, slow.text, slow.html)
        assert "\x00" not in fast.text + fast.html
    assert marked._marked and not whole._marked
    assert "{company}" in fast.text or not req.customer_name  # values are never formatted


def test_a_fact_naming_a_reply_value_is_filled_per_reply():
    settings = GatewaySettings(signature="Ihr Team ({ticket_number})")
    renderer, address = Renderer(settings), settings.addresses[0]
    for number in ("TK-000001", "TK-000002"):
        reply = renderer.render(ReplyRequest(ReplyKind.ACK, "k@kunde.example", address, "x",
                                             None, ticket_number=number), AFTER)
        assert reply.text.count(f"Ihr Team ({number})") == 2


def test_a_long_company_name_in_the_signature_is_wrapped_too():
    long_name = "Nordhost Rechenzentrumsbetriebsgesellschaft mbH & Co. KG Niederlassung Altona"
    settings = GatewaySettings.model_validate({**NORDHOST, "company": long_name, "signature": {
        "de": "Ihr Support-Team der {company}\n{company}, Hafenstraße 1",
        "en": "Your {company} support team", "fr": "Le support {company}"}})
    for reply in every_reply(settings):
        long = [line for line in reply.text.splitlines() if len(line) > 78]
        assert not long, (reply.subject, long)
        assert "Hafenstraße 1" in reply.text  # the signature's own line breaks stay
        assert "<br />\nNordhost Rechenzentrumsbetriebsgesellschaft mbH &amp; Co." in reply.html


def test_a_sales_reply_names_the_portals_departments_in_its_steps():
    """The contact-form reply tells customers with a technical or billing matter how to open a
    ticket: the portal has no "Vertrieb" to choose, but the account-center addresses' departments."""
    settings = GatewaySettings.model_validate({"responder": {"languages": ["de", "en", "fr"]}})
    sales = next(a for a in settings.addresses if a.redirect == "contact_form")
    reply = Renderer(settings).render(ReplyRequest(
        ReplyKind.REDIRECT, "k@kunde.example", sales, "Angebot", None), AFTER)
    text = " ".join(reply.text.split())
    assert "Wählen Sie Abteilung (Technischer Support oder Abrechnung & Buchhaltung) und" in text
    assert "Choose the department (Technical Support or Billing & Accounting) and" in text
    assert "(Support technique ou Facturation & comptabilité)" in text
    assert "Ihr centron Team (Vertrieb)" in text  # the signature is still the address's own
    assert "(Technischer Support oder Abrechnung &amp; Buchhaltung)" in reply.html


def test_the_commands_help_names_no_company():
    """Another company's admin reads `gateway --help` and each command's help."""
    import click

    from gateway.cli import cli

    with click.Context(cli, info_name="gateway") as ctx:
        texts = [cli.get_help(ctx)] + [command.get_help(click.Context(command, parent=ctx))
                                       for command in cli.commands.values()]
    assert not [t for t in texts if foreign_words(t)], [foreign_words(t) for t in texts]


def test_a_sales_receipt_announces_the_contact_form_not_the_portal():
    """Before the cutover a sales enquiry gets a receipt; its announcement sends sales to the
    contact form (a prospect has no portal account), customers with a matter to the portal."""
    settings = GatewaySettings.model_validate({"responder": {"languages": ["de", "en", "fr"]}})
    renderer = Renderer(settings)
    by_redirect = {a.redirect: a for a in settings.addresses}
    sales, support = (renderer.render(ReplyRequest(
        ReplyKind.ACK, "k@kunde.example", by_redirect[kind], "Angebot", None,
        ticket_number="TK-000042", announce=True), AFTER) for kind in ("contact_form",
                                                                      "account_center"))
    text = " ".join(sales.text.split())
    assert "Ab dem 13.10.2025 bearbeiten wir Anfragen an vertrieb@centron.de nicht mehr per " \
           "E-Mail. Vertriebsanfragen stellen Sie dann bitte über das Kontaktformular" in text
    assert "from 13 October 2025 on, we no longer handle requests to vertrieb@centron.de" in text
    assert "Bitte eröffnen Sie Tickets dann im" not in text and "Fehlermeldungen" not in text
    assert "Sind Sie bereits Kunde" in text and "Kontaktformular" in sales.html
    assert "Bitte eröffnen Sie Tickets dann im Account Center" in " ".join(support.text.split())
