"""The backlog's parse pool renders a redirection ahead when `decide`, given what is known
without the database, redirects. That guess must agree with what the pipeline then decides, on
every mail of the test corpora, in every phase and for mail with and without an envelope."""

from __future__ import annotations

import pytest

from gateway.clock import FixedClock
from gateway.config.load import settings_from_dict
from gateway.ingest.store import Incoming, store
from gateway.pipeline.backlog import likely_redirect
from gateway.pipeline.process import Pipeline
from gateway.pipeline.responder import reset_sender
from gateway.rules.prepare import Row
from gateway.store.db import ensure_schema, make_engine, transaction
from tests.automated_corpus import CORPUS
from tests.conftest import AFTER, ANNOUNCE, BEFORE, make_mail
from tests.test_hostile_mails import MACHINE_OR_EMPTY, PERSON_MAILS

RCPT = "technik@centron.de"
REJECT = AFTER.replace(year=2026)
MAILS = {
    **{f"automated/{name}": raw for name, (_, raw) in CORPUS.items()},
    **{f"hostile/{name}": raw for name, raw in {**PERSON_MAILS, **MACHINE_OR_EMPTY}.items()},
    "person/new": make_mail(message_id="<new@kunde.example>"),
    "person/answer": make_mail(message_id="<re@kunde.example>",
                               headers={"In-Reply-To": "<gw.x@centron.de>"}),
    "person/tagged": make_mail(subject="Re: [TK-000001] Server down", message_id="<tag@x>"),
}
SENDERS = {f"automated/{name}": sender for name, (sender, _) in CORPUS.items()}


def _thread_hints(mail) -> bool:
    """What may tie a mail to a ticket, which only the database can tell (the guess abstains)."""
    return bool(mail.in_reply_to or mail.references or "[TK-" in mail.subject.upper())


@pytest.mark.parametrize("at", [BEFORE, ANNOUNCE, AFTER, REJECT], ids=str)
@pytest.mark.parametrize("source", ["smtp", "import"])
def test_the_guess_agrees_with_the_pipeline_on_every_corpus_mail(tmp_path, at, source):
    settings = settings_from_dict({
        "database_url": f"sqlite:///{tmp_path}/gw.db", "outbox_dir": str(tmp_path / "out"),
        "addresses": [{"address": RCPT, "department": "Technik",
                       "announce_from": "2025-09-15", "reject_from": "2026-01-01"}]})
    engine = make_engine(settings.database_url)
    ensure_schema(engine)
    pipeline = Pipeline(settings, engine, FixedClock(at))
    disagree, guessed = {}, 0
    for name, raw in MAILS.items():
        if name == "hostile/twenty_mb_attachment" and (at, source) != (AFTER, "smtp"):
            continue  # 20 MB: once is enough, its size changes no decision
        sender = SENDERS.get(name, "max@kunde.example") if source == "smtp" else None
        stored = store(engine, Incoming(raw, RCPT, sender, source, at))
        row = Row(stored.inbound_id, raw, RCPT, sender, source, at)
        prepared = pipeline.preparer.prepare(row)
        outcome = pipeline.process_one(stored.inbound_id)
        redirected = outcome.action == "redirect" and not _thread_hints(prepared.mail)
        guess = likely_redirect(pipeline.preparer, prepared, at)
        guessed += guess
        if guess != redirected:
            disagree[name] = outcome.action
        if prepared.reply_to:  # the next mail from this sender meets no rate limit
            with transaction(engine) as session:
                reset_sender(session, prepared.reply_to)
    engine.dispose()
    assert disagree == {}
    # people's mail is redirected after the cutover (refused at RCPT in the reject phase)
    assert (guessed > 0) == (at >= AFTER and not (at == REJECT and source == "smtp"))
