"""`worker_mode = "thread"`: the worker in the daemon's own process (about 25 MB less PSS,
bench/smtp_ingest.py), run by a real `serve`; and what serve does to give memory back
(gateway/service/memory.py)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from gateway import launch
from gateway.service import memory
from tests.conftest import make_mail
from tests.imap_fixtures import wait_for
from tests.serve_process import Serve, group_members, serve_with_own_template, wait_gone


def serve_in_mode(tmp_path, mode: str = "thread"):
    return serve_with_own_template(tmp_path, f'worker_mode = "{mode}"\n')


def test_thread_mode_is_one_process_that_answers_reloads_and_stops(tmp_path):
    gw, template = serve_in_mode(tmp_path)
    try:
        assert group_members(gw.pgid) == [gw.proc.pid]  # no worker process beside it
        assert "worker thread started" in gw.log
        gw.send(make_mail())
        outbox = tmp_path / "var/outbox"
        wait_for(lambda: list(outbox.glob("*.eml")), what="the reply")
        assert b"VERSION ONE" in next(outbox.glob("*.eml")).read_bytes()

        template.write_text("VERSION TWO {{ account_center_url }}")
        gw.signal_group(signal.SIGHUP)
        gw.wait_notify("READY=1")
        with gw.smtp() as client:  # another customer: no rate limit holds the reply back
            client.sendmail("erika@kunde.example", ["technik@centron.de"],
                            make_mail(message_id="<m2@kunde.example>", sender="erika@kunde.example"))
        wait_for(lambda: any(b"VERSION TWO" in p.read_bytes() for p in outbox.glob("*.eml")),
                 what="the reply after the reload")
        assert group_members(gw.pgid) == [gw.proc.pid]

        gw.signal_group(signal.SIGTERM)
        assert gw.proc.wait(timeout=15) == 0, gw.log[-3000:]
        assert wait_gone(gw.pgid, 10) == []
    finally:
        gw.finish()


def test_a_reload_cannot_switch_the_worker_mode(tmp_path):
    """The mode is how serve starts: a reload that changes it says so and keeps it."""
    gw, _ = serve_in_mode(tmp_path, mode="process")
    try:
        [worker] = [pid for pid in group_members(gw.pgid) if pid != gw.proc.pid]
        # serve ran itself again under -OO in the same process (no docstrings: 4 MB less in
        # each process), and forked its worker from that
        for pid in (gw.proc.pid, worker):
            assert Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[1] == b"-OO"
        config = tmp_path / "gw.toml"
        config.write_text(config.read_text().replace('"process"', '"thread"'))
        gw.signal_group(signal.SIGHUP)
        gw.wait_notify("READY=1")
        wait_for(lambda: "worker_mode changed; that takes effect only at a restart" in gw.log,
                 what="the restart warning")
        assert [pid for pid in group_members(gw.pgid) if pid != gw.proc.pid] == [worker]
    finally:
        gw.finish()


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def test_freed_memory_goes_back_to_the_system_at_most_every_interval():
    # 60 MB in pieces that malloc (not Python's small-object allocator) serves, interleaved
    # with small survivors so that the heap cannot simply shrink from its top when freed.
    pieces = [bytes(2048) + bytes([n % 251]) for n in range(30_000)]
    survivors = [bytes(2048) + bytes([n % 13]) for n in range(0, 30_000, 100)]
    del pieces
    before = rss_kb()
    free = memory.FreeMemory(every=3600)
    assert free.release() is True
    after = rss_kb()
    assert before - after > 20_000, (before, after)  # most of the freed 60 MB went back
    assert free.release() is False  # within the interval: nothing is walked again
    assert survivors  # kept alive on purpose until here


BIG_BLOCKS = """
import sys
from gateway.service import memory
from tests.test_worker_mode import rss_kb
if sys.argv[1] == "tuned":
    assert memory.limit_malloc_arenas()
# 40 MB in 100 KB blocks (a mail's buffers), each followed by a small survivor: freed, they are
# holes in the heap that only a trim gives back, unless they had pages of their own.
blocks, survivors = [], []
for n in range(400):
    blocks.append(bytearray(100_000))
    survivors.append(bytearray(2_000))
before = rss_kb()
del blocks
print(before - rss_kb())
"""


def test_big_blocks_go_back_to_the_system_when_freed_without_a_trim():
    import subprocess
    import sys

    def freed_kb(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", BIG_BLOCKS, mode], capture_output=True,
                             text=True, check=True, cwd=Path(__file__).parents[1])
        return int(out.stdout)

    assert freed_kb("tuned") > 30_000  # nearly all of the 40 MB
    assert freed_kb("default") < 10_000  # glibc's own threshold: kept in the heap


@pytest.mark.parametrize("args,command", [
    (["serve"], "serve"), (["--config", "serve", "status"], "status"),
    (["--config=/etc/g.toml", "-vv", "serve"], "serve"), (["--log-format", "json", "serve"], "serve"),
    (["--json", "status", "serve"], "status"), (["--version"], None)])
def test_the_command_word_that_makes_serve_run_optimized(args, command):
    """Only `serve` runs itself again under -OO (launch.py), before the full command line is
    imported; a config file named "serve" is not the command."""
    assert launch._command(args) == command


def test_serve_starts_and_answers_where_its_state_cannot_be_recorded(tmp_path):
    """The state row written before the worker's fork (its one-time ORM work then stays
    shared) fails here, as every heartbeat's does: serve starts, says so, and answers."""
    import os
    import sqlite3
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    subprocess.run([sys.executable, "-m", "gateway", "db", "upgrade"], cwd=tmp_path, check=True,
                   env=env, capture_output=True, timeout=120)
    with sqlite3.connect(tmp_path / "var/gateway.db") as db:
        db.execute("CREATE TRIGGER refuse BEFORE INSERT ON service_state "
                   "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    gw = Serve(tmp_path)
    try:
        assert "could not record the service state before the worker's fork" in gw.log
        gw.send(make_mail())
        wait_for(lambda: list((tmp_path / "var/outbox").glob("*.eml")), what="the reply")
    finally:
        gw.finish()
