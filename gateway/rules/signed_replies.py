"""Pure: a person's own words by their structure, for senders that a program usually is.

- `named_sign_off`: a sign-off ("Best regards,", "Danke und Gruß", "Grüße Anna") followed by a
  person's name: one to four capitalised words on the same or the next line, no company or
  team word among them ("Felix Neumann", "Anna"; not "The Pixelwerk Team", "Globex Customer
  Care", "Ihr Kundenservice der Bäckerei Schulte"), above any footer separator line.
- `admin_signs`: a customer's admin writing from postmaster@ (or as "Postmaster"), asking and
  signing with a name, with no report and no original attached: a bounce subject or a pasted
  failure line ("Delivery status notification for our domain - why rejected?") does not make
  it a bounce.
- `reply_structure`: the mail answers another (In-Reply-To or References, or a reply subject:
  Re:, AW:, Antw:, SV:, VS:, R:, Odp:), not a new notice.
- `relayed_person`: the envelope's bounce address (an ESP's or a helpdesk's VERP) is overruled
  only for a person: an answer with a named sign-off (a reseller's agent answering through
  Freshdesk), or a new mail that asks or requests, signs with a name, and carries no link
  before the name and no attachment (a person's request through Mandrill). Notices,
  acknowledgements and confirmations ("Thanks for getting in touch! ... Cheers, The Pixelwerk
  Team", "Please do not change the subject line ... Sincerely, Globex Customer Care") are none.
- `signs_above_footer`: a person's mail from a mail client (its X-Mailer or User-Agent, or
  Outlook's Thread-Index, which Outlook and OWA set and mailing tools do not) whose links all
  stand below the person's name, in the company's footer ("Abmelden: https://…", "You are
  receiving this email because …"): no attachment, and a question or a request above a named
  sign-off (or a name heading the signature after `-- `). A mailing tool's newsletter names
  the tool, not a client, and a notice's link stands above its sign-off.
"""

from __future__ import annotations

import re

from gateway.rules.notices import PLEASE_RE, asks
from gateway.rules.originals import carries_original, own_part
from gateway.rules.parse import ParsedMail

_SIGN_OFF_RE = re.compile(
    r"(?i)\b(?:gr(?:ü|ue)(?:ß|ss)(?:e|en)?|gru(?:ß|ss)|regards|cheers|thanks|thank you|best"
    r"|sincerely|danke|merci|cordialement|saludos|saluti|mfg|lg|vg|vh|hälsningar|hilsen"
    r"|pozdrawiam|s pozdravem|üdvözlettel|terveisin"
    # Spanish, Italian, Dutch, Portuguese, Polish, Czech, Swedish/Norwegian, Turkish, French
    r"|atentamente|un saludo|grazie(?: mille)?|distinti saluti|groet(?:en)?|cumprimentos"
    r"|atenciosamente|obrigad[oa]|z powa(?:ż|z)aniem|d(?:ě|e)kuji|mvh|saygılarımla|bien (?:à|a) vous"
    r"|groetjes|bedankt|dzi(?:ę|e)kuj(?:ę|e)|te(?:ş|s)ekk(?:ü|u)rler|salutations"
    r"|vielen dank)\b"
    # thanks "in advance" ("Merci d'avance,", "Danke im Voraus"), "so much", "again"
    r"(?:[ \t]+(?:im voraus|in advance|d'avance|(?:por )?adelantado|in anticipo"
    r"|so much|very much|a lot|again|vielmals|nochmals|beaucoup))?[ \t,.!]*")
_REPLY_SUBJECT_RE = re.compile(r"(?i)^\s*(?:re|aw|antw|sv|vs|r|odp)\s*(?:\[\d+\])?\s*:")
_FOOTER_LINE_RE = re.compile(r"(?m)^[ \t]*[-=_*]{5,}[ \t]*$")
LINK_RE = re.compile(r"(?i)\b(?:https?://|www\.)\S")
# A person's mail client (a program's notice names its own mailer, or none).
MAIL_CLIENT_RE = re.compile(
    r"(?i)\b(?:microsoft outlook|outlook for (?:android|ios|mac)|thunderbird|apple mail"
    r"|iphone mail|ipad mail|roundcube|evolution|mutt|claws mail|em client|mailbird|postbox)\b")
