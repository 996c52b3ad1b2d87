"""Pure: the addresses of an address header (From, Reply-To, To, Cc), read before its encoded
words are decoded. Decoding first let a display name speak as an address: "=?utf-8?q?Max=0D=0A
Bcc:_evil@x.example?= <max@kunde.example>" decoded to a name with a line break and a second
address, which the parser took for the sender. Here each run of encoded words becomes a quoted
string where it decodes to anything an address parser reads (<>@,;:"()[] \\), so it stays a name.
A broken mailer that encodes the whole "Name <address>" in one word is still read: when the
header holds no address this way, the fully decoded header is parsed, as before."""

from __future__ import annotations

import re
from email.header import decode_header, make_header
from email.utils import getaddresses

_WORD = r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?="
_ENCODED_RUN = re.compile(rf"{_WORD}(?:\s+{_WORD})*")  # white space between words is dropped
_SPECIALS = frozenset('<>@,;:"()[]\\')
_MAILBOX = re.compile(r"[^\s<>@\"]+@[^\s<>@\"]+")  # a name taken for the local part is none


def _decoded(run: str) -> str:
    try:
        text = " ".join(str(make_header(decode_header(run))).split())
    except Exception:  # broken encoded word or unknown charset: keep it as it is
        return run
    if not _SPECIALS & set(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def names_quoted(value: str) -> str:
    """The header with its encoded words decoded, as names (quoted where they need it)."""
    return " ".join(_ENCODED_RUN.sub(lambda m: _decoded(m.group()), value).split())


def header_addresses(raw: list[str], decoded: list[str]) -> list[tuple[str, str]]:
    """(name, address) of every address in the header values (`raw`: as they came, 8-bit text
    already guessed; `decoded`: fully decoded, the fallback)."""
    found = [(name.strip('"'), addr) for name, addr in getaddresses([names_quoted(v) for v in raw])
             if _MAILBOX.fullmatch(addr)]
    return found or [(name, addr) for name, addr in getaddresses(decoded) if "@" in addr]


def first_address(value: str) -> str | None:
    """The first address of one raw header value (the reject phase's From at the end of DATA),
    read as parse.py reads it, without parsing the mail."""
    if any("\udc80" <= ch <= "\udcff" for ch in value):  # 8-bit bytes: UTF-8 or replaced
        value = value.encode("ascii", "surrogateescape").decode("utf-8", "replace")
    try:
        decoded = " ".join(str(make_header(decode_header(value))).split())
    except Exception:  # broken encoded word or unknown charset
        decoded = value
    found = header_addresses([value], [decoded])
    return found[0][1].lower() if found else None
