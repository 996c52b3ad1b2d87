"""A reply's words: each language's strings (templates/lang/<code>.toml, all of a language in one
file) filled with the company facts (config/company.py) and the reply's own values, as plain
text wrapped to 78 columns or as escaped HTML. The templates only arrange them."""

from __future__ import annotations

import re
import string
import tomllib
from datetime import datetime
from pathlib import Path

from markupsafe import Markup, escape

from gateway.config.company import in_language, known_languages, shipped_lang_dir
from gateway.config.settings import AddressConfig, GatewaySettings

WIDTH = 78
URL_KEYS = frozenset({"portal_url", "login_url", "contact_form_url", "ticket_url"})
PER_REPLY = frozenset({"customer_name", "ticket_number", "ticket_tag", "subject",
                       "helpdesk_ticket", "ticket_ref", "ticket_url"})
_FORMATTER = string.Formatter()
_BLANKS = re.compile(r"[ \t\r\n]+")


class WordingError(ValueError):
    """A string or fact names a {placeholder} that does not exist, or a language lacks one."""


def load_catalogs(templates_dir: str = "") -> dict[str, dict]:
    """Every known language's strings: the admin's lang/<code>.toml over the shipped one (a
    string it leaves out is the shipped one's). Read by each Renderer, so a reload sees edits."""
    found = {}
    for lang in sorted(known_languages(templates_dir)):
        shipped = shipped_lang_dir() / f"{lang}.toml"
        own = Path(templates_dir, "lang", f"{lang}.toml") if templates_dir else None
        strings = tomllib.loads(shipped.read_text(encoding="utf-8")) if shipped.is_file() else {}
        if own is not None and own.is_file():  # the admin's strings over the shipped ones
            strings.update(tomllib.loads(own.read_text(encoding="utf-8")))
        found[lang] = strings
    return found


def fill(text: str, values: dict[str, str]) -> str:
    try:
        return text.format_map(values)
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise WordingError(f"{text[:60]!r}: unknown or broken placeholder {exc}") from None


def names_in(text: str) -> set[str]:
    return {name for _, name, _, _ in _FORMATTER.parse(text) if name}


def wrap(text: str, indent: str = "", hanging: str = "") -> str:
    """Greedy at 78 columns, at ASCII blanks only (a no-break space holds; a word longer than a
    line, a URL, stays whole). textwrap did the same at six times the cost."""
    lines, line, bare = [], indent, True
    for word in _BLANKS.split(text):
        if not word:
            continue
        if not bare and len(line) + 1 + len(word) > WIDTH:
            lines.append(line)
            line, bare = hanging or indent, True
        line, bare = (line + word if bare else f"{line} {word}"), False
    lines.append(line)
    return "\n".join(lines)


def spoken_list(items: list[str], conjunction: str) -> str:
    """'a, b und c' – how a sentence lists things."""
    return items[0] if len(items) < 2 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def spoken_date(moment: datetime, strings: dict) -> str:
    """`date` of the language file; `first_day` (French "1er") names the first of a month."""
    months = strings.get("months") or [str(m) for m in range(1, 13)]
    day = strings.get("first_day", 1) if moment.day == 1 else moment.day
    return fill(strings.get("date", "{year}-{month:02d}-{day:02d}"),
                {"day": day, "month": moment.month, "year": moment.year,
                 "month_name": months[moment.month - 1]})


def portal_departments(settings: GatewaySettings, address: AddressConfig, lang: str,
                       strings: dict) -> str:
    """What a contact-form (sales) reply's steps tell a customer to choose in the portal: the
    departments of the account-center addresses ("Technischer Support oder Abrechnung"), not
    its own, which the portal does not have; "" for any other address."""
    if address.redirect != "contact_form":
        return ""
    names = [in_language(a.department, lang) or a.department_name for a in settings.addresses
             if a.redirect == "account_center"]
    return spoken_list(list(dict.fromkeys(names)), strings.get("or", "/")) if names else ""


def _html_value(key: str, value: str) -> str:
    if key in URL_KEYS and value:
        return f'<a href="{escape(value)}">{escape(value)}</a>'
    return str(escape(value))


def _bold(text: str, html: bool) -> str:
    """*Stars* around words: bold in HTML, nothing in plain text."""
    parts = text.split("*")
    if not html or len(parts) < 3:
        return text.replace("*", "")
    return "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))


