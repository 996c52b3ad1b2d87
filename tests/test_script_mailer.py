"""Issue 21: a web application's notice sent through a script language's own mail function
(PHP's mail() writes X-PHP-Script or X-PHP-Originating-Script, naming the calling script): the
`mailer` signal of gateway/rules/machine_signals.py. Found on a real notice of a phone system's
web front end (postfixadmin's vacation test mails, GPL: measured, not kept), written here in my
own words. People whose mail passes through such a script (a webmail on PHP, a colleague's
short question) keep their answer: the header is one signal, never enough alone."""

from __future__ import annotations

from gateway.rules.machine_signals import signals
from gateway.rules.parse import parse_mail
from tests.findings import findings_tests, mail

SCRIPT = {"X-PHP-Script": "intranet.kunde.example/calls/notify.php for 10.1.2.3"}
ORIGINATING = {"X-PHP-Originating-Script": "1001:cron-mailer.php"}

MACHINES = {
    "a phone system's web front end: two links to annotate the calls, no words of a person":
        mail("pbx@kunde.example", "New call - please annotate",
             "\n\nOpen these pages to annotate the calls ... :\n\n"
             " https://intranet.kunde.example/calls/list.php\n"
             "https://intranet.kunde.example/calls/view.php?id=4471\n",
             name="\"pbx@kunde.example\"", envelope="www-data@intranet.kunde.example",
             headers=SCRIPT),
    "a shop back end's stock notice in German, its script named": mail(
        "shop@kunde.example", "Lagerbestand niedrig",
        "Artikel 1182 (Patchkabel 2 m) ist unter den Mindestbestand gefallen.\n\n"
        "https://shop.kunde.example/admin/artikel/1182\n", name="Webshop Verwaltung",
        headers=ORIGINATING),
}

PEOPLE = {
    "a person writing through a PHP webmail: greeting, question, name": mail(
        "j.weber@kunde.example", "Zugang zum Backup",
        "Hallo,\n\nkönnen Sie mir den Zugang zum Backup-Server neu zusenden?\n\n"
        "https://kunde.example/backup\n\nDanke, Jana Weber\n", name="Jana Weber",
        headers=SCRIPT),
    "a short request without greeting, through such a script": mail(
        "office@kunde.example", "Server",
        "Bitte rufen Sie mich wegen srv01 an: 0711 4890213\n", name="",
        headers=ORIGINATING),
    "a company's terse request through a webmail on PHP that names itself": mail(
        "info@kunde.example", "Neue Domain",
        "Neue Domain kunde-shop.example auf unser Paket aufschalten, SSL-Zertifikat gleich mit "
        "einrichten.\n", name="Kunde GmbH",
        headers={**ORIGINATING, "X-Mailer": "SquirrelMail (version 1.4.22)"}),
    "an English question with links, signed": mail(
        "tom@kunde.example", "Two links broken",
        "Hi, why do these two pages give a 500 since this morning?\n"
        "https://kunde.example/a\nhttps://kunde.example/b\n\nThanks,\nTom\n", name="Tom Baker",
        headers=SCRIPT),
}

test_the_script_notice_is_not_answered, test_the_person_is_answered = findings_tests(
    MACHINES, PEOPLE)


def test_the_script_header_is_a_mailer_signal_and_no_more():
    """The header counts as the program's mailer, one signal among the others."""
    found = signals(parse_mail(MACHINES["a shop back end's stock notice in German, its script "
                                       "named"][0]))
    assert "mailer" in found
    person = signals(parse_mail(PEOPLE["a short request without greeting, through such a "
                                       "script"][0]))
    assert "mailer" in person  # a signal, yet the person is answered (test above)
