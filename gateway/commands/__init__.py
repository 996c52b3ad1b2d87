"""The command line, one module per group of commands: thin click commands over admin, service,
pipeline and ingest. Imports anything but cli and launch."""
