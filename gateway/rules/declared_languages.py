"""Pure: what notices say about themselves in further languages (Polish, Czech, Slovak, Turkish,
Portuguese, Dutch, Swedish, Danish, Norwegian, Finnish, Hungarian, Romanian, Croatian), and more
of the Spanish and Italian wordings; a part of `notices._DECLARED_RE`, tight as it is: the
sentence that the mail was sent or generated automatically ("Wiadomość została wygenerowana
automatycznie", "Bu e-posta otomatik olarak gönderilmiştir", "Dit is een automatisch gegenereerd
bericht", "Este e-mail se generó automáticamente"; in Japanese, Chinese and Korean
"このメールは自動的に生成して送信しています", "本メールは送信専用です", "此邮件为系统自动发送",
"본 메일은 발신전용입니다"; not asked as a question, "…ですか？"), or the plea not to
answer it ("prosimy na nią nie odpowiadać", "neodpovídejte na něj", "lütfen yanıtlamayınız",
"não responda a este e-mail", "ti preghiamo di non rispondere", "请勿回复", "회신하지
마십시오"). A virus-scan footer ("Bu e-posta virüslere karşı otomatik olarak taranmıştır") is
no such sentence.

`SIGN_OFFS`: the closing formulas of those languages, beside notices' own ("Met vriendelijke
groet", "Z poważaniem", "Saygılarımızla"); `company_line`: the line under a sign-off that is a
company's name with its legal form ("Aruba S.p.A.", "Mollie B.V.", "PayPro S.A.") or a team's
("Zespół Przelewy24", "Equipo de Soporte"), never a person's.
"""

from __future__ import annotations

import re

# Words one of which each sentence below holds, lower case (plain substring tests).
WORDS = ("otomatik", "odpowiada", "odpov", "odpoved", "responda", "respondas", "antwoorden",
         "reageren", "svara", "svar ", "vastaa", "válaszol", "răspunde", "raspunde", "odgovara",
         "yanıtlama", "cevaplama", "rispondere", "自動", "自动", "送信専用", "返信", "回复", "回覆",
         "回復", "전용", "자동", "회신", "답장")
# Japanese, Chinese, Korean: no spaces between words, "。！？" end a sentence; a sentence that
# asks ("か？", "吗？", "까?") or denies ("自動送信ではありません", "不是自动发送的", "자동으로 발송된
# 것이 아닙니다") declares nothing.
_CJK = r"[^。！？!?\n]"
_NOT_ASKED = (r"(?!" + _CJK + r"{0,15}(?:か|吗|嗎|까)?[？?])"
              r"(?!" + _CJK + r"{0,15}(?:では|じゃ)(?:ありません|ない|ございません))"
              r"(?!" + _CJK + r"{0,15}(?:아닙|아니|않))")
