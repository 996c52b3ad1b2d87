"""`gateway config check --connect`: try what the config points at before a customer's mail
does: the relay (connect, EHLO, STARTTLS, AUTH) and every IMAP login; and name the secrets
that are not set. Nothing is sent, nothing is stored."""

from __future__ import annotations

import smtplib
import ssl
from pathlib import Path

from gateway.clock import SystemClock
from gateway.config.handoff import webhook_target
from gateway.config.load import read_secret
from gateway.config.metrics import is_loopback
from gateway.config.settings import GatewaySettings, HostPort
from gateway.errors import TemporaryFailure


def unset_secrets(settings: GatewaySettings) -> list[str]:
    """Secrets a configured feature needs but that are not there (names only, never values)."""
    problems = []
    relay = settings.relay
    if relay.username and not _secret("GATEWAY_RELAY_PASSWORD", relay.password_file):
        problems.append("relay.username is set but no password: set GATEWAY_RELAY_PASSWORD "
                        "or relay.password_file")
    for box in settings.imap:
        if box.auth == "password" and not _secret(box.password_env, box.password_file):
            problems.append(f"imap {box.label}: no password: set {box.password_env} or "
                            "password_file")
    return problems


def metrics_token(settings: GatewaySettings) -> str:
    """The bearer token of /report and /metrics ("" for none); OSError if its file is unreadable."""
    return read_secret("GATEWAY_METRICS_TOKEN", settings.metrics.token_file).strip()


def token_problem(settings: GatewaySettings, token: str) -> str | None:
    """A token file that is empty (the listener then ran open, loopback or not, although the
    admin asked for a token), or a token no client can send (non-ASCII: the header arrives
    as latin-1 and never matched; white space inside)."""
    config = settings.metrics
    if config.token_file and not token:
        return (f"metrics.token_file {config.token_file} is empty: write the token into it "
                "(or leave token_file unset)")
    if token and not (token.isascii() and token.isprintable() and " " not in token):
        return ("the metrics token (GATEWAY_METRICS_TOKEN or metrics.token_file) must be "
                "printable ASCII without spaces: clients send it in an HTTP header")
    return None


def token_file_warnings(settings: GatewaySettings) -> list[str]:
    """A token file others can read: any local user reads /report with it."""
    path = settings.metrics.token_file
    try:
        mode = Path(path).stat().st_mode if path else 0
    except OSError:
        return []  # exposed_listener names it
    if mode & 0o007:
        return [f"metrics.token_file {path} is readable by every user (mode "
                f"{mode & 0o777:o}): chmod 600 it, owned by the service user"]
    return []


def webhook_warnings(settings: GatewaySettings) -> list[str]:
    """A password in a plain-http webhook URL to another host crosses the network readable."""
    url = settings.handoff.webhook_url
    if not url:
        return []
    target = webhook_target(url)
    if target.authorization and not target.tls and not is_loopback(target.host):
        return [f"handoff.webhook_url {target.shown}: the password goes over plain http "
                "(Basic auth); use https://"]
    return []


def exposed_listener(settings: GatewaySettings) -> list[str]:
    """What `serve` and `config check` refuse: the HTTP listener on an address others reach,
    with no token (its /report lists customers' addresses), unless the admin allowed it."""
    listen, config = settings.metrics.listen, settings.metrics
    if not listen:
        return []
    try:
        token = metrics_token(settings)
    except OSError as exc:
        return [f"metrics.token_file {config.token_file}: {exc.strerror}"]
    problem = token_problem(settings, token)
    if problem:
        return [problem]
    if token or config.allow_unauthenticated:
        return []
    host = HostPort.parse(listen, any_port=True)[0]
    if is_loopback(host):
        return []
    return [f"metrics.listen {listen} is not a loopback address and has no token: anyone who "
            "reaches it reads /report (every customer's address); set GATEWAY_METRICS_TOKEN or "
            "metrics.token_file (clients send Authorization: Bearer <token>), listen on "
            "127.0.0.1, or set metrics.allow_unauthenticated = true "
            "(GATEWAY_METRICS_ALLOW_UNAUTHENTICATED=1) if a firewall guards it"]


def _secret(env_var: str, file_path: str) -> bool:
    try:
        return bool(read_secret(env_var, file_path))
    except OSError:
        return False


def missing_templates_dir(settings: GatewaySettings) -> list[str]:
    if settings.templates_dir and not Path(settings.templates_dir).is_dir():
        return [f"templates_dir {settings.templates_dir} is not a folder"]
    return []


def try_relay(settings: GatewaySettings) -> tuple[list[str], list[str]]:
    """(problems, what worked), one step at a time so that the failing one is named."""
    relay = settings.relay
    if settings.dry_run or not relay.host:
        return [], [f"relay: none (dry run: replies go to {settings.outbox_dir})"]
    where = f"relay {relay.host}:{relay.port}"
    context = ssl.create_default_context(cafile=relay.ca_file or None)
    done: list[str] = []
    try:
        client = (smtplib.SMTP_SSL(relay.host, relay.port, timeout=relay.timeout_seconds,
                                   context=context) if relay.security == "tls" else
                  smtplib.SMTP(relay.host, relay.port, timeout=relay.timeout_seconds))
        with client:
            code, _ = client.ehlo()
            done.append(f"{where}: connected ({relay.security}), EHLO {code}")
            if relay.security == "starttls":
                client.starttls(context=context)
                client.ehlo()
                done.append(f"{where}: STARTTLS ok")
            if relay.username:
                if relay.security == "none" and not relay.allow_plain_auth:
                    return [f"{where}: AUTH over an unencrypted connection refused (set "
                            "relay.security to starttls or tls, or relay.allow_plain_auth = "
                            "true for a trusted local relay)"], done
                client.login(relay.username, read_secret("GATEWAY_RELAY_PASSWORD",
                                                         relay.password_file))
                done.append(f"{where}: AUTH as {relay.username} ok")
    except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        return [f"{where}: {exc.__class__.__name__}: {exc}"], done
    return [], done


def try_imap(settings: GatewaySettings) -> tuple[list[str], list[str]]:
    from gateway.ingest.imap_session import close, connect, token_source

    problems, done = [], []
    for box in settings.imap:
        try:
            client = connect(box, token_source(box, SystemClock()))
        except (TemporaryFailure, OSError) as exc:
            problems.append(str(exc))
            continue
        close(client)
        done.append(f"imap {box.label}: login ok")
    return problems, done
