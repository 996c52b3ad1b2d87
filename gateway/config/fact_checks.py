"""config check's look at the company facts beyond their shape: a link fact that is empty or not
a whole http(s) URL, an empty department or list of steps, a language code it has no strings for;
each named once with the fix (docs/configuration.md, "Company facts and languages")."""

from __future__ import annotations

import re

from gateway.config.company import CompanyFacts, in_language, known_languages, shipped_lang_dir

# The facts the replies link to, and what each is (login_url "" means the portal's URL).
URL_FACTS = {"account_center_url": "your portal's URL", "contact_form_url":
             "your contact form's URL", "login_url": ""}
_HTTP_URL = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)


def url_problems(facts: CompanyFacts, languages: list[str]) -> list[str]:
    """A link fact that is empty (in some language) or not a whole http(s) URL."""
    found = []
    for key, what in URL_FACTS.items():
        value = getattr(facts, key)
        texts = {lang: in_language(value, lang).strip() for lang in languages
                 if isinstance(value, str) or lang in value}  # a missing one: facts_problems
        empty = [lang for lang, text in texts.items() if not text]
        if empty and what:
            where = "" if isinstance(value, str) else f" for {', '.join(empty)}"
            found.append(f"{key} is empty{where}: the replies link to it; set {what} "
                         f"(https://...)")
        for text in dict.fromkeys(t for t in texts.values() if t):
            if not _HTTP_URL.fullmatch(text):
                whole = "https://" + text.split("://")[-1].lstrip("/")
                found.append(f"{key}: {text!r} is not an http(s) URL; write it whole, "
                             f"e.g. {whole!r}")
    return found


def empty_problems(facts: CompanyFacts, languages: list[str], addresses: list) -> list[str]:
    """An address's department, or a language's list of steps, left empty."""
    found = []
    for a in addresses:
        value = a.department
        empty = [lang for lang in languages if (isinstance(value, str) or lang in value)
                 and not in_language(value, lang).strip()]
        if empty and isinstance(value, str):
            found.append(f"{a.address}: department is empty: the replies name it (department = \"Technik\")")
        elif empty:
            found.append(f"{a.address}: department is empty for {', '.join(empty)}")
    found += [f"ticket_steps.{lang} is empty: the replies list no step to open a ticket"
              for lang in languages if lang in facts.ticket_steps and not facts.ticket_steps[lang]]
    return found


def language_problems(languages: list[str], templates_dir: str = "") -> list[str]:
    """responder.languages mistakes, each with what to write instead."""
    known, found = known_languages(templates_dir), []
    shipped = ", ".join(sorted(p.stem for p in shipped_lang_dir().glob("*.toml")))
    for lang in dict.fromkeys(languages):
        if languages.count(lang) > 1:
            found.append(f"{lang!r} is listed twice")
        if lang in known:
            continue
        base = lang.lower().replace("_", "-").split("-")[0]
        if base in known and lang.lower() == base:
            found.append(f"{lang!r}: write the code in lower case, {base!r}")
        elif base in known:
            found.append(f"{lang!r}: the language without its region, {base!r}")
        else:
            found.append(f"{lang!r} has no strings (shipped: {shipped}); for another language "
                         f"add lang/{lang}.toml to templates_dir (docs/adapt.md)")
    return [f"responder.languages: {problem}" for problem in found]
