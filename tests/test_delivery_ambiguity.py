"""At most once on ambiguity (finding 2): a relay that answers late or drops the line after the
end of DATA may have taken the reply, so it becomes `unconfirmed` and is not sent again; before
the end of DATA nothing was handed over, so it is retried. Real aiosmtpd relays on loopback."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlmodel import Session, select

from gateway.config.load import settings_from_dict
from gateway.delivery.outbox import Outbox
from gateway.pipeline.process import Pipeline
from gateway.store.models import DeliveryAttempt
from tests.conftest import AFTER, Gateway, make_mail
from tests.test_delivery import Relay, relay_port, reply_row, run_relay  # noqa: F401


class LateRelay(Relay):
    """Takes the mail, then holds its answer (to DATA or to RCPT) until the test lets go."""

    def __init__(self, hold: str, drop: bool = False) -> None:
        super().__init__()
        self.hold, self.drop = hold, drop
        self.release = threading.Event()

    async def _stall(self, server) -> None:
        if self.drop:
            server.transport.abort()  # the line drops: no answer at all
        else:
            await asyncio.to_thread(self.release.wait, 60)  # far past the client's timeout

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if self.hold == "rcpt":
            await self._stall(server)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        if self.hold == "data":
            await self._stall(server)
        return answer


@pytest.fixture
def world(engine, clock, relay_port, tmp_path):  # noqa: F811
    settings = settings_from_dict({
        "database_url": str(engine.url), "outbox_dir": "",
        "relay": {"host": "127.0.0.1", "port": relay_port, "timeout_seconds": 1,
                  "backoff_seconds": 60, "max_attempts": 5}})
    Gateway(Pipeline(settings, engine, clock)).receive(make_mail(), AFTER)
    return Outbox(settings, engine, clock)


@pytest.mark.parametrize("drop", [False, True], ids=["answers-late", "drops"])
def test_no_answer_after_the_end_of_data_makes_the_reply_unconfirmed(world, run_relay, clock,  # noqa: F811
                                                                      engine, drop):
    relay = run_relay(LateRelay("data", drop=drop))
    report = world.send_due()
    relay.release.set()
    assert (report.sent, report.retried, report.unconfirmed) == (0, 0, 1)
    reply = reply_row(engine)
    assert reply.status == "unconfirmed" and "after the end of DATA" in reply.last_error
    for minutes in (5, 60, 600):  # never resent automatically
        clock.set(AFTER + __import__("datetime").timedelta(minutes=minutes))
        assert world.send_due().sent == 0
    assert len(relay.received) == 1
    assert world.retry(reply.id)  # `gateway replies retry ID`: the admin decides
    relay.hold = ""
    assert world.send_due().sent == 1 and len(relay.received) == 2


@pytest.mark.parametrize("drop", [False, True], ids=["answers-late", "drops"])
def test_no_answer_before_the_end_of_data_is_retried(world, run_relay, engine, drop):  # noqa: F811
    relay = run_relay(LateRelay("rcpt", drop=drop))
    report = world.send_due()
    relay.release.set()
    assert (report.sent, report.retried) == (0, 1)
    assert reply_row(engine).status == "queued" and relay.received == []
    with Session(engine) as session:
        assert [a.outcome for a in session.exec(select(DeliveryAttempt)).all()] == ["queued"]
