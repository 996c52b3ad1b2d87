"""Pure: raw bytes → ParsedMail. Tolerant of every defect; never raises."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.policy import EmailPolicy, compat32
from email.utils import parseaddr

import html2text

from gateway.rules.address_header import header_addresses
from gateway.rules.bounces import failed_recipients
from gateway.rules.mime_repair import lone_cr_to_lf, part_type, rebuilt_multipart
from gateway.rules.mime_slim import MARK, CutBody, slim
from gateway.rules.msgid import MAX_MESSAGE_ID, extract_message_id, message_ids  # noqa: F401 (re-exported)

log = logging.getLogger("gateway.parse")

MAX_FILENAME = 120
MAX_REFERENCES = 20  # only the newest References are kept (threading, the reply's References)
_UNSAFE_FILENAME_RE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


class _ParsePolicy(EmailPolicy):
    """policy.default with compat32 header fetching. The header registry builds a parsed object
    for every header touched, the parser itself touches Content-Type on every part: three
    quarters of the parse time. We need only a few headers decoded, which `decode_header_value`
    does, tolerantly, on the raw values."""

    def header_fetch_parse(self, name, value):
        return compat32.header_fetch_parse(name, value)


_PARSER = BytesParser(policy=_ParsePolicy())


@dataclass(frozen=True)
class ParsedAttachment:
    """An attachment: its bytes, or for a big one where they lie in the raw mail (`cut`)."""

    filename: str
    content_type: str
    data: bytes = b""
    cut: CutBody | None = None

    @property
    def size(self) -> int:
        return self.cut.size if self.cut else len(self.data)

    @property
    def sha256(self) -> str:
        return self.cut.sha256 if self.cut else hashlib.sha256(self.data).hexdigest()

    def chunks(self, raw: bytes) -> Iterator[bytes]:
        """The content, for storing; raw is the mail it was parsed from."""
        if self.cut is None:
            yield self.data
        else:
            yield from self.cut.chunks(raw)


@dataclass
class ParsedMail:
    message_id: str | None = None
    subject: str = ""
    from_addr: str = ""
    from_name: str = ""
    reply_to: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # To, Cc, Resent-To, Resent-Cc
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    headers: list[tuple[str, str]] = field(default_factory=list)
    content_type: str = "text/plain"
    text: str = ""
    html: str = ""
    attachments: list[ParsedAttachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    error: str | None = None
    bounced: tuple[str, ...] = ()  # recipients a bounce (of any format) reports as failed

    def header_values(self, name: str) -> list[str]:
        """Every value of a header (case-insensitive name), in order."""
        wanted = name.lower()
        return [value for key, value in self.headers if key == wanted]

    def header(self, name: str) -> str | None:
        values = self.header_values(name)
        return values[0] if values else None

    @property
    def has_content(self) -> bool:
        return bool(self.text.strip() or self.subject.strip() or self.attachments)


def decode_bytes(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, falling back to UTF-8, then Windows-1252; never raises."""
    for candidate in (charset, "utf-8"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def html_to_text(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.ignore_images = True
    converter.body_width = 0  # a layout table (a cell a row) as flow: its paragraphs stay apart
    converter.ignore_tables = 0 < (lower := html[:200_000].lower()).count("<tr") == lower.count("<td")
    try:
        return converter.handle(html).strip()
    except Exception:  # html2text on hostile markup: keep the tags stripped crudely instead
        return re.sub(r"<[^>]*>", " ", html).strip()


def sanitize_filename(name: str | None, index: int, content_type: str) -> str:
    """A filename safe on any disk and in any viewer: no path, no control chars, bounded."""
    cleaned = ""
    if name:
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        cleaned = _UNSAFE_FILENAME_RE.sub("_", base).strip(" ._")
    if not cleaned:
        subtype = content_type.split("/", 1)[-1] if "/" in content_type else "bin"
        cleaned = f"attachment-{index}.{re.sub(r'[^a-z0-9]+', '', subtype.lower()) or 'bin'}"
    if len(cleaned) > MAX_FILENAME:
        stem, dot, ext = cleaned.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        cleaned = cleaned[: MAX_FILENAME - len(keep) - 1] + ("." + keep if keep else "")
    return cleaned


def _raw_values(msg: Message, name: str) -> list[str]:
    wanted = name.lower()
    return [value for key, value in msg.raw_items() if key.lower() == wanted]


def _unescaped(value: str) -> str:
    """Raw 8-bit bytes in a header (surrogate escapes) guessed as text; raw 7-bit ISO-2022-JP,
    which Japanese mailers write without encoded words, read as Japanese."""
    charset = "iso-2022-jp" if "\x1b$" in str(value) else "utf-8"
    if charset != "utf-8" or any("\udc80" <= ch <= "\udcff" for ch in str(value)):
        value = decode_bytes(str(value).encode("ascii", "surrogateescape"), charset)
    return str(value)


def decode_header_value(value: str) -> str:
    """Never raises: undecodable encoded words stay as they are, raw bytes are guessed."""
    value = _unescaped(value)
    if "=?" in value:
        try:
            value = str(make_header(decode_header(value)))
        except Exception:  # broken encoded word or unknown charset: keep the raw text
            pass
    return " ".join(value.split())


def _header_pairs(msg: Message) -> list[tuple[str, str]]:
    return [(key.lower(), decode_header_value(value)) for key, value in msg.raw_items()]


def _addresses(msg: Message, *names: str) -> list[tuple[str, str]]:
    values = [v for name in names for v in _raw_values(msg, name)]
    return header_addresses([_unescaped(v) for v in values],
                            [decode_header_value(v) for v in values])


def _part_text(part: Message) -> str:
    try:
        content = part.get_content()
        if isinstance(content, str):
            return content
    except Exception:  # unknown charset, bad transfer encoding: decode by hand below
        pass
    try:
        payload = part.get_payload(decode=True) or b""
    except Exception:
        payload = b""
    if isinstance(payload, str):
        return payload
    return decode_bytes(payload, part.get_content_charset())


def _part_bytes(part: Message) -> bytes:
    if part.get_content_type() == "message/rfc822" or part.is_multipart():
        try:
            return part.as_bytes(policy=policy.SMTP) if part.is_multipart() else (
                part.get_payload(0).as_bytes())
        except Exception:
            return str(part.get_payload()).encode("utf-8", "replace")
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if data is None:
        raw = part.get_payload()
        data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    return data


def _is_attachment(part: Message) -> bool:
    try:
        disposition = part.get_content_disposition()
    except Exception:
        disposition = None
    return disposition == "attachment" or (
        disposition == "inline" and bool(part.get_filename())
    )


def _walk(part: Message, mail: ParsedMail, cuts: dict[str, CutBody]) -> None:
    ctype = part_type(part)
    if ctype == "message/rfc822":
        _add_attachment(part, mail, cuts, fallback_name="attached-message.eml")
        return
    if part.is_multipart():
        for sub in part.get_payload() or []:
            if isinstance(sub, Message):
                _walk(sub, mail, cuts)
        return
    if ctype.startswith("multipart/") and (fixed := rebuilt_multipart(part, mail.defects)):
        return _walk(_PARSER.parsebytes(fixed), mail, cuts)  # its boundary was lost
    if ctype == "text/plain" and not _is_attachment(part) and not mail.text:
        mail.text = _part_text(part)
    elif ctype == "text/html" and not _is_attachment(part) and not mail.html:
        mail.html = _part_text(part)
    elif not ctype.startswith("multipart/"):
        _add_attachment(part, mail, cuts)


def _add_attachment(part: Message, mail: ParsedMail, cuts: dict[str, CutBody],
                    fallback_name: str | None = None) -> None:
    try:
        name = part.get_filename() or fallback_name
        if name and "=?" in name:  # RFC 2047 in a filename: wrong, but what many clients send
            name = decode_header_value(name)
    except Exception:
        name = fallback_name
    ctype = part.get_content_type()
    filename = sanitize_filename(name, len(mail.attachments) + 1, ctype)
    cut = cuts.pop(part.get(MARK, ""), None)  # cut out before parsing (mime_slim)
    data = b"" if cut else _part_bytes(part)
    mail.attachments.append(ParsedAttachment(filename, ctype, data, cut))


def _fill_headers(msg: EmailMessage, mail: ParsedMail) -> None:
    mail.headers = _header_pairs(msg)
    mail.subject = mail.header("subject") or ""
    senders = _addresses(msg, "from")  # the first From header's first address, its name
    name, addr = senders[0] if senders else parseaddr(mail.header("from") or "")
    mail.from_name, mail.from_addr = " ".join(name.split()), addr.lower()
    mail.reply_to = [a.lower() for _, a in _addresses(msg, "reply-to")]
    mail.recipients = [a.lower() for _, a in _addresses(msg, "to", "cc", "resent-to", "resent-cc")]
    mail.message_id = (message_ids(mail.header("message-id") or "") or [None])[0]
    mail.in_reply_to = message_ids(" ".join(mail.header_values("in-reply-to")))[:MAX_REFERENCES]
    mail.references = message_ids(" ".join(mail.header_values("references")), MAX_REFERENCES)
    mail.content_type = msg.get_content_type()


def parse_mail(raw: bytes) -> ParsedMail:
    """Parse what we can; a mail that cannot be parsed at all comes back with `error` set.
    Big attachments are cut out before parsing (mime_slim); should the parser not find each
    cut where it was made, the whole mail is parsed instead."""
    slimmed, cuts = slim(raw)
    mail = _parse(slimmed, cuts)
    if cuts:  # not every cut was seen as an attachment: the parser saw another structure
        log.info("parsing the whole mail: %d cut part(s) not where expected", len(cuts))
        mail = _parse(raw, {})
    return mail


def _parse(raw: bytes, cuts: dict[str, CutBody]) -> ParsedMail:
    mail = ParsedMail()
    if not raw or raw.isspace():  # (strip() would copy a big mail)
        mail.error = "empty message (0 bytes of content)"
        return mail
    try:
        msg = _PARSER.parsebytes(raw)
    except Exception as exc:  # the stdlib parser very rarely gives up; keep the mail anyway
        mail.error = f"unparseable: {exc.__class__.__name__}: {exc}"
        return mail
    try:
        _fill_headers(msg, mail)
        _walk(msg, mail, cuts)
    except Exception as exc:  # a defect we did not foresee: record it, keep what we have
        log.warning("partial parse: %s", exc)
        mail.error = f"partially parsed: {exc.__class__.__name__}: {exc}"
    mail.text = lone_cr_to_lf(mail.text or (html_to_text(mail.html) if mail.html else ""))
    mail.bounced = failed_recipients(msg, mail.subject, mail.text)
    mail.defects = [d.__class__.__name__ for d in getattr(msg, "defects", [])]
    return mail
