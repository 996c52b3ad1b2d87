"""Pure: a notice that a mail client's rule sends in answer to ours, opening as such notices do:
"Thank you for your e-mail." Reason `out-of-office`.

absence_replies takes an answer whose every sentence it knows for an absence's; a notice's reasons
are endless (a stocktaking, an office move, a seminar, a new colleague in charge, a mail system's
migration, reduced hours), and so are its languages. This rule asks for the notice's frame
instead, in any of them:

- an answer to a mail (a reply's subject, or In-Reply-To/References) whose own text is short
  (at most OWN_CHARS, quotes set aside) and quotes nothing of what it answers: a rule answers
  with its text alone, a person's client quotes the mail under the answer;
- it opens by thanking for the mail it answers ("Vielen Dank für Ihre Nachricht", "Tak for din
  mail", "Dziękuję za wiadomość"), within the first OPENING_CHARS: the notice's words, where a
  person thanks for something done ("Danke für die schnelle Hilfe");
- it names a time (a date, a weekday, a week, "next week") or where to turn instead (another
  address): when the writer is back or whom to ask;
- it tells of the writer's reach (away, back, reached only in part, mail not read or late, an
  office closed or moved, someone else in charge), not of a service's state;
- it asks nothing: no question mark, and every sentence with a "please" in it asks only to write,
  call or send elsewhere or again (an address or a number in it), never something of us ("Bitte
  kündigen Sie vorher noch meinen Vertrag" is a person's, away or not);
- it does not repeat the invoice or contract number of the subject (the matter's).
"""

from __future__ import annotations

import re

from gateway.rules.absence_words import (
    ADDRESS,
    QUESTION_MARKS,
    REPLY_RE,
    THANKS_FOR_MAIL,
    foreign_request,
    lowered,
)
from gateway.rules.originals import own_part, quotes_original, unquoted, without_links
from gateway.rules.out_of_office import NEED_RE
from gateway.rules.own_words import own_word
from gateway.rules.parse import ParsedMail
from gateway.rules.subject_refs import repeats_reference
from gateway.rules.wished_requests import wishes

OWN_CHARS = 900
OPENING_CHARS = 160

# Thanks for the mail, in the text in lower case.
THANKS_RE = re.compile(
    r"(?:vielen |herzlichen |besten )?dank(?:e)? f(?:ü|ue)r (?:ihre|deine|die|ihr|dein) "
    r"(?:e-?mail|nachricht|mail|anfrage|schreiben)"
    r"|thank(?:s| you)(?: very much| so much)? for (?:your|the) (?:e-?mail|message|mail|note"
    r"|enquiry|inquiry)|thank(?:s| you) for (?:getting in touch|contacting|reaching out|writing)"
    r"|(?:merci|je vous remercie|nous vous remercions) (?:pour|de) votre (?:message|e-?mail|courriel"
    r"|mail)|gracias por (?:su|tu) (?:mensaje|correo|e-?mail)|gracias por (?:contactar|escribir)"
    r"|(?:grazie|(?:la|vi|ti) ringrazio|(?:la|vi|ti) ringraziamo) (?:per|del) (?:(?:la sua|il suo"
    r"|il|la|tuo|tua|vostro|vostra) )?(?:messaggio|e-?mail|mail)"
    r"|(?:bedankt|dank u|dank je|hartelijk dank) (?:wel )?voor (?:uw|je|jouw|het) (?:e-?mail|bericht"
    r"|mail)|dzi(?:ę|e)kuj(?:ę|e|emy) za (?:(?:pa(?:ń|n)sk(?:ą|a|i)|twoj(?:ą|a)) )?(?:wiadomo(?:ść|sc)"
    r"|e-?mail|maila|list)|obrigad[oa] (?:pel[oa]|por) (?:(?:seu|sua|o|a) )?(?:(?:seu|sua) )?(?:contacto"
    r"|contato|mensagem|e-?mail)|(?:d(?:ě|e)kuj(?:i|eme)|(?:ď|d)akujem(?:e)?) za (?:(?:v(?:á|a)(?:š|s)"
    r"|va(?:š|s)u) )?(?:e-?mail|zpr(?:á|a)vu|spr(?:á|a)vu)|tak for (?:din|jeres|deres) (?:e-?mail|mail"
    r"|besked|henvendelse)|takk for (?:din|e-?posten|meldingen|henvendelsen)|tack f(?:ö|o)r (?:ditt"
    r"|ert|din) (?:meddelande|mejl|mail|e-?post)|kiitos (?:viestist(?:ä|a)si|viestist(?:ä|a)nne"
    r"|s(?:ä|a)hk(?:ö|o)postistasi)|k(?:ö|o)sz(?:ö|o)n(?:ö|o)m (?:a )?(?:lev(?:e|é)l|(?:ü|u)zenet)"
    r"|mul(?:ț|ţ|t)umesc pentru (?:mesaj|e-?mail)|hvala (?:na|za) (?:va(?:š|s)(?:oj|o|e|u) )?(?:poruk"
    r"|sporo(?:č|c)il|e-?mail)|(?:e-?postan(?:ı|i)z|mesaj(?:ı|i)n(?:ı|i)z) i(?:ç|c)in te(?:ş|s)ekk(?:ü|u)r"
    r"|ευχαριστ(?:ώ|ούμε) για το (?:μήνυμ|e-?mail)" + THANKS_FOR_MAIL)
