"""The `gateway` command's entry point. A plain `gateway ingest` (the Postfix pipe: a process
per mail) is served by the light pipe, which imports only what storing needs; everything else,
and whatever the light pipe hands back, goes to the full command line (`gateway.cli`)."""

from __future__ import annotations

import sys


def main() -> None:
    from gateway.store.perms import restrict_umask

    restrict_umask()  # customer mail: nothing we create is readable by others (the pipe too)
    from gateway.lightpipe.args import parse_pipe_argv

    request = parse_pipe_argv(sys.argv[1:])
    if request is not None:
        from gateway.lightpipe import NeedsFullPath
        from gateway.lightpipe.run import main_pipe

        try:
            sys.exit(main_pipe(request))
        except NeedsFullPath:
            pass  # nothing read or stored yet: the full path does it all
    from gateway.cli import main as full_main

    full_main()
