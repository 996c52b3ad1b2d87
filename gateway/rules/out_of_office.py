"""Pure: out-of-office notices recognised by their words, carefully.

Subject words alone never decide against a person: a customer may write about setting up an
absence notice, or forward one to ask about it. So the subject must *start* like an absence
notice (a forward "WG: Automatische Antwort: ..." does not), and the body must corroborate it
(an absence sentence or "this is an automatic reply").
"""

from __future__ import annotations

import re

BODY_CHARS = 2000

_SUBJECT_RE = re.compile(
    r"(?i)^\s*(?:"
    # prefixes that auto-responders put before the original subject
    r"(?:automatische antwort|automatic reply|auto[- ]?reply|auto[- ]?response|autoreply|auto"
    r"|abwesenheitsnotiz|abwesenheit|out of (?:the )?office|r(?:é|e)ponse automatique"
    r"|respuesta autom(?:á|a)tica|risposta automatica|absence)\s*:"
    # whole subjects of vacation responders
    r"|(?:out of (?:the )?office|auto[- ]?reply|away from (?:the )?office|on vacation|vacation reply"
    r"|abwesenheit|abwesenheitsnotiz|abwesend|urlaubsabwesenheit|nicht im b(?:ü|ue)ro|au(?:ß|ss)er haus"
    r"|absence du bureau|absent du bureau|fuera de la oficina|fuori ufficio)\b)")

_BODY_RE = re.compile(
    r"(?i)(automatische (?:antwort|nachricht|e-?mail)|automatisch (?:erstellt|generiert|versandt)"
    r"|automatic(?:ally generated)? (?:reply|message|response)|auto-?generated"
    r"|(?:ich )?bin (?:bis|vom|ab|derzeit|zurzeit|momentan|leider)\b.{0,60}"
    r"(?:nicht im b(?:ü|ue)ro|abwesend|nicht erreichbar|im urlaub|au(?:ß|ss)er haus)"
    r"|(?:i am|i'm|i will be) (?:currently )?(?:out of (?:the )?office|away|on (?:annual )?leave"
    r"|on vacation|on holiday|travell?ing)"
    r"|limited access to (?:my )?e-?mail|in dringenden f(?:ä|ae)llen|in urgent cases"
    r"|je suis absent|estoy fuera|sono assente|réponse automatique|respuesta automática)")


def looks_like_absence_notice(subject: str, text: str) -> bool:
    return bool(_SUBJECT_RE.match(subject or "") and _BODY_RE.search((text or "")[:BODY_CHARS]))
