"""Pure data and a little structure: *why* a writer or an office is away, and *when* they are back,
as absence notices say it beyond "out of the office" and "on holiday" (issue 21: tests/heldout14
found answers without any marker header that only these words tell apart). German, English,
French, Spanish, Italian and Dutch, by families of wording, not by one notice's text:

- REASON_WORDS: away for a reason (rehab, a cure, hospital; a trade fair, a conference, a
  training, a business trip; reachable only in a limited way), an office closed between the
  holidays or for company holidays ("Our offices are closed ...", "resteranno chiusi"), the
  writer gone ("is no longer with Acme", "nicht mehr für ... tätig", "ya no trabaja en") or the
  firm merged ("ist ... mit X fusioniert", "has merged with"). Always with a subject (I, we, our
  office, a named colleague): "Der Server ist nur eingeschränkt erreichbar" is a person's.
- RETURN_WORDS: when they are back or answer ("sind wir wieder wie gewohnt für Sie da", "we will
  reopen", "dès mon retour", "riapriremo", "weer bereikbaar"; "lese Ihre Nachricht erst danach").
- COURTESY_WORDS: what such a notice says besides, asking nothing: season's greetings ("Frohe
  Festtage", "Happy holidays", "Joyeuses fêtes") and the trade fair's invitation ("Besuchen Sie
  uns am Stand", "visit us at booth 4"). They cover a sentence, never make a notice alone.
- team_signature: the notice's closing line of a team ("Ihr Team der Hausverwaltung X", "The
  Acme Team", "L'équipe du cabinet Durand"), capitalised words only after the team word.

The words are used only in absence_replies (a short answer that is nothing but absence sentences,
no question, no request but whom to contact) and under an absence subject (out_of_office); a
person who says the same and asks anything ("Ich bin ab Montag in der Reha; bitte kündigen Sie
vorher ...") is answered. Regex fragments for lower-case text, no leading \\b (see
absence_words.word_spans), each starting with "|"; every gap is bounded.
"""

from __future__ import annotations

import re

from gateway.rules.absence_words import ABSENCE_MORE_RE, word_spans

_GAP = r"[^.!?\n]{0,60}?"

