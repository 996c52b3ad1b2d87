"""Pure: the reference of the mail answered (an invoice's, a contract's, a ticket's number from
its subject) repeated in the answer's own words. An absence notice is a fixed text that knows no
subject; a person who answers "Zahlungserinnerung Rechnung RE-2026-04411" with "Wir sind im
Betriebsurlaub. Die Rechnung RE-2026-04411 wird nach unserer Rückkehr beglichen." writes about
the matter (issue 21: tests/attack9, a customers' set written against the absence rules).

Bounded: the subject's first SUBJECT_CHARS, at most REFERENCES tokens looked for."""

from __future__ import annotations

import re

SUBJECT_CHARS = 200
REFERENCES = 4
# A reference: six characters or more, a digit and a letter or separator among them
# ("RE-2026-04411", "FA-2026-0871", "2026-0331", "INV-2026-0441", "100442"), not a date ("20.01.").
_REFERENCE_RE = re.compile(r"(?<![\w-])(?=[\w/-]{0,20}\d)[A-Za-z0-9][\w/-]{4,30}[A-Za-z0-9](?![\w-])")
_DATE_RE = re.compile(r"^\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?$")


def repeats_reference(subject: str, own: str) -> bool:
    """The own text names a reference number that the subject holds."""
    tokens = [t for t in _REFERENCE_RE.findall((subject or "")[:SUBJECT_CHARS])
              if not _DATE_RE.match(t) and any(c.isdigit() for c in t)][:REFERENCES]
    return any(re.search(r"(?<![\w-])" + re.escape(t) + r"(?![\w-])", own) for t in tokens)


# A word of the answered subject repeated in the answer outside its absence sentences ("Quote
# for 3 dedicated servers" - "... and will call you then to go through the quote"; "Invoice
# INV-2026-0441" - "Please send all future invoices to ..."): a word of five letters or more,
# standing alone (not a part of a domain or an address), none of the words that absence notices
# and our own subjects share (message, Anfrage, ticket, automatic reply, urgent ...) and no month
# or day (a notice's return date). Singular and plural alike (two letters). "Unsere Praxis bleibt
# ... geschlossen" under "Webseite Praxis" is the notice's own sentence.
MATTER_WORDS = 8
_WORD_RE = re.compile(r"(?<![\w@/#-])(?<!\w\.)[^\W\d_]{5,24}(?![\w@/-]|\.\w)")
_OWN_WORD_RE = re.compile(r"(?<![\w@/#-])(?<!\w\.)[^\W\d_]{3,26}(?![\w@/-]|\.\w)")
_NOTICE_WORDS = frozenset(
    "ticket tickets support service team office urgent email emails e-mail mails message messages "
    "request requests reply replies automatic response answer regarding about after their there where "
    "which please thanks thank update nachricht nachrichten anfrage anfragen antwort automatische "
    "automatisch abwesend abwesenheit abwesenheitsnotiz urlaub dringend nicht ihrer ihren ihrem unser "
    "unsere unserer unseren wegen durch bitte danke kundenservice votre notre après avant merci "
    "demande réponse automatique absence urgence courriel sobre desde hasta gracias mensaje "
    "solicitud respuesta automática urgente correo della sulla grazie messaggio richiesta risposta "
    "automatica assenza bericht aanvraag antwoord afwezig dringend "
    # months and days in English, German, French, Spanish, Italian and Dutch
    "january february march april august september october november december januar februar märz "
    "juni juli oktober dezember janvier février avril juillet septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre novembre dicembre januari "
    "februari maart augustus monday tuesday wednesday thursday friday saturday sunday montag "
    "dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi vendredi "
    "samedi dimanche lunes martes miércoles jueves viernes sábado domingo lunedì martedì "
    "mercoledì giovedì venerdì sabato domenica maandag dinsdag woensdag donderdag vrijdag "
    "zaterdag zondag".split())


def repeats_word(subject: str, own: str, spans: list[tuple[int, int]]) -> bool:
    """The own text repeats a word of the answered subject (the matter: "the quote") outside the
    spans of its absence sentences."""
    words = [w.lower() for w in _WORD_RE.findall((subject or "")[:SUBJECT_CHARS])
             if w.lower() not in _NOTICE_WORDS][:MATTER_WORDS]
    if not words:
        return False
    found = {m.group().lower() for m in _OWN_WORD_RE.finditer(own)
             if not any(a <= m.start() < b for a, b in spans)}
    return any(t == w or (t.startswith(w) or w.startswith(t)) and abs(len(t) - len(w)) <= 2
               and min(len(t), len(w)) >= 5 for w in words for t in found)
