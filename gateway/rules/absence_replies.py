"""Pure: an absence notice that a mail client's rule sends as a plain answer (Apple Mail, Outlook
client rules, webmail filters): "Re: <the original subject>", no marker header, no absence word in
the subject. Reason `out-of-office`.

Only the whole text decides, never the subject: an answer (Re:, AW:, SV: ...) whose short text
(at most 800 characters, quotes set aside) is *nothing but* absence sentences, holding both what
the writer is ("I'm currently on a photo shoot ... with no internet access", "Ich bin bis ...
im Urlaub") and when or through whom they can be reached ("will be back on January 28", "I will
reply to your email when I return", "For bookings please contact studio@...", "nach meiner
Rückkehr", "Odpowiem po powrocie", "Na mijn terugkeer", "när jag är tillbaka", "Döndüğümde"),
besides a greeting or a name of at most three words and the sentence that says the answer is
automatic ("This is an automated response to a message you have sent to ...": the Unix vacation
program's, whose subject is "Re: " and the original's); no question mark, no thanks, no request
other than whom to contact. A person's answer that says they are away *and* asks or
asks for something ("Please postpone the restart until then", "Die Wartung am 20. passt") is a
person's; so is one that quotes what it answers ("On ... wrote:").

Lines that the client wrapped are joined first (a line break after 60 characters or more), so
that a sentence wrapped across lines is one sentence; a person's short lines stay apart.

A retired mailbox's answer is one too: *this* address is no longer read or active ("diese
E-Mail-Adresse wird nicht mehr gelesen", "questa casella non è più attiva") and where to write
instead ("Bitte senden Sie Ihre Anfrage künftig an x@..."); a customer who writes that *their
old* address is no longer used and asks us to update it is a person.
"""

from __future__ import annotations

import re

from gateway.rules import absence_families as fam
from gateway.rules.absence_clauses import split_before
from gateway.rules.absence_reasons import COURTESY_RE, RETURN_RE, absence_spans, team_signature
from gateway.rules.absence_words import (
    ADDRESS,
    BACK_MORE_RE,
    QUESTION_MARKS,
    REPLY_RE,
    SENTENCE_ENDS,
    THANKS_MORE_RE,
    WHERE_TO_TURN_RE,
    foreign_request,
    leading_spans,
    lowered,
    word_spans,
)
from gateway.rules.notices import undeclared
from gateway.rules.originals import own_part, unquoted, without_links
from gateway.rules.out_of_office import ABSENCE_RE, NEED_RE
from gateway.rules.parse import ParsedMail
from gateway.rules.said_twice import said_twice
from gateway.rules.subject_refs import repeats_reference, repeats_word
from gateway.rules.wished_requests import wishes

OWN_CHARS = 800
SHORT_WORDS = 3  # "-- Dan", "Hi,", "Best, Dan"
SHORT_UNSPACED = 6
_UNSPACED_RE = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Being out of reach, beside the absence sentences of out_of_office.
_NO_ACCESS_RE = re.compile(
    r"(?i)\b(?:no|limited|without|kein(?:en)?|eingeschr(?:ä|ae)nkt(?:en)?) (?:internet|e-?mail|mail)"
    r"[- ]?(?:access|zugang|zugriff)|\bkeinen zugriff auf (?:meine )?e-?mails"
    r"|\bsans acc(?:è|e)s (?:à|a) |\bsin acceso a |\bsenza accesso a "
    r"|\b(?:e-?mail|nachricht) (?:wird|wurde) nicht\s+weitergeleitet|\b(?:will not be|(?:was|has) not"
    r" been)\s+forwarded|\bn'a pas (?:é|e)t(?:é|e) (?:transf(?:é|e)r|fait suivre)|\bno (?:ha sido|se ha)"
    r" reenviad|\bnon (?:è|e) stat[oa] inoltrat|\bis niet doorgestuurd"
    r"|\bmessaggi\s+(?:ricevuti\s+)?non\s+(?:verranno|saranno)\s+(?:letti|inoltrati)"
    r"|\bnachrichten\s+werden\s+nicht\s+(?:gelesen|weitergeleitet)")
