"""Pure: a web form's submission that a form mailer relays (WordPress's WPForms or Contact Form
7, a PHP form mailer, a form service; reason `machine-notice`, only where no other sign was
found). A person wrote the text, but to our customer's website, not to us: the mail's sender is
the form program, and an answer would go to that program's mailbox or to somebody who never
wrote to us. Known by its structure together, never by the subject:

- the form's fields: labels of at least three kinds among name, e-mail, phone, subject and
  message, one of them the e-mail and one the message ("Nome" / "Federica Costa", "E-mail:
  t.wisniewski@wp.pl", "Treść wiadomości:"), in the languages of the customers' sites;
- the address in the fields is not the sender's: the program sends for the submitter;
- and the mail says so: its Reply-To is the submitter, or its sender is a web program's or a
  form's (`wordpress@`, `www-data@`, `formularz@`, `kontaktformular@`, `webform@` ...).
A customer who passes on their own customer's request, fields and all, writes from their own
address with no such Reply-To and is a person; so is one who asks or requests something before
the fields ("Ein Kunde schrieb über unser Formular, könnt ihr helfen?"), and a forward (Fwd:,
I:, WG: ...).
"""

from __future__ import annotations

import re

from gateway.rules.bounces import person_subject
from gateway.rules.mail_systems import ASKING_RE
from gateway.rules.notices import PLEASE_RE
from gateway.rules.originals import own_part
from gateway.rules.parse import ParsedMail

_LABELS = {
    "name": r"(?:full |your |ihr |votre |tu )?(?:name|nome(?: e cognome)?|nom|pr(?:é|e)nom|nombre"
            r"|naam|imi(?:ę|e)(?: i nazwisko)?|jm(?:é|e)no|meno|namn|navn|nimi|ad soyad|isim"
            r"|vorname|nachname)",
    "email": r"(?:your |ihre )?(?:e-?mail(?: address|-adresse|adres)?|adresse e-?mail"
             r"|correo(?: electr(?:ó|o)nico)?|indirizzo e-?mail|adres e-?mail|e-?posta"
             r"|s(?:ä|a)hk(?:ö|o)posti|e-?post(?:adresse)?)",
    "phone": r"(?:telefon(?:nummer)?|telefono|t(?:é|e)l(?:é|e)phone|tel(?:é|e)fono|telefoon"
             r"|phone(?: number)?|tel\.?|telefone|puhelin|numer telefonu|telefonszám)",
    "subject": r"(?:subject|objet|oggetto|asunto|betreff|temat|onderwerp|p(?:ř|r)edm(?:ě|e)t"
               r"|assunto|konu|(?:ä|a)mne|emne)",
    "message": r"(?:your |ihre |votre |tu |il tuo )?(?:message|messaggio|mensaje|mensagem"
               r"|nachricht|bericht|wiadomo(?:ś|s)(?:ć|c)|tre(?:ś|s)(?:ć|c)(?: wiadomo(?:ś|s)ci)?"
               r"|zpr(?:á|a)va|spr(?:á|a)va|meddelande|besked|viesti|mesaj|corps du message"
               r"|comments?|kommentar|anmerkung|anfrage|omschrijving|descrizione"
               r"|descripci(?:ó|o)n|opis|popis|richiesta|demande|consulta)",
}
_LABEL_RES = {kind: re.compile(r"(?im)^[ \t*]*" + label + r"[ \t*]*(?::[^\n]*)?\r?$")
              for kind, label in _LABELS.items()}
_ADDRESS_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FORM_LOCAL_RE = re.compile(
    r"^(?:wordpress|www-?data|apache|nginx|php|formmail(?:er)?|form(?:ular(?:z|e)?)?"
    r"|forms?|webform|contact-?form|kontakt-?formular|kontaktformular|formulario|modulo"
    r"|no-?reply)(?:[-_.+]\w*)*$")
MIN_KINDS = 3


def form_relay(mail: ParsedMail) -> bool:
    """A form mailer's relay of a submission: the form's fields, a submitter who is not the
    sender, and a Reply-To to them or a form program as sender."""
    if person_subject(mail.subject):
        return False
    own = own_part(mail.text)
    found = {kind: rx.search(own) for kind, rx in _LABEL_RES.items()}
    kinds = {kind for kind, match in found.items() if match}
    if len(kinds) < MIN_KINDS or not {"email", "message"} <= kinds:
        return False
    ahead = own[:min(match.start() for match in found.values() if match)]
    if ASKING_RE.search(ahead) or PLEASE_RE.search(ahead):
        return False  # a person who passes a form on: "Ein Kunde schrieb uns, könnt ihr ...?"
    sender = (mail.from_addr or "").lower()
    submitters = {a.lower() for a in _ADDRESS_RE.findall(own)} - {sender}
    if not submitters:
        return False
    if {a.lower() for a in mail.reply_to} & submitters:
        return True
    return bool(_FORM_LOCAL_RE.match(sender.rsplit("@", 1)[0]))
