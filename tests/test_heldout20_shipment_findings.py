"""tests/heldout20 (a development set since session 10): a parcel notice ("Ihr Paket von ... kommt
morgen", its tracking number in a link, "Sie sind nicht da? Ändern Sie jetzt Ihren Zustelltermin
...:", signed "Ihr ... Team"), answered with the From as envelope; written here in other words, as
an HTML-only mail in a layout table and as plain text, with the people that look like them and
must stay answered (gateway/rules/shipment_notices.py)."""

from __future__ import annotations

from tests.findings import findings_tests, mail

_NUMBER = "H1004417720931188245"


def _html(found: tuple[bytes, str]) -> tuple[bytes, str]:
    """The mail as HTML only (its body is the markup)."""
    raw, sender = found
    return raw.replace(b"Content-Type: text/plain", b"Content-Type: text/html"), sender


def _table(*paragraphs: str) -> str:
    return ('<html><body><table width="600"><tr><td>'
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</td></tr></table></body></html>")


MACHINES = {
    "an HTML-only parcel notice in a layout table, a call to action as a question": _html(mail(
        "sendungsinfo@paketdienst.example", f"Ihr Paket kommt morgen – Sendungsnummer {_NUMBER}",
        _table("Hallo Frau Berger,", "Ihr Paket von Elektronikversand kommt morgen, "
               "voraussichtlich zwischen 9 und 11 Uhr.", f"Sendungsnummer: {_NUMBER}",
               "Sie sind nicht da? Ändern Sie jetzt Ihren Zustelltermin:",
               f"https://www.paketdienst.example/verfolgung/{_NUMBER}", "Viele Grüße",
               "Ihr Paketdienst Team"), name="Paketdienst Sendungsinfo")),
    "an English parcel notice in plain text": mail(
        "tracking@parcelco.example", "Your parcel is out for delivery",
        "Hello Ms Grant,\n\nyour parcel from Bright Shop is out for delivery today.\n\n"
        "Tracking number: 00340434161094042557\n\nNot at home? Choose another day here:\n"
        "https://track.parcelco.example/00340434161094042557\n\nKind regards\n"
        "Your ParcelCo team\n", name="ParcelCo"),
    "a shop's shipping confirmation, a carrier's alphanumeric number in its link": mail(
        "orders@bright-shop.example", "Your order #1042 has shipped",
        "Hi Oliver,\n\ngood news: your order has shipped.\n\nTracking number: "
        "1Z999AA10123456784\nhttps://www.carrier.example/track?num=1Z999AA10123456784\n\n"
        "Kind regards\nThe Bright Shop Team\n", name="Bright Shop"),
}

PEOPLE = {
    "a customer asking where the parcel is, signed for their team, the tracking link": mail(
        "praxis@praxis-wolf.example", "Sendung nicht angekommen",
        "Hallo,\n\nIhre Sendung 00340434161094042557 "
        "(https://track.parcelco.example/00340434161094042557) ist bei uns nicht angekommen. "
        "Können Sie nachforschen?\n\nViele Grüße\nIhr Team der Praxis Wolf\n", name="Praxis Wolf"),
    "a customer sending the tracking of a returned device, signed with a name": mail(
        "j.kraus@kraus-bau.example", "Rücksendung Festplatte",
        "Hallo,\n\ndie defekte Festplatte ist unterwegs, Ihr Paket hat die Sendungsnummer "
        f"{_NUMBER}: https://www.paketdienst.example/verfolgung/{_NUMBER}\n\n"
        "Viele Grüße\nJan Kraus\n", name="Jan Kraus"),
    "a customer's HTML mail in a table about the parcel, asking": _html(mail(
        "einkauf@shop-lena.example", f"Paket {_NUMBER}",
        _table("Hallo centron,", "Ihr Paket mit dem Server kam beschädigt an, siehe "
               f"https://www.paketdienst.example/verfolgung/{_NUMBER}.",
               "Wie gehen wir jetzt vor?", "Viele Grüße", "Ihr Team von Shop Lena"),
        name="Shop Lena Einkauf")),
    "a customer's clerk from a mail client: 'Ihre Bestellung wurde versandt', team-signed": mail(
        "versand@elektro-bauer.example", "Lieferung Unterverteilung",
        "Guten Tag,\n\nIhre Bestellung wurde heute versandt, Sendungsnummer 1Z999AA10123456784: "
        "https://www.carrier.example/track?num=1Z999AA10123456784\n\n"
        "Viele Grüße\nIhr Team von Elektro Bauer\n", name="Elektro Bauer Versand",
        headers={"X-Mailer": "Microsoft Outlook 16.0"}),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