# This very address retired: "diese E-Mail-Adresse wird nicht mehr gelesen", "this mailbox is no
# longer monitored", "questa casella di posta non è più attiva" (a demonstrative: a customer
# writes of "our old address", and asks to update it).
_RETIRED_RE = re.compile(
    r"(?i)\b(?:diese[sr]? (?:e-?mail-?)?(?:adresse|postfach|konto))\s+(?:wird|ist)\s+nicht\s+mehr"
    r"\s+(?:gelesen|genutzt|verwendet|aktiv|abgerufen|in betrieb|besetzt)"
    r"|\bthis (?:e-?mail )?(?:address|mailbox|inbox|account) is no longer\s+(?:in use|active|used"
    r"|read|monitored|checked|being (?:read|monitored|checked))"
    r"|\b(?:cette (?:adresse|bo(?:î|i)te)[^.!?\n]{0,20}?) n'est plus\s+(?:active|utilis(?:é|e)e"
    r"|consult(?:é|e)e|lue)"
    r"|\b(?:questa casella|questo indirizzo)[^.!?\n]{0,20}? non (?:è|e)\s+pi(?:ù|u)\s+(?:attiv[ao]"
    r"|in uso|utilizzat[ao]|lett[ao]|consultat[ao])"
    r"|\b(?:esta (?:direcci(?:ó|o)n|cuenta)|este buz(?:ó|o)n)[^.!?\n]{0,20}? ya no\s+(?:est(?:á|a)"
    r" (?:activ[ao]|en uso)|se (?:utiliza|usa|lee|revisa))"
    r"|\b(?:dit (?:e-?mail)?adres|deze mailbox)\s+(?:is|wordt)\s+niet\s+meer\s+(?:actief|in gebruik"
    r"|gelezen|gebruikt)")
# Where to write instead, under a retired address: "Bitte senden Sie Ihre Anfrage zukünftig an
# x@...", "scriva a x@...", "per l'assistenza tecnica a y@...", "please write to x@...".
_WRITE_TO_RE = re.compile(r"(?i)\b(?:an|to|a|à|naar|al):?\s+" + ADDRESS)  # "erneut an: x@"
# What is sent there is the reader's message, no document of ours: "Please send all future
# invoices to billing@..." asks us to change an address (a person's), under a retired one too.
_NO_DOCUMENT = (r"(?:(?!invoice|rechnung|factur|fattur|faktur|contract|vertr(?:a|ä)g|contrat|document"
                r"|unterlage|zahlung|payment|paiement|pagament|pago|betaling|mahnung|reminder|order"
                r"|bestell|commande|ordine|pedido|angebot|quote|offre|offert|oferta)[^.!?\n])")
_WRITE_TO_ASK_RE = re.compile(
    r"(?i)\b(?:bitte|please|veuillez|por favor|per favore|graag)\b(?=\s+(?:\w+\s+)?(?:senden|schicken"
    r"|schreiben|richten|send|write|direct|address|forward|envoyer|(?:é|e)crire|adresser|enviar?"
    r"|escrib|scriv|invia|stuur|schrijf|mail)" + _NO_DOCUMENT + r"{0,50}?\s(?:an|to|a|à|naar|al):?\s+"
    r"[\w.+-]{1,64}@)")
# Leave, or an office closed: "in Elternzeit", "on parental leave", "die Kanzlei ist ... geschlossen".
_LEAVE_RE = re.compile(
    r"(?i)\bin (?:elternzeit|mutterschutz|karenz)\b|\bon (?:parental|maternity|paternity) leave\b"
    r"|\ben cong(?:é|e) (?:parental|maternit(?:é|e)|paternit(?:é|e))"
    r"|\bim (?:mutterschafts|vaterschafts|eltern|schwangerschafts)urlaub\b"
    r"|\b(?:kanzlei|praxis|b(?:ü|ue)ro|gesch(?:ä|ae)ft|betrieb|office|practice)\b[^!?\n]{0,60}?"
    r"\b(?:geschlossen|closed)\b")