_MONTH = (r"(?:jan|feb|f(?:é|e)v|m(?:ä|a)r|maa|apr|avr|abr|ma[iy]|mei|maj|mag|jun|juin|giu|jul|juil|lug"
          r"|aug|ago|ao(?:û|u)t|sep|set|okt|oct|ott|outubro|nov|de[zc]|d(?:é|e)c|dic|stycz|lut|kwie"
          r"|czerw|lip|sierp|wrze|pa(?:ź|z)dz|listop|grud|ledn|(?:ú|u)nor|b(?:ř|r)ez|dub|kv(?:ě|e)t"
          r"|(?:č|c)erv|srp|z(?:á|a)(?:ř|r)|(?:ř|r)(?:í|i)j|prosin|sije(?:č|c)|velja(?:č|c)|o(?:ž|z)uj|travn"
          r"|svib|lipnj|srpnj|kolovoz|rujn|listopad|studen)\w*")
_WEEKDAY = (r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag"
            r"|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|mi(?:é|e)rcoles|jueves|viernes"
            r"|luned(?:ì|i)|marted(?:ì|i)|mercoled(?:ì|i)|gioved(?:ì|i)|venerd(?:ì|i)|maandag|dinsdag"
            r"|woensdag|donderdag|vrijdag|poniedzia(?:ł|l)\w*|wtor\w*|(?:ś|s)rod\w*|czwart\w*|pi(?:ą|a)t\w*"
            r"|segunda|ter(?:ç|c)a|quarta|quinta|sexta|m(?:å|a)ndag|tisdag|tirsdag|onsdag|torsdag|fredag"
            r"|pond(?:ě|e)l(?:í|i)|(?:ú|u)ter(?:ý|y)|st(?:ř|r)ed\w*|(?:č|c)tvrt\w*|p(?:á|a)t(?:e|ek|ku)")
# A time: a date, a day and its month, a weekday, a week's number, "next week".
TIME_RE = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}\b"
    r"|\b\d{1,2}(?:\.|st|nd|rd|th)?\s+(?:de\s+)?" + _MONTH + r"|\b" + _MONTH + r"\s+\d{1,2}\b"
    r"|\b(?:" + _WEEKDAY + r")\b|\b(?:week|woche|kw|uge|vecka|uke|semaine|semana|settimana|tydzie(?:ń|n)"
    r"|t(?:ý|y)den)\s*\d{1,2}\b|\bnext week\b|\bn(?:ä|ae)chste(?:n|r)? woche\b|\bsemaine prochaine\b"
    r"|\bpr(?:ó|o)xima semana\b|\bprossima settimana\b|\bvolgende week\b"
    r"|\b(?:diese|this|cette|esta|questa|deze) (?:woche|week|semaine|semana|settimana)\b"
    r"|\bin the new year\b|\bim neuen jahr\b"
    # a feast as a date: "erst nach Ostern", "until after Christmas"
    r"|\b(?:nach|vor|bis|after|before|until|apr(?:è|e)s|avant|despu(?:é|e)s de|dopo|na|po)\s+(?:ostern"
    r"|pfingsten|weihnachten|neujahr|easter|christmas|new year|p(?:â|a)ques|no(?:ë|e)l|pascua|navidad"
    r"|pasqua|natale|pasen|kerst|wielkanoc)")
