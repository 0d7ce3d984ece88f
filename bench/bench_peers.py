"""monitor against urlwatch (installed from the package index) on the same local web: time per round, and alerts on cosmetic and real rounds.

urlwatch is installed into bench/.peers-venv (created here when missing: `python3 -m venv`, then
`pip install urlwatch`; it pulls lxml, minidb, keyring … and needs no extra). Its jobs are the same list URLs
(urls.yaml, one `url` job per source, no filter: urlwatch's plain use), with a configuration that disables every
reporter except stdout (no colour). urlwatch's worker pool is fixed at 10 threads in its code (worker.MAX_WORKERS);
it is set to the same concurrency as monitor's (default 16) through a two-line launcher, nothing else is changed.
urlwatch sends If-None-Match with the ETag it stored, so both tools make conditional requests.

Both run as child processes, measured with os.wait4 (wall, CPU of that child, peak RSS). Rounds, on one web:

1. baseline (not timed for the ratio): both record what they find (urlwatch reports every job NEW; monitor is silent).
2. nochange: nothing changed. Timed, `--repeats` times from copies of the post-baseline state; medians.
3. changed: 5 % of the lists gain an item whose article issues a 算力券. Timed likewise; then the real round's alert
   counts: urlwatch's CHANGED jobs vs monitor's changes of kinds other than cosmetic, and whether each injected
   (region, 算力券) was among monitor's changes.
4. cosmetic: every page's furniture changes (clock, visit counter, related links, hot box); no fact changes.
   Alert counts again (target: zero from monitor).

    .venv/bin/python bench/bench_peers.py [--sources 1000] [--repeats 3]

Prints a table; writes bench/results/peers.json.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchweb import BenchWeb, copy_state, machine, median, monitor_check, run_measured  # noqa: E402

PEERS = HERE / ".peers-venv"
PEER_PY = PEERS / "bin" / "python"
LAUNCHER = ("import sys, urlwatch.worker as w; w.MAX_WORKERS = int(sys.argv.pop(1)); sys.argv[0] = 'urlwatch'; "
            "from urlwatch.cli import main; main()")


def ensure_urlwatch() -> str:
    """Create bench/.peers-venv and install urlwatch when missing; return its version."""
    if not (PEERS / "bin" / "urlwatch").exists():
        print("installing urlwatch into bench/.peers-venv …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)],
                       check=True)
        subprocess.run([str(PEER_PY), "-m", "pip", "install", "-q", "urlwatch"], check=True)
    out = subprocess.run([str(PEERS / "bin" / "urlwatch"), "--version"], capture_output=True, text=True,
                         env=_env(Path(tempfile.gettempdir())))
    return out.stdout.strip()


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "URLWATCH"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               NO_COLOR="1", LANG="C.UTF-8")
    return env


def urlwatch_files(web: BenchWeb, work: Path) -> tuple[Path, Path]:
    urls = work / "urls.yaml"
    urls.write_text("\n---\n".join(f"name: {s.id}\nurl: {web.list_url(s)}" for s in web.specs) + "\n",
                    encoding="utf-8")
    keys = json.loads(subprocess.run(
        [str(PEER_PY), "-c", "import json; from urlwatch.storage import DEFAULT_CONFIG as C; "
                             "print(json.dumps({k: 'enabled' in v for k, v in C['report'].items() "
                             "if isinstance(v, dict)}))"],
        capture_output=True, text=True, check=True, env=_env(work)).stdout)
    lines = ["display:", "  new: true", "  error: true", "  unchanged: false", "report:"]
    for k, has_enabled in keys.items():
        if k == "stdout":
            lines += ["  stdout:", "    enabled: true", "    color: false"]
        elif has_enabled:
            lines += [f"  {k}:", "    enabled: false"]
    cfg = work / "urlwatch.yaml"
    cfg.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls, cfg


def run_urlwatch(urls: Path, cfg: Path, cache: Path, home: Path, concurrency: int):
    m = run_measured([str(PEER_PY), "-c", LAUNCHER, str(concurrency), "--urls", str(urls), "--config", str(cfg),
                      "--cache", str(cache), "--hooks", str(home / "no-hooks.py")], timeout=1800, env=_env(home))
    counts = {k: len(re.findall(rf"^\s*\d+\. {k}: ", m.stdout, re.M)) for k in ("NEW", "CHANGED", "ERROR")}
    return m, counts


def ours(data: dict) -> list[tuple]:
    return [(c.get("kind"), c.get("region"), c.get("voucher"), c.get("field")) for c in data.get("changes", [])
            if c.get("kind") != "cosmetic"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--web-workers", type=int, default=2)
    ap.add_argument("--out", default=str(HERE / "results" / "peers.json"))
    a = ap.parse_args(argv)

    version = ensure_urlwatch()
    work = Path(tempfile.mkdtemp(prefix="bench-peers-"))
    res: dict = {"bench": "peers", "peer": version, "sources": a.sources, "concurrency": a.concurrency,
                 "repeats": a.repeats, "machine": machine(),
                 "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "how": "both as child processes measured with os.wait4; urlwatch jobs = the list URLs, no filters, "
                        "stdout reporter only, MAX_WORKERS = concurrency"}
    try:
        with BenchWeb(a.sources, a.hosts, workers=a.web_workers) as web:
            cfg = work / "sources.yaml"
            cfg.write_text(web.sources_yaml(concurrency=a.concurrency), encoding="utf-8")
            urls, ucfg = urlwatch_files(web, work)
            mstate, ucache = work / "monitor-state", work / "urlwatch-cache.db"

            print(f"baseline ({a.sources} sources): monitor …", flush=True)
            m, data = monitor_check(cfg, mstate, timeout=3600)
            if m.code not in (0, 1) or not data:
                print(m.stderr[-3000:], file=sys.stderr)
                raise SystemExit("monitor baseline failed")
            print(f"  monitor baseline {m.wall:.1f}s cpu {m.cpu:.1f}s; urlwatch …", flush=True)
            u, uc = run_urlwatch(urls, ucfg, ucache, work, a.concurrency)
            print(f"  urlwatch baseline {u.wall:.1f}s cpu {u.cpu:.1f}s {uc} exit {u.code}", flush=True)
            if u.code != 0 or uc["NEW"] == 0:
                print(u.stderr[-3000:], file=sys.stderr)
            res["baseline"] = {"monitor": {"wall_s": m.wall, "cpu_s": m.cpu, "peak_rss_mb": m.maxrss_mb,
                                           "summary": data.get("summary")},
                               "urlwatch": {"wall_s": u.wall, "cpu_s": u.cpu, "peak_rss_mb": u.maxrss_mb,
                                            "reported": uc, "exit": u.code}}
            msnap, usnap = work / "monitor-snap", work / "urlwatch-snap.db"
            copy_state(mstate, msnap)
            shutil.copyfile(ucache, usnap)

            rounds = {}
            for name, changed in (("nochange", False), ("changed", True)):
                web.set_state(changed=changed, cosmetic=0)
                mr, ur = [], []
                for i in range(a.repeats):
                    st = copy_state(msnap, work / f"m-{name}-{i}")
                    web.reset_stats()
                    m, data = monitor_check(cfg, st)
                    mt = web.totals()
                    cache = work / f"u-{name}-{i}.db"
                    shutil.copyfile(usnap, cache)
                    web.reset_stats()
                    u, uc = run_urlwatch(urls, ucfg, cache, work, a.concurrency)
                    ut = web.totals()
                    mr.append({"wall_s": m.wall, "cpu_s": m.cpu, "peak_rss_mb": m.maxrss_mb, "exit": m.code,
                               "requests": mt["requests"], "responses_304": mt["304"], "alerts": len(ours(data)),
                               "changes": ours(data)})
                    ur.append({"wall_s": u.wall, "cpu_s": u.cpu, "peak_rss_mb": u.maxrss_mb, "exit": u.code,
                               "requests": ut["requests"], "responses_304": ut["304"], "reported": uc})
                    print(f"  {name} #{i + 1}: monitor {m.wall:.2f}s (cpu {m.cpu:.2f}, {mt['requests']} req, "
                          f"{len(ours(data))} alerts) | urlwatch {u.wall:.2f}s (cpu {u.cpu:.2f}, {ut['requests']} req, "
                          f"{uc})", flush=True)
                    if i < a.repeats - 1:
                        shutil.rmtree(st, ignore_errors=True)
                        cache.unlink(missing_ok=True)
                mw, uw = median([r["wall_s"] for r in mr]), median([r["wall_s"] for r in ur])
                mc, ucpu = median([r["cpu_s"] for r in mr]), median([r["cpu_s"] for r in ur])
                rounds[name] = {"monitor_wall_s": round(mw, 3), "urlwatch_wall_s": round(uw, 3),
                                "ratio_wall": round(mw / uw, 3), "monitor_cpu_s": round(mc, 3),
                                "urlwatch_cpu_s": round(ucpu, 3), "ratio_cpu": round(mc / ucpu, 3),
                                "monitor_alerts": mr[-1]["alerts"], "urlwatch_changed": ur[-1]["reported"]["CHANGED"],
                                "monitor_runs": [{k: v for k, v in r.items() if k != "changes"} for r in mr],
                                "urlwatch_runs": ur}
                if changed:
                    expected = {(s.region, "算力券") for s in web.changing()}
                    got = {(r, v) for _, r, v, _ in mr[-1]["changes"]}
                    rounds[name].update(real_changes=len(expected), monitor_found=len(expected & got),
                                        monitor_missed=sorted("/".join(x) for x in expected - got),
                                        monitor_extra=sorted("/".join(map(str, x)) for x in
                                                             {c for c in mr[-1]["changes"] if (c[1], c[2]) not in expected}))
                    mstate, ucache = work / f"m-{name}-{a.repeats - 1}", work / f"u-{name}-{a.repeats - 1}.db"

            # the cosmetic round, continuing from the changed round's state
            web.set_state(changed=True, cosmetic=1)
            web.reset_stats()
            m, data = monitor_check(cfg, mstate)
            mt = web.totals()
            web.reset_stats()
            u, uc = run_urlwatch(urls, ucfg, ucache, work, a.concurrency)
            ut = web.totals()
            rounds["cosmetic"] = {"monitor_wall_s": round(m.wall, 3), "urlwatch_wall_s": round(u.wall, 3),
                                  "monitor_alerts": len(ours(data)), "monitor_alert_list": ours(data)[:50],
                                  "monitor_cosmetic_recorded": (data.get("summary") or {}).get("cosmetic"),
                                  "urlwatch_changed": uc["CHANGED"], "urlwatch_reported": uc,
                                  "monitor_requests": mt["requests"], "urlwatch_requests": ut["requests"]}
            print(f"  cosmetic: monitor {len(ours(data))} alerts ({m.wall:.2f}s) | urlwatch {uc['CHANGED']} changed "
                  f"({u.wall:.2f}s)", flush=True)
            res["rounds"] = rounds
    finally:
        shutil.rmtree(work, ignore_errors=True)
    r = res["rounds"]
    res["targets"] = {
        "cycle_at_most_half_of_urlwatch": {n: r[n]["ratio_wall"] <= 0.5 for n in ("nochange", "changed")},
        "zero_alerts_on_cosmetic": r["cosmetic"]["monitor_alerts"] == 0,
        "every_real_change_alerted": r["changed"]["monitor_found"] == r["changed"]["real_changes"]}
    res["finished"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")

    print(f"\n{a.sources} sources, concurrency {a.concurrency}, median of {a.repeats}; {version}")
    print(f"{'round':<10} {'monitor s':>10} {'urlwatch s':>11} {'ratio':>7} {'cpu ratio':>10} {'our alerts':>11} "
          f"{'urlwatch changed':>17}")
    for n in ("nochange", "changed"):
        x = r[n]
        print(f"{n:<10} {x['monitor_wall_s']:>10.2f} {x['urlwatch_wall_s']:>11.2f} {x['ratio_wall']:>7.2f} "
              f"{x['ratio_cpu']:>10.2f} {x['monitor_alerts']:>11} {x['urlwatch_changed']:>17}")
    x = r["cosmetic"]
    print(f"{'cosmetic':<10} {x['monitor_wall_s']:>10.2f} {x['urlwatch_wall_s']:>11.2f} {'':>7} {'':>10} "
          f"{x['monitor_alerts']:>11} {x['urlwatch_changed']:>17}")
    print(f"real changes {r['changed']['real_changes']}, alerted by monitor {r['changed']['monitor_found']}; "
          f"targets {json.dumps(res['targets'])}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