SIGN_OFF_WORDS_RE = _SIGN_OFF_RE  # the words that open a sign-off, "Best," too
SIGNATURE_LINES = 4
_GAP_RE = re.compile(r"\n[ \t\r]*\n")
# A link to a page (a path after the host): a notice's; a person names a site ("www.shop.de").
_PAGE_LINK_RE = re.compile(r"(?i)\b(?:https?://|www\.)[^\s/]+/[^\s.,;:!?)]")
_SIG_DELIMITER_RE = re.compile(r"(?m)^--[ \t]?\r?\n[ \t]*(\S[^\r\n]*)")
# Words of a company's or a team's signature, never of a person's name.
_COMPANY_WORDS = frozenset((
    "team", "service", "services", "support", "care", "customer", "kundenservice", "kundendienst",
    "kundenbetreuung", "desk", "helpdesk", "center", "centre", "gmbh", "ag", "kg", "inc", "ltd",
    "llc", "group", "ihr", "ihre", "your", "the", "das", "die", "der", "via", "from", "von",
    "notifications", "alerts", "system", "admin", "info", "postmaster", "hostmaster", "webmaster",
    "mailer-daemon", "daemon",
    # a program's words ("Backup Robot", "Monitoring Engine", "Deploy Bot" sign no person's mail)
    "robot", "bot", "script", "backup", "monitoring", "monitor", "server", "cron", "scheduler",
    "automation", "noreply", "no-reply", "alerting", "engine", "agent",
    # the same in the customers' other languages
    "equipo", "soporte", "servicio", "atención", "clientes", "cliente", "équipe", "assistenza",
    "supporto", "servizio", "clienti", "afdeling", "administratie", "klanten", "suporte", "apoio",
    "equipa", "zespół", "obsługa", "podpora", "tým", "kundtjänst", "kundeservice", "destek",
    "ekibi", "müşteri", "hizmetleri", "equipe", "squadra", "ufficio", "dział", "ekip", "s.a.",
    "s.l.", "b.v.", "s.r.l.", "s.p.a.", "ab", "as", "aps", "oy", "lda", "sarl", "sas", "bv", "nv",
    "kft", "s.r.o.", "a.s.", "sp.",
    # a department signing ("Viele Grüße, Vertrieb", "Best regards, Accounts")
    "buchhaltung", "vertrieb", "verwaltung", "sekretariat", "rechnungswesen", "abteilung",
    "accounting", "accounts", "sales", "billing", "finance", "office", "büro", "administration"))
# Compound words of a department ("Klantenservice", "Kundendienst", "Servicedesk").
_COMPANY_SUFFIXES = ("service", "dienst", "support", "team", "desk", "tjänst", "center",
                     "-cert", "-csirt", "-cirt")  # an incident team: "SWITCH-CERT"
_NAME_WORDS = 4
# Signing for the company in German letters: "i. A. Laura Brenner", "i.V. Max Roth", "ppa. ...".
_PROXY_RE = re.compile(r"^(?:i\.\s?[AV]\.|ppa\.|pp\.)\s+")
_PARTICLES = frozenset("de van den zu da di del della dos du le la ter ten".split())


def named_sign_off(text: str) -> int | None:
    """Where a sign-off with a person's name starts in text (above any footer line), or None."""
    footer = _FOOTER_LINE_RE.search(text)
    text = text[:footer.start()] if footer else text
    for found in _SIGN_OFF_RE.finditer(text):
        rest = text[found.end():].split("\n", 1)
        candidate = rest[0].strip()
        if not candidate and len(rest) > 1:
            candidate = next((line.strip() for line in rest[1].split("\n") if line.strip()), "")
        if _person_name(_PROXY_RE.sub("", candidate.strip(" \t,.!-"))):
            return found.start()
    return None


def person_name(line: str) -> bool:
    """A line that is a person's name alone ("Ana", "Sanne de Vries")."""
    return _person_name(line.strip(" \t\r,.!-"))


def _person_name(line: str) -> bool:
    """One to four capitalised words of letters, none a company's or team's word; a name's
    particle inside it may be lower case ("Sanne de Vries", "Ana dos Santos")."""
    words = line.split()
    if not 0 < len(words) <= _NAME_WORDS:
        return False
    for n, word in enumerate(words):
        if 0 < n < len(words) - 1 and word in _PARTICLES:
            continue
        if not (word[0].isupper() and all(c.isalpha() or c in "-.'" for c in word)):
            return False
        if word.lower().strip(".") in _COMPANY_WORDS or word.lower().endswith(_COMPANY_SUFFIXES):
            return False
    return True


def admin_signs(mail: ParsedMail) -> bool:
    """A customer's admin writing from postmaster@ or under a mail system's name: no report and
    no original carried back, a question or a request, and a sign-off with a person's name
    ("Thanks, Owen Davies"), even beside a bounce subject or a pasted 550 line."""
    if mail.content_type == "multipart/report" or carries_original(mail):
        return False
    own = own_part(mail.text)
    return (asks(mail.text) or bool(PLEASE_RE.search(own))) and named_sign_off(own) is not None


def reply_structure(mail: ParsedMail) -> bool:
    """The mail answers another: In-Reply-To, References or a reply subject."""
    return bool(mail.in_reply_to or mail.references
                or _REPLY_SUBJECT_RE.match(mail.subject or ""))


def relayed_person(mail: ParsedMail) -> bool:
    """A person's answer, or a person's plain request, signed with a name."""
    own = own_part(mail.text)
    signed = named_sign_off(own)
    if signed is None:
        signed = name_paragraph(own)
    if signed is None:
        return False
    if reply_structure(mail):
        return True
    if mail.attachments or _PAGE_LINK_RE.search(own[:signed]):
        return False
    return asks(mail.text) or bool(PLEASE_RE.search(own[:signed]))


