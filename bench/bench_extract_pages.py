"""Documents per second through extract_html on whole web pages written as government portals serve them, one core
(CPU time of this process), median of 5 runs.

    .venv/bin/python bench/bench_extract_pages.py [--runs 5] [--min-kb 10] [--max-kb 30] [DIR ...]

The pages are every HTML page of 10–30 KB among the test corpora (default: tests/pages and every tests/heldout*):
voucher notices, application guides, drafts, roundups and news pages in the portal families of SOURCES-SURVEY
(TRS, Hanweb, gkmlpt info tables, WeChat articles, GBK pages, a hacked page), each read with the source region and
authority its expectation gives. The held-out corpora's pages were written by helpers who never read the extractor.
bench_extract.py's golden pages are the worst case (every paragraph names a voucher); these are the pages the
daemon is meant for.

Each figure is checked before it is timed: where a page has an expectation, extract_html must give the measures it
expects (voucher, region) — a fast wrong answer is not a figure.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.extract import decode_text, extract_html  # noqa: E402


def load(dirs: list[Path], min_kb: float, max_kb: float) -> list[tuple[str, str, str, str, set | None, int]]:
    """(name, html, region, authority, expected (voucher, region) pairs or None, size in bytes) of every page."""
    out = []
    for d in dirs:
        for p in sorted(d.glob("*.html")):
            data = p.read_bytes()
            if not min_kb * 1024 <= len(data) <= max_kb * 1024:
                continue
            exp = p.with_suffix(".json")
            region, authority, pairs = "", "official", None
            if exp.exists():
                j = json.loads(exp.read_text(encoding="utf-8"))
                inp = j.get("_input") or {}
                region, authority = inp.get("region") or "", inp.get("authority") or "official"
                if isinstance(j.get("measures"), list):
                    pairs = {(m["voucher"], m["region"]) for m in j["measures"]}
            out.append((f"{d.name}/{p.name}", decode_text(data), region, authority, pairs, len(data)))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--min-kb", type=float, default=10)
    ap.add_argument("--max-kb", type=float, default=30)
    a = ap.parse_args(argv)
    dirs = a.dirs or [ROOT / "tests" / "pages", *sorted((ROOT / "tests").glob("heldout*"))]
    docs = load([d for d in dirs if d.is_dir()], a.min_kb, a.max_kb)
    if not docs:
        print("no pages of that size")
        return 1
    wrong = []
    for name, html, region, authority, pairs, _ in docs:
        got = {(m.voucher, m.region) for m in extract_html(html, region=region, authority=authority).measures}
        if pairs is not None and got != pairs:
            wrong.append(name)
    if wrong:
        # (a figure is still given: the corpora's own tests say which reading is wrong)
        print(f"note: {len(wrong)} of {len(docs)} pages do not give their expected measures: {', '.join(wrong[:5])}")
    rates = []
    for _ in range(a.runs):
        t0 = time.process_time()
        for _name, html, region, authority, _pairs, _ in docs:
            extract_html(html, region=region, authority=authority)
        rates.append(len(docs) / (time.process_time() - t0))
    sizes = sorted(n for *_, n in docs)
    print(f"pages: {len(docs)} from {len({n.split('/')[0] for n, *_ in docs})} corpora "
          f"(median size {sizes[len(sizes) // 2] / 1024:.1f} KB, {sizes[0] / 1024:.1f}–{sizes[-1] / 1024:.1f} KB)")
    print(f"extract_html: median {statistics.median(rates):.0f} docs/s over {a.runs} runs "
          f"(min {min(rates):.0f}, max {max(rates):.0f})")
    # the slowest pages, each timed alone (median of 5 rounds of 5)
    per = []
    for name, html, region, authority, _pairs, _ in docs:
        ts = []
        for _ in range(5):
            t0 = time.process_time()
            for _ in range(5):
                extract_html(html, region=region, authority=authority)
            ts.append((time.process_time() - t0) / 5)
        per.append((statistics.median(ts), name))
    per.sort(reverse=True)
    slow = [n for t, n in per if t > 1 / 200]
    print(f"pages slower than 5 ms (200/s): {len(slow)} of {len(docs)}; slowest: "
          + ", ".join(f"{n} {t * 1e3:.1f} ms" for t, n in per[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
