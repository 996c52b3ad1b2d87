"""The running daemon: serve's processes (daemon, worker, handle), systemd notifications,
logs, metrics, health and the HTTP listener. Imports admin and everything below it."""
