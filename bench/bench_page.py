"""parse_page throughput on the fixture pages (10–30 KB each), one core.

    .venv/bin/python bench/bench_page.py [--seconds 1.0] [--portal | --portal-only]

Prints pages/second for each fixture and for the mix: the median of 5 runs, CPU time of this process
(so other load on the machine does not count), after one warm-up pass. --portal adds the mix of
bench/bench_extract.py (golden texts in a portal template: navigation, info table, related links, footer);
--portal-only measures that mix alone. bench/page_snapshot.py checks that speed work leaves every result unchanged.
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0, help="CPU seconds per run")
    ap.add_argument("--portal", action="store_true", help="also the page mix of bench_extract.py")
    ap.add_argument("--portal-only", action="store_true", help="only the page mix of bench_extract.py")
    args = ap.parse_args()
    args.portal = args.portal or args.portal_only
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})   # one core
        except OSError:
            pass
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
