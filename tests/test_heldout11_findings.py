"""Issue 21, the eleventh held-out set's auto-reply findings (tests/heldout11): answers without
any marker header that were answered. A mailbox that says *this* address is no longer read or
active and where to write instead (German, Italian, English, Spanish, Dutch); an office closed
for its holidays ("Betriebsurlaub", "our office is closed"); a sabbatical; a bilingual
Welsh/English out-of-office whose signature is a name and a title with no sign-off; an
Italian "R:" reply; a helpdesk's "we have received your e-mail" that promises an answer within
a number of working days instead of giving a ticket number. Beside each: people who tell us
their old address is no longer used and ask us to update it, who ask about company holidays,
or who quote such a notice and ask. The mails are written here in other words than the set's."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "German: this address is no longer read, write to the new one": mail(
        "k.braun@praxis-braun.example", "AW: Vertragsverlängerung vServer",
        "Guten Tag,\n\ndiese Adresse wird nicht mehr abgerufen. Ihre E-Mail wird nicht\n"
        "weitergeleitet.\n\nBitte schicken Sie Ihre Nachricht künftig an "
        "empfang@praxis-braun.example.\n\nFreundliche Grüße\nPraxis Dr. Braun", name="K. Braun"),
    "Italian 'R:': this address is no longer in use, write to two others": mail(
        "m.ricci@studio-ricci.example", "R: Fattura gennaio",
        "Buongiorno,\n\nquesto indirizzo non è più in uso e i messaggi\nricevuti non saranno "
        "letti.\n\nPer la contabilità scriva a conti@studio-ricci.example,\nper il resto a "
        "info@studio-ricci.example.\n\nCordiali saluti\nStudio Ricci", name="Marco Ricci"),
    "English: this mailbox is no longer monitored, write to another": mail(
        "j.cole@cole-freight.example", "Re: Your renewal",
        "Hello,\n\nThis mailbox is no longer monitored. Please send your message to "
        "accounts@cole-freight.example.\n\nKind regards\nCole Freight Ltd", name="J Cole"),
    "an office closed for its holidays, back on a date, signed by the team": mail(
        "office@schreinerei-huber.example", "Automatische Antwort: Ihr Ticket 4711",
        "Vielen Dank für Ihre Nachricht.\n\nUnser Büro bleibt vom 23.12. bis 06.01. wegen "
        "Betriebsurlaub geschlossen. Ab 07.01. sind wir wieder für Sie da.\n\nIhr Team der "
        "Schreinerei Huber", name="Schreinerei Huber"),
    "English: the office closed for the holidays, as an automatic reply": mail(
        "hello@studio-north.example", "Automatic reply: Server migration",
        "Thanks for your message. Our office is closed for the holidays and reopens on "
        "5 January.\n\nThe Studio North team", name="Studio North"),
    "an automatic reply: on sabbatical until a date, contact a colleague": mail(
        "h.grant@grant-data.example", "Automatic reply: Maintenance window",
        "Hi,\n\nI'm on sabbatical until 1 September and won't read my email. For anything "
        "urgent please contact Sam Lee (sam.lee@grant-data.example).\n\nHelen", name="Helen Grant"),
    "a Welsh and English client-rule reply, a name and a title under it": mail(
        "g.jones@cyngor-example.cymru", "RE: DNS change",
        "Diolch am eich neges. Rydw i ar wyliau tan ddydd Gwener 20 Mawrth.\n\n"
        "Thank you for your message. I am on leave until Friday 20 March. If your matter is "
        "urgent, please contact the office on 01234 567 890.\n\n"
        "Gareth Jones\nSwyddog TG | IT Officer", name="Gareth Jones"),
    "a shop's helpdesk 'we have received your e-mail', an answer within working days": mail(
        "info@bakkerij-example.nl", "Re: Uw bestelling",
        "Hallo,\n\nBedankt voor je bericht! We hebben je e-mail goed ontvangen en reageren "
        "binnen 3 werkdagen.\n\nMet vriendelijke groet,\nTeam Bakkerij Example", name=""),
}

PEOPLE = {
    "a customer telling us their old address is no longer used, asking to update it": mail(
        "k.braun@praxis-braun.example", "AW: Vertragsverlängerung vServer",
        "Guten Tag,\n\nunsere alte Adresse info@braun-alt.example wird nicht mehr gelesen. "
        "Bitte senden Sie Rechnungen künftig an buchhaltung@praxis-braun.example und passen "
        "Sie das Kundenkonto an.\n\nFreundliche Grüße\nKlaus Braun", name="Klaus Braun"),
    "the same in English, 'this address is no longer used' beside a request": mail(
        "j.cole@cole-freight.example", "Re: Your renewal",
        "Hello,\n\nthis address is no longer used after our merger. Please update our account "
        "to accounts@cole-freight.example and resend the invoice.\n\nJames Cole", name="J Cole"),
    "Italian 'R:': a customer whose old mailbox is retired, asking to change the contact": mail(
        "m.ricci@studio-ricci.example", "R: Fattura gennaio",
        "Buongiorno,\n\nquesta casella non è più attiva da lunedì: potete aggiornare il "
        "contatto a conti@studio-ricci.example? Grazie\n\nMarco Ricci", name="Marco Ricci"),
    "a customer asking about our company holidays": mail(
        "s.huber@schreinerei-huber.example", "Re: Wartung",
        "Hallo,\n\nunser Betrieb ist ab 23.12. im Betriebsurlaub geschlossen. Ist Ihr Support "
        "über die Feiertage erreichbar, falls der Server ausfällt?\n\nSepp Huber",
        name="Sepp Huber"),
    "a customer closing for holidays who asks for the update before": mail(
        "office@schreinerei-huber.example", "Re: PHP-Update",
        "Unser Büro ist vom 23.12. bis 06.01. geschlossen. Bitte machen Sie das PHP-Update "
        "vorher.\n\nIhr Team der Schreinerei Huber", name="Schreinerei Huber"),
    "a customer quoting a closure notice and asking": mail(
        "a.wolf@kanzlei-wolf.example", "WG: Automatische Antwort: Rechnung",
        "Wir bekommen diese Antwort, obwohl wir gar keinen Betriebsurlaub haben - woher kommt "
        "das?\n\n> Unser Büro ist bis 06.01. wegen Betriebsurlaub geschlossen.\n\nAnna Wolf",
        name="Anna Wolf"),
    "a customer on sabbatical handing over, with a request": mail(
        "h.grant@grant-data.example", "Re: Maintenance window",
        "Hi,\n\nI'm on sabbatical until 1 September. Please move the maintenance to next week "
        "so that I can be there.\n\nHelen", name="Helen Grant"),
    "a customer confirming our mail arrived and asking for the invoice within days": mail(
        "info@bakkerij-example.nl", "Re: Uw bestelling",
        "Hallo,\n\nwe hebben je e-mail goed ontvangen. Kunnen jullie de factuur binnen 3 "
        "werkdagen sturen?\n\nGroet,\nPieter de Vries", name="Pieter de Vries"),
}


test_the_auto_reply_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
