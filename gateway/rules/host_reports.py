"""Pure: monitoring notices that name no known product, recognised by their structure (reason
`machine-notice`, only where no other sign was found). Called from `system_senders.system_notice`
once the subject is a monitoring one (PROBLEM, Alert, DEGRADED, Warning, failed ...) and the mail
was not sent on or answered (Fwd:, Re:):

- a report of fields as the text ("Notification Type: PROBLEM", "Host: web-prod-02", "State:
  CRITICAL", "Event Severity: CRITICAL", four field lines or more: Centreon, a RAID manager, a
  server's management board, a security scan; or fields and a log's time-stamped lines, two of
  these at least: a backup tool's), with no greeting, question, request or sign-off
  outside the fields. A person who pastes such fields greets, asks or signs ("Hallo, seit heute
  Nacht kommt das hier: ... Könnt ihr prüfen? Gruß Jörg");
- a program writing from a host in its own name: the From has no display name, or one that is
  its local part ("Cacti <cacti@cacti.example.de>", "ISPConfig <ispconfig@srv-ispc.example.de>",
  `gatus@status.example.de`), the domain is a host under the organisation's domain (a label
  more than the registered domain: `status.agentur.de`, not `agentur.de` or `agentur.co.uk`),
  and no question, request or sign-off. A person writes from the organisation's domain
  (`j.maier@holzbau-maier.de`), under a name of their own ("Jörg Maier <root@backup01...>") or
  from a mailbox people share ("Info <info@shop.firma.de>": "Der Shop ist seit heute down.").
"""

from __future__ import annotations

import re

from gateway.rules.device_senders import FIELD_LINE_RE, REPORT_FIELDS, in_report
from gateway.rules.notices import REQUEST_RE, SIGN_OFF_RE, asks
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import person_name

# A greeting or a writer's I/we in the text outside the fields.
_PERSON_RE = re.compile(
    r"(?i)\b(?:hallo|hello|hi|hey|dear|liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen|abend)"
    r"|moin|servus|bonjour|hola|buongiorno|ciao|ich|wir|unser\w*|i|i'm|i've|we|our|je|nous)\b")
# A person's lead-in to what they paste: where it is ("see below", "siehe unten", "ci-dessous",
# "hier die Meldung:"), that it keeps coming ("kommt seit heute Nacht alle 5 Minuten"), what it
# looks like ("FYI - got this tonight, looks like on your side", "Got a sign-in alert:"; not a
# notice's "You've got a new message"), since a day a person names
# ("since yesterday", "seit Montag", "seit 3 Tagen", "depuis cette nuit") or an hour rounded ("seit
# 8 Uhr", "since 9 am"): a program writes a time stamp. Also for a host's self-named sender
# ("WLAN seit heute früh gestört").
_OBSERVED = (
    r"\b(?:see below|siehe unten|unten (?:die|der|das)|ci-dessous|hieronder|ver abajo"
    r"|vedi sotto|keeps? (?:coming|popping|showing)|(?:kommt|kommen) (?:seit|immer|st(?:ä|ae)ndig"
    r"|alle|dauernd|jede)|fyi|zur info|(?<!'ve )(?<!you )got (?:this|an?|the following)\b"
    r"|looks like|sieht (?:so )?(?:aus|nach)"
    r"|hier (?:die|der|das) (?:meldung|fehler\w{0,8}|log|ausgabe)"
    r"|voici (?:le|la|les) (?:message|erreur|alerte)s?|seit \d{1,2} (?:tagen|stunden|wochen)"
    r"|since \d{1,2} (?:days|hours|weeks)|seit \d{1,2} uhr|since \d{1,2} ?(?:am|pm|o'clock)"
    r"|depuis \d{1,2} ?h(?:eures?)?|seit (?:dem wochenende|letzter woche)|since (?:the weekend|last week)"
    r"|(?:since|seit|depuis|sinds|desde|da) (?:heute|gestern"
    r"|today|yesterday|this morning|last night|tonight|the update|dem update|cette nuit|hier"
    r"|ce matin|vannacht|gisteren|vanochtend|anoche|ayer|esta ma(?:ñ|n)ana|ieri|stanotte"
    r"|stamattina|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi"
    r"|dimanche|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))\b")
