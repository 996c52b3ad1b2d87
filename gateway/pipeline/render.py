"""jinja2: a decision → a complete reply message with RFC 3834 headers. No I/O beyond templates."""

from __future__ import annotations

import base64
import binascii
import functools
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime, formataddr, parseaddr
from importlib import resources
from pathlib import Path

import jinja2

from gateway.config.settings import AddressConfig, GatewaySettings
from gateway.delivery.helpdesk_ref import ticket_url
from gateway.rules.classify import REPLY_MESSAGE_ID_PREFIX
from gateway.rules.decide import ReplyKind
from gateway.rules.parse import ParsedMail
from gateway.rules.policy import Policies
from gateway.rules.reply_safety import echoed_name, echoed_subject, safe_message_id, strip_unsafe

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


def request_for(kind: ReplyKind, to: str, address: AddressConfig, mail: ParsedMail,
                ticket_number: str | None = None, announce: bool = False,
                trusted: bool = False, helpdesk: tuple[str | None, str | None] = (None, None),
                ) -> ReplyRequest:
    """The reply to `mail`: everything a template may use comes from here, and only what
    reply_safety lets through (`trusted`: the backscatter guard authenticated the sender)."""
    references = tuple(r for r in map(safe_message_id, mail.references) if r)
    return ReplyRequest(kind=kind, to=to, address=address,
                        original_subject=echoed_subject(mail.subject, trusted),
                        original_message_id=safe_message_id(mail.message_id),
                        original_references=references,
                        customer_name=echoed_name(mail.from_name, trusted),
                        ticket_number=ticket_number, announce=announce,
                        helpdesk_id=helpdesk[0], helpdesk_url=helpdesk[1])


@dataclass
class RenderedReply:
    to: str
    subject: str
    message_id: str
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""
    html: str = ""
    raw: bytes = b""

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


def encoded_words(text: str) -> str:
    """RFC 2047 base64 encoded words of at most 75 characters, folded onto continuation lines."""
    data, words, start = text.encode("utf-8"), [], 0
    while start < len(data):
        end = min(start + 45, len(data))  # 45 bytes → 60 base64 characters + 12 of framing
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a character
            end -= 1
        words.append(f"=?utf-8?b?{base64.b64encode(data[start:end]).decode()}?=")
        start = end
    return "\r\n ".join(words)


def _fold_ascii(value: str, width: int = 76) -> str:
    lines, line = [], ""
    for word in value.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\r\n ".join(lines)


@functools.lru_cache(maxsize=256)
def _encode_address(value: str) -> str:
    display, address = parseaddr(value)
    return formataddr((display, address), charset="utf-8") if display else address


def _encode_header(name: str, value: str) -> str:
    """RFC 2047 where needed, folded; addresses keep their angle brackets readable."""
    if name in ("From", "To"):
        return _encode_address(value)
    return _fold_ascii(value) if value.isascii() else encoded_words(value)


