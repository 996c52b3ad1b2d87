"""Pure: an invoice or a booking that a service sends on somebody's behalf (reason
`machine-notice`, only where no other sign was found), known by its structure together, never by
the subject alone:

- an invoicing service's mail (Fakturoid, InvoiceXpress, Fortnox, e-conomic, Fatture in Cloud
  ...): the subject names an invoice with its number ("Faktura č. 2026-0012 od ...", "Fatura FT
  2026/27", "Factuur 2025-1187"), the invoice is attached as a PDF, and the Reply-To is the
  issuer's own address on another domain than the sender's (the service sends, the issuer is
  answered); no question in the writer's own part, no sign-off with a person's name (a
  freelancer's own invoice from a free mailbox, Reply-To the business, is a person's). A
  customer's accounts department sending an invoice from its own mailbox has no such Reply-To
  and is answered;
- a company's own invoice mail: the subject names an invoice with its number, the invoice is
  attached as a PDF, the text is signed for the company's team ("Mit freundlichen Grüßen / Ihr
  netcup Team"), never by a person, and neither asks nor requests anything; a customer's
  question about an invoice, or an invoice signed by a clerk's name, is answered;
- a booking system's confirmation (Microsoft Bookings, Calendly-like pages): the subject says the
  booking is confirmed ("Prenotazione confermata con ...", "Booking confirmed with ...",
  "Buchung bestätigt"), the text thanks for the booking, no question, no person's sign-off.
Neither when sent on or answered (Fwd:, Re: ...).
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.notices import PLEASE_RE, SIGN_OFF_RE, persons_sign_off
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import named_sign_off

_INVOICE_SUBJECT_RE = re.compile(
    r"(?i)\b(?:invoice|rechnung|facture|factura|fattura|factuur|faktura|fatura|lasku|sz(?:á|a)mla"
    r"|faktúra)\b[^\n]{0,20}?(?:\b(?:no|nr|n|č|n°|núm|num)\.?\s*)?[A-Z]{0,3}\s?\d[\d/.-]{2,}")
_BOOKING_SUBJECT_RE = re.compile(
    r"(?i)^\s*(?:booking confirmed|appointment confirmed|buchung best(?:ä|ae)tigt"
    r"|termin best(?:ä|ae)tigt|r(?:é|e)servation confirm(?:é|e)e|rendez-vous confirm(?:é|e)"
    r"|reserva confirmada|cita confirmada|prenotazione confermata|appuntamento confermato"
    r"|boeking bevestigd|afspraak bevestigd|reserva confirmada|bokning bekr(?:ä|a)ftad"
    r"|rezerwacja potwierdzona)\b")
_BOOKING_THANKS_RE = re.compile(
    r"(?i)\b(?:thank you for (?:your )?booking|thanks for booking|vielen dank f(?:ü|ue)r ihre"
    r" buchung|merci (?:pour|de) votre r(?:é|e)servation|gracias por (?:su|tu) reserva"
    r"|grazie per (?:la|la sua|la tua) prenotazione|bedankt voor (?:uw|je) (?:boeking|reservering)"
    r"|obrigad[oa] pela (?:sua )?reserva|tack f(?:ö|o)r din bokning|dzi(?:ę|e)kujemy za rezerwacj)")


def _domain(address: str) -> str:
    return ".".join(address.rsplit("@", 1)[-1].lower().split(".")[-2:])


def service_invoice(mail: ParsedMail) -> bool:
    """An invoice a service sends for its issuer: subject, PDF, the issuer's Reply-To elsewhere."""
    if not _INVOICE_SUBJECT_RE.search(mail.subject or ""):
        return False
    if not _pdf(mail):
        return False
    sender = _domain(mail.from_addr or "")
    if not any(_domain(a) != sender for a in mail.reply_to):
        return False
    own = own_part(mail.text)  # a freelancer's own invoice, signed with their name, is a person's
    return "?" not in without_links(own) and named_sign_off(own) is None


def team_invoice(mail: ParsedMail) -> bool:
    """A company's invoice with its PDF, signed for its team, asking nothing."""
    if not (_INVOICE_SUBJECT_RE.search(mail.subject or "") and _pdf(mail)):
        return False
    own = without_links(own_part(mail.text))
    if "?" in own or PLEASE_RE.search(own) or not SIGN_OFF_RE.search(own):
        return False
    return not persons_sign_off(own, mail.from_addr or "")


def _pdf(mail: ParsedMail) -> bool:
    return any(a.content_type == "application/pdf" or a.filename.lower().endswith(".pdf")
               for a in mail.attachments)


def booking_confirmation(mail: ParsedMail) -> bool:
    """A booking system's confirmation, thanking for the booking, signed by no person."""
    if not _BOOKING_SUBJECT_RE.match(mail.subject or ""):
        return False
    own = own_part(mail.text)
    if not _BOOKING_THANKS_RE.search(own) or "?" in without_links(own):
        return False
    return named_sign_off(own) is None


def service_notice(mail: ParsedMail) -> bool:
    return not person_subject(mail.subject) and (service_invoice(mail) or team_invoice(mail)
                                              or booking_confirmation(mail))