# What a notice tells of the writer's reach, in lower case: away, back, reached only in part, mail
# not read or late, an office closed or moved, someone else in charge. Not a service's state ("die
# Website ist nicht erreichbar" is a customer's news).
NOTICE_RE = re.compile(
    r"abwesen|au(?:ß|ss)er haus|nicht im b(?:ü|ue)ro|out of (?:the )?office|away from|\babsent"
    r"|\bausente|\bassente|afwezig|nieobecn|nep(?:ř|r)(?:í|i)tomn|frav(?:æ|ae)rende|fr(?:å|a)nvarande"
    r"|urlaub|vacation|holiday|vacances|cong(?:é|e)|vacaciones|\bferie|vakantie|urlop|dovolen"
    r"|r(?:ü|ue)ckkehr|wieder (?:im b(?:ü|ue)ro|erreichbar|da|f(?:ü|ue)r sie da|zur(?:ü|ue)ck)"
    r"|\breturn|back (?:in|on|at)\b|\bretour|regreso|de vuelta|rientro|ritorno|terugkeer"
    r"|weer (?:terug|op kantoor|bereikbaar|aanwezig)|powr(?:ó|o)t|powrocie|n(?:á|a)vrat|tilbage"
    r"|tillbaka|tilbake|paluu|regresso|\bvoltar"
    r"|eingeschr(?:ä|ae)nkt|\blimited|limit(?:é|e)|limitad|limitat|beperkt|ograniczon|omezen"
    r"|begr(?:æ|ae)nset|begr(?:ä|a)nsad|sporadi|ridott|reducid|r(?:é|e)duit|reduzi|verk(?:ü|ue)rzt"
    r"|nicht (?:gelesen|weitergeleitet|bearbeitet)|not (?:be )?(?:read|forwarded|checked)|monitored"
    r"|no longer (?:with|at|work|employed|in use|active)|nicht mehr (?:f(?:ü|ue)r|bei|im unternehmen"
    r"|t(?:ä|ae)tig|gelesen|genutzt|aktiv)|ne (?:fait|travaille) plus|ya no (?:trabaja|forma)"
    r"|non (?:lavora|fa) pi(?:ù|u)|niet meer (?:werkzaam|in dienst|actief)|ju(?:ż|z) nie pracuje"
    r"|ikke (?:l(?:æ|ae)ngere|l(?:æ|ae)st)|inte (?:l(?:ä|a)ngre|l(?:ä|a)s)|\bl(?:æ|ae)st\b|\bl(?:ä|a)ser\b"
    r"|verz(?:ö|oe)ger|delay|retard|retras|ritard|vertraag|op(?:ó|o)(?:ź|z)n|zpo(?:ž|z)d|forsink"
    r"|f(?:ö|o)rsen|atras"
    r"|bearbeit|behandel|vy(?:ř|r)izov|zajmuj|(?:ü|ue)bernommen|vertret|taken over|covering|in charge"
    r"|a cargo de|el relevo|se encarga|si occupa|s'occupe|se charge|(?:ü|ue)bernimmt|takes over"
    r"|took over|overgenomen|neemt [^.!?\n]{0,30} over|przej(?:ął|ęła|al|ela)|p(?:ř|r)evzal|overtaget"
    r"|tagit (?:ö|o)ver"
    r"|zust(?:ä|ae)ndig|geschlossen|\bclosed|ferm(?:é|e)|cerrad|chius|gesloten|zamkni(?:ę|e)|zav(?:ř|r)en"
    r"|lukket|st(?:ä|a)ngt|suljettu|fechad"
    r"|umzug|\bmoving|d(?:é|e)m(?:é|e)nag|mudanza|trasloc|verhuiz|przeprowadz|st(?:ě|e)hov|flytt"
    r"|mudan(?:ç|c)a|\bmigr|(?:enk(?:ä|a)|en) lue|poissa|lomalla|nicht besetzt|not staffed|unattended"
    r"|niet bemand|non presidiat|z(?:á|a)rva|szabads(?:á|a)g|t(?:á|a)vol van|nieczynn|kapal(?:ı|i)"
    r"|ruhestand|\bretire|retraite|jubilaci|in pensione|met pensioen|emerytur"
    r"|(?:keinen|kein) zugriff|no access to|sans acc(?:è|e)s|sin acceso|senza accesso|geen toegang"
    r"|brak dost(?:ę|e)pu|werkdag|arbeitstage|working days|jours de travail|d(?:í|i)as laborables"
    r"|giorni lavorativi|dni robocze|legger(?:ò|o)|\blees ik|odczyt|d(?:ö|o)n(?:ü|u)(?:ş|s) yap"
    r"|(?:lesen|lese) (?:wir|ich) (?:keine|erst|nicht)|nicht mehr (?:\w+ ){0,3}(?:gelesen|bearbeitet)"
    # reached only at some hours: "atiende solo por las mañanas", "nur vormittags besetzt"
    r"|(?:nur|only|solo|seulement|uniquement|alleen|tylko)\s+(?:\w+\s+){0,3}(?:vormittag|nachmittag"
    r"|morgens|morning|afternoon|ma(?:ñ|n)ana|tarde|matin|apr(?:è|e)s-midi|mattin|pomeriggi|ochtend|sera"
    r"|abends|evening|soir|noche|avond|wiecz"
    r"|middag|rano)"
    # Also: back and reached again, mail read only at times or
    # not at all, reachable (a person's subject before it: a site "nicht erreichbar" is a customer's
    # news), answers as soon as possible, patience, a new address, instead.
    r"|"
    r"wieder[^.!?]{0,25}(?:f(?:ü|ue)r sie da|erreichbar|im b(?:ü|ue)ro|zur(?:ü|ue)ck|verf(?:ü|ue)gbar)"
    r"|(?:wird|werden|is|are|est|sont|wordt|worden|l(?:ä|a)ses|l(?:æ|ae)ses)\b[^.!?]{0,30}\b(?:gelesen"
    r"|read|lue?s?|gelezen)\b|(?:enk(?:ä|a)|en) lue|non potr(?:ò|o) leggere|no podr(?:é|e) leer"
    r"|ne pourrai pas lire|(?:cannot|can't|won't be able to) read|lese (?:meine )?e-?mails? nicht"
    r"|(?:ich bin|wir sind|bin ich|sind wir|zijn wij|wij zijn|ben ik|ik ben|i am|we are|i'm|we're"
    r"|je suis|nous sommes|\bsono\b|siamo|estoy|estamos|jestem|jeste(?:ś|s)my|olen|olemme|jag (?:ä|a)r"
    r"|vi (?:ä|a)r|jeg er|vi er)[^.!?]{0,60}(?:erreichbar|bereikbaar|reachable|available|joignable"
    r"|disponible|raggiungibil|disponibil|dost(?:ę|e)pn|tavoitettavissa|antr(?:ä|a)ffbar|n(?:å|a)bar"
    r"|tr(?:æ|ae)ffes)"
    r"|as soon as possible|a la mayor brevedad|al pi(?:ù|u) presto|au plus vite|zeitnah"
    r"|odsut|godi(?:š|s)nj\w* odmor|nije dostup|nisam dostup|ne(?:će|ce) biti proslije(?:đ|d)"
    r"|so ?bald wie m(?:ö|oe)glich|schnellstm(?:ö|oe)glich|d(?:è|e)s que possible"
    r"|en cuanto|lo antes posible|appena possibile|zo snel mogelijk|jak najszybciej|s(?:å|a) snart som"
    r"|hurtigst muligt|mahdollisimman pian"
    r"|verst(?:ä|ae)ndnis|understanding|patience|geduld|compr(?:é|e)hension|comprensi(?:ó|o)n"
    r"|comprensione|begrip|zrozumieni|f(?:ö|o)rst(?:å|a)else|forst(?:å|a)else|ymm(?:ä|a)rry"
    r"|neue[nr]? (?:anschrift|adresse)|new address|nouvelle adresse|nueva direcci|nuovo indirizzo"
    r"|nieuwe adres|nowy adres|ny adress|nye adresse|uusi osoite"
    r"|stattdessen|i st(?:ä|a)llet|instead|(?:à|a) la place|en su lugar|\binvece\b|in plaats daarvan")
