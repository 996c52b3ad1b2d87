"""Issue 21, findings of the real mails that ship inside registry packages (tests/corpus/real/
registry_packages, README.md there): machines that were answered at first contact, and people
who were silenced; beside each fix the people's look-alikes that must stay answered."""

from __future__ import annotations

import pytest

from tests.corpus_figures import REAL, file_samples
from tests.findings import mail, reasons

PACKAGES = REAL / "registry_packages"


def corpus(kind: str, mode: str) -> list:
    paths = sorted(p for p in (PACKAGES / kind).iterdir() if p.suffix in (".eml", ".txt"))
    return file_samples(paths, kind == "machines", mode)


@pytest.mark.parametrize("mode", ["return-path", "from"])
def test_the_packages_machines_are_machines_and_people_people(mode):
    """Every bounce and auto-reply of baunsu and bounced is a machine's, every person of
    django-mailbox a person's, for the classifier itself (no repeated Message-ID hides one)."""
    machines, people = corpus("machines", mode), corpus("people", mode)
    assert len(machines) >= 30 and len(people) >= 5
    assert [name for name, _, raw, sender, _ in machines if not reasons(raw, sender)] == []
    assert [name for name, _, raw, sender, _ in people if reasons(raw, sender)] == []

MACHINES = {
    # Outlook 2003's Latvian out-of-office subject: "Out of office" before "automatic reply:".
    "a Latvian Outlook absence reply, its text in English": mail(
        "a.berzins@birojs.example", "Ārpus biroja atrašanās automātiskā atbilde: Serveris",
        "Thank you for your email.\n\nI am out of office and will be back on Tuesday 9:00.\n"),
    "the same, its subject without diacritics": mail(
        "a.berzins@birojs.example", "Arpus biroja atrasanas automatiska atbilde: Serveris",
        "Paldies par e-pastu.\n\nEsmu atvaļinājumā līdz 14. februārim. Steidzamos jautājumos "
        "rakstiet uz info@birojs.example.\n"),
    "a Latvian absence reply that asks to contact a colleague ('Lūdzu, sazinieties ar')": mail(
        "a.berzins@birojs.example", "Automātiskā atbilde: Serveris",
        "Labdien,\n\nesmu atvaļinājumā līdz 14. februārim. Lūdzu, sazinieties ar kolēģi "
        "info@birojs.example.\n"),
}

PEOPLE = {
    "a Latvian customer asking about their absence reply": mail(
        "a.berzins@birojs.example", "Ārpus biroja atrašanās automātiskā atbilde: nestrādā",
        "Labdien,\n\nmana automātiskā atbilde nestrādā. Vai varat palīdzēt?\n\nAndris"),
    "a Latvian customer pasting their absence reply, asking to check it ('Lūdzu, pārbaudiet')":
        mail("a.berzins@birojs.example", "Automātiskā atbilde: netiek nosūtīta",
             "Esmu atvaļinājumā līdz 14. februārim.\n\nLūdzu, pārbaudiet, kāpēc šī atbilde "
             "netiek nosūtīta.\n"),
}


@pytest.mark.parametrize("name", MACHINES)
def test_machine_not_answered(name: str) -> None:
    assert reasons(*MACHINES[name]), name


@pytest.mark.parametrize("name", PEOPLE)
def test_person_answered(name: str) -> None:
    assert reasons(*PEOPLE[name]) == (), name


def relayed(own_headers: str, trace: str, envelope: str, body: str = "Hallo,\n\nder Umzug "
            "des Postfachs hat geklappt, aber der Kalender fehlt. Wer kann helfen?\n\nPetra\n"
            ) -> tuple[bytes, str]:
    """A mail as a mailbox records it: the relays' trace (`trace`, top first) above the sender's
    own headers, the envelope sender given."""
    head = (f"Return-Path: <{envelope}>\n{trace}{own_headers}"
            "Date: Thu, 31 Jan 2013 12:00:08 -0600\nTo: technik@centron.de\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n")
    return (head + "\n" + body).replace("\n", "\r\n").encode(), envelope


SRS = "SRS0=RahL=LY=kunde.example=petra@bounce.forwarder.example"
# A hosting provider's qmail forwarder: it stamps "Precedence: bulk" between its own trace lines.
FORWARDER_TRACE = (
    "Received: (qmail 23678 invoked from network); 31 Jan 2013 18:00:47 -0000\n"
    "Delivered-To: petra@weiterleitung.example\nPrecedence: bulk\n"
    "Received: (qmail 23676 invoked by uid 30297); 31 Jan 2013 18:00:47 -0000\n"
    "Received: from mail.kunde.example ([72.20.128.10]) by relay.forwarder.example with ESMTP;"
    " 31 Jan 2013 11:00:28 -0700\n")
PERSON = "From: Petra Lang <petra@kunde.example>\nSubject: Re: Postfach-Umzug\n" \
         "Message-ID: <510A5CC8.6E86@kunde.example>\nIn-Reply-To: <a1@centron.de>\n"

