"""Pure: a service's notification known by its footer (reason `machine-notice`, only where no
other sign was found): the sentence that tells the reader why they get it or how to stop or
manage it ("You are receiving this email because you have event notifications turned on",
"You receive this e-mail because you ordered a licence", "... to unsubscribe from further
e-mails",
"Estás recibiendo este correo electrónico en ... porque ...", "Du får det här mejlet eftersom
...", "Je ontvangt deze e-mail omdat ...", "Change your notification settings"), or that asks
to add the sender to the address book ("añada adobesign@adobesign.com a su libreta de
direcciones"), in the writer's own part, beside a link. Such a notice may quote a person (a
colleague's chat message, a comment, a calendar invitee's answer): the person wrote to the
tool, not to us.

A person forwarding or answering one (Fwd:, Re: ...) is a person; so is an answer through a
helpdesk that a named person signs, whatever footer the helpdesk adds, and a writer who quotes
such a footer in quotation marks in a line of their own, or goes on to ask or sign after it
(a sign-off with a name, or their name alone as the last line). So is a person whose company
footer says it, below their name, in a mail from their mail client that asks above the name
with no link there (`signed_replies.signs_above_footer`: "Sie erhalten diese E-Mail, weil Sie
mit uns in Kontakt stehen. Abmelden: https://…" under an Outlook user's question). So is a person
who pastes a notice into a new mail from their mail client (X-Mailer, User-Agent, Outlook's
Thread-Index, Gmail's Message-ID) under a first paragraph that asks or leads in to it ("ist das
ein Problem bei Ihnen?", "See below.").
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.host_reports import observed
from gateway.rules.originals import own_part, unquoted, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import (
    LINK_RE,
    mail_client,
    named_sign_off,
    person_name,
    reply_structure,
    signs_above_footer,
)

_FOOTER_RE = re.compile(
    r"(?i)\byou(?:'re| are) receiving this\b|\byou (?:have )?received this (?:e-?mail|message"
    r"|notification)\b(?! (?:in error|by mistake))"
    r"|\byou receive this (?:e-?mail|message|notification)\b"
    r"|\bunsubscribe from (?:further|future|these|all|our) (?:e-?mails|messages|mailings"
    r"|notifications)\b|\b(?:manage|change|update|adjust) (?:your |how you receive )?"
    r"(?:e-?mail|notification) (?:notifications|settings|preferences)\b"
    r"|\bmanage (?:your )?notifications\b"
    r"|\bsie erhalten diese (?:e-?mail|nachricht|benachrichtigung)|\bdu erh(?:ä|a)ltst diese"
    r"|\bbenachrichtigungseinstellungen"
    r"|\b(?:est(?:á|a)s?|usted est(?:á|a)) recibiendo este (?:correo|e-?mail|mensaje)"
    r"|\brecibes este (?:correo|e-?mail)|\b(?:gestiona|administra) tus notificaciones"
    r"|\bpara dejar de recibir (?:estos|este)"
    r"|\bvous recevez (?:cet|ce) (?:e-?mail|message|courriel)(?! par erreur)"
    r"|\bpour ne plus recevoir (?:ces|ce)"
    r"|\bparam(?:è|e)tres de notification|\bg(?:é|e)rer (?:vos|les) notifications"
    r"|\b(?:ricevi|hai ricevuto) questa e-?mail|\bimpostazioni di notifica"
    r"|\b(?:je|u) ontvangt deze (?:e-?mail|mail|melding)|\bmeldingsinstellingen"
    r"|\best(?:á|a) a receber este (?:e-?mail|mensagem)|\bvoc(?:ê|e) est(?:á|a) recebendo este"
    r"|\bdefini(?:çõ|co)es de notifica(?:çã|ca)o|\bgerir notifica(?:çõ|co)es"
    r"|\bdu f(?:å|a)r (?:det h(?:ä|a)r|detta) (?:mejlet|mailet|e-postmeddelandet|meddelandet)"
    r"|\bdu (?:modtager|mottar) denne (?:e-?mail|e-?posten|mailen)"
    r"|\botrzymujesz (?:ten|t(?:ę|e)) (?:e-?mail|wiadomo(?:ść|sc))|\bustawienia powiadomie(?:ń|n)"
    r"|\bnastaven(?:í|i) (?:ozn(?:á|a)men(?:í|i)|upozorn(?:ě|e)n(?:í|i))"
    # "add our address to your address book"
    r"|\badd \S+@\S+ to your (?:address book|contacts|safe senders)"
    r"|\ba(?:ñ|n)ada \S+@\S+ a su libreta de direcciones"
    r"|\bajoutez \S+@\S+ (?:à|a) votre carnet d'adresses"
    r"|\bf(?:ü|ue)gen sie \S+@\S+ (?:zu )?ihrem adressbuch hinzu")


_QUOTE_MARKS = "'\"«»„“”‘’‚"


def _quoted_inline(text: str, at: int) -> bool:
    """The footer stands in quotation marks inside a line of the writer's ("recibo cada día un
    correo 'Estás recibiendo este correo ...'"): a person quoting it, not the footer."""
    line = text[text.rfind("\n", 0, at) + 1:at]
    return any(mark in line for mark in _QUOTE_MARKS)


def subscription_notice(mail: ParsedMail) -> bool:
    """A footer that only a service writes, beside a link; not sent on or answered by a person."""
    if person_subject(mail.subject):
        return False
    own = unquoted(own_part(mail.text))
    footers = [m for m in _FOOTER_RE.finditer(own) if not _quoted_inline(own, m.start())]
    if not (footers and LINK_RE.search(mail.text)):
        return False
    after = without_links(own[footers[-1].end():])  # a person quoting a footer goes on to ask
    lines = [line for line in after.splitlines() if line.strip()]
    if "?" in after or named_sign_off(after) is not None or (lines and person_name(lines[-1])):
        return False  # the writer's name closes the mail: a person pasted the footer
    if reply_structure(mail) and named_sign_off(own) is not None:
        return False
    return not (signs_above_footer(mail) or _pasted_below(mail, own))


_GMAIL_ID_RE = re.compile(r"(?i)^<CA[^@\s>]{10,200}@mail\.gmail\.com>$")  # Gmail's web or app client
_PARAGRAPH_RE = re.compile(r"\n[ \t\r]*\n")
GREETING_WORDS = 3


def _pasted_below(mail: ParsedMail, own: str) -> bool:
    """A person's mail client, and the writer's first paragraph (past a greeting) asks or leads in
    to what follows ("Hallo, ist das ein Problem bei Ihnen? Wir kriegen seit 10 Minuten diese
    Meldungen:", "See below."): a notice pasted into a new mail under the writer's words."""
    if not (mail_client(mail) or _GMAIL_ID_RE.match(mail.message_id or "")):
        return False
    paragraphs = (p for p in _PARAGRAPH_RE.split(own, 3)[:3] if len(p.split()) > GREETING_WORDS)
    first = without_links(next(paragraphs, ""))
    return "?" in first or observed(first)  # the footer of a person's company, under the name
