"""Pure: out-of-office notices recognised by their words, carefully.

Subject words alone never decide against a person: a customer may write about setting up an
absence notice, or forward one to ask about it. So the subject must *start* like an absence
notice (a forward "WG: Automatische Antwort: ..." does not), and the body must corroborate it
(an absence sentence or "this is an automatic reply"), and the writer asks nothing besides: a person
who writes "ich bin ab dem 26.01. nicht erreichbar. Könnten Sie ... machen?" is answered.
Nor does the writer ask for anything but whom to contact or call: "ich bin ab Montag im Urlaub.
Bitte ziehen Sie das Postfach vorher um" is a person's.
German, English, French, Spanish, Italian, Turkish, Polish, Dutch, Portuguese, Swedish, Danish,
Norwegian, Czech, Finnish, Estonian, Hungarian, Greek, Catalan, Slovak, Croatian/Serbian/Bosnian,
Slovenian, Romanian, Lithuanian, Latvian, Ukrainian, Russian, Bulgarian, Icelandic, Hebrew,
Vietnamese, Albanian, Basque, Galician, Kazakh and Swahili; the localized "Automatic reply:"
prefixes and absence sentences of some 40 more languages are in absence_words. Under such a
prefix before the answered mail's subject, the structure alone corroborates in any language: a
short text with a date and an address or number to turn to (_answers_with_dates).

A vendor's vacation marker is the other corroboration: a header only auto-responders write
(X-Vacation, X-Autoreply-*, an X-Mailer naming a vacation program, "X-POST-MessageClass: 9;
Autoresponder", "Delivered-To: Autoresponder") decides alone; a header that
inbox rules write on any mail they send (X-MS-Exchange-Inbox-Rules-Loop, X-Sieve) decides beside a
subject that starts like an automatic reply ("Auto reply:", "Automatische Antwort:" ...).
"""

from __future__ import annotations

import re

from gateway.rules.absence_reasons import absence_spans
from gateway.rules.absence_words import (
    ADDRESS,
    AUTO_REPLY_PREFIXES,
    QUESTION_MARKS,
    SENTENCE_ENDS,
    foreign_request,
    lowered,
)
from gateway.rules.originals import own_part, unquoted, without_links
from gateway.rules.wished_requests import wishes

BODY_CHARS = 2000

# Catalan, Slovak, Croatian/Serbian/Bosnian, Slovenian, Romanian, Lithuanian, Latvian, Ukrainian,
# Russian and Bulgarian (Outlook client rules send these without any header; Outlook 2003's
# Latvian one puts "Out of office" before "automatic reply:").
_EAST_PREFIXES = (
    r"|resposta autom(?:à|a)tica|automatsk[iy] odgovor|samodejni odgovor|r(?:ă|a)spuns automat"
    r"|automatinis atsakymas|(?:(?:ā|a)rpus biroja (?:atra(?:š|s)an(?:ā|a)s )?)?"
    r"autom(?:ā|a)tisk(?:ā|a) atbilde|автоматичн(?:а|ий) відповідь"
    r"|автоматический ответ|автоматичен отговор|аутоматски одговор"
    # Icelandic, Hebrew and Vietnamese Outlook rules
    r"|sj(?:á|a)lfvirkt svar|תשובה אוטומטית|tr(?:ả|a) l(?:ờ|o)i t(?:ự|u) (?:độ|do)ng"
    # Albanian and Basque Outlook rules (Galician's "Resposta automática" is Portuguese's)
    r"|p(?:ë|e)rgjigje automatike|erantzun automatikoa")