FORWARDED_PEOPLE = {
    "a person's reply re-sent by a forwarder that stamps Precedence: bulk (SRS envelope)":
        relayed(PERSON, FORWARDER_TRACE, SRS),
    "the same, measured with the From as envelope (the Return-Path recorded is the SRS one)":
        (relayed(PERSON, FORWARDER_TRACE, SRS)[0], "petra@kunde.example"),
}
FORWARDED_MACHINES = {
    "a newsletter forwarded the same way: its own Precedence: bulk below every Received header":
        relayed("From: News <news@shop.example>\nSubject: Angebote der Woche\n"
                "Message-ID: <n1@shop.example>\nPrecedence: bulk\n", FORWARDER_TRACE, SRS,
                "Unsere Angebote der Woche: 20 % auf alles.\n"),
    "a list manager that prepends Precedence: bulk with its list headers (ezmlm), SRS envelope":
        relayed(PERSON, "Received: (qmail 1 invoked by uid 99); 31 Jan 2013 18:00:47 -0000\n"
                "Mailing-List: contact users-help@lists.example; run by ezmlm\n"
                "Precedence: bulk\nList-Post: <mailto:users@lists.example>\n"
                "Received: (qmail 2 invoked from network); 31 Jan 2013 18:00:46 -0000\n", SRS),
    "a Precedence: bulk written on the way, no SRS envelope (no forwarder's sign)":
        relayed(PERSON, FORWARDER_TRACE, "petra@kunde.example"),
}


@pytest.mark.parametrize("name", FORWARDED_PEOPLE)
def test_forwarders_precedence_silences_nobody(name: str) -> None:
    assert reasons(*FORWARDED_PEOPLE[name]) == (), name


@pytest.mark.parametrize("name", FORWARDED_MACHINES)
def test_senders_precedence_still_counts(name: str) -> None:
    assert reasons(*FORWARDED_MACHINES[name]), name


# Seen in a Debian package's test mails (measure only): the Unix vacation program's answer,
# "Re: " and the address, a sentence saying it is automatic, and the writer's signature block.
VACATION_TEXT = (
    "This is an automated response to a message you have sent to j.weber@firma.example.\n\n"
    "I will be out of the office until Monday, March 3 2025.\n\n"
    "I will reply to your email when I return.\n\nJan\n\n___________________\n\nJan Weber\n"
    "Network/Systems Manager\nFirma GmbH\n0911-123.4567\nhttp://www.firma.example\n")
VACATION = {
    "the vacation program's answer with a signature block": mail(
        "j.weber@firma.example", "Re: j.weber@firma.example", VACATION_TEXT),
    "the same in German": mail(
        "j.weber@firma.example", "Re: Serverumzug",
        "Dies ist eine automatisch erstellte Antwort.\n\nIch bin bis zum 3. März nicht im Büro. "
        "Nach meiner Rückkehr melde ich mich.\n\nJan Weber\n"),
}
VACATION_PEOPLE = {
    "a person away who says so in a reply and reports a failure": mail(
        "j.weber@firma.example", "Re: Serverumzug",
        "This is not an automated response: I will be out of the office until Monday and will "
        "reply to your email when I return. The backup of srv02 failed again last night.\n"
        "Jan\n"),
    "a person quoting the notice they got and asking": mail(
        "j.weber@firma.example", "Re: Serverumzug",
        "I get this back from our own server: 'This is an automated response to a message you "
        "have sent to info@firma.example. I will be out of the office until Monday.' Why?\n"),
}


@pytest.mark.parametrize("name", VACATION)
def test_vacation_programs_answer_is_a_machines(name: str) -> None:
    assert reasons(*VACATION[name]), name


@pytest.mark.parametrize("name", VACATION_PEOPLE)
def test_person_away_or_quoting_a_vacation_answer_is_answered(name: str) -> None:
    assert reasons(*VACATION_PEOPLE[name]) == (), name


# Seen in a Debian package's test mails (measure only): an RSS-to-mail gateway's items, one
# mail per news item, from its rssfeeds@ address, the item's link and summary as text.
FEED_TEXT = ("URL: http://www.news.example/click/-2,8676018,1440/\nDate: Not supplied\n\n"
             "Pioneering contributions to astrophysics have provided two new windows on the "
             "Universe\n")
FEEDS = {
    "an RSS gateway's item from rssfeeds@": mail(
        "rssfeeds@home.example", "Physicists win Nobel Prize", FEED_TEXT, name="newscientist"),
    "an rss2email item: the reader's own address, the program's X-RSS-Feed header": mail(
        "user@rss2email.invalid", "Physicists win Nobel Prize", FEED_TEXT,
        name="New Scientist: Jane Doe",
        headers={"X-RSS-Feed": "http://www.news.example/rss", "X-RSS-ID": "8676018"}),
}
FEED_PEOPLE = {
    "Russ, whose name is no feed's": mail(
        "russ@kanzlei.example", "RSS-Feed der Website",
        "Hallo,\n\nder RSS-Feed unserer Website https://kanzlei.example/feed zeigt seit gestern "
        "nichts mehr an. Können Sie nachsehen?\n\nGruß\nRuss"),
}


@pytest.mark.parametrize("name", FEEDS)
def test_feed_items_are_a_programs(name: str) -> None:
    assert reasons(*FEEDS[name]), name


@pytest.mark.parametrize("name", FEED_PEOPLE)
def test_a_person_writing_about_a_feed_is_answered(name: str) -> None:
    assert reasons(*FEED_PEOPLE[name]) == (), name
