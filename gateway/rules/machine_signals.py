"""Pure: a general detector of machine-generated mail from weak structural signals that people's
mail rarely combines (reason `machine-signals`, only where no other sign was found).

No vendor, product or subject is named. Each signal alone is common in people's mail too; the
detector decides only where several come together and no sign of a person is left:

- `fields`: a record in the writer's own text: three "Label: value" lines or more (also as
  markdown list items, "- **Job ID**: 7c1d..."; not a pasted mail's From:/Date: lines), three
  table rows (html2text's `a | b`, columns apart by spaces);
  `report` instead where it is long (six lines or more) or a log's eight key=value pairs;
- `footer`: boilerplate a program appends: why the reader gets it ("You are receiving this
  because", "Sie erhalten diese E-Mail", "Vous recevez ce message"), how to unsubscribe or
  manage notifications, that it was generated automatically or must not be answered, a
  copyright line; in DE/EN/FR/ES/IT/NL;
- `links`: three links or more, a call to action ("View details: https://...", the link also
  on the line under the label), or a 1x1 tracking image in the HTML;
- `sender`: nobody by name: no display name that is a person's (or one the local part does not
  spell), or a server's own account on a host name of three labels (`bareos@backup01.ex.de`);
- `mailer`: an X-Mailer/User-Agent of a library or program, no mail client (PHPMailer,
  MIME::Lite, a helpdesk's), or a sending platform's headers (Feedback-ID, X-SES-*, X-SG-EID ...),
  or, where no X-Mailer or User-Agent names a program, the header a script language's own mail
  function writes for the calling script (X-PHP-Script: a web application's; a webmail names
  itself);
- `html-only`: only an HTML body, laid out with a table;
- `impersonal`: nobody greets, signs off or writes as I;
- `subject`: a "[tag]" in front, or separators no person types (" :: ", " | ").

Rule: at least `NEEDED` (3) signals, one of them `STRONG` (a record of fields from a bare
address without words is also a terse person's), and no sign of a person, which vetoes whatever
the count: a forward or answer (Fwd:, Re: ...), a quoted original, a mail client, and in the
writer's own prose (fields, tables, links and quotations set aside) a first-person sentence ("I",
"ich", "je", "yo", "io", "ik" ...), a question, a request ("bitte", "please" ...: unless a footer
shows a program) or a sign-off with a person's name.

Bounded and cheap: the writer's own part (`originals.SCAN_CHARS`), the last `TAIL_CHARS` of the
text for a footer, `HTML_CHARS` of the HTML; single-line patterns with bounded repeats; in
stages, the cheap signals first (most people's mail stops there).
"""

from __future__ import annotations

import re
from itertools import islice

from gateway.rules.bounces import person_subject
from gateway.rules.closings import ends_with_closing
from gateway.rules.company_footers import without_copyright_lines, without_signature_footer
from gateway.rules.host_reports import observed, own_address
from gateway.rules.machine_words import (
    GREETING_RE,
    SIGN_OFF_RE,
    first_person,
    footer,
    without_footer,
)
from gateway.rules.notices import persons_sign_off
from gateway.rules.originals import carries_original, client_quote, own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import SIGN_OFF_WORDS_RE, named_sign_off, person_name

NEEDED = 3
TAIL_CHARS = 3000
HTML_CHARS = 20000
FIELD_LINES = 3
TABLE_ROWS = 3
REPORT_LINES = 6  # a long record is a report: a signal of the strong kind
LOG_PAIRS = 8
LINKS = 3
PROSE_WORDS = 8  # fewer words of prose and no record: too terse to be called impersonal
# One of these is needed: a record of fields from a bare address without words is also a
# terse person's (a pasted access, a list of values), never a footer or links. A built subject
# counts, but is not one of these: people tag theirs too ("[Dringend] ...", "Anfrage | Kd.-Nr.").
STRONG = frozenset({"report", "footer", "links", "html-only", "mailer"})
_ORDER = ("fields", "report", "footer", "links", "sender", "mailer", "html-only", "impersonal",
          "subject")