_ZH_GAP = r"(?:(?!不|非|没|沒)" + _CJK + r")"
# A person's words in those languages: the greeting and closing of a business letter, thanks.
CJK_PERSON_RE = re.compile(r"お世話にな|よろしくお願い|宜しくお願い|谢谢|謝謝|此致|감사합니다|수고하세요")
_IN = r"(?:[^.!\n]|[.!](?=\w))"
PATTERN = (
    # Polish
    r"|\b(?:wiadomo(?:ś|s)(?:ć|c)|ten (?:e-?mail|mail)|ta wiadomo(?:ś|s)(?:ć|c)) (?:zosta(?:ł|l)a?"
    r"|jest)\b" + _IN + r"{0,30}\b(?:wygenerowan[ay]|wys(?:ł|l)an[ay]|utworzon[ay]) automatycznie"
    r"|\bprosimy (?:na ni(?:ą|a) |na niego )?nie odpowiada(?:ć|c)"
    # Czech, Slovak
    r"|\b(?:tento (?:e-?mail|email)|tato zpr(?:á|a)va|t(?:á|a)to spr(?:á|a)va) (?:byla?|bol[a]?|je)\b"
    + _IN + r"{0,30}\b(?:vygenerov(?:á|a)n|generov(?:á|a)n|odesl(?:á|a)n|odoslan|zasl(?:á|a)n)"
    r"\w{0,2} automaticky|\bneodpov(?:í|i)dejte na (?:n(?:ě|e)j|ni|tento|tuto)|\bneodpovedajte na "
    # Turkish
    r"|\bbu (?:e-?posta|mesaj|ileti)\b" + _IN + r"{0,30}\botomatik olarak (?:g(?:ö|o)nderil"
    r"|olu(?:ş|s)turul)|\bl(?:ü|u)tfen (?:bu e-?postay(?:ı|i) )?"
    r"(?:yan(?:ı|i)tlamay(?:ı|i)n(?:ı|i)z|cevaplamay(?:ı|i)n(?:ı|i)z)"
    # Portuguese
    r"|\b(?:est[ea]|esta) (?:e-?mail|mensagem|notifica(?:çã|ca)o)\b" + _IN + r"{0,30}"
    r"\b(?:gerad[oa]|enviad[oa]) automaticamente"
    r"|\b(?:por favor,? )?n(?:ã|a)o (?:responda|respondas) (?:a )?(?:este e-?mail|esta mensagem)"
    # Spanish and Italian, beside notices' own
    r"|\beste (?:e-?mail|correo(?: electr(?:ó|o)nico)?|mensaje) se (?:gener(?:ó|o)|ha generado"
    r"|envi(?:ó|o)|ha enviado) autom(?:á|a)ticamente|\bpor favor,? no (?:lo |la )?respondas\b"
    r"|\bno responda (?:a )?(?:este|esta) (?:e-?mail|correo|mensaje)"
    r"|\bquest[ao] (?:e-?mail|messaggio|comunicazione|notifica)\b" + _IN + r"{0,40}"
    r"\b(?:inviat[ao]|generat[ao]) automaticamente|\b(?:ti|vi) preghiamo di non rispondere"
    r"|\bnon rispondere a quest[oa] (?:e-?mail|messaggio)"
    # Dutch
    r"|\bdit is een automatisch (?:gegenereerd|verzonden|verstuurd|aangemaakt) (?:bericht|e-?mail)"
    r"|\bdit (?:bericht|e-?mail) is automatisch (?:gegenereerd|verzonden|verstuurd|aangemaakt)"
    r"|\b(?:gelieve|graag) niet (?:te )?(?:antwoorden|reageren) op (?:dit|deze)"
    r"|\b(?:je|u) kunt niet (?:op dit bericht|op deze e-?mail) (?:reageren|antwoorden)"
    # Swedish, Danish, Norwegian
    r"|\b(?:detta|det h(?:ä|a)r) (?:meddelande|mejl|mail|e-postmeddelande)\b" + _IN + r"{0,30}"
    r"\bautomatiskt|\bsvara inte p(?:å|a) (?:detta|det h(?:ä|a)r)"
    r"|\bdenne (?:e-?mail|mail|meddelelse|melding|e-post)\b" + _IN + r"{0,30}\bautomatisk"
    r"|\bsvar venligst ikke|\bvennligst ikke svar|\bdu kan ikke svare p(?:å|a) denne"
    # Finnish, Hungarian, Romanian, Croatian
    r"|\bt(?:ä|a)m(?:ä|a) (?:viesti|s(?:ä|a)hk(?:ö|o)posti)\b" + _IN + r"{0,30}\bautomaattisesti"
    r"|\b(?:ä|a)l(?:ä|a) vastaa t(?:ä|a)h(?:ä|a)n"
    r"|\bez egy automatikus (?:(?:ü|u)zenet|(?:é|e)rtes(?:í|i)t(?:é|e)s)"
    r"|\bk(?:é|e)rj(?:ü|u)k,? ne v(?:á|a)laszoljon"
    r"|\bacest (?:e-?mail|mesaj)\b" + _IN + r"{0,30}\b(?:generat|trimis) automat\b"
    r"|\bv(?:ă|a) rug(?:ă|a)m s(?:ă|a) nu r(?:ă|a)spunde(?:ț|ţ|t)i"
    r"|\bova (?:poruka|e-?po(?:š|s)ta|e-?mail)\b" + _IN + r"{0,30}\bautomatski"
    r"|\bmolimo (?:vas,? )?ne odgovarajte"
    # Japanese
    r"|(?:この|本)(?:メール|メッセージ|通知)は" + _CJK + r"{0,40}?自動(?:的に)?(?:で)?(?:送信|配信|生成"
    r"|作成|発行|返信)" + _NOT_ASKED + r"|(?:この|本)(?:メール(?:アドレス)?|アドレス)は送信専用" + _NOT_ASKED
    + r"|(?:この|本)メールに(?:は)?(?:ご)?返信(?:しないで|されないよう|なさらないよう|いただいても)"
    # Chinese
    r"|(?:此|本|这|這)封?(?:邮件|郵件|电子邮件|電子郵件|信件|消息|通知)" + _ZH_GAP + r"{0,20}?(?:系统|系統)?"
    r"自(?:动|動)(?:发送|發送|发出|發出|生成|产生|產生)" + _NOT_ASKED
    + r"|(?:請勿|请勿)(?:直接)?(?:回覆|回復|回复)(?:此|本|该|該)?(?:邮件|郵件|信件)?(?=[。！!,，\n]|$)"
    # Korean
    r"|(?:본|이) ?(?:메일|이메일|메시지)(?:은|는) " + _CJK + r"{0,30}?(?:발신 ?전용|자동으로 (?:발송|생성"
    r"|전송|발신))" + _NOT_ASKED + r"|(?:회신|답장)하지 마(?:십시오|세요)")

