"""An IMAP session: connected, TLS set up and the server's certificate verified, logged in
(password, XOAUTH2 or OAUTHBEARER); the errors as TemporaryFailure, a refused login as
AuthFailure (no mail until an admin acts)."""

from __future__ import annotations

import logging
import socket
import ssl

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from gateway.clock import Clock
from gateway.config.load import read_secret
from gateway.config.settings import ImapConfig
from gateway.errors import TemporaryFailure
from gateway.ingest.oauth2 import TokenError, TokenSource


class AuthFailure(TemporaryFailure):
    """The server refused the login (password or token): no mail until an admin acts."""


def connect(box: ImapConfig, tokens: TokenSource | None = None) -> IMAPClient:
    """A logged-in client. Raises TemporaryFailure (AuthFailure when the login is refused)."""
    client = _open(box)
    try:
        _login(client, box, tokens)
    except LoginError as exc:
        close(client)
        if tokens is not None:
            tokens.invalidate()
        raise AuthFailure(f"IMAP {box.label}: login ({box.auth}) refused: {exc}") from exc
    except TokenError as exc:
        close(client)
        raise AuthFailure(f"IMAP {box.label}: no login ({box.auth}): {exc}") from exc
    except AuthFailure:
        close(client)
        raise
    except (OSError, IMAPClient.Error, TemporaryFailure) as exc:
        close(client)
        raise TemporaryFailure(f"IMAP {box.label}: login ({box.auth}): {exc}") from exc
    except BaseException:  # a bug, or a stop: the connection must not be left open
        close(client)
        raise
    return client


def _open(box: ImapConfig) -> IMAPClient:
    """Connected (and TLS set up, the server's certificate verified): not logged in yet."""
    where = f"IMAP {box.host}:{box.port}"
    context = None  # plain IMAP: loading the system's CAs would cost some 30 ms a connection
    try:  # the system's CAs, or only `ca_file`; certificate and host name are always checked
        if box.security != "none":
            context = ssl.create_default_context(cafile=box.ca_file or None)
    except ssl.SSLError as exc:  # (an OSError too)
        raise TemporaryFailure(f"{where}: imap.ca_file {box.ca_file}: no CA in it ({exc})"
                               ) from exc
    except OSError as exc:
        raise TemporaryFailure(f"{where}: imap.ca_file {box.ca_file}: {exc.strerror}") from exc
    try:
        client = IMAPClient(box.host, port=box.port, ssl=box.security == "tls",
                            ssl_context=context, timeout=box.timeout_seconds)
        client.normalise_times = False  # keep INTERNALDATE's own offset: we store UTC
        _untraced(client)
        _keepalive(client.socket())
        if box.security == "starttls":
            client.starttls(context)
    except ssl.SSLCertVerificationError as exc:
        trusted = f"the CA in {box.ca_file}" if box.ca_file else "the system's CAs"
        raise TemporaryFailure(f"{where}: TLS certificate not trusted ({exc.verify_message}; "
                               f"checked against {trusted}): set imap.ca_file to the CA that "
                               "signed it") from exc
    except (OSError, ssl.SSLError, IMAPClient.Error) as exc:
        raise TemporaryFailure(f"{where} ({box.security}): {exc}") from exc
    return client


def _untraced(client: IMAPClient) -> None:
    """imapclient sets imaplib's trace level to 5 and hands the trace to the logger
    "imapclient.imaplib" at DEBUG: imaplib then formats every answer with repr(), each mail
    body of a FETCH included, also when that logger drops it (half the CPU of a batched
    fetch, see bench/imap_ingest.py). Traced only while that logger would write it."""
    imap = getattr(client, "_imap", None)  # imapclient's imaplib object (not public API)
    if imap is not None and not logging.getLogger("imapclient.imaplib").isEnabledFor(
            logging.DEBUG):
        imap.debug = 0


def _keepalive(sock: socket.socket) -> None:
    """A connection that idles for many minutes: let TCP notice within about three minutes
    when a firewall or NAT silently forgot it, instead of waiting for the next IDLE renewal."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for option, value in (("TCP_KEEPIDLE", 60), ("TCP_KEEPINTVL", 30), ("TCP_KEEPCNT", 4)):
        if hasattr(socket, option):  # Linux; elsewhere the system's defaults apply
            sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, option), value)


def _login(client: IMAPClient, box: ImapConfig, tokens: TokenSource | None) -> None:
    if box.auth == "password":
        password = read_secret(box.password_env, box.password_file)
        if not password:  # the server's "login refused" would not say why
            raise AuthFailure(f"IMAP {box.label}: no password: set {box.password_env} or "
                              "imap.password_file")
        client.login(box.username, password)
        return
    if tokens is None:
        raise TemporaryFailure("no OAuth2 token source")
    if box.auth == "xoauth2":
        client.oauth2_login(box.username, tokens.token())
    else:
        client.oauthbearer_login(box.username, tokens.token())


def close(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the connection may be gone already; nothing is lost by that
        pass


def token_source(box: ImapConfig, clock: Clock) -> TokenSource | None:
    return TokenSource(box.oauth2, clock) if box.oauth2 is not None else None
