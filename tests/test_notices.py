"""Issue 21.5, the held-out set's findings (tests/heldout): machine notices without marker headers
or report structure (free-text failures without the original, notices that say they are
automatic, system accounts' monitoring mail, Domino's absence notice) and the people's mails
beside them that must stay answered (footers, "please do not reply to this address", a
customer's admin writing from postmaster@ or root@)."""

from __future__ import annotations

import pytest

from gateway.rules.classify import Context, Envelope, classify
from gateway.rules.parse import parse_mail
from tests.conftest import AFTER, ANNOUNCE, make_mail

CTX = Context(own_addresses=frozenset({"technik@centron.de"}), loop_token="gw@centron.de")


def reasons(raw: bytes, sender: str) -> tuple:
    return classify(parse_mail(raw), Envelope(sender, "technik@centron.de"), CTX).reasons


def mail(sender: str, subject: str, body: str, name: str = "", **kw) -> tuple[bytes, str]:
    return make_mail(subject=subject, body=body, sender=sender, name=name, **kw), sender


MACHINES = {
    "en failure, declared, no original": mail(
        "it@firma.example", "Message not delivered",
        "Your message could not be delivered to sales@firma.example.\nReason: mailbox unavailable."
        "\n\nThis is an automatically generated message. Please do not reply.\n"
        "More information: https://help.firma.example/?topic=ndr"),
    "fr failure, declared, merci de ne pas y répondre": mail(
        "informatique@mairie.example", "Message non remis",
        "Votre message n'a pas pu être remis au destinataire accueil@mairie.example.\n\n"
        "Ceci est un message automatique, merci de ne pas y répondre."),
    "de notice declared by its tool": mail(
        "plesk@web3.example", "Das Abonnement example.com hat das Limit überschritten",
        "Sehr geehrte(r) Kunde/Kundin,\n\ndas Abonnement hat die Speicherplatzgrenze erreicht.\n\n"
        "Diese Benachrichtigung wurde automatisch von Plesk erstellt."),
    "zabbix without Auto-Submitted": mail(
        "zabbix@zbx.kunde.example", "PROBLEM: Load average is too high on web01",
        "Problem started at 09:00:00\nHost: web01\nSeverity: High"),
    "root's cron mail without X-Cron-Env": mail(
        "root@srv9.kunde.example", "Cron <root@srv9> /usr/local/sbin/renew-certs",
        "certbot: error: Failed to renew certificate", name="Cron Daemon"),
    "X-Cron-Env alone": mail("max@srv.kunde.example", "backup.sh", "rsync error: code 12",
                             headers={"X-Cron-Env": "<SHELL=/bin/sh>"}),
    "Domino absence notice without headers": mail(
        "rita.stein@logistik.example", "Rita Stein ist außer Haus.",
        "Ich werde ab  14.01.2026 nicht im Büro sein. Ich kehre zurück am  21.01.2026."),
    "postmaster's quota warning with a request": mail(
        "postmaster@kunde.example", "Quota warning",
        "Your mailbox is now 95% full. Please delete some messages."),
    "quarantine digest": mail("quarantine@messaging.microsoft.example",
                              "You have messages in quarantine", "Review these messages."),
    "a NAS in its own name (held-out synology-dsm)": mail(
        "nas@kanzlei.example", "[DS920] Hyper Backup-Aufgabe fehlgeschlagen",
        "Sehr geehrter Benutzer,\n\ndie Sicherungsaufgabe [Offsite] auf DS920 ist "
        "fehlgeschlagen.\nDas Ziel ist nicht erreichbar.\n\nVon DS920", name="Synology NAS"),
    "a router in its own name": mail(
        "box@praxis.example", "FRITZ!Box: Internetverbindung unterbrochen (Fehler)",
        "Die Internetverbindung wurde um 03:12 getrennt.", name="FRITZ!Box"),
}

