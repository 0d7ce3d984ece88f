"""Micro-benchmark of extraction's text-reading primitives, on the calls extract_text really makes.

    .venv/bin/python bench/bench_leaf.py [--runs 5] [--texts ../shared/seeds] [--only find_regions]

First the golden bench pages (bench_extract.pages) are parsed and run through extract_text once with each
primitive wrapped to record its arguments; then each primitive is timed alone on its recorded calls (CPU time
of this process, median of the runs) and reported as µs a call and ms over all calls (the share of the
200 documents' extract_text it stands for). Results of the calls are not kept: no memo flatters it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_extract import pages  # noqa: E402

from monitor.extract import extract_text  # noqa: E402
from monitor.extract import meta as meta_mod  # noqa: E402
from monitor.extract import measures as measures_mod  # noqa: E402
from monitor.extract import regions as regions_mod  # noqa: E402
from monitor.extract import dates as dates_mod  # noqa: E402
from monitor.extract import numbers as numbers_mod  # noqa: E402
from monitor.extract import vouchers as vouchers_mod  # noqa: E402
import monitor.extract as extract_pkg  # noqa: E402
from monitor.extract.page import parse_page  # noqa: E402

# (name, module holding the function, the modules whose global of that name the callers use)
TARGETS = [
    ("find_regions", regions_mod, [regions_mod]),
    ("find_amounts", numbers_mod, [measures_mod]),
    ("find_shares", numbers_mod, [measures_mod]),
    ("find_vouchers", vouchers_mod, [measures_mod]),
    ("find_dates", dates_mod, [dates_mod, meta_mod]),
    ("find_deadline", dates_mod, [measures_mod, meta_mod]),
    ("find_stage", meta_mod, [extract_pkg]),
    ("find_issuer", meta_mod, [extract_pkg]),
    ("find_published", meta_mod, [extract_pkg]),
    ("find_doc_number", meta_mod, [extract_pkg]),
    ("is_repeal", meta_mod, [extract_pkg]),
    ("normalize_text", extract_pkg, [extract_pkg]),
    ("_join_broken_lines", extract_pkg, [extract_pkg]),
]


def record(docs):
    calls: dict[str, list] = {name: [] for name, _, _ in TARGETS}
    saved = []
    active: set = set()

    def wrap(name, fn):
        # every call, also those made inside another primitive (find_deadline calls find_dates: their
        # shares overlap); a function's calls to itself are not counted twice
        def w(*a, **kw):
            if name in active:
                return fn(*a, **kw)
            calls[name].append((a, kw))
            active.add(name)
            try:
                return fn(*a, **kw)
            finally:
                active.discard(name)
        return w

    for name, home, users in TARGETS:
        fn = getattr(home, name)
        for mod in users:
            if hasattr(mod, name):
                saved.append((mod, name, getattr(mod, name)))
                setattr(mod, name, wrap(name, fn))
    # find_regions: measures calls R.find_regions (R is the regions module)
    try:
        for p in docs:
            extract_text(p.text, title=p.title, published=p.published, meta=p.meta, region="上海市",
                         _normalised="folded")
    finally:
        for mod, name, fn in saved:
            setattr(mod, name, fn)
    return calls


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--texts", type=Path, default=ROOT / "tests" / "golden")
    ap.add_argument("--only", default="")
    a = ap.parse_args(argv)
    ps = pages(a.texts)
    docs = [parse_page(ps[i % len(ps)]) for i in range(a.docs)]
    calls = record(docs)
    t0 = time.process_time()
    for _ in range(3):
        for p in docs:
            extract_text(p.text, title=p.title, published=p.published, meta=p.meta, region="上海市",
                         _normalised="folded")
    total = (time.process_time() - t0) / 3
    print(f"extract_text over {len(docs)} docs: {total * 1000:.0f} ms ({len(docs) / total:.0f} docs/s)")
    for name, home, _ in TARGETS:
        if a.only and name not in a.only.split(","):
            continue
        fn = getattr(home, name)
        cs = calls[name]
        if not cs:
            continue
        ts = []
        for _ in range(a.runs):
            t0 = time.process_time()
            for args, kw in cs:
                fn(*args, **kw)
            ts.append(time.process_time() - t0)
        t = statistics.median(ts)
        print(f"{name:18s} {len(cs):6d} calls  {t / len(cs) * 1e6:8.2f} µs/call  {t * 1000:7.1f} ms "
              f"({t / total * 100:4.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
