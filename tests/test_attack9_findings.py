"""Issue 21: an attack from the customers' side on session 9's rules (tests/attack9: absence
answers without a marker header, account, billing and security notices, abuse letters):
realistic mails of a hosting company's customers that those rules silenced, each beside the
machine look-alikes that must stay unanswered. Every person here was taken for a machine at
82c5853 (subject_refs, subscription_notices._pasted_below, payment_notices._asks_above, the
"i. A." of signed_replies.named_sign_off answer them) or at 81c0014 (pasted_notices: a person's
mail client and a first paragraph that asks above a notice pasted into a new mail), or at
4539755 (absence_clauses.split_before: a comma a few words before the return ends a clause) or
at 4811d01 (absence_families.own_matter: the writer confirms their own order on return), or at
edfceba (pasted_notices: a cry "!!" or a past day told in the first paragraph)."""

from __future__ import annotations

from tests.findings import findings_tests, mail

_GMAIL = "<CAFq2xT9bVh1s0dKJ7w3mYc8pLr4uN5eZ6aQ1gH2jK3lM4nO5p@mail.gmail.com>"
_THREAD = {"Thread-Index": "AQHahR4x2Hk0mZ1bS0WkYpQ3cTnVdA=="}  # Outlook's, also through Exchange Online
_UPTIME = ("Monitor is DOWN: Webshop ( https://shop.sauer-optik.example ) - Reason: Connection "
           "Timeout\n\nMonitor: Webshop\nReason: Connection Timeout\n\nView incident: "
           "https://dashboard.uptime.example/monitors/799123456\n\nYou are receiving this email "
           "because you are subscribed to alerts for this monitor.\n")
_DEFENDER = ("High severity alert: Suspicious PowerShell command line\n\nDevice: SRV-FILE01\n"
             "Detected: 14/01/2026 02:44 UTC\n\nView alert: https://security.example/alerts/da6387\n\n"
             "You are receiving this email because you are configured to receive alert notifications.\n")
_DEBIT = ("Ankündigung SEPA-Lastschrift\n\nWir ziehen am 15.01.2026 den Betrag von 119,00 EUR von "
          "Ihrem Konto DE89 **** **** **** 3000 ein.\n\nRechnung ansehen: "
          "https://account.centron.example/invoices/RE-2026-0441\n\nIhr centron Team\n")
_RECEIPT_IT = ("Ricevuta\n\nLa sua carta che termina con 4471 è stata addebitata di 29,00 EUR.\n\n"
               "Vedi fattura: https://account.centron.example/invoices/2026-0441\n\nIl team centron\n")

_SUSPENDED = ("Ihr Konto wurde gesperrt\n\nGuten Tag,\n\nwegen offener Forderungen in Höhe von 238,00 EUR "
              "haben wir Ihr Kundenkonto 40211 vorübergehend gesperrt.\n\nJetzt bezahlen: "
              "https://account.centron.example/pay/40211\n\nDiese E-Mail wurde automatisch erstellt. "
              "Bitte antworten Sie nicht auf diese E-Mail.\n")
_SIGN_IN = ("Ungewöhnliche Anmeldeaktivität\n\nLand/Region: Russische Föderation\nIP-Adresse: "
            "185.220.101.44\nDatum: 14.01.2026 03:12 (GMT)\nPlattform: Windows\n\nWenn Sie das waren, "
            "können Sie diese Nachricht ignorieren.\n\nAktivität überprüfen\nhttps://account.example/"
            "activity\n\nVielen Dank,\nDas Microsoft-Kontoteam\n")

