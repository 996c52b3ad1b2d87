"""Pure: what a company's signature puts under a person's mail that reads like a program's
footer: a copyright line ("© 2026 Musterbau GmbH", "Alle Rechte vorbehalten", "tous droits
réservés") and a confidentiality disclaimer ("If you received this e-mail in error, please
notify the sender"). machine_signals counts them as a footer, but a person's request beside
them ("bitte stornieren Sie folgende Rechnung") stays a person's: only a program's own footer
("You are receiving this because ...", "do not reply", "unsubscribe") shows that a program asks.
"""

from __future__ import annotations

import re

# On lower-case text; bounded, no alternative that can backtrack far.
_SIGNATURE_RE = re.compile(
    r"©|\(c\) ?(?:19|20)\d\d|all rights reserved|alle rechte vorbehalten|tous droits r(?:é|e)serv"
    r"|todos los derechos reservados|tutti i diritti riservati|alle rechten voorbehouden"
    r"|(?:you(?:'ve| have)? receiv(?:e|ed) this|vous recevez (?:ce|cet))\b[^.\n]{0,30}?"
    r"\b(?:in error|by mistake|par erreur)")


def without_signature_footer(lowered: str) -> str:
    """The lower-case text without a company signature's copyright lines and disclaimers."""
    return _SIGNATURE_RE.sub(" ", lowered)


def without_copyright_lines(text: str) -> str:
    """The text without the lines that carry a copyright (a company signature's line of its own
    links: "© 2026 Kunde GmbH · https://kunde.example · https://kunde.example/impressum")."""
    return "\n".join(line for line in text.splitlines()
                     if not _SIGNATURE_RE.search(line.lower()))
