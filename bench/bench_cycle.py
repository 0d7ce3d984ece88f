"""One full `monitor check --once` over N local sources (default 1 000), against a plain concurrent GET loop.

How: bench/benchweb.py serves the sources on loopback (in its own processes). `monitor check --once --json` runs as a
child process (interpreter start and imports included, as a user or a timer runs it), measured with os.wait4: wall
time, CPU time (user+sys of that child only) and its peak RSS. A baseline run fills the state first (timed for
information, not part of the comparison); every measured run starts from a copy of that post-baseline state.

Scenarios: (a) `nochange`: nothing changed (lists answer 304); (b) `changed`: 5 % of the lists gained a new item whose
article carries a 算力券. Each is repeated `--repeats` times (default 3); medians are reported.

The plain loop: the exact requests monitor made in that scenario (recorded by the web on the first repeat: same URLs,
same If-None-Match validators, hence the same 200/304 answers), replayed by requests + ThreadPoolExecutor with the same
concurrency, one keep-alive Session per thread, in a child process measured the same way. It does nothing with what it
gets: it is the floor of what polling those URLs costs. Ratios are monitor / plain.

    .venv/bin/python bench/bench_cycle.py [--sources 1000] [--repeats 3] [--concurrency 16]

Prints a table; writes bench/results/cycle.json. "in-run s" is monitor's own figure for its check (summary.seconds:
polls and delivery, without interpreter start, imports and configuration loading).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchweb import PYTHON, BenchWeb, copy_state, machine, median, monitor_check, run_measured  # noqa: E402


def plain_worker(path: str, concurrency: int) -> int:
    """The plain loop (child process): replay recorded GETs with If-None-Match; print counts as JSON."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import requests

    reqs = json.loads(Path(path).read_text(encoding="utf-8"))
    local = threading.local()

    def get(r: dict) -> int:
        s = getattr(local, "s", None)
        if s is None:
            s = local.s = requests.Session()
        headers = {"If-None-Match": r["if_none_match"]} if r.get("if_none_match") else {}
        resp = s.get(r["url"], headers=headers, timeout=30)
        resp.content
        return resp.status_code

    counts: dict[str, int] = {}
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for code in pool.map(get, reqs):
            counts[str(code)] = counts.get(str(code), 0) + 1
    print(json.dumps({"requests": len(reqs), "status": counts}))
    return 0


def measure_monitor(web: BenchWeb, cfg: Path, snapshot: Path, work: Path, name: str, repeats: int,
                    log_first: bool = True) -> tuple[list[dict], list[dict]]:
    runs, log = [], []
    for i in range(repeats):
        state = copy_state(snapshot, work / f"{name}-{i}")
        web.reset_stats()
        if i == 0 and log_first:
            web.start_log()
        m, data = monitor_check(cfg, state)
        if i == 0 and log_first:
            log = web.stop_log()
        tot = web.totals()
        s = data.get("summary", {})
        runs.append({"wall_s": m.wall, "cpu_s": m.cpu, "user_s": m.user, "sys_s": m.sys, "peak_rss_mb": m.maxrss_mb,
                     "exit": m.code, "requests": tot["requests"], "responses_304": tot["304"],
                     "responses_200": tot["200"], "monitor_summary": s, "in_run_s": s.get("seconds", float("nan")),
                     "changes": [(c.get("kind"), c.get("region"), c.get("voucher")) for c in data.get("changes", [])
                                 if c.get("kind") != "cosmetic"]})
        print(f"  monitor {name} #{i + 1}: wall {m.wall:.2f}s cpu {m.cpu:.2f}s rss {m.maxrss_mb:.0f}MB "
              f"requests {tot['requests']} 304 {tot['304']} exit {m.code} changes {s.get('changes')}", flush=True)
        if m.code not in (0, 1):
            print(m.stderr[-2000:], file=sys.stderr)
        shutil.rmtree(state, ignore_errors=True)
    return runs, log


def measure_plain(web: BenchWeb, log: list[dict], work: Path, name: str, repeats: int, concurrency: int) -> list[dict]:
    path = work / f"plain-{name}.json"
    path.write_text(json.dumps(log), encoding="utf-8")
    runs = []
    for i in range(repeats):
        web.reset_stats()
        m = run_measured([PYTHON, str(HERE / "bench_cycle.py"), "--plain", str(path), "--concurrency", str(concurrency)],
                         timeout=600)
        tot = web.totals()
        runs.append({"wall_s": m.wall, "cpu_s": m.cpu, "user_s": m.user, "sys_s": m.sys, "peak_rss_mb": m.maxrss_mb,
                     "exit": m.code, "requests": tot["requests"], "responses_304": tot["304"],
                     "responses_200": tot["200"]})
        print(f"  plain   {name} #{i + 1}: wall {m.wall:.2f}s cpu {m.cpu:.2f}s rss {m.maxrss_mb:.0f}MB "
              f"requests {tot['requests']} 304 {tot['304']}", flush=True)
        if m.code != 0:
            print(m.stderr[-2000:], file=sys.stderr)
    return runs


