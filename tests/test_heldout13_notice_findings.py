"""tests/heldout13 (a blind set, measured once at c739964): notices still answered at first
contact: root of a customer's host reporting an address its firewall blocked, and a mail log's
daily summaries (a system account, whose subject said neither as a monitoring word); notices
sent through a sending platform whose envelope is a bounce token per message (Amazon SES's
`0102…-…-000000@`, a `pm_bounces@` box), the words a company's letter (also tests/heldout12's
registrar reminder); a brand-protection firm's trademark notice from `enforcement@`, and
(tests/heldout12) a takedown service's letter whose evidence is a defanged link and an IP
address field, no clickable link; a payment reminder whose footer names the tool it went out
with ("Diese E-Mail wurde mit … versendet"), and (tests/heldout12) a new sign-in notice: fields
and "If this was you, you can ignore this email". Written here in other words; beside them
people who write from the same accounts or through the same platforms and ask."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "root of a host: a firewall daemon blocked an address, its fields and a log line": mail(
        "root@web3.spedition-lang.example", "sshguard on web3: blocked 203.0.113.9 (DE/Germany)",
        "Time:     Mon Jan 11 03:12:09 2027\nIP:       203.0.113.9\nFailures: 8 (sshd)\n\n"
        "Log entries:\n\nJan 11 03:12:01 web3 sshd[311]: Invalid user admin from 203.0.113.9\n",
        name="sshguard"),
    "root of a mail host: the log's summaries, a table of counts": mail(
        "root@mail.spedition-lang.example", "Mail log summaries for Jan 10",
        "Mail log summaries for Jan 10\n\nTotals\n------\n   1204   received\n"
        "   1180   delivered\n     24   rejected (2%)\n", name="root"),
    "a renewal reminder through a platform: a hexadecimal token per message as envelope": mail(
        "accounts@registrar.example", "Your domain kanzlei-lang.example expires in 14 days",
        "Hello,\n\nyour domain kanzlei-lang.example expires on 1 February 2027. Renew it in your "
        "account: https://registrar.example/renew\n\nThanks,\nThe Registrar Team\n",
        name="Registrar", envelope="0102019a7b3c4d5e-6f7a8b9c-000000@eu-central-1.platform.example"),
    "a supplier's payment reminder through a platform's pm_bounces box": mail(
        "rechnung@papier-klein.example", "Zahlungserinnerung Rechnung 2027-0012",
        "Sehr geehrte Damen und Herren,\n\ndie Rechnung 2027-0012 über 88,10 EUR ist noch offen. "
        "Bitte überweisen Sie den Betrag in den nächsten 7 Tagen.\n\nMit freundlichen Grüßen\n"
        "Papier Klein GmbH\n", name="Papier Klein GmbH",
        envelope="pm_bounces@pm-bounces.rechnungstool.example"),
    "a takedown letter from a reporting role: a defanged link and an IP field as evidence": mail(
        "takedown@brandwatch-sec.example", "Phishing site takedown - case 5510832",
        "To whom it may concern,\n\nwe act for a bank to shut down a phishing page at\n\n"
        "hxxps://login-volksbank-verify[.]example/konto\n\nIP Address: 203.0.113.77\n\n"
        "We request that you disable the site. Please reference case 5510832.\n\n"
        "Thank you for your assistance,\nSecurity Operations Center\n", name="Takedown Desk"),
    "a trademark notice from a brand-protection firm's enforcement role, the URL and IP": mail(
        "enforcement@markenschutz-nord.example", "Notice of trademark infringement - Ref. MN-4410",
        "Dear Sir or Madam,\n\non behalf of our client, the owner of the trademark SEEBLICK, we "
        "notify you of counterfeit goods offered at\n\n  URL: https://seeblick-outlet.example/\n"
        "  IP address: 203.0.113.81\n\nWe request that you remove the content. Please quote "
        "MN-4410.\n\nSincerely,\nEnforcement Team\n", name="Markenschutz Nord"),
    "a reminder whose footer names the tool it went out with, fields, a request": mail(
        "buchhaltung@druckhaus-nord.example", "Zahlungserinnerung Rechnung 2027-0044",
        "Sehr geehrte Damen und Herren,\n\nfolgende Rechnung ist noch offen:\n\n"
        "Rechnung Nr.: 2027-0044\nBetrag: 96,00 EUR\nFällig seit: 02.01.2027\n\n"
        "Bitte überweisen Sie den Betrag in den nächsten 7 Tagen.\n\nMit freundlichen Grüßen\n"
        "Druckhaus Nord GmbH\n\n--\nDiese Nachricht wurde mit Faktura-Online versendet.\n",
        name="Druckhaus Nord GmbH", headers={"X-PM-Message-Id": "4b1c2d3e-0000-4000-8000-1234"}),
    "a new sign-in notice: fields, 'if this wasn't you' to the reader": mail(
        "hello@vaultapp.example", "New sign-in to your Vault account",
        "Your Vault account was used to sign in from a new device.\n\nDevice: Chrome on Windows\n"
        "Location: Hamburg, Germany\nIP: 203.0.113.14\n\nIf this wasn't you, reset your password "
        "and tell your administrator.\n\nVault\n", name="Vault"),
}

PEOPLE = {
    "a customer writes from root of the host: their address was blocked, why": mail(
        "root@web3.spedition-lang.example", "IP blocked",
        "Our office IP 203.0.113.9 was blocked on web3 since this morning, why? Jan Lang, "
        "0171 2223334\n", name="root"),
    "a customer sends the summaries on and asks about the rejected mails": mail(
        "root@mail.spedition-lang.example", "Mail log summaries for Jan 10",
        "24 rejected yesterday, all to one customer of yours. Is something blocked?\n",
        name="root"),
    "an agent answers through a helpdesk on the same platform, signs and asks": mail(
        "support@analytics-kestrel.example", "Re: [Ticket#2027011110000031] Port 25",
        "Hi,\n\ncould you unblock port 25 on 203.0.113.40 for our relay? We moved the service "
        "yesterday.\n\nBest regards,\nHannah Cole\n", name="Hannah Cole",
        envelope="0102019a7b3c4d5e-6f7a8b9c-000000@eu-central-1.platform.example"),
    "a clerk writes a plain request through the pm_bounces platform, signed": mail(
        "rechnung@papier-klein.example", "Rechnungsadresse",
        "Guten Tag,\n\nbitte schicken Sie Ihre Rechnungen künftig an buchhaltung@papier-klein."
        "example.\n\nViele Grüße\nMaria Klein\n", name="Maria Klein",
        envelope="pm_bounces@pm-bounces.rechnungstool.example"),
    "an analyst writes from takedown@ with a defanged link and signs with a name": mail(
        "takedown@brandwatch-sec.example", "Phishing on your network",
        "Hello,\n\nhxxps://login-volksbank-verify[.]example is still up on 203.0.113.77. "
        "Please take it down today.\n\nBest regards,\nLaura Brenner\n", name="Laura Brenner"),
    "a customer's legal team writes from enforcement@ and asks about a trademark": mail(
        "enforcement@seeblick.example", "Trademark SEEBLICK",
        "Guten Tag,\n\nunter https://seeblick-outlet.example werden gefälschte Waren mit unserer "
        "Marke angeboten. Liegt die Seite bei Ihnen?\n\nTeam Recht\n", name="Seeblick Recht"),
    "a customer reports a login, 'falls Sie das waren', asks and signs": mail(
        "t.berger@berger-logistik.example", "Login auf srv02",
        "Hallo,\n\nheute Nacht gab es einen Login auf srv02 von 203.0.113.5. Falls Sie das waren, "
        "alles gut, sonst bitte sofort melden.\n\nGruß\nTim Berger\n", name="Tim Berger"),
    "a customer's mail from their own ticket tool, a request signed with a name": mail(
        "service@berger-logistik.example", "Rechnungsanschrift",
        "Guten Tag,\n\nbitte ändern Sie unsere Rechnungsanschrift auf Hafenstraße 4, Bremen.\n\n"
        "Viele Grüße\nTim Berger\n\n--\nDiese E-Mail wurde mit unserem Ticketsystem versendet.\n",
        name="Berger Logistik Service"),
    "an admin pastes a sign-in alert with its 'If this wasn't you' under a lead-in": mail(
        "admin@studio-kaya.example", "Strange login",
        "Got a sign-in alert:\nAccount: admin\nLocation: Lagos\nIP: 203.0.113.10\n"
        "If this wasn't you, lock the account asap.\n"),
    "a publisher's legal department from copyright@: a link, asks to check (no reporting role)": mail(
        "copyright@verlag-mehr.example", "Urheberrecht: Kopie unserer Artikel",
        "Guten Tag,\n\nunter https://kopie-portal.example/artikel werden unsere Artikel ohne "
        "Erlaubnis kopiert (Urheberrecht). Bitte prüfen Sie, ob die Seite bei Ihnen liegt.\n\n"
        "Verlag Mehr, Rechtsabteilung\n", name="Verlag Mehr"),
}


test_the_notice_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