_EAST_BODY = (
    r"|s(?:ó|o)c fora de l'oficina|estic de vacances|per a qualsevol urg(?:è|e)ncia"
    r"|(?:é|e)g er (?:í fríi|í sumarfríi|fjarverandi|utan skrifstofu)|אני (?:מחוץ למשרד|בחופשה)"
    r"|לעניינים דחופים|t(?:ô|o)i (?:hi(?:ệ|e)n )?(?:đang|dang) ngh(?:ỉ|i) ph(?:é|e)p"
    r"|n(?:ế|e)u c(?:ầ|a)n g(?:ấ|a)p"
    # Albanian, Basque, Galician, Kazakh, Swahili
    r"|jam jasht(?:ë|e) zyr(?:ë|e)s|jam me pushime|p(?:ë|e)r (?:ç|c)(?:ë|e)shtje urgjente"
    r"|ez nago bulegoan|oporretan nago|presazko gaietarako|estou de vacaci(?:ó|o)ns"
    r"|estou f(?:ó|o)ra da oficina|para calquera urxencia|демалыстамын|демалыста боламын"
    r"|кеңседе жоқпын|niko (?:nje ya ofisi|likizoni)|sipo ofisini"
    r"|som (?:na dovolenke|mimo kancel(?:á|a)rie|pr(?:á|a)ceneschopn)|v naliehav(?:ý|y)ch pr(?:í|i)padoch"
    r"|(?:sam|budem) (?:trenutno )?(?:na (?:godi(?:š|s)njem )?odmoru|odsutn[ai]|van ureda|izvan ureda)"
    r"|za hitne (?:stvari|slu(?:č|c)ajeve|upite)|sem (?:na dopustu|odsoten|odsotna)|v nujnih primerih"
    r"|sunt (?:(?:î|i)n concediu|plecat|absent(?:(?:ă|a))?)|pentru urgen(?:ț|ţ|t)e"
    r"|esu atostog(?:ose|ų)|skubiais (?:klausimais|atvejais)|esmu atva(?:ļ|l)in(?:ā|a)jum(?:ā|a)"
    r"|steidzam(?:ā|a)s? (?:jaut(?:ā|a)jum|gad(?:ī|i)jum)"
    r"|я (?:у|в) відпустці|я (?:перебуваю|знаходжуся) (?:у|в) відпустці|з термінових питань"
    r"|я (?:нахожусь )?в отпуске|нахожусь в отпуске|по срочным вопросам|вне офиса"
    r"|в отпуск съм|по спешни въпроси|на годишњем одмору|за хитна питања")
# The prefixes and whole subjects of Turkish, Polish, Dutch, Portuguese, Swedish, Danish,
# Norwegian and Czech auto-responders (Outlook, Exchange, webmail vacation rules).
_MORE_PREFIXES = (
    r"|otomatik (?:yan[ıi]t|cevap)|automatyczna odpowied[źz]|odpowied[źz] automatyczna"
    r"|automatisch antwoord|resposta autom(?:á|a)tica|automatiskt svar|automatisk svar|autosvar"
    r"|automatick(?:á|a) odpov(?:ě|e)(?:ď|d)|nieobecno(?:ś|s)(?:ć|c)|afwezig(?:heid)?"
    r"|aus(?:ê|e)ncia|fr(?:å|a)nvaro|frav(?:æ|ae)r|nep(?:ř|r)(?:í|i)tomnost"
    r"|automaattinen vastaus|automaatne vastus|automatikus v(?:á|a)lasz"
    r"|αυτ(?:ό|ο)ματη απ(?:ά|α)ντηση" + _EAST_PREFIXES + AUTO_REPLY_PREFIXES)
_MORE_WHOLE = (
    r"|ofis d(?:ı|i)(?:ş|s)(?:ı|i)nda(?:y(?:ı|i)m)?|poza biurem|buiten kantoor|niet aanwezig"
    r"|fora do escrit(?:ó|o)rio|ausente do escrit(?:ó|o)rio|fr(?:å|a)nvarande"
    r"|ikke p(?:å|a) kontoret|inte p(?:å|a) kontoret|mimo kancel(?:á|a)(?:ř|r)"
    r"|poissa toimistolta|h(?:á|a)zon k(?:í|i)v(?:ü|u)l|εκτ(?:ό|ο)ς γραφε(?:ί|ι)ου")
