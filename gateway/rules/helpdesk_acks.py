"""Pure: a helpdesk's or CRM's acknowledgement of a new ticket with no marker header (Help Scout,
Zoho Desk, Salesforce Email-to-Case ...; reason `machine-notice`, only where no other sign was
found). Known by its structure together, never by the subject alone:

- an acknowledgement sentence to the reader: *your* ticket or case was created, opened or
  received ("Ihr Ticket wurde unter der Nummer #4721 angelegt", "We've received your message",
  "Ihre Meldung I 2601 337 wurde registriert", "Your case number is ...", "Wir haben Ihre
  Anfrage erhalten", an abuse desk's "This is an automated response to confirm that we have
  received it and created case 9102877", "Wir haben Ihre Beschwerde erhalten"), or *a* ticket
  was ("Ein Support-Ticket wurde mit der Nummer #482193
  erstellt") where the writer never says I or we and promises an answer ("Ein Mitarbeiter wird
  sich so bald wie möglich bei Ihnen melden"); a customer's "Unser Ticket 48213 wurde
  angelegt, aber ..." is none;
- a ticket number in the subject or the text (`#48213`, `[##4721##]`, `00482913`, `I 2601 337`),
  or instead the promise of an answer within a number of working days or hours ("We hebben je
  e-mail goed ontvangen ... uiterlijk binnen 2 werkdagen");
- no question in the writer's own lines (quoted `>` lines set aside), and no person's sign-off
  (a team's or none: "Cheers, The Pixelwerk Team", "Ihr Kundenservice der Bäckerei Schulte");
- not sent on (Fwd:, WG:).
Or, without a ticket: thanks for the reader's message ("Merci pour votre message !", "Thanks
for contacting us") beside the promise of an answer within hours or days ("Notre équipe vous
répondra sous 24 à 48 h ouvrées": its team's, nobody writing as I or we), no question, no
person's sign-off (a shop's helpdesk answering our "Re: [Ticket#…]"); a customer's "Thanks for
your message, I'll test it within 24 hours", an agency's "Wir melden uns innerhalb von 24
Stunden mit den DNS-Daten" is a person's.
A partner's agent confirming a ticket by hand and signing with a name, or a customer answering
our own acknowledgement with a question, is a person.
"""

from __future__ import annotations

import re

from gateway.rules.ack_signers import unsigned
from gateway.rules.mail_systems import FORWARD_RE
from gateway.rules.originals import client_quote, own_part, unquoted, without_links
from gateway.rules.parse import ParsedMail
from gateway.rules.signed_replies import mail_client

