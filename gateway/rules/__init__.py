"""The pure decision core: a mail's bytes and the settings in, facts and a Decision out.

No I/O here (no database, network, files, templates or clock reads); imports only the root
vocabulary (codes, clock types, errors, subaddress, redact) and `gateway.config`."""
