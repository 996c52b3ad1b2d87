"""Pure: the reject phase at the door. Whether SMTP/LMTP reception (and Postfix's policy service)
accepts a recipient, refuses it, or must read the From header at the end of DATA first; and the
exact 550 line each address refuses with (one function, used by reception, the policy service,
simulate and preview alike).

Where the sender is known: the envelope sender at RCPT. In the reject phase an exception rule
that names the envelope sender lets the mail in at RCPT; an address no rule covers is refused at
RCPT; an address some rule covers, with an envelope sender no rule names, is decided at the end
of DATA, by the From header (a From-only exception). Postfix's policy service sees only the
envelope: it answers as RCPT does and refuses the From-only case (see `policy_service.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from email.parser import BytesHeaderParser
from email.policy import compat32
from enum import StrEnum

from gateway.config.settings import AddressConfig, ExceptionRule, GatewaySettings
from gateway.rules.address_header import first_address
from gateway.rules.exceptions import matching_rule
from gateway.rules.phases import Phase

HEADER_LIMIT = 256 * 1024  # where From is looked for at the end of DATA


class Door(StrEnum):
    ACCEPT = "accept"    # not in the reject phase, or an exception names the envelope sender
    REFUSE = "refuse"    # 550 at RCPT
    AT_DATA = "at-data"  # an exception may name the From header: decided at the end of DATA


def reject_line(settings: GatewaySettings, address: AddressConfig, rcpt: str | None) -> str:
    """The 550 line for one of our addresses in its reject phase: its reject_message, else the
    company's for its redirect kind (sales: the contact form), in every reply language of the
    config, in its order, joined by ' / ' on one line (at most 510 characters, as RFC 5321 lets
    a reply line be). Without rcpt, for Postfix's policy service: Postfix writes `<rcpt>:
    Recipient address rejected:` before it itself."""
    texts = settings.reject_texts(settings.responder.languages, address.reject_message,
                                  address.redirect, address.department, address.address)
    line = f"550 5.7.1 <{rcpt}>: " if rcpt else "550 5.7.1 "
    return (line + " / ".join(texts))[:510]


def covers(rules: Iterable[ExceptionRule], address: str) -> bool:
    """Whether any exception rule applies to this address of ours."""
    return any(not rule.addresses or address in rule.addresses for rule in rules)


def at_rcpt(settings: GatewaySettings, address: AddressConfig, phase: Phase,
            sender: str | None) -> Door:
    """The answer at RCPT, from the envelope sender alone."""
    if phase is not Phase.REJECT:
        return Door.ACCEPT
    if matching_rule(settings.exceptions, (sender,), address.address):
        return Door.ACCEPT
    return Door.AT_DATA if covers(settings.exceptions, address.address) else Door.REFUSE


def at_data(settings: GatewaySettings, address: AddressConfig, sender: str | None,
            raw: bytes) -> str | None:
    """The exception rule that names the envelope sender or the From header, or None."""
    return matching_rule(settings.exceptions, (sender, from_address(raw)), address.address)


def from_address(raw: bytes) -> str | None:
    """The first address of the From header, read from the header part only."""
    ends = [at for at in (raw.find(b"\r\n\r\n", 0, HEADER_LIMIT),
                          raw.find(b"\n\n", 0, HEADER_LIMIT)) if at >= 0]
    head = raw[:min(ends)] if ends else raw[:HEADER_LIMIT]  # no copy of the body
    try:
        value = BytesHeaderParser(policy=compat32).parsebytes(head).get("From")
    except Exception:  # a header the parser cannot take: no From to match
        return None
    return first_address(str(value)) if value else None  # as parse.py reads it


def describe(settings: GatewaySettings, address: AddressConfig) -> str | None:
    """For `config check`'s timeline: what the reject phase does with the exceptions."""
    if address.reject_from is None:
        return None
    names = [r.name for r in settings.exceptions
             if not r.addresses or address.address in r.addresses]
    if not names:
        return "reject phase: every sender refused with 550 at RCPT (no exception applies)"
    how = ("envelope sender only: Postfix's policy service asks before any header"
           if settings.postfix.policy_listen else
           "envelope sender at RCPT, else the From header at the end of DATA")
    return (f"reject phase: refused with 550 except senders of {', '.join(names)} ({how}), "
            "whose mail still becomes a ticket")
