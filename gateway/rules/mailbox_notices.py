"""Pure: an answer that a mailbox's rule sends about the mailbox itself, with no marker header
(reason `machine-notice`, only where no other sign was found): the address is no longer read or
monitored, the firm and its domain were renamed and there is a new address, the mailbox is a
shared or central one whose mail is passed on to the right department, requests now go through a
portal. tests/heldout22: "Please note this mailbox is no longer monitored. IT requests are now
handled through our self-service portal", "Ihre E-Mail ist in unserem zentralen Postfach
eingegangen ... an den zuständigen Fachbereich weitergegeben", "Dit is een gedeelde mailbox",
"Cette adresse ne sera plus consultée ... Merci d'adresser désormais vos messages à ...".

Known by its frame and its sentences together, never by one phrase:
- an answer (a reply's subject, In-Reply-To or References) that quotes nothing of what it
  answers (a rule sends its text alone), its own text short (OWN_CHARS), no question mark;
- at least one sentence about the mailbox (MAILBOX_RE: this address or mailbox no longer read,
  a shared or central mailbox, a new or old address, a renamed domain or firm, mail passed on to
  the department in charge, requests handled through another channel), and every other sentence
  a notice's (covered_notices: the writer's reach, thanks, where to turn, a phone number; or a
  time within which mail is handled, "binnen vijf werkdagen"; or a plea to contact, write, send
  or use elsewhere), at most one other sentence of at most REASON_WORDS words;
- no sentence of the writer's own matter (an invoice, an order, a contract, a server, a ticket,
  a customer number: "Bitte passen Sie die Rechnungsadresse an"), unless it only says where such
  mail goes ("Facturen kunt u rechtstreeks sturen naar facturen@..."); no request to change,
  update or send again; no need ("wir brauchen"). A customer who tells us their new address and
  asks us to update the invoice address, or who writes from their shared mailbox and asks for
  last month's invoice again, is a person.
"""

from __future__ import annotations

import re

from gateway.rules.absence_words import QUESTION_MARKS, REPLY_RE, lowered
from gateway.rules.covered_notices import covered_sentence, notice_sentences
from gateway.rules.originals import client_quote, own_part, quotes_original, unquoted, without_links
from gateway.rules.out_of_office import NEED_RE
from gateway.rules.parse import ParsedMail
from gateway.rules.thanked_notices import ADDRESS_RE

OWN_CHARS = 900
REASON_WORDS = 25

_BOX = (r"(?:e-?mail-?|mail)?(?:adresse|address|adres|indirizzo|direcci(?:ó|o)n|endere(?:ç|c)o"
        r"|adresa|adress|osoite)|(?:e-?mail-?)?postfach|mailbox|mailadres|inbox|postvak"
        r"|bo(?:î|i)te(?: aux lettres| mail| e-?mail)?|casella(?: di posta)?|buz(?:ó|o)n|skrzynk\w{1,3}"
        r"|schr(?:á|a)nk\w{1,3}|brevl(?:å|a)d\w{1,3}|postkass\w{1,3}|postilaatikko")
