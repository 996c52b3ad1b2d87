"""Pure: the original message a mail carries back, attached or quoted: whether there is one,
where a quoted one starts (the text before it is the writer's own), and who sent it.

A quoted original is two message headers at line starts ("From: x", "> Subject: y",
"  Sent: z"), in English as mail systems write them or as mail clients localise them (Von:,
Betreff:, De:, Objet:, Da:, Oggetto:, Para:, Asunto: ...); Received: and Date: lines alone are
a log's, not a message."""

from __future__ import annotations

import re
from email.parser import BytesHeaderParser
from email.utils import parseaddr
from functools import lru_cache

from gateway.rules.parse import ParsedMail, decode_header_value

SCAN_CHARS = 3000
HEAD_BYTES = 8192  # of an attached original: enough for its headers
ORIGINALS_MAX = 10  # attached originals read at most (a mail of thousands costs no more)
ORIGINAL_TYPES = frozenset({"message/rfc822", "message/global", "text/rfc822-headers",
                            "message/global-headers", "message/partial"})
# Quoted header names, localised ones mapped to the English name they stand for.
_NAMES = {"from": "from", "to": "to", "subject": "subject", "date": "date", "sent": "sent",
          "message-id": "message-id", "received": "received", "return-path": "return-path",
          "von": "from", "an": "to", "betreff": "subject", "gesendet": "sent", "datum": "date",
          "de": "from", "à": "to", "objet": "subject", "envoyé": "sent",
          "da": "from", "a": "to", "oggetto": "subject", "inviato": "sent", "data": "date",
          "para": "to", "asunto": "subject", "enviado": "sent", "fecha": "date"}
_MESSAGE_NAMES = frozenset({"from", "to", "subject", "sent", "message-id"})
_PARSER = BytesHeaderParser()
_URL_RE = re.compile(r"(?i)\b(?:https?|ftp)://\S+|\bwww\.\S+")
_SUBJECT_LINE_RE = re.compile(r"(?im)^[\s>]*(?:subject|betreff|objet|oggetto|asunto)\s*:.*$")
# The rules ask for the same mail's own part and its text without links some ten times while
# classifying it: the last few answers are kept (pure functions of a string; texts this short).
MEMO_CHARS = 8192
_MEMO = 16


def without_links(text: str) -> str:
    """Links and quoted subject lines set aside: their question marks are nobody's question."""
    return _without_links(text) if len(text) <= MEMO_CHARS else _links_out(text)


def _links_out(text: str) -> str:
    return _SUBJECT_LINE_RE.sub(" ", _URL_RE.sub(" ", text))


_without_links = lru_cache(maxsize=_MEMO)(_links_out)


def carries_original(mail: ParsedMail) -> bool:
    """The original message (or its headers) attached, as bounces and complaints send it back."""
    return any(a.content_type in ORIGINAL_TYPES or a.filename.lower().endswith(".eml")
               for a in mail.attachments)


@lru_cache(maxsize=_MEMO)
def _quoted(head: str) -> tuple[tuple[int, str, str], ...]:
    """quoted_headers, kept for the last few heads (of at most SCAN_CHARS)."""
    return tuple(quoted_headers(head))


def quoted_headers(head: str) -> list[tuple[int, str, str]]:
    """(line start, English name, value) of each line that reads like a quoted header.

    Found from the colons (str.find), not by a line regex: most mail has few colons, and a
    multi-line regex over the first 3,000 characters cost some 30 us a mail."""
    found, colon, looked = [], head.find(":"), 0
    while colon != -1 and looked < 200:  # bounded: a text of colons costs no more
        looked += 1
        line = head.rfind("\n", max(colon - 40, 0), colon) + 1 or max(colon - 40, 0)
        name = _NAMES.get(head[line:colon].lstrip(" \t>").rstrip().lower())
        end = head.find("\n", colon)
        value = head[colon + 1:end if end != -1 else len(head)].strip()
        if name and value:
            found.append((line, name, value))
        colon = head.find(":", colon + 1)
    return found


def _a_message(quoted: tuple[tuple[int, str, str], ...]) -> bool:
    return len({name for _, name, _ in quoted} & _MESSAGE_NAMES) >= 2


def quotes_original(text: str) -> bool:
    return _a_message(_quoted(text[:SCAN_CHARS]))


def client_quote(text: str) -> bool:
    """A quote as mail clients write it (Sent:, Gesendet:, Envoyé: ... instead of Date:): a
    person quoting a mail; mail systems quote the raw headers."""
    quoted = _quoted(text[:SCAN_CHARS])
    return _a_message(quoted) and any(name == "sent" for _, name, _ in quoted)


def own_part(text: str) -> str:
    """The text before the quoted original's headers (the whole scanned text if none)."""
    head = text[:SCAN_CHARS]
    quoted = _quoted(head)
    return head[:quoted[0][0]] if _a_message(quoted) else head


def unquoted(text: str) -> str:
    """The lines not quoted with `>` (a customer's answer keeps its own words only)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))


def original_senders(mail: ParsedMail) -> list[tuple[str, str, str]]:
    """(display name, address, subject) of each original the mail carries, attached or quoted."""
    attached = [a.data for a in mail.attachments if a.data and (
        a.content_type in ORIGINAL_TYPES or a.filename.lower().endswith(".eml"))]
    found = [_attached_sender(data) for data in attached[:ORIGINALS_MAX]]
    quoted = _quoted(mail.text[:SCAN_CHARS])
    if _a_message(quoted):
        first = {}
        for _, name, value in quoted:
            first.setdefault(name, value)
        name, address = parseaddr(first.get("from", ""))
        found.append((name, address.lower(), first.get("subject", "")))
    return found


def _attached_sender(data: bytes) -> tuple[str, str, str]:
    """From and Subject of an attached message; its MIME part's own headers skipped (the
    parser keeps a message/rfc822 part with them)."""
    head = data[:HEAD_BYTES]
    try:
        headers = _PARSER.parsebytes(head)
        if headers.get("from") is None and headers.get_content_maintype() == "message":
            inner = head.split(b"\r\n\r\n", 1) if b"\r\n\r\n" in head else head.split(b"\n\n", 1)
            headers = _PARSER.parsebytes(inner[-1])
        sender, subject = str(headers.get("from", "")), str(headers.get("subject", ""))
    except Exception:  # a broken attachment names nobody
        return "", "", ""
    name, address = parseaddr(decode_header_value(sender))
    return name, address.lower(), decode_header_value(subject)
