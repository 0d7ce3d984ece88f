"""Held-out corpus #9 (tests/heldout9/): the final untouched estimate of how the extractor generalises.

51 documents (29 whole HTML pages: portals, news sites, WeChat-style posts; 22 plain texts: policies with 章/条,
an attachment, newspaper reports, a commentary) from regions no other corpus uses, each beside NAME.json with the
facts expected by SPEC "Facts" and its reading rules. This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py. Nobody tunes the extractor against this corpus.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout9"
VOUCHERS = {"算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券", "云服务券", "算法券", "服务券",
            "运力券", "词元券"}


def test_corpus_is_complete_and_well_formed():
    docs = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    assert len(docs) >= 40
    for d in docs:
        spec = json.loads(d.with_suffix(".json").read_text(encoding="utf-8"))
        assert "measures" in spec and "_input" in spec, d.name
        assert spec["_input"]["authority"] in ("official", "news"), d.name
        assert spec.get("stage", "final") in ("draft", "final", "application", "news"), d.name
        for m in spec["measures"]:
            assert set(m) == {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}, d.name
            assert m["voucher"] in VOUCHERS, d.name
            assert m["ratio"] is None or 0 < m["ratio"] <= 1, d.name
            assert m["region"].split("/")[0].endswith(("省", "自治区")), d.name
