"""Pure: a person's mail that ends on a closing word alone ("Thanks", "Danke!", "Merci", "LG").

A terse customer writes a line, pastes a few values and closes with a bare "Thanks" from a role
address, under a subject tagged "[URGENT]": three weak machine signals (fields, sender, subject)
but a person's mail. A program's notice closes for somebody ("Thanks,\\nThe Acme Team") or ends
on its footer, so the last line of its text is never a closing word alone.
"""

from __future__ import annotations

import re

_CLOSING_RE = re.compile(
    r"(?i)(?:many |vielen |)(?:thanks?|thank you|thx|ty|danke(?: schön| sehr)?"
    r"|merci(?: beaucoup)?|grazie(?: mille)?|gracias|obrigad[oa]|bedankt|dank je|tack|takk"
    r"|dzięki|dziękuję|cheers|regards|best|gruß|grüße|gruss|gruesse|lg|vg|mfg|bg|cordialement"
    r"|saludos|saluti|groeten|pozdrawiam)(?: a lot| so much)?[ \t]*[!.,]*")


def ends_with_closing(prose: str) -> bool:
    """The last non-empty line of the writer's own prose is a closing word alone."""
    last = next((line.strip() for line in reversed(prose[-400:].splitlines()) if line.strip()), "")
    return len(last) <= 30 and bool(_CLOSING_RE.fullmatch(last))
