"""Pure: challenge-response systems (Bluebottle, TMDA, Spam Arrest, Boxbe, Mailblocks, EarthLink
spamBlocker, ChoiceMail ...). They hold a mail from an unknown sender and answer it with a request
to click a link or to reply, so that the sender is added to the recipient's allowed list. Such an
answer is a machine's: answering it would confirm our own reply as a sender and keep the machines
talking, so it is never answered (reason `auto-reply`).

Two ways to know one, never the subject (challenges answer with "RE: <the subject>"):
- the vendor's header: Bluebottle's `X-Bluebottle-Request`, TMDA's `X-Delivery-Agent: TMDA/...`,
  or TMDA's confirmation address (`name-confirm-<time>.<pid>.<hmac>@`);
- a challenge's wording (the sender's address added to *the recipient's* or *my* allowed,
  approved or guest list; verify that you are a human; "this account is protected by ...";
  finish the verification) in German, English, French, Spanish or Italian, a link beside it,
  and no word of a person (a question, a sign-off, thanks) anywhere in the first 3,000
  characters; a forward (Fwd:, WG:, TR:) is a person's. A customer asking us to put an address
  on *our* whitelist, or asking about a challenge they got, is a person.
"""

from __future__ import annotations

import re

from gateway.rules.mail_systems import FORWARD_RE, PERSON_WORDS_RE
from gateway.rules.originals import without_links
from gateway.rules.parse import ParsedMail

SCAN_CHARS = 3000
_TMDA_CONFIRM_RE = re.compile(r"(?i)-confirm-\d{6,}\.\d+\.[0-9a-f]{6,}$")
# Words every sentence of _WORDING_RE holds one of, lower case (plain substring tests first).
_CHEAP = ("list", "liste", "lista", "human", "humain", "umano", "mensch", "persona", "protect",
          "geschützt", "verif", "approved", "permission", "junk")
_LIST = (r"(?:allowed|approved|trusted|safe|authori[sz]ed|guest|white)[- ]?(?:senders? )?list"
         r"|list of (?:approved|allowed|trusted|authori[sz]ed) senders|whitelist")
_WORDING_RE = re.compile(
    r"(?i)\b(?:add(?:ed)?|listed) (?:yourself |your (?:e-?mail )?address )?(?:to|on) (?:the "
    r"recipient'?s'?|my|his|her|their|this (?:user|account|person)'s) (?:[\w-]+ )?(?:" + _LIST + r")"
    r"|\b(?:verify|prove|confirm) (?:that )?you are (?:a )?(?:human|real person|person"
    r"|not a (?:robot|spammer|machine|computer))"
    r"|\b(?:this|my) (?:e-?mail )?(?:account|address|mailbox|inbox) is protected by"
    r"|\b(?:complete|finish) the (?:one-time )?verification"
    r"|\bprotecting myself from (?:receiving )?(?:junk|spam)"
    r"|\ba permission-based (?:e-?mail|spam)"
    r"|\bi (?:now )?(?:only )?(?:accept|allow|receive) (?:incoming )?(?:messages|e-?mails?)"
    r" (?:only )?from (?:senders|people) (?:i|that i|who) (?:have )?(?:approved|know)"
    r"|\bliste (?:der |meiner )?(?:zugelassenen|erlaubten|freigegebenen|bestätigten) absender"
    r"|\bbestätigen sie,? dass sie (?:ein )?mensch"
    r"|\b(?:dieses|mein) (?:postfach|e-?mail-konto|konto) (?:ist|wird) (?:durch|von) \S+ geschützt"
    r"|\bliste (?:blanche|des exp(?:é|e)diteurs (?:autoris|approuv))"
    r"|\bconfirm(?:er|ez) que vous (?:ê|e)tes (?:un (?:humain|(?:ê|e)tre humain)|une personne)"
    r"|\blista (?:blanca|de remitentes (?:autorizados|aprobados|permitidos))"
    r"|\bconfirm(?:ar|e) que (?:usted )?es (?:una persona|humano)"
    r"|\blista (?:bianca|dei mittenti (?:autorizzati|approvati))"
    r"|\bconferm(?:are|i) (?:di|che) (?:essere|sei|è) (?:una persona|umano)")
_LINK_RE = re.compile(r"(?i)\bhttps?://\S+")


def challenge_response(mail: ParsedMail) -> bool:
    """A challenge-response system's request to confirm the sender."""
    if mail.header_values("x-bluebottle-request"):
        return True
    if any(v.strip().upper().startswith("TMDA") for v in mail.header_values("x-delivery-agent")):
        return True
    if _TMDA_CONFIRM_RE.search((mail.from_addr or "").rsplit("@", 1)[0]):
        return True
    return not FORWARD_RE.match(mail.subject or "") and _challenge_wording(mail.text)


def _challenge_wording(text: str) -> bool:
    """The wording, a link to click, and no word of a person anywhere in the scanned text (a
    challenge quotes the held mail's To: and Subject: above its own words)."""
    head = text[:SCAN_CHARS]
    lowered = head.lower()
    if not any(word in lowered for word in _CHEAP) or not _LINK_RE.search(head):
        return False
    plain = " ".join(without_links(head).split())
    return bool(_WORDING_RE.search(plain)) and not PERSON_WORDS_RE.search(plain)
