"""Pure: notices that systems, appliances and applications send in their own name (reason
`machine-notice`, only where no other sign was found), recognised by the sender *and* what the
mail is, never by the subject alone.

- A system account as sender (`root`, `nagios`, `icinga`, `zabbix`, `cron`, `fail2ban` ...), or
  an appliance in its own name ("Synology NAS", "FRITZ!Box", "Proxmox VE", "Intelligent Power
  Manager", a printer such as "ECOSYS M5526cdw"; or its address: `veeam@`, `eaton-ipm@`,
  `scanner@`, `printer@`), with a monitoring subject (PROBLEM, DOWN, failed, banned, backup,
  disconnected, toner ...) and no question or request (a system account's mail signed with a
  person's name, "Kindly replace the disk tonight. Regards, Piotr", is the admin's); an
  appliance's name with a person's sign-off is its vendor's support writing. Products of backup,
  logging/SIEM, alerting, virtualisation and endpoint security count as appliances ("Bareos",
  `wazuh@`, `vcenter@`, "Opsgenie", "ESET PROTECT", "LANCOM 1900EF"), threats and events as
  monitoring words; a request inside a record ("Failed: ..., please run repair", a time-stamped
  log line) asks nobody. Cron's `X-Cron-Env` alone. A scanner's scan-to-mail ("Gescanntes
  Dokument von MFC-L8900CDW", "Scanned from ...") with the scan attached and no person's words;
  without an attachment a person's own mail from `scanner@` is answered.
- A server writing as itself: the local part or the display name is a host name (a word with a
  digit, `srv-fs01@`, `dc01@`, "ARC-1883IX-16") that the subject names too, a monitoring subject
  ("SRV-FS01 Backup Status"), no question and no sign-off (a word, or a person's name under one:
  "LG Andreas"); a request
  ("Please review the event details") counts as a person's only outside a report of fields ("Log
  Name: ...", "Event ID: ...") and outside a banner line ("--- Please check your RAID system ---").
- A device's log record as the text, from any sender (FortiGate's "Message meets Alert
  condition" with `date=... devname="FGT-HQ" ... level="alert"`: eight key=value pairs or more
  outside links), a monitoring subject, no question, sign-off or request outside a report.
- An application's default sender (`wordpress@`: WordPress core's From; `nextcloud@`,
  `gitlab@`, `jenkins@`, `jira@`, `confluence@`, `redmine@`) with no question, request or
  sign-off of a person, whatever the subject ("[Kunde Blog] Passwort-Reset").
- Applications, devices and phone systems by address or display name: `device_senders.py`; a
  shop system's order confirmation: `order_notices.py`; a billing system's notice naming the
  reader's masked card or account: `payment_notices.py`; a helpdesk's acknowledgement of a new
  ticket, also as Re: (`helpdesk_acks.py`); an invoice or a bulk invitation a platform sends in
  its user's name (`platform_senders.py`); a notice about the reader's parcel with its tracking
  link (`shipment_notices.py`); a server account's file without words and a mail
  library's attachment without a person's words (`library_senders.py`).
A subject that starts like a forward or an answer (Fwd:, WG:, Re:, AW: ...) is a person's.
"""

from __future__ import annotations

import re

from gateway.rules.account_notices import account_notice
from gateway.rules.bounces import person_subject
from gateway.rules.certified_mail import certified_data_notice
from gateway.rules.device_senders import device_notice, in_report, phone_notice
from gateway.rules.event_notices import registration_confirmation
from gateway.rules.form_relays import form_relay
from gateway.rules.helpdesk_acks import ticket_acknowledgement
from gateway.rules.host_reports import field_report, self_named_host
from gateway.rules.invoice_notices import service_notice
from gateway.rules.library_senders import library_notice
from gateway.rules.mailbox_notices import mailbox_notice
from gateway.rules.notices import REQUEST_RE, SIGN_OFF_RE, asks
from gateway.rules.order_notices import order_confirmation
from gateway.rules.originals import own_part, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.payment_notices import payment_notice
from gateway.rules.platform_senders import platform_notice
from gateway.rules.shipment_notices import shipment_notice
from gateway.rules.signed_replies import named_sign_off
from gateway.rules.subscription_notices import subscription_notice

