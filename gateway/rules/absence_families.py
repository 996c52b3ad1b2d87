"""Pure data and a little structure: the families of wording of a client rule's absence answer
that absence_words and absence_reasons leave out, in German, English, French, Spanish, Italian,
Dutch, Polish and Portuguese (issue 21: tests/heldout16 found five answers under a plain "Re:",
"AW:", "RE:", "R:" that only these words tell apart). Used only by absence_replies, beside its
structure (an answer whose short own text is nothing but absence sentences, no question, no
request but whom to contact):

- REASON: why the writer is away, as a family, not one notice's words: ill or on sick leave
  ("ich bin derzeit krank", "ik ben ziek", "jestem na zwolnieniu lekarskim", "estou de baixa
  médica", "sarò in malattia"); at a training, course, seminar, conference or fair as a
  participant ("ich nehme ... an einer Fortbildung teil", "ik volg een training", "jestem na
  szkoleniu", "estou numa conferência"); out of the office in the future tense ("sarò fuori
  ufficio", "estaré fuera de la oficina", "je serai absent"); out of reach of one's mail
  ("with very limited access to email", "nur eingeschränkt Zugriff auf meine E-Mails", "ne
  consulte pas ma messagerie", "accesso limitato alla posta", "beperkt toegang tot mijn e-mail",
  "z ograniczonym dostępem do poczty", "acesso limitado ao e-mail"). Each needs the writer as
  its subject (I, we), so "Der Server ist krank" or "the training is on Monday" is none.
- CONTACT: whom to turn to, asked politely with a verb that turns to a person (not "send",
  "forward", "email the invoice to") ("please write to Tom (tom@...)", "please page our
  on-call engineer via oncall@...", "merci d'écrire à compta@...", "bitte rufen Sie unsere
  Zentrale unter 0911 ... an"): a request only in form, where an address or a phone number
  follows in the same sentence and the writer does not ask to be called ("please call me").
- closing_thanks: a thanks word alone on its line right above the name ("Thanks,\\nDerek Olsen",
  "Grazie,\\nLuca Bianchi", "Obrigado,\\nRita") is a sign-off, not thanks for something done.
A person who is ill or at a conference and asks or asks for something ("Could you postpone the
update?", "Bitte verschieben Sie die Wartung") is answered: those words are not here.
"""

from __future__ import annotations

import re

from gateway.rules.absence_words import leading_spans, word_spans

