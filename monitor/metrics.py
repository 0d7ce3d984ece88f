"""Optional Prometheus metrics for the daemon, served on a loopback address (`monitor run --metrics 127.0.0.1:9464`).

Without prometheus-client installed, or without --metrics, every call is a no-op.
"""
from __future__ import annotations

import ipaddress
import logging

log = logging.getLogger("monitor.metrics")


def parse_address(text: str) -> tuple[str, int]:
    """'9464' → ('127.0.0.1', 9464); '127.0.0.1:9464'; '[::1]:9464'. Only loopback addresses are accepted."""
    host, _, port = text.rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"bad metrics address {text!r}: expected HOST:PORT, e.g. 127.0.0.1:9464")
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise ValueError(f"metrics are served on loopback only (got {host}); put a proxy in front to expose them")
    return host, int(port)


class Metrics:
    def __init__(self, address: str | None = None):
        self.enabled = False
        if not address:
            return
        host, port = parse_address(address)
        try:
            from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server
        except ImportError:
            log.warning("--metrics given but prometheus-client is not installed (pip install 'monitor[metrics]')")
            return
        self.registry = CollectorRegistry()
        r = self.registry
        self.polls = Counter("monitor_polls_total", "Polls of sources", ["source", "result"], registry=r)
        self.failures = Counter("monitor_poll_failures_total", "Failed polls by error class", ["error_class"],
                                registry=r)
        self.changes = Counter("monitor_changes_total", "Changes detected", ["kind"], registry=r)
        self.alerts = Counter("monitor_alerts_total", "Outbox rows by outcome", ["outcome"], registry=r)
        self.outbox = Gauge("monitor_outbox_depth", "Outbox rows waiting to be sent", registry=r)
        self.duration = Histogram("monitor_poll_duration_seconds", "Duration of one source poll", registry=r,
                                  buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120))
        start_http_server(port, addr=host, registry=r)
        self.enabled = True
        log.info("metrics on http://%s:%d/metrics", host, port)

    def poll(self, result) -> None:
        if not self.enabled:
            return
        self.polls.labels(result.source_id, "ok" if result.ok else "failed").inc()
        if not result.ok:
            self.failures.labels(result.error_class or "unknown").inc()
        for c in result.changes:
            self.changes.labels(c.kind).inc()
        self.duration.observe(result.seconds)

    def delivery(self, report, pending: int) -> None:
        if not self.enabled:
            return
        self.alerts.labels("sent").inc(report.sent)
        self.alerts.labels("failed").inc(report.failed)
        self.alerts.labels("dead").inc(report.dead)
        self.outbox.set(pending)