REASON_WORDS = (
    # German: rehab, a cure, hospital; a fair, a conference, a training, a business trip
    r"|in (?:der |einer )?(?:reha|kur|rehabilitation)\b|reha-?ma(?:ß|ss)nahme|zur (?:reha|kur)\b"
    r"|im (?:krankenhaus|spital)\b|auf (?:der |einer |einem )?(?:messe|fachmesse|konferenz|tagung"
    r"|fortbildung|weiterbildung|schulung|seminar|kongress|gesch(?:ä|ae)ftsreise|dienstreise)\b"
    # German: closed for a break, gone (closed between the holidays and merged: _TAILS)
    r"|(?:weihnachts|winter|sommer)pause\b|nicht (?:mehr|l(?:ä|ae)nger) (?:f(?:ü|ue)r|bei|in|im) " + _GAP
    + r"(?:t(?:ä|ae)tig|besch(?:ä|ae)ftigt)\b"
    r"|(?:hat|habe) (?:das unternehmen|die firma|unser unternehmen|unsere firma|uns) verlassen"
    r"|aus (?:dem|unserem) unternehmen ausgeschieden"
    # English
    r"|(?:i am|i'm|we are|we're|i will be|we will be|i'll be|we'll be) (?:currently )?(?:at|attending)"
    r" (?:a |an |the )?(?:[\w&-]+ ){0,3}?(?:trade (?:fair|show)|conference|exhibition|fair|expo"
    r"|summit|convention|training|seminar|workshop)\b|(?:on|away on) (?:a )?business trip"
    r"|travell?ing on business|(?:i am|i'm|we are|we're) (?:currently )?in (?:rehab|rehabilitation"
    r"|hospital)\b|(?:with|have) (?:only )?limited availability|(?:i|we) will be (?:only )?"
    r"(?:intermittently|partially) (?:available|reachable)|(?:is|am|are) no longer (?:with"
    r"|employed (?:by|at)|working (?:for|at))\b"
    r"|no longer works? (?:for|at|with)\b|(?:i|he|she|they|we) (?:have|has) left (?:the company|the firm"
    r"|the organi[sz]ation)|(?:has|have) merged with\b|(?:our|the) offices (?:are|will be|remain)"
    r" " + _GAP + r"closed\b|closed (?:for|over|during) the (?:holidays|holiday season|festive season"
    r"|christmas)"
    # French
    r"|(?:je suis|nous sommes|je serai|nous serons) (?:actuellement )?(?:en (?:formation|s(?:é|e)minaire"
    r"|conf(?:é|e)rence|salon|cure|r(?:é|e)(?:é|e)ducation|r(?:é|e)adaptation|voyage d'affaires)"
    r"|au salon|sur (?:le |un )?salon|(?:à|a) un salon|hospitalis(?:é|e)|(?:\w+ ){0,2}?(?:joignables?"
    r" (?:de (?:mani(?:è|e)re|fa(?:ç|c)on) limit(?:é|e)e|difficilement)|difficilement joignables?))"
    r"|(?:ma|notre) disponibilit(?:é|e) (?:sera |est )?(?:r(?:é|e)duite|limit(?:é|e)e)"
    r"|ne fait plus partie de|a quitt(?:é|e) (?:la soci(?:é|e)t(?:é|e)|l'entreprise|notre soci(?:é|e)t(?:é|e)"
    r"|le cabinet)|n'est plus (?:en poste|employ(?:é|e)e?|salari(?:é|e)e?)|ne travaille plus (?:pour|chez"
    r"|au sein)|(?:a|ont) fusionn(?:é|e) avec|fermeture (?:annuelle|estivale|de fin d'ann(?:é|e)e"
    r"|pour les f(?:ê|e)tes)|(?:nos bureaux|notre cabinet|notre agence|notre soci(?:é|e)t(?:é|e)|notre"
    r" bureau) (?:sont|sera|seront|est|restera|resteront) ferm"
    # Spanish
    r"|(?:estoy|estamos|estar(?:é|e)|estaremos) (?:actualmente )?(?:en (?:una |la |un |el )?(?:feria"
    r"|congreso|conferencia|formaci(?:ó|o)n|curso|rehabilitaci(?:ó|o)n|hospital)\b|de viaje de"
    r" (?:negocios|trabajo))|con disponibilidad limitada|(?:tendr(?:é|e)|tendremos) acceso limitado"
    r"|ya no (?:trabaja|forma parte|est(?:á|a) en la empresa|pertenece)|ha dejado la empresa"
    r"|se (?:ha|han) fusionado con|se fusion(?:ó|o) con|(?:nuestras oficinas|la oficina|nuestra"
    r" empresa|nuestro despacho) (?:permanecer(?:á|a)n?|estar(?:á|a)n?) cerrad"
    # Italian
    r"|(?:sono|siamo|sar(?:ò|o)|saremo) (?:attualmente )?(?:in (?:fiera|trasferta|riabilitazione"
    r"|formazione|ospedale)\b|a (?:una |un )?(?:fiera|congresso|conferenza|corso)\b|alla fiera"
    r"|al (?:congresso|corso)\b|(?:\w+ ){0,3}?raggiungibil[ei] (?:solo )?(?:in modo limitato"
    r"|limitatamente))|reperibilit(?:à|a) limitata|non (?:lavora|fa) pi(?:ù|u) (?:presso|con|per|parte)"
    r"|ha lasciato (?:l'azienda|la societ(?:à|a)|lo studio)|si (?:è|e|sono) fus[aei] con"
    r"|chiusura (?:aziendale|estiva|natalizia|per ferie|per le festivit(?:à|a))"
    r"|(?:gli uffici|i nostri uffici|lo studio|il nostro studio|il nostro ufficio) (?:resteranno"
    r"|rimarranno|resta|rimane|rester(?:à|a)|rimarr(?:à|a)) chius"
    # Dutch (at a fair, in hospital, reachable in a limited way: _TAILS)
    r"|niet (?:meer|langer) (?:werkzaam|in dienst|actief) (?:bij|voor)\b"
    r"|heeft (?:het bedrijf|ons) verlaten|is uit dienst\b|(?:is|zijn) gefuseerd\b"
    r"|bedrijfsvakantie|collectieve vakantie"
    # Mails not forwarded meanwhile ("die E-Mails werden nicht weitergeleitet"), and the office
    # closed said with an article ("le bureau est fermé", "la oficina está cerrada")
    r"|(?:e-?mails?|nachrichten|mails|messages|berichten|mensajes|correos|messaggi) (?:werden|wurden"
    r"|will not be|won't be|are not|worden|no ser(?:á|a)n|non (?:verranno|saranno)) (?:nicht |niet )?"
    r"(?:weitergeleitet|forwarded|doorgestuurd|reenviados|inoltrati)\b|(?:ne )?(?:seront|sont) pas"
    r" transf(?:é|e)r(?:é|e)s|(?:le bureau|le cabinet|l'agence|le magasin|l'entreprise) (?:est|sera"
    r"|restera) ferm|(?:la oficina|la tienda|el despacho) (?:est(?:á|a)|estar(?:á|a)) cerrad"
    r"|(?:l'ufficio|lo studio|il negozio) (?:(?:è|e)|sar(?:à|a)|resta|rester(?:à|a)) chius")

