"""Held-out corpus 8: documents the extractor's author never saw, scored by `monitor.evaluate`.

The floors catch regressions; they are not targets."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.timeout(120)
def test_heldout8_floors():
    proc = subprocess.run([sys.executable, "-m", "monitor.evaluate", "tests/heldout8", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=110)
    assert proc.stdout.strip(), proc.stderr
    rep = json.loads(proc.stdout)
    m = rep["measures"]
    print(f"\nheldout8: {rep['documents']} documents, measures P={m['precision']} R={m['recall']} F1={m['f1']}")
    print("fields:", rep["fields"])
    print("document fields:", rep["documents_fields"])
    for name, lines in sorted(rep.get("misses", {}).items()):
        print(name, "|", "; ".join(lines))
    assert rep["documents"] >= 40
    assert not rep["errors"], rep["errors"]
    assert m["f1"] >= 0.70
    assert rep["fields"]["all"] >= 0.70
