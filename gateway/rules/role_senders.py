"""Pure: senders whose address says they are a program's (reason `noreply-sender`).

- a whole no-reply local part (`noreply@`, `mailer-daemon@`, `owner-*@`, `*-request@`,
  `*-bounces@` ...) in the envelope sender, From or Reply-To; a `postmaster@` that
  asks with no sign of a bounce is a customer's admin;
- the envelope's bounce address alone (`bounces+3312801-9a1b-technik=centron.de@`,
  `bounce-md_...@`: the VERP of an ESP or a helpdesk such as Freshdesk; a platform's
  `pm_bounces@`, or a hexadecimal token per message such as Amazon SES's
  `0102019...-6f7a8b9c-000000@`) says where bounces go;
  it is overruled only for a person (`signed_replies.relayed_person`: an answer signed with a
  name, or a plain request signed with a name; `signs_as_sender`: the From's person signs under
  a sign-off, a CRM's one-to-one mail that asks nothing; `platform_senders.writes_in_own_name`:
  the From's person signs and asks or requests as I, a file attached or not); a new notice,
  acknowledgement or confirmation through it ("Thanks for getting in touch! ... Cheers, The
  Pixelwerk Team") stays a machine's;
- no-reply as one word of a longer local part, between `-`, `.`, `_` or `+`
  (`account-security-noreply@`, `noreply-dmarc-support@`, `do-not-reply.billing@`);
- a role local part that no person writes from, also with a subaddress (`receipts+acct_1@`,
  `notify@`, `powiadomienia@`, `newsletter@`, `updates@`, `mailer@`, `digest@`, `mailrobot@`, DocuSign's
  `dse_na3@`, a feed-to-mail gateway's `rssfeeds@`, `rss@`, `feeds@`); `alerts@` and
  `notifications@` too, but a person writing from the alarm mailbox asks (a question or a
  request) *and* signs off, in plain words ("Habt ihr etwas an Port 25 geändert? Danke und
  Gruß, Tobias").

A person whose own mailbox is called no-reply (an Outlook identity, a CRM's sender with a
Reply-To to the person) is none: `own_noreply_identity`.

The last two count unless the mail reads like a person's own: plain words (no link, no
attachment) with a request, a question or a sign-off ("Bitte prüfen, danke. Moritz" from a
contact form's `no-reply-kontakt@`). A program's notice nearly always carries a link or an
attachment. From a role (not a no-reply word) a link below the person's name is the company's
footer, not a notice's (`signed_replies.signs_above_footer`: a marketing person writing from
`newsletter@` in Outlook about its rate limit, "Abmelden: https://…" under the name).
`billing@`, `invoice@`, `rechnung@` are not such roles: a customer's accounts department
writes from them, tersely too, and is answered.
"""

from __future__ import annotations

import re

from gateway.rules.mail_systems import PERSON_REQUEST_RE, PERSON_WORDS_RE
from gateway.rules.notices import SIGN_OFF_RE, asks, postmaster_asks
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail
from gateway.rules.platform_senders import registered, writes_in_own_name
from gateway.rules.signed_replies import (
    LINK_RE,
    admin_signs,
    client_mailer,
    mail_client,
    person_name,
    relayed_person,
    signed_at,
    signs_above_footer,
    signs_as_sender,
)

_NOREPLY_LOCAL_RE = re.compile(
    r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|mailer[-_]daemon|postmaster|listserv"
    r"|majordomo|owner-.+|.+-owner|.+-request|.+-bounces?|bounces?([-+.].*)?|nobody|quarantine"
    r"|microsoftexchange[0-9a-f]{32})$"  # Exchange's system mailbox (recall reports, NDRs)
)
# Roles of an alarm or a notice mailbox: a person there asks and signs off.
# "notifications" in other languages too (`powiadomienia@`, `benachrichtigungen@`, `notifiche@`).
_NOTICE_ROLES = (r"notifications?|alerts?|benachrichtigung(?:en)?|powiadomieni[ae]|notifiche"
                 r"|notificaci(?:o|ó)n(?:es)?|notifica(?:c|ç)(?:o|õ)es|notificaties|meldingen"
                 r"|upozorneni|aviseringar|obvestil[ao]|obavijesti|ertesites|ilmoitukset|notificari"
                 r"|oznameni|upozornenia|pranesimai|bildirim(?:ler)?")
