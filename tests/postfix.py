"""A private Postfix instance for the tests: its own config and queue in a temp folder, SMTP on a
free loopback port, routing our three addresses to the gateway exactly as docs/deployment.md says.
Installed by scripts/test-deps.sh; its master runs as root (as it does on a real host)."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

from tests.private_server import PrivateServer

MASTER = "/usr/lib/postfix/sbin/master"
MASTER_PROTO = "/etc/postfix/master.cf.proto"
QUEUE_DIRS = ("incoming", "active", "deferred", "defer", "bounce", "corrupt", "flush", "hold",
              "saved", "trace", "private")


class Postfix(PrivateServer):
    log_name = "maillog"

    def __init__(self, transport: dict[str, str], policy: str = "") -> None:
        """policy: a check_policy_service target (inet:127.0.0.1:PORT), asked first at RCPT."""
        if not Path(MASTER).exists():
            raise RuntimeError("Postfix is not installed: run scripts/test-deps.sh")
        super().__init__("gw-postfix-")
        self.transport = transport
        self.policy = policy

    def _write_config(self) -> Path:
        conf = self.dir / "conf"
        conf.mkdir()
        routes = ", ".join(f"{rcpt}={route}" for rcpt, route in self.transport.items())
        policy = f"check_policy_service {self.policy}, " if self.policy else ""
        (conf / "main.cf").write_text(f"""compatibility_level = 3.6
queue_directory = {self.dir}/queue
data_directory = {self.dir}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.test.example
mydomain = test.example
myorigin = test.example
mydestination =
relay_domains = centron.de
mynetworks = 127.0.0.0/8
smtpd_recipient_restrictions = {policy}permit_mynetworks, reject_unauth_destination
# exactly what docs/deployment.md tells admins, as an inline table instead of a hash file
transport_maps = inline:{{ {routes} }}
smtp_dns_support_level = disabled
maillog_file = {self.dir}/maillog
maillog_file_prefixes = {self.dir}
alias_maps =
alias_database =
local_recipient_maps =
queue_run_delay = 1s
# not 1s: the delivery agent still holds a deferred file's lock while it closes the session;
# a retry due before that finds it locked ("skipped, still being delivered") and strands it
minimal_backoff_time = 3s
maximal_backoff_time = 4s
""")
        master = []
        for line in Path(MASTER_PROTO).read_text().splitlines():
            if line.startswith("smtp      inet"):
                line = f"127.0.0.1:{self.port} inet n - n - - smtpd"
            fields = re.match(r"^(\S+\s+\S+\s+\S+\s+\S+\s+)(\S+)(\s+.*)$", line)
            if fields and not line.startswith(("#", " ")):
                line = fields.group(1) + "n" + fields.group(3)  # no chroot in a temp folder
            master.append(line)
        (conf / "master.cf").write_text("\n".join(master) + "\n")
        return conf

    def _make_queue(self) -> None:
        queue = self.dir / "queue"
        for name in QUEUE_DIRS:
            (queue / name).mkdir(parents=True)
            shutil.chown(queue / name, "postfix")
        for name, mode in (("maildrop", 0o730), ("public", 0o710)):
            (queue / name).mkdir()
            shutil.chown(queue / name, "postfix", "postdrop")
            (queue / name).chmod(mode)
        (queue / "pid").mkdir()
        (self.dir / "data").mkdir()
        shutil.chown(self.dir / "data", "postfix")

    def start(self) -> None:
        conf = self._write_config()
        self._make_queue()
        self.launch([MASTER, "-c", str(conf), "-d"])

    def wait_for(self, pattern: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.log)
            if found:
                return found.group(0)
            time.sleep(0.1)
        raise AssertionError(f"no /{pattern}/ in the Postfix log:\n{self.log[-3000:]}")
