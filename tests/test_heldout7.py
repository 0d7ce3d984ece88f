"""Held-out corpus 7: district-level documents whose bare names repeat across China (朝阳区, 鼓楼区, 江北区,
普陀区, 和平区, 城关区, 长安区, 龙华区, 白云区, 雨花区/雨花台区 ...), resolved by the source's region and the text.

The corpus was written by reading SPEC, never by running the extractor. This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import json
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout7"


def test_corpus_is_well_formed():
    docs = sorted(CORPUS.glob("*.json"))
    assert len(docs) >= 36
    kinds = {".txt": 0, ".html": 0}
    for js in docs:
        spec = json.loads(js.read_text(encoding="utf-8"))
        twins = [js.with_suffix(e) for e in kinds if js.with_suffix(e).exists()]
        assert len(twins) == 1, js.name
        kinds[twins[0].suffix] += 1
        assert spec["stage"] in {"draft", "final", "application", "news"}, js.name
        assert spec["_input"]["authority"] in {"official", "news"}, js.name
        keys = [(m["voucher"], m["region"]) for m in spec["measures"]]
        assert len(keys) == len(set(keys)), js.name
        for m in spec["measures"]:
            assert m["region"] == "全国" or m["region"].split("/")[0].endswith(("省", "市", "自治区")), js.name
            assert m["ratio"] is None or 0 < m["ratio"] <= 1, js.name
    assert kinds[".txt"] >= 12 and kinds[".html"] >= 12
