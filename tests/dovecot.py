"""A private Dovecot IMAP server for the tests: its own config, users and maildirs in a temp
folder, IMAP on a free loopback port. Installed by scripts/test-deps.sh."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.private_server import PrivateServer

DOVECOT = "/usr/sbin/dovecot"


class Dovecot(PrivateServer):
    log_name = "dovecot.log"

    def __init__(self, users: dict[str, str]) -> None:
        if not Path(DOVECOT).exists():
            raise RuntimeError("Dovecot is not installed: run scripts/test-deps.sh")
        super().__init__("gw-dovecot-")
        self.users = users

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
        self.launch([DOVECOT, "-c", str(self._write_config()), "-F"])
