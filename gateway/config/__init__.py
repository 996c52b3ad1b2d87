"""The settings: the TOML file and the environment turned into validated, typed settings.

Imports only the root vocabulary; every other package may import it."""