# ... or speaks to the provider as a person does: "euer Storage", "bei euch", "on your side", "de
# votre côté", a question without its mark ("Any idea what changed", "Was ist da los"), where the
# paste is ("log below", "Ausgabe anbei"). A program's notice speaks to its owner, never so.
_ADDRESSED_RE = re.compile(
    r"(?i)\b(?:euch|euer|eure[nmrs]?|(?:on|from) your (?:side|end)|de votre c(?:ô|o)t(?:é|e)"
    r"|any (?:idea|ideas|clue)|irgendeine idee|was ist (?:da )?los|woran liegt"
    r"|(?:log|output|ausgabe) (?:below|unten|anbei))\b")
# A past day named as a person tells it, outside the fields ("Passwort ... wurde gestern neu
# gesetzt"): a report's own day stands in a field ("Date Range Processed: yesterday").
_NARRATED_RE = re.compile(r"(?i)\b(?:gestern|vorgestern|yesterday|hier soir|ayer|ieri|gisteren)\b")
# Each starts with one of these letters (tests/test_attack7_findings.py checks it): tried only there.
OBSERVED_FIRST = "cdfghklsuvz"
_OBSERVED_RE = re.compile(rf"(?i)(?=[{OBSERVED_FIRST}])" + _OBSERVED)
# A writer's I outside the fields (a program greets, "Hallo," from a panel, but writes no I).
# Or as we ("The nightly backup of our group server fails since Monday" from a department's
# mueller@physik.uni-example.de without a name): a program on a host speaks of "your" server.
_I_RE = re.compile(r"(?i)\b(?:ich|mir|mich|i|i'm|i've|je|j'ai|wir|uns|unser\w{0,3}|we|our|us|nous"
                   r"|notre|nos|nuestr[oa]s?|nostr[oaie]|nasz\w{0,3}|ons|onze)\b")
# A product's service to its user (writing from its own domain): no I, nothing of the writer's
# own ("our site"), the user's site or server as "your".
_OWN_RE = re.compile(r"(?i)\b(?:ich|mir|mich|i|i'm|i've|je|j'ai|unser\w{0,3}|our|notre|nos"
                     r"|nuestr[oa]s?|nostr[oaie]|nasz\w{0,3}|onze|mein\w{0,3}|my|mon|ma|mes)\b")
_YOUR_RE = re.compile(r"(?i)\b(?:your|ihre?|votre|vos|tu|su|uw|je|jouw|tw(?:ó|o)j\w{0,2})\b")
# A person's mailbox on a department's or a school's host: name parts apart by a dot (programs
# join theirs with a hyphen: nas-backup@).
_DOTTED_NAME_RE = re.compile(r"^[a-z]{1,20}\.[a-z]{1,30}$")
# Second-level labels under a country code that registries sell domains in (agentur.co.uk).
_SECOND_LEVELS = frozenset({"co", "com", "net", "org", "ac", "gov", "edu", "or", "ne", "go",
                            "ltd", "plc", "gv", "priv", "asso"})
_ALNUM_RE = re.compile(r"[^a-z0-9]")
# Mailboxes that people share and write from, terse too.
_SHARED_LOCAL_RE = re.compile(
    r"^(?:info|office|kontakt|contact|admin|it|edv|support|team|service|hello|hallo|sales"
    r"|vertrieb|b(?:ü|ue)ro|shop|mail|post|webmaster|technik|verwaltung|sekretariat|empfang"
    r"|praxis|kanzlei|buchhaltung|accounting|billing|rechnung)$")
_FIELD_WHOLE_RE = re.compile(FIELD_LINE_RE.pattern + r"[^\n]*")
# A log's line: it starts with a time stamp ("2026-12-04 04:00:28.114 ERROR ..."); a person
# writes a day or an hour in words, a program stamps each line.
_LOG_LINE_RE = re.compile(r"(?m)^[ \t]*\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?[^\n]*")
# A name's letters as a local part spells them: "Müller" as mueller@ or muller@.
SPELLED_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "á": "a"})


