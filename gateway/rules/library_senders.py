"""Pure: reports and notices that a program sends without a person's words (reason
`machine-notice`, only where no other sign was found), known by who sends *and* what the mail
holds:

- a system account of a server or a database (`root`, `cron`, `oracle`, `postgres`, `mysql`
  ...) sending a file, attached or uuencoded into the text ("begin 644 report.csv"), with no
  word of its own beside it: a scheduled report, whatever its subject ("Offene Verträge
  gefunden: 3"). A system account that writes words is judged by
  `system_senders.py` (monitoring subject, no request);
- a program's mail library as the mailer (`X-Mailer: MIME::Lite`, PHPMailer, JavaMail,
  Nodemailer, Zend/Laminas Mail ...) sending an attachment, with no question, request or
  sign-off in its text (a sign-off word, or a sign-off with a person's name in any language:
  "Best, Tom Fletcher", "LG Andreas"; or a first and last name alone as the last paragraph: "in
  allegato il contratto firmato.\n\nMarco Bianchi"): an invoice, a statement or a report that an
  application mails out. A person who writes through a webmail or a CRM built on such a library
  greets, asks or signs;
- an issue tracker's or code host's notification, known by the header the tool names itself in
  (`X-JIRA-FingerPrint`, `X-Redmine-*`, `X-GitLab-*`, `X-GitHub-*`, `X-Bugzilla-*` ...), with
  no question, request or sign-off ("[JIRA] (OPS-12) ..." over "Issue updated"). An agent's
  comment mailed through the tool ("please add our new office IP ... Thanks, Arjun Mehta") is a
  person's and answered; helpdesks (Zendesk, Freshdesk, OTRS) are not listed: their agents
  write through them.
A mail sent on or answered (Fwd:, Re: ...) is a person's: the caller checks that first.
"""

from __future__ import annotations

import re

from gateway.rules.notices import REQUEST_RE, SIGN_OFF_RE, asks
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import name_paragraph, named_sign_off

SERVER_ACCOUNT_RE = re.compile(
    r"^(?:root|cron|daemon|nobody|www-data|apache|nginx|backup|oracle|postgres(?:ql)?|mysql"
    r"|mariadb|mssql|sqlserver|db2inst\d*|sapadm|informix|sybase)$")
_LIBRARY_MAILER_RE = re.compile(
    r"(?i)\b(?:mime::lite|mime-lite|phpmailer|javamail|nodemailer|zend[_ ]mail|laminas[_ ]mail"
    r"|mail::sender|email::sender|net::smtp|pear mail|mime::entity)\b")
# Headers an issue tracker or a code host names itself in; no mail client writes them.
_TRACKER_HEADER_RE = re.compile(
    r"^x-(?:jira-fingerprint|atlassian-[\w-]+|redmine-[\w-]+|gitlab-[\w-]+|github-[\w-]+"
    r"|bugzilla-[\w-]+|trac-[\w-]+|phabricator-[\w-]+|gitea-[\w-]+|launchpad-[\w-]+"
    r"|youtrack-[\w-]+)$")
# A uuencoded file in the text: a "begin 644 name" line ... an "end" line.
_UU_BEGIN_RE = re.compile(r"begin [0-7]{3,4} \S")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


def library_notice(mail: ParsedMail, senders: list[str]) -> bool:
    """A server account's file without words; a mail library's attachment or a tracker's
    notification without a person's question, request or sign-off."""
    own = own_part(mail.text)
    if any(SERVER_ACCOUNT_RE.match(s.rsplit("@", 1)[0]) for s in senders):
        rest, uuencoded = _without_uuencoded(own)
        if (mail.attachments or uuencoded) and not _words(rest):
            return True
    library = mail.attachments and _LIBRARY_MAILER_RE.search(mail.header("x-mailer") or "")
    if not (library or any(_TRACKER_HEADER_RE.match(name) for name, _ in mail.headers)):
        return False
    return not (asks(mail.text) or SIGN_OFF_RE.search(own) or REQUEST_RE.search(own)
                or named_sign_off(own) is not None  # "Best, Tom Fletcher", "LG Andreas"
                or name_paragraph(own) is not None)  # "in allegato il contratto firmato.\n\nMarco Bianchi"


def _without_uuencoded(own: str) -> tuple[str, bool]:
    """The text without its uuencoded files (one pass over the lines), and whether it had one."""
    kept: list[str] = []
    block: list[str] | None = None
    found = False
    for line in own.splitlines():
        if block is None and _UU_BEGIN_RE.match(line):
            block = [line]
        elif block is not None and line.strip() == "end":
            block, found = None, True
        elif block is not None:
            block.append(line)
        else:
            kept.append(line)
    return "\n".join(kept + (block or [])), found  # an unclosed "begin" is text


def _words(text: str) -> bool:
    """Any word of the sender's own outside links."""
    return bool(_WORD_RE.search(without_links(text)))