# The same in Spanish, French, Italian, Dutch, Portuguese, Polish, Swedish and Czech: *your*
# request was received or created ("Su solicitud (ID: NXF-482-13004) ha sido recibida", "Votre
# demande a été enregistrée", "Uw melding is ontvangen"), or "we have received your request".
_ACK_MORE = (
    r"|\b(?:su|tu) (?:solicitud|petici(?:ó|o)n|ticket|caso|consulta|incidencia)\b[^.\n]{0,40}"
    r"\b(?:ha sido|fue)\b[^.\n]{0,20}?\b(?:recibid|cread|registrad|abiert)[ao]\b"
    r"|\bvotre (?:demande|ticket|requ(?:ê|e)te|dossier)\b[^.\n]{0,40}\ba (?:bien )?(?:é|e)t(?:é|e)"
    r" (?:cr(?:éé|ee)e?|re(?:ç|c)ue?|enregistr(?:é|e)e?|ouverte?)\b"
    r"|\bune demande de support a (?:é|e)t(?:é|e) cr(?:éé|ee)e"
    r"|\bla (?:sua|tua|vostra) (?:richiesta|segnalazione|pratica)\b[^.\n]{0,40}\b(?:è|e) stata"
    r" (?:ricevuta|creata|registrata|aperta|presa in carico)\b"
    r"|\b(?:uw|je|jouw) (?:aanvraag|ticket|verzoek|melding|vraag)\b[^.\n]{0,40}\bis"
    r" (?:ontvangen|aangemaakt|geregistreerd|in behandeling genomen)\b"
    r"|\b(?:o (?:seu|vosso)|seu) (?:pedido|ticket|chamado|pedido de suporte)\b[^.\n]{0,40}"
    r"\bfoi (?:recebido|criado|registado|registrado|aberto)\b"
    r"|\b(?:twoje|pana|pani|pa(?:ń|n)stwa) (?:zg(?:ł|l)oszenie|zapytanie)\b[^.\n]{0,40}\bzosta(?:ł|l)o"
    r" (?:przyj(?:ę|e)te|utworzone|zarejestrowane)\b"
    r"|\bditt (?:(?:ä|a)rende|supportärende)\b[^.\n]{0,40}\bhar (?:skapats|registrerats"
    r"|tagits emot)\b"
    r"|\bv(?:á|a)(?:š|s) po(?:ž|z)adavek\b[^.\n]{0,40}\bbyl (?:p(?:ř|r)ijat|vytvo(?:ř|r)en"
    r"|zaevidov(?:á|a)n)\b"
    # "we have registered your case" in Swedish, Danish, Norwegian, Finnish; Turkish "your
    # request was received"
    r"|\bvi har (?:registrerat|tagit emot|mottagit|modtaget|registreret|mottatt) (?:ditt|din|ert|er"
    r"|jeres|deres) (?:(?:ä|a)rende|meddelande|f(?:ö|o)rfr(?:å|a)gan|henvendelse|sag|sak|besked"
    r"|foresp(?:ø|o)rs(?:e|ø)l|foresp(?:ø|o)rsel)\b|\bolemme vastaanottaneet (?:viestisi|viestinne"
    r"|pyynt(?:ö|o)si|tukipyynt(?:ö|o)si|yhteydenottosi)\b|\b(?:destek )?talebiniz\b[^.\n]{0,40}"
    r"\b(?:al(?:ı|i)nm(?:ı|i)(?:ş|s)t(?:ı|i)r|olu(?:ş|s)turulmu(?:ş|s)tur|kaydedilmi(?:ş|s)tir)"
    # "we have received it" after thanks for the message ("Merci pour votre message ! Nous l'avons
    # bien reçu")
    r"|\bnous l'avons bien re(?:ç|c)u\b|\bwe(?:'ve| have) received it\b"
    # the receipt of *your* message acknowledged ("Wir bestätigen den Eingang Ihrer Nachricht",
    # "Nous accusons réception de votre message", "Potwierdzamy otrzymanie wiadomości"); not of
    # an invoice or a payment, which is a customer's news
    r"|\bwe (?:hereby )?(?:acknowledge|confirm) (?:the )?receipt of your (?:message|e-?mail|request"
    r"|enquiry|inquiry|report)|\bwir best(?:ä|ae)tigen (?:hiermit |ihnen )?den eingang ihrer"
    r" (?:nachricht|anfrage|e-?mail|meldung|st(?:ö|oe)rungsmeldung)|\bhiermit best(?:ä|ae)tigen wir"
    r" den eingang ihrer (?:nachricht|anfrage|e-?mail|meldung)|\bnous accusons (?:bonne )?r(?:é|e)ception"
    r" de votre (?:message|e-?mail|courriel|demande)|\bacusamos recibo de su (?:mensaje|correo|consulta"
    r"|solicitud)|\bconfirmamos (?:la )?recepci(?:ó|o)n de su (?:mensaje|correo|consulta|solicitud)"
    r"|\bconfermiamo (?:la )?ricezione (?:della sua|del suo) (?:richiesta|messaggio|e-?mail|segnalazione)"
    r"|\bwij bevestigen (?:hierbij )?de ontvangst van uw (?:bericht|e-?mail|aanvraag|melding|vraag)"
    r"|\bconfirmamos a rece(?:ç|c|p)(?:ç|c)?(?:ã|a)o (?:do seu|da sua) (?:pedido|mensagem|e-?mail)"
    r"|\bpotwierdzamy otrzymanie (?:wiadomo(?:ś|s)ci|zg(?:ł|l)oszenia|e-?maila|zapytania)"
    r"|\bpotvrzujeme p(?:ř|r)ijet(?:í|i) (?:va(?:š|s)eho|va(?:š|s)(?:í|i)) (?:po(?:ž|z)adavku|zpr(?:á|a)vy"
    r"|e-?mailu)"
    r"|\b(?:hemos recibido (?:su|tu)|nous avons bien re(?:ç|c)u (?:votre|ta)"
    r"|abbiamo ricevuto (?:la (?:sua|tua|vostra)|il (?:suo|tuo|vostro) (?:messaggio|ticket))"
    r"|(?:wij|we) hebben (?:uw|je) (?:\w+ )?(?:aanvraag|bericht|e-?mail|vraag|melding|verzoek)"
    r" (?:goed )?ontvangen"
    r"|recebemos (?:o seu|a sua|o teu|a tua)) ")
