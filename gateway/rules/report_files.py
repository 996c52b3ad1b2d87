"""Pure: a mail that carries a DMARC aggregate report (RFC 7489 section 7.2.1) or an SMTP TLS
report (RFC 8460) as its file, with no more than a line or two of text around it.

Receivers send these to the address a domain's DMARC or TLS-RPT record names, and a record that
names a support address (or a mailbox moved onto one) brings them there daily. Their file names
are fixed by the RFCs: `receiver!policy-domain!begin!end[!unique].xml[.gz|.zip]` (DMARC) and
`receiver!policy-domain!begin!end[!unique].json[.gz]` (TLS-RPT); a TLS report may instead be
known by its media type `application/tlsrpt+gzip` / `+json`. A person who forwards such a report
asks about it ("why do we fail DMARC?"): a question mark or more than a few lines of own text keep
the mail a person's.
"""

from __future__ import annotations

import re

from gateway.rules.absence_words import QUESTION_MARKS
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail

# The report's own text is a line or two ("This is a DMARC aggregate report for example.com").
REPORT_TEXT_CHARS = 400
_REPORT_NAME_RE = re.compile(r"^[^!\s]{1,255}![^!\s]{1,255}!\d{9,11}!\d{9,11}(?:![^!\s]{1,128})?"
                             r"\.(?:xml|json)(?:\.gz|\.zip)?$|^[^!\s]{1,255}![^!\s]{1,255}!\d{9,11}"
                             r"!\d{9,11}(?:![^!\s]{1,128})?\.(?:zip|gz)$", re.I)
_REPORT_TYPES = ("application/tlsrpt+gzip", "application/tlsrpt+json")


def report_file(mail: ParsedMail) -> bool:
    """The mail carries an aggregate DMARC or a TLS report and says no more than a report does."""
    if not any(_REPORT_NAME_RE.match(a.filename) or a.content_type.lower() in _REPORT_TYPES
               for a in mail.attachments):
        return False
    own = own_part(mail.text or "").strip()
    return len(own) <= REPORT_TEXT_CHARS and not any(mark in own for mark in QUESTION_MARKS)