_SYSTEM_ACCOUNT_RE = re.compile(
    r"^(?:root|nagios|icinga2?|zabbix|monit|cron|daemon|fail2ban|smartd|mdadm|apcupsd|logwatch"
    r"|munin|prometheus|alertmanager|grafana|www-data|backup|checkmk|cmk|observium|librenms"
    r"|ups|upsmon|upsd|nut|monitoring)$")
# Applications whose default sender is their own name, for any notice they send.
_APP_ACCOUNT_RE = re.compile(
    r"^(?:wordpress|nextcloud|gitlab|jenkins|jira|confluence|redmine|bugtracker|mantis(?:bt)?"
    r"|bugzilla|youtrack|gitea|forgejo|gogs|teamcity|trac|phabricator|kanboard|openproject)$")
# Products that send their notices under their own name, in the display name or as the
# local part's first word (bareos@, wazuh@, vcenter@, opsgenie@, duplicati@, eset@).
_PRODUCTS = (r"bareos|bacula|duplicati|borgmatic|urbackup|acronis|arcserve|nakivo|wazuh|ossec"
             r"|graylog|splunk|kibana|elastalert|opsgenie|pagerduty|healthchecks|vcenter|vmware"
             r"|vsphere|esxi|nutanix|xcp-ng|bitdefender|gravityzone"
             # backup software and build servers (CI/CD) of a customer's company
             r"|iperius|cobian|uranium backup|altaro|teamcity|azure devops|azure pipelines"
             r"|circleci|travis ci|buildkite|woodpecker ci|drone ci|github actions|gitlab ci"
             r"|sonarqube|sonarcloud|mantis bug tracker|mantisbt|bugzilla|youtrack"
             # backup, storage, hosting panels, firewalls (Backup Exec, NetApp AutoSupport)
             r"|backup ?exec|netapp|autosupport|ontap|plesk|usg ?flex|zywall")
# Appliances and monitoring products that send in their own name ("Synology NAS", "FRITZ!Box",
# "Proxmox Backup Server", printers): the display name is the product, never a person's.
_APPLIANCES = (r"synology|diskstation|qnap|truenas|freenas|unraid|fritz!?\s?box|proxmox|veeam"
               r"|unifi|pfsense|opnsense|mikrotik|routeros|sophos|fortigate|watchguard|apc\b|eaton\b"
               r"|uptime kuma|uptimerobot|checkmk|zabbix|nagios|icinga|prtg|observium|librenms"
               r"|netdata|grafana|alertmanager|hetrixtools|statuscake|pingdom"
               r"|intelligent power manager|ecosys|kyocera|taskalfa|(?:hp )?(?:color )?laserjet"
               r"|(?:hp )?officejet|brother (?:mfc|hl|dcp)|canon (?:ir|imagerunner|i-sensys|mf)"
               r"|imagerunner|ricoh|xerox|lexmark|konica minolta|bizhub"
               # backup, log/SIEM, alerting, virtualisation, endpoint security, routers
               r"|" + _PRODUCTS + r"|eset\b|lancom\b|draytek|zyxel")
_APPLIANCE_NAME_RE = re.compile(r"(?i)^\W*(?:" + _APPLIANCES + r")\b")
# ... or in the address: the product as the local part's first word (veeam@, fritzbox@,
# synology-ds920@); a surname that is also a brand (eaton) is not enough there.
_APPLIANCE_LOCAL_RE = re.compile(
    r"^(?:synology|diskstation|qnap|truenas|freenas|unraid|fritz-?box|proxmox|pve|veeam|unifi"
    r"|pfsense|opnsense|mikrotik|sophos|fortigate|watchguard|uptime-?kuma|uptimerobot|checkmk"
    r"|prtg|netdata|hetrixtools|statuscake|pingdom|eaton[-_.]?ipm|scanner|printer|mfp|drucker"
    r"|kopierer|kyocera|ecosys|bizhub|ricoh|xerox|lexmark|imagerunner|taskalfa|workcentre"
    r"|versalink|laserjet|officejet|eset|lancom|draytek|zyxel|" + _PRODUCTS + r")(?:[-_.+]\w*)*$")
