"""Pure: big attachments are kept out of the email parser, which holds about seven times a
mail's size while it works (the text, a list of its lines, the joined payload, the decoded
bytes). Before parsing, big attachment bodies are cut out of a copy of the mail; what is left
(headers, text, the structure) is parsed as usual, and each cut body is described by where it
lies in the raw bytes, its size and its SHA-256, so that it can be decoded slice by slice
straight into the database. Only what looks clean is cut; the parser then confirms it
(`parse.py` falls back to the whole mail if it does not see every cut where it was made).
"""

from __future__ import annotations

import binascii
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from email.policy import compat32

CUT_MIN = 256 * 1024  # bodies smaller than this are parsed as usual
MARK = "X-Gateway-Cut"  # put on a cut part's headers: its body's offset in the raw mail
MAX_DEPTH = 20
CHUNK = 1 << 20
_CLEAN_ENCODINGS = {"base64", "7bit", "8bit", "binary", ""}
_HEADER_END_RE = re.compile(rb"\r?\n\r?\n")
_HEADER_LINE_RE = re.compile(rb"[!-9;-~]+:|[ \t]")  # a field name and colon, or a folded line
_LINE_END_RE = re.compile(rb"\r?\n")
_HEADERS = BytesHeaderParser(policy=compat32)


@dataclass(frozen=True)
class CutBody:
    """An attachment body left in the raw mail: decoded when stored, a slice at a time."""

    start: int
    end: int
    encoding: str
    headers: bytes  # its part's header block, for decoding it the email package's way
    size: int = 0
    sha256: str = ""
    sliced: bool = True  # False: not clean enough to decode slice by slice

    def chunks(self, raw: bytes) -> Iterator[bytes]:
        """The decoded body: what the email package would give, but a slice at a time (when
        clean; else the email package decodes it, holding this one body in memory)."""
        if not self.sliced:
            yield _email_decode(self.headers + b"\r\n" + raw[self.start:self.end])
        elif self.encoding == "base64":
            yield from _b64_chunks(raw, self.start, self.end)
        else:
            view = memoryview(raw)
            yield from (bytes(view[a:b]) for a, b in _slices(raw, self.start, self.end))

    def measured(self, raw: bytes) -> CutBody:
        """With size and SHA-256 (one decoding pass); unclean base64 is marked for the email
        package, which is then the one to decode it."""
        digest, size, sliced = hashlib.sha256(), 0, self.sliced
        try:
            for chunk in self.chunks(raw):
                digest.update(chunk)
                size += len(chunk)
        except binascii.Error:
            unsliced = replace(self, sliced=False)
            return unsliced.measured(raw)
        return replace(self, size=size, sha256=digest.hexdigest(), sliced=sliced)


def _email_decode(part: bytes) -> bytes:
    payload = BytesParser(policy=compat32).parsebytes(part).get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _slices(raw: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of slices of about CHUNK bytes that end at a line end."""
    while start < end:
        stop = min(start + CHUNK, end)
        if stop < end:
            newline = raw.find(b"\n", stop, end)
            stop = end if newline < 0 else newline + 1
        yield start, stop
        start = stop


def _b64_chunks(raw: bytes, start: int, end: int) -> Iterator[bytes]:
    """Strict: only the alphabet, padding only at the very end, whole groups of four. Then
    decoding in slices gives exactly what decoding it whole gives; else binascii.Error."""
    carry = b""
    for a, b in _slices(raw, start, end):
        text = carry + raw[a:b].replace(b"\r", b"").replace(b"\n", b"")  # as splitlines()
        cut = len(text) if b == end else len(text) - len(text) % 4
        carry = text[cut:]
        yield binascii.a2b_base64(text[:cut], strict_mode=True)


@dataclass(frozen=True)
class _Cut:
    header_start: int
    body: CutBody


def slim(raw: bytes, cut_min: int = CUT_MIN) -> tuple[bytes, dict[str, CutBody]]:
    """The mail without its big attachment bodies (each cut part marked with MARK: offset),
    and the cut bodies by that mark. A small mail comes back as it is."""
    if len(raw) < cut_min:
        return raw, {}
    cuts: list[_Cut] = []
    _scan(raw, 0, len(raw), cut_min, 0, cuts)
    if not cuts:
        return raw, {}
    newline = b"\r\n" if b"\r\n" in raw[:4096] else b"\n"
    pieces, position = [], 0
    for cut in cuts:
        pieces += [raw[position:cut.header_start],
                   f"{MARK}: {cut.body.start}".encode() + newline,
                   raw[cut.header_start:cut.body.start]]
        position = cut.body.end
    pieces.append(raw[position:])
    return b"".join(pieces), {str(cut.body.start): cut.body.measured(raw) for cut in cuts}


def _header_block(raw: bytes, start: int, end: int) -> tuple[Message, bytes, int] | None:
    """The part's headers, their bytes and where its body starts; None unless clean."""
    blank = _HEADER_END_RE.search(raw, start, min(end, start + 65536))
    if blank is None:
        return None
    block = raw[start:blank.start()]
    lines = _LINE_END_RE.split(block)
    if not lines[0] or any(not _HEADER_LINE_RE.match(line) for line in lines):
        return None
    return _HEADERS.parsebytes(block), block, blank.end()


def _scan(raw: bytes, start: int, end: int, cut_min: int, depth: int, cuts: list[_Cut]) -> None:
    found = _header_block(raw, start, end)
    if found is None or depth > MAX_DEPTH:
        return
    headers, block, body = found
    if headers.is_multipart() or headers.get_content_maintype() == "multipart":
        boundary = headers.get_boundary()
        for part_start, part_end in _parts(raw, body, end, boundary) if boundary else ():
            _scan(raw, part_start, part_end, cut_min, depth + 1, cuts)
    elif depth > 0 and end - body >= cut_min and _cuttable(headers):
        encoding = str(headers.get("content-transfer-encoding", "")).strip().lower()
        cuts.append(_Cut(start, CutBody(body, end, encoding, block)))


def _cuttable(headers: Message) -> bool:
    """An attachment for parse.py, in an encoding we can slice: never the mail's text."""
    encoding = str(headers.get("content-transfer-encoding", "")).strip().lower()
    if encoding not in _CLEAN_ENCODINGS or headers.get_all(MARK):
        return False
    if headers.get_content_type() in ("text/plain", "text/html"):
        return headers.get_content_disposition() == "attachment"
    return True


def _parts(raw: bytes, start: int, end: int, boundary: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each body part between the delimiter lines of a multipart; a part ends
    before the line break that precedes the next delimiter (RFC 2046 section 5.1.1)."""
    literal = b"--" + boundary.encode("ascii", "replace")
    delimiter = re.compile(re.escape(literal) + rb"(--)?[ \t]*(\r?\n|$)")
    part_start, position = None, start
    while (match := _next_delimiter(raw, literal, delimiter, position, end)) is not None:
        if part_start is not None:
            before = match.start() - (2 if raw[match.start() - 2:match.start()] == b"\r\n" else 1)
            yield part_start, max(part_start, before)
        if match.group(1):
            return
        part_start = position = match.end()
    # no closing delimiter: the last part is left to the parser, uncut


def _next_delimiter(raw: bytes, literal: bytes, delimiter: re.Pattern, position: int,
                    end: int) -> re.Match | None:
    """The next delimiter line (the boundary at the start of a line) in raw[position:end]."""
    while (found := raw.find(literal, position, end)) >= 0:
        if found == 0 or raw[found - 1:found] == b"\n":
            match = delimiter.match(raw, found, end)
            if match is not None:
                return match
        position = found + 1
    return None
