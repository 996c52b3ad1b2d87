"""Benchmark (not a test): peak memory of one big mail (25 MB, an 18 MB attachment) on every path.

For each path the same work is done once with a small mail (the idle size) and once with the
big one, and the difference of the peak resident memory is set against the mail's size
(target: at most 4x the mail above the idle size):
  pipe        `gateway ingest` as Postfix runs it (a fresh process; its own ru_maxrss)
  preview     `gateway preview` of the mail file
  processing  `gateway process` of the stored mail
  IMAP        one poll of a private Dovecot's mailbox (fetch and store; needs Dovecot)
  SMTP, LMTP  `gateway serve`'s reception process (VmHWM, reset before each mail)
  serve worker `gateway serve`'s worker process processing what SMTP and LMTP took in

    python bench/big_mail.py [--attachment-mb 18] [--no-imap]
"""

from __future__ import annotations

import argparse
import base64
import os
import smtplib
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.pipe import TIME, gateway_command  # noqa: E402
from bench.smtp_ingest import free_port, start_server, stop_server  # noqa: E402

RCPT = "technik@centron.de"
POLL = """
from gateway.clock import SystemClock
from gateway.config.load import load_settings
from gateway.store.db import ensure_schema, make_engine
from gateway.ingest.imap import poll_all
settings = load_settings()
engine = make_engine(settings.database_url)
ensure_schema(engine)
reports, errors = poll_all(settings, engine, SystemClock())
assert not errors and reports[0].stored == 1, (reports, errors)
"""


def make_mail(tag: str, attachment_bytes: int) -> bytes:
    """A person's mail with a text part and (for the big one) an incompressible attachment."""
    blob = base64.encodebytes(os.urandom(attachment_bytes)).replace(b"\n", b"\r\n")
    head = (f"From: Max Kunde <max@kunde.example>\r\nTo: {RCPT}\r\nSubject: Logs {tag}\r\n"
            f"Message-ID: <{tag}.{time.time_ns()}@kunde.example>\r\n"
            "Date: Wed, 01 Oct 2025 10:00:00 +0200\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
            "Content-Type: text/plain; charset=utf-8\r\n\r\nAnbei die Logs, srv-web-01.\r\n"
            "--B\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
            'Content-Disposition: attachment; filename="dump.tar.gz"\r\n\r\n')
    return head.encode() + blob + b"--B--\r\n"


def child_peak_mb(argv: list[str], env: dict, stdin: bytes = b"", cwd: Path | None = None) -> float:
    """Peak RSS of one child, under GNU time: forked from this big process, the child would
    count our pages (the mails) as its own."""
    with tempfile.TemporaryFile() as feed, tempfile.NamedTemporaryFile("r") as report:
        feed.write(stdin)
        feed.seek(0)
        result = subprocess.run([TIME, "-f", "%M", "-o", report.name, *argv], env=env,
                                stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                cwd=cwd, check=False)
        if result.returncode != 0:
            raise SystemExit(f"{argv[:4]} failed: {result.stderr.decode()[-2000:]}")
        return int(report.read().split()[-1]) / 1024