# What a sentence about the mailbox says, in lower case (see the module's text).
MAILBOX_RE = re.compile(
    # this address or mailbox, no longer read or monitored
    r"\b(?:this|the|diese[sr]?|cette|ce|deze|dit|questa|questo|esta|este|ta|ten|tato|tuto"
    r"|t(?:ä|a)m(?:ä|a)|t(?:ä|a)t(?:ä|a)|t(?:ä|a)m(?:ä|a)n|denna|denne|den h(?:ä|a)r|bu)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:" + _BOX + r")\w{0,4}\b[^.!?\n]{0,60}"
    r"(?:no longer|not (?:be(?:ing)? )?(?:monitored|read|checked|answered)|unmonitored|unattended"
    r"|nicht (?:mehr|l(?:ä|ae)nger|(?:ü|ue)berwacht|gelesen|besetzt)|niet (?:meer|langer)"
    r"|ne sera plus|n'est plus|plus (?:consult|lu|relev|surveill)|non (?:(?:è|e)|viene|verr(?:à|a)"
    r"|sar(?:à|a)) pi(?:ù|u)|ya no|no se (?:revisa|consulta|lee)|ju(?:ż|z) nie|nie (?:jest|b(?:ę|e)dzie)"
    r"|inte l(?:ä|a)ngre|ikke (?:l(?:æ|ae)ngere|lenger)|ei en(?:ää|aa)|(?:u|ji)(?:ž|z) (?:nen|ne)"
    r"|j(?:á|a) n(?:ã|a)o|n(?:ã|a)o (?:é|e) mais|art(?:ı|i)k)"
    # a shared or central mailbox
    r"|\b(?:shared|central|gemeinsame[snm]?|zentrale[snm]?|gedeelde|centrale|algemene|partag(?:é|e)e"
    r"|condivisa|compartido|wsp(?:ó|o)lna|spole(?:č|c)n(?:á|a)|delad|f(?:æ|ae)lles|yhteinen)\s+"
    r"(?:" + _BOX + r")\b|\b(?:sammel|gruppen|funktions)(?:postfach|adresse)"
    # a new address, the old one
    r"|\b(?:neue[nr]?|new|nouvelle|nieuwe?|nuovo|nueva|novo|nowy|nov(?:á|a)|nya?|nye|uusi|yeni"
    r"|alte[nr]?|old|ancienne|oude?|vecchio|antigua|antigo|stary|star(?:á|a)|gamla|gamle|vanha)\s+"
    r"(?:e-?mail-?\s?)?(?:" + _BOX + r")\b"
    # a renamed domain or firm, our address changed
    r"|\b(?:our|unsere?|notre|nuestra|il nostro|la nostra|onze|ons|nasz\w{0,2}|n(?:á|a)(?:š|s)\w{0,2}"
    r"|v(?:å|a)r|vores|meid(?:ä|a)n)\s+(?:e-?mail-?\s?)?(?:" + _BOX + r")\w{0,4}\b[^.!?\n]{0,30}"
    r"\b(?:ge(?:ä|ae)ndert|changed|chang(?:é|e)|cambiad|cambiat|gewijzigd|veranderd|zmieni|zm(?:ě|e)n"
    r"|(?:ä|a)ndrats?|(?:æ|ae)ndret|muuttunut|de(?:ğ|g)i(?:ş|s)ti)"
    r"|\b(?:domain|dom(?:ä|ae)ne|domaine|dominio|domein|dom(?:é|e)na|firmen ?name\w{0,2}|company name"
    r"|raison sociale|bedrijfsnaam|ragione sociale|nazw\w{1,3} firmy)\b[^.!?\n]{0,60}\b(?:ge(?:ä|ae)ndert"
    r"|changed|renamed|umbenannt|chang(?:é|e)|modifi(?:é|e)|gewijzigd|veranderd|cambiat|cambiad"
    r"|zmieni|zm(?:ě|e)n|(?:ä|a)ndrat|(?:æ|ae)ndret|muutt)"
    # mail passed on to the department in charge
    r"|\b(?:weitergegeben|weitergeleitet|verteilt|forwarded|passed on|distributed|routed|doorgezet"
    r"|doorgestuurd|transmise?s?|transf(?:é|e)r(?:é|e)e?|inoltrat\w|smistat\w|reenviad\w|remitid\w"
    r"|derivad\w|przekazan\w|p(?:ř|r)ed(?:á|a)n\w|vidarebefordra\w{0,3}|videresend\w{0,3}"
    r"|v(?:ä|a)litet(?:ää|aa)n|ohjataan)\b[^.!?\n]{0,60}\b(?:zust(?:ä|ae)ndig|responsible|appropriate"
    r"|right|relevant|juiste|betreffende|concern(?:é|e)|comp(?:é|e)tent|competente|correspondiente"
    r"|w(?:ł|l)a(?:ś|s)ciw|p(?:ř|r)(?:í|i)slu(?:š|s)n|r(?:ä|a)tt|rette|oikea)"
    # requests handled through another channel now
    r"|\b(?:handled|processed|bearbeitet|trait(?:é|e)e?s|afgehandeld|behandeld|gestit[ei]|gestionad[oa]s"
    r"|obs(?:ł|l)ugiwane|vy(?:ř|r)izov(?:á|a)n\w)\s+(?:\w+\s+){0,2}?(?:through|via|(?:ü|ue)ber|par"
    r"|tramite|a trav(?:é|e)s|mediante|przez|p(?:ř|r)es|genom|gennem|kautta)\b")
