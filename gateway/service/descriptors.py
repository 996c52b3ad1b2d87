"""File descriptors of `serve`: the soft limit raised to the hard one, and the connection caps
fitted into it. Every listener has a cap (SMTP/LMTP sessions, policy connections, HTTP
connections); when their sum and a reserve for the database, logs, the worker's pipes and
outgoing connections exceed the limit, the policy service and the HTTP listener get less, so
that a flood of one of them can never take the descriptors SMTP needs: SMTP then still answers
its own 421 at its cap (1,030 idle policy connections once made SMTP close at once)."""

from __future__ import annotations

import logging
import resource

from gateway.config.settings import GatewaySettings

log = logging.getLogger("gateway.daemon")
RESERVE = 64  # database, log files, worker pipes, relay/webhook/IMAP connections, /proc reads
MIN_CAP = 4


def raise_soft_limit() -> tuple[int, int]:
    """RLIMIT_NOFILE's soft limit up to the hard one (systemd's default soft limit is 1,024);
    returns (soft, hard) as they are afterwards."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
    if soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError) as exc:
            log.warning("could not raise the file descriptor limit from %s to %s: %s",
                        soft, target, exc)
    return soft, hard


def fit(settings: GatewaySettings, limit: int) -> tuple[GatewaySettings, list[str]]:
    """The settings with the caps lowered to what `limit` holds: SMTP's sessions first, then
    the policy service and the HTTP listener share the rest; and what was lowered (for the
    log)."""
    listeners = bool(settings.smtp.listen) + bool(settings.smtp.lmtp_listen)
    smtp = settings.smtp.max_connections
    policy = settings.postfix.policy_max_connections if settings.postfix.policy_listen else 0
    http = settings.metrics.max_connections if settings.metrics.listen else 0
    if smtp * listeners + policy + http + RESERVE <= limit:
        return settings, []
    if listeners and limit - RESERVE - smtp * listeners < 2 * MIN_CAP:
        smtp = max(MIN_CAP, (limit - RESERVE - 2 * MIN_CAP) // listeners)
    share = max(limit - RESERVE - smtp * listeners, 2 * MIN_CAP)
    new_policy = min(policy, max(MIN_CAP, share * policy // (policy + http))) if policy else 0
    new_http = min(http, max(MIN_CAP, share - new_policy)) if http else 0
    notes = [f"the file descriptor limit {limit} is too low for smtp.max_connections "
             f"({settings.smtp.max_connections} per listener), postfix.policy_max_connections "
             f"({policy}), metrics.max_connections ({http}) and a reserve of {RESERVE}: now "
             f"at most {smtp} SMTP sessions per listener, {new_policy} policy and {new_http} "
             "HTTP connections (raise LimitNOFILE)"]
    fitted = settings.model_copy(update={
        "smtp": settings.smtp.model_copy(update={"max_connections": smtp}),
        "postfix": settings.postfix.model_copy(update={
            "policy_max_connections": new_policy or settings.postfix.policy_max_connections}),
        "metrics": settings.metrics.model_copy(update={
            "max_connections": new_http or settings.metrics.max_connections})})
    return fitted, notes


def prepare(settings: GatewaySettings) -> GatewaySettings:
    """At the start of `serve`: raise the limit, fit the caps, say what was lowered."""
    soft, hard = raise_soft_limit()
    fitted, notes = fit(settings, soft)
    for note in notes:
        log.warning(note, extra={"event": "descriptor_limit"})
    log.info("file descriptor limit %s (hard %s)", soft, hard)
    return fitted
