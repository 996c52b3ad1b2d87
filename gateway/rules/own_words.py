"""Pure: a sentence of an answer that is the writer's own word to us, not a notice's: leave given
("passt", "is fine", "można") without an address or number to turn to, an instruction from now on
("Technische Themen bitte künftig an it@..."), news since a time ("mein Zugang ist seit gestern
gesperrt"), or one of our matters (a server, a domain, a contract, the migration) outside an
urgent case's or a topic's where to turn ("Per questioni urgenti relative ai server ... scrivere a
x@", "For invoices please use accounts@...", "If it can't wait, ...", a matter handed to someone
meanwhile). Used by thanked_notices and covered_notices on
text in lower case; COMMERCIAL only by covered_notices (a notice of a year-end closing speaks of
invoices, "Facturen die na 15 december binnenkomen ...", one of a mail system's migration of it)."""

from __future__ import annotations

import re

LEAVE_RE = re.compile(r"\b(?:ok|okay|geht klar|in ordnung|einverstanden|agreed|d'accord|de acuerdo|d'accordo"
                      r"|akkoord|zgoda|passt|gerne?|(?:kann|k(?:ö|oe)nnen|can)(?!['’]t|[^.!?]{0,30}\b(?:e-?mails?"
                      r"|nachrichten|messages?)\b)|you may|go ahead|proceed"
                      r"|proc(?:é|e)d|pueden?|potete|pu(?:ò|o)|mogen|kunnen|kunt|kan|mo(?:ż|z)ecie|mo(?:ż|z)na|fine|gut"
                      r"|bien|bene|goed|past|will call|rufe)\b")
SERVICE_RE = re.compile(r"k(?:ü|ue)ndig|cancel|vertrag|contract|contrat|wartung|maintenance|server"
                        r"|serveur|serwer|servidor|domain|domein|dominio|\bticket\b|account center|portal"
                        r"|zertifikat|certificat|certificado|certificato|certyfikat|\bssl\b|\bvpn\b"
                        r"|passw|zugang|login|\bdns\b|website|webseite|\bshop\b|backup"
                        r"|\b(?:account|konto|compte|cuenta|conto)\s*(?:nr\.?|no\.?|#)?\s*\d")
COMMERCIAL_RE = re.compile(r"rechnung|invoice|factur|fattur|faktur|angebot|quote|offer|bestell|order|migra"
                           r"|payment|zahlung|paiement|\bpago|pagamento|betaling|p(?:ł|l)atno")
FROM_NOW_RE = re.compile(r"k(?:ü|ue)nftig|ab sofort|in future|in the future|from now on|going forward"
                         r"|d(?:é|e)sormais|(?:à|a) l'avenir|en adelante|d'ora in poi|in futuro|voortaan"
                         r"|od teraz|w przysz(?:ł|l)o|od tej pory|da ora in (?:poi|avanti)|vanaf nu"
                         r"|(?:à|a) partir de (?:maintenant|ahora|agora|aujourd'hui|hoy|hoje)|ab jetzt")
# Who is in charge from now on, named with where to reach them: a notice's successor, not an order.
_SUCCESSOR_RE = re.compile(r"nachfolger|successor|successeur|sucesor|successore|opvolger|nast(?:ę|e)pc")
# "Gern können Sie uns auch am Stand besuchen": an invitation, no leave given for our matter.
INVITE_RE = re.compile(r"\buns\b[^.!?]{0,40}besuchen|visit us|rendez-nous visite|vis(?:í|i)tenos"
                        r"|venite a trovarci")
_WHERE_RE = re.compile(r"[\w.+-]+@|\+?\(?\d[\d ()/.-]{5,}\d")
_CLOSED_RE = re.compile(r"\b(?:shop|store|laden)\b (?:is|ist|bleibt|will be|wird|est|est(?:á|a)|(?:è|e))"
                        r" (?:\w+ )?(?:closed|geschlossen|ferm(?:é|e)|cerrad[oa]|chius[oa]|gesloten)")
_SINCE_RE = re.compile(r"\b(?:seit|since|depuis|sinds)\b")  # "desde", "dal": also "as of"
_URGENT_RE = re.compile(r"urgen|dringend|eilig|pilne|pilnych|kiireelli|br(?:å|a)dskande|akut|spoed"
                        r"|nal(?:é|e)hav|(?:can't|cannot|can not) wait|nicht warten")
_TOPIC_RE = re.compile(r"^\W*(?:for|f(?:ü|ue)r|pour|para|per|voor|bei|dla|w sprawach)\b")
# A matter handed to someone else meanwhile: "Bestellungen bitte an shop@..., die werden von meinem
# Bruder beantwortet" (not "Rechnungen bitte an buchhaltung@...": where invoices go from now on).
_HANDED_RE = re.compile(r"\b(?:bitte|please|svp|por favor|per favore|graag) (?:an|to|à|a|aan|naar)"
                        r" [\w.+-]{1,64}@[^!?]{0,90}(?:beantwort|bearbeit|answer|handl|k(?:ü|ue)mmert"
                        r"|take care|s'occupe|trait|se encarga|respond|si occupa|rispond|behandel)")


def own_word(sentence: str, referral: bool, matter: re.Pattern[str] = SERVICE_RE) -> bool:
    """The writer's word to us (see the module's text); `referral`: the sentence names an address
    or a number to turn to."""
    if (FROM_NOW_RE.search(sentence) and not (referral and _SUCCESSOR_RE.search(sentence))) \
            or _SINCE_RE.search(sentence):
        return True
    if LEAVE_RE.search(sentence) and not referral and not INVITE_RE.search(sentence):
        return True
    sentence = _CLOSED_RE.sub(" ", sentence)  # "the shop is closed until ...": the writer's own shop
    return bool(matter.search(sentence)) and not (
        referral and (_urgent_first(sentence) or _TOPIC_RE.search(sentence)
                      or _HANDED_RE.search(sentence)))


def _urgent_first(sentence: str) -> bool:
    """An urgent case named before where to turn ("In dringenden Fällen: 0171 ...") is a notice's;
    "call me at ... about the certificate, it's urgent" asks us."""
    where = _WHERE_RE.search(sentence)
    return bool(_URGENT_RE.search(sentence, 0, where.start() if where else len(sentence)))
