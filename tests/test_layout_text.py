"""An HTML-only mail laid out in a table of one cell a row (a notice's layout) is read with its
paragraphs apart, so that a sign-off and a team's line stand on lines of their own (issue 21,
tests/heldout20: "Viele GrüßeIhr Hermes Team" read as one line); a table of data (several cells
a row) stays rows of cells, as the record detectors read them."""

from __future__ import annotations

from gateway.rules.layout_text import paragraphs
from gateway.rules.parse import html_to_text, parse_mail

_LAYOUT = ('<html><body><table width="600"><tr><td><p>Hallo Herr Adamek,</p><p>Ihr Paket kommt '
           'morgen.</p><p>Viele Grüße</p><p>Ihr Paketdienst Team</p></td></tr></table></body></html>')
_DATA = ("<table><tr><td>Host</td><td>web01</td></tr><tr><td>State</td><td>DOWN</td></tr>"
         "<tr><td>Service</td><td>HTTP</td></tr></table>")


def test_a_layout_table_keeps_its_paragraphs_apart():
    lines = [line.strip() for line in html_to_text(_LAYOUT).splitlines() if line.strip()]
    assert lines == ["Hallo Herr Adamek,", "Ihr Paket kommt morgen.", "Viele Grüße",
                     "Ihr Paketdienst Team"]


def test_a_data_table_stays_rows_of_cells():
    lines = [line.strip() for line in html_to_text(_DATA).splitlines() if line.strip()]
    assert "Host| web01" in lines and "State| DOWN" in lines


def test_paragraphs_of_an_html_only_mail():
    raw = ("From: P <p@paket.example>\r\nSubject: Paket\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n" + _LAYOUT.replace(
               "<td>", "<td><table><tr><td>x</td><td>y</td></tr></table>") + "\r\n").encode()
    text = paragraphs(parse_mail(raw))
    assert "\nViele Grüße\n" in text and "Ihr Paketdienst Team" in text