_PREFIXES = (
    r"(?:automatische antwort|automatic (?:reply|response)|auto[- ]?reply|auto[- ]?response|autoreply|auto"
    r"|abwesenheitsnotiz|abwesenheit|out of (?:the )?office|r(?:é|e)ponse automatique"
    r"|respuesta autom(?:á|a)tica|risposta automatica|absence" + _MORE_PREFIXES + r")")
_SUBJECT_RE = re.compile(
    r"(?i)^\s*(?:"
    # prefixes that auto-responders put before the original subject, after it a colon, or the
    # prefix in brackets ("[Automatyczna odpowiedź] ...", "【自動返信】...")
    + _PREFIXES + r"\s*[:：]|[\[【]\s*" + _PREFIXES + r"\s*[\]】]"
    # whole subjects of vacation responders
    r"|(?:out of (?:the )?office|auto[- ]?reply|away from (?:the )?office|on vacation|vacation reply"
    r"|abwesenheit|abwesenheitsnotiz|abwesend|urlaubsabwesenheit|nicht im b(?:ü|ue)ro|au(?:ß|ss)er haus"
    r"|absence du bureau|absent du bureau|fuera de la oficina|fuori ufficio" + _MORE_WHOLE + r")\b"
    # Domino's: "<name> ist außer Haus." / "<name> is out of the office." (and as HCL localises it)
    r"|[^:?]{1,60}\b(?:ist au(?:ß|ss)er haus|is out of (?:the )?office|est absente?"
    r"|(?:è|e) fuori (?:sede|ufficio)|est(?:á|a) fuera de la oficina|is afwezig|est(?:á|a) ausente"
    r"|n'est pas au bureau|jest poza biurem|je mimo kancel(?:á|a)(?:ř|r)e)\.?\s*$)")

# Absence sentences of the same languages, and their "automatic reply" words.
_MORE_BODY = (
    r"|otomatik (?:yan(?:ı|i)t|cevap)|izindeyim|izinli olaca(?:ğ|g)(?:ı|i)m"
    r"|ofis d(?:ı|i)(?:ş|s)(?:ı|i)nday(?:ı|i)m|ofiste olmayaca(?:ğ|g)(?:ı|i)m|acil durumlarda"
    r"|automatyczna odpowied(?:ź|z)|jestem (?:obecnie )?(?:poza biurem|nieobecn[ya]|na urlopie)"
    r"|b(?:ę|e)d(?:ę|e) nieobecn[ya]|przebywam na urlopie|w pilnych sprawach"
    r"|automatisch antwoord|ik ben\b.{0,40}\b(?:afwezig|niet aanwezig|met vakantie|buiten kantoor"
    r"|niet op kantoor)|ben ik (?:afwezig|niet aanwezig|met vakantie)|in dringende gevallen"
    r"|resposta autom(?:á|a)tica|estou (?:fora do escrit(?:ó|o)rio|ausente|de f(?:é|e)rias)"
    r"|estarei (?:ausente|fora)|em casos? urgentes?"
    r"|automatiskt svar|jag (?:är|ar)\b.{0,30}\b(?:på semester|ledig|bortrest|fr(?:å|a)nvarande"
    r"|inte på kontoret)|i br(?:å|a)dskande (?:ä|a)renden"
    r"|automatisk svar|jeg er\b.{0,30}\b(?:på ferie|frav(?:æ|ae)rende|ikke på kontoret|borte)"
    r"|i (?:akutte|hastende) (?:tilf(?:æ|ae)lde|sager)|i hastesaker"
    r"|automatick(?:á|a) odpov(?:ě|e)(?:ď|d)|jsem (?:mimo kancel(?:á|a)(?:ř|r)|na dovolen(?:é|e)"
    r"|nep(?:ř|r)(?:í|i)tomn[ýyáa])|nejsem v kancel(?:á|a)(?:ř|r)i"
    r"|v nal(?:é|e)hav(?:ý|y)ch p(?:ř|r)(?:í|i)padech"
    r"|automaattinen vastaus|olen (?:lomalla|poissa|vuosilomalla)|kiireellisiss(?:ä|a) asioissa"
    r"|automaatne vastus|(?:olen|viibin) (?:puhkusel|kontorist eemal)|kiireloomulis"
    r"|automatikus v(?:á|a)lasz|szabads(?:á|a)gon vagyok|h(?:á|a)zon k(?:í|i)v(?:ü|u)l vagyok"
    r"|nem vagyok (?:az )?irod(?:á|a)ban|s(?:ü|u)rg(?:ő|o)s esetben"
    r"|αυτ(?:ό|ο)ματη απ(?:ά|α)ντηση|(?:ε(?:ί|ι)μαι|βρ(?:ί|ι)σκομαι) (?:εκτ(?:ό|ο)ς γραφε(?:ί|ι)ου"
    r"|σε (?:ά|α)δεια)|για επε(?:ί|ι)γοντα" + _EAST_BODY)
