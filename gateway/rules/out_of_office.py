"""Pure: out-of-office notices recognised by their words, carefully.

Subject words alone never decide against a person: a customer may write about setting up an
absence notice, or forward one to ask about it. So the subject must *start* like an absence
notice (a forward "WG: Automatische Antwort: ..." does not), and the body must corroborate it
(an absence sentence or "this is an automatic reply").

A vendor's vacation marker is the other corroboration: a header only auto-responders write
(X-Vacation, X-Autoreply-*, an X-Mailer naming a vacation program) decides alone; a header that
inbox rules write on any mail they send (X-MS-Exchange-Inbox-Rules-Loop, X-Sieve) decides beside a
subject that starts like an automatic reply ("Auto reply:", "Automatische Antwort:" ...).
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
    r"|absence du bureau|absent du bureau|fuera de la oficina|fuori ufficio)\b"
    # Domino's: "<name> ist außer Haus." / "<name> is out of the office."
    r"|[^:?]{1,60}\b(?:ist au(?:ß|ss)er haus|is out of (?:the )?office|est absente?)\.?\s*$)")

_BODY_RE = re.compile(
    r"(?i)(automatische (?:antwort|nachricht|e-?mail)|automatisch (?:erstellt|generiert|versandt)"
    r"|automatic(?:ally generated)? (?:reply|message|response)|auto-?generated"
    r"|(?:ich )?bin (?:bis|vom|ab|derzeit|zurzeit|momentan|leider)\b.{0,60}"
    r"(?:nicht im b(?:ü|ue)ro|abwesend|nicht erreichbar|im urlaub|au(?:ß|ss)er haus)"
    r"|(?:i am|i'm|i will be) (?:currently )?(?:out of (?:the )?office|away|on (?:annual )?leave"
    r"|on vacation|on holiday|travell?ing)"
    r"|ich werde ab\b.{0,40}\bnicht im b(?:ü|ue)ro sein"
    r"|limited access to (?:my )?e-?mail|in dringenden f(?:ä|ae)llen|in urgent cases"
    r"|je suis absent|estoy fuera|sono assente|réponse automatique|respuesta automática)")


def looks_like_absence_notice(subject: str, text: str) -> bool:
    """An absence subject, and a body sentence that states (not asks about) an absence."""
    if not _SUBJECT_RE.match(subject or ""):
        return False
    body = (text or "")[:BODY_CHARS]
    return any(not _asked(body, found.end()) for found in _BODY_RE.finditer(body))


def _asked(body: str, at: int) -> bool:
    """The sentence around `at` ends with a question mark ("Wie richte ich eine automatische
    Antwort ein?"): a person asking."""
    ends = [body.find(mark, at) for mark in ".!?\n"]
    end = min((e for e in ends if e != -1), default=-1)
    return end != -1 and body[end] == "?"


# Header names only auto-responders write (X-Auto-Response-Suppress is a request, not a marker).
_VACATION_HEADER_RE = re.compile(
    r"^x-(?!auto-response-suppress$)[\w-]*(?:auto-?repl|auto-?respon|vacation|abwesenheit"
    r"|out-?of-?office)")
_VACATION_MAILER_RE = re.compile(
    r"(?i)vacation|auto-?repl|auto-?respon|abwesenheit|out of (?:the )?office|urlaubs")
_RULE_HEADERS = ("x-ms-exchange-inbox-rules-loop", "x-sieve", "x-sieve-redirected-from")


def vacation_marker(headers: list[tuple[str, str]], subject: str) -> bool:
    """A vendor's vacation header, or an inbox rule's header beside an auto-reply subject."""
    names = {name for name, _ in headers}
    if any(_VACATION_HEADER_RE.match(name) for name in names):
        return True
    if any(name == "x-mailer" and _VACATION_MAILER_RE.search(value) for name, value in headers):
        return True
    return bool(names.intersection(_RULE_HEADERS)) and bool(_SUBJECT_RE.match(subject or ""))
