"""Pure: notices of devices and applications that write in their own name (reason
`machine-notice`, only where no other sign was found), by the sender *and* the mail's words,
never by the subject alone. Called from `system_senders.system_notice` (not for Fwd:/Re:).

- An application by its default address or display name (`glpi@`, `homeassistant@`,
  `powerpanel@`; "GLPI ...", "Home Assistant", "PowerPanel Business"), whatever the subject,
  with no question, request or sign-off of a person.
- A device by its address: cameras and recorders (`kamera@`, `camera@`, `nvr@`, `dvr@`), server
  management boards (`idrac-r640-01@`, `ilo-srv1@`, `ipmi@`, `bmc@`), or by its display name
  (Hikvision, Dahua, Axis, Reolink, iDRAC, iLO); and a `router@`, `firewall@`, `gateway@`, `gw@`,
  `fw@` only when the subject or display name names its maker (MikroTik, RouterOS, pfSense,
  OPNsense ...) or starts with its own host name ("gw.metzgerei-bauer.de - Notification" from
  `firewall@gw.metzgerei-bauer.de`; a domain of two labels is a person's: `gw@weber.example`
  writing "weber.example umziehen"): "gateway" and "router" are common words. Device local parts
  take `-`/`_` words only (`ilo.meyer@`, `cam.smith@` are people), iLO's display name its case. No question,
  request or sign-off of a person ("Unsere Firewall blockiert Port 443, könnt ihr prüfen?" from
  `firewall@` is a customer's).
- A phone system's voicemail or fax (`voicemail@`, `fax@`) with the recording or the
  fax attached and no person's words.
"""

from __future__ import annotations

import re

from gateway.rules.notices import REQUEST_RE, SIGN_OFF_RE, asks, persons_sign_off
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail

_APP_LOCAL_RE = re.compile(r"^(?:glpi|home-?assistant|hass|powerpanel)(?:[-_.+]\w*)*$")
_APP_NAME_RE = re.compile(r"(?i)^\W*(?:glpi|home assistant|powerpanel|cyberpower)\b")
_DEVICE_LOCAL_RE = re.compile(
    r"^(?:(?:kamera|camera|ipcam|nvr|dvr|idrac|ilo|ipmi|bmc|imm|xcc)(?:[-_]\w+)*|cam\d*)$")
_DEVICE_NAME_RE = re.compile(
    r"(?i)^\W*(?:hikvision|dahua|axis\b|reolink|idrac|(?-i:iLO)\b|integrated lights-out|ipmi\b"
    r"|supermicro|ip ?camera|nvr\b|dvr\b)")
_NETWORK_LOCAL_RE = re.compile(r"^(?:router|firewall|gateway|gw|fw)(?:[-_.]?\d+)?$")
_NETWORK_MAKER_RE = re.compile(
    r"(?i)\b(?:mikrotik|routeros|pfsense|opnsense|fritz!?\s?box|lancom|draytek|zyxel|securepoint"
    r"|fortigate|sophos|watchguard|unifi|edgerouter|openwrt)\b")
# A report's field lines ("Log Name:      Microsoft-Windows-Backup", "Sensor Name   : PS2").
FIELD_LINE_RE = re.compile(r"(?m)^[ \t]*[A-Z][\w .()/-]{0,30}:[ \t]")
REPORT_FIELDS = 4
_PHONE_LOCAL_RE = re.compile(r"^(?:voicemail|voice-?mail|fax|telefax|faxserver)(?:[-_.+]\w*)*$")
# A phone system's notice of a recording or a fax in its subject's own words, whatever the
# sender ("Neue Voicemail von 0049...", "New voicemail from", "Neues Fax von +49 ...").
_PHONE_SUBJECT_RE = re.compile(
    r"(?i)^\W*(?:(?:neue[sr]?|new|nouveau|nouvelle|nuevo|nueva|nuovo|nuova|nieuwe?)\s+)?"
    r"(?:voice-?mail|voice message|sprachnachricht|mailbox-?nachricht|message vocal"
    r"|mensaje de voz|messaggio vocale|fax|telefax)\s+(?:von|vom|from|de|da|van|received)\b")
_RECORDING_TYPES = ("audio/", "application/pdf", "image/tiff")
# The caller a phone system names: a number ("+49 711 4890213", "004989123456") or none known;
# a person's "Fax von Müller GmbH" names a company.
_CALLER_RE = re.compile(r"\+?\d[\d /().-]{4,}\d|(?i:\b(?:unbekannt|unknown|anonym\w*|inconnu"
                        r"|sconosciuto|desconocido)\b)")


def device_notice(mail: ParsedMail, senders: list[str]) -> bool:
    """An application's, a device's or a phone system's notice with no person's words."""
    locals_ = [s.rsplit("@", 1)[0] for s in senders]
    name = mail.from_name or ""
    if not (_APP_NAME_RE.match(name) or _DEVICE_NAME_RE.match(name)
            or any(_sender_device(mail, s) for s in senders)):
        return False
    if any(_PHONE_LOCAL_RE.match(local) for local in locals_) and not mail.attachments:
        return False
    own = own_part(mail.text)
    request = REQUEST_RE.search(own) and not in_report(own)  # "Please check the system." below
    return not (asks(mail.text) or SIGN_OFF_RE.search(own) or request)  # a BMC's event fields


def phone_notice(mail: ParsedMail) -> bool:
    """A voicemail or a fax that a phone system delivers: its subject naming the caller's number,
    the recording or the fax attached, and no person's words ("Anbei das Fax von Müller, bitte
    buchen. Gruß" is one; so is a bare "Fax von Müller GmbH" with its PDF; a service's greeting
    and its team's sign-off, "Viele Grüße / Ihr simple-fax Team", are none)."""
    subject = mail.subject or ""
    if not (_PHONE_SUBJECT_RE.match(subject) and _CALLER_RE.search(subject)):
        return False
    if not any(a.content_type.lower().startswith(_RECORDING_TYPES) for a in mail.attachments):
        return False
    own = own_part(mail.text)
    found = SIGN_OFF_RE.search(own)  # a team's sign-off is the service's ("Ihr simple-fax Team")
    signed = found is not None and persons_sign_off(own[found.start():], mail.from_addr or "")
    above = own[:found.start()] if found else own
    return not (asks(mail.text) or signed or REQUEST_RE.search(above))


def in_report(own: str) -> bool:
    """A report of fields ("Sensor Name : PS2 Status", "Severity : Critical", ...)."""
    return len(FIELD_LINE_RE.findall(own)) >= REPORT_FIELDS


def _sender_device(mail: ParsedMail, sender: str) -> bool:
    local, _, domain = sender.partition("@")
    if _APP_LOCAL_RE.match(local) or _DEVICE_LOCAL_RE.match(local) or _PHONE_LOCAL_RE.match(local):
        return True
    if not _NETWORK_LOCAL_RE.match(local):
        return False
    subject = mail.subject or ""
    names_host = domain.count(".") >= 2 and subject.lower().startswith(domain)  # its own host
    return names_host or bool(_NETWORK_MAKER_RE.search(f"{subject}\n{mail.from_name or ''}"))
