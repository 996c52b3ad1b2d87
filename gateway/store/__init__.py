"""What lasts: the SQLModel tables, the engine and its migrations, the inbound queue, tickets,
attachments and retention. Imports config, rules and the root vocabulary."""