# A helpdesk's From for its agent: "Mateo from Quillbase", "Anna at Acme"; "Laura Kim
# (Brightleaf Support)": the helpdesk's brand in parentheses after the agent's name.
_AGENT_NAME_RE = re.compile(r"^([A-ZÀ-Ý][\w'-]{1,30}(?: [A-ZÀ-Ý][\w'-]{1,30})?) (?:from|at) \S")
_BRAND_RE = re.compile(r"\s*\([^()\n]{1,60}\)$")
# A stock offer of help is no question of the writer's own ("Haben Sie Fragen?", "Need help?").
_STOCK_QUESTION_RE = re.compile(
    r"(?i)frage|question|help|hilfe|aide|ayuda|aiuto|hulp|pomoc|pytani|domand|duda|d(?:ú|u)vida"
    r"|vragen|soru|assist|support|unterst(?:ü|ue)tz")
FILE_QUESTION_WORDS = 4
FILE_QUESTION_CHARS = 3000


def signs_as_sender(mail: ParsedMail) -> bool:
    """The person the From names (two words or more, or a helpdesk agent's "Mateo from
    Quillbase", "Laura Kim (Brightleaf Support)") signs the text under a sign-off ("Mit
    freundlichen Grüßen / Lea Marquardt" from "Lea Marquardt <lea@...>"): one-to-one mail that a
    CRM or helpdesk sends for its user, with no question in it ("anbei unser Angebot ... Ich freue
    mich auf Ihre Rückmeldung"). No link to a page above the name; no attachment, unless the
    writer asks a question of their own above the name (a screenshot, a log: "Could you check
    the host for hardware errors?"; not a stock "Haben Sie Fragen?")."""
    name = _BRAND_RE.sub("", (mail.from_name or "").strip().strip("\"'"))
    agent = _AGENT_NAME_RE.match(name)
    if agent:
        name = agent.group(1)
    elif len(name.split()) < 2:
        return False
    if not person_name(name):
        return False
    own = own_part(mail.text)
    signed = named_sign_off(own)
    if signed is None or _PAGE_LINK_RE.search(own[:signed]):
        return False
    if mail.attachments and not asks_beside_file(own[:signed]):
        return False
    lines = [line.strip(" \t\r,.!-") for line in own[signed:signed + 600].splitlines()[:3]]
    return any(line == name or line.endswith(" " + name) for line in lines)


def asks_beside_file(text: str) -> bool:
    """A question of the writer's own: a sentence of FILE_QUESTION_WORDS words or more that ends
    with a question mark and offers no help (split, not searched: linear on a long line)."""
    pieces = re.split(r"([.!?](?=\s|$)|\n)", text[:FILE_QUESTION_CHARS])  # not in "198.51.100.20"
    return any(end == "?" and len(sentence.split()) >= FILE_QUESTION_WORDS
               and not _STOCK_QUESTION_RE.search(sentence)
               for sentence, end in zip(pieces[::2], pieces[1::2], strict=False))


def name_paragraph(own: str) -> int | None:
    """Where a person signs without a sign-off word: the last paragraph (at most SIGNATURE_LINES
    lines) opens with a first and last name alone ("...urgently.\n\nMaria Lopez\nKundenshop")."""
    gaps = list(_GAP_RE.finditer(own.rstrip()))
    if not gaps:
        return None
    lines = own[gaps[-1].end():].strip().splitlines()
    if not 0 < len(lines) <= SIGNATURE_LINES or not 2 <= len(lines[0].split()) <= 3:
        return None
    return gaps[-1].end() if person_name(lines[0]) else None


def signed_at(own: str) -> int | None:
    """Where a person signs: a sign-off with a name, or a name heading the signature after the
    `-- ` delimiter ("-- \nJan Peters\nPeters IT")."""
    found = named_sign_off(own)
    if found is None and (sig := _SIG_DELIMITER_RE.search(own)) and person_name(sig.group(1)):
        found = sig.start()
    return found


def mail_client(mail: ParsedMail) -> bool:
    """Sent from a person's mail client: its X-Mailer or User-Agent, or Outlook's Thread-Index."""
    return mail.header("thread-index") is not None or client_mailer(mail)


def client_mailer(mail: ParsedMail) -> bool:
    """The X-Mailer or User-Agent names a person's mail client."""
    return any(MAIL_CLIENT_RE.search(value) for name in ("x-mailer", "user-agent")
               for value in mail.header_values(name))


def signs_above_footer(mail: ParsedMail) -> bool:
    """A person's mail from a mail client whose links all stand below the person's name: no
    attachment, and a question or a request above a named sign-off."""
    if mail.attachments or not mail_client(mail):
        return False
    own = own_part(mail.text)
    signed = signed_at(own)
    if signed is None or LINK_RE.search(own[:signed]):
        return False
    return asks(own[:signed]) or bool(PLEASE_RE.search(own[:signed]))
