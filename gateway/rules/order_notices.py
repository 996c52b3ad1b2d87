"""Pure: a shop system's order confirmation (Shopware, Shopify, WooCommerce, Magento ...) sent in
the shop's name (reason `machine-notice`, only where no other sign was found). Such mail carries
no marker header and comes from the shop's own address (`shop@`, `info@`), so it is known by
all of its structure together, never by the subject alone:

- the subject names *the reader's* order with its number ("Ihre Bestellung bei Bürobedarf Klein
  (Nr. 100482)", "Bestellbestätigung 100482", "Your order #1042 is confirmed");
- the text thanks for the order ("vielen Dank für Ihre Bestellung", "Thank you for your order");
- no person signs it (a sign-off for the shop: "Ihr Team von Bürobedarf Klein", or none), and
  nobody asks a question.
- or the shop's notice to its owner of a new order (WooCommerce, Shopware, PrestaShop): the
  subject names a new order with its number ("[Kaffeerösterei]: Neue Bestellung #10482", "New
  order #1042"), the text says who ordered in the shop's words ("Du hast folgende Bestellung von
  Lena Hoffmann erhalten", "You've received the following order from ..."); the buyer's note
  in it ("Bitte vor der Haustür abstellen. Danke!") is no word to us; a customer ordering from
  us ("Sie haben eine neue Bestellung von uns erhalten? ... Gruß, Jan Brandt") asks or signs.
A shop owner writing to us about *their* order, or a shop's clerk confirming by hand and
signing with a name ("Viele Grüße, Petra Klein"), is a person; so is a forward or an answer.
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.notices import asks, persons_sign_off
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import named_sign_off

_ORDER_SUBJECT_RE = re.compile(
    r"(?i)\b(?:ihre bestellung|bestellbest(?:ä|ae)tigung|auftragsbest(?:ä|ae)tigung"
    r"|your order|order confirmation|order confirmed|votre commande|su pedido|il tuo ordine)\b"
    r"[^\n]{0,60}?(?:#|\bnr\.?|\bnummer|\bno\.?|\bn°)?\s*:?\s*\d{3,}")
_ORDER_THANKS_RE = re.compile(
    r"(?i)\b(?:(?:vielen |herzlichen )?dank f(?:ü|ue)r ihre bestellung|thank you for your order"
    r"|thanks for your order|merci pour votre commande|gracias por su pedido"
    r"|grazie per il tuo ordine)")


_NEW_ORDER_SUBJECT_RE = re.compile(
    r"(?i)\b(?:neue bestellung|new order|nouvelle commande|nuevo pedido|nuovo ordine"
    r"|nieuwe bestelling)\b[^\n]{0,30}?(?:#|\bnr\.?|\bno\.?|\bn°)?\s*:?\s*\d{3,}")
_NEW_ORDER_TEXT_RE = re.compile(
    r"(?i)\b(?:du hast|sie haben|you(?:'|\u2019)?ve received|you have received)"
    r" (?:folgende|eine neue|die folgende|the following|a new) (?:bestellung|order)\b"
    r"[^\n]{0,80}\b(?:erhalten|from)\b"
    r"|\bvous avez re(?:ç|c)u (?:la|une) (?:nouvelle )?commande\b"
    r"|\bhas recibido (?:el|un) (?:nuevo )?pedido\b|\bhai ricevuto (?:il|un) (?:nuovo )?ordine\b")


_CLOSING_LINES = 5
_WE_RE = re.compile(r"(?i)\b(?:uns|us|nous|nosotros|noi|ons)\b")


def new_order_notice(mail: ParsedMail) -> bool:
    """The shop's notice to its owner of a new order, in the shop's words."""
    subject = mail.subject or ""
    if person_subject(subject) or "?" in subject or not _NEW_ORDER_SUBJECT_RE.search(subject):
        return False
    own = own_part(mail.text)
    found = _NEW_ORDER_TEXT_RE.search(own[:2000])
    if not found or _WE_RE.search(found.group()):
        return False  # "Sie haben eine neue Bestellung von uns erhalten": a customer ordering
    signed = named_sign_off(own)  # a customer ordering from us closes with a name; a buyer's
    # "Danke!" in the middle of the order is followed by the addresses and the totals
    closes = signed is not None and own[signed:].strip().count("\n") < _CLOSING_LINES
    return not (asks(own) or closes)


def order_confirmation(mail: ParsedMail) -> bool:
    """A shop's confirmation of the reader's order, signed by no person, asking nothing; or the
    shop's notice of a new order to its owner."""
    if new_order_notice(mail):
        return True
    subject = mail.subject or ""
    if person_subject(subject) or not _ORDER_SUBJECT_RE.search(subject):
        return False
    own = own_part(mail.text)
    if not _ORDER_THANKS_RE.search(own) or "?" in without_links(own):
        return False
    return not persons_sign_off(own, mail.from_addr or "")
