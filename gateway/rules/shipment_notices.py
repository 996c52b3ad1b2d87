"""Pure: a carrier's or a shop's notice about the reader's parcel (reason `machine-notice`, only
where no other sign was found), known by its structure together, never by the sender's name or
the subject alone:

- it speaks of *your* parcel or shipment ("Ihr Paket von ... kommt morgen", "your parcel is out
  for delivery", "votre colis", "uw pakket", "su paquete", "il tuo pacco", "twoja paczka");
- a tracking number (a few capitals, then eight digits or more: `H1002730944518201177`,
  `00340434161094042557`) that a link in the text carries too (the tracking page);
- signed for a team ("Viele Grüße / Ihr Paketdienst Team") and by no person, nobody writing as I;
- no question, but a notice's call to action: a short question followed on its line by what to
  do, ending in a colon before the link ("Sie sind nicht da? Ändern Sie jetzt Ihren
  Zustelltermin:", "Not at home? Choose another day:");
- not sent on or answered (Fwd:, Re: ...), not from a mail client.
A customer who sends us the tracking of a returned device signs with a name; one who asks
where their parcel is asks a question of their own ("Können Sie nachforschen?"), also when
their team signs.
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.layout_text import SCAN_CHARS, paragraphs
from gateway.rules.notices import SIGN_OFF_RE, persons_sign_off
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.platform_senders import SINGULAR_RE
from gateway.rules.signed_replies import mail_client, named_sign_off

_YOUR_PARCEL_RE = re.compile(
    r"(?i)\b(?:ihre? (?:paket|sendung|p(?:ä|ae)ckchen|lieferung)|your (?:parcel|package|shipment)"
    r"|votre (?:colis|envoi)|(?:uw|je) (?:pakket|zending)|(?:su|tu) (?:paquete|env(?:í|i)o)"
    r"|il (?:tuo|suo) pacco|la (?:tua|sua) spedizione|twoja (?:paczka|przesy(?:ł|l)ka)"
    r"|pa(?:ń|n)sk(?:a|iej) (?:paczka|przesy(?:ł|l)ka)"
    # a shop's shipping confirmation: the reader's order is on its way
    r"|(?:ihre|deine) bestellung (?:wurde|ist) (?:versandt|verschickt|unterwegs)"
    r"|your order (?:has (?:been )?shipped|is on (?:its|the) way)"
    r"|votre commande (?:a (?:é|e)t(?:é|e) exp(?:é|e)di(?:é|e)e|est en route)"
    r"|(?:uw|je) bestelling is (?:verzonden|onderweg)|(?:su|tu) pedido (?:ha sido enviado"
    r"|est(?:á|a) en camino)|il (?:tuo|suo) ordine (?:è|e) stato spedito)\b")
# A tracking number: capitals and digits, eight digits or more (`H1002730944518201177`,
# `00340434161094042557`, `1Z999AA10123456784`).
_TRACKING_RE = re.compile(r"\b(?=[A-Z0-9]{10,35}\b)(?=(?:[A-Z]*\d){8})[A-Z0-9]{10,35}\b")
_LINK_RE = re.compile(r"(?i)\bhttps?://[^\s<>\"]{1,300}")
# A notice's call to action: a short question, then on its line what to do, up to a colon.
_CALL_RE = re.compile(
    r"(?m)(?:^|(?<=[.!] ))[ \t]*(?:[^\W\d_]+[ \t]){0,4}[^\W\d_]+[ \t]?\?[ \t]+[^\n?]{1,120}:[ \t]*$")


def shipment_notice(mail: ParsedMail) -> bool:
    """A notice about the reader's parcel with its tracking link, signed for a team."""
    if person_subject(mail.subject) or mail_client(mail):
        return False
    if not _YOUR_PARCEL_RE.search(f"{mail.subject}\n{mail.text[:SCAN_CHARS]}"):
        return False
    own = own_part(paragraphs(mail))
    links = " ".join(_LINK_RE.findall(own))
    if not any(number in links for number in _TRACKING_RE.findall(f"{mail.subject}\n{own}")):
        return False
    prose = _CALL_RE.sub(" ", without_links(own))
    if "?" in prose or SINGULAR_RE.search(prose) or named_sign_off(own) is not None:
        return False
    return bool(SIGN_OFF_RE.search(own)) and not persons_sign_off(own, mail.from_addr or "")