# A sabbatical, Welsh absence words, and an office or company closed for its holidays
# ("Unser Büro ist von 16.02. bis 20.02. geschlossen", "Betriebsurlaub", "chiuso per ferie").
_CLOSED_BODY = (
    r"|\bim sabbatical|\ben cong(?:é|e) sabbatique|\b(?:in|en) (?:un )?a(?:ñ|n)o sab(?:á|a)tico"
    r"|\bin anno sabbatico|\b(?:rydw i|rwy['’]?n|dw i['’]?n?) (?:allan o['’]r swyddfa|ar wyliau)"
    r"|\b(?:unser|unsere|das|die) (?:b(?:ü|ue)ro|gesch(?:ä|ae)ft|betrieb|kanzlei|praxis)\s+(?:ist|bleibt)\b"
    r"[^!?]{0,80}?\bgeschlossen\b|\bbetriebsurlaub|\bbetriebsferien"
    r"|\b(?:our|the) (?:office|shop|store|practice)\s+(?:is|will be|remains)\b[^!?]{0,60}?\bclosed\b"
    r"|\bnotre (?:bureau|magasin|entreprise) (?:est|sera) ferm(?:é|e)|\bfermeture annuelle"
    r"|\bchiuso per ferie|\b(?:il nostro ufficio|i nostri uffici) (?:è|e|sar(?:à|a)|sono|saranno)"
    r" chius|\bcerrado por vacaciones|\bnuestra oficina (?:est(?:á|a)|permanecer(?:á|a)) cerrada"
    r"|\bons kantoor is\b[^!?]{0,60}?\bgesloten\b")
_BODY_RE = re.compile(
    r"(?i)(automatische (?:antwort|nachricht|e-?mail)|automatisch (?:erstellt|generiert|versandt)"
    r"|automatic(?:ally generated)? (?:reply|message|response)|auto-?generated"
    r"|(?:ich )?bin (?:bis|vom|ab|derzeit|zurzeit|momentan|leider)\b.{0,60}"
    r"(?:nicht im b(?:ü|ue)ro|nicht im hause?|abwesend|nicht erreichbar|im urlaub|au(?:ß|ss)er haus)"
    r"|(?:i am|i'm|i will be) (?:currently )?(?:out of (?:the )?office|away|on (?:annual )?leave"
    r"|on vacation|on holiday|travell?ing|on (?:a )?sabbatical)"
    r"|ich werde ab\b.{0,40}\bnicht im b(?:ü|ue)ro sein"
    r"|limited access to (?:my )?e-?mail|in dringenden f(?:ä|ae)llen|in urgent cases"
    r"|je suis absent|estoy fuera|sono assente|réponse automatique|respuesta automática"
    + _MORE_BODY + _CLOSED_BODY + ")")