# Closing formulas of those languages (a person's, or a company's when the line under it is one).
SIGN_OFFS = (
    r"|\bgroet(?:en|jes)?\b|\batentamente\b|\bun saludo\b|\bdistinti saluti\b"
    r"|\bpozdrawiam(?:y)?\b|\bz powa(?:ż|z)aniem\b|\bs pozdravem\b|\bs pozdravom\b|\bmvh\b"
    r"|\bh(?:ä|a)lsning(?:ar)?\b|\bhilsen\b|\bsayg(?:ı|i)lar(?:ı|i)m(?:(?:ı|i)zla|la)\b"
    r"|\bcumprimentos\b|\batenciosamente\b|\bbien (?:à|a) vous\b|\b(?:ü|u)dv(?:ö|o)zlettel\b"
    r"|\bterveisin\b")
# A line that signs for a team ("Zespół Przelewy24", "Equipo de Soporte", "iyzico Ekibi",
# "Het Mollie-team").
_TEAM_LINE_RE = re.compile(
    r"(?i)^(?:zesp(?:ó|o)(?:ł|l)|equipo|equipa|(?:é|e)quipe|team|teamet|t(?:ý|y)m|ekibi|tiimi"
    r"|il team|het team|o team|la squadra|servizio clienti|klantenservice|kundtj(?:ä|a)nst"
    r"|obs(?:ł|l)uga klienta|atenci(?:ó|o)n al cliente|service client)\b"
    r"|[\s-](?:team|teamet|ekibi|tiimi|t(?:ý|y)m)$")
COMPANY_LINE_RE = re.compile(
    r"(?i)^[^\n]{1,40}?\s(?:s\.?\s?p\.?\s?a|s\.?\s?r\.?\s?l|gmbh|ag|b\.v|n\.v|ltd|inc|llc|s\.a"
    r"|s\.l|sas|sarl|ab|aps|as|oy|oyj|lda|s\.r\.o|sp\. z o\.o|a\.(?:ş|s)|kft|plc|bv|nv)\.?"
    r"(?=$|[\s,·|-])")


def company_line(line: str) -> bool:
    """A company's name with its legal form ("Aruba S.p.A."), or a team, as a sign-off's line."""
    return bool(COMPANY_LINE_RE.match(line.strip()) or _TEAM_LINE_RE.search(line.strip()))
