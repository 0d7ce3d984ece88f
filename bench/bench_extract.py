"""Documents per second through extract_html on typical 10–30 KB government pages, one core (CPU time of this process, so other load on the machine does not skew it), median of 5 runs.

    .venv/bin/python bench/bench_extract.py [--runs 5] [--docs 200]

The pages are built from the golden corpus texts wrapped in a portal template (navigation, info table,
related links, footer) so their size and shape match real 10–30 KB article pages. Target: ≥ 200 documents/s.
"""
from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.extract import decode_text, extract_html  # noqa: E402

NAV = "".join(f"<li><a href='/col/{i}.html'>栏目{i} 政务公开 政策文件 通知公告</a></li>" for i in range(60))
FOOT = "<div class='footer'>" + "主办单位：某市人民政府办公室 承办：某市大数据中心 网站标识码 3301000001 ICP备案 " * 20 + "</div>"
RELATED = "".join(f"<li><a href='/a/{i}.html'>关于开展2025年度第{i}批项目申报工作的通知</a><span>2025-0{1 + i % 9}-1{i % 9}</span></li>"
                  for i in range(30))


def pages(texts: Path = ROOT / "tests" / "golden") -> list[str]:
    out = []
    for p in sorted(texts.glob("*.txt")):
        text = decode_text(p.read_bytes())
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if not lines:
            continue
        title = html.escape(lines[0][:80])
        body = "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
        while len(body.encode()) < 6000:
            body += body
        page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
                f"<meta name='PubDate' content='2025-05-06 10:00'></head><body><div class='nav'><ul>{NAV}</ul></div>"
                f"<div class='article'><h1>{title}</h1><table class='info'><tr><td>发布日期：2025-05-06</td></tr></table>"
                f"<div id='zoom'>{body}</div></div><div class='related'><h3>相关链接</h3><ul>{RELATED}</ul></div>"
                f"{FOOT}</body></html>")
        out.append(page[:30000] if len(page) > 30000 else page)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--texts", type=Path, default=ROOT / "tests" / "golden",
                    help="the .txt documents wrapped into pages (default tests/golden; e.g. ../shared/seeds: real articles)")
    a = ap.parse_args(argv)
    ps = pages(a.texts)
    docs = [ps[i % len(ps)] for i in range(a.docs)]
    sizes = sorted(len(d.encode()) for d in docs)
    extract_html(docs[0], region="上海市")   # warm-up (OpenCC, gazetteer)
    rates = []
    for _ in range(a.runs):
        t0 = time.process_time()
        for d in docs:
            extract_html(d, region="上海市")
        rates.append(len(docs) / (time.process_time() - t0))
    from monitor.extract import extract_text
    from monitor.extract.page import parse_page
    parsed = [parse_page(d) for d in docs]
    t_rates, p_rates = [], []
    for _ in range(a.runs):
        t0 = time.process_time()
        for d in docs:
            parse_page(d)
        p_rates.append(len(docs) / (time.process_time() - t0))
        t0 = time.process_time()
        for p in parsed:
            extract_text(p.text, title=p.title, published=p.published, meta=p.meta, region="上海市")
        t_rates.append(len(docs) / (time.process_time() - t0))
    print(f"pages: {len(docs)} (median size {sizes[len(sizes) // 2] / 1024:.1f} KB, "
          f"{sizes[0] / 1024:.1f}–{sizes[-1] / 1024:.1f} KB)")
    print(f"extract_html: median {statistics.median(rates):.0f} docs/s over {a.runs} runs "
          f"(min {min(rates):.0f}, max {max(rates):.0f})")
    print(f"  of which page.parse_page alone: median {statistics.median(p_rates):.0f} docs/s; "
          f"extract_text on its output: median {statistics.median(t_rates):.0f} docs/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
