"""tests/heldout16 and tests/heldout17 (blind sets of session 9), machines answered at first
contact: a helpdesk's acknowledgement whose participle stands far from "your request was"
("Ihre Anfrage wurde in unserem Ticketsystem unter der Nummer R-008231 erfasst") or that says
"we received *tu* solicitud"; an event platform's registration confirmation (thanks for
registering, a calendar file or a calendar/cancel line); a legacy feedback loop's report that
names itself only in its subject ("Email Feedback Report for IP ...") and carries the message.
Written here in other words, programs and languages; beside them the people who write the same
words with a question, as I, signed with a name, or sent on."""

from __future__ import annotations

from tests.findings import findings_tests, mail

ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:e1@events.example"
       "\r\nDTSTART:20270310T090000Z\r\nDTEND:20270310T100000Z\r\nSUMMARY:Backup-Strategien\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n")
SPAM = ("Return-Path: <news@angebote.example>\r\nFrom: Angebote <news@angebote.example>\r\n"
        "To: leser@freemail.example\r\nSubject: Nur heute: 70 % Rabatt\r\n"
        "Message-ID: <x1@vps-12.customer.centron.de>\r\n\r\nJetzt zugreifen!\r\n")


def with_part(found: tuple[bytes, str], head: str, data: str) -> tuple[bytes, str]:
    """The mail as multipart/mixed: its text, and one more part (`head` its header lines)."""
    raw, sender = found
    top, body = raw.split(b"\r\n\r\n", 1)
    top = top.replace(b"Content-Type: text/plain; charset=utf-8",
                      b"Content-Type: multipart/mixed; boundary=B")
    part = (b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + b"--B\r\n"
            + head.encode() + b"\r\n\r\n" + data.encode() + b"\r\n--B--\r\n")
    return top + b"\r\n\r\n" + part, sender


def calendar(found: tuple[bytes, str]) -> tuple[bytes, str]:
    return with_part(found, "Content-Type: text/calendar; charset=utf-8; method=PUBLISH\r\n"
                     "Content-Disposition: attachment; filename=event.ics", ICS)


def original(found: tuple[bytes, str]) -> tuple[bytes, str]:
    return with_part(found, "Content-Type: message/rfc822\r\nContent-Disposition: inline", SPAM)


MACHINES = {
    "a municipal helpdesk: 'Ihre Meldung wurde in unserem System unter der Nummer ... erfasst'":
        mail("servicedesk@stadtwerke-nord.example", "S-20931: Eingangsbestätigung",
             "Guten Tag,\n\nIhre Meldung wurde in unserem Ticketsystem unter der Vorgangsnummer "
             "S-20931 registriert.\n\nStatus: Neu\nKategorie: Netzwerk\n\nSie erhalten eine "
             "Nachricht, sobald der Vorgang bearbeitet wird.\n\nIhr Servicedesk\n",
             name="Servicedesk Stadtwerke"),
    "an English helpdesk: 'Your request has been logged in our service desk as ...'":
        mail("support@harbourlogistics.example", "[REQ-48812] Request received",
             "Hello,\n\nYour request has been logged in our service management system under the "
             "reference REQ-48812.\n\nAn engineer will get back to you as soon as possible.\n\n"
             "Service Desk\n", name="Harbour Logistics Service Desk"),
    "a Spanish helpdesk using tú: 'Hemos recibido tu solicitud, ticket #7710'":
        mail("ayuda@tiendaverde.example", "Ticket #7710 creado: Re: Consulta",
             "Hola,\n\nHemos recibido tu solicitud y hemos abierto el ticket #7710. Te "
             "responderemos lo antes posible.\n\nEquipo de atención al cliente\n",
             name="Atención Tienda Verde"),
    "a French helpdesk using tu: 'Nous avons bien reçu ta demande' and a ticket number":
        mail("aide@cyclesrapides.example", "Demande #55120 enregistrée",
             "Bonjour,\n\nNous avons bien reçu ta demande, enregistrée sous le numéro #55120. "
             "Notre équipe te répondra sous 48 h.\n\nL'équipe Cycles Rapides\n",
             name="Cycles Rapides"),
    "an event platform in German: thanks for registering, the event's calendar file":
        calendar(mail("events@webinarhaus.example", "Anmeldebestätigung: Backup-Strategien",
                      "Hallo centron Technik,\n\nvielen Dank für Ihre Anmeldung zum Webinar "
                      "„Backup-Strategien 2027“.\n\nDatum: 10. März 2027, 10:00 Uhr\n"
                      "Zugangslink: https://webinarhaus.example/join/88123\n\nIhr Webinarhaus-Team\n",
                      name="Webinarhaus Events")),
    "an event platform in English without a calendar file: 'Add to calendar', cancel line":
        mail("no-answer@eventsuite.example", "You're registered: Cloud Cost Summit",
             "Hi there,\n\nYou're registered for Cloud Cost Summit on 14 April 2027.\n\n"
             "Add to calendar: https://eventsuite.example/ics/551\nTo cancel your registration, "
             "use this link: https://eventsuite.example/cancel/551\n\nSee you there!\n",
             name="EventSuite"),
    "a webinar tool in Dutch: 'Bedankt voor je aanmelding', 'Toevoegen aan agenda'":
        mail("webinars@leerplatform.example", "Bevestiging: Veilig mailen",
             "Hoi,\n\nBedankt voor je aanmelding voor het webinar Veilig mailen op 3 mei.\n\n"
             "Toevoegen aan agenda: https://leerplatform.example/agenda/31\n\nTot dan!\n",
             name="Leerplatform"),
    "an event platform in Portuguese: 'Obrigado pela sua inscrição', the calendar file":
        calendar(mail("eventos@formacao-online.example", "Inscrição confirmada: Segurança de e-mail",
                      "Olá,\n\nobrigado pela sua inscrição no webinar Segurança de e-mail, 10 de "
                      "março às 10:00.\n\nEquipa Formação Online\n", name="Formação Online")),
    "a legacy feedback loop: 'Feedback Report for IP ...', the message attached, no ARF part":
        original(mail("loop@reports.postbox-west.example", "Feedback Report for IP 185.198.26.12",
                      "This is an abuse report for a message received from IP address "
                      "185.198.26.12. A user of our service marked it as spam.\n\nFeedback loop "
                      "guidelines: http://postbox-west.example/fbl\n", name="Postbox West")),
}

