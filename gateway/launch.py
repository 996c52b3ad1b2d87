"""The `gateway` command's entry point. A plain `gateway ingest` (the Postfix pipe: a process
per mail) is served by the light pipe, which imports only what storing needs, `gateway
--version` and a plain `status --check` (a monitoring agent's every minute) by light paths of
their own; everything else, and whatever a light path hands back, goes to the full command
line (`gateway.cli`)."""

from __future__ import annotations

import sys


def main() -> None:
    import os

    from gateway.config.envfile import apply_env_file
    from gateway.store.perms import restrict_umask

    apply_env_file(os.environ)  # what the unit's EnvironmentFile= gives the service, here too

    restrict_umask()  # customer mail: nothing we create is readable by others (the pipe too)
    args = sys.argv[1:]
    if _command(args) == "serve" and "--help" not in args:
        _run_optimized()
    from gateway.lightpipe.args import parse_pipe_argv

    if args == ["--version"]:  # nothing else to import (issue 18)
        from gateway import __version__

        print(f"gateway (support-mail-gateway) {__version__}")
        sys.exit(0)
    check = _check_argv(args)
    if check is not None:
        from gateway.lightpipe import NeedsFullPath
        from gateway.lightpipe.check import run_light_check

        try:
            sys.exit(run_light_check(check[0]))
        except NeedsFullPath:
            pass  # nothing printed yet: the full path does it all
    request = parse_pipe_argv(args)
    if request is not None:
        from gateway.lightpipe import NeedsFullPath
        from gateway.lightpipe.run import main_pipe

        try:
            sys.exit(main_pipe(request))
        except NeedsFullPath:
            pass  # nothing read or stored yet: the full path does it all
    from gateway.cli import main as full_main

    full_main()


def _command(args: list[str]) -> str | None:
    """The command word: the first argument that is neither an option of the group nor the
    value of one."""
    value_next = False
    for arg in args:
        if value_next or arg.startswith("-"):
            value_next = arg in ("--config", "--log-format")  # their value comes next
            continue
        return arg
    return None


def _run_optimized() -> None:
    """`serve` runs itself again under `python -OO`, unless it runs so already: the same
    process (systemd's MainPID, NOTIFY_SOCKET and the environment stay), before anything
    heavy is imported. A daemon needs no docstrings: without them the modules it imports hold
    4 MB less in each of its processes (bench/smtp_ingest.py). The asserts that -O also drops
    only narrow types for the type checker; none checks input."""
    import os

    if sys.flags.optimize < 2 and sys.executable:  # (an embedded Python has none to run)
        os.execv(sys.executable, [sys.executable, "-OO", *sys.orig_argv[1:]])


def _check_argv(args: list[str]) -> tuple[str | None] | None:
    """(config,) for a plain `status --check` (a --config before or after the command), else
    None: every other form goes to the full command line."""
    rest, config = list(args), None
    for i, arg in enumerate(rest):
        if arg.startswith("--config="):
            config, rest = arg.split("=", 1)[1], rest[:i] + rest[i + 1:]
            break
        if arg == "--config" and i + 1 < len(rest):
            config, rest = rest[i + 1], rest[:i] + rest[i + 2:]
            break
    return (config or None,) if rest == ["status", "--check"] else None