# A time within which mail is handled ("bis zu drei Werktage", "binnen vijf werkdagen").
_WITHIN_RE = re.compile(
    r"\b(?:within|binnen|innerhalb(?: von)?|bis zu|up to|sous|dans un d(?:é|e)lai de|entro|en un plazo"
    r" de|w ci(?:ą|a)gu|inom|inden for|innen)\s+(?:\d{1,2}|one|two|three|four|five|ein\w{0,2}|zwei"
    r"|drei|vier|f(?:ü|ue)nf|een|twee|drie|vijf|un|deux|trois|quatre|cinq|uno|due|tre|dos|tres"
    r"|cuatro|cinco)\s+(?:working |business |jours? )?(?:days?|hours?|werktage?n?|arbeitstage?n?"
    r"|tage?n?|stunden|werkdagen|dagen|uur|jours?|heures|giorni|ore|d(?:í|i)as|horas|dni|godzin"
    r"|dagar|dage|timer)")
# A plea to turn elsewhere: contact, write, send or use (where, in the sentence or the notice).
_ELSEWHERE_RE = re.compile(
    r"\b(?:please|bitte|veuillez|merci d|gelieve|graag|per favore|por favor|prosz(?:ę|e)|pros(?:í|i)m"
    r"|v(?:ä|a)nligen|venligst|vennligst|if you)\b[^.!?\n]{0,80}\b(?:contact|kontakt|wende|write"
    r"|schreib|send|use|verwend|benutz|adress|(?:é|e)cri|utilis|stuur|gebruik|neem|scriv|invi|contatt"
    r"|utilizz|escrib|env(?:í|i)|utilic|call|anruf|appel|bel|melden)")
# Another channel to turn to: "über unser Kundenportal", "through our self-service portal".
_CHANNEL_RE = re.compile(
    r"\b(?:(?:ü|ue)ber|via|through|par|tramite|por|przez|p(?:ř|r)es|genom|gennem)\s+(?:unser|our|notre"
    r"|nuestro|il nostro|ons|onze|nasz|n(?:á|a)(?:š|s)|v(?:å|a)r|vores)\w{0,3}\s+(?:[\w-]+\s+)?"
    r"[\w-]{0,20}(?:portal|portail|portale|formular|form|formulaire|formulario|modulo|website|webseite"
    r"|site|sito|sitio|strona|str(?:á|a)nk|webbplats|hjemmeside)")
# The writer's own matter, a change or a repeat asked of us.
_MATTER_RE = re.compile(
    r"rechnung|invoice|factur|fattur|faktur|\blasku|angebot|\bquote|\boffer|bestell|\border|vertrag"
    r"|contract|contrat|k(?:ü|ue)ndig|cancel|\bserver|\bserveur|\bserwer|\bservidor|passw|zugang"
    r"|\blogin|\bdns\b|\bbackup|\bmigra|payment|zahlung|paiement|\bpago|pagamento|betaling|p(?:ł|l)atno"
    r"|\bticket|kunden-?n|kd\.?-?nr|customer (?:number|no)|lastschrift|\biban\b|mandat"
    r"|\b(?:account|konto|compte|cuenta|conto)\s*(?:nr\.?|no\.?|#)?\s*\d"
    r"|\bfatura|sunucu|\byedek|z(?:á|a)loh|palvelin|varmuuskopi|kopi(?:a|ę|e) zapasow"
    r"|copia de seguridad|c(?:ó|o)pia de seguran(?:ç|c)a|s(?:ä|a)kerhetskopi|sikkerhedskopi")
