"""Issue 21, findings of the real mails of a helpdesk's intake test suite (zammad/zammad,
test/data/mail, AGPL-3.0: measured outside the repository, not vendored; figures in
docs/development.md): machines that were answered, each rebuilt here as a short synthetic mail
of the same structure (no text of those files), beside the people that look like them and must
stay answered."""

from __future__ import annotations

import pytest

from tests.findings import attached, mail, reasons

LIBRARY = {"X-Mailer": "MIME::Lite 3.030 (F2.85; T2.17; A2.21; B3.15; Q3.13)"}
OUTLOOK = {"X-Mailer": "Microsoft Outlook 16.0"}

MACHINES = {
    # a database server's scheduled report: the system account sends a CSV and no word
    "a database account's CSV report with an empty text": attached(mail(
        "postgres@db-02.kunde.example", "Offene Vertraege gefunden: 3", "", name=""),
        "text/csv", "vertraege.csv"),
    "a database account's report uuencoded into the text": mail(
        "mysql@db-02.kunde.example", "Offene Vertraege gefunden: 3",
        "begin 644 vertraege.csv\nM5D525%)!1SM35$%455,*,3(S.V]F9F5N\n`\nend\n", name=""),
    "root's empty mail with a log attached, envelope root": attached(mail(
        "root@app01.kunde.example", "Export Kundenliste", "\n", name="root"),
        "application/gzip", "export.log.gz"),
    # an application mails an invoice through a mail library, a banner and no person's words
    "a billing system's invoice through MIME::Lite, a banner for a text": attached(mail(
        "team@abrechnung.example", "Ihre Rechnung als PDF-Dokument",
        "*****************************\n\nABC Hosting          Kundenservice\n\n"
        "-----------------------------\n\nABC Hosting GmbH * Hafenstr. 1 * 20457 Hamburg\n",
        name="ABC Hosting", headers=LIBRARY), "application/pdf", "rechnung_4711.pdf"),
    "a statement through PHPMailer with a table of fields": attached(mail(
        "konto@portal.example", "Kontoauszug 02/2026",
        "Kundennummer: 88123\nZeitraum: 01.02.2026 - 28.02.2026\nSaldo: 0,00 EUR\n",
        name="Portal", headers={"X-Mailer": "PHPMailer 6.9.1 (https://github.com/PHPMailer)"}),
        "application/pdf", "auszug.pdf"),
    # a vendor's notice whose footer says why it comes and how to stop it
    "a quota notice: 'You receive this e-mail as', unsubscribe from further e-mails": mail(
        "service@speicher.example", "Storage information: quota almost reached",
        "Dear Mr. Berger,\n\nyour backup storage has reached 92 % of its quota. More storage can "
        "be booked at https://shop.speicher.example/storage\n\nKind regards,\nYour Speicher "
        "Team\n\nYou receive this e-mail as the technical contact of contract 4711. Use "
        "https://speicher.example/unsubscribe?id=77 to unsubscribe from further e-mails.\n\n"
        "Speicher GmbH * Hauptstr. 3 * 70173 Stuttgart", name="Speicher"),
    # an issue tracker's notification, its own header, nobody's words
    "a tracker's notice: X-JIRA-FingerPrint, '[JIRA] (OPS-12) ...', 'Issue updated'": mail(
        "ops@tracker.example", "[JIRA] (OPS-12) Zugang Testsystem", "Issue updated\n",
        name="IT Kunde", headers={"X-JIRA-FingerPrint": "0f3c9d6b44e1a0c9b2dfa6c1e6d0a7a1"}),
    "a code host's notice with X-GitLab-Project and a link": mail(
        "git@git.kunde.example", "kunde/shop | Pipeline #4711 has failed",
        "Pipeline #4711 has failed for main: https://git.kunde.example/kunde/shop/-/pipelines/4711\n",
        name="Kunde Git", headers={"X-GitLab-Project": "shop", "X-GitLab-Pipeline-Id": "4711"}),
}

