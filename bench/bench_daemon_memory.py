"""`monitor run` against N local sources (default 1 000) with short intervals: RSS over time, and how long SIGTERM takes.

The daemon runs as a child process (`python -m monitor run --config … --state …`, a fresh state: its first cycle is
the silent baseline of every source). Its RSS is read from /proc/PID/status (VmRSS; VmHWM for the peak) every
`--sample` seconds. "start" is the RSS once every source has been polled successfully at least once (the first full
cycle, read from the daemon's log); then the daemon runs `--seconds` more (default 180). Meanwhile the web changes so
that the daemon keeps working, not only answering 304s: every `--churn` seconds the furniture of every page changes
(a cosmetic round), and half-way 5 % of the lists gain a 算力券 notice (alerts go to a json:// hook on the web). At the
end: SIGTERM, and the time until the process has exited.

    .venv/bin/python bench/bench_daemon_memory.py [--sources 1000] [--interval 2s] [--seconds 180]

Targets: RSS < 150 MB, growth (end vs start) < 10 %. Writes bench/results/daemon_memory.json.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchweb import PYTHON, ROOT, BenchWeb, machine  # noqa: E402

POLL_OK = re.compile(r"poll (\S+) ok")
CHANGE = re.compile(r"INFO monitor\.daemon: change (?!cosmetic)(\S+) (\S+) (\S+)")
DELIVERY = re.compile(r"delivery sent=(\d+)")


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB, from /proc."""
    vals = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":", 1)
                vals[k] = int(v.split()[0]) / 1024
    return vals.get("VmRSS", 0.0), vals.get("VmHWM", 0.0)