_FIELD_RE = re.compile(r"(?m)^[ \t]*(?:[-*•][ \t]{1,3})?(?:\*\*)?[^\W\d_][\w .()/'&#-]{0,30}?"
                       r"(?:\*\*)?[ \t]*:[ \t]+(?!https?://|www\.)\S")
_TABLE_RE = re.compile(r"(?m)^[^\n|]{0,80}\|[^\n]{0,400}$")
# A pasted mail's header lines are no record of fields (a person quoting a mail or a log).
_HEADER_LABEL_RE = re.compile(r"(?i)[ \t]*(?:received|date|from|to|cc|subject|message-id|return-path"
                              r"|reply-to|sent|von|an|betreff|gesendet|datum|de|objet|envoy)\s*:")
# A text table's row: three columns apart by runs of spaces ("1    DELOCK 86545     Patchkabel").
_COLUMNS_RE = re.compile(r"(?m)^[ \t]*\S[^\n]{0,80}?\S {3,}\S[^\n]{0,80}?\S {3,}\S")
_KEY_VALUE_RE = re.compile(r"(?<![\w&?=])[a-z][a-z_]{1,20}=(?:\"[^\"\n]{0,80}\"|[^\s\"]+)")
_LINK_RE = re.compile(r"(?i)\bhttps?://[^\s<>\")\]]{4,}")
_ACTION_RE = re.compile(
    r"(?im)^[ \t]*[^\W\d_][^\n:]{0,40}:(?!//)[ \t]*(?:\n[ \t]*)?\[?[^\n]{0,40}?https?://")
_IMG_RE = re.compile(r"(?i)<img\b[^>]{0,300}")
_ONE_PIXEL_RE = re.compile(r"(?i)(?:width|height)\s*=\s*[\"']?1(?:px)?(?:[\"'\s;/]|$)")
IMAGES = 50  # img tags looked at, at most
# A subject a program builds: a [tag] in front, or separators no person types ("a :: b", "a | b").
_SUBJECT_RE = re.compile(r"^\s*\[[^\]\n]{1,80}\]|\s::\s|\s\|\s")
# A server's own host as the sender's domain: three labels or more (not "co.uk"-like suffixes).
_HOST_DOMAIN_RE = re.compile(
    r"^(?![^.]+\.(?:co|com|org|net|ac|gv|or|ne|gov|edu)\.[a-z]{2}$)[^.@]+\.[^.@]+\.[^.@]+")
_SIGN_OFF_LINE_RE = re.compile(
    r"(?im)^[ \t]*(?:mit )?(?:freundlichen |beste[n]? |viele |liebe )?gr(?:ü|ue)(?:ß|ss)"
    r"|^[ \t]*(?:best |kind |warm )?regards|^[ \t]*(?:cheers|sincerely|cordialement|saludos"
    r"|atentamente|cordiali saluti|distinti saluti|met vriendelijke groet)")
# A question mark, not the one of a link's query that wrapped onto a line of its own
# ("...cancellazione_i.asp?arg=meteo" under the line that held "http://"): "?name=".
_QUESTION_RE = re.compile(r"[?？](?!\w{1,30}=)")
# A notice's stock question that asks nobody ("Questions?", "Haben Sie Fragen?", "Need help?",
# "Des questions ?"): a sentence of at most four words that ends on the noun questions or help
# ("Can you help?" is a person's), and the offer right after it ("Wir helfen gern.", "Contact
# us at ..." on the next line); a person's "Noch Fragen?" closing the text asks.
_OFFER_RE = re.compile(
    r"(?im)(?:^|(?<=[.!:] ))[^\S\n]{0,3}(?:[^\W\d_]{1,20}[^\S\n]{1,3}){0,3}(?:questions?|fragen"
    r"|hilfe|need help|vragen|preguntas|domande|d(?:ú|u)vidas)[^\S\n]{0,2}[?？]"
    r"(?=[^\S\n]{1,3}\w|[^\S\n]{0,3}\n[^\S\n]{0,3}\w)")
