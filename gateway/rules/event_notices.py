"""Pure: an event platform's confirmation that the reader is registered for a webinar, a
conference or a training (reason `machine-notice`, only where no other sign was found).
Known by its structure together, never by the sender's or platform's name:

- thanks for registering, or the reader is registered, in the customers' languages ("Thank you
  for registering for ...", "Vielen Dank für Ihre Anmeldung", "Merci pour votre inscription",
  "Gracias por registrarte", "Grazie per esserti registrato", "Bedankt voor je aanmelding",
  "Dziękujemy za rejestrację", "Obrigado por se inscrever");
- the event's own furniture: a calendar file that publishes or invites (`.ics`, `text/calendar`
  with METHOD:PUBLISH or REQUEST), or a line to add it to one's calendar or to cancel the
  registration ("Add to calendar", "To cancel this registration", "Zum Kalender hinzufügen");
- nobody writing as I (the event's organiser is a "we" at most), no question in its own words
  (a link's "?" is nobody's) and no person's sign-off;
- not sent on or answered (Fwd:, Re:: classify's person_subject is read before this).
A customer who registered for our webinar and asks about it ("I registered for your webinar on
27 May; will there be a recording?") writes as I or asks, and is answered.
"""

from __future__ import annotations

import re

from gateway.rules.originals import own_part, unquoted, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import named_sign_off

CALENDAR_BYTES = 8000
SCAN_CHARS = 4000
_CALENDAR_TYPES = ("text/calendar", "application/ics")
_METHOD_RE = re.compile(rb"(?im)^METHOD:[ \t]*(?:PUBLISH|REQUEST)[ \t]*\r?$")
# The stems every alternative of _REGISTERED_RE holds.
_STEMS = ("regist", "sign", "enrol", "anmeld", "angemeld", "teilnahme", "inscri", "inscre", "iscri",
          "aanmeld", "aangemeld", "inschrij",
          "ingeschreven", "rejestr", "zapis", "zg\u0142osz", "zglosz")
# On lower-case text.
_REGISTERED_RE = re.compile(
    r"\b(?:thanks?(?: you)? for (?:registering|signing up|your registration|enrolling)"
    r"|you(?:'re| are|'ve| have) (?:now |successfully )*(?:registered|signed up|enrolled)"
    r"|your registration (?:for|to|is|has been) [^.\n]{0,80}?\bconfirmed"
    r"|(?:vielen )?danke? f(?:ü|ue)r (?:ihre|deine) (?:anmeldung|registrierung|teilnahme)"
    r"|(?:sie sind|du bist) (?:nun |jetzt |erfolgreich )*(?:angemeldet|registriert)"
    r"|merci (?:pour|de) (?:votre|ton) inscription|vous (?:ê|e)tes (?:bien )?inscrit"
    r"|votre inscription [^.\n]{0,80}?\b(?:est|a (?:é|e)t(?:é|e)) (?:bien )?(?:confirm|enregistr)"
    r"|gracias por (?:registrarte|registrarse|inscribirte|inscribirse|(?:tu|su) (?:registro"
    r"|inscripci(?:ó|o)n))|(?:tu|su) (?:registro|inscripci(?:ó|o)n) [^.\n]{0,80}?\b(?:est(?:á|a)"
    r"|ha sido) confirmad"
    r"|grazie per (?:esserti|essersi|la (?:tua|sua)) (?:registrat|iscritt|registrazione"
    r"|iscrizione)|(?:la tua|la sua) (?:registrazione|iscrizione) [^.\n]{0,80}?\b(?:(?:è|e) stata"
    r" )?confermata"
    r"|bedankt voor (?:je|uw|jouw) (?:aanmelding|registratie|inschrijving)"
    r"|(?:je|u) bent (?:nu |succesvol )*(?:aangemeld|geregistreerd|ingeschreven)"
    r"|dzi(?:ę|e)kujemy za (?:rejestracj(?:ę|e)|zapisanie si(?:ę|e)|zg(?:ł|l)oszenie udzia(?:ł|l)u)"
    r"|obrigad[oa] (?:por (?:se )?(?:registar|registrar|inscrever|(?:a sua|sua) inscri(?:ç|c)(?:ã|a)o)"
    r"|pela (?:sua )?inscri(?:ç|c)(?:ã|a)o))")
_FURNITURE_RE = re.compile(
    r"\b(?:add (?:it |this )?to (?:your |my )?calendar|to cancel (?:this|your) registration"
    r"|cancel (?:your|this) registration|(?:zum|in den|zu ihrem) kalender hinzuf(?:ü|ue)gen"
    r"|anmeldung (?:zu )?stornieren|ajouter (?:à|a) (?:votre |mon )?(?:calendrier|agenda)"
    r"|annuler (?:votre|cette) inscription|a(?:ñ|n)adir (?:a|al) (?:tu |su |mi )?calendario"
    r"|cancelar (?:tu|su) (?:registro|inscripci(?:ó|o)n)|aggiungi al (?:tuo |mio )?calendario"
    r"|annulla(?:re)? (?:la (?:tua|sua) )?(?:registrazione|iscrizione)"
    r"|toevoegen aan (?:je |uw |mijn )?(?:agenda|kalender)|(?:aanmelding|inschrijving) annuleren"
    r"|dodaj do (?:swojego )?kalendarza|adicionar ao (?:seu |meu )?calend(?:á|a)rio)")
# The writer as I: a customer telling of their own registration.
# ("je" alone is the Dutch reader's "you": the French "I" goes with its verb).
_SINGULAR_RE = re.compile(r"\b(?:i|i'm|i've|i'll|ich|j'\w+|je (?:suis|me|ne|voudrais|souhaite|peux"
                          r"|vous|dois|viens)|yo|io|ik|my|mein\w*|mon|mijn)\b")


def registration_confirmation(mail: ParsedMail) -> bool:
    """Thanks for registering, the event's calendar file or its calendar or cancel line, and
    nobody writing as I, asking or signing with a name."""
    head = mail.text[:SCAN_CHARS].lower()
    if not any(stem in head for stem in _STEMS):  # most mail ends here, cheaply
        return False
    own = unquoted(own_part(mail.text))[:SCAN_CHARS]
    lower = own.lower()
    if not _REGISTERED_RE.search(lower):
        return False
    if not (_FURNITURE_RE.search(lower) or any(map(_calendar, mail.attachments))):
        return False
    words = _FURNITURE_RE.sub(" ", without_links(lower))  # "Add to my calendar" is a button
    return not ("?" in words or _SINGULAR_RE.search(words) or named_sign_off(own) is not None)


def _calendar(attachment) -> bool:
    calendar = (attachment.content_type in _CALENDAR_TYPES
                or attachment.filename.lower().endswith(".ics"))
    return calendar and bool(_METHOD_RE.search(attachment.data[:CALENDAR_BYTES]))
