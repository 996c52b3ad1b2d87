"""Pure: a security team's or a reporting service's report about our network, sent by a program
with no original message attached (reason `feedback-report`): a CERT's list of open services
("[CB-Report#...] Offene Redis-Server", a CSV of addresses), a takedown service's phishing
notice ("Phishing attack hosted on 185.52.3.91 [4b7e1f0c92aa]"). Known by two signs together:

- the sender's local part is a reporting or security role: `reports@`, `autoreports@`,
  `incident@`, `takedown@`, `cert@`, `csirt@`, `security-alerts@`, `abuse-reports@`,
  `abusereply@` (a network provider passing a report on to the host), a brand-protection
  firm's `enforcement@` ...;
- the words of abuse or a security finding in the subject or the text (spam, abuse,
  Missbrauch, phishing, malware, botnet, compromised, open resolver, trademark infringement,
  counterfeit, copyright ...);
and nothing of a person: no question in the writer's own lines and no sign-off with a person's
name (a team's, "Team CERT-Bund", "SWITCH-CERT", "Netcraft Takedown Service", or none), and
its evidence (a link or a list attached; written out as a letter does it, a defanged link
"hxxps://site[.]de" or an "IP Address: 85.215.144.18" field) beside any request or greeting.
An analyst who signs "Best regards, John Smith", or a customer's security@ asking "Is our
server compromised?", is a person and is answered, and so is a plain complaint from
`reports@` ("Bitte prüfen. Gruß, Team IT"); a person's complaint from their own address is not looked at here.
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.mail_systems import PERSON_REQUEST_RE, PERSON_WORDS_RE
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import LINK_RE, named_sign_off

SCAN_CHARS = 3000
_REPORT_LOCAL_RE = re.compile(
    r"^(?:(?:auto)?reports?|incidents?|takedowns?|cert|csirt|enforcement|abuse[-_.]?(?:reports?|tickets?"
    r"|notifications?|noreply|repl(?:y|ies))|security[-_.]?(?:alerts?|reports?|notifications?|incidents?))"
    r"(?:[-_.+][\w.=-]*)?$")
FINDING_RE = re.compile(
    r"(?i)unsolicited|\bspam|\babuse|missbrauch|unerw(?:ü|ue)nscht|non sollicit|no solicitad"
    r"|indesiderat|abuso|phishing|malware|botnet|ddos|compromised|kompromittiert|open resolver"
    r"|\bvulnerab|schwachstelle|verwundbar|offene[rns]? [\w-]*(?:server|dienst|resolver|port)"
    r"|infring|counterfeit|trademark|copyright|markenrecht|urheberrecht|contrefa(?:ç|c)on"
    r"|falsificad|contraffa")
# Evidence written out: a defanged link ("hxxps://", "example[.]de") or an IP address as a field
# ("IP Address: 85.215.144.18"), as a takedown service's letter gives it.
_DEFANGED_RE = re.compile(r"(?im)\bhxxps?://|\w\[\.\]\w"
                          r"|^[ \t]*ip(?:v4)?[ \w]{0,12}:[ \t]*\d{1,3}(?:\.\d{1,3}){3}\b")


def security_report(mail: ParsedMail, senders: list[str]) -> bool:
    """A reporting role's abuse or security finding, asking nothing, signed by no person."""
    if person_subject(mail.subject):
        return False
    if not any(_REPORT_LOCAL_RE.match(s.rsplit("@", 1)[0].lower()) for s in senders):
        return False
    if not FINDING_RE.search(f"{mail.subject}\n{mail.text[:SCAN_CHARS]}"):
        return False
    own = own_part(mail.text)
    if "?" in without_links(own) or named_sign_off(own) is not None:
        return False
    # a report comes with its evidence, a link or a list attached; plain words with a request
    # or a greeting at the end are a person's complaint from the team's mailbox
    head = mail.text[:SCAN_CHARS]
    plain = not (mail.attachments or LINK_RE.search(head) or _DEFANGED_RE.search(head))
    return not (plain and (PERSON_WORDS_RE.search(own) or PERSON_REQUEST_RE.search(own)))