class LanguageWords:
    """One address's words in one language: the facts filled once, the strings cached unless
    they name a value of the single reply."""

    def __init__(self, settings: GatewaySettings, address: AddressConfig, lang: str,
                 strings: dict, cutover: datetime, same_cutover: list[str]) -> None:
        self.settings, self.lang, self.strings = settings, lang, strings
        department = in_language(address.department, lang) or address.department_name
        self.values = settings.fact_values(lang, department, address.address)
        self.values["cutover"] = spoken_date(cutover, strings)
        self.values["old_addresses"] = spoken_list(same_cutover, strings.get("and", "&"))
        self.steps_department = portal_departments(settings, address, lang, strings) or department
        self.cache: dict[tuple[str, bool], str] = {}
        self.html_values: dict[str, str] | None = None
        facts = {"signature": [in_language(settings.signature, lang)],
                 "phone": [in_language(settings.phone_support, lang)],
                 "steps": settings.ticket_steps.get(lang, [])}
        self.per_reply = {key for key, text in strings.items()  # never cached
                          if isinstance(text, str) and names_in(text) & PER_REPLY}
        self.per_reply |= {key for key, texts in facts.items()
                           if any(names_in(text) & PER_REPLY for text in texts)}

    def fact(self, text: str, reply: dict[str, str], html: bool) -> str:
        if html:
            if self.html_values is None:  # the address's values escaped once
                self.html_values = {k: _html_value(k, v) for k, v in self.values.items()}
            return fill(_bold(str(escape(text)), True), {
                **self.html_values, **{k: _html_value(k, v) for k, v in reply.items()}})
        return fill(_bold(text, False), {**self.values, **reply})

    def say(self, key: str, reply: dict[str, str], html: bool) -> str:
        """A string of the catalog (or a composed piece) filled for this reply (HTML: Markup)."""
        found = self.cache.get((key, html))
        if found is not None:
            return found
        text = self._compose(key, reply, html)
        if html:
            text = Markup(text)
        if key not in self.per_reply:
            self.cache[(key, html)] = text
        return text

    def _compose(self, key: str, reply: dict[str, str], html: bool) -> str:
        if key == "steps":
            reply = {**reply, "department": self.steps_department}
            steps = [self.fact(s, reply, html) for s in self.settings.ticket_steps[self.lang]]
            if html:
                return "<ol>\n" + "".join(f"<li>{s}</li>\n" for s in steps) + "</ol>"
            return "\n".join(wrap(s, f"  {n}. ", "     ") for n, s in enumerate(steps, 1))
        source = {"phone": in_language(self.settings.phone_support, self.lang),
                  "signature": in_language(self.settings.signature, self.lang)}.get(key)
        if source is None:
            source = self.strings[key]
            if not isinstance(source, str):
                raise WordingError(f"lang/{self.lang}.toml: {key} is not a string")
        text = self.fact(source, reply, html)
        if key == "signature":  # its own lines stay lines (a name, an address), each wrapped
            return "<br />\n".join(text.split("\n")) if html else "\n".join(
                wrap(line) for line in text.split("\n"))
        return text if html else wrap(text)


class Words:
    """What a template sees as words[lang]: w.redirect_intro, w.steps, w.portal_url, ..."""

    def __init__(self, language: LanguageWords, reply: dict[str, str], html: bool) -> None:
        self._language, self._reply, self._html = language, reply, html

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        language = self._language
        if key == "greeting" and not self._reply.get("customer_name"):
            key = "greeting_anonymous"
        found = language.cache.get((key, self._html))
        if found is not None:
            return found
        if key == "ticket_link":  # the helpdesk's ticket page, else the portal
            return self._reply.get("ticket_url") or language.values["portal_url"]
        if key in language.values and key not in language.strings:
            return language.values[key]  # a bare fact (an href): the template escapes it
        if key not in language.strings and key not in ("steps", "phone", "signature"):
            raise AttributeError(key)  # the template's StrictUndefined names it
        return language.say(key, self._reply, self._html)


def old_facts(languages: list[LanguageWords], html: bool) -> dict:
    """facts.steps[lang] and facts.phone[lang], as templates of earlier versions use them."""
    steps, phone = {}, {}
    for words in languages:
        def say(key: str, words: LanguageWords = words) -> str:
            return words.say(key, {}, html)
        parts = [say("steps_intro"), say("steps"), say("after_steps"), say("details_hint")]
        calls = [p for p in (say("phone"), say("sales_hint")) if p]
        if html:
            steps[words.lang] = Markup("\n".join(
                p if p.startswith("<ol") else f"<p>{p}</p>" for p in parts))
            phone[words.lang] = Markup("\n".join(f"<p>{p}</p>" for p in calls))
        else:
            steps[words.lang] = f"{parts[0]}\n{parts[1]}\n\n{parts[2]}\n\n{parts[3]}"
            phone[words.lang] = "\n".join(calls)
    return {"steps": steps, "phone": phone}


_ONE_TEXT_KEYS = ("portal_name", "phone_support", "signature", "reject_message",
                  "reject_message_contact_form")


def one_language_facts(settings: GatewaySettings) -> list[str]:
    """config check's warning: a fact written as one string for every language while several
    are configured, in the function words of just one of them ("Ihr Support-Team"): the other
    sections would say it as it is."""
    from gateway.rules.language import FUNCTION_WORDS

    languages = settings.responder.languages
    texts = {key: getattr(settings, key) for key in _ONE_TEXT_KEYS}
    texts |= {f"{a.address}: {key}": getattr(a, key) for a in settings.addresses
              for key in ("department", "display_name")}
    found = []
    for key, text in texts.items():
        if not isinstance(text, str) or len(languages) < 2:
            continue
        words = {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)}
        langs = [lang for lang in languages if words & FUNCTION_WORDS.get(lang, frozenset())]
        if len(langs) == 1:
            others = [lang for lang in languages if lang != langs[0]]
            sections = (f"the {others[0]} section says" if len(others) == 1
                        else f"the {', '.join(others)} sections say")
            example = ", ".join(f'{lang} = "..."' for lang in languages)
            found.append(f"{key} is one text for every language, in {langs[0]} words "
                         f"({text[:40]!r}): {sections} it too; write a table, e.g. "
                         f"{key.rpartition(': ')[2]} = {{ {example} }} (docs/adapt.md)")
    return found
