"""Pure data: the words of absence notices in the languages Outlook, Exchange and the common
webmail and client vacation rules ship, beyond the ones out_of_office.py and absence_replies.py
name themselves. Regex fragments (each starts with "|"); the sentence ones are compiled here
case-sensitive and without a leading \b, for text in lower case (see word_spans): a pattern that
starts with literals scans some seven times faster than one with (?i) and \b.

- AUTO_REPLY_PREFIXES: the localized "Automatic reply:" subject prefix (Outlook/Exchange rules and
  OOF, Yandex/Mail.ru "Автоответ:", Zoho's Hindi "स्वतः उत्तर:"; CJK with a full-width colon too).
- ABSENCE_WORDS: "I am out of the office / on holiday / on leave" in those languages.
- BACK_WORDS: "after my return", "for urgent matters", "please contact" in those languages.
- THANKS_FOR_MAIL: a notice's opening "thank you for your e-mail" in those languages.
- LEAVE_WORDS: maternity, parental and sick leave in the languages of Europe.

Each is used only beside the structural guards of the rule that takes it: a subject that starts
like an automatic reply, or a reply whose short own text is nothing but absence sentences; no
question, no request of the writer's own.
"""

from __future__ import annotations

import re

# Albanian, Basque, Macedonian, Kazakh, Kyrgyz, Belarusian, Mongolian, Georgian, Armenian,
# Azerbaijani, Uzbek, Arabic, Persian, Urdu, Hindi, Marathi, Bengali, Tamil, Thai, Malay,
# Indonesian, Filipino, Chinese (simpl./trad.), Japanese, Korean, Swahili, Afrikaans, Irish,
# Maltese, Welsh, Luxembourgish; Russian "Автоответ" (Yandex, Mail.ru).
AUTO_REPLY_PREFIXES = (
    r"|автоматски одговор|автоматты жауап"
    r"|автоматтык жооп|аўтаматычны адказ|автомат хариу|автоответ|ავტომატური პასუხი"
    r"|ավտոմատ պատասխան|avtomatik cavab|avtomatik javob|(?:ال)?رد (?:ال)?تلقائي|پاسخ خودکار"
    r"|خودکار جواب|स्वचालित (?:उत्तर|जवाब)|स्वतः उत्तर|स्वयंचलित प्रत्युत्तर"
    r"|স্ব(?:য়|য়)ংক্রিয় (?:উত্তর|জবাব)|தானியங்கு பதில்|ตอบกลับอัตโนมัติ|balasan auto(?:matik|matis)"
    r"|balasan otomatis|awtomatikong (?:tugon|sagot)|自动(?:答复|回复)|自動(?:回覆|答覆|回復|応答|返信)"
    r"|자동 ?(?:회신|응답)|jibu (?:la )?(?:ki)?otomatiki|outomatiese antwoord"
    r"|freagra uathoibr(?:í|i)och|twe(?:ġ|g)iba awtomatika|ateb awtomatig|automatesch (?:ä|a)ntwert")

