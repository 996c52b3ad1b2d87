"""Pure: an acknowledgement under an automatic reply's own subject words (reason `auto-reply`).

A mail client's or server's rule that answers every mail with "Thank you for your message, we
have received it and will get back to you" writes no absence, so out_of_office does not take it,
and without its headers (Auto-Submitted, Precedence, X-Autoreply: a forwarder or an IMAP copy
may lose them) it was answered. Its subject names it, as Outlook's and most responders' do:
"Automatic reply: ...", "Automatische Antwort: ...", "[Auto-Reply] ...", "... (Automatic
Response)", or "Auto reply" alone (a real Spanish responder in flufl.bounce's data: "Gracias por
contactar con nosotros!! ... a la mayor brevedad posible tendrás noticias nuestras").

Taken only together: the subject *starts* with those words (before a colon, or in brackets) or
ends with them in parentheses or brackets, or is nothing else (never after "Re:", "AW:", "WG:":
a person answering or sending one on); the own text, quotes and links set aside, is short and
acknowledges the mail or promises an answer (in English, German, French, Spanish, Italian, Dutch,
Portuguese, Polish); and it asks nothing (no question mark) and requests nothing of the reader but
where to turn (out_of_office's test): a customer who asks about their own automatic reply, or
sends the text they want set up and asks for it, is answered.
"""

from __future__ import annotations

import re

from gateway.rules.absence_words import AUTO_REPLY_PREFIXES, QUESTION_MARKS, lowered
from gateway.rules.originals import own_part, unquoted, without_links
from gateway.rules.out_of_office import _asks_for_more
from gateway.rules.parse import ParsedMail

OWN_CHARS = 900
_WORDS = (r"(?:automatic (?:reply|response)|auto[- ]?(?:reply|response)|autoreply|automatische"
          r" antwort|r(?:é|e)ponse automatique|respuesta autom(?:á|a)tica|risposta automatica"
          r"|automatisch antwoord|resposta autom(?:á|a)tica|automatyczna odpowied(?:ź|z)"
          r"|automatiskt svar|automatisk svar|autosvar" + AUTO_REPLY_PREFIXES + r")")
_SUBJECT_RE = re.compile(
    r"(?i)^\s*(?:" + _WORDS + r"\s*(?:[:：]|$)|[\[【(]\s*" + _WORDS + r"\s*[\]】)])"
    r"|[\[【(]\s*" + _WORDS + r"\s*[\]】)]\s*$")
# The mail received, or an answer promised: the acknowledgement's own sentences.
_ACK_RE = re.compile(
    r"\b(?:we|i)(?: have|'ve)? (?:received|got) your\b|\byour (?:message|e-?mail|mail|request"
    r"|inquiry|enquiry|query) (?:has been|was|is) (?:received|registered)\b|\b(?:we|i)(?:'ll| will"
    r"| shall) (?:get back to you|respond|reply|answer|be in touch|contact you|get in touch)\b"
    r"|\byou will hear from (?:us|me)\b|\bwe are (?:processing|handling|reviewing) your\b"
    r"|\b(?:wir haben|ich habe) ihre (?:nachricht|e-?mail|mail|anfrage)\b[^.!?\n]{0,40}\berhalten\b"
    r"|\bihre (?:nachricht|e-?mail|mail|anfrage) (?:ist|wurde) (?:bei uns )?(?:eingegangen|empfangen)"
    r"|\b(?:wir|ich) (?:melden uns|melde mich|bearbeiten ihre|werden? (?:uns|mich)\b[^.!?\n]{0,60}"
    r"\b(?:melden|in verbindung setzen))|\bnous avons (?:bien )?re(?:ç|c)u\b|\bnous vous r(?:é|e)pondrons"
    r"|\bnous reviendrons vers vous\b|\bhemos recibido\b|\b(?:le|te|les) (?:responderemos"
    r"|contestaremos)\b|\bnos pondremos en contacto\b|\bestamos procesando\b|\btendr(?:á|a)s? "
    r"noticias nuestras\b|\babbiamo ricevuto\b|\b(?:le|ti|vi) risponderemo\b|\b(?:la|vi|ti) "
    r"contatteremo\b|\b(?:wij|we) hebben uw\b[^.!?\n]{0,40}\bontvangen\b|\bnemen\b[^.!?\n]{0,40}"
    r"\bcontact\b[^.!?\n]{0,12}\bop\b|\brecebemos (?:a sua|sua|o seu|seu)\b|\bresponderemos\b"
    r"|\bentraremos em contato\b|\botrzymali(?:ś|s)my\b|\bodpowiemy\b|\bskontaktujemy si(?:ę|e)\b")


def prefixed_ack(mail: ParsedMail) -> bool:
    """An acknowledgement under an automatic reply's subject words (see the module's text)."""
    if not _SUBJECT_RE.search(mail.subject or ""):
        return False
    own = unquoted(without_links(own_part(mail.text or ""))).strip()
    if not own or len(own) > OWN_CHARS or any(mark in own for mark in QUESTION_MARKS):
        return False
    return bool(_ACK_RE.search(lowered(own))) and not _asks_for_more(own)
