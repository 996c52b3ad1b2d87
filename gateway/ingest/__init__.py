"""Reception, one module per source (SMTP/LMTP, policy service, IMAP with OAuth2, pipe and
files): each stores the raw mail durably before it acknowledges. Imports store, rules, config."""