# A request in the writer's own prose (on lower-case text): a person's, unless a footer shows a
# program ("Please renew before ..." above "You are receiving this because ...").
_REQUEST_RE = re.compile(r"bitte|please|kindly|veuillez|s'il vous pla|por favor|per favore"
                         r"|alstublieft|graag")
_MAIL_CLIENT_RE = re.compile(
    r"(?i)outlook|thunderbird|apple mail|iphone|ipad|android|roundcube|evolution|mutt|claws"
    r"|em client|mailbird|postbox|sogo|horde|rainloop|webmail|gmail|yahoo|mail\.ru|kmail|sylpheed"
    r"|the bat|seamonkey|opera mail|spark|airmail|canary|superhuman|gnus|alpine|pine|lotus notes"
    # webmails and clients whose name says "Mailer" or "Service" (Open-Xchange: IONOS, 1&1, Strato)
    r"|open-xchange|zimbra|ymailnorrin|yahoomail|windows live mail|foxmail|groupwise|kerio|icewarp"
    r"|k-9 mail|fairemail|bluemail|aquamail")
# A Message-ID that Gmail's own web or app client writes (a program sending through Gmail's SMTP
# writes its own, or gets one of smtp.gmail.com): a person's, who writes no X-Mailer.
_CLIENT_ID_RE = re.compile(r"(?i)^<CA[^@\s>]{10,200}@mail\.gmail\.com>$")
# A program's mailer: a library, a language's runtime, a service or a tool (not a mail client).
_PROGRAM_MAILER_RE = re.compile(
    r"(?i)php|mailer|mime::|swift|java|python|perl|ruby|node|\.net\b|smtp|\blib|\bapi\b|service"
    r"|\bbot\b|cron|notif|alert|monitor|ticket|\bcrm\b|desk|sendmail|\bmail::|postfix|\bsdk\b"
    r"|\bcms\b|drupal|joomla|typo3|contao")  # a site's content management system
_PLATFORM_HEADERS = ("feedback-id", "x-ses-outgoing", "x-mailgun-sid", "x-mailgun-tag", "x-sg-eid",
                     "x-sg-id", "x-pm-message-id", "x-mc-user", "x-mandrill-user", "x-sib-id",
                     "x-mj-mid", "x-csa-complaints", "x-job", "x-mailer-sid")
# PHP's mail() names the calling script (mail.add_x_header): a program's, where nothing names
# a mail program (a webmail on PHP names itself in X-Mailer or User-Agent: a person's client).
_SCRIPT_HEADERS = ("x-php-script", "x-php-originating-script")
_PARTICLE_RE = re.compile(r"(?<=\w) (?:von|vom|van|der|zu|de la|y) (?=[A-ZÄÖÜ])")
_BARE_WORD_RE = re.compile(r"^[a-z]{2,20}$")
_NAME_LOCAL_RE = re.compile(r"^[a-z]{1,20}[._-][a-z]{2,30}$")


def machine_signals(mail: ParsedMail) -> bool:
    """At least NEEDED signals of a program, one of them STRONG, and no sign of a person. In
    stages, the cheap signals first: most people's mail has too few of them to go on."""
    own = own_part(mail.text)
    found = _cheap(mail, own)
    if len(found) + 2 < NEEDED:  # footer and impersonal could add two at most
        return False
    impersonal = _impersonal(own)  # in a letter, a company signature's copyright is no footer
    found["footer"] = _has_footer(mail, own, impersonal)
    if sum(found.values()) + 1 < NEEDED or not any(found.get(name) for name in STRONG):
        return False
    if _person(mail, own, found["footer"]):
        return False
    found["impersonal"] = impersonal
    return sum(found.values()) >= NEEDED