_GAP = r"(?:[^.!?\n]|(?<=\d)\.(?=\d)){0,50}?"  # "bis Freitag, 06.03.2026, an einer ..."
_EVENT_DE = r"(?:fortbildung|weiterbildung|schulung|seminar|konferenz|tagung|messe|kongress|workshop)"
_ON_DE = r"(?:an|bei|auf|in) (?:einer|einem|der|dem) " + _EVENT_DE
REASON_WORDS = (
    # German: ill, at a training as a participant, out of reach of the mail
    r"|(?:ich bin|bin ich|ich befinde mich) (?:derzeit |zurzeit |momentan |aktuell |leider |bis \S+ )*"
    r"(?:krank|erkrankt|krankheitsbedingt abwesend)\b|krankheitsbedingt (?:abwesend|nicht)"
    r"|(?:ich nehme|nehme ich|wir nehmen|nehmen wir)\b" + _GAP + _ON_DE + r"\b" + _GAP + r"\bteil\b"
    r"|(?:ich befinde mich|befinde ich mich|ich bin|bin ich)\b" + _GAP + r"\b" + _ON_DE + r"\b"
    r"|(?:nur )?(?:eingeschr(?:ä|ae)nkt(?:en?)?|begrenzt(?:en?)?|keinen|kaum) zugriff auf"
    r" (?:meine |mein |die |das )?(?:e-?mails?|postfach|mails?|nachrichten)"
    # English: ill, on a course, out of reach of the mail
    r"|(?:i am|i'm) (?:currently |unfortunately )?(?:off sick|out sick|ill|unwell|sick)\b"
    r"|(?:i am|i'm|i will be|i'll be) (?:currently )?(?:on|attending|taking part in) (?:a |an )?"
    r"(?:training(?: course)?|course|seminar|workshop)\b"
    r"|(?:very |only )?(?:limited|restricted|intermittent|no|without) access to (?:my |the )?"
    r"(?:e-?mails?|mail|inbox|internet)\b|(?:not|won't be|will not be) (?:be )?checking (?:my |this )?"
    r"(?:e-?mails?|mail|inbox|mailbox)\b"
    # French: ill, out of the office in the future, out of reach of the mail
    r"|(?:je suis|je serai) (?:actuellement )?(?:en cong(?:é|e) maladie|en arr(?:ê|e)t de travail"
    r"|malade|absente?|en cong(?:é|e)s?|hors du bureau)\b"
    r"|ne (?:consulte|lis|consulterai|lirai) pas (?:ma messagerie|mes (?:e-?mails|mails|courriels|messages))"
    r"|acc(?:è|e)s (?:limit(?:é|e)|restreint|r(?:é|e)duit) (?:(?:à|a) (?:ma messagerie|mes (?:e-?mails"
    r"|mails|courriels)|internet)|aux e-?mails)"
    # Spanish: ill, out of the office in the future, out of reach of the mail
    r"|(?:estoy|estar(?:é|e)) (?:actualmente )?(?:de baja|enferm[oa]|de permiso|fuera de la oficina"
    r"|ausente|de vacaciones)\b|acceso (?:limitado|restringido) (?:al correo|a mi correo|al e-?mail"
    r"|a internet)|(?:no|sin) (?:tengo |tendr(?:é|e) )?acceso al correo"
    # Italian: out of the office, ill, at a course in the future; out of reach of the mail
    r"|(?:sar(?:ò|o)|saremo) (?:in ferie|in vacanza|fuori (?:ufficio|sede)|assente|assenti|in malattia"
    r"|in permesso|in congedo)\b|(?:sono|sar(?:ò|o)) (?:a casa )?in malattia\b"
    r"|accesso (?:limitato|ridotto) (?:alla (?:posta|casella)|alle e-?mail|a internet)"
    # Dutch: ill, following a course, out of reach of the mail
    r"|(?:ik ben|ben ik) (?:momenteel |op dit moment |helaas |vandaag )*(?:ziek|ziekgemeld)\b"
    r"|ziek thuis|(?:ik volg|volg ik)\b" + _GAP + r"\b(?:een |de )?(?:training|cursus|opleiding|workshop)\b"
    r"|beperkt(?:e)? toegang tot (?:mijn |de )?(?:e-?mail|mail|mailbox)|lees (?:ik )?mijn e-?mail niet"
    # Polish: sick leave, a training, a conference, a fair, a trip; out of reach of the mail
    r"|(?:jestem|b(?:ę|e)d(?:ę|e)|przebywam) (?:obecnie )?na (?:zwolnieniu(?: lekarskim)?|l4|szkoleniu"
    r"|konferencji|targach|delegacji|urlopie)\b|jestem chor[ya]\b|ograniczon(?:ym|y) dost(?:ę|e)p(?:em)?"
    r" do (?:poczty|e-?maila|skrzynki)"
    # Portuguese: ill, at a conference or course, out of reach of the mail
    r"|(?:estou|estarei) (?:de baixa(?: m(?:é|e)dica)?|de licen(?:ç|c)a|doente|numa (?:confer(?:ê|e)ncia"
    r"|feira|forma(?:ç|c)(?:ã|a)o)|num (?:congresso|curso|semin(?:á|a)rio)|em forma(?:ç|c)(?:ã|a)o)"
    r"|acesso limitado (?:ao (?:e-?mail|correio)|(?:à|a) internet)")
REASON_RE = re.compile(r"(?<!\w)(?:" + REASON_WORDS[1:] + ")")

# When the writer answers: "I will get back to you next week", "melde ich mich nächste Woche",
# "je vous répondrai lundi", "responderé", "risponderò", "odpowiem", "responderei".
_DAY = (r"(?:next week|tomorrow|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|after|when|once"
        r"|as soon as|upon|n(?:ä|ae)chste[nr]? woche|kommende[nr]? woche|morgen|(?:am|ab) (?:montag"
        r"|dienstag|mittwoch|donnerstag|freitag)|nach|sobald|la semaine prochaine|(?:d(?:è|e)s|apr(?:è|e)s)"
        r"|lundi|mardi|mercredi|jeudi|vendredi|volgende week|maandag|dinsdag|woensdag|donderdag|vrijdag|na)")
