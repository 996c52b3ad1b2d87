"""Support mail gateway: moves e-mail support over to the Account Center."""

__version__ = "0.1.0"