ABSENCE_RE = _BODY_RE  # the absence sentences, also for absence_replies
# A subject about the absence feature itself, not an absence: the trouble words right after the
# absence word, no colon between ("Out of office not working", "Abwesenheitsnotiz funktioniert
# nicht", "Réponse automatique ne marche pas"); "Abwesenheitsnotiz: Fehler beim Login" is a notice.
_TROUBLE_SUBJECT_RE = re.compile(
    r"(?i)^\W{0,3}(?:out of (?:the )?office|ooo|auto[- ]?reply|autoresponder|abwesenheit\w{0,12}"
    r"|urlaubs?(?:notiz|antwort|meldung)|automatische antwort|r(?:é|e)ponse automatique"
    r"|respuesta autom(?:á|a)tica|risposta automatica)[^:\n]{0,30}?\b(?:not (?:working|sent"
    r"|sending|going out|active)|doesn'?t work|does not work|broken|problems?|issues?"
    r"|funktioniert nicht|geht nicht|klappt nicht|kommt nicht|fehler|einrichten|set ?up"
    r"|ne (?:marche|fonctionne) pas|no funciona|non funziona|werkt niet)\b")
# A question of the writer's (three words at least: "Questions?" or "Need help?" before a phone
# number is an absence notice's): a person who mentions their absence and asks something.
_SENTENCE_END_RE = re.compile(r"([.!?\n" + SENTENCE_ENDS + "])")
_REQUEST_RE = re.compile(
    r"(?i)\bplease\b|\bbitte\b|\bcould you\b|\bcan you\b|\bkindly\b|\bveuillez\b"
    r"|\bmerci de\b|\bpor favor\b|\bper favore\b|\bk(?:ö|oe)nn(?:en|ten) sie\b|\bgraag\b"
    r"|\bpouvez-vous\b|\bpodr(?:í|i)ais?\b|\bpotete\b|\bprosz(?:ę|e)\b|\bl(?:ü|u)tfen\b"
    r"|\bl(?:ū|u)dzu\b|\bju lutem\b|\bmesedez\b|\bпожалуйста\b|\bбудь ласка\b|\bмоля\b"
    r"|\btafadhali\b|\bmohon\b|\bsilakan\b|\bpakiusap\b")
# The writer's own need, a request without a "please" ("I need the out of office reply set up",
# "vorher brauche ich die Zugangsdaten"); a notice speaks of the reader's ("if you need help").
NEED_RE = re.compile(
    r"(?i)\b(?:i|we)(?: would|'d)? need\b|\b(?:ich|wir) (?:brauch|ben(?:ö|oe)tig)(?:e|en)\b"
    r"|\b(?:brauch|ben(?:ö|oe)tig)(?:e ich|en wir)\b|\bj'ai besoin\b|\bnous avons besoin\b"
    r"|\bnecesit(?:o|amos)\b|\b(?:ho|abbiamo) bisogno\b|\bpotrzebuj(?:ę|emy)\b"
    r"|\b(?:ik|wij|we) (?:heb|hebben)\b[^.!?\n]{0,40}\bnodig\b|\bihtiyac(?:ı|i)m(?:(?:ı|i)z)? var\b")
# "Please" beside "please" (and "kindly") in the languages of _CONTACT_RE.
_PLEASE_WORDS = (r"|bitte|veuillez|merci de|por favor|per favore|graag|prosz(?:ę|e)|l(?:ü|u)tfen"
                 r"|l(?:ū|u)dzu|ju lutem|mesedez|пожалуйста|будь ласка|моля|tafadhali|mohon|sila"
                 r"|silakan|pakiusap")
