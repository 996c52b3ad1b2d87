"""Pure: what of a mail may be echoed in our reply.

A reply goes to the envelope sender, which anybody can forge. If we echoed the display name or
subject a forger chose ("Ihr Konto wird gesperrt: https://evil.example/x"), the gateway would carry
the forger's text to the victim: backscatter spam. So, unless the backscatter guard authenticated
the sender, only what cannot carry a message is echoed: a name that looks like a name, a subject
that is short and holds no URL, domain, e-mail address or phone number. Bidi and control
characters never pass, whoever wrote them (they reorder or hide what the reader sees).
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 60
SUBJECT_MAX = 60
MESSAGE_ID_MAX = 250
NEUTRAL_SUBJECT = "Ihre Nachricht"

_NAME_CHARS = frozenset(" .-'’")
_URL_OR_DOMAIN_RE = re.compile(r"(?i)(https?:|ftp:|www\.|[a-z0-9-]\.[a-z]{2,}\b|@|//)")
_PHONE_RE = re.compile(r"\+?\d(?:[\s()/.-]*\d){6,}")  # seven digits or more, however spaced
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
    """A URL, a domain, an e-mail address or a phone number: something to lure a reader to."""
    return bool(_URL_OR_DOMAIN_RE.search(text) or _PHONE_RE.search(text))


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
