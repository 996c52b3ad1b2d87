"""The docs' commands, run as written (tests/test_docs.py; the rule is in docs/development.md).

Every fenced block in README.md and docs/*.md carries an info string. `sh` blocks are shell
scripts, `console` blocks hold commands after `$ ` (the rest is their output); both are run
in document order by `sh -e`, in one scratch copy of the repository (its own `var/`, the
same `.venv` linked in), while a real `gateway serve` runs there on the defaults the README names
(SMTP 127.0.0.1:8025, metrics 8026) -- in a private network namespace where `unshare` allows
one, so that those ports never meet another test's. `sh no-test` / `console no-test` blocks
are not run: they need root, a system service or a live server (NEVER_RUN lists the programs
that must never appear in a block that is run). Every other info string (toml, text, ...) is
not a command.

Run as a script (`python tests/docs_runner.py WORKDIR BLOCKS.json RESULTS.json`) it is the
part inside the namespace: it starts serve, runs the blocks, stops serve.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_LANGUAGES = ("sh", "console")
NO_TEST = "no-test"
# Programs a documented command may use only in a `no-test` block: they change the machine, need
# root or a system service, or (serve, poll without --once) never end.
NEVER_RUN = ("systemctl", "postmap", "postfix", "apt-get", "apt", "useradd", "sudo", "install",
             "journalctl", "systemd-analyze", "pg_dump", "pip", "pip3")
NEVER_RUN_GATEWAY = re.compile(r"\bgateway\s+(serve|poll(?!.*--once))\b")


@dataclass
class Block:
    doc: str          # README.md, docs/operations.md
    line: int         # line of the opening fence
    language: str     # sh, console, toml, text, ... ("" when the fence has no info string)
    flags: list[str]  # the info string's other words (no-test)
    text: str         # the block's lines

    @property
    def ident(self) -> str:
        return f"{self.doc}:{self.line}"

    @property
    def runs(self) -> bool:
        return self.language in RUN_LANGUAGES and NO_TEST not in self.flags

    def script(self) -> str:
        """What a user types: a `sh` block whole, a `console` block's `$ ` lines (with their
        backslash continuations)."""
        if self.language == "sh":
            return self.text
        commands, going_on = [], False
        for line in self.text.splitlines():
            if going_on:
                commands.append(line)
            elif line.startswith("$ "):
                commands.append(line[2:])
            else:
                continue  # output
            going_on = line.endswith("\\")
        return "\n".join(commands) + "\n"


def doc_files() -> list[Path]:
    return [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))


def blocks(path: Path) -> list[Block]:
    return parse_blocks(path.read_text(), str(path.relative_to(ROOT)))


def parse_blocks(text: str, doc: str) -> list[Block]:
    """Fenced blocks, also indented ones (in a list item: their indent is removed); a fence
    left open is an error, never a block silently lost."""
    found, current, lines, indent = [], None, [], 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        if current is None and stripped.startswith("```"):
            words = stripped[3:].split()
            indent = len(line) - len(stripped)
            current = Block(doc, number, words[0] if words else "", words[1:], "")
            lines = []
        elif current is not None and stripped == "```":
            current.text = "\n".join(lines) + "\n"
            found.append(current)
            current = None
        elif current is not None:
            lines.append(line[indent:] if not line[:indent].strip() else line.lstrip())
    if current is not None:
        raise ValueError(f"{doc}:{current.line}: a fence that is never closed")
    return found


def all_blocks() -> list[Block]:
    return [block for path in doc_files() for block in blocks(path)]


def forbidden(script: str) -> list[str]:
    """The commands of a script that must not run in a test."""
    bad = []
    for line in script.splitlines():
        for part in re.split(r"&&|\|\||[;|&]|\$\(|`", line):
            words = part.split()
            if words and Path(words[0]).name in NEVER_RUN:
                bad.append(part.strip())
        if NEVER_RUN_GATEWAY.search(line):
            bad.append(line.strip())
    return bad


def scratch_copy(workdir: Path, venv: Path) -> None:
    """The repository as a fresh clone looks: a copy (2 MB; a block that writes or deletes
    files touches only the copy), the test's own `.venv` linked in, no `var/`."""
    skip = shutil.ignore_patterns(".git", ".venv", "var", "__pycache__", ".pytest_cache",
                                  ".ruff_cache", "*.egg-info")
    for entry in ROOT.iterdir():
        if skip(str(ROOT), [entry.name]):
            continue
        if entry.is_dir():
            shutil.copytree(entry, workdir / entry.name, ignore=skip, symlinks=True)
        else:
            shutil.copy2(entry, workdir / entry.name)
    (workdir / ".venv").symlink_to(venv)


