"""Pure: mail that a bulk-mail service sends for a campaign, also when it carries no list header
and reads like one person's (a sales sequence: "Hi there, would you be open to a demo? Best,
Jessica"; reason `bulk`). No person wrote it to us: a program sent it from a list of addresses.

Two signs, either decides:
- a campaign header, named for it by the service (`X-Campaign`, `X-CampaignID`,
  `X-Mailjet-Campaign`, `X-Mailin-Campaign` ...) that names one (a CRM writes
  `X-ZohoCRM-Campaign: none` on a person's one-to-one mail), or a feed-to-mail program's (rss2email's
  `X-RSS-Feed`, `X-RSS-ID`, `X-RSS-URL`): no mail client writes one;
- the envelope sender, the recorded Return-Path or the Message-ID on a marketing platform's own
  sending domain (HubSpot's `hubspotemail.net`, Mailchimp's `mcsv.net`/`mcdlv.net`/`rsgsv.net`,
  Campaign Monitor's `createsend.com`/`cmail19.com`/`cmail20.com`, CleverReach's `crsend.com`,
  Klaviyo's `klaviyomail.com`, customer.io's `customer.io`/`customeriomail.com`). HubSpot is a
  CRM as well: one person's one-to-one mail typed in it goes out on the same domain (a reseller
  asking for volume prices), and its sales sequences through the writer's own mailbox. There the
  domain counts only beside a way to unsubscribe, which every campaign must offer (UWG,
  CAN-SPAM);
- an unsubscribe link on such a domain in the writer's own text ("Don't want these emails?
  Unsubscribe: https://e.customeriomail.com/unsubscribe/..."), not in a forward or an answer
  (a customer sending on a newsletter to ask about it is answered).
Transactional relays (SendGrid, Mailgun, Amazon SES, Mandrill, Postmark) are left out on purpose:
helpdesks send their agents' answers through them (Freshdesk through SendGrid), and a person's
answer must stay answered.
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail

_CAMPAIGN_HEADER_RE = re.compile(r"^x-(?:[\w-]*-)?campaign(?:[-_]?id)?$|^x-rss-(?:feed|id|url)$")
# A campaign header that names none: a CRM's one-to-one mail (`X-ZohoCRM-Campaign: none`).
_NO_CAMPAIGN = frozenset({"", "none", "null", "0", "-", "false", "no", "n/a"})
_MARKETING_DOMAINS = ("hubspotemail.net", "mcsv.net", "mcdlv.net", "rsgsv.net", "createsend.com",
                      "cmail19.com", "cmail20.com", "crsend.com", "klaviyomail.com",
                      "customer.io", "customeriomail.com")
_CRM_DOMAINS = ("hubspotemail.net",)
# on lower-case text; no alternative starts with \b (a literal prefix keeps the scan fast)
_OPT_OUT_RE = re.compile(
    r"unsubscribe|opt[- ]out|abmelden|abbestellen|austragen|d(?:é|e)sabonner|d(?:é|e)sinscri"
    r"|de baja|disiscriv|cancella(?:re)? (?:la )?(?:tua |sua )?iscrizione|afmelden|uitschrijven"
    r"|wypisz|manage (?:your )?(?:e-?mail )?(?:preferences|subscription)")
_DOMAIN_RE = re.compile(r"@([\w.-]+)")
_UNSUBSCRIBE_LINK_RE = re.compile(r"(?i)https?://([\w.-]+)(?::\d+)?/\S*unsubscribe")


def campaign_mail(mail: ParsedMail, envelope: str) -> bool:
    """A campaign header, or a marketing platform's sending domain."""
    if any(_CAMPAIGN_HEADER_RE.match(name) and value.strip().lower() not in _NO_CAMPAIGN
           for name, value in mail.headers):
        return True
    places = (envelope, mail.header("return-path") or "", mail.message_id or "")
    platforms = [domain for place in places for found in _DOMAIN_RE.finditer(place.lower())
                 if _under(domain := found.group(1).rstrip(".>"), _MARKETING_DOMAINS)]
    if platforms and (not all(_under(d, _CRM_DOMAINS) for d in platforms) or _opt_out(mail)):
        return True
    if person_subject(mail.subject):
        return False
    return any(_under(found.group(1).lower().rstrip(".>"), _MARKETING_DOMAINS)
               for found in _UNSUBSCRIBE_LINK_RE.finditer(own_part(mail.text)))


def _opt_out(mail: ParsedMail) -> bool:
    return any(_OPT_OUT_RE.search(part.lower()) for part in (mail.text, mail.html))


def _under(domain: str, parents: tuple[str, ...]) -> bool:
    """The domain is one of `parents` or below one."""
    return any(domain == d or domain.endswith("." + d) for d in parents)
