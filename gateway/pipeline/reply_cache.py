"""The shipped templates rendered once per template, address, language order and announcement,
with marks where the single reply's values go (the greeting with the customer's name, the
paragraphs naming a ticket, the subject); each reply then only fills the marks in. A third of
the cost of rendering every reply through jinja. Templates from an admin's templates_dir are
rendered for every reply as before (they may use the reply's values in any way)."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from gateway.pipeline.wording import LanguageWords, Words

REPLY_VALUES = ("customer_name", "ticket_number", "ticket_tag", "subject", "helpdesk_ticket",
                "ticket_ref", "ticket_url")
_MARK = re.compile("\x00([wv]):([a-z]*):([a-z_]+)\x00")


def _mark(kind: str, lang: str, key: str, html: bool) -> str:
    text = f"\x00{kind}:{lang}:{key}\x00"
    return Markup(text) if html else text


class MarkedWords(Words):
    """Words whose per-reply strings are marks."""

    def __getattr__(self, key: str) -> str:
        language = self._language
        if key in ("greeting", "ticket_link") or key in language.per_reply:
            return _mark("w", language.lang, key, self._html)
        return super().__getattr__(key)


def marked_context(html: bool) -> dict[str, str]:
    return {key: _mark("v", "", key, html) for key in REPLY_VALUES}


def marked_words(words: dict[str, LanguageWords], html: bool) -> dict[str, Words]:
    return {lang: MarkedWords(w, {}, html) for lang, w in words.items()}


def fill(marked: str, words: dict[str, LanguageWords], reply: dict[str, str],
         html: bool) -> str:
    """The marks replaced by this reply's strings and values (escaped in HTML)."""
    real = {lang: Words(w, reply, html) for lang, w in words.items()}

    def value(found: re.Match) -> str:
        kind, lang, key = found.groups()
        text = getattr(real[lang], key) if kind == "w" else reply[key]
        return str(escape(text)) if html else text  # escape() leaves Markup as it is
    return _MARK.sub(value, marked)