_ALERT_ROLE_RE = re.compile(rf"^(?:{_NOTICE_ROLES})(?:\+.*)?$")
_NOREPLY_TOKEN_RE = re.compile(
    r"(?:^|[-._+])(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply)(?:[-._+]|$)")
_ROLE_RE = re.compile(
    rf"^(?:receipts?|notify|{_NOTICE_ROLES}|mailer|newsletters?|news|updates|digest"
    r"|automailer|mailings?|autoreports?|mailrobot|robot|dse_[a-z]{2,4}\d*"
    r"|rss(?:[-_.]?feeds?)?|rss2email|feeds)(?:\+.*)?$")
# Where an ESP or a helpdesk sends the bounces of its mail (VERP); a list's `-bounces@` is no such.
# A person's local part: letters, dots, hyphens (lucas@, l.mertens@), no token of a tool.
_NAME_LOCAL_RE = re.compile(r"^[a-z][a-z.'-]{0,40}$")
_BOUNCE_ENVELOPE_RE = re.compile(r"^bounces?(?:[-+._=]|$)")
# ... also a sending platform's bounce mailbox under a short prefix (`pm_bounces@`), or a token
# per message that no person's mailbox is called (`0100019394f1a2b3-9c3e1f2a-000000@`: a long
# hexadecimal id, then hyphenated parts).
_PLATFORM_ENVELOPE_RE = re.compile(
    r"^[a-z0-9]{1,10}[_.-]bounces?(?:[-+._=]|$)|^[0-9a-f]{12,40}-[0-9a-f]{6,40}(?:-[0-9a-z]{1,20}){0,6}$")
SCAN_CHARS = 50000
# A one-time code a program sends ("Sicherheitscode: 482913", "Your verification code is 5512").
_ONE_TIME_CODE_RE = re.compile(
    r"(?i)\b(?:security|verification|confirmation|one-time|login|sign-in|access) code"
    r"(?: is)?\s*:?\s*\d{4,8}\b|\b(?:sicherheits|best(?:ä|ae)tigungs|verifizierungs|einmal"
    r"|anmelde|zugangs)code\s*(?:lautet)?\s*:?\s*\d{4,8}\b|\bcode de (?:s(?:é|e)curit(?:é|e)"
    r"|v(?:é|e)rification|confirmation)\s*:?\s*\d{4,8}\b")
_PLEASE_RE = re.compile(r"(?i)\bbitte\b|\bplease\b")
# A link to a page (a notice's), not a bare domain a person names ("www.example.nl").
_PAGE_LINK_RE = re.compile(r"(?i)https?://[^\s/]+/\S")


def noreply_sender(mail: ParsedMail, envelope: str, senders: list[str]) -> bool:
    """A no-reply local part (not the envelope's bounce address beside a person's words, not a
    postmaster who asks), or a program's role."""
    locals_ = [envelope, *(_local(a) for a in (mail.from_addr, *mail.reply_to) if a)]
    found = [local for local in locals_ if local and _NOREPLY_LOCAL_RE.match(local)]
    platform = bool(envelope) and _PLATFORM_ENVELOPE_RE.match(envelope) is not None
    if platform and envelope not in found:
        found.insert(0, envelope)
    bounces = platform or _BOUNCE_ENVELOPE_RE.match(envelope) or _foreign_noreply(mail, envelope, senders)
    if found == [envelope] and bounces and (relayed_person(mail) or mail_client(mail)
                                            or signs_as_sender(mail) or writes_in_own_name(mail)):
        found = []  # the envelope says where bounces go, the words are a person's
    if found and own_noreply_identity(mail, found):
        return False  # a person whose own mailbox is called no-reply
    admin = set(found) == {"postmaster"} and (postmaster_asks(mail) or admin_signs(mail))
    if found and not admin:
        return True
    return role_sender(mail, senders)


_NO_REPLY_RE = re.compile(r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply)$")