_ACK_RE = re.compile(
    r"(?i)\b(?:your|ihr|ihre|(?P<article>an?|ein|eine))"
    r" (?:new |neue[sr]? )?(?:support[- ]?)?(?:ticket|case|request|conversation|anfrage"
    r"|vorgang|meldung|incident|request for support"
    # a German compound of a kind of request ("Störungsmeldung", "Serviceanfrage")
    r"|(?:st(?:ö|oe)rungs|fehler|service|support|kunden|service-?desk)(?:meldung|anfrage))\b[^.\n]{0,40}"
    r"\b(?:has been|was|have been|wurde|ist)\b[^.\n]{0,60}?\b(?:created|opened"
    r"|logged|received|registered|angelegt|erstellt|er(?:ö|oe)ffnet|eingegangen|aufgenommen"
    r"|registriert|erfasst)\b"
    r"|\bwe(?:'ve| have) received your (?:message|e-?mail|request|inquiry|enquiry|ticket|report"
    r"|complaint|abuse report)"
    r"|\byour (?:ticket|case|conversation|reference|request) (?:number|id|no\.?) is\b"
    r"|\bwir haben ihre (?:nachricht|anfrage|e-?mail|beschwerde|meldung) (?:erhalten|empfangen)"
    # an abuse desk's "automated response to confirm that we have received it and created case"
    r"|\ban? automated (?:response|reply|acknowledge?ment) (?:to confirm|confirming)\b[^.\n]{0,40}"
    r"\breceived\b"
    r"|\bihre anfrage ist (?:bei uns )?eingegangen"
    # filed under a number: "Wir haben diese unter der folgenden Nummer erfasst"
    r"|\bwir haben (?:diese|sie|ihre (?:nachricht|anfrage|e-?mail|meldung|st(?:ö|oe)rungsmeldung)"
    r"|ihr(?:en)? (?:anliegen|auftrag|fall|vorgang|ticket))"
    r" unter (?:der )?(?:folgenden |nachstehenden )?\w{0,20}nummer\b[^.\n]{0,40}?\b(?:erfasst"
    r"|angelegt|registriert|aufgenommen)\b" + _ACK_MORE)
# In place of a ticket number: a promise of an answer within a number of working days or hours
# ("uiterlijk binnen 2 werkdagen", "within 2 business days", "innerhalb von 24 Stunden").
# Also a range and an hour's "h" ("sous 24 à 48 h ouvrées", "within 24-48 hours").
_WITHIN_RE = re.compile(
    r"(?i)\b(?:binnen|within|innerhalb(?: von)?|entro|dans les|sous|en(?: un plazo de)?)\s+\d{1,2}"
    r"(?:\s?(?:à|a|-|–|bis|to|tot|e)\s?\d{1,2})?"
    r"\s*(?:werkdag(?:en)?|business days?|working days?|werktag(?:en)?|arbeitstag(?:en)?"
    r"|giorni lavorativi|jours ouvr(?:é|e)s|d(?:í|i)as h(?:á|a)biles|uur|hours|stunden|ore|heures|horas"
    r"|h)\b")
# A helpdesk's thanks for the reader's message, beside that promise ("Merci pour votre message !
# Notre équipe vous répondra sous 24 à 48 h"): an acknowledgement where no one says I.
_THANKS_RE = re.compile(  # on lower-case text, no alternative starts with \b (machine_words)
    r"(?:thank you|thanks) for (?:your|contacting)|dank f(?:ü|ue)r ihre (?:nachricht|anfrage|e-?mail)"
    r"|merci (?:pour|de) votre (?:message|e-?mail|courriel|demande)"
    r"|gracias por (?:su|tu) (?:mensaje|correo|consulta)|grazie per (?:il (?:suo|tuo)"
    r" messaggio|la (?:sua|tua) (?:e-?mail|richiesta))|bedankt voor (?:uw|je) (?:bericht|e-?mail)")
