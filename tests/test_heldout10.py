"""Held-out corpus #10 (tests/heldout10/): an independent estimate of how the finished extractor generalises.

Documents (whole HTML pages from portals, news sites and WeChat-style posts; plain texts with 章/条, amendments,
a repeal, drafts, reports) from regions no other corpus uses, each beside NAME.json with the facts expected by
SPEC "Facts" and its reading rules. This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout10"
VOUCHERS = {"算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券", "云服务券", "算法券", "服务券",
            "运力券", "词元券"}


def test_corpus_is_well_formed():
    docs = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    assert len(docs) >= 40
    for d in docs:
        spec = json.loads(d.with_suffix(".json").read_text(encoding="utf-8"))
        assert spec["_input"]["authority"] in ("official", "news"), d.name
        assert spec.get("stage", "final") in ("draft", "final", "application", "news"), d.name
        for m in spec["measures"]:
            assert set(m) == {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}, d.name
            assert m["voucher"] in VOUCHERS, d.name
            assert m["ratio"] is None or 0 < m["ratio"] <= 1, d.name
