"""Issue 19's new surfaces attacked again after the fact, as a stranger would: real sockets, a
real `serve`, the real `gateway import`. Each test failed on the code before its fix."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from gateway.clock import parse_moment
from gateway.config.load import settings_from_dict
from gateway.delivery.handoff_send import post_webhook
from gateway.delivery.helpdesk_ref import parse_answer
from gateway.delivery.relay import DeliveryError
from gateway.errors import ConfigError
from gateway.redact import mask_url, spreadsheet_safe
from gateway.service.connect_check import (
    exposed_listener,
    metrics_token,
    token_file_warnings,
)
from gateway.service.http_listener import authorized
from tests.serve_process import Serve

ROOT = Path(__file__).resolve().parents[1]


def one_answer(answer: Callable[[socket.socket], None]) -> str:
    """A receiver on a real socket that reads one request's head and answers with `answer`."""
    listener = socket.create_server(("127.0.0.1", 0))

    def run() -> None:
        conn, _ = listener.accept()
        with conn, listener:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            answer(conn)

    threading.Thread(target=run, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}/hook"


@pytest.mark.parametrize("url,secrets", [
    ("http://agent:hunter2@[::1/hook", ["hunter2"]),  # urlsplit fails: was shown whole
    ("https://h.example/x?apiKey=K1&sig=K2&access-token=K3&X-Amz-Signature=K4", ["K1", "K2",
                                                                                 "K3", "K4"]),
    ("https://h.example/x?a=1;token=K5#access_token=K6", ["K5", "K6"]),
])
def test_secrets_in_any_url_are_masked(url, secrets):
    shown = mask_url(url)
    assert "***" in shown and not any(s in shown for s in secrets), shown


def test_a_broken_webhook_url_is_refused_without_its_password():
    with pytest.raises(ConfigError) as caught:
        settings_from_dict({}, env={"GATEWAY_HANDOFF_WEBHOOK": "http://agent:hunter2@[::1/x"})
    assert "hunter2" not in str(caught.value) and "agent:***@" in str(caught.value)


def test_a_redirect_to_a_broken_url_with_credentials_is_recorded_masked():
    url = one_answer(lambda conn: conn.sendall(
        b"HTTP/1.1 302 Found\r\nLocation: http://admin:topsecret@[::1/x\r\n"
        b"Content-Length: 0\r\n\r\n"))
    with pytest.raises(DeliveryError) as caught:
        post_webhook(url, b"{}", "key-1", "", 5)
    assert "redirect" in str(caught.value) and "topsecret" not in str(caught.value)


def test_a_helpdesk_answer_in_several_chunks_names_its_ticket():
    url = one_answer(lambda conn: conn.sendall(
        b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
        b'7\r\n{"id": \r\n9;x=y\r\n"HD-4711"\r\n1\r\n}\r\n0\r\n\r\n'))
    detail, body = post_webhook(url, b"{}", "key-2", "", 5)
    assert detail == "HTTP 201"
    found = parse_answer(body)
    assert found is not None and found.id == "HD-4711"


