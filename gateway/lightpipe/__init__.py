"""The light pipe: `gateway ingest` as Postfix calls it (a process per mail), done with the
standard library only (sqlite3, tomllib): it stores the mail durably and leaves the processing
to `serve` or `gateway process`. Whatever it cannot do itself (PostgreSQL, a database not yet
migrated, `--json`, anything unusual) it hands to the full command line, untouched."""


class NeedsFullPath(Exception):
    """This call is for the full command line (nothing has been read or stored yet)."""