# A person's client names what it quotes: "Am ... schrieb ...:", "On ... wrote:".
_ATTRIBUTION_RE = re.compile(r"(?im)(?:wrote|schrieb|a (?:é|e)crit|escribi(?:ó|o)|ha scritto|schreef"
                             r"|napisa(?:ł|l)\w*|napsal\w*|skrev|escreveu|kirjoitti|(?:í|i)rta)\s*:\s*$")
ADDRESS_RE = re.compile(ADDRESS)
# A number to call: with its "+" or leading 0, or named ("Tel.", "komórkę: 601 234 567").
PHONE_RE = re.compile(r"(?:\+|(?<!\d)0)\d[\d /().-]{5,}\d|\(\d{3}\) ?\d{3}[-. ]\d{4}\b"
                      r"|(?<![\d-])\d{3}[-. ]\d{3}[-. ]\d{4}\b"
                      r"|(?:tel|phone|telefon|handy|mobil|kom(?:ó|o)rk)[^\d\n]{0,12}\d[\d /().-]{5,}\d"
                      r"|\b(?:p(?:å|a)|unter|at|au|al|op|pod)\s+\d{2}[\d ]{5,}\d")
_PLEASE_RE = re.compile(
    r"\bplease\b|\bbitte\b|\bcould you\b|\bcan you\b|\bkindly\b|\bveuillez\b|\bmerci de (?!votre)|\bmerci d'"
    r"|\bpor favor\b|\bper favore\b|\bk(?:ö|oe)nn(?:en|ten) sie\b|\bgraag\b|\bgelieve\b"
    r"|\bprosz(?:ę|e)\b|\bprosimy\b|\bpros(?:í|i)m\b|\bl(?:ü|u)tfen\b|\bv(?:ä|a)nligen\b"
    r"|\bvenligst\b|\bvennligst\b|\bmolim\b|\bk(?:é|e)rem\b|\bпожалуйста\b|\bprego\b"
    # leave given to us is a person's word too ("I må gerne genstarte serveren", "feel free to")
    r"|\bgerne?\b|\bfeel free\b|\bgo ahead\b|\byou (?:may|can)\b|\bsie (?:d(?:ü|ue)rfen|k(?:ö|oe)nnen)\b"
    r"|\bi m(?:å|a)\b|\bni f(?:å|a)r\b|\bvous pouvez\b|\bpuede[ns]?\b|\bpotete\b|\bpu(?:ò|o)\b"
    r"|\bu kunt\b|\bje kunt\b|\bmo(?:ż|z)e(?:cie| pan| pani)\b|\bm(?:ů|u)(?:ž|z)ete\b|\bpode[m]?\b")
