"""Pure: challenge-response systems (Bluebottle, TMDA, Spam Arrest, Boxbe, Mailblocks, EarthLink
spamBlocker, ChoiceMail ...). They hold a mail from an unknown sender and answer it with a request
to click a link or to reply, so that the sender is added to the recipient's allowed list. Such an
answer is a machine's: answering it would confirm our own reply as a sender and keep the machines
talking, so it is never answered (reason `auto-reply`).

Two ways to know one, never the subject (challenges answer with "RE: <the subject>"):
- the vendor's header: Bluebottle's `X-Bluebottle-Request`, or TMDA's confirmation address
  (`name-confirm-<time>.<pid>.<hmac>@`, `name+confirm+...@` where `+` is the delimiter); not
  TMDA's `X-Delivery-Agent: TMDA/...` alone: TMDA writes it (and `X-TMDA-Fingerprint`) on every
  mail its user sends, a person's answers too;
- a challenge's wording, two sentences of it (German, English, French, Spanish or Italian): what
  it is (the sender's address to be added to *the recipient's* or *my* allowed, approved or
  guest list; verify that you are a human; "I'm protecting myself from receiving junk mail"; "a
  program that only accepts mail from people I know") and
  what it asks (click on the following link to ..., fill out the form, your message is held or
  will be delivered once ...), a link beside them, and no word of a person (a question, a
  sign-off, thanks) anywhere in the first 3,000 characters; a forward (Fwd:, WG:, TR:) is a
  person's. A customer asking us to put an address on *our* whitelist, or asking about a
  challenge they got, or about a captcha ("confirm you are not a robot") that does not load, is
  a person; so is a footer "protected by ..." or a customer who cannot finish a verification.
"""

from __future__ import annotations

import re

from gateway.rules.mail_systems import FORWARD_RE, PERSON_WORDS_RE
from gateway.rules.originals import without_links
from gateway.rules.parse import ParsedMail

SCAN_CHARS = 3000
_TMDA_CONFIRM_RE = re.compile(r"(?i)[-+]confirm[-+]\d{6,}\.\d+\.[0-9a-f]{6,}$")
# Words every sentence of _CLAIM_RE holds one of, lower case (plain substring tests first).
_CHEAP = ("list", "liste", "lista", "human", "humain", "umano", "mensch", "persona", "robot",
          "junk", "permission", "approved", "accepts")
_LIST = (r"(?:allowed|approved|trusted|safe|authori[sz]ed|guest|white)[- ]?(?:senders? )?list"
         r"|list of (?:approved|allowed|trusted|authori[sz]ed) senders|whitelist")
# What a challenge says it is: the sender's address to be put on the recipient's list, a human
# to be proven, junk mail to be kept out.
_CLAIM_RE = re.compile(
    r"(?i)\b(?:add(?:ed)?|listed) (?:yourself |your (?:e-?mail )?address )?(?:to|on) (?:the "
    r"recipient'?s'?|my|his|her|their|this (?:user|account|person)'s) (?:[\w-]+ )?(?:" + _LIST + r")"
    r"|\b(?:verify|prove|confirm) (?:that )?you are (?:a )?(?:human|real person|person"
    r"|not a (?:robot|spammer|machine|computer))"
    r"|\bprotecting myself from (?:receiving )?(?:junk|spam)|\ba permission-based (?:e-?mail|spam)"
    r"|\bi (?:now )?(?:only )?(?:accept|allow|receive) (?:incoming )?(?:messages|e-?mails?)"
    r" (?:only )?from (?:senders|people) (?:i|that i|who) (?:have )?(?:approved|know)"
    r"|\b(?:a program|software|which|that) (?:only )?accepts (?:e-?)?mails? (?:only )?from"
    r" (?:people|senders) (?:i|that i|who i) (?:know|have approved)"
    r"|\bliste (?:der |meiner )?(?:zugelassenen|erlaubten|freigegebenen|bestätigten) absender"
    r"|\bbestätigen sie,? dass sie (?:ein )?mensch"
    r"|\bliste (?:blanche|des exp(?:é|e)diteurs (?:autoris|approuv))"
    r"|\bconfirm(?:er|ez) que vous (?:ê|e)tes (?:un (?:humain|(?:ê|e)tre humain)|une personne)"
    r"|\blista (?:blanca|de remitentes (?:autorizados|aprobados|permitidos))"
    r"|\bconfirm(?:ar|e) que (?:usted )?es (?:una persona|humano)"
    r"|\blista (?:bianca|dei mittenti (?:autorizzati|approvati))"
    r"|\bconferm(?:are|i) (?:di|che) (?:essere|sei|è) (?:una persona|umano)")
# What it asks of the sender, or says of the held mail.
_ACTION_RE = re.compile(
    r"(?i)\bclick (?:on )?(?:the|this) (?:following )?link(?: below| above)?(?: to\b| and\b| so\b|:|\.)"
    r"|\bfill (?:out|in) (?:the|a|this) (?:short )?(?:request )?form"
    r"|\b(?:your|the) (?:original )?(?:message|e-?mail) (?:will be|has been|is being|is) (?:held"
    r"|delivered (?:once|after|when|as soon))|\bi will receive your (?:original )?(?:message|e-?mail)"
    r"|\bklicken sie (?:bitte )?auf (?:den|diesen) (?:folgenden )?link"
    r"|\b(?:ihre|die) (?:nachricht|e-?mail) wird (?:erst )?zugestellt, (?:sobald|wenn|nachdem)"
    r"|\bcliquez sur (?:le|ce) lien|\bvotre message (?:sera|est) (?:remis|livr|retenu|en attente)"
    r"|\bhaga clic en (?:el|este) enlace|\bsu mensaje (?:será|sera) entregado"
    r"|\bclicca(?:re)? (?:sul|su questo) (?:seguente )?link|\bil (?:suo|tuo) messaggio (?:sarà|sara)"
    r" consegnato")
_LINK_RE = re.compile(r"(?i)\bhttps?://\S+")


def challenge_response(mail: ParsedMail) -> bool:
    """A challenge-response system's request to confirm the sender."""
    if mail.header_values("x-bluebottle-request"):
        return True
    if _TMDA_CONFIRM_RE.search((mail.from_addr or "").rsplit("@", 1)[0]):
        return True
    return not FORWARD_RE.match(mail.subject or "") and _challenge_wording(mail.text)


def _challenge_wording(text: str) -> bool:
    """What it claims and what it asks, a link, and no word of a person anywhere in the scanned
    text (a challenge quotes the held mail's To: and Subject: above its own words)."""
    head = text[:SCAN_CHARS]
    lowered = head.lower()
    if not any(word in lowered for word in _CHEAP) or not _LINK_RE.search(head):
        return False
    plain = " ".join(without_links(head).split())
    if not (_CLAIM_RE.search(plain) and _ACTION_RE.search(plain)):
        return False
    return not PERSON_WORDS_RE.search(plain)
