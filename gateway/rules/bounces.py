"""Pure: bounces in the many formats that are not RFC 3464 DSNs, through flufl.bounce (the bounce
detectors of GNU Mailman), beside the gateway's own rules in classify and a rule of our own for
the languages flufl.bounce does not read (a bounce subject *and* a failure sentence in the body).

flufl.bounce scans the whole body with dozens of patterns (about a millisecond per mail), so it
only runs where a cheap look finds the vocabulary of a delivery failure; a mail a person forwards
or answers (Fwd:, WG:, Re:, AW: ...) is never taken for the bounce it quotes.
"""

from __future__ import annotations

import logging
import re
from email.message import Message

from flufl.bounce import all_failures

log = logging.getLogger("gateway.parse")
# flufl.bounce logs an INFO line per detector and, when one trips over a mail (Sina's on a From
# that is a Header object), an ERROR with a traceback before it re-raises; failed_recipients
# catches that and says so in one debug line. A mail never puts a traceback into the log.
logging.getLogger("flufl.bounce").setLevel(logging.CRITICAL)

SCAN_CHARS = 4000
_PERSON_PREFIX_RE = re.compile(r"(?i)^\s*(re|aw|fwd?|wg|tr|rv|sv|vs|antw|odp|r)\s*(\[\d+\])?\s*:")
# The vocabulary of a delivery failure, lower case. Plain substring tests on the lowered text:
# one case-insensitive regex of these alternatives cost 1.7 ms a mail (a quarter of processing).
_VOCABULARY = ("deliver", "zustell", "could not be sent", "returned mail", "failure notice",
               "permanent error", "permanently error", "permanent fail", "permanently fail",
               "mailbox", "postfach", "no such user", "user unknown", "unknown user",
               "recipient", "empfänger", "empfaenger", "non remis", "remise", "recapit", "entrega")
# Enhanced status codes (5.1.1) and SMTP's 550 as whole words. The pattern starts with the
# literal so the regex engine can skip to each "5"; a leading \b would make it try every position.
_STATUS_CODE_RE = re.compile(r"5(?<=\b5)(?:\.\d\.\d+|50)\b")


SUBJECT_RE = re.compile(
    r"(?i)^\s*(undeliverable|undelivered|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen"
    r"|failure notice|delivery (status notification|failure|failed|report)|mail delivery fail"
    r"|returned mail|message status - undeliverable|non[- ]?delivery|nondeliverable|non remis"
    r"|rapport de non-remise|(é|e)chec de (la )?(remise|distribution)|non recapitabile"
    r"|mancato recapito|avviso di mancata consegna|no se puede entregar|no entregado"
    r"|onbestelbaar|niet afgeleverd)")
# The failure sentence that corroborates a bounce subject (narrow: a customer writing
# "Unzustellbar" about "unzustellbar" mail is a person).
_REPORT_FAILURE_RE = re.compile(
    r"(?i)(could not be delivered|was not delivered|were not delivered|did not reach|unable to"
    r" deliver|undeliverable|permanent(ly)? (error|fail)|user unknown|no such user"
    r"|(wurde|konnte|werden) nicht\b.{0,80}zugestellt|nicht zugestellt werden"
    r"|n'a pas pu (ê|e)tre (remis|distribu)|non (è|e) stato recapitato|non ha potuto essere"
    r" recapitat|no (se )?(pudo|ha podido) (ser )?entregar|kon niet worden afgeleverd)", re.S)
# A delivery-failure sentence in German, English, French, Spanish, Italian (and Dutch), for the
# rules that ask for more besides (mail_systems: the sender, or the original beside it).
_FAILURES = (
    r"(?i)(could(n't| not) be delivered|was(n't| not) delivered|were not delivered|did not reach"
    r"|unable to deliver|failed to deliver|undeliverable|permanent(ly)? (error|fail)|user unknown"
    r"|no such user|delivery (has failed|failed|to the following recipients? (has )?failed)"
    r"|message not delivered|address not found|recipient address rejected|failed permanently"
    r"|mailbox (is )?(unavailable|full|not found|disabled)"
    r"|(has|have) not (yet )?been delivered|delivery (has been |is )?delayed|message delayed"
    r"|noch nicht zugestellt|zustellung verz(ö|oe)gert"
    r"|(wurde|konnte|werden) nicht\b.{0,80}(zugestellt|(ü|ue)bermittelt)|nicht zugestellt werden"
    r"|unzustellbar|zustellung (ist )?fehlgeschlagen|empf(ä|ae)nger (ist )?unbekannt"
    r"|dauerhafter fehler|fehler bei der zustellung|zustellung an\b.{0,80}fehlgeschlagen"
    r"|(ü|ue)bermittlung\b.{0,60}fehlgeschlagen|n'a (pas )?(pu )?(ê|e)t(re|é) (remis|distribu"
    r"|livr|d(é|e)livr)|(non|pas) (é|e)t(é|e) (remis|distribu|d(é|e)livr)"
    r"|(é|e)chec de (la )?(remise|distribution|livraison)|destinataire inconnu"
    r"|adresse introuvable|impossible de (remettre|distribuer|livrer)"
    r"|non (è|e) stato (possibile )?(recapitat|consegnat|recapitare|consegnare)"
    r"|non ha potuto essere recapitat|impossibile (recapitare|consegnare)"
    r"|destinatario sconosciuto|errore permanente|(consegna|recapito) non riuscit"
    r"|no (se )?(pudo|ha podido) (ser )?entrega(r|do)|no (ha sido|fue) entregado|error permanente"
    r"|destinatario desconocido|imposible entregar|entrega fallida|error (al entregar|en la"
    r" entrega)|mancata consegna|kon niet worden afgeleverd)")
# Every wording starts with one of these letters (tests/test_regex_guards.py checks it; a new
# wording with another first letter adds it here): searched only where one stands, the search
# costs about 0.6 of what it did.
FAILURE_FIRST = "acdefhikmnpruwzéü"
FAILURE_RE = re.compile(rf"(?i)(?=[{FAILURE_FIRST}])(?:" + _FAILURES.removeprefix("(?i)") + ")", re.S)


def person_subject(subject: str) -> bool:
    """A subject that starts like a person's forward or answer (Fwd:, WG:, Re:, AW: ...)."""
    return bool(_PERSON_PREFIX_RE.match(subject or ""))


def looks_like_bounce_report(subject: str, text: str) -> bool:
    """Our own rule: a bounce subject at the start *and* a delivery-failure sentence."""
    return bool(SUBJECT_RE.match(subject or "") and _REPORT_FAILURE_RE.search(text[:SCAN_CHARS]))


def bounce_candidate(subject: str, text: str) -> bool:
    if _PERSON_PREFIX_RE.match(subject or ""):
        return False
    return _has_vocabulary(subject or "") or _has_vocabulary(text[:SCAN_CHARS])


def _has_vocabulary(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _VOCABULARY) or bool(_STATUS_CODE_RE.search(text))


def failed_recipients(msg: Message, subject: str, text: str) -> tuple[str, ...]:
    """The addresses a bounce reports as failed (temporarily or for good); () for other mail."""
    if not bounce_candidate(subject, text):
        return ()
    try:
        temporary, permanent = all_failures(msg)
    except Exception as exc:  # a detector tripping over a hostile mail: no verdict from it
        log.debug("flufl.bounce gave up: %s", exc)
        return ()
    found = {a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a)
             for a in temporary | permanent}
    return tuple(sorted(found))