# Where to turn instead, and notes on the mail itself: no request of the writer's own.
_CONTACT_RE = re.compile(
    r"(?i)\b(?:please|kindly" + _PLEASE_WORDS + r"),?\s+(?:(?:do not|don't) hesitate to "
    r"|feel free to )?(?:\S+\s+){0,2}?"
    r"(?:contact|call|phone|ring|reach|e-?mail|write|send"
    r"|re-?send|note|direct|touch|leite|expect|allow|bear|be aware|understand|excuse|accept"
    r"|verst(?:ä|ae)ndnis|geduld"
    r"|entschuldig|votre|vos|notez|compr|patien|disculp|scus|tenga|tenere"
    r"|forward|kontaktier|ruf|wende|schreib|beachte|sende|contacter|appeler|(?:é|e)crire"
    # "richten Sie ... an" points where to turn, "richten Sie ... ein" asks to set something up
    r"|richte(?![^\n]{0,120}?\sein\s*(?:[.!:\n]|$))"
    r"|contactar|llam|escrib|contatt|chiam|scriv|contact|bel|mail|kontakt|zadzwo|ileti(?:ş|s)im"
    r"|sazin|zvan|rakst|hubungi|wasiliana|свяжитесь|обра(?:щайтесь|титесь)|звоните"
    r"|пишите|зверн|звертай|телефонуйте|пишіть|cham)"
    # a request that names an address or a number: where to turn ("lütfen info@... yazınız")
    r"|\b(?:please" + _PLEASE_WORDS + r"),?\s+(?:\S+\s+){0,2}?(?:\S+@\S+|\+?\d[\d ()/.-]{6,}\d)"
    r"|\bbitte (?:ich )?um (?:ihr |ihre |etwas )?(?:verst(?:ä|ae)ndnis|geduld|nachsicht)"
    r"|\b(?:wenden|rufen|richten|schreiben|senden|kontaktieren) sie sich bitte\b"
    r"|\b(?:wenden|rufen|richten|schreiben|senden|kontaktieren) sie bitte\b")
# An auto-responder's words after the answered subject, in parentheses or brackets: "Re: ...
# (Automatic Response)" (AOL's vacation answer), "... [Automatische Antwort]".
_SUFFIX_RE = re.compile(
    r"(?i)[(\[【]\s*(?:automatic (?:reply|response)|auto[- ]?(?:reply|response)|autoreply|automatische"
    r" antwort|r(?:é|e)ponse automatique|respuesta autom(?:á|a)tica|risposta automatica"
    + AUTO_REPLY_PREFIXES + r")\s*[)\]】]\s*$")
QUESTION_WORDS = 3
CJK_QUESTION = 4  # characters of a full-width question: no spaces between its words
# The structure of an absence notice in any language, under an auto-reply prefix: the answered
# mail's subject after the prefix (a reply's prefix or a bracketed ticket tag), a date ("7
# dhjetor", "1era", "15.12.", "12月7日") and where to turn (an address, a phone number).
STRUCTURE_CHARS = 600
_ANSWERED_SUBJECT_RE = re.compile(
    r"(?i)\s*(?:(?:re|aw|antw|sv|vs|odp|rif|ynt|res|r|wg|fw|fwd|tr|rv|i)\s*(?:\[\d+\])?\s*[:：]|\[)")
_DATE_RE = re.compile(
    r"(?<!\d[ ./-])\b\d{1,2}(?:[./-]\d{1,2}\b|\.?[\s-]?[^\s\d.,;:!?()+/@-]{3,})|\b\d{4}-\d{2}-\d{2}\b"
    r"|\d{1,2}\s?[月월]")
_ADDRESS_RE = re.compile(ADDRESS)
_PHONE_RE = re.compile(r"(?<![\w.])\+?\d{2,5}[ /()-]{1,3}\d[\d /()-]{4,16}\d(?![\w.])")


def looks_like_absence_notice(subject: str, text: str) -> bool:
    """An absence subject, and a body sentence that states (not asks about) an absence (or, in
    a language without words here, the structure of one: see _answers_with_dates)."""
    found = _SUBJECT_RE.match(subject or "")
    suffixed = not found and _SUFFIX_RE.search(subject or "")  # then an absence sentence is needed
    if not (found or suffixed) or _TROUBLE_SUBJECT_RE.match(subject):
        return False
    body = (text or "")[:BODY_CHARS]
    stated = any(not _asked(body, hit.end()) for hit in _BODY_RE.finditer(body)) or any(
        not _asked(body, end) for _, end in absence_spans(lowered(body)))
    if not stated and (suffixed or not _ANSWERED_SUBJECT_RE.match(subject[found.end():])):
        return False
    own = unquoted(without_links(own_part(body)))
    if not (stated or _answers_with_dates(own)):
        return False
    return not (_asks_a_question(own) or _asks_for_more(own))


