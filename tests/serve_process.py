"""`gateway serve` as systemd runs it: its own process group (signals go to the whole group),
a real $NOTIFY_SOCKET datagram socket, metrics on a free port."""

from __future__ import annotations

import os
import resource
import smtplib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.private_server import free_port

ROOT = Path(__file__).resolve().parents[1]


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def wait_gone(pgid: int, timeout: float) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _limit_files(nofile: tuple[int, int]):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, nofile)

    return apply


class Serve:
    def __init__(self, workdir: Path, env: dict | None = None, config: str | None = None,
                 nofile: tuple[int, int] | None = None) -> None:
        """`nofile`: RLIMIT_NOFILE (soft, hard) of the serve process, as `prlimit` would set."""
        self.workdir = workdir
        self.smtp_port, self.metrics_port = free_port(), free_port()
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify_path = str(workdir / f"notify-{self.smtp_port}.sock")
        self.notify.bind(self.notify_path)
        self.messages: list[str] = []
        base = {k: v for k, v in os.environ.items()
                if not k.startswith(("GATEWAY_", "NOTIFY_", "WATCHDOG_", "JOURNAL_"))}
        base.update({"PYTHONPATH": str(ROOT), "NOTIFY_SOCKET": self.notify_path,
                     "GATEWAY_SMTP_LISTEN": f"127.0.0.1:{self.smtp_port}",
                     "GATEWAY_METRICS_LISTEN": f"127.0.0.1:{self.metrics_port}"})
        base.update(env or {})
        self.log_path = workdir / "serve.log"
        args = [sys.executable, "-m", "gateway"] + (["--config", config] if config else [])
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(args + ["serve"], cwd=workdir, env=base, stdout=log,
                                         stderr=subprocess.STDOUT, start_new_session=True,
                                         preexec_fn=_limit_files(nofile) if nofile else None)
        self.pgid = self.proc.pid  # start_new_session: its own group, as under systemd
        self.wait_notify("READY=1", timeout=60)

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_notify(self, field: str, timeout: float = 30) -> str:
        """The first datagram (since the last wait) that holds `field` as a line."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.notify.settimeout(max(deadline - time.monotonic(), 0.01))
            try:
                message = self.notify.recv(4096).decode()
            except TimeoutError:
                break
            self.messages.append(message)
            if field in message.split("\n"):
                return message
        raise AssertionError(f"no {field} from serve; got {self.messages}\n{self.log[-3000:]}")

    def http(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}{path}",
                                        timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def smtp(self) -> smtplib.SMTP:
        return smtplib.SMTP("127.0.0.1", self.smtp_port, timeout=30)

    def send(self, mail: bytes, rcpt: str = "technik@centron.de") -> None:
        with self.smtp() as client:
            client.sendmail("max@kunde.example", [rcpt], mail)

    def signal_group(self, sig: int) -> None:
        os.killpg(self.pgid, sig)

    def finish(self) -> None:
        """Whatever a test left running: SIGKILL the group."""
        if group_members(self.pgid):
            try:
                os.killpg(self.pgid, 9)
            except ProcessLookupError:
                pass
        self.proc.wait(timeout=30)
        self.notify.close()




def serve_with_own_template(tmp_path: Path, config_text: str = "") -> tuple[Serve, Path]:
    """serve with a redirect template of the test's, which says VERSION ONE until changed, and
    `config_text` in its config file beside `templates_dir`."""
    templates = tmp_path / "templates"
    templates.mkdir()
    template = templates / "redirect_account_center.txt.j2"
    template.write_text("VERSION ONE {{ account_center_url }}")
    config = tmp_path / "gw.toml"
    config.write_text(f'{config_text}templates_dir = "{templates}"\n')
    return Serve(tmp_path, config=str(config)), template
