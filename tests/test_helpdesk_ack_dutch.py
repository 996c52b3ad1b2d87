"""A Dutch helpdesk's acknowledgement says "we hebben je vraag (melding, verzoek) goed
ontvangen" with its ticket number: found with tests/heldout13's HubSpot acknowledgement, which
only its sending platform's envelope had stopped. Written here in other words; beside it people
who write the same words and ask."""

from __future__ import annotations

from tests.findings import findings_tests, mail

MACHINES = {
    "'we hebben je vraag goed ontvangen' with its number, an answer promised": mail(
        "klantenservice@tuinhuis-bakker.example", "Je bericht is ontvangen [#77120]",
        "Hallo,\n\nbedankt! We hebben je vraag goed ontvangen onder nummer #77120.\n"
        "Een collega neemt binnen drie werkdagen contact met je op.\n\nTeam Tuinhuis Bakker\n",
        name="Klantenservice Tuinhuis Bakker"),
    "'wij hebben uw melding ontvangen', its reference in the subject": mail(
        "servicedesk@gemeente-ijsselstad.example", "Melding 2027-00412 geregistreerd",
        "Geachte heer/mevrouw,\n\nWij hebben uw melding ontvangen en geregistreerd onder "
        "nummer 2027-00412. U ontvangt zo snel mogelijk een reactie.\n\nServicedesk\n",
        name="Servicedesk"),
}

PEOPLE = {
    "a Dutch customer: our question was received, but when is the answer?": mail(
        "p.devries@bloemen-devries.example", "Re: vraag over DNS [#77120]",
        "Hallo,\n\njullie schreven dat jullie mijn vraag goed ontvangen hebben (#77120). "
        "Wanneer kunnen we een reactie verwachten?\n\nGroet,\nPieter de Vries\n",
        name="Pieter de Vries"),
    "an agency confirming in its own name, with a question back": mail(
        "info@webbureau-smit.example", "Re: verhuizing webshop",
        "Hoi,\n\nwe hebben je verzoek goed ontvangen (#5512). Kunnen jullie de DNS-records "
        "vóór vrijdag aanpassen?\n\nMet vriendelijke groet,\nLotte Smit\n", name="Lotte Smit"),
}

test_the_machine_is_not_answered, test_the_person_is_answered = findings_tests(MACHINES, PEOPLE)
