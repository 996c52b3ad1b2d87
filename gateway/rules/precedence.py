"""Pure: the Precedence headers that count, those the sender's side wrote, not a forwarder's.

A mailbox forwarder that re-sends a person's mail under a rewritten envelope (SRS:
`SRS0=hash=tt=domain=local@forwarder`) may stamp `Precedence: bulk` on every mail it passes on
(a hosting provider's qmail forwarder does so on people's replies). Such a header is written on
the way: it stands *above* a Received header, in the trace the relays prepend, while the
sender's own headers stand below every Received header. A mailing list's manager that prepends
its Precedence header the same way (ezmlm) also writes its List-* headers, which decide alone;
one that writes none (Majordomo) names itself in the Sender header (owner-list@, list-request@).
The original envelope sender an SRS address carries (`srs_original`) is judged as the envelope
sender itself would be (a list's owner-list@ or bounces address under a forwarder's SRS).

So, where the envelope sender (or the recorded Return-Path) is an SRS address and the mail has
no list header nor a list manager as Sender, a Precedence header above a Received header is the
forwarder's and is left out; one below every Received header (a newsletter forwarded the same
way) still counts.
"""

from __future__ import annotations

import re

from gateway.rules.parse import ParsedMail

_NAMES = ("precedence", "x-precedence")
_SRS_RE = re.compile(r"(?i)^<?srs[01][=+-]")
# The original envelope sender an SRS address carries: SRS0=hash=tt=domain=local@forwarder, and
# after a second forwarder SRS1=hash=forwarder==hash=tt=domain=local@other.
_SRS_ORIGINAL_RE = re.compile(r"(?i)^<?srs(?:0|1[=+-][^@]{0,200}?=)[=+-][^=@]{0,40}=[^=@]{0,10}"
                              r"=([^=@]{1,253})=([^@]{1,64})@")
# A list manager's address as Sender (Majordomo's owner-x@, x-request@, x-bounces@): a list's
# mail though it writes no List-* header.
_LIST_SENDER_RE = re.compile(r"(?i)(?:^|[<\s])(?:owner-[^@\s]+|[^@\s<]+-(?:owner|request|bounces))@")
_LIST_HEADER_RE = re.compile(r"^(?:x-)?(?:list-|mailing-list$|ml-name$|mlserver$)")


def sender_precedence(mail: ParsedMail, envelope: str) -> list[str]:
    """The values of the Precedence headers the sender's side wrote (see the module)."""
    values = [value for name, value in mail.headers if name in _NAMES]
    if not values or not _forwarded(mail, envelope):
        return values
    last_trace = max((at for at, (name, _) in enumerate(mail.headers) if name == "received"),
                     default=-1)
    return [value for at, (name, value) in enumerate(mail.headers)
            if name in _NAMES and at > last_trace]


def srs_original(address: str) -> str:
    """The original envelope sender of an SRS address ("" if it is none)."""
    found = _SRS_ORIGINAL_RE.match(address or "")
    return f"{found.group(2)}@{found.group(1)}".lower() if found else ""


def _forwarded(mail: ParsedMail, envelope: str) -> bool:
    """Re-sent by a forwarder under an SRS envelope, and no list's mail."""
    places = (envelope, (mail.header("return-path") or "").strip())
    if not any(_SRS_RE.match(place) for place in places):
        return False
    if any(_LIST_SENDER_RE.search(value) for value in mail.header_values("sender")):
        return False
    return not any(_LIST_HEADER_RE.match(name) for name, _ in mail.headers)
