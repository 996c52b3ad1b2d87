"""Pure: where an absence answer's clauses end (absence_replies): a comma or semicolon before
where to turn or the return ends a sentence, so that a clause of the writer's own before it
("La migración está bien para nosotros, para temas urgentes llamad a Jorge", "Die Wartung am
29.12. passt deshalb gut, ab dem 2. Januar sind wir wieder für Sie da") must be an absence of
its own; a condition or purpose before the comma ("If it can't wait, please email ...") is the
notice's own way to say where to turn.

Bounded: the comma looked for at most CLAUSE_CHARS before each span."""

from __future__ import annotations

import re

from gateway.rules.absence_words import OPENERS, SENTENCE_ENDS


def split_before(own: str, back: list[tuple[int, int]]) -> str:
    """The text with a comma or semicolon right before where to turn ("..., para temas urgentes
    llamad a Jorge"), or a few words before it after a clause of CLAUSE_WORDS or more ("Die
    Wartung passt deshalb gut, ab dem 2. Januar sind wir wieder da"; not "Ab Montag, 8. März, bin
    ich wieder da"), made a sentence's end: the clause before it must be an absence of its own."""
    chars = list(own)
    for start, _ in back:
        at = max(own.rfind(mark, max(0, start - CLAUSE_CHARS), start) for mark in ",;")
        near = at == len(own[:start].rstrip()) - 1
        if at >= 0 and not _ENDS_RE.search(own, at + 1, start) and not _condition(own[:at]) and (
                near or len(own[max(own.rfind(m, 0, at) for m in _BOUNDS) + 1:at].split()) >= CLAUSE_WORDS):
            chars[at] = "."
    return "".join(chars)


CLAUSE_CHARS = 40
CLAUSE_WORDS = 4
_ENDS_RE = re.compile(r"[.!?\n" + SENTENCE_ENDS + "]")
_BOUNDS = ".!?\n,;" + SENTENCE_ENDS


def _condition(before: str) -> bool:
    """The clause before the comma is a condition or purpose ("If it can't wait, please email
    ...", "For anything urgent, reach out to ..."), the notice's own way to say where to turn."""
    opened = max(before.rfind(mark) for mark in ".!?\n" + SENTENCE_ENDS) + 1
    words = before[opened:].split()
    return bool(words) and words[0].lower() in OPENERS