MACHINES = {
    "an account notice that says it is automatic, sent by its program": mail(
        "noreply-billing@hoster.example", "Ihr Konto wurde gesperrt", _SUSPENDED, name="Hoster Billing"),
    "the same notice through Exchange (Thread-Index), no words of a person above it": mail(
        "billing@hoster.example", "Ihr Konto wurde gesperrt", _SUSPENDED, name="Hoster Billing",
        headers=_THREAD),
    "a sign-in alert from its service, no mail client": mail(
        "account-security@accounts.example", "Ungewöhnliche Anmeldeaktivität", _SIGN_IN,
        name="Microsoft-Kontoteam"),

    "an uptime notice from its service: footer, link, no mail client": mail(
        "alerts@uptime.example", "Monitor is DOWN: Webshop", _UPTIME, name="Uptime Alerts"),
    "a notice that opens with a stock question, from no mail client": mail(
        "notify@cloudtool.example", "Passwort zurückgesetzt",
        "Haben Sie Ihr Passwort vergessen? Hier können Sie es neu setzen:\n"
        "https://cloudtool.example/reset/9a8b\n\nSie erhalten diese E-Mail, weil Sie ein Konto bei "
        "Cloudtool haben.\n", name="Cloudtool"),
    "a debit notice whose first paragraph asks beside the masked account": mail(
        "billing@cloudtool.example", "Lastschriftankündigung",
        "Bitte beachten Sie: Wir ziehen am 15.01. 29,00 EUR von Ihrem Konto DE89 **** 3000 ein.\n\n"
        "Rechnung ansehen: https://cloudtool.example/invoices/2026-0441\n\nIhr Cloudtool Team\n",
        name="Cloudtool Billing"),
    "a receipt asking on its link's line to update the card": mail(
        "billing@saas-tool.example", "Payment failed",
        "We could not charge your card ending in 4471.\n\nPlease update your card: "
        "https://saas-tool.example/billing\n\nThe SaaS Tool Team\n", name="SaaS Tool"),
    "an out-of-office answer to an invoice's subject that does not name the invoice": mail(
        "ap@lakeside-hotels.example", "RE: Payment reminder INV-2026-0441",
        "Hello,\n\nI am out of the office until 20 January. I will reply to your email when I "
        "return.\n\nKind regards\nSarah", name="Sarah Miles"),
    "a company closed for its holidays, answering a reminder without its number": mail(
        "amministrazione@conti-srl.example", "R: Sollecito fattura 2026-0331",
        "Gentili signori,\n\nil nostro ufficio è chiuso per ferie dal 10 al 24 agosto. Risponderemo "
        "al nostro rientro.\n\nAmministrazione", name="Amministrazione Conti"),
    "a rights agency's letter from enforcement@, signed by its team": mail(
        "enforcement@bildagentur.example", "Urheberrechtsverletzung Bild-ID 448120",
        "Sehr geehrte Damen und Herren,\n\nauf https://www.shop-deko.example/laterne wird unser "
        "Bild 448120 ohne Lizenz genutzt. Wir bitten um Entfernung.\n\nMit freundlichen Grüßen\n\n"
        "Ihr Enforcement-Team\nBildagentur GmbH", name="Bildagentur"),
}

