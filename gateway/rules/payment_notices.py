"""Pure: a payment notice that a billing system sends (reason `machine-notice`, only where no
other sign was found): a receipt, a debit announcement, a renewal or a failed charge, known by
the reader's payment instrument masked to its last digits, never by the subject alone.

- the writer's own part names the reader's card or account masked as only a program shows it,
  with "your" or under a receipt's "Paid with": "your card ending in 4471", "Paid with
  Mastercard •••• 0952", "von Ihrem Konto DE89 **** 3000", "votre carte se
  terminant par 1234"; not the writer's own or one named without ("my card ending in ...",
  "meine Karte ****1234", "die Abbuchung vom Konto DE12 **** 4455": a customer about a charge);
- no person: not sent on or answered (Fwd:, Re: ...), no question (a stock offer on a link's
  line, "Need help with your order? Visit https://...", or answered by a site on its line,
  "... Visit paddle.net", is the notice's), no first person
  ("I", "ich", "je" ...), no sign-off with a person's name (a company's or a team's, "Ihr
  netcup Team", "Statusflow Billing", one led by the sender's domain name, or none), and a
  request only beside a link to act on ("please update your payment method: https://..."): a
  customer who asks to charge "the card ending in 4471" instead writes plain words and is
  answered; so is one whose first paragraph asks for something, without a link, above a notice
  pasted below it ("Bitte diese Lastschrift aussetzen, die Rechnung ist falsch.").
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.machine_words import first_person
from gateway.rules.notices import PLEASE_RE
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import LINK_RE, named_sign_off

SCAN_CHARS = 3000
# Masked to the last digits: a run of mask characters, or the words for "ending in".
_MASKED_RE = re.compile(  # on lower-case text; no alternative starts with \b (machine_words)
    r"(?:[*•·]{2,12}|x{3,12})[ \t]?\d{2,4}(?!\d)|(?:ending(?: in| with)?|end(?:et|end) (?:auf|mit)"
    r"|mit (?:der )?endung|se terminant par|terminada en|che termina (?:con|in|per)|eindigend op"
    r"|kończąc[ae] się na) \d{4}(?!\d)")
# Cheap substrings one of which a mask needs (most mails have none: no scan with the pattern).
_HINTS = ("*", "•", "·", "xxx", "ending", "endet", "endend", "endung", "terminant", "terminada",
          "termina", "eindigend", "kończ")
# The reader's card or account a few words before the mask ("your card", "von Ihrem Konto",
# "votre carte"), or a receipt's "Paid with ..." / "Bezahlt mit ..."; a customer writes of "meine
# Karte", "unser Konto", "vom Konto", or "Neue Zahlungsart: Visa **** 4417", and is answered.
_READERS_RE = re.compile(
    r"(?:\b(?:your|ihre?[mnrs]?|dein\w{0,2}|votre|vos|su|sus|tu|tus|uw|jouw|je|vostr\w|sua|suo|tua"
    r"|tuo)\b|paid with|charged to|bezahlt mit|pay(?:é|e) avec|pagado con|pagato con"
    r"|betaald met)[^\n.!?]{0,30}$")
_QUESTION_LINE_RE = re.compile(r"(?m)^[^\n]*\?[^\n]*$")
# A receipt's stock offer of help, answered on its line by a site ("Need help with your order?
# Visit paddle.net", "Fragen zur Bestellung? hilfe.shop.de"): the notice's, not a question.
_OFFER_RE = re.compile(r"(?i)^[^?\n]{0,40}\b(?:help|hilfe|questions?|fragen|aide|ayuda|aiuto|hulp)\b"
                       r"[^?\n]{0,30}\?[ \t]+[^?\n]{0,30}?\b[a-z0-9-]{2,30}\.[a-z]{2,12}\b")


def payment_notice(mail: ParsedMail) -> bool:
    """The reader's masked card or account in a notice that no person writes."""
    if person_subject(mail.subject):
        return False
    own = own_part(mail.text)[:SCAN_CHARS]
    lowered = own.lower()
    if not any(hint in lowered for hint in _HINTS):
        return False
    if not any(_READERS_RE.search(lowered[max(0, m.start() - 40):m.start()])
               for m in _MASKED_RE.finditer(lowered)):
        return False
    asked = [line for line in _QUESTION_LINE_RE.findall(own)
             if not (LINK_RE.search(line) or _OFFER_RE.search(line))]
    if asked or first_person(LINK_RE.sub(" ", own)) or _person_signs(own, mail.from_addr or ""):
        return False
    return (not PLEASE_RE.search(own) or bool(LINK_RE.search(own))) and not _asks_above(own)


_PARAGRAPH_RE = re.compile(r"\n[ \t\r]*\n")
_ASK_RE = re.compile(r"(?i)\bbitte\b|\bplease\b|\bkindly\b|\bveuillez\b|\bmerci d[e']|\bpor favor\b"
                     r"|\bper favore\b|\bgraag\b|\bprosz(?:ę|e)\b")
GREETING_WORDS = 3


def _asks_above(own: str) -> bool:
    """The writer's first paragraph (past a greeting) asks for something, holds no link and
    stands above the masked card or account: a person's request over a notice pasted below it
    ("Bitte diese Lastschrift aussetzen, die Rechnung ist falsch." above "... von Ihrem Konto
    DE89 **** 3000 ... Rechnung ansehen: https://...")."""
    paragraphs = [p for p in _PARAGRAPH_RE.split(own, 3)[:3] if len(p.split()) > GREETING_WORDS]
    if not paragraphs or LINK_RE.search(paragraphs[0]) or not _ASK_RE.search(paragraphs[0]):
        return False
    return not _MASKED_RE.search(paragraphs[0].lower())


def _person_signs(own: str, sender: str) -> bool:
    """A sign-off with a person's name, not one led by the sender's own domain name ("Danke,
    Cloudtool Abrechnung" from @cloudtool.example signs for the company)."""
    signed = named_sign_off(own)
    if signed is None:
        return False
    lines = [line.strip() for line in own[signed:].splitlines()[1:] if line.strip()]
    first = lines[0].split()[0].lower() if lines else ""
    return first not in sender.lower().rpartition("@")[2].split(".")[:-1]
