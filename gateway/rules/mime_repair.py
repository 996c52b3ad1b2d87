"""Pure: a multipart part whose boundary parameter was lost, rebuilt so that its parts are read;
a part whose Content-Type lost the ";" before its parameters, read as the type it names; and a
text whose lines end in CR alone (old Macintosh mail) read with LF line ends.

Some mail systems fold the Content-Type header without the leading white space a continuation
line needs ("multipart/alternative;" and "boundary=..." on the next line, flush left). The
parser then sees a multipart without a boundary and keeps its body as one string: the text
inside is never read. A mail client still shows it; so do we: the first line that opens a part
("--" and a token) names the boundary, and the part is parsed again with it. Bounded: only the
start of the body is searched, and a mail gets at most REPAIRS_MAX repairs (noted in the list
the caller passes, the parsed mail's defects while it is walked): parts that lost their
boundary inside one another cost no more than a few parses of the mail, never one per level."""

from __future__ import annotations

import re
from email.message import Message

SCAN_CHARS = 4000
REPAIRS_MAX = 3
REPAIRED = "MultipartBoundaryRebuilt"
_LONE_CR_RE = re.compile(r"\r(?!\n)")
# at a line start, whatever ends lines (LF, CRLF, or CR alone as old Macintosh mail has it)
_DELIMITER_RE = re.compile(r"(?:\A|[\r\n])--([^\s\"]{1,70})[ \t]*(?=[\r\n]|\Z)")


def rebuilt_multipart(part: Message, noted: list[str]) -> bytes | None:
    """The part as bytes with its boundary restored (noted in `noted`); None if it is not such
    a broken part, or the mail had its repairs."""
    payload = part.get_payload()
    if not isinstance(payload, str) or part.get_boundary() is not None:
        return None
    found = _DELIMITER_RE.search(payload[:SCAN_CHARS])
    if not found or noted.count(REPAIRED) >= REPAIRS_MAX:
        return None
    noted.append(REPAIRED)
    head = f'Content-Type: {part_type(part)}; boundary="{found.group(1)}"\r\n\r\n'
    return (head + payload).encode("utf-8", "surrogateescape")


def part_type(part: Message) -> str:
    """The part's content type. A value that lost the ";" before its parameters ("text/plain"
    and "charset=..." on the next line, as an OpenMail bounce and some clients write it) is taken
    by the parser for one long type; a mail client reads its first word, and so do we."""
    ctype = part.get_content_type()
    return ctype.split(None, 1)[0] if any(c.isspace() for c in ctype) else ctype


def lone_cr_to_lf(text: str) -> str:
    """Lines ended by CR alone end with LF, as the rules read lines (CRLF stays as it is)."""
    if "\r" not in text or not _LONE_CR_RE.search(text):  # LF or CRLF: no copy of a big text
        return text
    return _LONE_CR_RE.sub("\n", text)