PEOPLE = {
    "Gmail: 'ist das ein Problem bei Ihnen?' above an uptime notice pasted into a new mail": mail(
        "birgit.sauer.optik@gmail.example", "Shop nicht erreichbar",
        "Hallo, ist das ein Problem bei Ihnen? Wir kriegen seit 10 Minuten diese Meldungen:\n\n"
        + _UPTIME, name="Birgit Sauer", message_id=_GMAIL),
    "Outlook through Exchange: 'See below.' above a pasted Defender alert": mail(
        "owen.price@hughes-dental.example", "Defender alert on our file server",
        "See below. Our file server is one of your managed servers.\n\n" + _DEFENDER,
        name="Owen Price", headers=_THREAD),
    "an accounts department's request above a pasted debit notice": mail(
        "buchhaltung@kramer-fenster.example", "Lastschrift 15.01.",
        "Bitte diese Lastschrift aussetzen, die Rechnung ist falsch (Server wurde zum 31.12. "
        "gekündigt).\n\n" + _DEBIT, name="Buchhaltung Kramer Fenster"),
    "'Per favore annullate' above a pasted Italian receipt": mail(
        "amministrazione@conti-srl.example", "Addebito carta",
        "Per favore annullate, abbiamo disdetto il servizio.\n\n" + _RECEIPT_IT,
        name="Amministrazione Conti"),
    "'Graag deze incasso stoppen' above a pasted Dutch debit notice": mail(
        "administratie@visser-bouw.example", "Incasso januari",
        "Graag deze incasso stoppen, het contract is opgezegd.\n\nIncasso-aankondiging\n\nOp "
        "15-01-2026 schrijven wij € 119,00 af van uw rekening NL91 **** 4300.\n\nFactuur bekijken: "
        "https://account.centron.example/invoices/2026-0441\n\nTeam centron\n",
        name="Administratie Visser"),
    "company holidays: 'Die Rechnung RE-2026-04411 wird nach unserer Rückkehr beglichen'": mail(
        "buchhaltung@kramer-fenster.example", "AW: Zahlungserinnerung Rechnung RE-2026-04411",
        "Sehr geehrte Damen und Herren,\n\nwir sind bis zum 16.08. im Betriebsurlaub. Die Rechnung "
        "RE-2026-04411 wird nach unserer Rückkehr beglichen.\n\nMit freundlichen Grüßen\ni. A. "
        "Monika Kramer\nKramer Fenster & Türen", name="Buchhaltung Kramer"),
    "fermeture annuelle: 'La facture FA-2026-0871 sera réglée à notre retour'": mail(
        "compta@dubois-menuiserie.example", "RE: Relance facture FA-2026-0871",
        "Bonjour,\n\nNotre entreprise est fermée pour congés annuels du 1er au 22 août. La facture "
        "FA-2026-0871 sera réglée à notre retour.\n\nCordialement,\nLa comptabilité\nMenuiserie "
        "Dubois", name="Comptabilité Dubois"),
    "chiuso per ferie: 'Il bonifico per la fattura 2026-0331 partirà al nostro rientro'": mail(
        "amministrazione@conti-srl.example", "R: Sollecito fattura 2026-0331",
        "Gentili signori,\n\nil nostro ufficio è chiuso per ferie dal 10 al 24 agosto. Il bonifico "
        "per la fattura 2026-0331 partirà al nostro rientro.\n\nDistinti saluti\nAmministrazione\n"
        "Conti S.r.l.", name="Amministrazione Conti"),
    "a picture agency's lawyer from enforcement@, signed 'i. A. Laura Brenner'": mail(
        "enforcement@nordlicht-bilder.example", "Urheberrechtsverletzung Bild-ID 448120",
        "Sehr geehrte Damen und Herren,\n\nauf der von Ihnen gehosteten Seite "
        "https://www.shop-deko.example/laterne wird unser Bild 448120 ohne Lizenz genutzt. Der "
        "Betreiber hat auf zwei Schreiben nicht reagiert.\n\nWir bitten Sie, den Kunden zu "
        "kontaktieren und das Bild entfernen zu lassen.\n\nMit freundlichen Grüßen\n\ni. A. Laura "
        "Brenner\nRechtsabteilung\nNordlicht Bildagentur GmbH", name="Nordlicht Bildagentur"),
}

PEOPLE |= {
    "Outlook through Exchange: 'Bitte prüfen.' above a pasted sign-in alert": mail(
        "it@heinen-logistik.example", "Sicherheitswarnung Microsoft", "Bitte prüfen.\n\n" + _SIGN_IN,
        name="IT Heinen Logistik", headers=_THREAD),
    "Outlook through Exchange: 'bitte umgehend entsperren' above a pasted suspension notice": mail(
        "buchhaltung@kramer-fenster.example", "Konto 40211 gesperrt",
        "Zahlung ist heute raus, bitte umgehend entsperren, unser Shop ist offline!\n\n" + _SUSPENDED,
        name="Buchhaltung Kramer Fenster", headers=_THREAD),
    "Outlook desktop: 'Please check asap.' above a pasted Defender alert": mail(
        "it@hughes-dental.example", "Defender alert SRV-FILE01", "Please check asap.\n\n" + _DEFENDER,
        name="Hughes Dental IT", headers={"X-Mailer": "Microsoft Outlook 16.0"}),
    "Exchange: 'Merci de vérifier, c'est notre serveur' above a pasted alert": mail(
        "informatique@laurent-immo.example", "Alerte de sécurité",
        "Merci de vérifier, c'est notre serveur hébergé chez vous.\n\nAlerte de sécurité critique\n\n"
        "Appareil : SRV-WEB02\nUtilisateur : www-data\nDétecté : 14/01/2026 02:44\n\nVoir l'alerte : "
        "https://security.example/alerts/da6387123\n\nVous recevez ce message car vous êtes abonné "
        "aux alertes.\n", name="Service informatique Laurent", headers=_THREAD),
}