# A greeting line of its own ("Sehr geehrte Damen und Herren,", "Guten Tag,", "Dear Sir or Madam,").
_GREETING_RE = re.compile(
    r"(?i)^\s*(?:sehr geehrte[^\n]{0,40}|guten tag|hallo|liebe[^\n]{0,30}|dear [^\n]{0,30}|hello"
    r"|hi|bonjour|madame,? monsieur|お世話になっております|いつもお世話になっております)[,!、]?\s*$")
# A sign-off line of its own: the lines under it (at most SIGNATURE_LINES) are a signature.
_SIGN_OFF_LINE_RE = re.compile(
    r"(?im)^[ \t]*(?:(?:viele|beste|freundliche|herzliche|liebe) gr(?:ü|ue)(?:ß|ss)e"
    r"|mit (?:freundlichen|besten) gr(?:ü|ue)(?:ß|ss)en|(?:best|kind|warm)? ?regards|cordialement"
    r"|saludos|distinti saluti|cordiali saluti|met vriendelijke groet(?:en)?)[,!.]?[ \t]*$")
SIGNATURE_LINES = 4
_NAME_LINE_RE = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'-]{1,20}(?: [A-ZÀ-Ý][a-zà-ÿ'-]{1,20}){1,2}[ \t]*(?:\n|$)")
# A dot after a number or a short abbreviation ("22.01. bis", "Tel. 0211") ends no sentence.
# Only before a word in lower case, a digit or "(": "... ab dem 1.7. Die Rechnung ..." are two.
# Nor does a title's before a name ("wenden Sie sich an Dr. Keller, Telefon ...").
_INNER_DOT_RE = re.compile(r"(?:(?<=\d)|(?<=\b[A-Za-z]{2})|(?<=\b[A-Za-z]{3}))\.(?= [a-zäöüß\d(])"
                           r"|(?:(?<=\bDr)|(?<=\bMr)|(?<=\bMs)|(?<=\bMrs)|(?<=\bProf)|(?<=\bHr)"
                           r"|(?<=\bFr)|(?<=\bDott))\.(?= [A-ZÄÖÜ])"
                           # a day before its month: "bis 27. März", "am 1. Dezember"
                           r"|(?<=\d)\.(?= (?:Jan|Feb|M(?:ä|ae)r|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez))")
# When, or through whom, the writer can be reached.
_BACK_RE = re.compile(
    r"(?i)(?:will|'ll) be back\b|\bback (?:in|at) (?:the|my) (?:office|desk)|\bupon my return"
    r"|\bafter my return|\bwhen i (?:return|get back|am back|'m back)"
    r"|\b(?:reply|respond|answer|get back to you)\b[^.!?\n]{0,40}\b(?:when|once|after|as soon as"
    r"|upon)\b"  # "contact x@" where it opens its sentence: absence_words.WHERE_TO_TURN
    r"|\bfor (?:urgent|immediate) (?:matters|issues|requests"
    r"|inquiries|questions)|\bwieder (?:im b(?:ü|ue)ro|erreichbar|da)\b|\bnach meiner r(?:ü|ue)ckkehr"
    r"|\bwenden sie sich\b|\bin dringenden f(?:ä|ae)llen|\bje serai de retour|(?:à|a) mon retour"
    r"|\bde retour le\b|\ba mi regreso|\bestar(?:é|e) de vuelta|\bal mio rientro"
    r"|\bsar(?:ò|o) di ritorno|\bnach unserer r(?:ü|ue)ckkehr|\b(?:senden|schicken) sie bitte (?:per|an)\b"
    # Polish, Dutch, Portuguese, Swedish, Danish/Norwegian, Czech/Slovak, Turkish, Croatian
    r"|\bpo (?:moim )?powrocie|\bna mijn terugkeer|\bben ik (?:weer|terug)\b|\bweer op kantoor"
    r"|\bno meu regresso|\bquando (?:regressar|voltar)|\bestarei de volta|\bn(?:ä|a)r jag (?:(?:ä|a)r"
    r" tillbaka|kommer tillbaka)|\btillbaka (?:den|p(?:å|a))\b|\bn(?:å|a)r jeg (?:er|kommer) tilbake"
    # "I am away until Monday 16 February", "If your message is urgent, ..." (and in Welsh)
    r"|\buntil (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\buntil \d{1,2}(?:st|nd|rd|th)?"
    r" (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\btan (?:dd|d)ydd\b"
    r"|\bif (?:your|the) (?:message|matter|request|enquiry|query|issue) is urgent"
    r"|\bos yw eich neges yn (?:un )?brys|\bcysylltwch (?:â|a)\b"
    r"|\btilbake (?:den|på)\b|\bpo n(?:á|a)vrat(?:u|e)\b|\bd(?:ö|o)nd(?:ü|u)(?:ğ|g)(?:ü|u)mde"
    r"|\bd(?:ö|o)n(?:ü|u)(?:ş|s)(?:ü|u)mde|\bpo povratku\b"
    # Russian and Kazakh: "on my return", "after I return"
    r"|\bпо (?:моему )?возвращении|\bпосле (?:моего )?возвращения|\bоралғаннан кейін")