_MONITORING_SUBJECT_RE = re.compile(
    r"(?i)\b(?:problems?|recovery|recovered|critical|warnings?|alerts?|down|unreachable"
    r"|fail(?:ed|ures?|s)?|errors?|banned|backup|upgrades?|smart|power|battery|raid|degraded|disk"
    r"|cron|logwatch|status|firing|resolved|triggered|offline|timeout|threshold|exceeded"
    r"|expir(?:ed|es|ing|y)|job|task|report|summar(?:y|ies)|fehler|fehlgeschlagen|st(?:ö|oe)rung"
    r"|ausfall|unterbrochen|warnung|alarm|ereignis(?:se)?|stromausfall|batterie"
    r"|(?:dis|re)?connected|online|lost|restored|toner|paper|papier|supplies|low|niedrig"
    r"|getrennt|verbunden|events?|threats?|bedrohung(?:en)?|virus|malware|infected|infiziert"
    r"|detected|erkannt|limits?|(?:ü|ue)berschritten"
    # a host that stops answering ("Host host03 is non responsive", "nicht erreichbar")
    r"|non[- ]?responsive|unresponsive|not responding|nicht erreichbar|antwortet nicht"
    r"|is (?:back )?up|wieder (?:erreichbar|online)"
    r"|ne r(?:é|e)pond pas|no responde|non risponde|reageert niet"
    # a host's loss of packets, its pending updates, an alert's compound ("[SmokeAlert]"), an
    # address a firewall blocked, a log's summaries
    r"|loss|verlust|paketverlust|perte|p(?:é|e)rdida|updates?|aktualisierungen"
    r"|[a-z]{2,20}(?:alert|alarm)s?|blocked|gesperrt|blockiert|bloqu(?:é|e)|bloqueado|bloccato)\b"
    r"|(?:wochen|monats|tages|status)?(?:übersicht|bericht|zusammenfassung)\b")
# A scanner's scan-to-mail subject ("Gescanntes Dokument von MFC-L8900CDW", "Scanned from ...").
_SCAN_SUBJECT_RE = re.compile(
    r"(?i)^\W*(?:scann?ed (?:document|image|file|from)|scan(?:ned)? (?:from|to e-?mail)"
    r"|gescannte[sn]? (?:dokument|datei|bild)|scan (?:von|vom)|scan-?to-?mail|scan data from"
    r"|attached image\s*$)")
# A device's line in a scan's text ("Device Name: iR-ADV C5840", "Sent from iR-ADV C5840"; not a
# phone's "Sent from my iPhone").
_DEVICE_LINE_RE = re.compile(r"(?im)^[ \t]*(?:device|ger(?:ä|ae)t|model|scanner|serial)[\w ]{0,20}:"
                             r"|^[ \t]*(?:sent|scanned) (?:from|by) (?!my\b)\S")
