"""Pure: the exception rules ([[exception]] in the config): senders whose mail still becomes a
ticket after the cutover. The first matching rule wins; its name goes into the reason."""

from __future__ import annotations

from collections.abc import Iterable

from gateway.config.settings import ExceptionRule


def _matches(pattern: str, address: str) -> bool:
    """An address pattern matches that address; a domain matches it and its subdomains."""
    if "@" in pattern:
        return address == pattern
    domain = address.rsplit("@", 1)[-1]
    return domain == pattern or domain.endswith("." + pattern)


def matching_rule(rules: Iterable[ExceptionRule], senders: Iterable[str | None],
                  rcpt: str) -> str | None:
    """The name of the first rule that names one of the senders (envelope, From) for rcpt."""
    found = [s.strip().lower() for s in senders if s and "@" in s]
    for rule in rules:
        if rule.addresses and rcpt.lower() not in rule.addresses:
            continue
        if any(_matches(pattern, sender) for pattern in rule.senders for sender in found):
            return rule.name
    return None
