"""Pure: a person's mail that ends on a closing word alone ("Thanks", "Danke!", "Merci", "LG"),
or on the line a phone's or an app's mail client puts under it ("Sent from my iPhone", "Von
meinem iPhone gesendet", "Get Outlook for Android"): a program's notice never ends so.

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


_CLIENT_LINE_RE = re.compile(
    r"(?i)(?:sent from (?:my|mail for windows|outlook|yahoo mail)|von meinem"
    r"|gesendet (?:von|mit) (?:meinem|outlook)|envoy(?:é|e) de mon|enviado desde mi"
    r"|inviato da|verzonden (?:vanaf|met) mijn|wys(?:ł|l)ane z|get outlook for) [\w .-]{2,40}")


def ends_with_closing(prose: str) -> bool:
    """The last non-empty line of the writer's own prose is a closing word alone, or the line a
    phone's mail client writes under a mail."""
    last = next((line.strip() for line in reversed(prose[-400:].splitlines()) if line.strip()), "")
    if len(last) > 60:
        return False
    return bool(_CLOSING_RE.fullmatch(last) or _CLIENT_LINE_RE.fullmatch(last))
