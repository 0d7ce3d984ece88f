"""`monitor run`: APScheduler 3.11, one job per source, outbox delivery and daily reminders; signals; sd_notify.

Jobs are rebuilt from the configuration at every start (no pickled job store). Each source's first run is computed
from its last poll in the database, so a restart does not fire every source at once. SIGTERM/SIGINT stop taking
work, wait a bounded time for polls in flight (their commit is one transaction: an abandoned poll loses nothing),
and exit 0. SIGHUP reloads and revalidates the configuration; a bad new one is reported and the old one kept.
"""
from __future__ import annotations

import logging
import os
import random
import signal
import socket
import sys
import threading
import time
from datetime import datetime, timedelta, timezone

from apscheduler.executors.pool import ThreadPoolExecutor as APThreadPool
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from .config import load_config
from .errors import ConfigError
from .lock import StateLock
from .models import Config, Source
from .pipeline import Runner
from .store import Store

log = logging.getLogger("monitor.daemon")

STOP_GRACE = 8.0          # seconds to wait for polls in flight at SIGTERM
DELIVER_EVERY = 15.0      # seconds between outbox passes


def sd_notify(message: str) -> bool:
    """Send a systemd notification (READY=1, STATUS=…, WATCHDOG=1, STOPPING=1). No systemd: a no-op."""
    addr = os.environ.get("NOTIFY_SOCKET")
    if not addr:
        return False
    if addr.startswith("@"):
        addr = "\0" + addr[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.connect(addr)
            s.sendall(message.encode())
        return True
    except OSError:
        return False


def first_run(last_poll: str | None, interval: float, now: datetime) -> datetime:
    """When a source should first be polled after a start: one interval after its last poll, spread if overdue."""
    spread = min(interval, 60.0)
    if last_poll:
        try:
            last = datetime.fromisoformat(last_poll)
            due = last + timedelta(seconds=interval)
            if due > now:
                return due
        except ValueError:
            pass
    return now + timedelta(seconds=random.uniform(0, spread))


class Daemon:
    def __init__(self, config_path: str, state_dir: str, *, metrics: str | None = None):
        from .metrics import Metrics
        self.metrics = Metrics(metrics)
        self.config_path = config_path
        self.state_dir = state_dir
        self.stop_event = threading.Event()
        self.reload_event = threading.Event()
        self.config: Config = load_config(config_path)
        self.store = Store(state_dir)
        self.runner = Runner(self.config, self.store)
        self.scheduler = BackgroundScheduler(
            executors={"default": APThreadPool(max_workers=max(2, self.config.settings.concurrency)),
                       "delivery": APThreadPool(max_workers=1)},    # alerts never wait behind polls
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=self.config.settings.timezone)
        self.polls = 0
        self.failures = 0

    # -------------------------------------------------------- jobs

    def _poll(self, source_id: str) -> None:
        if self.stop_event.is_set():
            return
        source = self.config.source(source_id)
        if source is None or not source.enabled:
            return
        try:
            r = self.runner.poll_source(source)
        except Exception:  # noqa: BLE001 - e.g. the store closed under a poll abandoned at shutdown
            if self.stop_event.is_set():
                return
            raise
        self.metrics.poll(r)
        self.polls += 1
        if r.ok:
            log.info("poll %s ok requests=%d not_modified=%d documents=%d changes=%d seconds=%.2f", source.id,
                     r.requests, r.responses_304, r.documents, len(r.changes), r.seconds)
        else:
            self.failures += 1
            log.warning("poll %s failed [%s] %s", source.id, r.error_class, r.error)
        for c in r.changes:
            if c.kind != "cosmetic":
                log.info("change %s %s %s %s %s→%s source=%s", c.kind, c.region, c.voucher, c.field or "",
                         c.old, c.new, source.id)
        if r.queued:
            self.scheduler.add_job(self._deliver, id="deliver-now", replace_existing=True, executor="delivery",
                                   misfire_grace_time=None)

    def _deliver(self) -> None:
        if self.stop_event.is_set():
            return
        rep = self.runner.deliver()
        self.metrics.delivery(rep, self.store.outbox_counts()["pending"])
        if rep.sent or rep.failed or rep.dead:
            log.info("delivery sent=%d failed=%d dead=%d pending=%d", rep.sent, rep.failed, rep.dead, rep.pending)
        for e in rep.errors:
            log.warning("delivery failed %s", e)

    def _daily(self) -> None:
        cs = self.runner.reminders()
        if cs:
            log.info("deadline reminders: %d", len(cs))

    def schedule(self) -> None:
        for job in self.scheduler.get_jobs():
            if job.id.startswith("source:"):
                job.remove()
        now = datetime.now(timezone.utc)
        last = self.store.last_polls()
        for s in self.config.sources:
            if not s.enabled:
                continue
            interval = s.interval or self.config.settings.interval
            start = first_run(last.get(s.id), interval, now)
            self.scheduler.add_job(
                self._poll, IntervalTrigger(seconds=interval, start_date=start,
                                            jitter=min(interval * 0.1, 120) if interval >= 10 else None),
                args=[s.id], id=f"source:{s.id}", name=s.name, replace_existing=True,
                misfire_grace_time=max(1, int(interval)), next_run_time=start)
        # delivery and the daily reminders have their own worker and run however late (misfire_grace_time None)
        self.scheduler.add_job(self._deliver, IntervalTrigger(seconds=DELIVER_EVERY), id="deliver",
                               replace_existing=True, next_run_time=now + timedelta(seconds=1), executor="delivery",
                               misfire_grace_time=None)
        self.scheduler.add_job(self._daily, CronTrigger(hour=8, minute=0, timezone=self.config.settings.timezone),
                               id="daily", replace_existing=True, next_run_time=now + timedelta(seconds=2),
                               executor="delivery", misfire_grace_time=None)

    def reload(self) -> None:
        try:
            new = load_config(self.config_path)
        except ConfigError as e:
            log.error("reload refused, keeping the running configuration: %s", str(e).replace("\n", "; "))
            sd_notify("STATUS=configuration reload refused (see log); running on the old one")
            return
        self.config = new
        self.runner.reload(new)
        self.schedule()
        log.info("configuration reloaded: %d sources, %d channels", len(new.sources), len(new.channels))
        sd_notify(f"STATUS=reloaded: {len(new.sources)} sources")

    # -------------------------------------------------------- main loop

    def run(self) -> int:
        def on_stop(signum, frame):
            self.stop_event.set()

        def on_hup(signum, frame):
            self.reload_event.set()

        signal.signal(signal.SIGTERM, on_stop)
        signal.signal(signal.SIGINT, on_stop)
        signal.signal(signal.SIGHUP, on_hup)
        self.schedule()
        self.scheduler.start()
        n = len([s for s in self.config.sources if s.enabled])
        log.info("monitor running: %d sources, %d channels, state %s", n, len(self.config.channels), self.state_dir)
        sd_notify(f"READY=1\nSTATUS=watching {n} sources")
        watchdog = int(os.environ.get("WATCHDOG_USEC", "0")) / 1e6
        tick = min(1.0, watchdog / 3) if watchdog else 1.0
        last_status = 0.0
        while not self.stop_event.wait(tick):
            if self.reload_event.is_set():
                self.reload_event.clear()
                self.reload()
            if watchdog:
                sd_notify("WATCHDOG=1")
            if time.monotonic() - last_status > 30:
                last_status = time.monotonic()
                sd_notify(f"STATUS=watching {len(self.config.sources)} sources; polls {self.polls}, "
                          f"failures {self.failures}")
        return self.shutdown()

    def shutdown(self) -> int:
        log.info("stopping: no new polls; waiting up to %.0fs for polls in flight", STOP_GRACE)
        sd_notify("STOPPING=1")
        self.scheduler.shutdown(wait=False)
        deadline = time.monotonic() + STOP_GRACE
        for t in threading.enumerate():
            if t is threading.current_thread() or t.daemon:
                continue
            t.join(max(0.0, deadline - time.monotonic()))
        with self.store.lock:            # no transaction is half-written once we hold it
            self.runner.close()
            self.store.close()
        log.info("stopped")
        return 0


def run_daemon(config_path: str, state_dir: str, *, metrics: str | None = None) -> int:
    if not logging.getLogger().handlers or logging.getLogger().level > logging.INFO:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr,
                            force=True)
        logging.getLogger("apprise").setLevel(logging.WARNING)
    from .redact import install
    install()
    # APScheduler warns once per skipped run: an overloaded schedule would flood the journal. The daemon's STATUS
    # and the per-source poll lines say what happens; APScheduler's own errors still show.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    with StateLock(state_dir):
        d = Daemon(config_path, state_dir, metrics=metrics)
        code = d.run()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)        # abandon polls still in flight past the grace time: their transaction never began
