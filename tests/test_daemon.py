"""`monitor run` in a subprocess against the local fixture web, with intervals of a second.

Polls happen on schedule; SIGTERM exits 0 within 10 s; SIGHUP reloads (a bad file is refused, the old one kept); a
restart does not poll every source at once; a failing source raises source_failing after N failures and
source_recovered after; a concurrent `check --once` on the same state is refused, never double-sends.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.replay_server import ReplayWeb

from receivers import WebhookReceiver

ROOT = Path(__file__).resolve().parent.parent
WEB = Path(__file__).resolve().parent / "e2e_web"

CONFIG = """
settings:
  interval: {interval}
  host_delay: 0s
  recheck: 0s
  allow_private: true
  failing_after: 2
  timeout: 2s
  fetch_deadline: 4s
sources:
  - id: sz-gxj
    name: 深圳市工业和信息化局 通知公告
    region: 广东省/深圳市
    kind: html
    url: "{host:gxj.sz.example}/tzgg/"
  - id: flaky
    name: 时好时坏的源
    region: 广东省
    kind: page
    url: "{flaky}"
channels:
  - id: ops
    notify: ["{notify}"]
    kinds: [source_failing, source_recovered]
"""

OK_PAGE = "<html><head><meta charset='utf-8'><title>通知</title></head><body><p>暂无新通知。</p></body></html>"


def monitor(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def polls(cfg: Path, state: Path) -> dict[str, int]:
    r = monitor("sources", "--json", "--config", str(cfg), "--state", str(state))
    assert r.returncode == 0, r.stderr
    return {s["id"]: s["polls"] for s in json.loads(r.stdout)}


def wait_until(pred, timeout: float = 60, step: float = 0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(step)
    return pred()


@pytest.fixture
def setup(tmp_path):
    with ReplayWeb(WEB, round="r1") as web, WebhookReceiver() as notify_rx, WebhookReceiver(path="/page") as flaky:
        def write(interval="1s"):
            text = web.render_config(CONFIG.replace("{interval}", interval), notify=notify_rx.apprise_url("json"),
                                     flaky=flaky.url)
            cfg.write_text(text, encoding="utf-8")
        cfg = tmp_path / "sources.yaml"
        write()
        yield web, notify_rx, flaky, cfg, tmp_path / "state", write


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_text(state) -> str:
    p = state.parent / "daemon.log"
    return p.read_text(errors="replace") if p.exists() else ""


def logged_polls(state, ids=("sz-gxj", "flaky")) -> dict[str, int]:
    """Polls per source as the daemon logs them (one `poll ID ok|failed` line each): cheap to watch, where a
    `monitor sources` process per look would load a busy machine further."""
    text = log_text(state)
    return {i: len(re.findall(rf"\bpoll {re.escape(i)} (?:ok|failed)\b", text)) for i in ids}


def start(cfg, state, *extra):
    log = open(state.parent / "daemon.log", "ab")
    return subprocess.Popen([sys.executable, "-m", "monitor", "run", "--config", str(cfg), "--state", str(state),
                             *extra], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def stop(proc) -> tuple[int, float]:
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=15)
    return code, time.monotonic() - t0


def test_daemon_schedule_health_notices_lock_and_sigterm(setup):
    web, notify_rx, flaky, cfg, state, write = setup
    flaky.respond(503, "service unavailable")
    port = free_port()
    proc = start(cfg, state, "--metrics", f"127.0.0.1:{port}")
    try:
        # polls happen on schedule: every source several times within a few seconds
        assert wait_until(lambda: all(n >= 3 for n in polls(cfg, state).values()) or None, 60, step=0.5), polls(cfg, state)
        # the flaky source failed ≥ 2 times → one source_failing notice to the ops channel
        assert notify_rx.wait_for(1, timeout=60)
        assert "信息源异常" in notify_rx.texts()[0] or "source_failing" in notify_rx.texts()[0]
        # then it works again → source_recovered
        flaky.respond(200, OK_PAGE)
        assert notify_rx.wait_for(2, timeout=60)
        assert "恢复" in notify_rx.texts()[1] or "source_recovered" in notify_rx.texts()[1]
        # Prometheus metrics on loopback
        import urllib.request
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
        assert 'monitor_polls_total{result="ok",source="sz-gxj"}' in body
        assert 'monitor_poll_failures_total{error_class="http"}' in body and "monitor_outbox_depth" in body
        # one writer: a concurrent check --once is refused with a clear message, nothing is sent twice
        r = monitor("check", "--once", "--config", str(cfg), "--state", str(state))
        assert r.returncode == 2 and "another monitor" in r.stderr
    finally:
        code, took = stop(proc)
    assert code == 0 and took < 10
    log = (state.parent / "daemon.log").read_text(errors="replace")
    assert "poll sz-gxj ok" in log and "Traceback" not in log
    assert len([t for t in notify_rx.texts() if "恢复" in t or "source_recovered" in t]) == 1


def test_sighup_reload_and_restart_spreads_polls(setup):
    web, notify_rx, flaky, cfg, state, write = setup
    flaky.respond(200, OK_PAGE)
    proc = start(cfg, state)
    try:
        assert wait_until(lambda: all(n >= 1 for n in logged_polls(state).values())), log_text(state)
        assert all(n >= 1 for n in polls(cfg, state).values())        # and recorded in the state
        # a bad configuration on SIGHUP is refused, the daemon keeps running on the old one
        good = cfg.read_text(encoding="utf-8")
        cfg.write_text(good + "\n  - id: [broken\n", encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        # the daemon handles SIGHUP at its next tick: wait until it has refused the file before writing a good one
        # (two SIGHUPs before one tick would be one reload, of the good file)
        assert wait_until(lambda: "reload refused" in log_text(state) or proc.poll() is not None), log_text(state)
        assert proc.poll() is None
        # a good new configuration is taken, and polls go on
        cfg.write_text(good.replace("interval: 1s", "interval: 2s"), encoding="utf-8")
        proc.send_signal(signal.SIGHUP)
        assert wait_until(lambda: "configuration reloaded" in log_text(state)), log_text(state)
        before = logged_polls(state)
        assert wait_until(lambda: all(logged_polls(state)[k] >= before[k] + 1 for k in before)), log_text(state)
    finally:
        code, _ = stop(proc)
    assert code == 0
    log = (state.parent / "daemon.log").read_text(errors="replace")
    assert "reload refused" in log and "configuration reloaded" in log

    # restart with a long interval: sources polled a moment ago are not polled again at once
    write(interval="1h")
    before = polls(cfg, state)
    proc = start(cfg, state)
    try:
        # the 3 s count from when the daemon runs: on a busy machine its start alone can take longer than that
        assert wait_until(lambda: log_text(state).count("monitor running:") == 2 or proc.poll() is not None), \
            log_text(state)
        time.sleep(3)
        assert proc.poll() is None
        assert polls(cfg, state) == before
    finally:
        code, _ = stop(proc)
    assert code == 0
