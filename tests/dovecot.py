"""A private Dovecot IMAP server for the tests: its own config, users and maildirs in a temp
folder, IMAP on a free loopback port. Installed by scripts/test-deps.sh.

Options for the server quirks the gateway must cope with: `capabilities` replaces what Dovecot
announces (`imap_capability`, e.g. without MOVE, UIDPLUS or IDLE), and `introspection_url`
adds an `oauth2` passdb that asks that endpoint about XOAUTH2/OAUTHBEARER tokens; `tls` (a
certificate and its key) turns on STARTTLS on `port` and implicit TLS on `tls_port`."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.private_server import PrivateServer, free_port

DOVECOT = "/usr/sbin/dovecot"


class Dovecot(PrivateServer):
    log_name = "dovecot.log"

    def __init__(self, users: dict[str, str], capabilities: str = "",
                 introspection_url: str = "", tls: tuple[Path, Path] | None = None) -> None:
        if not Path(DOVECOT).exists():
            raise RuntimeError("Dovecot is not installed: run scripts/test-deps.sh")
        super().__init__("gw-dovecot-")
        self.users = users
        self.capabilities = capabilities
        self.introspection_url = introspection_url
        self.tls = tls
        self.tls_port = free_port() if tls else 0

    @property
    def mail_dir(self) -> Path:
        return self.dir / "mail"

    def _oauth2(self) -> tuple[str, str]:
        """The auth mechanisms and the extra passdb for OAuth2, if asked for."""
        if not self.introspection_url:
            return "plain login", ""
        (self.dir / "oauth2.conf").write_text(
            f"introspection_mode = post\nintrospection_url = {self.introspection_url}\n"
            "force_introspection = yes\nusername_attribute = username\n"
            "active_attribute = active\nactive_value = true\n")
        passdb = (f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
                  f"  args = {self.dir}/oauth2.conf\n}}\n")
        return "plain login xoauth2 oauthbearer", passdb

    def _write_config(self) -> Path:
        (self.dir / "passwd").write_text("".join(f"{user}:{{PLAIN}}{password}::::::\n"
                                                 for user, password in self.users.items()))
        mail = self.mail_dir
        mail.mkdir()
        shutil.chown(mail, "nobody", "nogroup")
        mechanisms, oauth2_passdb = self._oauth2()
        capability = f"imap_capability = {self.capabilities}\n" if self.capabilities else ""
        ssl = "no"
        if self.tls:
            ssl = f"yes\nssl_cert = <{self.tls[0]}\nssl_key = <{self.tls[1]}"
        conf = self.dir / "dovecot.conf"
        conf.write_text(f"""base_dir = {self.dir}/run
state_dir = {self.dir}/state
log_path = {self.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = {ssl}
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
mail_location = maildir:{mail}/%u
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
{capability}{oauth2_passdb}passdb {{
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
    address = 127.0.0.1
    port = {self.tls_port}
  }}
}}
""")
        return conf

    def start(self) -> None:
        self.launch([DOVECOT, "-c", str(self._write_config()), "-F"])