def field_report(mail: ParsedMail, own: str) -> bool:
    """A report of fields with no person's words outside them, not from a person's own address
    (who pastes an alert with a line of their own: "FYI - got this tonight, looks like on your
    side.")."""
    if not (in_report(own) or _log_report(own)) or own_address(mail):
        return False
    prose = _LOG_LINE_RE.sub(" ", _FIELD_WHOLE_RE.sub(" ", own))
    words = asks(mail.text) or SIGN_OFF_RE.search(own) or REQUEST_RE.search(prose)
    return not (words or _PERSON_RE.search(prose) or observed(prose) or _NARRATED_RE.search(prose))


def _log_report(own: str) -> bool:
    """A report whose records are fields and a log's time-stamped lines, two of these at least
    ("Storage: ...", "Start time: ...", then the last lines of the log)."""
    logs = len(_LOG_LINE_RE.findall(own))
    return logs >= 2 and logs + len(FIELD_LINE_RE.findall(own)) >= REPORT_FIELDS


def observed(prose: str) -> bool:
    """A person's lead-in to what they paste, or words to the provider (see _OBSERVED_RE,
    _ADDRESSED_RE), also for machine_signals."""
    return bool(_OBSERVED_RE.search(prose) or _ADDRESSED_RE.search(prose))


def own_address(mail: ParsedMail) -> bool:
    """A person's own address: a display name of two or three words that the local part spells
    as first and last name apart ("Max Müller <max.mueller@>", "<m.mueller@>", "<mmueller@>",
    "<mueller_max@>"). A program signs with a product's name that its local part spells once
    ("Centreon Engine <centreon@>") or runs together ("Azure DevOps <azuredevops@>")."""
    name = mail.from_name or ""
    words = name.lower().split()
    local = (mail.from_addr or "").lower().rpartition("@")[0]
    if not (2 <= len(words) <= 3 and person_name(name)):
        return False
    spelled = set()
    for fold in (SPELLED_FOLD, _FOLD):
        first, last = (_ALNUM_RE.sub("", words[at].translate(fold)) for at in (0, -1))
        spelled |= {f"{first}{dot}{last}" for dot in "._-"} | {f"{last}{dot}{first}" for dot in "._-"}
        spelled |= {first[:1] + last, f"{first[:1]}.{last}"}
    return local in spelled


def self_named_host(mail: ParsedMail, own: str) -> bool:
    """A program on a host writing in its own name (or none), asking nothing, signing nothing."""
    sender = (mail.from_addr or "").lower()
    local, _, domain = sender.partition("@")
    name = _ALNUM_RE.sub("", (mail.from_name or "").lower())
    if not local or _SHARED_LOCAL_RE.match(local) or name not in ("", _ALNUM_RE.sub("", local)):
        return False
    if _DOTTED_NAME_RE.match(local):  # "jan.k@stud.hs-x.de", "m.weber@physik.uni-x.de": a person's
        return False
    product = _product_domain(local, domain)
    if not (product or _host_domain(domain)):
        return False
    prose = _FIELD_WHOLE_RE.sub(" ", own)  # "ich sehe das seit heute Nacht" below the values
    if asks(mail.text) or SIGN_OFF_RE.search(own) or REQUEST_RE.search(own) or observed(prose):
        return False
    if product:  # a service speaks to its user as we, of *your* site ("We'll keep checking")
        return not _OWN_RE.search(prose) and bool(_YOUR_RE.search(f"{mail.subject or ''}\n{prose}"))
    return not _I_RE.search(prose)


def _product_domain(local: str, domain: str) -> bool:
    """A product writing from its own domain under its own name: the local part is the registered
    domain's name (`sitewatch@sitewatch.example`)."""
    return "." in domain and domain.split(".", 1)[0] == local and not _host_domain(domain)


def _host_domain(domain: str) -> bool:
    """A host under a registered domain: a label more than `example.de` or `example.co.uk`."""
    labels = domain.split(".")
    registered = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVELS and len(labels[-1]) == 2 else 2
    return len(labels) > registered
