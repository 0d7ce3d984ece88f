"""parse_page throughput on the fixture pages (10–30 KB each), one core.

    .venv/bin/python bench/bench_page.py [--seconds 1.0] [--portal | --portal-only]
    .venv/bin/python bench/bench_page.py --against /path/to/other/tree [--rounds 9]

Prints pages/second for each fixture and for the mix: the median of 5 runs, CPU time of this process
(so other load on the machine does not count), after one warm-up pass. --portal adds the mix of
bench/bench_extract.py (golden texts in a portal template: navigation, info table, related links, footer);
--portal-only measures that mix alone. bench/page_snapshot.py checks that speed work leaves every result unchanged.

--against compares this tree's parse_page with another tree's (a checkout or `git archive` of the base commit) in
one process, rounds interleaved, on the mixes of bench_extract.py (golden texts, and /work/shared/seeds when there):
on a shared, noisy machine a ratio measured so is steadier than two runs of the bench one after the other.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.extract.page import parse_page  # noqa: E402

PAGES = ROOT / "tests" / "pages"


def rate(pages: list[str], seconds: float) -> float:
    n = 0
    t0 = time.process_time()
    while True:
        for html in pages:
            parse_page(html, url="https://www.example.gov.cn/xxgk/202505/t20250512_1.html")
        n += len(pages)
        dt = time.process_time() - t0
        if dt >= seconds:
            return n / dt


def against(other: Path, rounds: int) -> None:
    """parse_page of this tree and of another, interleaved: CPU time a page, median of the rounds, and the ratio."""
    import importlib
    import shutil
    import tempfile
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_extract import pages as portal_pages
    tmp = Path(tempfile.mkdtemp())
    shutil.copytree(other / "monitor", tmp / "monitor_other")     # (its imports inside the package are relative)
    sys.path.insert(0, str(tmp))
    try:
        theirs = importlib.import_module("monitor_other.extract.page").parse_page
        mixes = {"golden": portal_pages()}
        seeds = Path("/work/shared/seeds")
        if seeds.is_dir():
            mixes["seeds"] = portal_pages(seeds)
        for name, mix in mixes.items():
            docs = [mix[i % len(mix)] for i in range(200)]
            for d in docs[:20]:
                parse_page(d)
                theirs(d)
            times: dict[str, list[float]] = {"this": [], "other": []}
            for _ in range(rounds):
                for label, fn in (("other", theirs), ("this", parse_page)):
                    t0 = time.process_time()
                    for d in docs:
                        fn(d)
                    times[label].append((time.process_time() - t0) / len(docs) * 1e3)
            a, b = statistics.median(times["other"]), statistics.median(times["this"])
            print(f"{name:<8}other {a:.3f} ms/page ({1e3 / a:.0f}/s)   this {b:.3f} ms/page ({1e3 / b:.0f}/s)   "
                  f"speed-up {a / b:.2f}x")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0, help="CPU seconds per run")
    ap.add_argument("--portal", action="store_true", help="also the page mix of bench_extract.py")
    ap.add_argument("--portal-only", action="store_true", help="only the page mix of bench_extract.py")
    ap.add_argument("--against", type=Path, help="another tree (holding monitor/) to compare parse_page with")
    ap.add_argument("--rounds", type=int, default=9, help="rounds of --against")
    args = ap.parse_args()
    args.portal = args.portal or args.portal_only
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})   # one core
        except OSError:
            pass
    if args.against:
        against(args.against, args.rounds)
        return
    files = [] if args.portal_only else sorted(PAGES.glob("*.html"))
    texts = {f.name: f.read_text(encoding="utf-8") for f in files}
    for html in texts.values():          # warm-up (OpenCC dictionaries, regex caches)
        parse_page(html)
    print(f"{'page':<22}{'KB':>6}{'pages/s':>10}")
    for name, html in texts.items():
        runs = [rate([html], args.seconds / 2) for _ in range(5)]
        print(f"{name:<22}{len(html.encode()) / 1024:>6.1f}{statistics.median(runs):>10.0f}")
    mix = list(texts.values())
    if mix:
        runs = [rate(mix, args.seconds) for _ in range(5)]
        kb = sum(len(h.encode()) for h in mix) / len(mix) / 1024
        print(f"{'mix (median of 5)':<22}{kb:>6.1f}{statistics.median(runs):>10.0f}")
    if args.portal:
        sys.path.insert(0, str(ROOT / "bench"))
        from bench_extract import pages as portal_pages
        mix = portal_pages()
        runs = [rate(mix, args.seconds) for _ in range(5)]
        kb = sum(len(h.encode()) for h in mix) / len(mix) / 1024
        print(f"{'portal mix (median)':<22}{kb:>6.1f}{statistics.median(runs):>10.0f}")


if __name__ == "__main__":
    main()
