"""What may be shown: secrets masked, and text a mail supplied made harmless for a terminal.

Pure: no I/O."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
# Config keys whose values are secrets (or point at them): their values are never echoed.
SECRET_KEYS = frozenset({"password", "secret", "token", "key", "passwd", "api_key"})
# C0 and C1 controls (ESC, BEL, CSI ...), DEL, and the bidi overrides that reorder a line;
# tab and newline stay where text is multi-line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# An escape sequence as a whole (CSI ... final, OSC ... BEL/ST), so no parameters are left over.
_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")


def is_secret_key(key: str) -> bool:
    """`relay.password`, `webhook_secret`, `imap.0.password`: the last part names a secret."""
    last = key.rsplit(".", 1)[-1].lower()
    return last in SECRET_KEYS or last.endswith(("_password", "_secret", "_token"))


def mask_url(url: str) -> str:
    """`postgresql://gw:pw@db/x` → `postgresql://gw:***@db/x`, and the values of secret query
    (and fragment) parameters (`?token=...`, `?apiKey=...`, `&sig=...`) masked too; other text
    unchanged. A URL too broken to take apart (`http://u:pw@[::1/x`) still has its password
    masked: it is shown in the error that refuses it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _USERINFO.sub(rf"\1:{MASK}@", url)
    if parts.query:
        parts = parts._replace(query=_mask_query(parts.query))
    if parts.fragment:
        parts = parts._replace(fragment=_mask_query(parts.fragment))
    if parts.password is not None:
        host = parts.netloc.rsplit("@", 1)[1]
        parts = parts._replace(netloc=f"{parts.username or ''}:{MASK}@{host}")
    return urlunsplit(parts) if parts != urlsplit(url) else url


# scheme://user:password@ (the password up to the last @ before the path)
_USERINFO = re.compile(r"(\w+://[^/\s:@]*):[^/\s]*@")
# A query parameter whose name holds one of these is a secret where a URL is shown: tokens,
# keys (apiKey, X-Api-Key), signatures (sig, X-Amz-Signature), passwords, auth codes.
_SECRET_PARAM = re.compile(r"token|secret|key|pass|pwd|sig|auth|credential|session|code",
                           re.IGNORECASE)


def _mask_query(query: str) -> str:
    pairs = []
    for pair in re.split(r"([&;])", query):
        name, sep, value = pair.partition("=")
        secret = is_secret_key(name) or _SECRET_PARAM.search(name)
        pairs.append(f"{name}={MASK}" if sep and value and secret else pair)
    return "".join(pairs)


def mask_urls_in(text: str, *urls: str) -> str:
    """Replace each given URL (e.g. the database URL inside a driver's error) by its masked form,
    and any `scheme://user:password@` left in the text."""
    for url in urls:
        if url:
            text = text.replace(url, mask_url(url))
    return re.sub(r"(\w+://[^/\s:@]*):[^@\s/]*@", rf"\1:{MASK}@", text)


# Fields that are text of many lines (ticket bodies, rendered replies): newlines and tabs stay.
MULTILINE_KEYS = frozenset({"body", "text", "html"})


def clean(value: object, multiline: bool = False) -> object:
    """A value from a mail, safe to print: escape sequences and control characters removed.
    Dicts and lists are cleaned throughout; other types pass unchanged."""
    if isinstance(value, str):
        text = _SEQUENCES.sub("", value)
        return (_CONTROLS if multiline else _CONTROLS_ONE_LINE).sub("", text)
    if isinstance(value, dict):
        return {k: clean(v, multiline or k in MULTILINE_KEYS) for k, v in value.items()}
    if isinstance(value, list):
        return [clean(v, multiline) for v in value]
    return value


# A spreadsheet runs a cell that begins with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# ... also after any white space, a byte order mark or a zero-width space (a spreadsheet may
# drop them), and in their full-width forms (＝ ＋ － ＠, which some locales take as formulas)
_FORMULA = re.compile("[\\s\ufeff\u200b]*[=+\\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: text beginning (after spaces) with
    = + - @ tab CR or LF gets a leading apostrophe (OWASP's rule); numbers pass unchanged.
    Every CSV the gateway writes goes through this (csv_row)."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def csv_row(row: dict) -> dict:
    """A CSV row as admin output: no escape sequences or control characters from a mail (it may
    be printed to a terminal), and no formula."""
    return {key: spreadsheet_safe(clean(value)) for key, value in row.items()}