# Absence sentences, first person: out of the office, on holiday, on leave, away on business.
ABSENCE_WORDS = (
    # Albanian, Basque, Galician, Spanish, Italian, French
    r"|jam (?:n(?:ë|e) pushime|n(?:ë|e) leje)|bulegotik kanpo nago|estou ausente"
    r"|non estarei na oficina"
    r"|(?:estoy|me encuentro) (?:de vacaciones|ausente|de viaje)|sono (?:in ferie|in vacanza"
    r"|fuori ufficio|fuori sede)|je suis (?:en cong(?:é|e)|en vacances|en d(?:é|e)placement)"
    # Russian, Ukrainian, Bulgarian, Macedonian, Serbian, Kazakh, Belarusian
    r"|я (?:нахожусь )?в (?:командировке|отъезде)|отсутствую в офисе|буду отсутствовать"
    r"|я (?:у|в) (?:відрядженні|від'їзді)|отсъствам от офиса|на одмор сум|сум на одмор"
    r"|надвор од канцеларија|я ў адпачынку"
    # Georgian, Armenian, Azerbaijani, Uzbek
    r"|შვებულებაში ვარ|ოფისში არ ვარ|արձակուրդում եմ|գրասենյակում չեմ"
    r"|m(?:ə|e)zuniyy(?:ə|e)td(?:ə|e)y(?:ə|e)m|ofisd(?:ə|e) deyil(?:ə|e)m|ta'tildaman"
    # Arabic, Persian, Urdu, Hindi, Bengali, Thai
    r"|أنا (?:خارج المكتب|في إجازة)|خارج المكتب حاليا|در مرخصی هستم|خارج از دفتر هستم"
    r"|در دفتر نیستم|دفتر سے باہر ہوں|چھٹی پر ہوں|(?:छुट्टी|अवकाश) पर हू(?:ँ|ं)"
    r"|कार्यालय से बाहर हू(?:ँ|ं)|ছুটিতে আছি|অফিসের বাইরে আছি|ลาพักร้อน|ไม่อยู่ที่สำนักงาน"
    # Malay, Indonesian, Filipino, Swahili, Afrikaans, Irish, Maltese, Luxembourgish
    r"|saya (?:sedang )?(?:bercuti|cuti|berada di luar (?:pejabat|kantor)|tidak berada di"
    r" (?:pejabat|kantor)|di luar (?:pejabat|kantor))|nasa bakasyon ako|wala ako sa opisina"
    r"|i'm off until|i am off until|naka-?leave ako|ni(?:ko|po) likizo\b|nipo nje ya ofisi"
    r"|ek is (?:met verlof"
    r"|uit die kantoor|op vakansie|nie op kantoor nie)|t(?:á|a)im (?:as an oifig|ar saoire)"
    r"|(?:jiena|ninsab) (?:barra mill-uffi(?:ċ|c)(?:ċ|c)ju|fuq btala|fil-leave)"
    r"|ech sinn (?:am cong(?:é|e)|an der vakanz|net am b(?:ü|u)ro)"
    # Chinese, Japanese, Korean
    r"|我(?:目前|现在|現在|正在)?(?:在)?(?:休假|不在办公室|不在辦公室|出差)|休暇中|不在にしております"
    r"|出張中|휴가 ?중|부재 ?중|사무실에 없습니다")

# When or through whom the writer is reached: after my return, for urgent matters, contact.
BACK_WORDS = (
    r"|по неотложным вопросам"
    r"|в срочных случаях|після (?:мого )?повернення|по поверненні|след завръщането си"
    r"|по мојата враќање|қайтып келгеннен кейін|шұғыл мәселелер"
    r"|pas kthimit|kur t(?:ë|e) kthehem|p(?:ë|e)r (?:çështje|ceshtje) urgjente"
    r"|itzultzean|presazko (?:gaietarako|kasuetan)|(?:á|a) miña volta|cando volva"
    r"|para calquera urxencia|a mi vuelta|cuando regrese|para (?:asuntos|temas) urgentes"
    r"|per (?:questioni|casi|comunicazioni) urgenti|pour toute urgence|en cas d'urgence"
    r"|nitakaporudi|nikirudi|kwa (?:mambo ya )?dharura|wasiliana na"
    r"|setelah (?:saya )?kembali|apabila (?:saya )?kembali|sekembalinya|untuk (?:hal|urusan"
    r"|perkara) (?:yang )?(?:mendesak|segera|penting)|hubungi"
    r"|pagbalik ko|wanneer ek terug is|by my terugkeer|vir dringende sake"
    r"|i gc(?:á|a)s pr(?:á|a)inne|meta nirritorna|g(?:ħ|h)al kwistjonijiet ur(?:ġ|g)enti"
    r"|t(?:ə|e)cili (?:hallarda|m(?:ə|e)s(?:ə|e)l(?:ə|e)l(?:ə|e)r)|qayıtdıqdan sonra"
    r"|სასწრაფო საკითხებ|დაბრუნების შემდეგ|շտապ հարցերով|վերադառնալուց հետո"
    r"|عند عودتي|بعد عودتي|للأمور العاجلة|في الحالات العاجلة|پس از بازگشت|بعد از بازگشت"
    r"|(?:برای|در) موارد فوری|واپسی پر|लौटने पर|वापस आने पर|आपात स्थिति में|ফিরে এসে"
    r"|เมื่อกลับมา|กรณีเร่งด่วน|回来后|回來後|返回后|返回後|如有急事|紧急事务|緊急事務|急ぎの場合"
    r"|戻り次第|復帰後|緊急の場合|복귀 ?후|돌아온 ?후|급한 용무|긴급한 (?:사항|용무)")

