"""Held-out corpus #3 (tests/heldout3/): whole government and news web pages the extractor's author never saw.

Mostly .html pages as portals serve them (TRS WCM 信息索引表 + div.TRS_Editor, Hanweb #zoom, gkmlpt
article-content, old GBK table layouts, news sites) with their furniture: nav, breadcrumbs, 今天是 clocks,
【字体：大 中 小】, 上一篇/下一篇 and 相关链接 naming other cities' vouchers, hidden spam, footers.
Each NAME.json holds the facts expected by reading the page as SPEC says, plus "_input": {"region",
"authority"} for monitor.evaluate. A news page's issuer is left out of its JSON (SPEC does not say whether a
news page's issuer is the outlet or the body it reports on), so it is not scored.

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout3"
KEYS = {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}
VOUCHERS = {"算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券", "云服务券", "算法券", "服务券",
            "运力券", "词元券"}


def test_corpus_is_complete_and_well_formed():
    docs = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    assert len(docs) >= 36
    assert sum(p.suffix == ".html" for p in docs) >= 24
    for d in docs:
        spec = json.loads(d.with_suffix(".json").read_text(encoding="utf-8"))
        assert spec["_input"]["authority"] in ("official", "news"), d.name
        assert spec["_input"]["region"], d.name
        assert spec["stage"] in ("draft", "final", "application", "news"), d.name
        assert spec["published"] is None or len(spec["published"]) == 10, d.name
        for m in spec["measures"]:
            assert set(m) == KEYS, d.name
            assert m["voucher"] in VOUCHERS, d.name
            assert m["ratio"] is None or 0 < m["ratio"] <= 1, d.name
            for k in ("budget_yuan", "cap_yuan"):
                assert m[k] is None or isinstance(m[k], int), d.name