def user_env(workdir: Path) -> dict:
    """A user's shell in the scratch copy: no GATEWAY_* of the caller, the venv on PATH (as
    after `. .venv/bin/activate`)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GATEWAY_", "NOTIFY_", "WATCHDOG_", "JOURNAL_", "PYTHON"))}
    env["PATH"] = f"{workdir / '.venv' / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
    env["GATEWAY_DATABASE_URL"] = f"sqlite:///{workdir / 'var' / 'gateway.db'}"
    return env


def wait_healthy(serve: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if serve.poll() is not None:
            raise RuntimeError(f"gateway serve exited with {serve.returncode}")
        try:
            with urllib.request.urlopen("http://127.0.0.1:8026/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gateway serve not healthy on 127.0.0.1:8026 in time")


def run_script(script: str, workdir: Path, env: dict, timeout: float = 60) -> tuple:
    """One block by `sh -e`, in a process group of its own: a block that hangs is killed with
    everything it started."""
    shell = subprocess.Popen(["sh", "-e", "-c", script], cwd=workdir, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             start_new_session=True)
    try:
        out, err = shell.communicate(timeout=timeout)
        return shell.returncode, out, err
    except subprocess.TimeoutExpired:
        os.killpg(shell.pid, signal.SIGKILL)
        out, err = shell.communicate()
        return f"timeout after {timeout} s", out, err


def run_blocks(workdir: Path, to_run: list[dict]) -> list[dict]:
    env = user_env(workdir)
    subprocess.run(["ip", "link", "set", "lo", "up"], capture_output=True)  # in a new netns
    with open(workdir / "serve.log", "wb") as log:
        serve = subprocess.Popen([".venv/bin/gateway", "serve"], cwd=workdir, env=env,
                                 stdout=log, stderr=subprocess.STDOUT)
    results = []
    try:
        wait_healthy(serve)
        for block in to_run:
            started = time.monotonic()
            rc, out, err = run_script(block["script"], workdir, env)
            results.append({"ident": block["ident"], "rc": rc, "stdout": out, "stderr": err,
                            "seconds": round(time.monotonic() - started, 2)})
    finally:
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=20)
        except subprocess.TimeoutExpired:
            serve.kill()
    return results


def run_all(workdir: Path, chosen: list[Block]) -> tuple[list[dict], str]:
    """Run the blocks (from outside the namespace): returns the results and serve's log."""
    venv = ROOT / ".venv" if (ROOT / ".venv" / "bin" / "gateway").exists() else Path(sys.prefix)
    scratch_copy(workdir, venv)
    todo = workdir / "blocks.json"
    todo.write_text(json.dumps([{**asdict(b), "ident": b.ident, "script": b.script()}
                                for b in chosen]))
    done = workdir / "results.json"
    command = [sys.executable, str(Path(__file__)), str(workdir), str(todo), str(done)]
    if subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        command = ["unshare", "-rn"] + command  # private loopback: 8025/8026 are ours alone
    else:  # no namespace here: the machine's own ports, which must be free (not someone's serve)
        for port in (8025, 8026):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    raise RuntimeError(f"127.0.0.1:{port} is in use and unshare -rn is not "
                                       "available: the docs' commands need those ports")
    runner = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                              start_new_session=True)  # serve and its worker in its group
    try:
        _, err = runner.communicate(timeout=600)
    except BaseException:  # a timeout, an interrupt: no serve left behind (not reaped yet,
        os.killpg(runner.pid, signal.SIGKILL)  # so the group id is still ours)
        runner.wait()
        raise
    log = (workdir / "serve.log").read_text(errors="replace") if (workdir / "serve.log").exists() else ""
    if runner.returncode != 0:
        raise RuntimeError(f"docs runner failed: {err[-3000:]}\n"
                           f"serve.log:\n{log[-3000:]}")
    return json.loads(done.read_text()), log


if __name__ == "__main__":
    workdir_arg, todo_arg, done_arg = (Path(a) for a in sys.argv[1:4])
    Path(done_arg).write_text(json.dumps(run_blocks(workdir_arg, json.loads(todo_arg.read_text()))))
