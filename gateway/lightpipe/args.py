"""Pure: the command line of a plain pipe call, or None for anything else (the full CLI then
parses it and gives its own help and errors)."""

from __future__ import annotations

from dataclasses import dataclass

# option -> field; value options only. Flags the light pipe can ignore are in _IGNORED.
_GLOBAL = {"--config": "config"}
_INGEST = {"--config": "config", "--rcpt": "rcpts", "--sender": "sender", "--at": "at",
           "--source": "source"}
_IGNORED_GLOBAL = {"-v", "-vv", "--verbose"}
_IGNORED_INGEST = {"--no-process"}  # the light pipe never processes


@dataclass
class PipeRequest:
    rcpts: list[str]
    sender: str | None = None
    at: str | None = None
    source: str = "pipe"
    config: str | None = None


def _split(token: str) -> tuple[str, str | None]:
    name, sep, value = token.partition("=")
    return (name, value) if sep and name.startswith("--") else (token, None)


def _take(tokens: list[str], i: int, options: dict[str, str], ignored: set[str],
          found: dict) -> int | None:
    """Consume one option at tokens[i]; the index after it, or None if it is not ours."""
    name, value = _split(tokens[i])
    if name in ignored and value is None:
        return i + 1
    if name not in options:
        return None
    if value is None:
        if i + 1 >= len(tokens):
            return None
        value, i = tokens[i + 1], i + 1
    field = options[name]
    if field == "rcpts":
        found.setdefault("rcpts", []).append(value)
    else:
        found[field] = value
    return i + 1


def parse_pipe_argv(tokens: list[str]) -> PipeRequest | None:
    """`[--config X] [-v] ingest --rcpt A [--rcpt B] [--sender S] [--at T] [--source N]`."""
    found: dict = {}
    i = 0
    while i < len(tokens) and tokens[i] != "ingest":
        i = _take(tokens, i, _GLOBAL, _IGNORED_GLOBAL, found)
        if i is None:
            return None
    if i >= len(tokens):
        return None
    i += 1
    while i < len(tokens):
        i = _take(tokens, i, _INGEST, _IGNORED_INGEST, found)
        if i is None:
            return None
    if not found.get("rcpts"):
        return None
    return PipeRequest(**found)
