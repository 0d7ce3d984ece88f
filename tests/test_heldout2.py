"""Held-out corpus #2 (tests/heldout2/): documents the extractor's author never saw.

Runs the extractor's own scorer as a subprocess (`python -m monitor.evaluate tests/heldout2 --json`) and
asserts floors meant to catch regressions, not targets: measure F1 >= 0.70, field accuracy >= 0.70.
Each NAME.json carries "_input": {"region", "authority"} (what monitor.evaluate reads) and the same
values as "_region"/"_authority".
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout2"


def _run() -> dict:
    proc = subprocess.run([sys.executable, "-m", "monitor.evaluate", str(CORPUS), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=50)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_corpus_is_complete():
    docs = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html")]
    assert len(docs) >= 30
    for d in docs:
        spec = json.loads(d.with_suffix(".json").read_text(encoding="utf-8"))
        assert "measures" in spec and "_input" in spec, d.name
        for m in spec["measures"]:
            assert set(m) == {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}, d.name


def test_heldout2_floors():
    rep = _run()
    m, f = rep["measures"], rep["fields"]
    print(f"\nheldout2: {rep['documents']} docs; measures P {m['precision']} R {m['recall']} F1 {m['f1']} "
          f"(tp {m['tp']} fp {m['fp']} fn {m['fn']})")
    print("fields:", f)
    print("document fields:", rep["documents_fields"])
    for name, lines in (rep.get("misses") or {}).items():
        print(name, "|", "; ".join(lines))
    assert rep["documents"] >= 30
    assert not rep.get("errors"), rep.get("errors")
    assert m["f1"] >= 0.70, m
    assert f["all"] >= 0.70, f
