"""The cheap look that decides whether flufl.bounce reads a mail at all (gateway/bounces.py)."""

import pytest

from gateway.rules.bounces import bounce_candidate

FAILURE_WORDING = [
    "Delivery has failed to these recipients", "UNDELIVERABLE: Ihre Nachricht",
    "Die Nachricht war unzustellbar", "Your message could not be sent",
    "Returned mail: see transcript", "Failure Notice", "Permanent Error occurred",
    "permanently failed", "Mailbox unavailable", "Das Postfach ist voll", "No such user here",
    "User unknown in local recipient table", "Unknown user", "Der Empfänger ist unbekannt",
    "EMPFAENGER unbekannt", "Rapport de non remise", "échec de la remise",
    "messaggio non recapitato", "No se pudo entregar", "Remote server said: 550",
    "Status: 5.1.1", "status 5.7.1.",
]


@pytest.mark.parametrize("wording", FAILURE_WORDING)
def test_failure_wording_in_body_or_subject_is_a_candidate(wording: str) -> None:
    assert bounce_candidate("Notice", f"Hello,\n{wording}\nBye")
    assert bounce_candidate(wording, "nothing else here")


@pytest.mark.parametrize("text", [
    "Bitte prüfen Sie den Server 15.1.1 und Port 1550.",  # numbers that only contain the codes
    "Version x550 und 5.1.1a im Build", "Der Server antwortet nicht mehr, bitte helfen.",
])
def test_ordinary_customer_text_is_not_a_candidate(text: str) -> None:
    assert not bounce_candidate("Server down", text)


@pytest.mark.parametrize("subject", ["Re: Undeliverable", "AW: Unzustellbar", "Fwd: failure notice",
                                     "WG: [2] Mail delivery failed"])
def test_a_person_answering_or_forwarding_a_bounce_is_not_a_candidate(subject: str) -> None:
    assert not bounce_candidate(subject, "User unknown: 550 5.1.1")


def test_only_the_start_of_a_long_body_is_read() -> None:
    assert not bounce_candidate("Logs", "x" * 5000 + " user unknown")
    assert bounce_candidate("Logs", "x" * 100 + " user unknown")