# Whom to contact instead is no request of the writer's own.
_CONTACT_RE = re.compile(
    r"(?i)\b(?:please|bitte) (?:contact|kontaktieren|wenden)|\bwenden sie sich bitte"
    r"|\b(?:senden|schicken) sie bitte (?:per|an)\b"
    r"|\bveuillez contacter|\bpor favor,? contact|\bper favore,? contatt"
    r"|\bprosz(?:ę|e) (?:o )?kontakt|\bgelieve contact|\bneem (?:dan )?contact op"
    r"|\bpor favor,? contacte|\bkontaktujte pros(?:í|i)m|\bpros(?:í|i)m kontaktujte"
    r"|\bпожалуйста,? (?:обращайтесь|свяжитесь|пишите|звоните)"
    r"|\b(?:обращайтесь|свяжитесь|пишите|звоните),? пожалуйста"
    r"|\bplease,? (?:e-?mail|write to|reach out to|get in touch with)\s+[\w.+-]{1,64}@"
    r"|\bmerci de (?:contacter|vous adresser (?:à|a)|(?:é|e)crire (?:à|a))|\bsi prega di contattare"
    r"|\bpor favor,? (?:escriba|escribe|llame) a\b")
_REQUEST_RE = re.compile(
    r"(?i)\bplease\b|\bbitte\b|\bcould you\b|\bcan you\b|\bkindly\b|\bveuillez\b|\bmerci de\b"
    r"|\bpor favor\b|\bper favore\b|\bk(?:ö|oe)nn(?:en|ten) sie\b"
    r"|\bgraag\b|\bgelieve\b|\bprosz(?:ę|e)\b|\bprosimy\b|\bpros(?:í|i)m\b|\bl(?:ü|u)tfen\b"
    r"|\bvänligen\b|\bvenligst\b|\bvennligst\b|\bmolim\b|\bkérem\b|\bпожалуйста\b|\bпрошу\b"
   )
_THANKS_RE = re.compile(r"(?i)\bthank|\bdanke|\bmerci\b|\bgracias\b|\bgrazie\b|\bbedankt\b"
                        r"|\bdzi(?:ę|e)kuj|\bobrigad[oa]\b|\btack\b|\bd(?:ě|e)kuj|\bte(?:ş|s)ekk(?:ü|u)r")
