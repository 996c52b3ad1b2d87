"""A mail whose processing never finishes (the worker dies on it, again and again) is parked as
failed with its error after a few tries, never holds up other mail, and `process
--retry-failed` takes it up again."""

from __future__ import annotations

from gateway.admin import queries
from gateway.ingest.store import Incoming, store
from gateway.pipeline.process import Pipeline
from gateway.store.queue import MAX_ATTEMPTS, STALE_CLAIM
from tests.conftest import AFTER, make_mail


def _store(engine, message_id: str) -> int:
    return store(engine, Incoming(make_mail(message_id=message_id), "technik@centron.de",
                                  "max@kunde.example", "pipe", AFTER)).inbound_id


def test_a_mail_the_worker_dies_on_is_parked_and_retried_on_request(settings, engine, clock):
    poison = _store(engine, "<poison@x>")
    pipeline = Pipeline(settings, engine, clock)
    for _ in range(MAX_ATTEMPTS):
        assert pipeline.queue.claim(10) == [poison]  # ... and the worker died before finishing it
        clock.advance(STALE_CLAIM * 2)
    other = _store(engine, "<other@x>")
    outcomes = pipeline.process_pending()
    assert [o.inbound_id for o in outcomes] == [other]
    parked = queries.show_message(engine, poison)
    assert parked["status"] == "failed" and f"{MAX_ATTEMPTS} attempts" in parked["error"]
    assert pipeline.process_pending() == []
    retried = pipeline.process_pending(retry_failed=True)
    assert [o.inbound_id for o in retried] == [poison]
    assert queries.show_message(engine, poison)["status"] == "done"


def test_after_a_crash_the_mails_of_the_batch_are_tried_one_by_one(settings, engine, clock):
    ids = [_store(engine, f"<b{i}@x>") for i in range(3)]
    pipeline = Pipeline(settings, engine, clock)
    assert pipeline.queue.claim(10) == ids  # the worker died on this batch
    clock.advance(STALE_CLAIM * 2)
    assert pipeline.queue.claim(10) == [ids[0]]  # one of them killed it: each alone now
    assert [o.inbound_id for o in pipeline.process_pending()] == ids[1:]
    assert queries.show_message(engine, ids[0])["status"] == "processing"


def test_big_mails_are_not_batched_together(settings, engine, clock):
    body = ("z" * 70 + "\r\n") * 45_000  # about 3 MB each
    ids = [store(engine, Incoming(make_mail(message_id=f"<big{i}@x>", body=body),
                                  "technik@centron.de", "max@kunde.example", "pipe",
                                  AFTER)).inbound_id for i in range(3)]
    small = _store(engine, "<small@x>")
    pipeline = Pipeline(settings, engine, clock)
    assert pipeline.queue.claim(25) == ids[:2]  # 6 MB: a third would pass BATCH_BYTES
    assert pipeline.queue.claim(25) == [ids[2], small]