# Where to turn, in any language that names it: an urgent case's word and, in the same sentence,
# an address or a number ("Per urgenze scrivere a x@...", "For anything urgent, reach out to
# x@...", "Voor dringende zaken ... naar x@..."); a verb of writing or calling before an address
# or number; a return on a date ("returning 12 January", "back on 12 January"). Only where it
# opens its sentence (see leading_spans): "Pueden hacer el mantenimiento el martes, contacten a
# marc@..." says more than where to turn.
WHERE_TO_TURN = (
    r"|(?:urgen|dringend|pilny|pilnych|pilne|nal(?:é|e)hav|s(?:ü|u)rg(?:ő|o)s|kiireelli|br(?:å|a)dskande"
    r"|hastesak|akut|acil|spoed|emergenc|notfall|срочн|терміно|επε(?:ί|ι)γ|hitn|nujn|steidzam|skub)"
    r"[^.!?\n]{0,80}?(?:@|(?:\+|(?<!\d)0)\d[\d /()-]{5,}\d)"
    r"|(?:reach out to|write to|contact|contacter|écrire à|ecrire a|scrivere a|escriba a|kontakt"
    r"|napisz|schreiben sie an|mailen naar)(?! (?:me|mich|moi|mij|mi)\b)[^.!?\n]{0,40}?"
    r"(?:@|(?:\+|(?<!\d)0)\d[\d /()-]{5,}\d)"
    r"|please,? (?:e-?mail|write to) [\w.+-]{1,64}@|(?:contact(?:er|ar|e)?|contatt(?:are|i))\b[^.!?\n]{0,60}@"
    r"|returning (?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)?(?:day)?,? ?\d{1,2}|back on \d{1,2}")

# A notice's opening thanks for the mail it answers.
THANKS_FOR_MAIL = (
    r"|terima kasih (?:atas|untuk|kerana)"
    r" (?:e-?mel|email|mesej|pesan|pesanan) (?:anda|awak)|спасибо за (?:ваше )?"
    r"(?:письмо|сообщение)|дякую за (?:ваш )?(?:лист|повідомлення)|faleminderit p(?:ë|e)r"
    r" (?:email|mesazh)in|eskerrik asko zure mezuagatik|grazas pola (?:túa|súa|sua|tua)"
    r" mensaxe|salamat sa (?:iyong )?(?:email|mensahe)|dankie vir (?:u|jou) e-?pos"
    r"|感谢您的(?:来信|邮件)|感謝您的(?:來信|郵件)|メールありがとうございます|메일 감사합니다")

# Leave: maternity, parental, sick ("im Mutterschaftsurlaub", "met zwangerschapsverlof").
LEAVE_WORDS = (
    r"|im krankheitsurlaub\b|krankgeschrieben\b"
    r"|im krankenstand\b|on (?:sick|medical) leave\b|en arr(?:ê|e)t maladie\b"
    r"|in (?:maternit(?:à|a)|malattia|congedo (?:di maternit(?:à|a)|parentale))"
    r"|de baja (?:por )?(?:maternidad|paternidad|m(?:é|e)dica)\b|de permiso de (?:maternidad"
    r"|paternidad)\b|em licen(?:ç|c)a (?:de )?(?:maternidade|paternidade)\b"
    r"|met (?:zwangerschaps|ouderschaps|bevallings)verlof\b|f(?:ö|o)r(?:ä|a)ldraledig\b"
    r"|p(?:å|a) barsel|barselsorlov|na urlopie (?:macierzy(?:ń|n)skim|rodzicielskim)"
    r"|na (?:mate(?:ř|r)sk(?:é|e)|rodi(?:č|c)ovsk(?:é|e))\b|(?:ä|a)itiyslomalla\b"
    r"|sz(?:ü|u)l(?:é|e)si szabads(?:á|a)gon\b|do(?:ğ|g)um izni|в декретном отпуске")

# A request without a word boundary or a Latin "please" (Chinese, Japanese, Korean, Arabic,
# Persian, Hindi, Thai): a person's, unless it asks only to contact someone or for patience.
FOREIGN_REQUEST = (r"|请|請|ください|下さい|주세요|주십시오|바랍니다|부탁|يرجى|من فضلك|الرجاء|لطفا"
                   r"|कृपया|กรุณา|โปรด")