_SENTENCE_RE = re.compile(r"(?:[^.!?\n" + SENTENCE_ENDS + r"]|[.!?](?=\w))+")
# A clause after "but" is a sentence of its own: "Je suis absent jusqu'au 20, mais vous pouvez
# lancer la migration" says more than the absence (a notice's "but I will be back on ..." is one).
# So is a clause with a subject of its own after a comma or an "and" ("..., die Wartung kann gern
# in der Zeit stattfinden", "... and the server can be restarted any time", "..., la migration
# peut se faire le 16"): it must be an absence sentence itself.
_CONTRAST_RE = re.compile(r"(?i),[ \t]*(?=(?:but|mais|aber|jedoch|doch|ma|pero|mas|maar|men|ale)\b)"
                          r"|(?:,[ \t]*|[ \t](?:and|und|et|e|y|en)[ \t]+)(?=(?:der|die|das|the|la|le|les|il"
                          r"|lo|el|los|las|het|de)[ \t](?!\d)|(?:pueden|puede|pod(?:é|e)is|potete|pu(?:ò|o)"
                          r"|possono)\b(?![ \t]+(?:contact|contatt|escrib|scriv|llam|chiam|dirig|rivolg"
                          r"|poner|metter|enviar|invia|mandar)))")  # a verb to the reader: "pueden migrar"
# An absence notice's opening thanks for the mail it answers ("Vielen Dank für Ihre Nachricht.",
# "Thank you for your email."): the notice's, not a person's thanks for something done.
_THANKS_FOR_MAIL_RE = re.compile(
    r"(?i)\b(?:(?:vielen|herzlichen|besten) )?dank f(?:ü|ue)r ihre (?:e-?mail|nachricht|mail)\b"
    r"|\bthank you for your (?:e-?mail|message)\b|\bthanks for your (?:e-?mail|message)\b"
    r"|\bmerci (?:pour|de) votre (?:message|e-?mail|courriel)\b"
    r"|\bgracias por su (?:mensaje|correo)\b|\bgrazie per (?:la sua|il suo) (?:messaggio|e-?mail)\b"
    r"|\bdiolch am eich (?:e-?bost|neges)\b|\basante kwa (?:barua pepe|ujumbe) (?:yako|wako)\b"
    r"|\bbedankt voor uw (?:bericht|e-?mail|mail)\b|\bdzi(?:ę|e)kuj(?:ę|e) za (?:wiadomo(?:ść|sc)|e-?mail)\b")


def absence_answer(mail: ParsedMail) -> bool:
    """rule_absence_reply for a mail that answers another by its subject or by its headers
    (In-Reply-To, References): a rule may answer under a subject of its own ("Betriebsferien")."""
    return rule_absence_reply(mail.subject, mail.text, bool(mail.in_reply_to or mail.references))


