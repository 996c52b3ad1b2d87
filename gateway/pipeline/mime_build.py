"""A reply's bytes: headers RFC 2047-encoded and folded, a multipart/alternative of the text and
the HTML part, quoted-printable, CRLF line ends. Pure string work."""

from __future__ import annotations

import base64
import binascii
import functools
import uuid
from email.utils import formataddr, parseaddr


def encoded_words(text: str) -> str:
    """RFC 2047 base64 encoded words of at most 75 characters, folded onto continuation lines."""
    data, words, start = text.encode("utf-8"), [], 0
    while start < len(data):
        end = min(start + 45, len(data))  # 45 bytes → 60 base64 characters + 12 of framing
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # never split a character
            end -= 1
        words.append(f"=?utf-8?b?{base64.b64encode(data[start:end]).decode()}?=")
        start = end
    return "\r\n ".join(words)


def _fold_ascii(value: str, width: int = 76) -> str:
    lines, line = [], ""
    for word in value.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\r\n ".join(lines)


@functools.lru_cache(maxsize=256)
def _encode_address(value: str) -> str:
    display, address = parseaddr(value)
    return formataddr((display, address), charset="utf-8") if display else address


def _encode_header(name: str, value: str) -> str:
    """RFC 2047 where needed, folded; addresses keep their angle brackets readable."""
    if name in ("From", "To"):
        return _encode_address(value)
    return _fold_ascii(value) if value.isascii() else encoded_words(value)


def _qp_part(content_type: str, body: str) -> bytes:
    data = binascii.b2a_qp(body.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return (f"Content-Type: {content_type}; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode() + \
        data.replace(b"\n", b"\r\n")


def build_message(headers: dict[str, str], text: str, html: str) -> bytes:
    """multipart/alternative (text, then HTML), UTF-8, quoted-printable, CRLF line ends.

    Built by hand rather than with EmailMessage: the header registry made rendering cost more
    than all the rest of processing a mail, and this shape never varies.
    """
    boundary = f"=_gw_{uuid.uuid4().hex}"
    head = "".join(f"{name}: {_encode_header(name, value)}\r\n" for name, value in headers.items())
    head += ("MIME-Version: 1.0\r\n"
             f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n')
    delimiter = f"\r\n--{boundary}\r\n".encode()
    return (head.encode() + b"This is a multi-part message in MIME format.\r\n" + delimiter[2:]
            + _qp_part("text/plain", text) + delimiter + _qp_part("text/html", html)
            + f"\r\n--{boundary}--\r\n".encode())
