"""tests/heldout18 (blind set, first measure on 5642dc1): machines answered, written here in other
words, with the people that look like them and must stay answered: a helpdesk's acknowledgement
in Italian ("Abbiamo ricevuto il tuo messaggio") and in German ("Wir haben diese unter der
folgenden Nummer erfasst"); a copier's scan from its own host name; a storage cluster's health
alert (its mailer an alerting program); a backup report in markdown ("- **Job ID**: ..."); a
certified-mail (PEC) envelope with only data files; an intrusion-detection network's automated
letter signed with the name it gives itself; a notice from `powiadomienia@`; a registrar's
notice whose one-word display name was read as a person's because its first three letters stand
inside `support` ("Portico <support@>"); a fax service's mail signed by its team."""

from __future__ import annotations

from tests.findings import attached, findings_tests, mail

_PEC = {"X-Trasporto": "posta-certificata", "X-TipoRicevuta": "completa"}
_PEC_TEXT = ("Messaggio di posta certificata\n\nIl giorno 02/03/2026 alle ore 09:10:11 (+0100) il "
             "messaggio \"Invio File 4471\" è stato inviato da \"sistema@pec.esempio.it\"\n"
             "indirizzato a:\nufficio@pec.centron-esempio.it\n\n"
             "Notifica di scarto: il file è stato scartato. Errore 00404\n")



def _pec_with_original() -> tuple[bytes, str]:
    """A person's PEC: the envelope's text, their message as postacert.eml, the data file."""
    raw, sender = mail("posta-certificata@pec.provider.example", "POSTA CERTIFICATA: Fattura",
                       _PEC_TEXT.replace("sistema@", "g.conti@").split("Notifica")[0]
                       + "Il messaggio originale è incluso in allegato.\n",
                       name="Per conto di: g.conti@pec.esempio.it", headers=_PEC)
    head, body = raw.split(b"\r\n\r\n", 1)
    head = head.replace(b"Content-Type: text/plain; charset=utf-8",
                        b"Content-Type: multipart/mixed; boundary=B")
    original = (b"From: Giulia Conti <g.conti@pec.esempio.it>\r\nSubject: Fattura\r\n"
                b"Content-Type: text/plain; charset=utf-8\r\n\r\nBuongiorno, potete inviarci di "
                b"nuovo la fattura di marzo? Grazie, Giulia Conti\r\n")
    parts = (b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
             + b"--B\r\nContent-Type: message/rfc822; name=postacert.eml\r\n"
             b"Content-Disposition: attachment; filename=postacert.eml\r\n\r\n" + original
             + b"--B\r\nContent-Type: application/xml; name=daticert.xml\r\n"
             b"Content-Disposition: attachment; filename=daticert.xml\r\n\r\n<postacert/>\r\n"
             b"--B--\r\n")
    return head + b"\r\n\r\n" + parts, sender


MACHINES = {
    "an Italian helpdesk's acknowledgement: 'Abbiamo ricevuto il tuo messaggio'": mail(
        "assistenza@pasticceria-bianchi.example", "Abbiamo ricevuto il tuo messaggio [#55120]",
        "Ciao,\n\ngrazie! Abbiamo ricevuto il tuo messaggio e ti risponderemo entro 2 giorni "
        "lavorativi.\n\nIl team di Pasticceria Bianchi\n", name="Pasticceria Bianchi"),
    "a German service desk: 'Wir haben sie unter der Ticketnummer ... erfasst'": mail(
        "servicedesk@wasserwerk.example", "Ihre Nachricht wurde erfasst",
        "Guten Tag,\n\nvielen Dank für Ihre Nachricht. Wir haben sie unter der Ticketnummer "
        "SD-2026-1188 erfasst.\n\nMit freundlichen Grüßen\nIhr Service Desk\n",
        name="Service Desk Wasserwerk"),
    "a copier's scan from its own host name, a device line": attached(mail(
        "prt-og3-02@druckerei.example", "Attached Image",
        "Device Name: MFP 3.OG Flur\nSent from MFP 3.OG Flur\n"), "application/pdf", "scan.pdf"),
    "a storage cluster's health alert: its mailer an alerting program": mail(
        "ceph@mon2.cluster.example", "[prod] HEALTH_WARN",
        "--- New ---\n[WRN] MON_DISK_LOW: mon.a is low on available space\n\n--- Active ---\n"
        "[WRN] MON_DISK_LOW: mon.a is low on available space\n", name="",
        headers={"X-Mailer": "storage-mgr alerts"}),
    "a backup report in markdown list fields": mail(
        "vo@vo.spedition.example", "[Virt Orchestra] Failure - Report for Nightly Delta",
        "## Global status: failure\n\n- **Job**: Nightly\n- **Start time**: 01:30\n"
        "- **End time**: 02:41\n- **Duration**: an hour\n- **Successes**: 4 / 5\n"
        "- **Error**: VDI_IO_ERROR\n", name="Virt Orchestra"),
    "a certified-mail envelope carrying only data files": attached(mail(
        "posta-certificata@pec.provider.example", "POSTA CERTIFICATA: Invio File 4471", _PEC_TEXT,
        name="Per conto di: sistema@pec.esempio.it", headers=_PEC), "application/xml",
        "daticert.xml"),
    "an intrusion-detection network's automated letter, signed with its own name": mail(
        "reports@sensornet.example", "SensorNet report for 203.0.113.9",
        "Dear Abuse Team,\n\nThis is an automated report from the SensorNet intrusion detection "
        "system. Our sensors logged the following activity from your network:\n\n"
        "2026-11-30 19:02:11 203.0.113.9 51234 22 TCP\n2026-11-30 19:02:14 203.0.113.9 51240 "
        "22 TCP\n2026-12-01 06:58:40 203.0.113.9 38872 22 TCP\n\nPlease investigate.\n\n"
        "Regards,\nSensorNet Reports\n", name="SensorNet Reports"),
    "a Polish marketplace's notice from powiadomienia@": mail(
        "powiadomienia@targ.example", "Masz nowe zamówienie",
        "Dzień dobry,\n\nkupujący złożył zamówienie. Szczegóły: "
        "https://targ.example/zamowienia/8b1d\n\nZespół Targ\n", name="Targ"),
    "a registrar's expiry notice under a one-word name, from support@": mail(
        "support@portico.example", "Domain Expiration Notice: 1 domain expiring in 14 days",
        "Hi there,\n\nThe following domain in your Portico account is expiring soon and does "
        "not have auto-renew enabled:\n\n  kunde-labs.dev    expires 2026-07-15\n\n"
        "If you want to keep this domain, please renew it before it expires:\n"
        "https://portico.example/account/domains\n\nThank you for being a Portico customer!\n"
        "The Portico Team\n", name="Portico"),
    "a fax service's mail with the fax, greeting and signed by its team": attached(mail(
        "fax@faxdirekt.example", "Fax von 0711 123456 empfangen (1 Seite)",
        "Hallo Herr Maier,\n\nfür Ihre Faxnummer ist soeben ein Fax eingegangen.\n\n"
        "Viele Grüße\nIhr FaxDirekt Team\n", name="FaxDirekt"), "application/pdf", "fax.pdf"),
}