KEYS = ("wall_s", "cpu_s", "peak_rss_mb", "requests", "responses_304", "in_run_s")


def medians(runs: list[dict]) -> dict:
    return {k: round(median([r[k] for r in runs]), 3) for k in KEYS if k in runs[0]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--web-workers", type=int, default=2, help="server processes of the bench web")
    ap.add_argument("--no-channel", action="store_true", help="no alert channel (default: json:// to the local web)")
    ap.add_argument("--out", default=str(HERE / "results" / "cycle.json"))
    ap.add_argument("--plain", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.plain:
        return plain_worker(a.plain, a.concurrency)

    work = Path(tempfile.mkdtemp(prefix="bench-cycle-"))
    result: dict = {"bench": "cycle", "how": "monitor check --once --json as a child process (os.wait4 rusage)",
                    "sources": a.sources, "hosts": a.hosts, "concurrency": a.concurrency, "repeats": a.repeats,
                    "machine": machine(), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        with BenchWeb(a.sources, a.hosts, workers=a.web_workers) as web:
            cfg = work / "sources.yaml"
            cfg.write_text(web.sources_yaml(concurrency=a.concurrency, channel=not a.no_channel), encoding="utf-8")
            snapshot = work / "baseline-state"
            print(f"baseline: {a.sources} sources, {len(web.changing())} will change …", flush=True)
            web.reset_stats()
            m, data = monitor_check(cfg, snapshot, timeout=3600)
            tot = web.totals()
            result["baseline"] = {"wall_s": m.wall, "cpu_s": m.cpu, "peak_rss_mb": m.maxrss_mb, "exit": m.code,
                                  "requests": tot["requests"], "summary": data.get("summary", {})}
            print(f"  baseline: wall {m.wall:.1f}s cpu {m.cpu:.1f}s rss {m.maxrss_mb:.0f}MB requests {tot['requests']} "
                  f"exit {m.code} {data.get('summary', {})}", flush=True)
            if m.code not in (0, 1) or not data:
                print(m.stderr[-3000:], file=sys.stderr)
                raise SystemExit("baseline run failed; nothing measured")
            scen = {}
            for name, changed in (("nochange", False), ("changed", True)):
                web.set_state(changed=changed, cosmetic=0)
                print(f"scenario {name}:", flush=True)
                runs, log = measure_monitor(web, cfg, snapshot, work, name, a.repeats)
                plain = measure_plain(web, log, work, name, a.repeats, a.concurrency)
                mm, pm = medians(runs), medians(plain)
                expected = {(s.region, "算力券") for s in web.changing()} if changed else set()
                got = {(r, v) for k, r, v in runs[0]["changes"]}
                scen[name] = {
                    "monitor": mm, "plain": pm,
                    "ratio_wall": round(mm["wall_s"] / pm["wall_s"], 2) if pm["wall_s"] else None,
                    "ratio_cpu": round(mm["cpu_s"] / pm["cpu_s"], 2) if pm["cpu_s"] else None,
                    "monitor_changes": len(runs[0]["changes"]), "expected_changes": len(expected),
                    "expected_found": len(expected & got),
                    "monitor_summary": runs[0]["monitor_summary"],
                    "monitor_runs": [{k: v for k, v in r.items() if k != "changes"} for r in runs],
                    "plain_runs": plain}
            result["scenarios"] = scen
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")

    print(f"\n{a.sources} sources, concurrency {a.concurrency}, median of {a.repeats} (monitor = child process)")
    print(f"{'scenario':<10} {'who':<8} {'wall s':>8} {'cpu s':>8} {'rss MB':>8} {'requests':>9} {'304s':>6} "
          f"{'in-run s':>9}")
    for name, s in result["scenarios"].items():
        for who in ("monitor", "plain"):
            r = s[who]
            print(f"{name:<10} {who:<8} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f} {r['peak_rss_mb']:>8.0f} "
                  f"{r['requests']:>9.0f} {r['responses_304']:>6.0f} {r.get('in_run_s', ''):>9}")
        print(f"{name:<10} {'ratio':<8} {s['ratio_wall']:>8} {s['ratio_cpu']:>8}   (monitor/plain)"
              f"   changes {s['monitor_changes']}, expected {s['expected_changes']} found {s['expected_found']}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
