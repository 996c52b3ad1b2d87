"""Pure: what of a mail may be echoed in our reply.

A reply goes to the envelope sender, which anybody can forge. If we echoed the display name or
subject a forger chose ("Ihr Konto wird gesperrt: https://evil.example/x"), the gateway would carry
the forger's text to the victim: backscatter spam. So, unless the backscatter guard authenticated
the sender, only what cannot carry a message is echoed: a name that looks like a name, a subject
that is short and holds no URL, domain, e-mail address, phone number or IBAN. Bidi and control
characters never pass, whoever wrote them (they reorder or hide what the reader sees).

A phone number is what looks like one: a leading `+` or `00`, an area code in parentheses, a
national number starting with a single 0 (grouped: 6-13 digits; unbroken: 10-12), the North
American 3-3-4 shape, or digits right after a phone word (Tel., Fax, call, anrufen...). Invoice,
order, contract and ticket numbers ("Rechnung 2027-0042", "Auftrag 100234567") and dates stay,
leading zeros too where the word before says what they are ("Bestellung 0045001234") and no
phone word is in the text.
An IBAN is a place to send money to: it counts as contact data.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 60
SUBJECT_MAX = 60
MESSAGE_ID_MAX = 250
NEUTRAL_SUBJECT = "Ihre Nachricht"
PHONE_GROUPS_MAX = 6  # a phone number is written in at most this many digit groups

_NAME_CHARS = frozenset(" .-'’")
_URL_OR_DOMAIN_RE = re.compile(
    r"(?i)(https?:|ftp:|www\.|[a-z0-9-]\.[a-z]{2,}\b|@|//|\b\d{1,3}(?:\.\d{1,3}){3}\b)")
# A run of digit groups: each group's digits, single separators (up to three: "030 / 123") between.
_NUMBER_RUN_RE = re.compile(r"(?<![\w+])[+(]?\d+(?:[ ()/.-]{1,3}\d+)*\)?")
_GROUP_RE = re.compile(r"[+(]?\d+\)?")
_DATE_RE = re.compile(r"(?<!\d)(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?|\d{4}-\d{2}-\d{2}"
                      r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2})(?!\d)")
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_PHONE_WORD_RE = re.compile(
    r"(?i)\b(?:tel|telefon|telephone|phone|fon|fax|mobil|mobile|handy|call|anrufen|rufen"
    r"|r(?:ü|ue)ckruf|hotline|whatsapp|sms|t(?:é|e)l(?:é|e)phone|telefono|cellulare)\b\W{0,4}$")
_PHONE_ANYWHERE_RE = re.compile(_PHONE_WORD_RE.pattern.removesuffix(r"\W{0,4}$"))
# The word that says what a number is ("Bestellung 0045001234", "Kundennr.: 0123456789",
# "Facture n° 0301234567"): a reference, whatever its leading zeros, unless a phone word is in
# the subject too. A number joined to letters ("RE-0301234567") is an identifier as well.
_REFERENCE_WORD_RE = re.compile(
    r"(?i)(?:\b(?:rechnung|bestellung|auftrag|vertrag|angebot|kunde|kunden|invoice|order|"
    r"contract|customer|account|facture|commande|contrat|client|ticket|referenz|reference|ref)"
    r"\w{0,8}|\bk[dn]|\bnr|\bno|n°|#)\.?\s*(?:-?\s*(?:nr|no|n°|nummer)\.?)?\s*[:#]?\s*$"
    r"|[^\W\d_]-$")
_NANP_RE = re.compile(r"\d{3}[-. ]\d{3}[-. ]\d{4}")
_MESSAGE_ID_RE = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")  # printable ASCII, no <, > or space


def strip_unsafe(text: str) -> str:
    """Without control, format (bidi, zero-width) and separator characters; one line."""
    kept = []
    for char in text or "":
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            kept.append(" ")  # a line break or tab separated words: keep them apart
        elif category[0] != "C":  # Cf (bidi, zero-width), Cs (lone surrogates), Co, Cn
            kept.append(char)
    return " ".join("".join(kept).split())


def carries_contact(text: str) -> bool:
    """A URL, a domain or IP address, an e-mail address, a phone number or an IBAN: something to
    lure a reader to."""
    return bool(_URL_OR_DOMAIN_RE.search(text) or _IBAN_RE.search(text) or has_phone(text))


def has_phone(text: str) -> bool:
    """A phone number by its look (see the module's docstring); dates are not numbers here."""
    text = _DATE_RE.sub(" ; ", text)
    phone_word = bool(_PHONE_ANYWHERE_RE.search(text))
    for run in _NUMBER_RUN_RE.finditer(text):
        groups = _GROUP_RE.findall(run.group())
        before = text[max(run.start() - 24, 0):run.start()]
        if not phone_word and groups[0][0] not in "+(" and _REFERENCE_WORD_RE.search(before):
            continue
        after_word = bool(_PHONE_WORD_RE.search(before))
        for start in range(len(groups)):
            for end in range(start + 1, min(start + PHONE_GROUPS_MAX, len(groups)) + 1):
                if _phone_like(groups[start:end], after_word and start == 0):
                    return True
    return False


def _phone_like(groups: list[str], after_phone_word: bool) -> bool:
    first, digits = groups[0], sum(sum(c.isdigit() for c in g) for g in groups)
    if after_phone_word:
        return digits >= 6
    if first.startswith("+"):
        return 7 <= digits <= 15
    if first.startswith("(") or any(g.endswith(")") for g in groups):
        return 6 <= digits <= 15  # an area code in parentheses: (030) 123456
    if first.startswith("00") and first[2:3] not in ("", "0"):
        return 9 <= digits <= 15  # 0049 30 123456
    if first.startswith("0") and first[1:2] not in ("", "0"):
        return 6 <= digits <= 13 if len(groups) > 1 else 10 <= digits <= 12
    return bool(_NANP_RE.fullmatch(" ".join(groups))) and len(groups) == 3


def looks_like_name(name: str) -> bool:
    """Letters, spaces and .-' only, short, not a domain in disguise."""
    return (0 < len(name) <= NAME_MAX and any(c.isalpha() for c in name)
            and all(c.isalpha() or c in _NAME_CHARS for c in name)
            and not carries_contact(name))


def echoed_name(name: str, trusted: bool) -> str:
    cleaned = strip_unsafe(name)
    if trusted:
        return cleaned
    return cleaned if looks_like_name(cleaned) else ""


def echoed_subject(subject: str, trusted: bool) -> str:
    """The original subject as the reply may repeat it; NEUTRAL_SUBJECT when it may not."""
    cleaned = strip_unsafe(subject)
    if trusted or not cleaned:
        return cleaned
    if len(cleaned) > SUBJECT_MAX or carries_contact(cleaned):
        return NEUTRAL_SUBJECT
    return cleaned


def safe_message_id(value: str | None) -> str | None:
    """A Message-ID we may copy into In-Reply-To/References: bounded, printable ASCII only."""
    if value and len(value) <= MESSAGE_ID_MAX and _MESSAGE_ID_RE.fullmatch(value):
        return value
    return None
