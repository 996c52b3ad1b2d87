"""A private Dovecot IMAP server for the tests: its own config, users and maildirs in a temp
folder, IMAP on a free loopback port. Installed by scripts/test-deps.sh."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dovecot:
    def __init__(self, users: dict[str, str]) -> None:
        if not Path(DOVECOT).exists():
            raise RuntimeError("Dovecot is not installed: run scripts/test-deps.sh")
        self.dir = Path(tempfile.mkdtemp(prefix="gw-dovecot-"))
        self.dir.chmod(0o755)  # its unprivileged processes must reach the mail inside
        self.port = free_port()
        self.users = users
        self.proc: subprocess.Popen | None = None

    @property
    def log(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _write_config(self) -> Path:
        (self.dir / "passwd").write_text("".join(f"{user}:{{PLAIN}}{password}::::::\n"
                                                 for user, password in self.users.items()))
        mail = self.dir / "mail"
        mail.mkdir()
        shutil.chown(mail, "nobody", "nogroup")
        conf = self.dir / "dovecot.conf"
        conf.write_text(f"""base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{mail}/%u
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.dir}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={mail}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
""")
        return conf

    def start(self) -> None:
        conf = self._write_config()
        self.proc = subprocess.Popen([DOVECOT, "-c", str(conf), "-F"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"dovecot exited: {self.proc.stderr.read().decode()}"
                                       f"{self.log[-2000:]}") from None
                time.sleep(0.1)
        raise RuntimeError("dovecot did not start listening")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)