# Words that say an absence only after its subject, earlier in the same sentence (at most
# WINDOW characters back): "Vom 6. bis 8. Oktober sind wir mit unserem Team auf der it-sa ...
# und daher nur eingeschränkt erreichbar". Each: the words, what must stand before them (all
# of it), and whether a "since" there makes it an outage ("Wir sind seit dem Update nur
# eingeschränkt erreichbar" is a customer's report; "Die Server sind ..." has no subject).
WINDOW = 160
_FIRST_DE = r"\b(?:ich bin|bin ich|wir sind|sind wir|ich werde|werde ich|wir werden|werden wir)\b"
_FIRST_NL = r"\b(?:ik ben|ben ik|wij zijn|we zijn|zijn wij|zijn we)\b"
_TAIL_WORDS = (
    (r"(?:nur )?eingeschr(?:ä|ae)nkt (?:per e-?mail |telefonisch )?erreichbar|nicht (?:erreichbar"
     r"|im b(?:ü|ue)ro)\b", (_FIRST_DE,), True),
    (r"geschlossen\b", (r"\b(?:haben wir|wir haben)\b", r"\b(?:vom|bis|zwischen|(?:ü|ue)ber|w(?:ä|ae)hrend"
     r"|weihnacht|feiertag|jahreswechsel|neujahr)"), True),
    (r"(?:fusioniert|zusammengeschlossen)\b", (r"\b(?:ist|sind|hat|haben)\b", r"\bmit\b"), False),
    (r"op (?:de |een )?(?:beurs|congres|cursus|training|zakenreis|dienstreis)\b|in revalidatie"
     r"|in het ziekenhuis|beperkt bereikbaar", (_FIRST_NL,), True),
    (r"gesloten\b", (r"\b(?:onze kantoren|ons bedrijf|het kantoor|ons kantoor|de winkel|wij zijn|we zijn"
                     r"|zijn wij|zijn we)\b",), True))
_TAILS = tuple((re.compile(r"(?<!\w)(?:" + tail + ")"), tuple(re.compile(rx) for rx in needs), no_since)
               for tail, needs, no_since in _TAIL_WORDS)
_SINCE_RE = re.compile(r"\b(?:seit|since|sinds|depuis|desde)\b")