def signals(mail: ParsedMail) -> list[str]:
    """The names of the machine signals found (see the module's docstring)."""
    own = own_part(mail.text)
    found = {**_cheap(mail, own), "footer": _has_footer(mail, own), "impersonal": _impersonal(own)}
    return [name for name in _ORDER if found.get(name)]


def _has_footer(mail: ParsedMail, own: str, signature: bool = True) -> bool:
    """Boilerplate in the writer's own part, or in the text's tail where that is longer; without
    `signature`, not a company signature's copyright line or disclaimer (company_footers)."""
    tail = mail.text[-TAIL_CHARS:] if len(mail.text) > len(own) else ""
    keep = str.lower if signature else lambda text: without_signature_footer(text.lower())
    return any(footer(keep(text)) for text in (own, tail) if text)


def _cheap(mail: ParsedMail, own: str) -> dict[str, bool]:
    """The signals found by a few bounded scans (all but footer and impersonal)."""
    html = mail.html[:HTML_CHARS]
    body = _above_sign_off(own)  # a company signature's "Web: https://..." lines are no notice's
    records = _records(body)
    found = {"fields": 0 < records < REPORT_LINES, "report": records >= REPORT_LINES,
             "links": _links(body, html), "sender": not person_sender(mail),
             "mailer": program_mailer(mail), "html-only": _html_only(mail, html),
             "subject": bool(_SUBJECT_RE.search(mail.subject or ""))}
    return {name: True for name, present in found.items() if present}


_QUOTED_RE = re.compile(r"\"[^\"\n]{1,200}\"|„[^“”\n]{1,200}[“”]|«[^»\n]{1,200}»|“[^”\n]{1,200}”")


def _prose(own: str) -> str:
    """The writer's own lines that are no field, no table row, no quoted (`>`) line, without
    links and without what stands in quotation marks (a tool quoting a person's comment)."""
    lines = (line for line in without_links(own).splitlines()
             if not (line.lstrip().startswith(">") or "|" in line or _FIELD_RE.match(line)))
    return _QUOTED_RE.sub(" ", "\n".join(lines))


def _person(mail: ParsedMail, own: str, footer_found: bool) -> bool:
    """A sign of a person: a forward or answer, a quoted original, a mail client (by its name, or
    Gmail's by its Message-ID), or in the writer's own prose a first-person sentence, a question,
    a request (where no footer shows a program: `footer_found`, as machine_signals found it) or a
    sign-off with a name."""
    if person_subject(mail.subject) or carries_original(mail) or client_quote(mail.text):
        return True
    if own_address(mail):  # "Sandra Weber <s.weber@>": a person's own address, however terse
        return True
    if _MAIL_CLIENT_RE.search(_agent(mail)) or _CLIENT_ID_RE.search(mail.message_id or ""):
        return True
    prose = _prose(own)
    asking = _QUESTION_RE.search(_OFFER_RE.sub(" ", without_footer(prose)))
    if first_person(prose) or observed(prose) or asking:
        return True
    if _REQUEST_RE.search(prose.lower()) and not footer_found:
        return True
    if _signs_own_name(prose, mail.from_addr or "") or ends_with_closing(prose):
        return True
    signed = named_sign_off(own)
    return signed is not None and persons_sign_off(own[signed:], mail.from_addr or "",
                                                   SIGN_OFF_WORDS_RE)  # "Best,\nPiotr Nowak"


def _signs_own_name(prose: str, sender: str) -> bool:
    """The last line is a name alone that the sender's local part spells ("John" from john@), or
    a first and last name none of whose words the sender's domain spells ("Thomas Berg" from
    info@firma.example; not "IT-Haus Gerber" from support@it-haus-gerber.de, "Pingdom Alerting"
    from alert@pingdom.example: a company or product signs with its domain)."""
    last = next((line.strip() for line in reversed(prose.splitlines()) if line.strip()), "")
    words = last.lower().split()
    if not (words and len(words[0]) > 1 and person_name(last)):
        return False
    local, _, domain = sender.lower().rpartition("@")
    named = domain.rpartition(".")[0]  # "IT-Haus Gerber" signs for it-haus-gerber.de
    return words[0] in local or (2 <= len(words) <= 3 and not any(w in named for w in words))