# The answer and its time end the clause: "I'll get back to you tomorrow about the invoice, it
# looks wrong", "responderé a tu pregunta sobre la factura: está mal" say more than when.
_ENDS = r"(?:[ \t]+[\w'-]+){0,4}[ \t]*(?=[.!;\n]|$)"
RETURN_WORDS = (
    r"|(?:i will|i'll|we will|we'll) (?:get back to you|reply|respond|answer|be in touch)\b"
    r"[^.!?\n]{0,30}?\b" + _DAY + r"\b"
    r"|(?:ich melde mich|melde ich mich|ich antworte|antworte ich)\b[^.!?\n]{0,30}?\b" + _DAY + r"\b"
    r"|je (?:vous )?(?:r(?:é|e)pondrai|recontacterai|reviendrai vers vous)\b"
    r"|(?:le |te |les )?(?:responder(?:é|e)|contestar(?:é|e)|contactar(?:é|e))\b"
    r"|(?:vi |le |ti )?(?:risponder(?:ò|o)|ricontatter(?:ò|o))\b"
    r"|(?:reageer|antwoord|beantwoord) ik\b|(?:ik )?(?:kom|neem) (?:ik )?(?:zo snel mogelijk |daarna )?"
    r"(?:bij u terug|contact met u op)"
    r"|odpowiem\b|odezw(?:ę|e) si(?:ę|e)\b|responderei\b|entrarei em contacto\b")
RETURN_RE = re.compile(r"(?<!\w)(?:" + RETURN_WORDS[1:] + ")" + _ENDS)

# The writer's own answer about a matter other than the mail ("Po powrocie odezwę się w sprawie
# oferty", "I'll get back to you about the quote", "ich melde mich wegen des Angebots"): a person
# who answers the matter later; a notice answers "your message" or "your request".
_MAIL_NOUNS = (r"(?:e-?mail|mail|message|request|inquiry|enquiry|query|nachricht|anfrage|wiadomo"
               r"|zapytani|demande|courriel|mensaje|solicitud|consulta|correo|messaggio|richiest"
               r"|bericht|vraag|aanvraag|mensagem|pedido|pedidos|pytani)")
_OWN_MATTER_RE = re.compile(
    r"(?<!\w)(?:get back to you|be in touch|reply|respond|answer|come back to you|melde (?:ich )?mich"
    r"|antworte|reviendrai vers vous|vous recontacterai|r(?:é|e)pondrai|responder(?:é|e)|contestar(?:é|e)"
    r"|risponder(?:ò|o)|ricontatter(?:ò|o)|odezw(?:ę|e) si(?:ę|e)|odpowiem|skontaktuj(?:ę|e) si(?:ę|e)"
    r"|kom ik (?:bij u |bij je )?terug|reageer ik|responderei|entrarei em contacto)\b[^.!?\n]{0,40}?"
    r"(?<!\w)(?:about|regarding|concerning|w sprawie|odno(?:ś|s)nie|bez(?:ü|ue)glich|wegen"
    r"|concernant|au sujet d(?:e|u|es)|sobre|acerca de|riguardo|in merito a|omtrent|inzake"
    r"|em rela(?:ç|c)(?:ã|a)o a)\s+(?:(?:the|your|our|this|that|des|der|die|dem|den"
    r"|ihre[mnrs]?|unse?re[mnrs]?|le|la|les|l'|votre|notre|el|la|su|tu|nuestr[oa]|il|lo|la|l'|della"
    r"|del|dell'|sua|vostr[oa]|de|het|uw|onze|o|a|do|da|sua|seu)\s*)?(?!" + _MAIL_NOUNS + r")[^\W\d_]{3,}")

# Whom to turn to, in the form of a request: a verb of writing or calling, then within the same
# sentence an address or a phone number ("please write to Tom (tom@...)"); never "call me".
_ASK = (r"(?:please|kindly|bitte|veuillez|merci de|merci d'|por favor|per favore|graag|gelieve"
        r"|prosz(?:ę|e)|prosimy|favor)")
_ASK_WORDS = ("please", "kindly", "bitte", "veuillez", "merci d", "favor", "favore", "graag", "gelieve",
              "prosz", "prosimy")
