"""The reject phase inside Postfix (finding 6): `serve` answers Postfix's policy delegation, so
Postfix refuses in its own SMTP session and makes no bounce to a possibly forged sender."""

from __future__ import annotations

import smtplib
import socket

import pytest

from tests.conftest import make_mail
from tests.postfix import Postfix

ADDRESSES = [  # technik@ in its reject phase at the tests' clock (14.10.2025), billing@ not
    {"address": "technik@centron.de", "department": "Technik", "reject_from": "2025-10-13"},
    {"address": "billing@centron.de", "department": "Billing"},
]


def ask(port: int, requests: list[dict[str, str]]) -> list[str]:
    """Policy requests over one connection, as Postfix sends them; the answers' lines."""
    answers = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        stream = sock.makefile("rwb")
        for attributes in requests:
            stream.write(b"".join(f"{k}={v}\n".encode() for k, v in attributes.items()) + b"\n")
            stream.flush()
            answers.append(stream.readline().decode().rstrip("\n"))
            assert stream.readline() == b"\n"
    return answers


def request(recipient: str, state: str = "RCPT") -> dict[str, str]:
    return {"request": "smtpd_access_policy", "protocol_state": state, "protocol_name": "ESMTP",
            "client_address": "192.0.2.7", "sender": "max@kunde.example",
            "recipient": recipient, "queue_id": "", "instance": "1a2b.3c4d.0"}


@pytest.fixture
def policy_service(start_service):
    return start_service(addresses=ADDRESSES, postfix={"policy_listen": "127.0.0.1:0"})


def test_policy_protocol_answers_per_request_on_one_connection(policy_service):
    answers = ask(policy_service.port("policy"), [
        request("technik@centron.de"), request("billing@centron.de"),
        request("Technik+tag@Centron.de"), request("someone@elsewhere.example"),
        {"request": "something_else", "recipient": "technik@centron.de"}])
    pointer = ("action=550 5.7.1 E-Mail-Support eingestellt, bitte eroeffnen Sie ein Ticket im "
               "Account Center: https://account.centron.de / E-mail support has ended; please "
               "open a ticket in the Account Center: https://account.centron.de")
    assert answers == [pointer, "action=DUNNO", pointer, "action=DUNNO", "action=DUNNO"]


def test_policy_service_is_off_by_default(start_service):
    assert "policy" not in start_service().service.listening


def test_postfix_refuses_in_its_own_session_and_makes_no_bounce(policy_service):
    running = policy_service
    mta = Postfix({"technik@centron.de": f"smtp:[127.0.0.1]:{running.port('smtp')}",
                   "billing@centron.de": f"smtp:[127.0.0.1]:{running.port('smtp')}"},
                  policy=f"inet:127.0.0.1:{running.port('policy')}")
    mta.start()
    try:
        with smtplib.SMTP("127.0.0.1", mta.port, timeout=30) as client:
            with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
                client.sendmail("victim@forged.example", ["technik@centron.de"], make_mail())
            code, text = refused.value.recipients["technik@centron.de"]
            assert code == 550 and text.startswith(b"5.7.1")
            assert b"Account Center: https://account.centron.de" in text
            assert client.sendmail("max@kunde.example", ["billing@centron.de"],
                                   make_mail(to="billing@centron.de")) == {}
        mta.wait_for(r"to=<billing@centron\.de>.*status=sent")  # DUNNO: delivered as before
        mta.wait_for(r"NOQUEUE: reject: RCPT from .*550 5\.7\.1 <technik@centron\.de>")
        running.wait_processed(1)
        assert [r.rcpt for r in running.rows()] == ["billing@centron.de"]
        assert "bounced" not in mta.log and "non-delivery notification" not in mta.log
    finally:
        mta.stop()


def test_policy_listen_from_the_environment():
    from gateway.config.load import load_settings
    from gateway.errors import ConfigError

    env = {"GATEWAY_POLICY_LISTEN": "127.0.0.1:8027"}
    assert load_settings(None, env=env).postfix.policy_listen == "127.0.0.1:8027"
    assert load_settings(None, env={"GATEWAY_POLICY_LISTEN": ""}).postfix.policy_listen == ""
    with pytest.raises(ConfigError, match="GATEWAY_POLICY_LISTEN"):
        load_settings(None, env={"GATEWAY_POLICY_LISTEN": "8027"})


def test_config_check_refuses_a_policy_listen_that_is_not_host_port():
    from gateway.config.load import settings_from_dict

    assert settings_from_dict({"postfix": {"policy_listen": "127.0.0.1:8027"}}).problems() == []
    problems = settings_from_dict({"postfix": {"policy_listen": "8027"}}).problems()
    assert problems and "postfix.policy_listen" in problems[0]