PEOPLE = {
    "a person at root@ who writes and asks, a file attached": attached(mail(
        "root@app01.kunde.example", "Export Kundenliste",
        "Hallo, anbei das Log vom Export. Könnt ihr bitte schauen, warum er abbricht?\n\nGruß\nTom",
        name="Tom Weber"), "text/plain", "export.log"),
    "a person sending a CSV without a word from her own mailbox": attached(mail(
        "anna.berg@kunde.example", "Offene Vertraege gefunden: 3", "", name="Anna Berg"),
        "text/csv", "vertraege.csv"),
    "a person writing from a database account's mailbox, no file": mail(
        "oracle@db-02.kunde.example", "Listener startet nicht",
        "Hallo zusammen,\n\nder Listener auf db-02 startet seit dem Update nicht mehr. Was "
        "können wir tun?\n\nViele Grüße\nJens Krüger", name="Jens Krüger"),
    "a person through a webmail on PHPMailer, an invoice attached, signed": attached(mail(
        "buchhaltung@kunde.example", "Ihre Rechnung als PDF-Dokument",
        "Hallo,\n\nanbei die korrigierte Rechnung.\n\nViele Grüße\nPetra Lang", name="Petra Lang",
        headers={"X-Mailer": "PHPMailer 6.9.1"}), "application/pdf", "rechnung.pdf"),
    "a person in Outlook sending a PDF without words": attached(mail(
        "petra.lang@kunde.example", "Rechnung", "", name="Petra Lang", headers=OUTLOOK),
        "application/pdf", "rechnung.pdf"),
    "a person asking how to stop 'You receive this e-mail' mails": mail(
        "kurt@kunde.example", "Newsletter abbestellen",
        "Hallo,\n\nich bekomme jeden Tag eine Mail mit dem Satz 'You receive this e-mail because "
        "you ordered a licence' und einem Link https://x.example/unsub. Wie kann ich "
        "mich abmelden?\n\nGruß\nKurt Maier", name="Kurt Maier"),
    "a person whose own text says to unsubscribe him from further e-mails, signed": mail(
        "kurt@kunde.example", "Abmeldung",
        "Please unsubscribe from further e-mails my old address kurt@alt.example, see "
        "https://portal.example/profile\n\nThanks,\nKurt Maier", name="Kurt Maier"),
    "an agent's comment mailed through the tracker, asking and signed": mail(
        "jira@partner.example", "[JIRA] (ITS-88) Firewall-Freigabe",
        "Lena Vogt commented on ITS-88:\n\nHallo, könnt ihr bitte Port 8443 für 203.0.113.7 "
        "freigeben?\n\nDanke,\nLena Vogt", name="Lena Vogt (Jira)",
        headers={"X-JIRA-FingerPrint": "5d2a1f07d0e3b2a1c4d5e6f7a8b9c0d1"}),
    "a person writing about a tracker without its header": mail(
        "lena.vogt@partner.example", "[JIRA] (ITS-88) Firewall-Freigabe", "Issue updated\n",
        name="Lena Vogt"),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machines_of_the_zammad_mails_are_not_answered(raw, sender):
    assert reasons(raw, sender), "a machine's mail must not be answered"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_are_answered(raw, sender):
    assert reasons(raw, sender) == ()


def test_uuencoded_files_are_found_in_one_pass_and_an_unclosed_begin_is_text():
    from gateway.rules.library_senders import _without_uuencoded
    assert _without_uuencoded("begin 644 r.csv\nM4E5,15\n`\nend\nGruß Tom") == ("Gruß Tom", True)
    hostile = "begin 644 a.csv\nM4E5\n" * 20000  # no "end": a regex scanning to it was quadratic
    text, found = _without_uuencoded(hostile)
    assert not found and text.count("begin 644") == 20000
