"""Pure: the backscatter guard's question, "did a trusted receiver authenticate the From domain?".

An SPF or DKIM pass counts only when its domain aligns with the From domain by organisational
domain (DMARC relaxed alignment), taken from the Public Suffix List that `publicsuffixlist` ships:
`d=co.uk` is a public suffix and aligns with nothing, `d=mail.kunde.co.uk` aligns with
`kunde.co.uk`. No network at run time.
"""

from __future__ import annotations

import functools
import re

from publicsuffixlist import PublicSuffixList

_METHOD_RE = re.compile(r"\s*(spf|dkim)\s*=\s*(\w+)", re.I)


@functools.cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # reads the bundled list once per process


def organisational_domain(domain: str) -> str | None:
    """kunde.co.uk for mail.kunde.co.uk; None for a public suffix itself (co.uk) or junk."""
    domain = domain.strip().strip(".").lower()
    if not domain or "." not in domain:
        return None
    return _suffixes().privatesuffix(domain)


def aligned(domain: str, from_domain: str) -> bool:
    org = organisational_domain(domain)
    return org is not None and org == organisational_domain(from_domain)


def aligned_pass(results: str, from_domain: str) -> bool:
    """An SPF or DKIM pass in one Authentication-Results value whose domain aligns (relaxed)."""
    for clause in results.split(";")[1:]:
        method = _METHOD_RE.match(clause)
        if not method or method.group(2).lower() != "pass":
            continue
        prop = "smtp.mailfrom" if method.group(1).lower() == "spf" else "header.d"
        domain = re.search(re.escape(prop) + r"\s*=\s*([^\s;]+)", clause, re.I)
        if domain and aligned(domain.group(1).rsplit("@", 1)[-1], from_domain):
            return True
    return False


def authenticated(results_headers: list[str], from_addr: str, trusted: frozenset[str]) -> bool:
    """True when an Authentication-Results header of a trusted authserv-id holds an aligned pass."""
    from_domain = from_addr.rsplit("@", 1)[-1].lower() if "@" in from_addr else ""
    if not from_domain:
        return False
    for value in results_headers:
        authserv = value.split(";", 1)[0].split()
        if authserv and authserv[0].lower() in trusted and aligned_pass(value, from_domain):
            return True
    return False
