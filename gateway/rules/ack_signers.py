"""Pure: who signs a helpdesk's or CRM's acknowledgement (helpdesk_acks). A person's name under
the acknowledgement makes it a person's confirmation by hand ("Wir haben Ihre Anfrage unter der
Nummer 4711 erfasst. Viele Grüße, Jan Brüggemann"), except where the name is not a person's
signing in their own hand:

- the organisation signs: every word of the line under the sign-off is a piece of the sender's
  own domain ("Met vriendelijke groet, ICT Beheer Vecht" from support@ictbeheer-vecht.example);
  a person's name is not all in it ("Hans Müller" from info@mueller-bau.example);
- a platform sends it in the person's name: the envelope is on another registered domain than
  the From and every Reply-To (a CRM's `bounces-4418@mail.crm.example`), or the Message-ID is
  on the platform's host for the From's firm (`<...@okna-mazowsze.crm.example>` for
  `@okna-mazowsze.example`); not from a mail client, and nobody in it writes as I ("ich", "I",
  "je", "ik", "ja" ...): a CRM's template signed with the salesperson's name ("Twoje zapytanie
  zostało zarejestrowane pod numerem #2207 ... Anna Wiśniewska"). A Message-ID on another
  domain alone is no platform's (a hosted mailbox's, a provider's webmail), except in answer to
  one of our own automatic replies (In-Reply-To `<gw....>`): a person does not acknowledge those
  with a reference of their own.
A person who writes through the same platform asks or tells something (a question, I): the
acknowledgement rule never takes such a mail (helpdesk_acks asks for no question).
"""

from __future__ import annotations

import re

from gateway.rules.msgid import REPLY_MESSAGE_ID_PREFIX
from gateway.rules.originals import without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.platform_senders import registered
from gateway.rules.signed_replies import mail_client, named_sign_off

# The writer as I in the customers' languages ("je" is French I and Dutch you: a CRM's Dutch
# template says "u"; English "I" only as a capital, Polish and Czech "i" is "and"; "ja" is
# Polish I and a yes elsewhere, so only at a sentence's start).
_SINGULAR_RE = re.compile(r"\bI(?:'m|'ve|'ll|'d)?\b|(?i:\b(?:ich|mich|mir|mein\w{0,3}|my|je|j'\w+"
                          r"|ik|mijn|yo|io|mój|moje|jag|jeg|minä)\b|(?:^|[.!]\s+)ja\b)")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def unsigned(mail: ParsedMail, own: str, senders: list[str]) -> bool:
    """The acknowledgement's own text carries no person's signature of their own (see the
    module's text)."""
    at = named_sign_off(own)
    if at is None:
        return True
    if _organisation_signs(own[at:], mail.from_addr or ""):
        return True
    if _SINGULAR_RE.search(without_links(own)) or mail_client(mail):
        return False
    return _platform_sends(mail, senders)


def _organisation_signs(signed: str, sender: str) -> bool:
    """The name under the sign-off is, word for word, the sender's own domain."""
    lines = [line.strip(" \t\r,.!-") for line in signed.splitlines()[1:4]]
    name = next((line for line in lines if line), "")
    domain = sender.rsplit("@", 1)[-1].lower().replace("-", "").replace(".", "") if "@" in sender else ""
    words = [w.lower() for w in _WORD_RE.findall(name)]
    return len(words) >= 2 and bool(domain) and all(w in domain for w in words)


def _platform_sends(mail: ParsedMail, senders: list[str]) -> bool:
    """The envelope on another registered domain than the From and every Reply-To, or the
    Message-ID on another one's host named for the From's firm (a platform's tenant)."""
    own = {registered(a.rsplit("@", 1)[1]) for a in (mail.from_addr or "", *mail.reply_to) if "@" in a}
    if not own:
        return False
    envelope = senders[0] if senders else ""
    if "@" in envelope and registered(envelope.rsplit("@", 1)[1]) not in own:
        return True
    host = (mail.message_id or "").strip("<> ").rsplit("@", 1)[-1].lower()
    if "@" not in (mail.message_id or "") or registered(host) in own:
        return False
    firm = registered((mail.from_addr or "").rsplit("@", 1)[-1]).split(".")[0]
    return firm in host.split(".") or _answers_our_reply(mail)


def _answers_our_reply(mail: ParsedMail) -> bool:
    """In-Reply-To one of our own automatic replies: a person never acknowledges those with a
    reference of their own; a CRM's template answering every mail does."""
    return any(ref.startswith("<" + REPLY_MESSAGE_ID_PREFIX) for ref in mail.in_reply_to)