PEOPLE = {
    "a customer answers a helpdesk's acknowledgement with a question": mail(
        "k.wagner@druckerei-wagner.example", "AW: S-20931: Eingangsbestätigung",
        "Hallo,\n\nwann wird das bearbeitet? Unsere Seite ist seit heute früh offline.\n\n"
        "> Ihre Meldung wurde in unserem Ticketsystem unter der Nummer S-20931 registriert.\n\n"
        "Gruß\nKarin Wagner\n", name="Karin Wagner"),
    "a customer tells that their own ticket was logged under a number and signs": mail(
        "m.brandt@brandt-logistik.example", "Ticket 2026-48213",
        "Guten Tag,\n\nIhr Ticket wurde bei uns intern unter der Nummer 2026-48213 erfasst. "
        "Bitte rufen Sie mich wegen der Migration zurück.\n\nViele Grüße\nMichael Brandt\n",
        name="Michael Brandt"),
    "a Spanish customer: 'hemos recibido tu factura' and asks": mail(
        "lucia@taller-ruiz.example", "Factura 7710",
        "Hola,\n\nhemos recibido tu factura #7710 pero el importe no cuadra. ¿Podéis revisarla?\n\n"
        "Saludos,\nLucía Ruiz\n", name="Lucía Ruiz"),
    "a customer registered for our webinar and asks whether there is a recording": mail(
        "jan.peters@peters-it.example", "Webinar Backup-Strategien",
        "Hallo,\n\nich habe mich für Ihr Webinar am 10. März angemeldet (Kalender-Eintrag ist "
        "da). Gibt es danach eine Aufzeichnung?\n\nDanke und Gruß\nJan Peters\n",
        name="Jan Peters"),
    "a customer thanks for the registration and writes as I, with the calendar file": calendar(
        mail("s.klein@kanzlei-klein.example", "Anmeldung Webinar",
             "Vielen Dank für Ihre Anmeldung, schreibt Ihr System. Ich kann am 10. März aber "
             "erst ab 10:30 Uhr, reicht das noch für den Teil zu Snapshots.\n\nSabine Klein\n",
             name="Sabine Klein")),
    "an English customer: registered, add to calendar, but asks about the slides": mail(
        "ops@northwind-shop.example", "Cloud Cost Summit",
        "Hi,\n\nwe are registered for Cloud Cost Summit and added it to our calendar. "
        "Will you share the slides afterwards?\n\nBest,\nOlivia Hart\n", name="Olivia Hart"),
    "a customer forwards a feedback loop's report and asks what to do": original(mail(
        "admin@webshop-sommer.example", "Fwd: Feedback Report for IP 185.198.26.12",
        "Hallo,\n\ndas kam heute an, was sollen wir tun?\n\nGruß\nPeter Sommer\n",
        name="Peter Sommer")),
    "a customer sends a feedback report on with their own subject and a question": original(mail(
        "it@praxis-lang.example", "Feedback report about our server - is our IP listed?",
        "Hello,\n\nwe got the attached feedback report, can you check our server?\n\n"
        "Thanks,\nDr. Eva Lang\n", name="Eva Lang")),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
