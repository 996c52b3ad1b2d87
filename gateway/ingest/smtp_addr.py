"""The address of a MAIL FROM / RCPT TO command, parsed cheaply in the common case.

aiosmtpd parses every address with the email package's header parser (a token tree for
`<kunde@firma.example>`) and defines a class on each call: about a fifth of the reception's CPU
under load (bench/smtp_ingest.py). The plain form, `<dot-atom@domain>` in ASCII with no comment
after it, is recognised here by one regular expression and gives exactly what that parser gives
(tests/test_smtp_addr.py compares the two); anything else (quoted local parts, comments,
source routes, domain literals, UTF-8, encoded words, `<>`) goes to aiosmtpd's own parser.
"""

from __future__ import annotations

import re

ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"  # RFC 5322 atext, ASCII
PLAIN = re.compile(rf"<({ATEXT}+(?:\.{ATEXT}+)*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>",
                   re.ASCII)


def plain_address(arg: str) -> tuple[str, str] | None:
    """(address, what follows it) for `<local@domain>[ params]`; None: not the plain form."""
    match = PLAIN.match(arg)
    if match is None or "=?" in match.group(1):  # "=?" may start an encoded word there
        return None
    rest = arg[match.end():]
    if rest:
        if rest[0] not in " \t":
            return None
        rest = rest.lstrip()  # as the header parser takes the whitespace after ">"
        if rest.startswith("("):  # a comment: the parser's business
            return None
    return f"{match.group(1)}@{match.group(2)}", rest


class FastAddress:
    """Mixed into the gateway's SMTP and LMTP protocols (aiosmtpd.smtp.SMTP subclasses)."""

    local_part_limit: int

    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        plain = plain_address(arg) if arg else None
        if plain is None:
            return super()._getaddr(arg)  # type: ignore[misc]
        address, rest = plain
        if self.local_part_limit and len(address.rpartition("@")[0]) > self.local_part_limit:
            return None, None
        return address, rest