# Verbs that turn to a person, not ones that send a thing ("Please email the invoice to billing@"
# asks for something).
_TURN = (r"(?:contact|write|call|phone|ring|page|reach|get in touch|turn|wenden|schreiben|rufen"
         r"|kontaktieren|(?:é|e)crire|contacter|appeler|escrib|llam|scriv|contatt|chiam|schrijf|bel"
         r"|napisa|zadzwoni|kontakt|ligue|escrev|contacte)")
# Nor a matter of the writer's own after it ("please call our office at 030 ... to schedule the
# migration", "... about the invoice", "wegen der Migration"): that asks for something.
_MATTER = (r"(?![^.!?\n]{0,40}?\b(?:to|about|regarding|concerning|wegen|bez(?:ü|ue)glich|zwecks|um"
           r"|concernant|pour|au sujet|sobre|para|riguardo|per|over|om|aby|w sprawie)\b)")
CONTACT_RE = re.compile(
    r"(?i)\b" + _ASK + r"\s*(?:,\s*)?(?:\w+\s+){0,2}?" + _TURN + r"\w*(?!\s+(?:me|mich|moi|mij|mi|mnie)\b)"
    r"[^.!?\n]{0,60}?(?:[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,4}(?![\w-]|\.[\w-])"
    r"|(?:\+|(?<!\d)0)\d[\d /()-]{5,}\d)" + _MATTER)

# A thanks word alone on its line above at most SIGNATURE_LINES lines: a sign-off.
_CLOSING_THANKS_RE = re.compile(
    r"(?im)^[ \t]*(?:(?:many |best )?thanks|thank you|danke(?: sch(?:ö|oe)n)?|vielen dank|merci"
    r"(?: beaucoup)?|gracias|grazie(?: mille)?|bedankt|dank je(?: wel)?|dzi(?:ę|e)kuj(?:ę|e)"
    r"|obrigad[oa])[ \t]*[,!.]?[ \t]*$")
SIGNATURE_LINES = 4


def reason_spans(low: str) -> list[tuple[int, int]]:
    """The spans of this module's absence words in the lowered text."""
    return word_spans(REASON_RE, low)


def return_spans(low: str) -> list[tuple[int, int]]:
    """The spans of this module's words of when the writer answers."""
    return word_spans(RETURN_RE, low)


def contact_spans(low: str) -> list[tuple[int, int]]:
    """Whom to turn to, where it opens its sentence or follows a condition ("If this is about an
    incident, please page our on-call engineer via oncall@...")."""
    return leading_spans(CONTACT_RE, low) if _asks(low) else []


def _asks(low: str) -> bool:
    """A word of _ASK in the lowered text: most text has none, and the regex is spared."""
    return any(word in low for word in _ASK_WORDS)


def own_matter(low: str) -> bool:
    """The writer will answer a matter of the mail answered, not the mail ("odezwę się w sprawie
    oferty"), or confirm their order ("al mio rientro vi confermo l'ordine"): a person's answer."""
    return bool(_OWN_MATTER_RE.search(low) or _CONFIRM_ORDER_RE.search(low))


# The writer confirming their own order later ("vi confermo l'ordine", "bevestig ik de
# bestelling", "potwierdzę zamówienie"); a shop's notice confirms *your* order ("Ihre Bestellung").
_CONFIRM_ORDER_RE = re.compile(
    r"(?<!\w)(?:confirm|best(?:ä|ae)tig|conferm|bevestig|potwierdz|confirmer|confirmar|confirmo)\w{0,6}"
    r"(?:(?!your|ihre|votre|vostr|su |uw |jouw|twoj|tu |sua )[^.!?\n]){0,20}?(?<!\w)(?:order|bestellung"
    r"|auftrag|ordine|bestelling|zam(?:ó|o)wieni\w|commande|pedido|encomenda)(?!\w)")


def without_contact(text: str) -> str:
    """The text without its polite requests to write to or call someone else."""
    return CONTACT_RE.sub(" ", text) if _asks(text.lower()) else text


def without_closing_thanks(own: str) -> str:
    """The text without a thanks line that closes it above a short signature."""
    found = list(_CLOSING_THANKS_RE.finditer(own))
    if found and len(own[found[-1].end():].strip().splitlines()) <= SIGNATURE_LINES:
        return own[:found[-1].start()] + own[found[-1].end():]
    return own