# A change or a repeat asked of us (with a plea: a notice's "we have changed our domain" asks
# nothing), or any "send again".
_PLEA_RE = re.compile(
    r"\b(?:please|bitte|kindly|veuillez|merci de|gelieve|graag|per favore|por favor|prosz(?:ę|e)"
    r"|pros(?:í|i)m|prosimy|v(?:ä|a)nligen|venligst|vennligst|k(?:ö|oe)nnten sie|could you|can you"
    r"|pourriez|potreste|podr(?:í|i)an|kunt u|l(?:ü|u)tfen|s'il vous pla(?:î|i)t|svp|vi preghiamo"
    r"|la preghiamo|por gentileza|yst(?:ä|a)v(?:ä|a)llisesti)\b")
_CHANGE_RE = re.compile(
    r"(?:\bmove\b|transfer|(?:ü|ue)bertrag|umziehen|verschieb|d(?:é|e)plac|trasferi|\bmover\b|verplaats"
    r"|overzet|przenie|(?:ä|ae)ndern|anpassen|passen sie|aktualisier|update|amend|mettre (?:à|a) jour|wijzig"
    r"|aanpass|aggiorn|modific|actualiz|zmie[nń]|zm(?:ě|e)[nň]|(?:ä|a)ndra|(?:æ|ae)ndr|p(?:ä|a)ivit)")
_AGAIN_RE = re.compile(r"\b(?:erneut|again|noch ?einmal|nochmal|de nouveau|opnieuw|di nuovo|otra vez"
                       r"|ponownie|znovu|igen|uudelleen)\b")
_FROM_NOW_RE = re.compile(r"k(?:ü|ue)nftig|ab sofort|from now on|going forward|\bfuture\b"
                          r"|d(?:é|e)sormais|(?:à|a) l'avenir|voortaan|in de toekomst|d'ora in poi"
                          r"|in futuro|en adelante|en el futuro|od teraz|w przysz(?:ł|l)o|fortan")


def mailbox_notice(mail: ParsedMail) -> bool:
    """A notice about the mailbox an answer comes from (see the module's text)."""
    low = _frame(mail)
    if not low:
        return False
    sender = (mail.from_addr or "").lower()
    about, reasons = 0, []
    for sentence in notice_sentences(low):
        if _persons(sentence):
            return False
        if MAILBOX_RE.search(sentence):
            about += 1
        elif not (covered_sentence(sentence, sender) or _WITHIN_RE.search(sentence)
                  or _ELSEWHERE_RE.search(sentence) or _CHANNEL_RE.search(sentence)):
            reasons.append(sentence)
    if not about or len(reasons) > 1:
        return False
    return all(len(reason.split()) <= REASON_WORDS for reason in reasons)


def _frame(mail: ParsedMail) -> str:
    """The own text in lower case of an answer that quotes nothing, short, asking nothing."""
    if not (mail.in_reply_to or mail.references or REPLY_RE.match(mail.subject or "")):
        return ""
    text = mail.text or ""
    if quotes_original(text) or client_quote(text) or any(
            line.lstrip().startswith(">") for line in text.splitlines()):
        return ""
    own = unquoted(without_links(own_part(text))).strip()
    if not own or len(own) > OWN_CHARS or any(m in own for m in QUESTION_MARKS):
        return ""
    return "" if NEED_RE.search(own) else lowered(own)


def _persons(sentence: str) -> bool:
    """The writer's own matter, a change or a repeat or anything else asked of us; a matter's
    sentence that only says where such mail goes (an address, not from now on) is a notice's."""
    plea = _PLEA_RE.search(sentence)
    if _AGAIN_RE.search(sentence) or (plea and _CHANGE_RE.search(sentence)):
        return True
    if plea and not (_ELSEWHERE_RE.search(sentence) or _CHANNEL_RE.search(sentence)
                     or MAILBOX_RE.search(sentence) or covered_sentence(sentence, "")):
        return True  # a plea that points nowhere else asks something of us
    if not _MATTER_RE.search(sentence):
        return False
    return not ADDRESS_RE.search(sentence) or bool(_FROM_NOW_RE.search(sentence))