# A host name as local part: letters, digits and inner hyphens, with a digit (srv-fs01, dc01).
_HOST_LOCAL_RE = re.compile(r"^(?=[a-z0-9-]*\d)[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# A program's banner line between dashes or stars ("--- Please check your RAID system ---").
_BANNER_RE = re.compile(r"(?m)^[ \t]*(?:-{3}|\*{3}|={3})[^\n]{1,80}(?:-{3}|\*{3}|={3})[ \t]*$")
# A log record's key=value pairs (FortiGate, syslog structured data): many make a record.
_KEY_VALUE_RE = re.compile(r"(?<![\w&?=])[a-z][a-z_]{1,20}=(?:\"[^\"\n]*\"|[^\s\"]+)")
LOG_PAIRS = 8
# A record of a report or a log: a field line, or a line that starts with a time stamp
# ("2026-01-26 22:00:14 +01 - [Error-...]: ..., please run repair").
_RECORD_LINE_RE = re.compile(r"(?m)^[ \t]*(?:[A-Z][\w .()/-]{0,30}:[ \t]|\d{4}-\d\d-\d\d[T ]\d\d:"
                             r"|\d\d?\.\d\d?\.\d{4} \d\d:)[^\n]*")


def system_notice(mail: ParsedMail, senders: list[str]) -> bool:
    """Cron's mail; a system account's, an appliance's or a server's monitoring notice, or an
    application's notice, that asks nothing."""
    if mail.header_values("x-cron-env"):
        return True
    if ticket_acknowledgement(mail, senders) or certified_data_notice(mail) or mailbox_notice(mail):
        return True
    if person_subject(mail.subject):
        return False
    if device_notice(mail, senders) or phone_notice(mail) or order_confirmation(mail):
        return True
    if subscription_notice(mail) or form_relay(mail) or service_notice(mail):
        return True
    if payment_notice(mail) or account_notice(mail) or registration_confirmation(mail):
        return True
    if library_notice(mail, senders) or platform_notice(mail, senders) or shipment_notice(mail):
        return True
    locals_ = [s.rsplit("@", 1)[0] for s in senders]
    own = own_part(mail.text)
    if any(_APP_ACCOUNT_RE.match(local) for local in locals_):  # a ticket's fields quote people
        return _report(own) or not _signs_or_asks(mail, _QUOTED_SPEECH_RE.sub(" ", own))
    if _scan(mail, locals_):
        return not (asks(mail.text) or SIGN_OFF_RE.search(own) or REQUEST_RE.search(own))
    if not _MONITORING_SUBJECT_RE.search(mail.subject or ""):
        return False
    if any(_SYSTEM_ACCOUNT_RE.match(local) for local in locals_):  # "Regards, Piotr" too
        return not _signs_or_asks(mail, own)
    if _appliance(mail, locals_):
        return not (asks(mail.text) or SIGN_OFF_RE.search(own) or _requests(_prose(own), own))
    hosts = [*locals_, (mail.from_name or "").lower()]  # "ARC-1883IX-16" <areca@...> too
    if any(_names_host(host, mail.subject or "") for host in hosts) or _log_record(own):
        return not (asks(mail.text) or SIGN_OFF_RE.search(own) or _requests(_BANNER_RE.sub(" ", own))
                    or named_sign_off(own) is not None)  # "LG Andreas" from srv01@
    return field_report(mail, own) or self_named_host(mail, own)


# What an application quotes its users saying: „...“, “...”, "...", «...» on one line ("Michael
# hat Sie erwähnt: „@technik bitte die neue IP eintragen, danke!“").
_QUOTED_SPEECH_RE = re.compile(r"[„“\"«»][^„“”\"«»\n]{1,300}[“”\"»«]")


def _signs_or_asks(mail: ParsedMail, own: str) -> bool:
    """A person's words: a question, a request or thanks, or a sign-off with a person's name in
    any of the customers' languages ("Groet, Sanne", "Pozdrawiam, Anna Nowak", "Regards, Piotr").
    A request beside a report of fields ("Please inspect this machine" above them) asks nobody."""
    return bool(asks(own) or _requests(_prose(own), own) or named_sign_off(own) is not None)


def _appliance(mail: ParsedMail, locals_: list[str]) -> bool:
    return bool(_APPLIANCE_NAME_RE.match(mail.from_name or "")) or any(
        _APPLIANCE_LOCAL_RE.match(local) for local in locals_)


def _scan(mail: ParsedMail, locals_: list[str]) -> bool:
    """A scanner's scan-to-mail: the appliance (by its product, or a device's host name as the
    sender's local part, `ir-adv-c5840@`, beside a device line, "Device Name: ..."), a scan
    subject, the scan attached."""
    if not (mail.attachments and _SCAN_SUBJECT_RE.match(mail.subject or "")):
        return False
    device = any(_HOST_LOCAL_RE.match(local) for local in locals_) and bool(
        _DEVICE_LINE_RE.search(own_part(mail.text)))
    return device or _appliance(mail, locals_)


def _names_host(local: str, subject: str) -> bool:
    """A host name as local part that the subject names as a word."""
    if not _HOST_LOCAL_RE.match(local):
        return False
    return bool(re.search(r"(?i)(?<![\w-])" + re.escape(local) + r"(?![\w-])", subject))


def _log_record(own: str) -> bool:
    """A device's log record as the text (date=... devname="FGT-HQ" logid=... level="alert"
    ...), from whatever sender: many key=value pairs outside links."""
    return len(_KEY_VALUE_RE.findall(without_links(own))) >= LOG_PAIRS


def _prose(own: str) -> str:
    """The text without its records: a product's error line ("Failed: ..., please run repair")
    asks nobody; a person's "Backup failed. Bitte prüfen." stays."""
    return _RECORD_LINE_RE.sub(" ", own)


def _report(own: str) -> bool:
    """A report of fields ("Projekt: Eshop", "Stav: přiřazen", ...): a tracker's notice, whose
    question is the quoted issue's."""
    return in_report(own)


def _requests(own: str, whole: str | None = None) -> bool:
    """A request of a person: not one beside a report of fields (counted in `whole`, the text
    before its records were set aside)."""
    return bool(REQUEST_RE.search(own)) and not in_report(own if whole is None else whole)
