"""Pure: the reference of the mail answered (an invoice's, a contract's, a ticket's number from
its subject) repeated in the answer's own words. An absence notice is a fixed text that knows no
subject; a person who answers "Zahlungserinnerung Rechnung RE-2026-04411" with "Wir sind im
Betriebsurlaub. Die Rechnung RE-2026-04411 wird nach unserer Rückkehr beglichen." writes about
the matter (issue 21: tests/attack9, a customers' set written against the absence rules).

Bounded: the subject's first SUBJECT_CHARS, at most REFERENCES tokens looked for."""

from __future__ import annotations

import re

SUBJECT_CHARS = 200
REFERENCES = 4
# A reference: six characters or more, a digit and a letter or separator among them
# ("RE-2026-04411", "FA-2026-0871", "2026-0331", "INV-2026-0441", "100442"), not a date ("20.01.").
_REFERENCE_RE = re.compile(r"(?<![\w-])(?=[\w/-]{0,20}\d)[A-Za-z0-9][\w/-]{4,30}[A-Za-z0-9](?![\w-])")
_DATE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?$")


def repeats_reference(subject: str, own: str) -> bool:
    """The own text names a reference number that the subject holds."""
    tokens = [t for t in _REFERENCE_RE.findall((subject or "")[:SUBJECT_CHARS])
              if not _DATE_RE.match(t) and any(c.isdigit() for c in t)][:REFERENCES]
    return any(re.search(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", own) for t in tokens)
