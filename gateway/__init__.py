"""Support mail gateway: moves e-mail support over to a ticket portal (the company facts)."""

__version__ = "0.1.0"