def _foreign_noreply(mail: ParsedMail, envelope: str, senders: list[str]) -> bool:
    """A no-reply envelope on another registered domain than the From and every Reply-To: the
    platform's that sends for the From says where bounces go (`no-reply@mail.crm.example` for
    `handlowy@okna.example`), as a bounce address does."""
    if not (senders and _NO_REPLY_RE.match(envelope)) or "@" not in senders[0]:
        return False  # a list's owner-, -request or -bounces address is the list's own
    own = {registered(a.rsplit("@", 1)[1]) for a in (mail.from_addr or "", *mail.reply_to) if "@" in a}
    return bool(own) and registered(senders[0].rsplit("@", 1)[1]) not in own


def _same_domains(mail: ParsedMail) -> bool:
    """Each Reply-To on the From's own domain (its last two labels)."""
    sender = (mail.from_addr or "").lower().rsplit("@", 1)[-1].split(".")[-2:]
    return all(a.lower().rsplit("@", 1)[-1].split(".")[-2:] == sender for a in mail.reply_to)


def _local(address: str) -> str:
    return address.rsplit("@", 1)[0].strip().lower()


def own_noreply_identity(mail: ParsedMail, found: list[str]) -> bool:
    """A person whose own mailbox is called no-reply (an Outlook identity `noreply@` of the
    company, a CRM's `no-reply@crm.` sender with a Reply-To to the person): the no-reply word
    only on the From's mailbox (the envelope the same), a Reply-To on the From's domain to a
    mailbox that is no program's, or a mail client's header, and a person's words: a question or
    request and a sign-off with a name (or the Reply-To's person's name closing the text), no
    attachment and no link to a page above the name."""
    sender = _local(mail.from_addr or "")
    if not sender or any(local != sender for local in found):
        return False
    replies = [_local(a) for a in mail.reply_to]
    if any(_NOREPLY_LOCAL_RE.match(r) or _NOREPLY_TOKEN_RE.search(r) or _ROLE_RE.match(r)
           or not _NAME_LOCAL_RE.match(r) for r in replies) or not _same_domains(mail):
        return False  # a program's Reply-To (a tool's reply token: reply.t.1209...@, reply+AB@),
        # or a relay for somebody on another domain
    if not (replies or client_mailer(mail)):
        return False
    own = own_part(mail.text)
    signed = signed_at(own)
    if signed is None:
        signed = _reply_to_signs(mail, own)
    if signed is None or mail.attachments or _PAGE_LINK_RE.search(own[:signed]):
        return False
    return asks(mail.text) or bool(_PLEASE_RE.search(own[:signed]))


def _reply_to_signs(mail: ParsedMail, own: str) -> int | None:
    """Where the text closes with a person's name alone that the Reply-To's local part spells
    ("Jan Brandt" over `Reply-To: jan@…` or `j.brandt@…`): the writer signs as whom to answer.
    A shop's name over its `info@` is none."""
    lines = [line.strip() for line in own.splitlines() if line.strip()]
    if not lines or not person_name(lines[-1]):
        return None
    spelled = {piece for address in mail.reply_to for piece in re.split(r"[._-]", _local(address))}
    if not {word.lower().strip(".") for word in lines[-1].split()} & spelled:
        return None
    return own.rfind(lines[-1])


def role_sender(mail: ParsedMail, senders: list[str]) -> bool:
    """A no-reply word or a program's role in a sender's local part, and no person's own mail."""
    locals_ = [s.rsplit("@", 1)[0].strip().lower() for s in senders]
    if not any(_NOREPLY_TOKEN_RE.search(local) or _ROLE_RE.match(local) for local in locals_):
        return False
    person = _writes_as_person(mail) or (
        not any(_NOREPLY_TOKEN_RE.search(local) for local in locals_) and signs_above_footer(mail))
    if not person or _ONE_TIME_CODE_RE.search(own_part(mail.text)):
        return True  # a security code is no person's words
    if any(_ALERT_ROLE_RE.match(local) for local in locals_):  # asks and signs off
        own = own_part(mail.text)
        return not ((asks(mail.text) or _PLEASE_RE.search(own)) and SIGN_OFF_RE.search(own))
    return False


def _writes_as_person(mail: ParsedMail) -> bool:
    """Plain words of a person: no link, no attachment, and a request, question or sign-off."""
    if mail.attachments or LINK_RE.search(mail.text[:SCAN_CHARS]):  # HTML: its text has the links
        return False
    own = own_part(mail.text)
    return bool(PERSON_WORDS_RE.search(own) or PERSON_REQUEST_RE.search(own))
