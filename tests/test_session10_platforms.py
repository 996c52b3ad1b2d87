"""Issue 21, tests/heldout21, heldout23 and heldout24 (each after its blind measure): an invoice
that an accounting platform mails from its own address in a supplier's name, measured with the
From as the envelope (no bounce address on the platform's domain to tell it), and a platform's
notice from a "notifications" mailbox in Slovenian. Written in our own words.

- The From's display name names a firm that the Reply-To's domain carries and the From's domain
  does not ("Brückner Netzwerktechnik" <rechnungen@fakturen.example>, Reply-To
  info@brueckner-netz.example): the platform sends in the firm's name; with an invoice in the
  subject, its PDF and the tool's line ("Diese E-Mail wurde mit Fakturen versendet") it is a
  `machine-notice`.
- `obvestila@` (Slovenian), `obavijesti@` (Croatian) and kin are notification mailboxes as
  `notifications@` is.

Beside them: a firm's own accounts mailbox (the firm's name in the From's domain), a customer who
forwards such an invoice with a question; a mail "sent from my iPad" names a device, not a tool.
"""

from __future__ import annotations

import pytest

from gateway.rules.platform_senders import _TOOL_LINE_RE
from tests.findings import attached, findings_tests, mail

INVOICE_TEXT = (
    "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie unsere Rechnung Nr. 2026-0044 vom "
    "30.04.2026 über 595,00 EUR.\nBitte überweisen Sie den Betrag innerhalb von 14 Tagen.\n\n"
    "Mit freundlichen Grüßen\nStefan Brückner\nBrückner Netzwerktechnik\n\n--\n"
    "Diese E-Mail wurde mit Fakturen versendet.")


def invoice(sender: str, name: str, reply_to: str, body: str = INVOICE_TEXT,
            subject: str = "Rechnung 2026-0044 von Brückner Netzwerktechnik"):
    found = mail(sender, subject, body, name=name, headers={"Reply-To": reply_to},
                 message_id="<inv-0044@" + sender.rsplit("@", 1)[1] + ">")
    return attached(found, "application/pdf", "Rechnung_2026-0044.pdf")


MACHINES = {
    "an invoice in a firm's name from the platform's address, From envelope": invoice(
        "rechnungen@fakturen.example", "Brückner Netzwerktechnik", "info@brueckner-netz.example"),
    "a platform's notice of a new e-invoice from its notifications mailbox (sl)": mail(
        "obvestila@racuni-portal.example", "Prejeli ste nov e-račun od podjetja KOVINAR d.o.o.",
        "Pozdravljeni,\n\nv vaš predal je prispel nov e-račun podjetja KOVINAR d.o.o. Račun si "
        "lahko ogledate na portalu.\n\nEkipa portala", name="Racuni Portal"),
}

PEOPLE = {
    "the firm's own accounts mailbox on its own domain": invoice(
        "buchhaltung@brueckner-netz.example", "Brückner Netzwerktechnik",
        "info@brueckner-netz.example"),
    "a customer forwarding such an invoice with a question": invoice(
        "rechnungen@fakturen.example", "Brückner Netzwerktechnik", "info@brueckner-netz.example",
        body="Hallo, ist diese Rechnung von Ihnen? Wir kennen die Firma nicht.\n\nGruß\nStefan",
        subject="WG: Rechnung 2026-0044 von Brückner Netzwerktechnik"),
}

test_the_platform_mail_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)


@pytest.mark.parametrize(("line", "tool"), [
    ("Diese E-Mail wurde mit Papierkram versendet.", True),
    ("This email was sent with Fakturen.", True),
    ("Diese E-Mail wurde von meinem iPad gesendet.", False),
    ("This message was sent with my phone.", False),
])
def test_a_tool_line_names_a_tool_not_my_device(line, tool):
    assert bool(_TOOL_LINE_RE.search(line)) is tool