class LogTail:
    def __init__(self, path: Path):
        self.path, self.pos = path, 0
        self.ok_ids: set[str] = set()
        self.polls_ok = self.polls_failed = self.warnings = self.errors = self.sent = 0
        self.changes: list[tuple[str, str, str]] = []

    def read(self) -> None:
        with open(self.path, "rb") as f:
            f.seek(self.pos)
            chunk = f.read()
        end = chunk.rfind(b"\n") + 1
        self.pos += end
        for line in chunk[:end].decode("utf-8", "replace").splitlines():
            m = POLL_OK.search(line)
            if m:
                self.polls_ok += 1
                self.ok_ids.add(m.group(1))
            elif " failed [" in line and "poll " in line:
                self.polls_failed += 1
            m = CHANGE.search(line)
            if m:
                self.changes.append(m.groups())
            m = DELIVERY.search(line)
            if m:
                self.sent += int(m.group(1))
            if line.startswith("WARNING"):
                self.warnings += 1
            elif line.startswith(("ERROR", "CRITICAL", "Traceback")):
                self.errors += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--interval", default="2s", help="poll interval of every source (sources.yaml duration)")
    ap.add_argument("--seconds", type=float, default=180.0, help="how long to run after the first full cycle")
    ap.add_argument("--sample", type=float, default=3.0, help="seconds between RSS samples")
    ap.add_argument("--churn", type=float, default=30.0, help="seconds between cosmetic rounds (0: none)")
    ap.add_argument("--first-cycle-timeout", type=float, default=1500.0)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--web-workers", type=int, default=2)
    ap.add_argument("--out", default=str(HERE / "results" / "daemon_memory.json"))
    ap.add_argument("--keep-log", help="copy the daemon's log here")
    a = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-daemon-"))
    res: dict = {"bench": "daemon_memory", "sources": a.sources, "interval": a.interval, "seconds": a.seconds,
                 "churn_s": a.churn, "machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    proc = None
    try:
        with BenchWeb(a.sources, a.hosts, workers=a.web_workers) as web:
            cfg = work / "sources.yaml"
            cfg.write_text(web.sources_yaml(interval=a.interval, concurrency=a.concurrency, channel=True),
                           encoding="utf-8")
            log_path = work / "daemon.log"
            logf = open(log_path, "wb")
            t0 = time.monotonic()
            proc = subprocess.Popen([PYTHON, "-m", "monitor", "run", "--config", str(cfg), "--state", str(work / "state")],
                                    stdout=logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=str(ROOT))
            tail = LogTail(log_path)
            samples: list[dict] = []

            def sample(phase: str) -> None:
                rss, hwm = rss_mb(proc.pid)
                samples.append({"t": round(time.monotonic() - t0, 1), "phase": phase, "rss_mb": round(rss, 1),
                                "hwm_mb": round(hwm, 1)})

            print(f"daemon pid {proc.pid}: waiting for the first full cycle of {a.sources} sources …", flush=True)
            while len(tail.ok_ids) < a.sources:
                if proc.poll() is not None:
                    raise SystemExit(f"daemon exited early with {proc.returncode}: "
                                     f"{log_path.read_text(errors='replace')[-3000:]}")
                if time.monotonic() - t0 > a.first_cycle_timeout:
                    raise SystemExit(f"first cycle not done after {a.first_cycle_timeout}s "
                                     f"({len(tail.ok_ids)} sources polled ok)")
                time.sleep(a.sample)
                tail.read()
                sample("first-cycle")
                if len(samples) % 10 == 0:
                    print(f"  t={samples[-1]['t']}s: {len(tail.ok_ids)} sources done, rss {samples[-1]['rss_mb']} MB",
                          flush=True)
            first_cycle_s = time.monotonic() - t0
            sample("start")
            start = samples[-1]
            polls_at_start, changes_at_start = tail.polls_ok, len(tail.changes)
            print(f"first full cycle after {first_cycle_s:.0f}s; rss {start['rss_mb']} MB; running {a.seconds:.0f}s …",
                  flush=True)
            t1 = time.monotonic()
            web.reset_stats()
            cosmetic, changed_done, next_churn = 0, False, t1 + a.churn if a.churn else float("inf")
            while time.monotonic() - t1 < a.seconds:
                time.sleep(a.sample)
                if proc.poll() is not None:
                    raise SystemExit(f"daemon died: {log_path.read_text(errors='replace')[-3000:]}")
                now = time.monotonic()
                if now >= next_churn:
                    cosmetic += 1
                    web.set_state(cosmetic=cosmetic)
                    next_churn = now + a.churn
                if not changed_done and now - t1 >= a.seconds / 2:
                    web.set_state(changed=True)
                    changed_done = True
                tail.read()
                sample("run")
            end = samples[-1]
            run_s = time.monotonic() - t1
            totals = web.totals()
            tail.read()
            t2 = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = proc.wait()
            stop_s = time.monotonic() - t2
            logf.close()
            tail.read()
            run_samples = [s["rss_mb"] for s in samples if s["phase"] in ("start", "run")]
            res.update({
                "first_cycle_s": round(first_cycle_s, 1), "run_s": round(run_s, 1),
                "rss_start_mb": start["rss_mb"], "rss_end_mb": end["rss_mb"], "rss_max_mb": max(s["rss_mb"] for s in samples),
                "rss_max_after_start_mb": max(run_samples), "hwm_mb": max(s["hwm_mb"] for s in samples),
                "growth_pct": round((end["rss_mb"] - start["rss_mb"]) / start["rss_mb"] * 100, 1),
                "stop_s": round(stop_s, 2), "exit_code": code,
                "polls_ok_during_run": tail.polls_ok - polls_at_start,
                "polls_per_s": round((tail.polls_ok - polls_at_start) / run_s, 1),
                "polls_failed": tail.polls_failed,
                "alerting_changes_during_run": len(tail.changes) - changes_at_start,
                "alerting_changes_expected": len(web.changing()),
                "alerts_sent_logged": tail.sent, "log_warnings": tail.warnings, "log_errors": tail.errors,
                "web_during_run": totals, "cosmetic_rounds": cosmetic,
                "targets": {"rss_below_150mb": max(s["rss_mb"] for s in samples) < 150,
                            "growth_below_10pct": (end["rss_mb"] - start["rss_mb"]) / start["rss_mb"] < 0.10},
                "samples": samples})
            if tail.errors:
                lines = log_path.read_text(errors="replace").splitlines()
                firsts = [i for i, ln in enumerate(lines) if ln.startswith(("ERROR", "CRITICAL"))][:3]
                res["first_errors"] = ["\n".join(lines[i:i + 40]) for i in firsts]
            if a.keep_log:
                shutil.copyfile(log_path, a.keep_log)
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\n{a.sources} sources, interval {a.interval}, {res['run_s']}s after a first cycle of {res['first_cycle_s']}s")
    print(f"RSS start {res['rss_start_mb']} MB, end {res['rss_end_mb']} MB, max {res['rss_max_mb']} MB "
          f"(VmHWM {res['hwm_mb']} MB), growth {res['growth_pct']} %")
    print(f"polls during the run {res['polls_ok_during_run']} ({res['polls_per_s']}/s), failed {res['polls_failed']}, "
          f"log warnings {res['log_warnings']}, errors {res['log_errors']}")
    print(f"alerting changes during the run {res['alerting_changes_during_run']} "
          f"(expected {res['alerting_changes_expected']}), alerts sent (log) {res['alerts_sent_logged']}")
    print(f"SIGTERM → exit {res['exit_code']} in {res['stop_s']} s; targets {json.dumps(res['targets'])}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
