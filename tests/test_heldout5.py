"""Held-out corpus 5: a realistic year's mix of portal pages and texts the extractor's author never saw.

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import json
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout5"


def _pairs():
    return sorted(p.stem for p in CORPUS.glob("*.json"))


def test_corpus_is_well_formed():
    names = _pairs()
    assert len(names) >= 36
    kinds = {"html": 0, "txt": 0}
    for stem in names:
        spec = json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))
        docs = [p for p in (CORPUS / f"{stem}.html", CORPUS / f"{stem}.txt") if p.exists()]
        assert len(docs) == 1, stem
        kinds[docs[0].suffix[1:]] += 1
        assert spec["stage"] in {"draft", "final", "application", "news"}, stem
        assert spec["_input"]["authority"] in {"official", "news"}, stem
        for m in spec["measures"]:
            assert set(m) == {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}, stem
            assert m["ratio"] is None or 0 < m["ratio"] <= 1, stem
    assert kinds["html"] >= 15 and kinds["txt"] >= 15
