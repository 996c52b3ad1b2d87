"""Issue 21: a bulletin that a public office sends by mail (a weather bulletin of a region: a
long record of fields, no greeting, an unsubscribe line in Italian, its link wrapped so that
the query "?arg=..." stands on a line of its own) was answered: the wrapped query's "?" was
read as a person's question, and "Se non desideri più ricevere questa newsletter" was no footer.
Found in mail-parser's test mails (SpamScope, Apache-2.0, `tests/mails/mail_test_2`; measured,
not kept); written here in my own words. A link's query is no question; the footer's "if you no
longer wish to receive" is read in EN/IT/FR/ES/NL as a condition to the reader ("se non desideri
più ricevere"), never a person's own "I no longer wish" or "the customer no longer wishes to
receive" (gateway/rules/machine_signals.py, machine_words.py).
"""

from __future__ import annotations

from tests.findings import findings_tests, mail

BULLETIN = ("UFFICIO METEO - BOLLETTINO DI LUNEDI 12 GENNAIO\n\n"
            "Situazione: aria fredda da nord, cielo sereno.\n"
            "Venti: deboli da nord-est.\nTemperature: in calo.\nZero termico: 1400 m.\n"
            "Pressione: in aumento.\nSegnalazioni: gelate nelle valli.\nAttendibilita: 5/6\n\n")

MACHINES = {
    "a region's weather bulletin, its unsubscribe link's query wrapped onto its own line": mail(
        "meteo@provincia.example", "Bollettino meteorologico del 12/01",
        BULLETIN + "Se non desideri più ricevere questa newsletter\n"
        "http://www.provincia.example/territorio/meteo/c\nancellazione.asp?arg=meteo\n", name=""),
    "a French price alert: a record, 'si vous ne souhaitez plus recevoir ces alertes'": mail(
        "alertes@carburant.example", "Alerte prix gazole",
        "Station : Relais des Pins, 12 route de Lyon\nCarburant : gazole\nPrix : 1,689 EUR/l\n"
        "Variation : -0,042\nDate : 12/01/2026 07:00\nSeuil : 1,700 EUR/l\n\n"
        "Si vous ne souhaitez plus recevoir ces alertes, rendez-vous sur\n"
        "https://carburant.example/compte/alertes.php\n?id=88412&action=stop\n", name=""),
}

PEOPLE = {
    "an Italian customer whose mail no longer arrives, asking, signed": mail(
        "m.rossi@studio-rossi.example", "Email",
        "Buongiorno,\n\nda ieri non riceviamo più le email su info@studio-rossi.example.\n"
        "Potete controllare?\n\nGrazie,\nMarco Rossi\n", name="Marco Rossi"),
    "an English customer who no longer wants paper invoices, asking": mail(
        "accounts@kunde.example", "Invoices",
        "We no longer wish to receive paper invoices. Could you send them by e-mail from now "
        "on?\n\nAccounts team\n", name=""),
    "a French customer who no longer wants the letters, 'je ne souhaite plus recevoir'": mail(
        "c.martin@cabinet-martin.example", "Courriers",
        "Bonjour,\n\nje ne souhaite plus recevoir les courriers papier, pouvez-vous passer à "
        "l'envoi par e-mail ?\n\nCordialement,\nClaire Martin\n", name="Claire Martin"),
    "a Spanish office: its question first, then 'el cliente no desea recibir'": mail(
        "oficina@cliente.example", "Avisos",
        "¿Pueden desactivar los avisos de facturación? El cliente no desea recibir más correos "
        "de este tipo desde la semana pasada.\n", name="Oficina Cliente SL"),
    "a wrapped link with its query on the next line, then a real question": mail(
        "admin@kunde.example", "Fehler Login",
        "Server: web01\nSeite: https://kunde.example/login.php\n?ref=mail\nFehler: 500\n"
        "Status: seit 08:00\nBrowser: alle\nNutzer: alle\n\nKönnt ihr das prüfen?\n", name=""),
}

test_the_bulletin_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