RETURN_WORDS = (
    r"|wieder (?:wie gewohnt |voll |uneingeschr(?:ä|ae)nkt )?(?:f(?:ü|ue)r sie (?:da|erreichbar)"
    r"|erreichbar)|wieder im (?:haus|dienst|b(?:ü|ue)ro)\b|wieder zur(?:ü|ue)ck\b"
    r"|melde (?:ich )?mich (?:umgehend|nach|ab|sobald|schnellstm(?:ö|oe)glich|zeitnah|danach"
    r"|baldm(?:ö|oe)glichst)\b|erst (?:danach|anschlie(?:ß|ss)end|nach (?:meiner|unserer) r(?:ü|ue)ckkehr)"
    r" (?:lesen|bearbeiten|beantworten)|(?:lese|bearbeite|beantworte) (?:ich )?(?:meine|ihre)"
    r" (?:e-?mails?|nachrichten?|mails?|anfragen?) (?:erst|nach|ab)\b"
    r"|(?:we|i) (?:will|'ll) be (?:available|open|reachable) (?:again )?(?:on|from|after)\b"
    r"|available again (?:on|from)\b|(?:we|i) (?:will|'ll) reopen|reopen(?:s|ing)? on\b"
    r"|(?:normal|regular) (?:service|hours|business) (?:resumes?|will resume)"
    r"|(?:nous serons|je serai) (?:de nouveau|(?:à|a) nouveau) (?:disponible|joignable|pr(?:é|e)sent"
    r"|l(?:à|a))"
    r"|r(?:é|e)ouverture (?:le|(?:à|a) partir)|nous rouvrirons|(?:à|a) notre retour|d(?:è|e)s (?:mon|notre)"
    r" retour|je (?:vous )?r(?:é|e)pondrai (?:d(?:è|e)s|(?:à|a)|apr(?:è|e)s)"
    r"|volver(?:é|e|emos)\b|regresar(?:é|e|emos)\b|estaremos de vuelta|a nuestra vuelta"
    r"|(?:a|tras) nuestro regreso|reabriremos|reabrimos el\b|responder(?:é|e) (?:a mi|a su|cuando"
    r"|lo antes|tras)\b"
    r"|(?:al nostro|dopo il (?:mio|nostro)) rientro|(?:saremo|sar(?:ò|o)) (?:nuovamente|di nuovo)"
    r" (?:disponibil|raggiungibil|operativ|in ufficio)|riapriremo|riapertura (?:il|dal|luned(?:ì|i))\b"
    r"|risponder(?:ò|o) (?:al|appena|non appena|dopo)\b"
    r"|weer (?:bereikbaar|aanwezig|beschikbaar|op kantoor|terug|geopend)\b|na onze terugkeer"
    r"|(?:beantwoord|reageer) ik (?:uw|je|op uw|op je) (?:e-?mail|bericht)"
    # where to turn in a clause of its own: "..., die Kollegen erreichen Sie unter 0211 ..."
    r"|erreichen sie (?:unter|per|via|telefonisch)|erreichbar unter|can be reached (?:at|on|via|by)"
    r"|reach (?:her|him|them|us|my colleagues?) (?:at|on|via)|joignables? (?:au|(?:à|a)|par|sur)\b"
    r"|vous pouvez joindre|raggiungibil[ei] (?:al|allo|a|via)\b|bereikbaar (?:via|op|onder)\b")

