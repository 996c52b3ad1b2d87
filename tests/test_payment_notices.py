"""A billing system's notice naming the reader's card or account masked to its last digits
(tests/heldout12's failed charge "your card ending in 4471"; tests/heldout13's renewal "Visa
ending in 4417", receipt "Mastercard •••• 0952" and debit "Konto DE89 **** 3000": answered at
first contact, each letter-like without any marker header). Written here in other words;
beside them customers who name their own masked card or account, ask, or sign."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "a failed charge in German: the card 'mit der Endung', a link to update it": mail(
        "abrechnung@cloudtool.example", "Zahlung fehlgeschlagen für Rechnung CT-2201",
        "Hallo Kunde GmbH,\n\nwir konnten Ihre Kreditkarte mit der Endung 9981 für die Rechnung "
        "CT-2201 (89,00 EUR) nicht belasten. Wir versuchen es am 12. Januar erneut.\n\n"
        "Bitte aktualisieren Sie Ihre Zahlungsart:\nhttps://cloudtool.example/billing\n\n"
        "Danke,\nCloudtool Abrechnung\n", name="Cloudtool Abrechnung"),
    "a receipt: the total, 'Paid with Visa •••• 1234', a help line with a link": mail(
        "hello@reseller.example", "Your receipt #55102",
        "Thanks for your purchase!\n\nOrder #55102\nTotal: EUR 48.00\nPaid with Visa •••• 1234\n\n"
        "Questions about this order? Visit https://reseller.example/help\n", name="Reseller"),
    "a debit announcement: the reader's IBAN masked, signed for the team": mail(
        "service@hoster.example", "Ihre Rechnung 2027-00418",
        "Sehr geehrte Damen und Herren,\n\nder Betrag von 12,90 EUR wird in den nächsten Tagen von "
        "Ihrem Konto DE12 **** 4455 abgebucht.\n\nMit freundlichen Grüßen\nIhr Hoster Team\n",
        name="Hoster"),
    "a reseller's receipt (tests/heldout14): 'Paid with: Visa ending 4421', help answered by a site":
        mail("help@appstore-reseller.example", "Your receipt (#88120-1102)",
             "Thanks for your purchase!\n\nOrder ID:   88120-1102\nTotal:      EUR 120.00\n"
             "Paid with:  Visa ending 4421\n\nNeed help with your order? Visit "
             "appstore-reseller.example\n", name="AppstoreReseller"),
}

PEOPLE = {
    "a customer's own card ending in ..., charged twice, asks for a refund": mail(
        "anna.berg@praxis-berg.example", "Charged twice",
        "Hello,\n\nmy card ending in 4471 was charged twice for invoice 2027-0012. Please refund "
        "one of the payments.\n\nAnna Berg\n", name="Anna Berg"),
    "a customer asks plainly to charge the card 'mit Endung' from now on, signed": mail(
        "j.weber@weber-bau.example", "Zahlungsart",
        "Hallo,\n\nbitte buchen Sie künftig von der Karte mit der Endung 9981 ab.\n\n"
        "Viele Grüße\nJonas Weber\n", name="Jonas Weber"),
    "an accountant asks whether the account **** 4455 is still the one debited": mail(
        "buchhaltung@weber-bau.example", "Lastschrift",
        "Guten Tag,\n\nwird die Rechnung weiterhin vom Konto DE12 **** 4455 abgebucht? Wir haben "
        "die Bank gewechselt.\n", name="Buchhaltung Weber Bau"),
    "a customer's accounts department: the debit from 'vom Konto **** 4455' failed, new IBAN": mail(
        "buchhaltung@mueller-metall.example", "Lastschrift Rechnung 2027-0031",
        "Sehr geehrte Damen und Herren,\n\ndie Abbuchung vom Konto DE12 **** 4455 ist "
        "fehlgeschlagen, da wir die Bank gewechselt haben. Die neue IBAN lautet DE44 5001 0517 "
        "5407 3249 31.\n\nMit freundlichen Grüßen\nMüller Metall GmbH Buchhaltung\n",
        name="Müller Metall Buchhaltung"),
    "an accounts department gives its new payment method, masked, signed for the company": mail(
        "buchhaltung@holzbau-arnold.example", "Neue Zahlungsart",
        "Guten Tag,\n\nNeue Zahlungsart ab Februar: Visa ending in 4417.\n\n"
        "Mit freundlichen Grüßen\nHolzbau Arnold GmbH\n", name="Holzbau Arnold Buchhaltung"),
    "a customer quotes 'Paid with: Visa ending 4421' and asks, naming the site": mail(
        "office@studio-west.example", "Receipt 88120-1102",
        "Paid with: Visa ending 4421, total EUR 120.00.\n\nWhy was this charged twice? See "
        "appstore-reseller.example\n", name="Studio West"),
}


test_the_payment_notice_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
