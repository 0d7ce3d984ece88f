"""Held-out corpus 8: documents the extractor's author never saw, scored by `monitor.evaluate`.

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py."""
import json
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout8"


def test_corpus_is_complete():
    jsons = sorted(CORPUS.glob("*.json"))
    assert len(jsons) >= 40
    for js in jsons:
        assert js.with_suffix(".txt").exists() or js.with_suffix(".html").exists(), js.name
        spec = json.loads(js.read_text(encoding="utf-8"))
        assert spec["_input"]["authority"] in ("official", "news")
        assert spec["stage"] in ("draft", "final", "application", "news")
        for m in spec["measures"]:
            assert set(m) == {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}
            assert m["ratio"] is None or 0 < m["ratio"] <= 1