def test_import_skip_lines_carry_no_escape_sequence_or_line_break(tmp_path):
    folder = tmp_path / "md"
    (folder / "new").mkdir(parents=True)
    (folder / "cur").mkdir()
    name = "evil\x1b]0;owned\x07\x1b[2J\nforged line\u202e"
    (folder / "cur" / name).symlink_to("/etc/passwd")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    env.update(PYTHONPATH=str(ROOT), GATEWAY_DATABASE_URL=f"sqlite:///{tmp_path}/gw.db")
    result = subprocess.run([sys.executable, "-m", "gateway", "import", str(folder)], env=env,
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(lines) == 1 and "forged line" in lines[0], result.stderr
    assert not any(c in result.stderr for c in "\x1b\x07\u202e")


def test_the_http_listener_listens_on_ipv6_loopback(tmp_path):
    with socket.socket(socket.AF_INET6) as probe:
        probe.bind(("::1", 0))
        port = probe.getsockname()[1]
    serve = Serve(tmp_path, env={"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/gw.db",
                                 "GATEWAY_METRICS_LISTEN": f"[::1]:{port}"})
    try:
        with socket.create_connection(("::1", port), timeout=20) as client:
            client.sendall(b"GET /healthz HTTP/1.0\r\n\r\n")
            assert client.recv(100).startswith(b"HTTP/1.0 200"), serve.log[-2000:]
    finally:
        serve.signal_group(15)
        serve.proc.wait(timeout=60)
        serve.finish()


@pytest.fixture
def unanswering():
    """A real listener whose queue is full: a connect to it hangs (the SYN dropped), as to a
    host behind a firewall that drops."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    filler = socket.create_connection(listener.getsockname(), timeout=5)
    yield listener.getsockname()
    filler.close()
    listener.close()


def test_a_name_with_three_unanswering_addresses_keeps_the_one_deadline(monkeypatch,
                                                                          unanswering):
    # no DNS server here: the resolver's answer is given, the three connects are real
    real = socket.getaddrinfo

    def three(host, port, *args, **kwargs):
        if host != "helpdesk.example" or kwargs.get("flags", 0) & socket.AI_NUMERICHOST:
            return real(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", unanswering)] * 3

    monkeypatch.setattr(socket, "getaddrinfo", three)
    started = time.monotonic()
    with pytest.raises(DeliveryError) as caught:
        post_webhook(f"http://helpdesk.example:{unanswering[1]}/hook", b"{}", "key-3", "", 1.5)
    assert time.monotonic() - started < 2.5, caught.value  # was 4.5 s (1.5 s per address)
    assert "timed out" in str(caught.value) or "within" in str(caught.value)


def test_a_resolver_that_does_not_answer_is_cut_at_the_deadline(monkeypatch):
    real = socket.getaddrinfo

    def slow(host, port, *args, **kwargs):
        if host == "helpdesk.example" and not kwargs.get("flags", 0) & socket.AI_NUMERICHOST:
            time.sleep(5)  # a resolver's timeouts and retries
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    started = time.monotonic()
    with pytest.raises(DeliveryError) as caught:
        post_webhook("http://helpdesk.example/hook", b"{}", "key-4", "", 1.0)
    assert time.monotonic() - started < 2, caught.value
    assert "not resolved within 1 s" in str(caught.value)


@pytest.mark.parametrize("cell", [" =1+1", "\u00a0=HYPERLINK(\"x\")", "\ufeff=1+1",
                                  "\u3000@SUM(1)", "\uff1dSUM(1,2)", "\t-2+3"])
def test_formulas_behind_any_white_space_or_in_full_width_are_neutralised(cell):
    assert spreadsheet_safe(cell) == "'" + cell
    assert spreadsheet_safe("Rechnung " + cell) == "Rechnung " + cell  # only at the start


def run_gateway(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    clean.update(PYTHONPATH=str(ROOT), GATEWAY_DATABASE_URL=f"sqlite:///{tmp_path}/gw.db", **env)
    return subprocess.run([sys.executable, "-m", "gateway", *args], env=clean, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)


def test_an_empty_token_file_is_refused_not_an_open_listener(tmp_path):
    """The admin asked for a token; an empty file left /report open to every local user."""
    (tmp_path / "metrics.token").write_text("\n")
    (tmp_path / "gateway.toml").write_text(
        f'[metrics]\nlisten = "127.0.0.1:8026"\ntoken_file = "{tmp_path}/metrics.token"\n')
    result = run_gateway(tmp_path, "--config", str(tmp_path / "gateway.toml"), "config", "check")
    assert result.returncode == 78, result.stdout + result.stderr
    assert "metrics.token_file" in result.stdout + result.stderr
    assert "is empty" in result.stdout + result.stderr


@pytest.mark.parametrize("token", ["tökén-4711", "two words"])
def test_a_token_no_client_can_send_is_refused(monkeypatch, token):
    monkeypatch.setenv("GATEWAY_METRICS_TOKEN", token)
    settings = settings_from_dict({"metrics": {"listen": "0.0.0.0:8026"}})
    assert "printable ASCII" in " ".join(exposed_listener(settings))


def test_a_token_with_white_space_around_it_still_lets_its_client_in(monkeypatch):
    monkeypatch.setenv("GATEWAY_METRICS_TOKEN", " metrics-4711 \n")
    token = metrics_token(settings_from_dict({}))
    assert authorized({"HTTP_AUTHORIZATION": "Bearer metrics-4711"}, token)
    assert not authorized({"HTTP_AUTHORIZATION": "Bearer metrics-471"}, token)


def test_a_token_file_others_can_read_is_warned_about(tmp_path):
    path = tmp_path / "metrics.token"
    path.write_text("metrics-4711\n")
    path.chmod(0o644)
    settings = settings_from_dict({"metrics": {"token_file": str(path)}})
    assert "readable by every user" in " ".join(token_file_warnings(settings))
    path.chmod(0o600)
    assert token_file_warnings(settings) == []


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Asia/Kolkata", "UTC", "America/New_York"])
def test_the_years_the_date_error_names_are_accepted_in_every_zone(zone):
    tz = ZoneInfo(zone)
    assert parse_moment("1900-01-01", tz).year == 1900  # Berlin: refused (1899 in UTC)
    assert parse_moment("9998-12-31T23:59", tz).year == 9998
    for outside in ("1899-12-31T23:59", "9999-01-01"):
        with pytest.raises(ValueError, match="years 1900 to 9998"):
            parse_moment(outside, tz)


def test_connections_stuck_mid_request_do_not_keep_postfix_out(start_service):
    """At the cap, with every connection in the middle of a request (one line sent, then
    nothing), Postfix's new connection was closed at once for their 10 s; now the one stuck
    longest makes room."""
    running = start_service(postfix={"policy_listen": "127.0.0.1:0",
                                     "policy_max_connections": 20})
    port = running.port("policy")
    stuck = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(25)]
    try:
        for sock in stuck:
            sock.sendall(b"request=smtpd_access_policy\n")
        time.sleep(1.5)
        with socket.create_connection(("127.0.0.1", port), timeout=5) as postfix:
            postfix.sendall(b"request=smtpd_access_policy\nrecipient=someone@elsewhere.example"
                            b"\nsender=max@kunde.example\n\n")
            assert postfix.recv(100) == b"action=DUNNO\n\n"
    finally:
        for sock in stuck:
            sock.close()


def test_the_http_listener_names_no_software_versions(start_service):
    running = start_service(metrics={"listen": "127.0.0.1:0"})
    for request in (b"GET /healthz HTTP/1.0\r\n\r\n", b"GET /report HTTP/1.0\r\n\r\n",
                    b"GET /" + b"a" * 70_000 + b" HTTP/1.0\r\n\r\n"):  # an error page too
        with socket.create_connection(("127.0.0.1", running.port("metrics")), timeout=10) as c:
            c.sendall(request)
            answer = b""
            while chunk := c.recv(65536):
                answer += chunk
            head = answer.split(b"\r\n\r\n")[0]
        assert b"HTTP/1.0 " in head and b"Python" not in head and b"WSGIServer" not in head, head


def test_simulate_on_a_device_or_fifo_is_a_usage_error(tmp_path):
    fifo = tmp_path / "mbox-fifo"
    os.mkfifo(fifo)
    for source in ("/dev/zero", str(fifo)):
        result = run_gateway(tmp_path, "simulate", source)
        assert result.returncode == 64, result.stderr  # was 1 with a traceback
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr
