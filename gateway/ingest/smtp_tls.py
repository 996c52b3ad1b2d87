"""STARTTLS for the SMTP and LMTP listeners: the server context from smtp.tls_cert_file and
smtp.tls_key_file, or None (no STARTTLS offered)."""

from __future__ import annotations

import ssl

from gateway.config.settings import GatewaySettings


def tls_context(settings: GatewaySettings) -> ssl.SSLContext | None:
    smtp = settings.smtp
    if not (smtp.tls_cert_file and smtp.tls_key_file):
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(smtp.tls_cert_file, smtp.tls_key_file)
    return context
