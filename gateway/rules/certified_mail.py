"""Pure: a certified-mail (Italian PEC) transport envelope that carries no person's message
(reason `machine-notice`, only where no other sign was found).

A PEC provider wraps every message it delivers: its own text ("Messaggio di posta certificata
... Il messaggio originale è incluso in allegato"), the transport header `X-Trasporto:
posta-certificata` (or `errore`), the certificate's data (`daticert.xml`) and the sender's
message as `postacert.eml` (message/rfc822). A person's PEC carries that original, with their
words in it, and is answered. A system's (the e-invoicing exchange's rejection notice, a
registry's) often carries only data files: XML attachments and no message at all; nothing in
it is a person's to answer. Receipts of acceptance and delivery (`X-Ricevuta`) are bounces
(classify's bounce headers).
"""

from __future__ import annotations

from gateway.rules.parse import ParsedMail

_TRANSPORTS = frozenset({"posta-certificata", "errore"})
_DATA_TYPES = ("application/xml", "text/xml", "application/pkcs7-signature",
               "application/x-pkcs7-signature")


def certified_data_notice(mail: ParsedMail) -> bool:
    """A PEC envelope (its transport header) whose attachments are only data files (XML, the
    signature): no original message, no document, nothing a person wrote."""
    if not any(v.strip().lower() in _TRANSPORTS for v in mail.header_values("x-trasporto")):
        return False
    if not mail.attachments:
        return False
    return all(_data_file(a.content_type, a.filename) for a in mail.attachments)


def _data_file(content_type: str, filename: str) -> bool:
    kind = (content_type or "").lower()
    name = (filename or "").lower()
    return kind.startswith(_DATA_TYPES) or name.endswith((".xml", ".p7s"))
