"""`import` and `simulate` read regular files only (issue 19, finding 7): a Maildir with
symbolic links out of the folder (a password file, /etc/passwd, /dev/zero), a FIFO and an
oversize mail, through the real `gateway` command. Each is skipped with a line of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_mail

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 4000
SECRET = "relay-password-Xy7!"


@pytest.fixture
def env(tmp_path):
    found = {k: v for k, v in os.environ.items() if not k.startswith("GATEWAY_")}
    config = tmp_path / "gateway.toml"
    config.write_text(f"[smtp]\nmax_message_size = {LIMIT}\n")
    found.update({"GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path}/var/gateway.db",
                  "GATEWAY_OUTBOX_DIR": str(tmp_path / "outbox"), "PYTHONPATH": str(ROOT),
                  "GATEWAY_CONFIG": str(config)})
    return found


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    # a short timeout: the FIFO hung the old code for ever
    return subprocess.run([sys.executable, "-m", "gateway", *args], env=env, text=True,
                          capture_output=True, cwd=ROOT, timeout=30)


def hostile_folder(folder: Path, tmp_path: Path, names: dict[str, str]) -> None:
    """The files an attacker (or a careless copy) leaves: `names` maps kind → file name."""
    secret = tmp_path / "relay.password"
    secret.write_text(f"To: technik@centron.de\nSubject: x\n\n{SECRET}\n")
    (folder / names["good"]).write_bytes(make_mail(message_id="<good@kunde.example>"))
    (folder / names["secret"]).symlink_to(secret)
    (folder / names["passwd"]).symlink_to("/etc/passwd")
    (folder / names["zero"]).symlink_to("/dev/zero")
    os.mkfifo(folder / names["fifo"])
    big = make_mail(message_id="<big@kunde.example>", body="x" * (LIMIT + 100))
    (folder / names["big"]).write_bytes(big)


def test_import_skips_links_fifos_devices_and_oversize_mail(tmp_path, env):
    box = tmp_path / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (box / sub).mkdir(parents=True)
    hostile_folder(box / "cur", tmp_path, {k: f"17000000{n}.{k}:2,S" for n, k in enumerate(
        ("good", "secret", "passwd", "zero", "fifo", "big"))})
    result = run(env, "--json", "import", "--rcpt", "technik@centron.de", str(box))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["stored"], data["skipped_unreadable"]) == (1, 5)
    lines = [line for line in result.stderr.splitlines() if "skipped maildir:" in line]
    assert len(lines) == 5, result.stderr
    for kind, why in (("secret", "symbolic link out of the folder"),
                      ("passwd", "symbolic link out of the folder"),
                      ("zero", "symbolic link out of the folder"),
                      ("fifo", "not a regular file"), ("big", "over smtp.max_message_size")):
        assert any(f".{kind}" in line and why in line for line in lines), (kind, lines)
    exported = run(env, "tickets", "export")
    assert SECRET not in exported.stdout and "root:" not in exported.stdout


def test_import_refuses_a_fifo_or_device_as_the_mbox(tmp_path, env):
    os.mkfifo(tmp_path / "box.mbox")
    for path in (tmp_path / "box.mbox", Path("/dev/zero")):
        result = run(env, "import", "--rcpt", "technik@centron.de", str(path))
        assert result.returncode == 64, result.stderr
        assert "not a regular file" in result.stderr


def test_import_skips_an_oversize_mail_in_an_mbox(tmp_path, env):
    mbox = tmp_path / "old.mbox"
    small = make_mail(message_id="<s@kunde.example>")
    big = make_mail(message_id="<b@kunde.example>", body="y" * (LIMIT + 100))
    mbox.write_bytes(b"".join(b"From max@kunde.example Mon Sep  1 10:00:00 2025\n" + m + b"\n"
                              for m in (small, big)))
    result = run(env, "--json", "import", "--rcpt", "technik@centron.de", str(mbox))
    assert result.returncode == 0, result.stderr
    assert (json.loads(result.stdout)["stored"], json.loads(result.stdout)[
        "skipped_unreadable"]) == (1, 1)
    assert "skipped mbox:old.mbox:1" in result.stderr and "max_message_size" in result.stderr


def test_simulate_reads_regular_eml_files_only(tmp_path, env):
    folder = tmp_path / "mails"
    folder.mkdir()
    hostile_folder(folder, tmp_path, {k: f"{k}.eml" for k in (
        "good", "secret", "passwd", "zero", "fifo", "big")})
    result = run(env, "--json", "simulate", "--rcpt", "technik@centron.de", str(folder))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["messages"] == 1
    assert sorted(m["position"] for m in data["skipped_unreadable"]) == [
        "eml:big.eml", "eml:fifo.eml", "eml:passwd.eml", "eml:secret.eml", "eml:zero.eml"]
    assert SECRET not in result.stdout
    text = run(env, "simulate", "--rcpt", "technik@centron.de", str(folder / "zero.eml"))
    assert text.returncode == 0 and "skipped eml:zero.eml: a symbolic link" in text.stdout


def test_import_skips_a_maildir_folder_that_links_out(tmp_path, env):
    """`cur` itself a link to a folder elsewhere: its files are not links, yet outside."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "1700000000.x:2,S").write_text(f"To: technik@centron.de\n\n{SECRET}\n")
    box = tmp_path / "Maildir"
    (box / "new").mkdir(parents=True)
    (box / "cur").symlink_to(outside)
    result = run(env, "--json", "import", "--rcpt", "technik@centron.de", str(box))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["skipped_unreadable"] == 1
    assert "symbolic link out of the folder" in result.stderr
    plain = tmp_path / "plain"
    plain.mkdir()
    refused = run(env, "import", "--rcpt", "technik@centron.de", str(plain))
    assert refused.returncode == 64 and "no Maildir" in refused.stderr