# Where to turn or to send again: the only asking a notice does.
ELSEWHERE_RE = re.compile(
    r"contact|kontakt|wenden|writ|schreib|(?:é|e)cri|escrib|scriv|schrijf|pisz|call|anruf|ruf|appel"
    r"|llam|chiam|bel |ring|volej|send|schick|envo|envi|invi|stuur|wy(?:ś|s)l|pisa|reenvi|resend|erneut"
    r"|opnieuw|di nuovo|de nouveau|kierowa|richten|address|adress|direct|page |reach|\buse\b|benutz"
    r"|verwend|utilis|\busa |gebruik|u(?:ż|z)yj|u(?:ż|z)ywa|dzwo|telefon|phone|contatt|compos|besuch|nazov"
    r"|visit|pers(?:ö|oe)nlich|in person|en personne|en persona|di persona|persoonlijk|osobi(?:ś|s)cie"
    r"|\b(?:an|to|à|a|naar|na|al)\s+[\w.+-]{1,64}@")  # "Bestellungen bitte an shop@..."
_CONTACT_RE = re.compile(r"(?:contact|kontakt|wenden|reach|call|anruf|appel|llam|chiam|volej|ring|contatt"
                         r"|compos|besuch|visit|pers(?:ö|oe)nlich|in person|en personne|en persona"
                         r"|di persona|persoonlijk|osobi(?:ś|s)cie)"
                         r"(?![^.!?\n]{0,15}\b(?:me|mich|moi|mij|mnie|m(?:ě|e)|mig)\b)")
# A notice's own question of need before where to turn: "Heb je vandaag een antwoord nodig? Stuur
# dan een mail naar ...", "Dringend? Dann ...", "Need an answer today? Call ...".
_NEED_QUESTION_RE = re.compile(r"(?im)(?:^|(?<=[.!]))[ \t]*[^.!?\n]{0,50}\b(?:nodig|need|brauchen"
                               r"|ben(?:ö|oe)tigen|urgent|dringend|eilig|besoin|necesita|bisogno|potrzebuj"
                               r"|haast|spoed)"
                               r"[^.!?\n]{0,30}\?")
# Sentences, and a "but" clause as one of its own ("Vi holder lukket i uge 42, men I må gerne ...").
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+|\n|,\s+(?=(?:but|aber|mais|pero|ma|maar|men|ale|mas)\b)")


def thanked_notice(low: str) -> bool:
    """The lower-case own text of an answer in a rule's notice frame (notice_frame) opens as a
    notice does, with thanks for the mail, and no sentence is the writer's own word."""
    opening = THANKS_RE.search(low, 0, OPENING_CHARS + 80)
    if not opening or opening.start() > OPENING_CHARS:
        return False
    return not any(own_word(s, refers(s)) for s in _SENTENCE_END_RE.split(low))


def refers(sentence: str) -> bool:
    """The sentence names an address or a number to turn to."""
    return bool(ADDRESS_RE.search(sentence) or PHONE_RE.search(sentence))


def notice_frame(mail: ParsedMail) -> str:
    """The own text in lower case of an answer framed as a rule's notice (all but the opening
    thanks: see the module's text); "" for any other mail."""
    if not (mail.in_reply_to or mail.references or REPLY_RE.match(mail.subject or "")):
        return ""
    text = mail.text or ""
    if quotes_original(text) or _ATTRIBUTION_RE.search(text) or any(
            line.lstrip().startswith(">") for line in text.splitlines()):
        return ""  # a person's client quotes what it answers; a rule sends its text alone
    own = unquoted(without_links(own_part(text))).strip()
    asked = _NEED_QUESTION_RE.sub(" ", own) if refers(own) else own
    if not own or len(own) > OWN_CHARS or any(m in asked for m in QUESTION_MARKS):
        return ""
    low = lowered(own)
    if not (TIME_RE.search(low) or elsewhere_address(own, mail.from_addr or "")):
        return ""
    if not NOTICE_RE.search(low):
        return ""
    if NEED_RE.search(own) or foreign_request(own) or wishes(own) \
            or repeats_reference(mail.subject or "", own):
        return ""
    asks = [sentence for sentence in _SENTENCE_END_RE.split(low) if _PLEASE_RE.search(sentence)]
    return low if all(_asks_elsewhere(sentence) for sentence in asks) else ""


def elsewhere_address(own: str, sender: str) -> bool:
    """An address in the text other than the writer's own: whom to ask instead."""
    return any(found.lower() != sender.lower() for found in ADDRESS_RE.findall(own))


def _asks_elsewhere(sentence: str) -> bool:
    """A "please" sentence that asks to turn elsewhere or send again, naming where."""
    return bool(ELSEWHERE_RE.search(sentence)) and bool(
        refers(sentence) or _CONTACT_RE.search(sentence)
        or re.search(r"(?:reenvi|resend|erneut|opnieuw|di nuovo|de nouveau)", sentence))
