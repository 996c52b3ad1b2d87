"""tests/heldout19 and tests/heldout20 (development sets since session 10): a helpdesk's
acknowledgement that repeats the ticket's title in quotes ('Your ticket #4187 "Re: [Ticket#...]
Fileserver quota" has been created'), one that names the request with a German compound ("Ihre
Störungsmeldung wurde ... unter der Nummer 418236 erfasst"), and a virtualisation manager's alert
of fields whose subject says that a host stops answering ("Host host03 is non responsive"),
written here in other words, with the people that look like them and must stay answered."""

from __future__ import annotations

from tests.findings import findings_tests, mail

_MARKER = "##- Please type your reply above this line -##\n\n"

MACHINES = {
    "a helpdesk's acknowledgement repeating the ticket's long title in quotes": mail(
        "helpdesk@it.school.example", "[Ticket #5521] Re: [Ticket#2026041101] Mail quota",
        _MARKER + "Thanks for contacting the School IT Help Desk.\n\nYour ticket #5521 "
        "\"Re: [Ticket#2026041101] Mail quota for the staff mailboxes\" has been created and "
        "assigned to the IT team.\n\nStatus: Open\nPriority: Medium\n\nView your ticket: "
        "https://it.school.example/portal/tickets/5521\n\nPowered by a help desk\n",
        name="School IT Help Desk"),
    "a service desk's acknowledgement: 'Ihre Störungsmeldung wurde ... erfasst'": mail(
        "support@klinik-berg.example", "Störungsmeldung 771204 wurde erfasst",
        "Hallo centron Support,\n\nvielen Dank für Ihre Nachricht. Ihre Störungsmeldung wurde "
        "im Service Manager unter der Nummer 771204 erfasst und der Gruppe \"Netzwerk\" "
        "zugewiesen.\nEin Mitarbeiter wird sich in Kürze bei Ihnen melden.\n\n"
        "Ihr IT-Support\nKlinik Berg GmbH\n", name="IT-Support Klinik Berg"),
    "an Italian service desk: 'la sua segnalazione \"...\" è stata registrata'": mail(
        "helpdesk@comune-esempio.example", "Segnalazione 88123 registrata",
        "Gentile utente,\n\nla sua segnalazione \"Problema di accesso. Posta bloccata\" è stata "
        "registrata con il numero 88123.\nUn operatore la contatterà al più presto.\n\n"
        "Servizio Helpdesk\n", name="Helpdesk Comune"),
    "a virtualisation manager's alert of fields: 'Host host07 is non responsive'": mail(
        "engine@virt.klinikverbund.example", "alertMessage (engine.klinikverbund.example), "
        "[Host host07 is non responsive.]",
        "Time:2026-05-02 03:11:40.118\nMessage:Host host07 is non responsive.\nSeverity:ERROR\n"
        "User Name: admin@internal\nHost Name: host07.klinikverbund.example\n"
        "Cluster Name: Cluster-A\nData Center Name: RZ-1\n", name="Virtualization Manager"),
}

PEOPLE = {
    "a customer's agent writing in person through their helpdesk, quoting the title": mail(
        "helpdesk@it.school.example", "[Ticket #5521] Mail quota",
        _MARKER + "Hello centron,\n\nyour ticket #5521 \"Mail quota\" has been created on our "
        "side. Could you please raise the quota of the staff mailboxes to 20 GB?\n\n"
        "Thanks,\nMark Evans\nSchool IT\n", name="Mark Evans"),
    "a customer telling that their Störungsmeldung was filed, signing": mail(
        "p.lang@praxis-lang.example", "Störungsmeldung VPN",
        "Hallo,\n\nIhre Störungsmeldung \"VPN down\" wurde bei uns unter der Nummer 4471 "
        "erfasst, ich rufe Sie heute noch wegen der Zugangsdaten an.\n\nGruß\nPetra Lang\n",
        name="Petra Lang"),
    "an admin pasting the alert's fields with a question": mail(
        "j.maier@klinikverbund.example", "Host host07 is non responsive",
        "Hallo,\n\nseit heute Nacht kommt das hier:\n\nMessage: Host host07 is non responsive.\n"
        "Severity: ERROR\nHost Name: host07.klinikverbund.example\nCluster Name: Cluster-A\n\n"
        "Könnt ihr am Switch nachsehen?\n\nGruß Jörg\n", name="Jörg Maier"),
    "a customer's short mail: 'Server antwortet nicht'": mail(
        "tom@werkstatt-tom.example", "Server antwortet nicht",
        "Hallo, unser Server antwortet nicht mehr, bitte dringend prüfen! Gruß Tom\n",
        name="Tom Becker"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
