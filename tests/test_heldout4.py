"""Held-out corpus #4 (tests/heldout4/): hard reading, written independently of the extractor.

News roundups over many regions (some only named, some vouchers only named in general), national encouragement,
split and joint pools, tiers, stacking ceilings vs top-ups, 折/成/百分之/仅需支付, caps as 面额×张数 or without 元,
batches within yearly pools, multi-year totals, amendments (由…调整为…), Chinese and full-width numerals, whole
documents in Traditional characters, deadlines as ranges/即日起至/…前/截至/with clock times/without a year, and
non-deadlines (comment periods, 有效期至, contract windows, reviews by lower bodies).

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py. News documents carry no "issuer"
key (SPEC does not say what a news article's issuer is), so issuer is scored on official documents only.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout4"
VOUCHERS = {"算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券", "云服务券", "算法券", "服务券", "运力券", "词元券"}


def test_corpus_is_well_formed():
    docs = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    assert len(docs) >= 36
    for d in docs:
        spec = json.loads(d.with_suffix(".json").read_text(encoding="utf-8"))
        assert spec["stage"] in ("draft", "final", "application", "news"), d.name
        assert spec["_input"]["authority"] in ("official", "news"), d.name
        assert ("issuer" in spec) == (spec["_input"]["authority"] == "official"), d.name
        keys = set()
        for m in spec["measures"]:
            assert set(m) == {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}, d.name
            assert m["voucher"] in VOUCHERS, (d.name, m["voucher"])
            assert m["ratio"] is None or 0 < m["ratio"] <= 1, d.name
            assert (m["voucher"], m["region"]) not in keys, d.name
            keys.add((m["voucher"], m["region"]))