def _qp_part(content_type: str, body: str) -> bytes:
    data = binascii.b2a_qp(body.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return (f"Content-Type: {content_type}; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode() + \
        data.replace(b"\n", b"\r\n")


def build_message(headers: dict[str, str], text: str, html: str) -> bytes:
    """multipart/alternative (text, then HTML), UTF-8, quoted-printable, CRLF line ends.

    Built by hand rather than with EmailMessage: the header registry made rendering cost more
    than all the rest of processing a mail, and this shape never varies.
    """
    boundary = f"=_gw_{uuid.uuid4().hex}"
    head = "".join(f"{name}: {_encode_header(name, value)}\r\n" for name, value in headers.items())
    head += ("MIME-Version: 1.0\r\n"
             f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n')
    delimiter = f"\r\n--{boundary}\r\n".encode()
    return (head.encode() + b"This is a multi-part message in MIME format.\r\n" + delimiter[2:]
            + _qp_part("text/plain", text) + delimiter + _qp_part("text/html", html)
            + f"\r\n--{boundary}--\r\n".encode())


def _spoken_list(items: list[str], conjunction: str) -> str:
    """'a, b und c' – how a sentence lists things."""
    return items[0] if len(items) < 2 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def ticket_tag(number: str) -> str:
    return f"[{number}]"


def reply_subject(req: ReplyRequest) -> str:
    original = safe_subject(req.original_subject, 120) or "(kein Betreff)"
    if req.kind is ReplyKind.ACK and req.ticket_number:
        original = re.sub(re.escape(ticket_tag(req.ticket_number)), "", original).strip()
        return safe_subject(f"{ticket_tag(req.ticket_number)} Eingangsbestätigung: {original}")
    return safe_subject(f"Automatische Antwort: {original}")


def new_message_id(domain: str) -> str:
    return f"<{REPLY_MESSAGE_ID_PREFIX}{uuid.uuid4().hex}@{domain}>"


class Renderer:
    def __init__(self, settings: GatewaySettings, policies: Policies | None = None) -> None:
        self.settings = settings
        self.policies = policies or Policies(settings)
        self.env = make_environment(settings.templates_dir)
        self._templates: dict[str, jinja2.Template] = {}
        self._per_address: dict[str, dict] = {}

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def check_templates(self) -> list[str]:
        """Load and render every template once with sample data; returns the problems found."""
        problems = []
        for policy in self.policies:
            address = policy.config
            for kind in (ReplyKind.ACK, ReplyKind.REDIRECT, ReplyKind.TICKET_LINK):
                req = ReplyRequest(kind, "kunde@example.com", address, "Test", "<t@example.com>",
                                   ticket_number="TK-000001", announce=True, helpdesk_id="HD-1")
                try:
                    self._bodies(req)
                except jinja2.TemplateError as exc:
                    where = getattr(exc, "filename", None) or getattr(exc, "name", "") or ""
                    problems.append(f"{address.address} {kind}: {where} {exc}".strip())
        return problems

    def _address_context(self, address: AddressConfig) -> dict:
        """What is the same in every reply from one address, including the rendered facts."""
        if address.address in self._per_address:
            return self._per_address[address.address]
        policy = self.policies[address.address]
        base = {
            "address": address.address, "department": address.department,
            "company": self.settings.company,
            "account_center_url": self.settings.account_center_url,
            "contact_form_url": self.settings.contact_form_url,
            "cutover_de": policy.cutover_de, "cutover_en": policy.cutover_en,
            "languages": list(self.settings.responder.languages),
            "old_addresses_de": _spoken_list(list(policy.same_cutover), "und"),
            "old_addresses_en": _spoken_list(list(policy.same_cutover), "and"),
        }
        for fmt in ("txt", "html"):
            module = self._template(f"_facts.{fmt}.j2").make_module(base)
            base[f"facts_{fmt}"] = {"steps": {lang: module.steps(lang) for lang in ("de", "en")},
                                    "phone": {lang: module.phone(lang) for lang in ("de", "en")}}
        self._per_address[address.address] = base
        return base

    def _context(self, req: ReplyRequest, subject: str) -> dict:
        return {
            **self._address_context(req.address),
            "customer_name": safe_subject(req.customer_name, 80),
            "ticket_number": req.ticket_number or "",
            "ticket_tag": ticket_tag(req.ticket_number or ""), "announce": req.announce,
            "subject": subject, "helpdesk_ticket": req.helpdesk_id or "",
            "ticket_url": ticket_url(req.helpdesk_id, req.helpdesk_url,
                                     self.settings.handoff.ticket_url_template) or "",
        }

    def _template_name(self, req: ReplyRequest) -> str:
        policy = self.policies[req.address.address]
        if req.kind is ReplyKind.TICKET_LINK:
            return TICKET_LINK_TEMPLATE
        return policy.ack_template if req.kind is ReplyKind.ACK else policy.redirect_template

    def _bodies(self, req: ReplyRequest) -> tuple[str, str, str]:
        subject = reply_subject(req)
        context = self._context(req, subject)
        name = self._template_name(req)
        text = self._template(f"{name}.txt.j2").render(context, facts=context["facts_txt"])
        html = self._template(f"{name}.html.j2").render(context, facts=context["facts_html"])
        return subject, text, html

    def render(self, req: ReplyRequest, now: datetime) -> RenderedReply:
        subject, text, html = self._bodies(req)
        message_id = new_message_id(self.settings.domain)
        headers = self._headers(req, subject, message_id, now)
        raw = build_message(headers, text, html)
        return RenderedReply(req.to, subject, message_id, headers, text, html, raw)

    def _headers(self, req: ReplyRequest, subject: str, message_id: str,
                 now: datetime) -> dict[str, str]:
        address = req.address
        references = [*req.original_references][-REFERENCES_MAX:]
        if req.original_message_id:
            references.append(req.original_message_id)
        headers = {
            "From": formataddr((address.display_name or address.department, address.address)),
            "To": req.to,
            "Subject": subject,
            "Date": format_datetime(now.astimezone(self.settings.zone)),
            "Message-ID": message_id,
            "Auto-Submitted": "auto-replied",
            "X-Auto-Response-Suppress": "All",
            "X-Loop": self.settings.loop_token,
            "Content-Language": ", ".join(self.settings.responder.languages),
        }
        if req.original_message_id:
            headers["In-Reply-To"] = req.original_message_id
        if references:
            headers["References"] = " ".join(references)
        return headers
