"""Held-out corpus 6: the final untouched estimate — a year's mix of portal pages (TRS, Hanweb, news sites) and texts.

Runs the scorer as a subprocess (`python -m monitor.evaluate tests/heldout6 --json`) and checks floors
that catch regressions; they are not targets.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout6"


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


@pytest.mark.timeout(120)
def test_heldout6_floors():
    proc = subprocess.run([sys.executable, "-m", "monitor.evaluate", "tests/heldout6", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=110)
    assert proc.returncode in (0, 1), proc.stderr
    rep = json.loads(proc.stdout)
    m, f, d = rep["measures"], rep["fields"], rep["documents_fields"]
    print(f"\nheldout6: {rep['documents']} documents; measures P={m['precision']:.3f} R={m['recall']:.3f} "
          f"F1={m['f1']:.3f} (tp={m['tp']} fp={m['fp']} fn={m['fn']})")
    print("fields: " + ", ".join(f"{k}={v:.3f}" for k, v in f.items()))
    print("documents: " + ", ".join(f"{k}={v:.3f}" for k, v in d.items()))
    assert rep["documents"] >= 36
    assert not rep["errors"], rep["errors"]
    assert m["f1"] >= 0.70
    assert f["all"] >= 0.70
