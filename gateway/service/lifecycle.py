"""What the daemon tells the world around it, hooked into `serve` at start, heartbeat, reload
and stop: systemd notifications (READY, STATUS, WATCHDOG, RELOADING, STOPPING), the metrics and
health endpoint, and re-reading the config on SIGHUP (a broken config leaves the old one)."""

from __future__ import annotations

import logging
import time
from typing import Protocol

from sqlalchemy.engine import Engine

from gateway.clock import Clock
from gateway.config.load import load_settings
from gateway.config.settings import GatewaySettings, HostPort
from gateway.service.connect_check import metrics_token
from gateway.service.metrics import Live, MetricsServer, Probe
from gateway.service.sdnotify import Notifier
from gateway.store.models import HEARTBEAT_SECONDS

log = logging.getLogger("gateway.lifecycle")
# Keys that a reload cannot apply (sockets, the database): they need a restart.
RESTART_KEYS = ("database_url", "smtp.listen", "smtp.lmtp_listen", "metrics.listen",
                "worker_mode")
WORKER_SILENCE_SECONDS = 60  # a worker alive but silent this long is hung: no watchdog ping


class Service(Protocol):
    """What the lifecycle reads of the daemon (daemon.Service); a protocol, so that the two
    modules do not import each other."""
    settings: GatewaySettings
    engine: Engine
    clock: Clock
    listening: dict[str, tuple[str, int]]

    @property
    def stopping(self) -> bool: ...
    @property
    def imap_state(self) -> dict | None: ...
    def worker_alive(self, silence: float) -> bool: ...


class Lifecycle:
    def __init__(self, service: Service, notifier: Notifier | None = None) -> None:
        self.service = service
        self.notifier = notifier or Notifier()
        self.probe = Probe(service.settings, service.engine, service.clock,
                           Live(worker_alive=self.worker_alive, imap_state=self._imap_state))
        self.metrics: MetricsServer | None = None

    # -- start and stop ----------------------------------------------------------------------
    def started(self) -> None:
        """Listeners bound and the database usable: start /metrics, then tell systemd."""
        listen = self.service.settings.metrics.listen
        if listen:
            host, port = HostPort.parse(listen, any_port=True)
            try:
                self.metrics = MetricsServer(self.probe, host, port,
                                             metrics_token(self.service.settings))
            except OSError as exc:  # mail comes first: run on, loudly, without the endpoint
                log.error("metrics.listen (GATEWAY_METRICS_LISTEN): cannot listen on %s: %s; "
                          "/metrics and /healthz are OFF (choose a free address:port, or \"\" "
                          "to disable)", listen, exc.strerror, extra={"event": "metrics_off"})
            else:
                self.metrics.start()
                self.service.listening["metrics"] = self.metrics.address
                log.info("metrics and health on http://%s:%s/metrics and /healthz",
                         *self.metrics.address)
        self.notifier.ready(self.summary())
        if self.notifier.watchdog_seconds:
            log.info("systemd watchdog: pinging every %.1f s (WatchdogSec %.1f s)",
                     self.ping_seconds, self.notifier.watchdog_seconds)

    @property
    def ping_seconds(self) -> float:
        """How often tick() runs: twice per watchdog period, and at least every heartbeat."""
        watchdog = self.notifier.watchdog_seconds or 2 * HEARTBEAT_SECONDS
        return min(watchdog / 2, HEARTBEAT_SECONDS)

    def stopping(self) -> None:
        self.notifier.stopping("stopping: no new connections, draining sessions")

    def stopped(self) -> None:
        if self.metrics is not None:
            self.metrics.stop()
        self.notifier.close()

    # -- liveness ------------------------------------------------------------------------------
    def worker_alive(self) -> bool:
        return self.service.worker_alive(WORKER_SILENCE_SECONDS)

    def _imap_state(self) -> dict | None:
        return self.service.imap_state

    def tick(self) -> None:
        """From the event loop (a stuck loop sends nothing): watchdog and status line."""
        if self.service.stopping:
            return  # STOPPING=1 was sent; systemd's stop timeout applies now
        if self.worker_alive():
            self.notifier.watchdog()
        else:
            log.error("worker not alive: no watchdog ping (systemd restarts us if it stays so)")
        self.notifier.status(self.summary())

    def summary(self) -> str:
        service = self.service
        parts = [f"{name.upper()} {h}:{p}" for name, (h, p) in service.listening.items()]
        parts.append("worker up" if self.worker_alive() else "worker DOWN")
        parts.append(f"dry run to {service.settings.outbox_dir}" if service.settings.dry_run
                     else f"relay {service.settings.relay.host}:{service.settings.relay.port}")
        return ", ".join(parts)

    # -- reload --------------------------------------------------------------------------------
    def reload(self, config_path: str | None) -> GatewaySettings | None:
        """Read and check the config and templates again; the new settings, or None (the old
        ones stay) when they are broken. The caller applies them."""
        self.notifier.notify("RELOADING=1", f"MONOTONIC_USEC={time.monotonic_ns() // 1000}")
        try:
            new = load_settings(config_path)
            problems = _template_problems(new)
        except Exception as exc:  # a broken file must never take the daemon down
            problems, new = [str(exc)], None
        if problems or new is None:
            log.error("reload refused, keeping the running config: %s", "; ".join(problems),
                      extra={"event": "reload_failed"})
            self.notifier.notify("READY=1", "STATUS=reload refused: config broken; old config "
                                 "in use")
            return None
        old = self.service.settings
        changed = [key for key in RESTART_KEYS if _get(old, key) != _get(new, key)]
        if changed:
            log.warning("reload: %s changed; that takes effect only at a restart",
                        ", ".join(changed))
        self.probe.settings = new
        log.info("reloaded the config (policy %s)", new.fingerprint,
                 extra={"event": "reloaded"})
        return new

    def reloaded(self) -> None:
        self.notifier.notify("READY=1", f"STATUS={self.summary()}")


def _template_problems(settings: GatewaySettings) -> list[str]:
    from gateway.pipeline.render import Renderer
    from gateway.service.connect_check import missing_templates_dir

    return missing_templates_dir(settings) + Renderer(settings).check_templates()


def _get(settings: GatewaySettings, dotted: str) -> object:
    value: object = settings
    for part in dotted.split("."):
        value = getattr(value, part)
    return value
