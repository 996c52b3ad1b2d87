"""Pure: notices that a platform sends in its user's name (reason `machine-notice`, only where no
other sign was found), known by the structure of "sent on behalf" together with what the mail
is, never by a vendor's name or the subject alone:

- sent on behalf: the envelope sender or the Message-ID is on another registered domain than the
  From and every Reply-To (an accounting program's `bounce-7731@mail.invoicing.example` for
  `rechnung@elektro-bauer.example`); or the From's display name says so ("Claudia Reimers via
  Umfragedienst") and a Reply-To is on another domain than the From; or the From's display name
  names a firm that the Reply-To's domain carries and the From's does not ("Consultora Levante"
  <facturas@invoicing.example>, Reply-To admin@levante-consultora.example);
- and the mail is the platform's: an invoice (the subject names one with its number, a PDF is
  attached or the text links to the platform) that carries the platform's mark (a link to the
  platform's own domain, or a tool's line "Erstellt mit ...", "Created with ...", "Powered by
  ..."); or a bulk invitation that offers to opt out ("Wenn Sie keine weiteren E-Mails von uns
  erhalten möchten", "unsubscribe");
- and no person's words: no question, nobody writing as I ("ich", "I", "ik"), not sent from a
  mail client, not sent on or answered (Fwd:, Re: ...), and not signed by the person the From
  names (a person writing through a CRM or a helpdesk in their own name: "Jan Brüggemann
  (Systemhaus Weserland)" signing "Jan Brüggemann").
A customer's accounts department sending its own invoice through a hosted mailbox (Message-ID on
the mail provider's domain) has no platform mark and is answered; so is a customer forwarding an
invoice with a question, and a customer's helpdesk agent writing to us in person (no invoice, no
opt-out).

`writes_in_own_name` is the person's side for `role_senders`: a platform's bounce envelope does
not silence a person who writes through it in their own name, asking or requesting as I, also
with a file attached ("bitte ich um Freigabe ... (siehe Anhang)").
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.host_reports import SPELLED_FOLD
from gateway.rules.layout_text import SCAN_CHARS, paragraphs
from gateway.rules.notices import PLEASE_RE, asks
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import mail_client, named_sign_off, person_name

_INVOICE_SUBJECT_RE = re.compile(
    r"(?i)\b(?:invoice|rechnung|facture|factura|fattura|factuur|faktura|fatura|lasku|sz(?:á|a)mla"
    r"|faktúra)\b[^\n]{0,20}?(?:\b(?:no|nr|n|č|n°|núm|num)\.?\s*)?[A-Z]{0,3}\s?\d[\d/.-]{2,}")
# A tool's line under the text: it made the document (not a mail client's "Sent with ..."),
# also as a sentence ("Diese Rechnung wurde mit X erstellt", "This invoice was created with X",
# "Diese E-Mail wurde mit X versendet").
_MADE = (r"(?:erstellt|generiert|created|generated|made|powered|gemaakt|gegenereerd"
         r"|cr(?:éé|ee)e?|g(?:é|e)n(?:é|e)r(?:é|e)e?|creato|generato|creado|generado|wygenerowano"
         r"|utworzono|wystawiono)")
_TOOL_LINE_RE = re.compile(
    r"(?im)^[ \t]*" + _MADE + r"(?: \w+)? (?:mit|with|by|using|met|avec|par|con|mediante|w"
    r"|za pomoc(?:ą|a)|in)\b[^\n]{1,40}$"
    r"|^[ \t]*(?:diese|this|deze|cette|questa|esta) (?:e-?mail|rechnung|invoice|factuur|facture"
    r"|fattura|factura|nachricht|message)\b[^\n]{0,20}\b(?:wurde|was|is|werd|a (?:é|e)t(?:é|e)"
    r"|(?:è|e) stat[ao]|fue)\b[^\n]{0,40}\b" + _MADE + r"\b[^\n]{0,40}$"
    # sent with a tool, not from "my" device: "Diese E-Mail wurde mit X versendet", "sent via X"
    r"|^[ \t]*(?:diese|this|deze|cette|questa|esta) (?:e-?mail|nachricht|message|bericht)\b[^\n]{0,20}"
    r"\b(?:wurde|was|is|werd|a (?:é|e)t(?:é|e)|(?:è|e) stat[ao]|fue) (?:\w+ )?(?:mit|with|via|using"
    r"|avec|par|con|met|przez|med) (?!(?:meinem|my|mon|mi|mio|mijn|mym)\b)[^\n]{1,40}$")
# On lower-case text: the offer to opt out that every bulk mail must make.
_OPT_OUT_RE = re.compile(
    r"unsubscribe|opt[- ]?out|abmelden|abbestellen|austragen|keine (?:weiteren )?(?:e-?mails"
    r"|nachrichten|umfragen) (?:mehr )?(?:von uns )?(?:erhalten|bekommen)|no longer (?:wish|want)"
    r" to receive|d(?:é|e)sabonner|d(?:é|e)sinscri|de baja|disiscriv|afmelden|uitschrijven"
    r"|wypisz|manage (?:your )?(?:e-?mail )?(?:preferences|subscription)")
# The writer as I, in the customers' languages ("je" is Dutch for "you" too: left out).
SINGULAR_RE = re.compile(r"(?i)\b(?:ich|mich|mir|mein\w{0,3}|i|i'm|i've|i'll|i'd|my|j'\w+|ik"
                          r"|mijn|yo|io|mój|moje)\b")
_PAGE_LINK_RE = re.compile(r"(?i)\bhttps?://[^\s/]+/\S")
_FOOTER_LINES = 3
_VIA_RE = re.compile(r"^(?P<name>.{2,60}?) via \S")
_LINK_HOST_RE = re.compile(r"(?i)\bhttps?://([\w.-]{1,253})")
_DOMAIN_RE = re.compile(r"@([\w.-]+)")
_SECOND_LEVELS = frozenset({"co", "com", "net", "org", "ac", "gov", "edu", "or", "ne", "ltd", "plc"})


def registered(domain: str) -> str:
    """The registered domain: `example.de` of `mail.example.de`, `example.co.uk` of `a.example.co.uk`."""
    labels = domain.lower().strip(".>").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVELS and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _domain(address: str) -> str:
    found = _DOMAIN_RE.search(address or "")
    return registered(found.group(1)) if found else ""


def platform_notice(mail: ParsedMail, senders: list[str]) -> bool:
    """An invoice or a bulk invitation that a platform sends for its user, no person's words."""
    if person_subject(mail.subject) or mail_client(mail):
        return False
    platforms, via = _platforms(mail, senders), _via(mail)
    if not (platforms or via):
        return False
    bulk = _OPT_OUT_RE.search(mail.text[:SCAN_CHARS].lower()) is not None
    own = own_part(paragraphs(mail) if bulk else mail.text)
    if "?" in without_links(own) or SINGULAR_RE.search(without_links(own)):
        return False
    if bulk and _opt_out_footer(own) and (via or not _in_own_name(mail, own)):
        return True
    return bool(platforms) and not _in_own_name(mail, own) and _invoice(mail, own, platforms)