class Bench:
    def __init__(self, workdir: Path, small: int, big: int) -> None:
        self.workdir, self.gateway = workdir, gateway_command()
        self.db = workdir / "gateway.db"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
        self.env.update(GATEWAY_DATABASE_URL=f"sqlite:///{self.db}",
                        GATEWAY_OUTBOX_DIR=str(workdir / "outbox"), PYTHONPATH=str(ROOT))
        self.small, self.big = small, big
        self.rows: list[tuple[str, float, float, int]] = []  # path, idle MB, big MB, mail bytes

    def mails(self, tag: str) -> tuple[bytes, bytes]:
        return make_mail(f"{tag}-small", self.small), make_mail(f"{tag}-big", self.big)

    def record(self, path: str, idle: float, peak: float, size: int) -> None:
        self.rows.append((path, idle, peak, size))
        print(f"  {path}: idle {idle:.0f} MB, with the big mail {peak:.0f} MB", flush=True)

    def ingest(self, raw: bytes, *extra: str) -> float:
        return child_peak_mb([*self.gateway, "ingest", "--rcpt", RCPT, "--sender",
                              "max@kunde.example", *extra], self.env, raw)

    def pipe(self) -> None:
        small, big = self.mails("pipe")
        self.record("pipe (gateway ingest)", self.ingest(small), self.ingest(big), len(big))
        self.process_queue()

    def process_queue(self) -> float:
        return child_peak_mb([*self.gateway, "process"], self.env)

    def processing(self) -> None:
        small, big = self.mails("proc")
        self.ingest(small, "--no-process")
        idle = self.process_queue()
        self.ingest(big, "--no-process")
        self.record("processing (gateway process)", idle, self.process_queue(), len(big))

    def preview(self) -> None:
        peaks = []
        for raw in self.mails("preview"):
            path = self.workdir / "preview.eml"
            path.write_bytes(raw)
            peaks.append(child_peak_mb([*self.gateway, "preview", "--rcpt", RCPT, str(path)],
                                       self.env))
        self.record("preview (gateway preview)", *peaks, len(raw))

    def imap(self) -> None:
        from imapclient import IMAPClient

        from tests.dovecot import Dovecot

        server = Dovecot({RCPT: "secret"})
        server.start()
        try:
            config = self.workdir / "imap.toml"
            config.write_text(f'[[imap]]\nhost = "127.0.0.1"\nport = {server.port}\n'
                              f'security = "none"\nusername = "{RCPT}"\nrcpt = "{RCPT}"\n')
            env = {**self.env, "GATEWAY_CONFIG": str(config), "GATEWAY_IMAP_PASSWORD": "secret"}
            peaks = []
            for raw in self.mails("imap"):
                with IMAPClient("127.0.0.1", port=server.port, ssl=False) as client:
                    client.login(RCPT, "secret")
                    client.append("INBOX", raw)
                peaks.append(child_peak_mb([sys.executable, "-c", POLL], env, cwd=ROOT))
            self.record("IMAP (one poll: fetch, store)", *peaks, len(raw))
        finally:
            server.stop()
        self.process_queue()

    def serve(self) -> None:
        for name, client in (("SMTP", smtplib.SMTP), ("LMTP", smtplib.LMTP)):
            self.serve_one(name, client)  # a fresh daemon each: memory once taken stays taken

    def serve_one(self, name: str, client: type[smtplib.SMTP]) -> None:
        smtp, port = free_port(), free_port()
        env = {**self.env, "GATEWAY_SMTP_LISTEN": f"127.0.0.1:{smtp}",
               "GATEWAY_LMTP_LISTEN": f"127.0.0.1:{port}" if name == "LMTP" else ""}
        proc = start_server([*self.gateway, "serve"], smtp, env, self.workdir)
        port = port if name == "LMTP" else smtp
        try:
            pids = (proc.pid, worker_pid(proc.pid))
            received, processed = [], []
            for raw in self.mails(name):
                self.wait_drained()
                for pid in pids:
                    reset_peak(pid)
                with client("127.0.0.1", port, timeout=300) as session:
                    session.sendmail("max@kunde.example", [RCPT], raw)
                received.append(peak_mb(pids[0]))
                self.wait_drained()
                processed.append(peak_mb(pids[1]))
            self.record(f"{name} (serve's reception process)", *received, len(raw))
            self.record(f"{name} mail in serve's worker process", *processed, len(raw))
        finally:
            stop_server(proc)

    def wait_drained(self, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with sqlite3.connect(self.db, timeout=30) as conn:
                left = conn.execute("SELECT COUNT(*) FROM inbound_message "
                                    "WHERE status NOT IN ('done', 'failed')").fetchone()[0]
            if not left:
                return
            time.sleep(0.2)
        raise SystemExit("the queue did not drain")


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no VmHWM for {pid}")


def reset_peak(pid: int) -> None:
    """Linux: writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def worker_pid(parent: int, timeout: float = 30) -> int:
    """serve's worker: its child process (forked at the start; spawned after a restart, when
    multiprocessing's resource tracker is a child too)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            for pid in children.read_text().split():
                if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return int(pid)
        time.sleep(0.1)
    raise SystemExit("serve's worker process not found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attachment-mb", type=float, default=18)
    parser.add_argument("--no-imap", action="store_true", help="skip the IMAP path (no Dovecot)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        bench = Bench(Path(workdir), 2_000, int(args.attachment_mb * 1_000_000))
        child_peak_mb([*bench.gateway, "db", "upgrade"], bench.env)
        steps = [bench.pipe, bench.processing, bench.preview, bench.serve]
        for step in steps + ([] if args.no_imap else [bench.imap]):
            step()
    size = bench.rows[0][3]
    print(f"\none mail of {size / 1e6:.1f} MB ({args.attachment_mb:g} MB attachment); peak RSS, MB")
    print(f"{'path':40} {'idle':>6} {'big':>6} {'above idle':>10} {'x mail':>7}")
    for path, idle, peak, size in bench.rows:
        above = peak - idle
        print(f"{path:40} {idle:6.0f} {peak:6.0f} {above:10.0f} {above * 2**20 / size:7.2f}")
    print("target: at most 4x the mail's size above the idle size, on every path")


if __name__ == "__main__":
    main()
