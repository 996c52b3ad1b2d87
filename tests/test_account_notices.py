"""Issue 21 (tests/heldout6, 9, 11, 12, 13, 14: a registrar's failed auto-renewal and expiring
domain, a subscription's renewal, sending paused or disabled for the reader's account, a panel's
webspace nearly used up, a direct debit announced on the reader's account): a provider's notice
about the state of the reader's own account, domain or subscription
(gateway/rules/account_notices.py), written here in other words and languages; beside them the
people who write about their own domain, order or account, or about such a notice."""

from __future__ import annotations

import time

from gateway.rules.account_notices import account_notice
from gateway.rules.parse import parse_mail
from tests.findings import findings_tests, mail

MACHINES = {
    "a registrar: the reader's domain expires, a link to renew it, a team signs": mail(
        "service@domainhaus.example", "Domain kanzlei-ost.example läuft ab",
        "Guten Tag,\n\nIhre Domain kanzlei-ost.example läuft am 03.02.2027 ab. Die automatische "
        "Verlängerung ist ausgeschaltet.\n\nJetzt verlängern:\n"
        "https://kunden.domainhaus.example/domains/kanzlei-ost.example\n\n"
        "Mit freundlichen Grüßen\nIhr DomainHaus-Team\n", name="DomainHaus"),
    "a hoster in French: the renewal of the reader's subscription failed, the amount": mail(
        "facturation@nuage-sud.example", "Échec du renouvellement",
        "Bonjour,\n\nle renouvellement de votre abonnement Cloud M a échoué : le paiement de "
        "29,00 € a été refusé.\n\nMettez à jour votre moyen de paiement dans l'espace client.\n\n"
        "L'équipe Nuage Sud\n", name="NuageSud"),
    "a sending service: sending suspended for the reader's account, a page to review it": mail(
        "compliance@mailsend.example", "Account under review",
        "Hi,\n\nWe have suspended sending for your account because of a high complaint rate "
        "(0.6%).\n\nReview your sending: https://app.mailsend.example/account/compliance\n\n"
        "Thanks,\nMailsend Compliance\n", name="Mailsend"),
    "a panel on its host: the reader's mailbox nearly used up, it signs with its own name": mail(
        "panel@host1.hoster-west.example", "Ihr Postfach ist fast voll",
        "Hallo Frau Weber,\n\nSie haben zur Zeit 4.800 MiB von 5.000 MiB Ihres Postfachs "
        "verbraucht (96 %).\n\nBitte löschen Sie alte Nachrichten.\n\nMit freundlichen Grüßen\n\n"
        "panel\n", name="panel"),
    "a registrar in Spanish: the reader's domain expires, a link": mail(
        "avisos@dominios-sur.example", "Su dominio caduca pronto",
        "Hola,\n\nsu dominio tienda-sur.example caduca el 12/03/2027.\n\nRenueve aquí: "
        "https://panel.dominios-sur.example/renovar/tienda-sur\n\nDominios Sur\n",
        name="DominiosSur"),
    "a marketplace (HTML turned text): the reader's item sold, a row with the price, a button":
        mail("orders@marktplatz.example", "Sie haben einen Artikel verkauft: Dell R640",
             "Hallo shop-nord,\n\nGlückwunsch, Ihr Artikel wurde verkauft! Bitte versenden Sie "
             "ihn bis Freitag.\n\nDell PowerEdge R640 | 899,00 EUR\n---|---\n\nKäufer: k***n (58)"
             "\n\n[Versandetikett drucken](https://www.marktplatz.example/versand)\n",
             name="Marktplatz"),
}

PEOPLE = {
    "a customer asks whether the domain in the notice is theirs to renew": mail(
        "info@kanzlei-ost.example", "Domain läuft ab",
        "Guten Tag,\n\nIhre Domain kanzlei-ost.example läuft am 03.02.2027 ab, steht in einer Mail "
        "von https://kunden.domainhaus.example/domains - müssen wir da etwas tun?\n",
        name="Kanzlei Ost"),
    "a company's accounting: charged twice from our account, order 12345, a link": mail(
        "buchhaltung@firma-nord.example", "Doppelte Abbuchung Bestellung 12345",
        "Sehr geehrte Damen und Herren,\n\nfür Ihre Bestellung 12345 wurden 89,00 € zweimal von "
        "unserem Konto abgebucht, die Verlängerung lief doppelt. Bitte erstatten Sie einen Betrag: "
        "https://portal.firma-nord.example/orders/12345\n\nFirma Nord GmbH\n",
        name="Firma Nord GmbH"),
    "a customer: I was charged twice for the renewal, order 12345": mail(
        "billing@studio-west.example", "Renewal charged twice",
        "Hello,\n\nyour renewal of order 12345 failed and was charged twice: EUR 49.00 on 2 and 3 "
        "March, I see both on the statement.\n\nStudio West\n", name="Studio West"),
    "an agency writes about the reader's subscription and signs with a name": mail(
        "hello@agentur-blau.example", "Abo",
        "Hallo,\n\nIhr Abonnement für den Server läuft am 31.03. ab, bitte verlängern: "
        "https://portal.centron.example/vertrag/4410\n\nViele Grüße\nLaura Fischer\n",
        name="Agentur Blau"),
    "a customer sends the notice on (Fwd:)": mail(
        "office@kanzlei-ost.example", "Fwd: Domain kanzlei-ost.example läuft ab",
        "Ihre Domain kanzlei-ost.example läuft am 03.02.2027 ab.\n"
        "https://kunden.domainhaus.example/domains/kanzlei-ost.example\n", name="Kanzlei Ost"),
    "a customer by name writes that the reader's certificate expired, a link": mail(
        "max.weber@weber-bau.example", "Zertifikat abgelaufen",
        "Ihr Webspace-Zertifikat ist abgelaufen: https://weber-bau.example/shop zeigt eine "
        "Warnung. 100 % der Besucher sehen das.\n", name="Max Weber"),
    "a customer's IT team pastes the registrar's notice under 'folgende Mail kam heute'": mail(
        "it@kanzlei-ost.example", "Domain",
        "Hallo,\n\nfolgende Mail kam heute:\n\nIhre Domain kanzlei-ost.example läuft am "
        "03.02.2027 ab.\nhttps://kunden.domainhaus.example/domains/kanzlei-ost.example\n\n"
        "Bitte kümmern Sie sich darum.\n\nIhr IT-Team\n", name="Kanzlei Ost IT-Team"),
    "a buyer asks when the server comes that the platform says was sold to them": mail(
        "einkauf@praxis-nowak.example", "Dell R640",
        "Hallo,\n\nIhr Artikel wurde verkauft, sagt die Plattform, 899,00 EUR sind bezahlt - wann "
        "kommt der Server?\n", name="Praxis Nowak"),
}

test_the_notice_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)


def test_the_notices_are_account_notices():
    """The machines above are taken by this rule, not by another one that happened to match."""
    for raw, _ in MACHINES.values():
        assert account_notice(parse_mail(raw))


def test_a_long_hostile_text_stays_cheap():
    line = "your domain " + "renew " * 40 + "x" * 300 + " 5 € https://a.example/b\n"
    raw, _ = mail("billing@provider.example", "Renewal", line * 400, name="Provider")
    parsed = parse_mail(raw)
    started = time.process_time()
    account_notice(parsed)
    assert time.process_time() - started < 0.05
