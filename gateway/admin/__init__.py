"""What admins read: queries behind the list commands, the report (text, JSON, CSV, HTML),
simulate, ticket export. Imports pipeline and everything below it; never the service."""