PEOPLE = {
    "a person's certified mail: the envelope carries their message (postacert.eml)":
        _pec_with_original(),
    "a customer's scan from a numbered address, with a request": attached(mail(
        "kunde123@mailbox.example", "Attached Image",
        "Hier der unterschriebene Vertrag, bitte ablegen.\nGruß Max\n", name=""),
        "application/pdf", "scan.pdf"),
    "an admin pasting health lines and asking": mail(
        "t.berger@datenwerk.example", "HEALTH_WARN on our cluster",
        "[WRN] OSD_DOWN: 1 osds down\n[WRN] PG_DEGRADED: 97 pgs degraded\n\n"
        "Can you check the disk of osd4?\n\nTom\n", name="Tom Berger"),
    "a customer's markdown list of the facts, asking": mail(
        "lena@shop-lena.example", "Fehler 502",
        "- **Server**: web01\n- **OS**: Debian 12\n- **Fehler**: 502\n- **Seit**: heute 9 Uhr\n"
        "- **Kunde**: 4711\n- **Dringlichkeit**: hoch\n\nKönnt ihr bitte schauen?\nGruß Lena\n",
        name="Lena Vogt"),
    "a German customer: 'Wir haben sie unter der Kundennummer angelegt, aber ...?'": mail(
        "j.kraus@kraus-bau.example", "Zugang",
        "Hallo,\n\nwir haben sie unter der Kundennummer 12345 angelegt, aber der Login geht "
        "nicht. Woran liegt das?\n\nGrüße\nJan Kraus\n", name="Jan Kraus"),
    "an Italian customer answering an acknowledgement with a question": mail(
        "marco@officina-rossi.example", "Re: Abbiamo ricevuto il tuo messaggio [#55120]",
        "Abbiamo ricevuto il tuo messaggio, grazie. Ma il server è ancora giù, potete "
        "controllare?\n\nSaluti,\nMarco\n", name="Marco Rossi"),
    "a person's fax with words and a name": attached(mail(
        "j.schulz@kanzlei-schulz.example", "Fax von 0711 998877 (Vertrag)",
        "Anbei das Fax, bitte buchen.\n\nViele Grüße\nJana Schulz\n", name="Jana Schulz"),
        "application/pdf", "fax.pdf"),
    "a person writing from powiadomienia@, asking and signing": mail(
        "powiadomienia@biuro-nowak.example", "Serwer nie działa",
        "Dzień dobry,\n\nczy możecie sprawdzić nasz serwer? Od rana nie działa.\n\n"
        "Pozdrawiam,\nAnna Nowak\n", name="Anna Nowak"),
    "an admin of another network with the logs, signing with a name": mail(
        "noc@othernet.example", "Abuse from 203.0.113.9",
        "Dear Abuse Team,\n\nour IDS logged the following from your network:\n\n"
        "2026-11-30 19:02:11 203.0.113.9 51234 22 TCP\n2026-11-30 19:02:14 203.0.113.9 51240 "
        "22 TCP\n2026-12-01 06:58:40 203.0.113.9 38872 22 TCP\n\nPlease investigate.\n\n"
        "Regards,\nOthernet NOC\nPeter Hall\n", name="Peter Hall"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
