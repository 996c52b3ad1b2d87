"""Pure: a provider's notice about the state of the reader's own account, domain, subscription or
contract (reason `machine-notice`, only where no other sign was found): a renewal that failed or
will be charged, a domain that expires, sending paused or disabled for the reader's account, a
webspace nearly used up, a direct debit announced on the reader's account, a marketplace's
"Ihr Artikel wurde verkauft". Known by:

- a sentence that names the reader's thing ("your domain", "your subscription", "in your ...
  account", "Ihres Webspaces", "votre compte", "su dominio", "uw abonnement") and a change of
  its state in the same sentence (expires, renew(s/al), failed, disabled, paused, suspended,
  läuft ab, gesperrt, verbraucht, expire, prélever, caduca, scade, verloopt ...);
- what a program gives beside it: a link to a page of the account (a path after the host), an
  amount in a currency or a quantity in storage units or percent, or a sending platform's
  headers (`machine_signals`' `mailer`);
- a sender that is nobody by name (`machine_signals`' `sender`: "Namecheap <support@>",
  "JetBrains Sales <sales@>", a panel's own account on its host);
and nobody's words: not sent on or answered (Fwd:, Re: ...), not from a person's own address,
and in the writer's own part no question, no first person singular, no lead-in to a paste
("see below", "folgende Mail kam heute", "die wir bekommen haben"), no
"our"/"unser"/"notre" before the same things (a customer's "von unserem Konto abgebucht", "our
domain expires"), and no sign-off with a person's name (a team's, a company's, or the program
signing with the sender's own name, "Froxlor" from `froxlor@panel.…`, or the company with
its domain's name, "Mailsend Compliance" from `@mailsend.example`, or none). A customer
who writes about their own domain, order or account asks, writes as I or we, or signs.

Cheap: one search for the reader's thing and one for a state before sentences are looked at;
the writer's own part (`originals`).
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.host_reports import observed, own_address
from gateway.rules.machine_signals import person_sender, program_mailer
from gateway.rules.machine_words import first_person, received_lead
from gateway.rules.originals import SCAN_CHARS, own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import named_sign_off

_THINGS = (r"domains?|domain\(s\)|subscriptions?|account|plan|licen[cs]es?|orders?|contract|webspace"
           r"|mailbox|trial|membership|abonnement|abo|vertrag(?:es|s)?|konto|kundenkonto|webspaces?"
           r"|speicherplatz(?:es)?|paket(?:es|s)?|tarif(?:es|s)?|lizenz|postfach(?:es|s)?|domaine"
           r"|compte|contrat|licence|espace|dominio|suscripci(?:ó|o)n|cuenta|contrato|licencia"
           r"|abbonamento|contratto|licenza|domein|abonnement|contract"
           # a marketplace's listing: "Ihr Artikel wurde verkauft", "your item has sold"
           r"|artikel|item|listing|article|art(?:í|i)culo|articolo")
# The reader's thing: "your domain", "your JetBrains subscription", "in your Postmark account",
# "Ihres Webspaces", "votre compte bancaire" (a word or two between: a product's name).
_READERS_RE = re.compile(
    r"(?:\byour|\bihr(?:e[mnrs]?|es)?|\bvotre|\bvos|\bsu|\bsus|\btu|\btuo|\bsuo|\bvostro|\buw)"
    r"(?: [\w.-]{1,30}){0,2}? (?:" + _THINGS + r")\b")
# The same things as the writer's own: a customer's ("unser Konto", "our domain").
_OWN_THINGS_RE = re.compile(
    r"(?:\bour|\bmy|\bunser(?:e[mnrs]?)?|\bmein(?:e[mnrs]?)?|\bnotre|\bmon|\bma|\bnuestr[oa]|\bmi"
    r"|\bnostr[oa]|\bmio|\bonze|\bons|\bmijn)(?: [\w.-]{1,30}){0,2}? (?:" + _THINGS + r")\b")
# Its state changed or about to: on lower-case text, each word's start after a space or line.
_STATE_RE = re.compile(
    r"(?<![\w-])(?:expir\w{0,3}|renew\w{0,5}|auto-renew\w{0,5}|fail(?:ed|s)?|disabled|paused"
    r"|suspended|deactivated|past due|overdue|unable to (?:charge|renew|process)|will be charged"
    r"|läuft\b[^\n]{0,60}?\bab\b|abgelaufen|ablaufen|verlängert|verlängerung|gesperrt|deaktiviert"
    r"|pausiert|fehlgeschlagen|aufgebraucht|verbraucht|überschritten|expire\w{0,2}|renouvel\w{0,6}"
    r"|suspendu\w?|désactivé\w?|prélev\w{0,4}|échoué\w?|caduca|vence|vencid[oa]|renova\w{0,6}"
    r"|suspendid[oa]|desactivad[oa]|scade|scaduto|rinnov\w{0,6}|sospes[oa]|disattivat[oa]"
    r"|verloopt|verlopen|verlengd|opgeschort|gedeactiveerd|verkauft|sold|vendu|vendido|venduto"
    r"|verkocht)(?![\w-])")
# Cheap looks without word edges (the engine skips to a literal's first character): a mail
# without both is no notice; the sentences are then read with the patterns above.
_READERS_QUICK_RE = re.compile(r"your|ihr|votre|vos |su |sus |tu |tuo |suo |vostr|uw ")
_STATE_WORDS = ("expir", "renew", "fail", "disabled", "paused", "suspend", "deactiv", "due",
                "unable to", "charged", "läuft", "abgelaufen", "ablauf", "verlänger", "gesperrt",
                "pausiert", "fehlgeschlagen", "aufgebraucht", "verbraucht", "überschritten",
                "renouvel", "désactiv", "prélev", "échoué", "caduca", "vence", "vencid", "renova",
                "desactiv", "scad", "rinnov", "sospes", "disattiv", "verlo", "verleng", "opgeschort",
                "verkauft", "sold", "vendu", "vendid", "vendut", "verkocht")
_SENTENCE_RE = re.compile(r"(?:[^.!?\n]|[.!?](?=\w)|\n(?![ \t]*\n))+")
_PAGE_LINK_RE = re.compile(r"(?i)\bhttps?://[^\s/]+/[^\s.,;:!?)]")
# An amount in a currency, or a quantity in storage units or percent ("9.312,44 MiB", "90,94 %").
_AMOUNT_RE = re.compile(
    r"(?i)(?:€|\$|£|\b(?:eur|usd|gbp|chf))[ \t]?\d|\d(?:[\d.,]{0,12}\d)?[ \t]?(?:€|%|\b(?:eur|usd"
    r"|gbp|chf|[kmgt]i?b)\b)")


def account_notice(mail: ParsedMail) -> bool:
    """The reader's account, domain or subscription changing state, in a program's notice."""
    head = mail.text[:SCAN_CHARS].lower()  # the writer's own part is a part of it
    if not (_READERS_QUICK_RE.search(head) and any(word in head for word in _STATE_WORDS)):
        return False
    if person_subject(mail.subject) or person_sender(mail):
        return False
    own = own_part(mail.text)
    lowered = own.lower()
    if not any(_READERS_RE.search(s) and _STATE_RE.search(s) for s in _SENTENCE_RE.findall(lowered)):
        return False
    if not (_PAGE_LINK_RE.search(own) or _AMOUNT_RE.search(own) or program_mailer(mail)):
        return False
    prose = without_links(own)
    if "?" in prose or first_person(prose) or observed(prose) or _OWN_THINGS_RE.search(lowered):
        return False
    if received_lead(prose):  # "folgende Mail kam heute: Ihre Domain ... läuft ab"
        return False
    if own_address(mail):
        return False
    signed = named_sign_off(own)
    return signed is None or _signs_as_sender(own[signed:], mail)


def _signs_as_sender(signed: str, mail: ParsedMail) -> bool:
    """The name under the sign-off is the program's or the company's: the sender's display name
    that its local part spells ("Froxlor" from "Froxlor <froxlor@panel.…>"), or one led by a
    label of the sender's domain ("Mailsend Compliance" from `compliance@mailsend.example`)."""
    name = (mail.from_name or "").strip().lower()
    local, _, domain = (mail.from_addr or "").lower().rpartition("@")
    lines = [line.strip(" \t\r,.!-").lower() for line in signed.split("\n", 4)[1:4]]
    line = next((line for line in lines if line), "")
    if name and name == local and name == line:
        return True
    return bool(line) and line.split()[0] in domain.split(".")[:-1]