def _answers_with_dates(own: str) -> bool:
    """The structure of an absence notice, whatever its language, once the auto-reply prefix
    stands before the subject of the mail it answers ("Përgjigje automatike: RE: [Ticket#...]"):
    the short own text holds a date and an address or a number to turn to instead."""
    if len(own.strip()) > STRUCTURE_CHARS:
        return False
    return bool(_DATE_RE.search(own) and (_ADDRESS_RE.search(own) or _PHONE_RE.search(own)))


def _asks_for_more(own: str) -> bool:
    """A request of the writer's besides whom to contact or call ("Bitte ziehen Sie das Postfach
    vorher um", "please point the domain to ...", "I need the out of office reply set up"): a
    person announcing an absence. A notice asks
    nothing of the reader but where to turn ("For urgent matters please call ...")."""
    rest = _CONTACT_RE.sub(" ", own)
    return bool(_REQUEST_RE.search(rest) or NEED_RE.search(rest)) or foreign_request(rest) or wishes(rest)


def _asks_a_question(own: str) -> bool:
    """A sentence of three words or more that ends with a question mark (split, not searched:
    linear on a long run-on line)."""
    pieces = _SENTENCE_END_RE.split(own)
    return any(end in QUESTION_MARKS and (len(sentence.split()) >= QUESTION_WORDS
                                          or end == "？" and len(sentence.strip()) >= CJK_QUESTION)
               for sentence, end in zip(pieces[::2], pieces[1::2], strict=False))


def _asked(body: str, at: int) -> bool:
    """The sentence around `at` ends with a question mark ("Wie richte ich eine automatische
    Antwort ein?"): a person asking."""
    ends = [body.find(mark, at) for mark in ".!?\n" + SENTENCE_ENDS]
    end = min((e for e in ends if e != -1), default=-1)
    return end != -1 and body[end] in QUESTION_MARKS


# Header names only auto-responders write (X-Auto-Response-Suppress is a request, not a marker).
_VACATION_HEADER_RE = re.compile(
    r"^x-(?!auto-response-suppress$)[\w-]*(?:auto-?repl|auto-?respon|vacation|abwesenheit"
    r"|out-?of-?office)")
_VACATION_MAILER_RE = re.compile(
    r"(?i)vacation|auto-?repl|auto-?respon|abwesenheit|out of (?:the )?office|urlaubs")
_RULE_HEADERS = ("x-ms-exchange-inbox-rules-loop", "x-sieve", "x-sieve-redirected-from")
# Headers whose value, not name, says an auto-responder sent the mail: a message class
# ("X-POST-MessageClass: 9; Autoresponder") and the autoresponder program as Delivered-To
# ("Delivered-To: Autoresponder"; an address there, autoresponder@example.com, is none).
_RESPONDER_VALUE_HEADERS = ("x-post-messageclass", "delivered-to")
_RESPONDER_VALUE_RE = re.compile(r"(?i)(?:^|[;\s])auto-?respond(?:er)?\s*$")


def vacation_marker(headers: list[tuple[str, str]], subject: str) -> bool:
    """A vendor's vacation header, or an inbox rule's header beside an auto-reply subject."""
    names = {name for name, _ in headers}
    if any(_VACATION_HEADER_RE.match(name) for name in names):
        return True
    if any(name == "x-mailer" and _VACATION_MAILER_RE.search(value) for name, value in headers):
        return True
    if any(name in _RESPONDER_VALUE_HEADERS and _RESPONDER_VALUE_RE.search(value)
           for name, value in headers):
        return True
    return bool(names.intersection(_RULE_HEADERS)) and bool(_SUBJECT_RE.match(subject or ""))