MACHINES |= {
    "an absence answer whose return follows a comma a few words on": mail(
        "m.hagen@hagen-steuer.example", "AW: [Ticket#2026121510000031] Wartung Ihres Servers",
        "Guten Tag,\n\nich bin bis zum 20.01. im Urlaub, ab dem 21. Januar bin ich wieder "
        "erreichbar.\n\nMit freundlichen Grüßen\nMonika Hagen", name="Monika Hagen"),
    "an office closed between the years, back after a comma": mail(
        "kanzlei@hagen-steuer.example", "AW: [Ticket#2026121510000031] Wartung Ihres Servers",
        "Guten Tag,\n\nunsere Kanzlei ist zwischen Weihnachten und Neujahr geschlossen, ab dem 2. "
        "Januar sind wir wieder für Sie da.\n\nMit freundlichen Grüßen\nKanzlei Hagen",
        name="Kanzlei Hagen"),
}
PEOPLE |= {
    "closed between the years: 'Die Wartung am 29.12. passt deshalb gut, ab dem 2. Januar ...'": mail(
        "m.hagen@hagen-steuer.example", "AW: [Ticket#2026121510000031] Wartung Ihres Servers",
        "Guten Tag,\n\nunsere Kanzlei ist zwischen Weihnachten und Neujahr geschlossen. Die Wartung "
        "am 29.12. passt deshalb gut, ab dem 2. Januar sind wir wieder für Sie da.\n\nMit "
        "freundlichen Grüßen\nMonika Hagen", name="Monika Hagen"),
}

MACHINES |= {
    "a shop's holiday answer: it confirms *your* order after its return": mail(
        "info@moebel-kern.example", "AW: Lieferzeit Sofa Oslo",
        "Guten Tag,\n\nunser Büro ist bis zum 6. Januar geschlossen. Wir bestätigen Ihre Bestellung "
        "nach unserer Rückkehr.\n\nIhr Team von Möbel Kern", name="Möbel Kern"),
    "an absence answer: orders are confirmed after the return": mail(
        "sales@harbour-supplies.example", "RE: Quote for 20 racks",
        "Hello,\n\nI am out of the office until Monday 12 January. Orders will be confirmed after my "
        "return.\n\nKind regards\nSarah", name="Sarah Miles"),
}
PEOPLE |= {
    "at a fair: 'al mio rientro vi confermo l'ordine'": mail(
        "m.bianchi@bianchi-arredi.example", "R: Preventivo server dedicato",
        "Buongiorno,\n\nsono in fiera a Milano fino a venerdì, al mio rientro vi confermo l'ordine.\n\n"
        "Cordiali saluti\nMarco Bianchi", name="Marco Bianchi"),
    "at a fair: 'Na mijn terugkeer bevestig ik de bestelling'": mail(
        "p.devries@devries-installatie.example", "RE: Offerte back-up opslag",
        "Goedemiddag,\n\nIk ben deze week op de beurs in Amsterdam en beperkt bereikbaar. Na mijn "
        "terugkeer bevestig ik de bestelling.\n\nMet vriendelijke groet,\nPieter de Vries",
        name="Pieter de Vries"),
    "at a fair: 'Po powrocie potwierdzę zamówienie'": mail(
        "a.wisniewska@studio-wisniewska.example", "Odp: Oferta na serwer dedykowany",
        "Dzień dobry,\n\njestem na targach w Poznaniu do czwartku. Po powrocie potwierdzę zamówienie."
        "\n\nPozdrawiam\nAnna Wiśniewska", name="Anna Wiśniewska"),
}

_SUSPENDED_EN = ("Your account has been suspended\n\nDue to an outstanding balance of EUR 238.00 your "
                 "customer account 40992 has been suspended.\n\nPay now: https://account.centron.example/"
                 "pay/40992\n\nThis email was sent automatically. Please do not reply.\n")
MACHINES |= {
    "a suspension notice through Exchange (Thread-Index), nobody's line above it": mail(
        "billing@hoster.example", "Account 40992 suspended", _SUSPENDED_EN, name="Hoster Billing",
        headers=_THREAD),
}
PEOPLE |= {
    "Exchange: 'Seit 10 Minuten down!!!' above a pasted uptime notice": mail(
        "verwaltung@sauer-optik.example", "Shop down", "Seit 10 Minuten down!!!\n\n" + _UPTIME,
        name="Sauer Optik Verwaltung", headers=_THREAD),
    "Exchange: 'Paid yesterday by bank transfer' above a pasted suspension notice": mail(
        "finance@evans-audio.example", "Account 40992 suspended",
        "Paid yesterday by bank transfer, ref 40992. Remittance attached.\n\n" + _SUSPENDED_EN,
        name="Evans Audio Finance", headers=_THREAD),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