PEOPLE = {
    "virus-scan footer": mail(
        "max@kurz-bau.example", "Server neu starten",
        "Server vs-4411 neu starten.\nMax Kurz\n\nDiese E-Mail wurde automatisch auf Viren geprüft."),
    "scanned footer": mail(
        "john@smith.example", "VPS reboot needed",
        "VPS 85.236.40.9 hangs, reboot it.\nJohn\n\nThis message was automatically scanned."),
    "do not reply to this address": mail(
        "john@miller.example", "Mail server down",
        "Our mail server is down. Please do not reply to this address, it is broken; "
        "call me at +49 160 1234567.\nJohn"),
    "ne pas répondre à cette adresse": mail(
        "paul@girard.example", "Serveur mail en panne",
        "Notre serveur mail est en panne, merci de ne pas répondre à cette adresse mais de "
        "m'appeler au 06 11 22 33 44.\nPaul Girard"),
    "bitte antworten Sie nicht an diese Adresse": mail(
        "max@bauer.example", "Mailserver defekt",
        "Unser Mailserver ist defekt. Bitte antworten Sie nicht an diese Adresse, sondern an "
        "max.bauer@gmail.example.\nMax Bauer"),
    "a customer's admin from postmaster@, asking": mail(
        "postmaster@kunde-agentur.example", "Frage zu SPF-Eintrag",
        "Welcher SPF-Eintrag ist für Ihre Mailserver korrekt? Reicht include:spf.centron.de?",
        name="Postmaster"),
    "a customer's admin from postmaster@, a request": mail(
        "postmaster@kunde-agentur.example", "SPF-Eintrag",
        "Bitte den SPF-Eintrag auf include:spf.centron.de setzen. Danke\nTobias Merz"),
    "root@ with a request": mail(
        "root@vserver12.kunde.example", "Backup failed auf vserver12",
        "Das Backup auf vserver12 schlägt seit gestern fehl, bitte prüfen.\nMax Lehner", name="root"),
    "root@ signing with Gruß": mail(
        "root@vserver12.kunde.example", "Backup failed",
        "Das Backup schlägt seit gestern fehl.\nGruß Max", name="root"),
    "root@ asking": mail("root@web5.kunde.example", "Firewall Port 25 gesperrt?",
                         "Ist Port 25 bei Ihnen gesperrt?", name="root"),
    "an 'undeliverable' subject with a question": mail(
        "mike@taylor.example", "Undeliverable emails",
        "All our emails to gmail come back as undeliverable since this morning. "
        "Did something change with DKIM on your side?"),
    "an appliance's name, its vendor's support signing": mail(
        "support@synology.example", "Backup failed on your DS920",
        "The backup task failed because the target was offline.\nBest regards\nLin Chen",
        name="Synology Support"),
    "an appliance's name, a person asking": mail(
        "admin@kanzlei.example", "Synology backup failed",
        "Unser Synology-Backup ins Rechenzentrum schlägt fehl. Ist bei Ihnen etwas gesperrt?",
        name="Synology Admin Kanzlei"),
    "someone out of office, asked about": mail(
        "eva@roth-praxis.example", "Unser Admin ist außer Haus - wer hilft?",
        "Unser Admin ist außer Haus. Ich werde ab morgen nicht im Büro sein. Wer kann helfen?"),
}


@pytest.mark.parametrize("raw, sender", MACHINES.values(), ids=MACHINES.keys())
def test_machine_notices_without_markers(raw, sender):
    assert reasons(raw, sender), "taken for a person"


@pytest.mark.parametrize("raw, sender", PEOPLE.values(), ids=PEOPLE.keys())
def test_people_beside_them_stay_people(raw, sender):
    assert reasons(raw, sender) == ()


def test_a_monitoring_alert_is_a_ticket_before_the_cutover_and_unanswered_after(gateway):
    raw, sender = MACHINES["zabbix without Auto-Submitted"]
    _, before = gateway.receive(raw, ANNOUNCE, sender=sender)
    assert (before.action, before.reply) == ("ticket", None)
    _, after = gateway.receive(raw.replace(b"<m1@", b"<m2@"), AFTER, sender=sender)
    assert (after.action, after.reason, after.reply) == ("suppress", "machine-notice", None)