def rule_absence_reply(subject: str, text: str, answers: bool = False) -> bool:
    """An answer (a reply's subject, or `answers` another mail by its headers) whose own short
    text is nothing but an absence notice."""
    if not (answers or REPLY_RE.match(subject or "")):
        return False
    own = unquoted(without_links(own_part(text or ""))).strip()
    if not own or len(own) > OWN_CHARS or any(mark in own for mark in QUESTION_MARKS):
        return False
    if repeats_reference(subject, own):  # the invoice or contract answered: the matter's
        return False
    thanked = _THANKS_FOR_MAIL_RE.sub(" ", fam.without_closing_thanks(own))  # "Thanks,\nDerek" signs
    if _THANKS_RE.search(thanked) and _THANKS_RE.search(fam.without_contact(_CONTACT_RE.sub(" ", thanked))):
        return False  # thanks of the writer's own ("merci de contacter ..." is where to turn)
    retired = _RETIRED_RE.search(own) is not None
    rest = fam.without_contact(_CONTACT_RE.sub(" ", _WRITE_TO_ASK_RE.sub(" ", own) if retired else own))
    if _REQUEST_RE.search(rest) or NEED_RE.search(rest) or foreign_request(rest) or wishes(rest):
        return False
    own = _without_signature(fam.without_closing_thanks(undeclared(own)))  # "Grazie,\nLuca" signs
    own = _INNER_DOT_RE.sub(" ", _unwrapped(own))
    absent = [m.span() for rx in (ABSENCE_RE, _NO_ACCESS_RE, _LEAVE_RE, _RETIRED_RE)
              for m in rx.finditer(own)]
    absent += [m.span() for m in _THANKS_FOR_MAIL_RE.finditer(own)]  # its sentence is the notice's
    low = lowered(own)  # the words of absence_words, in lower case
    absent += absence_spans(low) + word_spans(THANKS_MORE_RE, low)  # and absence_reasons'
    absent += fam.reason_spans(low)  # and absence_families'
    back = [m.span() for rx in ((_BACK_RE, _WRITE_TO_RE) if retired else (_BACK_RE,))
            for m in rx.finditer(own)] + word_spans(BACK_MORE_RE, low) + leading_spans(WHERE_TO_TURN_RE, low)
    back += word_spans(RETURN_RE, low) + fam.return_spans(low) + fam.contact_spans(low)
    if not (absent and back) or fam.own_matter(low):  # "odezwę się w sprawie oferty": the matter's
        return False
    spans = absent + back + word_spans(COURTESY_RE, low)  # season's greetings, "visit us"
    if repeats_word(subject, own, spans):  # "... to go through the quote": the matter's
        return False
    clauses = split_before(_CONTRAST_RE.sub(lambda m: "." + " " * (len(m.group()) - 1), own), back)
    covered, uncovered = [], []  # (line, sentence)
    for found in _SENTENCE_RE.finditer(clauses):
        if not (_short(found.group()) or _GREETING_RE.match(found.group())):
            hit = any(a < found.end() and found.start() < b for a, b in spans)
            (covered if hit else uncovered).append((clauses.count("\n", 0, found.start()), found.group()))
    return not uncovered or said_twice(covered, uncovered)  # or in a language without words here


# A line break inside a paragraph that a client wrapped: after a line of WRAPPED characters or
# more that ends in no punctuation, before a line that goes on (a person's short lines without a
# full stop stay apart, and so do the lines of a notice written in two languages).
WRAPPED = 60
_WRAP_RE = re.compile(rf"(?m)^([^\n]{{{WRAPPED - 1},}}[^\n.!?:;。！？ \t])[ \t]*\n(?=[ \t]*\S)")


def _unwrapped(own: str) -> str:
    """The text with its wrapped lines joined: "vom 4. bis und mit\n18. Dezember ... geschlossen"
    is one sentence, as its writer typed it."""
    return _WRAP_RE.sub(r"\1 ", own)


def _short(sentence: str) -> bool:
    """A greeting or a name: at most SHORT_WORDS words; in a script that writes no spaces between
    words (Chinese, Japanese, Thai), at most SHORT_UNSPACED characters ("您好", "田中")."""
    words = sentence.split()
    if len(words) > SHORT_WORDS:
        return False
    return not _UNSPACED_RE.search(sentence) or len("".join(words)) <= SHORT_UNSPACED


def _without_signature(own: str) -> str:
    """The text down to a sign-off line, when at most SIGNATURE_LINES lines follow it (name,
    company): "Viele Grüße / Sandra Weber / Weber Immobilien GmbH & Co. KG"."""
    found = list(_SIGN_OFF_LINE_RE.finditer(own))
    if found and len(own[found[-1].end():].strip().splitlines()) <= SIGNATURE_LINES:
        return own[:found[-1].start()]
    # No sign-off: a block of a name's line (two or three capitalised words) and at most
    # SIGNATURE_LINES - 1 lines under it at the end ("Rhodri Evans / Systems Manager / Council").
    # Or a team's closing line at the end ("Frohe Festtage!\nIhr Team der Kanzlei Roth").
    last = own.rstrip().rsplit("\n", 1)
    if len(last) == 2 and team_signature(last[1]):
        return last[0]
    blocks = own.rstrip().rsplit("\n\n", 1)
    if len(blocks) == 2 and (_NAME_LINE_RE.match(blocks[1].strip())
                             or team_signature(blocks[1].strip().split("\n", 1)[0])) \
            and len(blocks[1].strip().splitlines()) <= SIGNATURE_LINES:
        return blocks[0]
    return own
