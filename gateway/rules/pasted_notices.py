"""Pure: a person's words over a notice that they pasted into a new mail (issue 21: tests/attack9,
customers who copy an alert, a receipt or an account notice into a mail without a forward's
header): from a person's mail client (its X-Mailer or User-Agent, Outlook's Thread-Index, Gmail's
Message-ID), the writer's first paragraph (past a greeting alone) asks, asks for something or
leads in to what follows ("Bitte prüfen.", "Please check asap.", "Merci de vérifier, c'est notre
serveur hébergé chez vous.", "See below."), cries out ("Seit 10 Minuten down!!!") or tells of a
past day ("Paid yesterday by bank transfer"), and holds no link. The notice below it (its footer,
its fields, its "Diese E-Mail wurde automatisch erstellt") is the paste.

Only a veto on the machine-notice rules (classify.is_machine_notice), which count where no
other sign was found: a marker header, a bounce, an auto-reply still decide. A notice that a
program sends names no mail client, and one that a person's rule sends on is a forward (Fwd:,
WG: ...). An answer about the mailbox itself (mailbox_notices: "this address is no longer
read, please write to ...") pastes nothing, whatever client sent it."""

from __future__ import annotations

import re

from gateway.rules.host_reports import observed
from gateway.rules.machine_words import GREETING_RE
from gateway.rules.mailbox_notices import mailbox_notice
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import LINK_RE, mail_client

_GMAIL_ID_RE = re.compile(r"(?i)^<CA[^@\s>]{10,200}@mail\.gmail\.com>$")  # Gmail's web or app client
_PARAGRAPH_RE = re.compile(r"\n[ \t\r]*\n")
_ASK_RE = re.compile(r"(?i)\bbitte\b|\bplease\b|\bkindly\b|\bveuillez\b|\bmerci d[e']|\bpor favor\b"
                     r"|\bper favore\b|\bgraag\b|\bprosz(?:ę|e)\b|\bproszę\b")
# A past day the writer tells of ("Paid yesterday by bank transfer"): a notice pasted below
# it dates its own events in its fields or sentences, not in a line above its title.
_TOLD_RE = re.compile(r"(?i)\b(?:gestern|vorgestern|yesterday|ayer|ieri|gisteren|wczoraj)\b")
GREETING_WORDS = 4
PARAGRAPHS = 3


def pasted_under_words(mail: ParsedMail) -> bool:
    """A person's mail client, and a first paragraph that asks or leads in, without a link."""
    if not (mail_client(mail) or _GMAIL_ID_RE.match(mail.message_id or "")):
        return False
    if mailbox_notice(mail):  # an answer about the mailbox itself, whole: its plea is where to write
        return False
    paragraphs = [p.strip() for p in _PARAGRAPH_RE.split(own_part(mail.text), PARAGRAPHS)[:PARAGRAPHS]]
    first = next((p for p in paragraphs if p and not _greeting(p)), "")
    if not first or LINK_RE.search(first):
        return False
    if "?" in first or "!!" in first:  # a question, a cry ("Seit 10 Minuten down!!!")
        return True
    return bool(_ASK_RE.search(first) or _TOLD_RE.search(first)) or observed(first)


def _greeting(paragraph: str) -> bool:
    """A greeting alone ("Hallo,", "Sehr geehrte Damen und Herren,", "Hi Jonas,")."""
    return len(paragraph.split()) <= GREETING_WORDS and bool(GREETING_RE.match(paragraph))
