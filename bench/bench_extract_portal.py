"""Documents per second through extract_html on the articles a portal column serves, one core (CPU time of this
process), median of 5 runs: the daemon's everyday load, beside bench_extract.py's voucher-dense worst case.

    .venv/bin/python bench/bench_extract_portal.py [--runs 5] [--sources 20]

The articles are those of the benchmark web (bench/benchweb.py, written for the cycle benchmark): each source's
column lists ten articles of 10–30 KB, TRS-like pages with a header clock, navigation, an info table, a visit
counter, related links, 上一篇/下一篇 and a footer around 24–70 paragraphs of policy prose; one article in ten issues
a 模型券/语料券 with budget, ratio and cap, the others are ordinary notices. With --voucher-only, only those.

Each figure is checked before it is timed: every voucher article must give its one measure with the terms the web
wrote, every other article none (a fast wrong answer is not a figure).
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from benchweb import ITEMS, VOUCHER_ITEM, article_html, load_regions, make_specs  # noqa: E402

from monitor.extract import extract_html  # noqa: E402


def articles(sources: int) -> list[tuple[str, object, bool]]:
    specs = make_specs(sources, 1, 20, load_regions())
    return [(article_html(s, j, 0, specs), s, j == VOUCHER_ITEM) for s in specs for j in range(ITEMS)]


def check(docs) -> None:
    for html, spec, voucher in docs:
        f = extract_html(html, region=spec.region)
        if not voucher:
            assert not f.measures, (spec.id, f.measures)
            continue
        assert len(f.measures) == 1, (spec.id, f.measures)
        m = f.measures[0]
        text = re.sub(r"<[^>]+>", "", html)
        assert m.region == spec.region and m.budget_yuan and m.ratio and m.cap_yuan, (spec.id, m)
        assert f"{round(m.ratio * 100)}%" in text, (spec.id, m.ratio)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sources", type=int, default=20, help="columns of 10 articles each (default 20: 200 articles)")
    ap.add_argument("--voucher-only", action="store_true", help="only the articles that issue a voucher")
    a = ap.parse_args(argv)
    docs = articles(a.sources)
    if a.voucher_only:
        docs = [d for d in docs if d[2]]
    check(docs)
    sizes = sorted(len(h.encode()) for h, _, _ in docs)
    rates = []
    for _ in range(a.runs):
        t0 = time.process_time()
        for html, spec, _ in docs:
            extract_html(html, region=spec.region)
        rates.append(len(docs) / (time.process_time() - t0))
    print(f"articles: {len(docs)} ({sum(v for _, _, v in docs)} issue a voucher; median size "
          f"{sizes[len(sizes) // 2] / 1024:.1f} KB, {sizes[0] / 1024:.1f}–{sizes[-1] / 1024:.1f} KB)")
    print(f"extract_html: median {statistics.median(rates):.0f} docs/s over {a.runs} runs "
          f"(min {min(rates):.0f}, max {max(rates):.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
