"""Pure: the text of an HTML-only mail laid out in a table, with its paragraphs apart.

The parser's text of a table's cell runs the paragraphs together ("Viele GrüßeIhr Paketdienst
Team", "... klicken Sie hier: https://…/optoutHerzlichen Dank"): html2text writes a table's
rows as one line each. Rules that look at lines (a sign-off, a footer, a call to action) read
this text instead, and only once their cheaper signs are found: it converts the HTML again.
"""

from __future__ import annotations

import html2text

from gateway.rules.parse import ParsedMail

SCAN_CHARS = 20000


def paragraphs(mail: ParsedMail) -> str:
    """The text; of an HTML-only mail, the HTML's paragraphs apart, tables read as plain flow."""
    if mail.content_type != "text/html" or not mail.html:
        return mail.text
    converter = html2text.HTML2Text()
    converter.ignore_images, converter.body_width, converter.ignore_tables = True, 0, True
    try:
        return converter.handle(mail.html[:SCAN_CHARS])
    except Exception:  # html2text on hostile markup: the parser's text
        return mail.text
