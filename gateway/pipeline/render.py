"""jinja2: a decision → a complete reply message with RFC 3834 headers. No I/O beyond templates."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime, formataddr
from importlib import resources
from pathlib import Path

import jinja2

from gateway.config.company import first_value, in_language
from gateway.config.settings import AddressConfig, GatewaySettings
from gateway.delivery.helpdesk_ref import ticket_url
from gateway.pipeline import reply_cache
from gateway.pipeline.mime_build import build_message
from gateway.pipeline.wording import LanguageWords, WordingError, Words, load_catalogs, old_facts
from gateway.rules.classify import REPLY_MESSAGE_ID_PREFIX
from gateway.rules.decide import ReplyKind
from gateway.rules.language import Detected
from gateway.rules.parse import ParsedMail
from gateway.rules.policy import Policies
from gateway.rules.reply_safety import (
    NEUTRAL_SUBJECT,
    echoed_name,
    echoed_subject,
    safe_message_id,
    strip_unsafe,
)

SUBJECT_MAX = 180
TICKET_LINK_TEMPLATE = "ticket_in_portal"  # an answer to a helpdesk ticket past its grace
REFERENCES_MAX = 20


@dataclass(frozen=True)
class ReplyRequest:
    """What a reply needs to know about the mail it answers."""

    kind: ReplyKind
    to: str
    address: AddressConfig
    original_subject: str
    original_message_id: str | None
    original_references: tuple[str, ...] = ()
    customer_name: str = ""
    ticket_number: str | None = None
    announce: bool = False
    helpdesk_id: str | None = None   # TICKET_LINK: the helpdesk's ticket the customer answered
    helpdesk_url: str | None = None
    languages: tuple[str, ...] = ()  # the customer's first; empty: the configured order


def request_for(kind: ReplyKind, to: str, address: AddressConfig, mail: ParsedMail,
                ticket_number: str | None = None, announce: bool = False,
                trusted: bool = False, helpdesk: tuple[str | None, str | None] = (None, None),
                languages: tuple[str, ...] = ()) -> ReplyRequest:
    """The reply to `mail`: everything a template may use comes from here, and only what
    reply_safety lets through (`trusted`: the backscatter guard authenticated the sender)."""
    references = tuple(r for r in map(safe_message_id, mail.references) if r)
    return ReplyRequest(kind=kind, to=to, address=address,
                        original_subject=echoed_subject(mail.subject, trusted),
                        original_message_id=safe_message_id(mail.message_id),
                        original_references=references,
                        customer_name=echoed_name(mail.from_name, trusted),
                        ticket_number=ticket_number, announce=announce,
                        helpdesk_id=helpdesk[0], helpdesk_url=helpdesk[1], languages=languages)


@dataclass
class RenderedReply:
    to: str
    subject: str
    message_id: str
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""
    html: str = ""
    raw: bytes = b""
    detected: Detected | None = None  # rendered ahead: the language it was rendered for

    def as_json(self) -> dict:
        return {"to": self.to, "subject": self.subject, "headers": self.headers,
                "text": self.text, "html": self.html}


def builtin_templates_dir() -> Path:
    return Path(str(resources.files("gateway.templates")))


def make_environment(templates_dir: str = "") -> jinja2.Environment:
    """Admins' own folder first (if set), then the shipped templates."""
    paths = [templates_dir] if templates_dir else []
    paths.append(str(builtin_templates_dir()))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        autoescape=lambda name: bool(name and ".html" in name),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # templates are read once per process; `serve` restarts pick changes
    )