COURTESY_WORDS = (
    r"|(?:frohe|sch(?:ö|oe)ne|besinnliche|fr(?:ö|oe)hliche|erholsame|gesegnete) (?:weihnachten"
    r"|festtage|feiertage|weihnachtstage|ostern|osterfeiertage|weihnachtszeit|adventszeit)\b"
    r"|(?:guten|gesunden|erfolgreichen) (?:start|rutsch) (?:ins|in das) (?:neue )?jahr"
    r"|(?:frohes|gutes|gesundes) neues jahr|besuchen sie uns (?:gerne? )?(?:am|an unserem|auf unserem"
    r"|auf der)\b|wir freuen uns auf (?:sie|ihren besuch|ihr kommen|euch)\b"
    r"|merry christmas|happy (?:holidays|new year|easter)\b|season'?s greetings"
    r"|(?:visit|see) us at (?:our )?(?:booth|stand)\b|we look forward to (?:seeing|meeting|welcoming) you"
    r"|joyeuses f(?:ê|e)tes|joyeux no(?:ë|e)l|bonne ann(?:é|e)e|meilleurs v(?:œ|oe)ux|bonnes f(?:ê|e)tes"
    r"|(?:rendez-nous visite|venez nous (?:voir|rencontrer)) (?:sur|(?:à|a)) (?:notre )?stand"
    r"|felices fiestas|feliz navidad|(?:feliz|pr(?:ó|o)spero) a(?:ñ|n)o nuevo|vis(?:í|i)tenos en"
    r"|buone feste|buon natale|(?:felice|buon) anno nuovo|buon anno\b|(?:venite|vieni) a trovarci"
    r"|(?:fijne|prettige) feestdagen|gelukkig nieuwjaar|(?:bezoek|bezoekt) ons (?:op|in|bij)\b")

# At a word's start only (all words here are Latin): the look-behind skips the positions inside a
# word before trying the alternatives, some three times faster than word_spans' check alone.
REASON_RE = re.compile(r"(?<!\w)(?:" + REASON_WORDS[1:] + ")")
RETURN_RE = re.compile(r"(?<!\w)(?:" + RETURN_WORDS[1:] + ")")
COURTESY_RE = re.compile(r"(?<!\w)(?:" + COURTESY_WORDS[1:] + ")")


def absence_spans(low: str) -> list[tuple[int, int]]:
    """The spans of absence words in the lowered text: absence_words' and this module's."""
    found = word_spans(ABSENCE_MORE_RE, low) + word_spans(REASON_RE, low)
    for tail, needs, no_since in _TAILS:
        for start, end in word_spans(tail, low):
            opened = max(max(low.rfind(mark, 0, start) for mark in ".!?\n") + 1, start - WINDOW)
            before = low[opened:start]
            if all(rx.search(before) for rx in needs) and not (no_since and _SINCE_RE.search(before)):
                found.append((opened, end))
    return found

# A team's closing line: "Ihr Team der Hausverwaltung Obermaier", "Ihr Praxisteam Dr. Lenz",
# "The Acme Team", "L'équipe du cabinet Durand", "El equipo de Ibérica", "Het team van Smit".
_TEAM_LINE_RE = re.compile(
    r"(?i)^(?:(?:ihr|ihre|euer|eure|your|the|votre|l'|le|la|el|su|il|lo|het|uw)\s*)?"
    r"(?:[\w&.'-]+\s+){0,2}?[\w'-]*(?:team|(?:é|e)quipe|equipo|staff|squadra)\b")
_TEAM_PARTICLES = frozenset("der des von vom van de du del della di da of the und and & et y e en".split())
TEAM_WORDS = 8


def team_signature(line: str) -> bool:
    """A team's closing line of at most TEAM_WORDS words: after the team word, capitalised words
    and particles, at most one other word ("cabinet"), a name last ("Ihr Team der Hausverwaltung
    Obermaier", "L'équipe du cabinet Durand"; not "Ihr Team hat den Server neu gestartet")."""
    line = line.strip()
    if len(line.split()) > TEAM_WORDS or line[-1:] in ".!?:;,":
        return False
    found = _TEAM_LINE_RE.match(line)
    rest = line[found.end():].split() if found else []
    if not found or (rest and not rest[-1][:1].isupper()):
        return False
    return sum(not (word[:1].isupper() or word[:1].isdigit() or word.lower() in _TEAM_PARTICLES)
               for word in rest) <= 1
