"""Pure: an absence notice written twice, in a language we read and in one we have no words for
("Niko nje ya ofisi hadi tarehe 4 Desemba." beside "I am out of the office until 4 December."):
the sentences no absence word covers are the same notice again, by their structure alone.

They are, when together they (1) name a number or an address that the covered sentences name
too (the date, the colleague's address), (2) are about as long as the covered ones (a
translation: between TRANSLATION_MIN and TRANSLATION_MAX of their words), and (3) hold none of
the small words of the languages the rules read (the, ist, est, è, het, и ...): a person's own
sentence beside an absence notice ("The backup of 4 January failed again") is in the notice's
language, or much shorter than it, or on the notice's own line. The caller has already found
the covered sentences to be a whole notice (an absence and when or through whom) with no
question, thanks or request.
"""

from __future__ import annotations

import re

from gateway.rules.absence_words import ADDRESS

TRANSLATION_MIN = 0.5
TRANSLATION_MAX = 2.5
_TOKEN_RE = re.compile(ADDRESS + r"|\d+")
_WORD_RE = re.compile(r"[^\W\d_]+")
# The small words of English, German, French, Spanish, Italian, Dutch, Portuguese and Russian.
_SMALL_WORDS = frozenset(
    "the a an of on in to at by is are was were be been and or but our my your its it this that "
    "these since has have had not no with for from we i you he she they can will would "
    "der die das den dem des ein eine ist sind war und oder aber nicht mit seit ich wir es "
    "hat haben auch noch wird bei von zu im am "
    "le la les un une des du est sont et ou mais pas avec depuis je nous il elle ce au aux "
    "el los las es y pero con desde yo que por para lo al del "
    "il lo gli è e ma non che sono ho abbiamo della nel "
    "de het een en niet met sinds ik wij ons is op van "
    "o os as é não com desde eu nós do da em "
    "и в не на что это с я мы он она но по".split())


def said_twice(covered: list[tuple[int, str]], uncovered: list[tuple[int, str]]) -> bool:
    """The uncovered sentences (line number, text) are the covered notice again, in another
    language, on lines of their own."""
    if {line for line, _ in covered} & {line for line, _ in uncovered}:
        return False  # "I am away until 4 January. Backup failed again, 4 January." on one line
    known, other = " ".join(s for _, s in covered), " ".join(s for _, s in uncovered)
    if not set(_TOKEN_RE.findall(known)).intersection(_TOKEN_RE.findall(other)):
        return False
    words = [w.lower() for w in _WORD_RE.findall(other)]
    if _SMALL_WORDS.intersection(words):
        return False
    known_words = len(_WORD_RE.findall(known))
    return TRANSLATION_MIN * known_words <= len(words) <= TRANSLATION_MAX * known_words