def safe_subject(text: str, limit: int = SUBJECT_MAX) -> str:
    """One line, no control characters, bounded: nothing a header injection could use."""
    cleaned = strip_unsafe(text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rstrip() + "…"


def ticket_tag(number: str) -> str:
    return f"[{number}]"


def reply_subject(req: ReplyRequest, strings: dict) -> str:
    """In the reply's first language (the customer's, when it was recognised)."""
    original = safe_subject(req.original_subject, 120) or strings["no_subject"]
    if original == NEUTRAL_SUBJECT:  # the reflection guard withheld it: said in this language
        original = strings.get("your_message", original)
    if req.kind is ReplyKind.ACK and req.ticket_number:
        tag = ticket_tag(req.ticket_number)
        original = re.sub(re.escape(tag), "", original).strip()
        return safe_subject(strings["subject_ack"].format(ticket_tag=tag, subject=original))
    return safe_subject(strings["subject_auto"].format(subject=original))


def _ticket_ref(req: ReplyRequest) -> str:
    """" HD-123": the helpdesk's ticket, else (it named only its page) ours, as the receipt did."""
    found = req.helpdesk_id or (req.ticket_number if req.kind is ReplyKind.TICKET_LINK else "")
    return f" {found}" if found else ""


def new_message_id(domain: str) -> str:
    return f"<{REPLY_MESSAGE_ID_PREFIX}{uuid.uuid4().hex}@{domain}>"


class Renderer:
    def __init__(self, settings: GatewaySettings, policies: Policies | None = None) -> None:
        self.settings = settings
        self.policies = policies or Policies(settings)
        self.env = make_environment(settings.templates_dir)
        self.catalogs = load_catalogs(settings.templates_dir)
        self._templates: dict[str, jinja2.Template] = {}
        self._per_address: dict[str, dict] = {}
        self._words: dict[tuple[str, str], LanguageWords] = {}
        self._marked: dict[tuple, tuple[str, str]] = {}  # reply_cache: rendered with marks
        self._is_shipped: dict[str, bool] = {}

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def check_templates(self) -> list[str]:
        """Load and render every template once with sample data, in every language first;
        returns the problems found."""
        problems: list[str] = []
        configured = tuple(self.settings.responder.languages)
        if self.settings.facts_problems(list(configured), self.settings.addresses):
            return problems  # config check names each broken fact once; render when fixed
        for policy in self.policies:
            address = policy.config
            for kind in (ReplyKind.ACK, ReplyKind.REDIRECT, ReplyKind.TICKET_LINK):
                for first in configured:
                    order = (first, *(lang for lang in configured if lang != first))
                    req = ReplyRequest(kind, "kunde@example.com", address, "Test",
                                       "<t@example.com>", customer_name="Kim",
                                       ticket_number="TK-000001", announce=True,
                                       helpdesk_id="HD-1", languages=order)
                    try:
                        self._bodies(req)
                    except (jinja2.TemplateError, WordingError, KeyError) as exc:
                        where = getattr(exc, "filename", None) or getattr(exc, "name", "") or ""
                        problems.append(f"{address.address} {kind} {first}: {where} {exc}".strip())
        return problems

    def language_words(self, address: AddressConfig, lang: str) -> LanguageWords:
        key = (address.address, lang)
        if key not in self._words:
            policy = self.policies[address.address]
            self._words[key] = LanguageWords(self.settings, address, lang, self.catalogs[lang],
                                             policy.timeline.cutover, list(policy.same_cutover))
        return self._words[key]

    def _address_context(self, address: AddressConfig) -> dict:
        """What is the same in every reply from one address; also the names that templates of
        earlier versions used (account_center_url, cutover_de, facts.steps.de, ...)."""
        if address.address in self._per_address:
            return self._per_address[address.address]
        configured = self.settings.responder.languages
        first = self.language_words(address, configured[0]).values
        base: dict = {"address": address.address, "department": first["department"],
                      "company": self.settings.company, "account_center_url": first["portal_url"],
                      "contact_form_url": first["contact_form_url"],
                      "portal_name": first["portal_name"], "login_url": first["login_url"],
                      "contact_form": address.redirect == "contact_form"}
        for lang in ("de", "en"):
            if lang in self.catalogs:
                values = self.language_words(address, lang).values
                base[f"cutover_{lang}"] = values["cutover"]
                base[f"old_addresses_{lang}"] = values["old_addresses"]
        words = [self.language_words(address, lang) for lang in configured]
        base["facts_txt"], base["facts_html"] = old_facts(words, False), old_facts(words, True)
        self._per_address[address.address] = base
        return base

    def languages_of(self, req: ReplyRequest) -> tuple[str, ...]:
        configured = tuple(self.settings.responder.languages)
        return tuple(lang for lang in req.languages if lang in configured) or configured

    def _bodies(self, req: ReplyRequest) -> tuple[str, str, str]:
        languages = self.languages_of(req)
        subject = reply_subject(req, self.catalogs[languages[0]])
        name = safe_subject(req.customer_name, 80)
        reply = {"customer_name": name, "ticket_number": req.ticket_number or "",
                 "ticket_tag": ticket_tag(req.ticket_number or ""), "subject": subject,
                 "helpdesk_ticket": req.helpdesk_id or "",
                 "ticket_ref": _ticket_ref(req),
                 "ticket_url": ticket_url(req.helpdesk_id, req.helpdesk_url,
                                          self.settings.handoff.ticket_url_template) or ""}
        words = {lang: self.language_words(req.address, lang) for lang in languages}
        template = self._template_name(req)
        key = (template, req.address.address, languages, req.announce)
        if key not in self._marked and self._shipped(template):
            self._marked[key] = tuple(self._render(template, req, languages, html, marked=True)
                                      for html in (False, True))
        if key in self._marked:
            text, html = (reply_cache.fill(self._marked[key][n], words, reply, n == 1)
                          for n in (0, 1))
            if "\x00" not in text + html:  # every mark filled (else: render it whole)
                return subject, text, html
        return subject, *(self._render(template, req, languages, html, reply=reply)
                          for html in (False, True))

    def _render(self, template: str, req: ReplyRequest, languages: tuple[str, ...], html: bool,
                marked: bool = False, reply: dict | None = None) -> str:
        words = {lang: self.language_words(req.address, lang) for lang in languages}
        values = reply_cache.marked_context(html) if marked else reply or {}
        fmt = "html" if html else "txt"
        context = {**self._address_context(req.address), **values, "announce": req.announce,
                   "languages": list(languages), "facts": self._address_context(
                       req.address)[f"facts_{fmt}"]}
        context["words"] = (reply_cache.marked_words(words, html) if marked else
                            {lang: Words(w, values, html) for lang, w in words.items()})
        return self._template(f"{template}.{fmt}.j2").render(context)

    def _shipped(self, template: str) -> bool:
        """Whether both parts of this template and the layouts are the shipped ones."""
        if template not in self._is_shipped:
            builtin = str(builtin_templates_dir())
            names = [f"{name}.{fmt}.j2" for name in (template, "_layout") for fmt in ("txt", "html")]
            self._is_shipped[template] = all(
                (self.env.loader.get_source(self.env, name)[1] or "").startswith(builtin)
                for name in names)
        return self._is_shipped[template]

    def _template_name(self, req: ReplyRequest) -> str:
        policy = self.policies[req.address.address]
        if req.kind is ReplyKind.TICKET_LINK:
            return TICKET_LINK_TEMPLATE
        return policy.ack_template if req.kind is ReplyKind.ACK else policy.redirect_template

    def render(self, req: ReplyRequest, now: datetime) -> RenderedReply:
        subject, text, html = self._bodies(req)
        message_id = new_message_id(self.settings.domain)
        headers = self._headers(req, subject, message_id, now)
        raw = build_message(headers, text, html)
        return RenderedReply(req.to, subject, message_id, headers, text, html, raw)

    def _headers(self, req: ReplyRequest, subject: str, message_id: str,
                 now: datetime) -> dict[str, str]:
        address, languages = req.address, self.languages_of(req)
        references = [*req.original_references][-REFERENCES_MAX:]
        if req.original_message_id:
            references.append(req.original_message_id)
        display = (in_language(address.display_name, languages[0])
                   or first_value(address.display_name)
                   or in_language(address.department, languages[0]) or address.department_name)
        headers = {
            "From": formataddr((display, address.address)),
            "To": req.to,
            "Subject": subject,
            "Date": format_datetime(now.astimezone(self.settings.zone)),
            "Message-ID": message_id,
            "Auto-Submitted": "auto-replied",
            "X-Auto-Response-Suppress": "All",
            "X-Loop": self.settings.loop_token,
            "Content-Language": ", ".join(languages),
        }
        if req.original_message_id:
            headers["In-Reply-To"] = req.original_message_id
        if references:
            headers["References"] = " ".join(references)
        return headers