_ANSWER_RE = re.compile(
    r"(?i)\b(?:get back|respond|reply|answer|antwort|beantwort|melde|r(?:é|e)pondr|reviendr"
    r"|responder(?:á|a|emos)|contestar(?:á|a|emos)|risponder(?:à|a|emo)|antwoorden|reageren)\w*")
# Nobody writes as I or as we ("Wir melden uns innerhalb von 24 Stunden mit den DNS-Daten" is an
# agency's answer); a helpdesk speaks of its team ("Notre équipe vous répondra", "Our team will").
_SINGULAR_RE = re.compile(r"(?i)\b(?:ich|i|i'm|i've|je|j'ai|yo|io|ik|mein\w*|my|mon|ma|mes|wir"
                          r"|we|we'll|we've|nous|noi|nosotros|wij|ons)\b")
_NUMBER_RE = re.compile(r"#\s?\d{3,}|\[#+\d+#+\]|\b\d{5,}\b|\b[A-Z]{1,3}[ -]?\d{4}[ -]\d{3,}\b"
                        # a number named as one ("Ihre Vorgangsnummer lautet 2026-11-0815")
                        r"|(?i:\b\w{0,20}(?:nummer|number) (?:lautet|is):? [\w-]{0,20}\d)")
# What an acknowledgement promises ("Ein Mitarbeiter wird sich so bald wie möglich bei Ihnen
# melden", "An agent will get back to you shortly").
_PROMISE_RE = re.compile(
    r"(?i)\b(?:will|wird|werden)\b[^.\n]{0,60}\b(?:get back|respond|contact|reply|be in touch"
    r"|melden|bearbeit\w*|antworten|kontaktieren)|as soon as possible|so bald wie m(?:ö|oe)glich"
    r"|schnellstm(?:ö|oe)glich|in k(?:ü|ue)rze\b")
# The writer's own I and we: "Ein Ticket wurde bei uns erstellt, aber ..." is a customer's.
_FIRST_PERSON_RE = re.compile(
    r"(?i)\b(?:ich|wir|uns|unser\w*|mein\w*|i|i'm|i've|we|we've|our|us|my|je|nous|notre|nos|mon"
    r"|ma|mes)\b")


# The title a helpdesk repeats in quotes ('Your ticket #4187 "Re: [Ticket#2026030902] Fileserver
# quota" has been created'): the reader's own words, not the helpdesk's.
_TITLE_RE = re.compile(r'"[^"\n]{1,150}"|„[^“”\n]{1,150}[“”]|“[^”\n]{1,150}”|«[^»\n]{1,150}»')


def ticket_acknowledgement(mail: ParsedMail, senders: list[str] | None = None) -> bool:
    """A new ticket's acknowledgement, with its number, asking nothing, signed by no person
    (ack_signers: an organisation's name, or a platform's template in a person's name, is none)."""
    subject = mail.subject or ""
    if FORWARD_RE.match(subject):
        return False
    own = _TITLE_RE.sub('"…"', unquoted(own_part(mail.text)))  # the ticket's title set aside
    found = _ACK_RE.search(own)
    if not found and _thanks_within(own):  # a person's answer from a mail client quotes ours
        if mail_client(mail) or client_quote(mail.text):
            return False
        return "?" not in without_links(own) and unsigned(mail, own, senders or [])
    # from a person's mail client, the subject's number is the matter's it answers ("AW:
    # [Ticket#...] Eingangsbestätigung"): a rule's acknowledgement names its own in the text
    numbered = f"{subject}\n{own}" if not mail_client(mail) else own
    if not found or not (_NUMBER_RE.search(numbered) or _WITHIN_RE.search(own)):
        return False
    if found.group("article") and (_FIRST_PERSON_RE.search(own) or not _PROMISE_RE.search(own)):
        return False  # "a ticket was created": a helpdesk also says who will answer, and when
    return "?" not in without_links(own) and unsigned(mail, own, senders or [])


def _thanks_within(own: str) -> bool:
    """Thanks for the reader's message and an answer promised within hours or days, where no one
    writes as I ("Merci pour votre message ... vous répondra sous 24 à 48 h")."""
    return bool(_THANKS_RE.search(own.lower()) and _WITHIN_RE.search(own) and _ANSWER_RE.search(own)
                and not _SINGULAR_RE.search(own))