def _impersonal(own: str) -> bool:
    """Nobody greets, signs off or writes as I (a "Sehr geehrte ..." or "Grüße" is enough), in
    prose of some length or beside a record: a terse person greets nobody in four words."""
    first = next((line for line in own.splitlines() if line.strip()), "")
    prose = _prose(own)
    if len(prose.split()) < PROSE_WORDS and not _records(own):
        return False
    return not (GREETING_RE.match(first) or SIGN_OFF_RE.search(prose.lower()) or first_person(prose))


def _above_sign_off(own: str) -> str:
    """The text above the first line that opens with a sign-off ("Mit freundlichen Grüßen",
    "Best regards,"): a signature's fields and links below it are a person's as often."""
    found = _SIGN_OFF_LINE_RE.search(own)
    return own[:found.start()] if found else own


def _records(own: str) -> int:
    """How many record lines the text holds if they make a record of fields (else 0): "Label:
    value" lines (not a pasted mail's header lines), a table's rows, a log's key=value pairs."""
    fields = len([f for f in _FIELD_RE.findall(own) if not _HEADER_LABEL_RE.match(f)])
    rows = max(len(_TABLE_RE.findall(own)), len(_COLUMNS_RE.findall(own)))
    pairs = len(_KEY_VALUE_RE.findall(without_links(own)))
    found = max(fields if fields >= FIELD_LINES else 0, rows if rows >= TABLE_ROWS else 0)
    return max(found, REPORT_LINES if pairs >= LOG_PAIRS else 0)


def _links(own: str, html: str) -> bool:
    if len(set(_LINK_RE.findall(without_copyright_lines(own)))) >= LINKS or _ACTION_RE.search(own):
        return True
    return any(_ONE_PIXEL_RE.search(tag.group()) for tag in islice(_IMG_RE.finditer(html), IMAGES))


def person_sender(mail: ParsedMail) -> bool:
    """The From is somebody by name: a person's name of two words or more, or one that the local
    part spells (`Anna <anna@>`; not "Porkbun <support@>"), or without a display name a local
    part of two name parts or one bare word (`j.weber@`, `anna@`: a person as likely as
    `alert@`), not on a host of its own (`bareos@backup01.example.de`)."""
    name = (mail.from_name or "").strip().strip("\"'")
    local, _, domain = (mail.from_addr or "").lower().rpartition("@")
    if _HOST_DOMAIN_RE.match(domain) and not _NAME_LOCAL_RE.match(local):
        return False  # a server's own account (bareos@backup01.example.de)
    if not name:  # "anna@" may be a person as well as "alert@": only a tool's token says no
        return bool(_NAME_LOCAL_RE.match(local) or _BARE_WORD_RE.match(local))
    if not person_name(_PARTICLE_RE.sub(" ", name)):
        return False
    words = name.lower().split()
    return len(words) > 1 or any(p.startswith(words[0][:3]) for p in re.split(r"[._+-]", local))


def _agent(mail: ParsedMail) -> str:
    """The sending program's names, as X-Mailer and User-Agent give them."""
    return " ".join(mail.header_values("x-mailer") + mail.header_values("user-agent"))


def program_mailer(mail: ParsedMail) -> bool:
    agent = _agent(mail)
    if _PROGRAM_MAILER_RE.search(agent) and not _MAIL_CLIENT_RE.search(agent):
        return True
    if not agent and any(mail.header_values(name) for name in _SCRIPT_HEADERS):
        return True
    return any(mail.header_values(name) for name in _PLATFORM_HEADERS)


def _html_only(mail: ParsedMail, html: str) -> bool:
    return mail.content_type == "text/html" and html.lower().count("<table") >= 1
