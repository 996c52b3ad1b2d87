"""The worker's steps after reception: claim, parse, classify, decide, act (tickets, replies,
the responder ledger) and render the reply. Imports delivery, ingest, store, rules, config."""
