"""Pure: a shop system's order confirmation (Shopware, Shopify, WooCommerce, Magento ...) sent in
the shop's name (reason `machine-notice`, only where no other sign was found). Such mail carries
no marker header and comes from the shop's own address (`shop@`, `info@`), so it is known by
all of its structure together, never by the subject alone:

- the subject names *the reader's* order with its number ("Ihre Bestellung bei Bürobedarf Klein
  (Nr. 100482)", "Bestellbestätigung 100482", "Your order #1042 is confirmed");
- the text thanks for the order ("vielen Dank für Ihre Bestellung", "Thank you for your order");
- no person signs it (a sign-off for the shop: "Ihr Team von Bürobedarf Klein", or none), and
  nobody asks a question.
A shop owner writing to us about *their* order, or a shop's clerk confirming by hand and
signing with a name ("Viele Grüße, Petra Klein"), is a person; so is a forward or an answer.
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.notices import persons_sign_off
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail

_ORDER_SUBJECT_RE = re.compile(
    r"(?i)\b(?:ihre bestellung|bestellbest(?:ä|ae)tigung|auftragsbest(?:ä|ae)tigung"
    r"|your order|order confirmation|order confirmed|votre commande|su pedido|il tuo ordine)\b"
    r"[^\n]{0,60}?(?:#|\bnr\.?|\bnummer|\bno\.?|\bn°)?\s*:?\s*\d{3,}")
_ORDER_THANKS_RE = re.compile(
    r"(?i)\b(?:(?:vielen |herzlichen )?dank f(?:ü|ue)r ihre bestellung|thank you for your order"
    r"|thanks for your order|merci pour votre commande|gracias por su pedido"
    r"|grazie per il tuo ordine)")


def order_confirmation(mail: ParsedMail) -> bool:
    """A shop's confirmation of the reader's order, signed by no person, asking nothing."""
    subject = mail.subject or ""
    if person_subject(subject) or not _ORDER_SUBJECT_RE.search(subject):
        return False
    own = own_part(mail.text)
    if not _ORDER_THANKS_RE.search(own) or "?" in without_links(own):
        return False
    return not persons_sign_off(own, mail.from_addr or "")