FOREIGN_CONTACT = (
    r"|(?:敬请|敬請|请|請|يرجى|من فضلك|الرجاء|لطفا|कृपया|กรุณา|โปรด)[^.!?。！？\n]{0,30}?"
    r"(?:联系|聯繫|聯絡|致电|致電|谅解|諒解|التواصل|الاتصال|تواصل|اتصل|راسل|تماس|संपर्क|ติดต่อ)"
    r"|(?:連絡|問い合わせ|お電話|ご了承|ご理解)[^.。！？\n]{0,8}?(?:ください|下さい)"
    r"|(?:연락|문의|양해)[^.\n。]{0,12}?(?:주세요|주십시오|바랍니다|부탁)")
# Sentence ends and question marks of other scripts: a full-width "。！？", Arabic "؟", the danda.
# An e-mail address, as where to turn and as a token a translation repeats.
ADDRESS = r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,}"
SENTENCE_ENDS = "。！？؟।"
QUESTION_MARKS = "?？؟"

# A client rule may put a word of its own before the reply's prefix ("Abwesend: AW: ..."); a
# forward's prefix is none ("WG: AW: ..." forwards an answer).
REPLY_RE = re.compile(r"(?i)^\s*(?:(?!(?:wg|fwd?|tr|rv|vb|vl|pd|i|doorst)\s*:)[^\W\d_]{2,20}\s*:\s*)?"
                       r"(?:re|aw|antw|sv|vs|odp|rif|ynt|res|r)\s*(?:\[\d+\])?\s*:")

ABSENCE_MORE_RE = re.compile(ABSENCE_WORDS[1:] + LEAVE_WORDS)
BACK_MORE_RE = re.compile(BACK_WORDS[1:])
WHERE_TO_TURN_RE = re.compile(WHERE_TO_TURN[1:])
FOREIGN_REQUEST_RE = re.compile(FOREIGN_REQUEST[1:])  # literals: a fast scan, apart from (?i)
FOREIGN_CONTACT_RE = re.compile(FOREIGN_CONTACT[1:])
LEAD_CHARS = 25  # where to turn opens its sentence: "For anything urgent, reach out to ..."
OPENED_CHARS = 80
# The first words of a condition or purpose before where to turn ("If ...", "Para ...", "Bei ...").
OPENERS = frozenset("if for should when during bei für falls wenn sollten pour si para per voor bij "
                    "als".split())
THANKS_MORE_RE = re.compile(THANKS_FOR_MAIL[1:])
SPACED_BELOW = 0x0590  # Latin, Greek, Cyrillic, Armenian: scripts whose words \b delimits


def lowered(text: str) -> str:
    """The text in lower case, each character in its place (a character whose lower case is
    longer, as "İ", stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def word_spans(rx: re.Pattern[str], low: str) -> list[tuple[int, int]]:
    """The spans of rx in the lowered text that start a word, where the script has words."""
    return [m.span() for m in rx.finditer(low)
            if not m.start() or ord(low[m.start()]) >= SPACED_BELOW or not low[m.start() - 1].isalnum()]


def leading_spans(rx: re.Pattern[str], low: str) -> list[tuple[int, int]]:
    """The spans of rx that open their sentence: within LEAD_CHARS of its start, or after a
    condition or purpose of at most OPENED_CHARS ("If you need immediate assistance, please
    contact ..."); not after a statement ("You can run the update on Tuesday, contact ...")."""
    found = []
    for start, end in word_spans(rx, low):
        opened = max(low.rfind(mark, 0, start) for mark in ".!?\n" + SENTENCE_ENDS) + 1
        lead = low[opened:start].split()
        if start - opened <= LEAD_CHARS or (start - opened <= OPENED_CHARS and lead[0] in OPENERS):
            found.append((start, end))
    return found


def foreign_request(text: str) -> bool:
    """A request in a script without a Latin "please" ("请尽快重启", "再起動してください"), besides
    whom to contact or a plea for patience ("请联系", "ご連絡ください")."""
    return bool(FOREIGN_REQUEST_RE.search(text)) and bool(
        FOREIGN_REQUEST_RE.search(FOREIGN_CONTACT_RE.sub(" ", text)))