def _opt_out_footer(own: str) -> bool:
    """The offer to opt out in the last lines, and a link to a page in the text (a person's
    "Abmelden klappt nicht, bitte austragen" links nothing and says it above a sign-off)."""
    lines = [line for line in own.splitlines() if line.strip()]
    return bool(_PAGE_LINK_RE.search(own)) and any(
        _OPT_OUT_RE.search(line.lower()) for line in lines[-_FOOTER_LINES:])


def _platforms(mail: ParsedMail, senders: list[str]) -> set[str]:
    """The registered domains of the envelope (and an SRS original) and of the Message-ID that
    are neither the From's nor a Reply-To's."""
    own = {_domain(a) for a in (mail.from_addr or "", *mail.reply_to)}
    found = {_domain(a) for a in (*senders, mail.message_id or "")}
    platforms = {d for d in found if d and "." in d} - own
    return platforms | ({_domain(mail.from_addr or "")} if _named_for_reply_to(mail) else set())


def _named_for_reply_to(mail: ParsedMail) -> bool:
    """The From's display name names a firm whose name the Reply-To's domain carries and the
    From's does not: a platform's address sending in the firm's name."""
    sender = _domain(mail.from_addr or "")
    words = [w for w in re.findall(r"\w{4,}", _ascii(mail.from_name or "")) if not w.isdigit()]
    if not words or any(w in sender for w in words):
        return False
    return any(_domain(a) != sender and any(w in _ascii(_domain(a)) for w in words)
               for a in mail.reply_to)


def _ascii(text: str) -> str:
    """Lower case with German umlauts as domains spell them ("Brückner" -> "brueckner")."""
    return text.lower().translate(SPELLED_FOLD)


def _via(mail: ParsedMail) -> bool:
    """The From's display name says a platform sends ("Claudia Reimers via ..."), and a Reply-To
    is on another domain than the From."""
    sender = _domain(mail.from_addr or "")
    return bool(_VIA_RE.match(mail.from_name or "")) and any(
        _domain(a) != sender for a in mail.reply_to)


def _invoice(mail: ParsedMail, own: str, platforms: set[str]) -> bool:
    """An invoice with its PDF or a link to the platform, and the platform's mark."""
    if not _INVOICE_SUBJECT_RE.search(mail.subject or ""):
        return False
    linked = any(registered(host) in platforms for host in _LINK_HOST_RE.findall(own))
    pdf = any(a.content_type == "application/pdf" or a.filename.lower().endswith(".pdf")
              for a in mail.attachments)
    return (pdf or linked) and (linked or bool(_TOOL_LINE_RE.search(own)))


def _in_own_name(mail: ParsedMail, own: str) -> bool:
    """The person the From names (before a company in parentheses or after a comma) signs the
    text: "Jan Brüggemann (Systemhaus Weserland)" over "Danke und Gruß / Jan Brüggemann"."""
    name = re.split(r"[(,|]| - ", (mail.from_name or "").strip().strip("\"'"), maxsplit=1)[0].strip()
    if len(name.split()) < 2 or not person_name(name):
        return False
    signed = named_sign_off(own)
    if signed is None:
        return False
    lines = [line.strip(" \t\r,.!-") for line in own[signed:signed + 600].splitlines()]
    signer = [lines[0], next((line for line in lines[1:4] if line), "")]  # the name line only
    return any(line == name or line.endswith(" " + name) for line in signer)


def writes_in_own_name(mail: ParsedMail) -> bool:
    """A person writing through a platform in their own name: the From's person signs, and asks
    or requests as I ("bitte ich um Freigabe des Ports ..."), a file attached or not."""
    own = own_part(mail.text)
    if not _in_own_name(mail, own):
        return False
    words = without_links(own)
    return bool(SINGULAR_RE.search(words)) and (asks(mail.text) or bool(PLEASE_RE.search(words)))
