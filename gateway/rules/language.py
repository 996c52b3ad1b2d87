"""Pure: the language a customer wrote in, among the reply languages, and so the order of the
reply's language sections (the customer's first, the others below in the configured order).

The detector is lingua (lingua-language-detector) restricted to the configured languages, in its
low-accuracy mode (trigram models only: some 6-8 MB with the import, against about 100 MB for
the high-accuracy mode and 90 MB for py3langid; bench/language_detect.py). Its models are
compiled into the library, so detecting reads no file; they load on the first detection, in the
process that detects (serve's worker), only where a reply is due and the function words did not
settle it (their look costs some 20 us, lingua's 150-250 us on 300 characters). Evidence, in
order: the customer's own words (subject and body, without quoted replies and signature); when
those are too few or mixed to tell, the Content-Language header; else unsure, and the configured
order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gateway.rules.parse import ParsedMail

TEXT_LIMIT = 300        # characters of the customer's words looked at (2,000 cost 1.7 ms a mail)
SURE = 0.6              # the first language's confidence at least this ...
MARGIN = 0.25           # ... and this far ahead of the second one
MIN_WORDS = 3           # fewer words ("Traffic", "Server down") tell no language reliably
_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters at least: "a", "l'", "d'" are no words
_QUOTE_START = re.compile(
    r"^(?:-{2,}\s*(?:original|ursprüngliche|message d'origine|weitergeleitete|forwarded)"
    r"|-{3,}\s*\w[^-]*-{3,}$|_{10,}$|\*(?: \*){2,}$"  # a forward's dashes, Outlook's line or <hr>
    r"|(?:am|on|le)\s.{4,200}(?:schrieb|wrote|a écrit)(?:\s*:?|\s.{0,200}:)\s*$"  # name after
    r"|(?:von|from|de)\s?:\s.*@)", re.IGNORECASE)
# A phone's line ends the text (and says the phone's language: it counts).
_DEVICE = re.compile(r"^(?:sent from my|gesendet von|von meinem|envoyé de mon)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^(?:am|on|le)\s", re.IGNORECASE)  # may wrap onto a second line
_SENT = re.compile(r"^(?:gesendet|sent|envoyé|date|datum)\s?:", re.IGNORECASE)
_FROM = re.compile(r"^(?:von|from|de)\s?:", re.IGNORECASE)  # Outlook: often a bare name
# Words of a language's grammar, not of its topics, and not words of another of these languages
# ("des", "was", "will", "on", "an", "in" are left out).
FUNCTION_WORDS = {
    "de": frozenset("und der die das ist nicht ich wir sie bitte mit für auf ein eine einen dem "
                    "den von zu auch noch seit unser unsere unseren ihr ihre ihren können kann "
                    "haben hallo danke guten tag mein meine meinen wird sind wurde oder aber wie "
                    "bei nach über mehr leider schon gibt dass sehr".split()),
    "en": frozenset("the and is are not you we our my please with for this that have has been "
                    "can could would hello thanks thank since from there of to it be do does "
                    "what when why any your hi me".split()),
    "fr": frozenset("le la les et est pas vous nous notre nos mon ma mes merci avec pour sur une "
                    "du que qui dans depuis bonjour cordialement il elle sont ont avons votre vos "
                    "cette ce au aux ne plus je".split()),
}
# A closing formula on a line of its own: the customer's last word (it still counts), what follows
# (name, imprint, disclaimer, often in the company's language) is their signature.
_CLOSING = re.compile(
    r"^(?:(?:mit )?(?:freundlichen?|besten|herzlichen|viele[n]?|liebe[n]?|beste) grü(?:ß|ss)e?n?"
    r"|mit freundlichem gru(?:ß|ss)|mfg|lg|(?:best|kind|warm)(?:est)? regards|regards"
    r"|best wishes|(?:bien )?cordialement|(?:sinc[eè]res )?salutations|bien à vous"
    r"|best|cheers|thanks|thank you|danke|gruß|grüße|vg|merci|bises)[\s,.!]*$", re.IGNORECASE)
_SUBJECT_PREFIX = re.compile(r"^(?:\s*(?:re|aw|fwd?|wg|tr|antw|réf)\s*(?:\[\d+\])?\s*:\s*)+",
                             re.IGNORECASE)
_TAG = re.compile(r"\[[A-Z]{1,10}-\d+\]")


@dataclass(frozen=True)
class Detected:
    """The customer's language (None: unsure), how it was found, and the reply's order."""

    language: str | None
    via: str  # "text", "content-language" or "" (unsure)
    order: tuple[str, ...]

    def as_json(self) -> dict:
        return {"language": self.language, "via": self.via, "order": list(self.order)}


def own_lines(mail: ParsedMail) -> list[str]:
    """The body's lines as the customer wrote them: no quoted lines, nothing from the signature
    (after "-- " or a closing formula) or a quoted earlier mail on."""
    lines: list[str] = []
    raw = [line.strip() for line in mail.text[: TEXT_LIMIT * 4].splitlines()]
    for n, stripped in enumerate(raw):
        wrapped = f"{stripped} {raw[n + 1]}" if n + 1 < len(raw) else stripped
        if (stripped in ("--", "-- ") or _QUOTE_START.match(stripped)
                or (_ATTRIBUTION.match(stripped) and _QUOTE_START.match(wrapped))):
            break
        if _SENT.match(stripped.lstrip("*")) and lines and _FROM.match(lines[-1].lstrip("*")):
            lines.pop()  # Outlook's header block: From: a name, then Sent:
            break
        if stripped and not stripped.startswith(">"):
            lines.append(stripped)
        if (_CLOSING.match(stripped) and len(lines) > 1) or _DEVICE.match(stripped):
            break  # (a "Danke!" above the text opens it; "Sent from my iPhone" ends it)
    return lines


def customer_words(mail: ParsedMail) -> str:
    """Subject and body as the customer wrote them: no reply prefixes or ticket tags, and the
    body's own lines only."""
    subject = _TAG.sub("", _SUBJECT_PREFIX.sub("", mail.subject)).strip()
    return "\n".join([subject, *own_lines(mail)])[:TEXT_LIMIT]


@lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]):  # noqa: ANN202 - lingua's own type
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    known = [getattr(IsoCode639_1, code.upper(), None) for code in languages]
    if None in known:  # a language lingua does not know: the configured order, always
        return None
    wanted = [Language.from_iso_code_639_1(code) for code in known]
    builder = LanguageDetectorBuilder.from_languages(*wanted)
    # Models load on first use. Not preloaded: that loads them in rayon threads, whose malloc
    # arenas stay (+3 MB), and a thread in serve's daemon would stop it forking its worker.
    return builder.with_low_accuracy_mode().build()


def function_word_language(words: list[str], languages: tuple[str, ...]) -> str | None:
    """The cheap first look (some 20 us against lingua's 150-250): a text whose function words
    leave no doubt (3 or more, and 3 times as many as the next language's) needs no model.
    Only among languages that have a list here; any other configured: lingua alone."""
    if any(lang not in FUNCTION_WORDS for lang in languages):
        return None
    hits = sorted(((sum(w in FUNCTION_WORDS[lang] for w in words), lang) for lang in languages),
                  reverse=True)
    (top, lang), (second, _) = hits[0], hits[1]
    return lang if top >= 3 and top >= 3 * second else None


def text_language(text: str, languages: tuple[str, ...], model: bool = True) -> str | None:
    """The language of `text` among `languages`, or None when it cannot be told apart (model:
    lingua where the function words leave doubt)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(languages) < 2 or len(words) < MIN_WORDS:
        return None
    found = function_word_language(words, languages)
    if found is not None or not model:
        return found
    detector = _detector(languages)
    values = detector.compute_language_confidence_values(text) if detector else []
    if not values:
        return None
    top = values[0]
    second = values[1].value if len(values) > 1 else 0.0
    if top.value < SURE or top.value - second < MARGIN:
        return None
    code = top.language.iso_code_639_1.name.lower()
    return code if code in languages else None


def header_language(mail: ParsedMail, languages: tuple[str, ...]) -> str | None:
    """The first configured language that Content-Language names (de-DE counts as de)."""
    for value in (mail.header("content-language") or "").split(","):
        code = value.strip().lower().split("-")[0]
        if code in languages:
            return code
    return None


def detect(mail: ParsedMail, configured: tuple[str, ...], model: bool = True) -> Detected:
    """The customer's language and the reply's order of languages: their own lines first (a
    subject may be ours, "AW: Automatische Antwort: ...", above English words), else with the
    subject, else Content-Language."""
    found, via = text_language("\n".join(own_lines(mail))[:TEXT_LIMIT], configured, model), "text"
    if found is None:
        found = text_language(customer_words(mail), configured, model)
    if found is None:
        found, via = header_language(mail, configured), "content-language"
    if found is None:
        return Detected(None, "", configured)
    return Detected(found, via, (found, *(lang for lang in configured if lang != found)))

