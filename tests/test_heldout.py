"""Held-out evaluation of the extractor on tests/heldout/: documents written from SPEC alone (regions and
phrasings unlike the seeds and the golden corpus), scored by `python -m monitor.evaluate`.

The floors catch regressions; they are not targets. Run with -s to see the figures and every miss.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout"
VOUCHERS = {"算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券", "云服务券", "算法券", "服务券",
            "运力券", "词元券"}
STAGES = {"draft", "final", "application", "news"}
FLOOR_F1 = 0.80
FLOOR_FIELDS = 0.80


def _pairs():
    out = []
    for js in sorted(CORPUS.glob("*.json")):
        docs = [js.with_suffix(e) for e in (".txt", ".html") if js.with_suffix(e).exists()]
        out.append((js, docs))
    return out


@pytest.mark.parametrize("js,docs", _pairs(), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_expected_facts_are_well_formed(js, docs):
    assert len(docs) == 1, f"{js.name}: needs exactly one NAME.txt or NAME.html beside it"
    d = json.loads(js.read_text(encoding="utf-8"))
    assert set(d) >= {"title", "published", "issuer", "doc_number", "stage", "measures", "_input"}
    assert d["stage"] in STAGES
    assert d["published"] is None or (len(d["published"]) == 10 and d["published"][4] == "-")
    assert d["_input"].get("authority", "official") in ("official", "news")
    keys = set()
    for m in d["measures"]:
        assert set(m) == {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}
        assert m["voucher"] in VOUCHERS, m["voucher"]
        assert m["region"] == "全国" or "/" in m["region"] or m["region"].endswith(("省", "市", "自治区"))
        assert m["ratio"] is None or 0 < m["ratio"] <= 1
        assert (m["voucher"], m["region"]) not in keys, "one measure per (voucher, region)"
        keys.add((m["voucher"], m["region"]))


def test_corpus_size():
    assert len(_pairs()) >= 35


def test_heldout_floors():
    proc = subprocess.run([sys.executable, "-m", "monitor.evaluate", str(CORPUS), "--json", "-v"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rep = json.loads(proc.stdout)
    m, f, d = rep["measures"], rep["fields"], rep["documents_fields"]
    print(f"\nheld-out: {rep['documents']} documents")
    print(f"measures: P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} (tp {m['tp']} fp {m['fp']} fn {m['fn']})")
    print("fields:   " + "  ".join(f"{k} {v:.3f}" for k, v in f.items()))
    print("docs:     " + "  ".join(f"{k} {v:.3f}" for k, v in d.items()))
    for name, lines in rep.get("misses", {}).items():
        print(f"  {name}: " + " | ".join(lines))
    assert rep["documents"] >= 35
    assert not rep["errors"], rep["errors"]
    assert m["f1"] >= FLOOR_F1, f"measure F1 {m['f1']} below {FLOOR_F1}"
    assert f["all"] >= FLOOR_FIELDS, f"field accuracy {f['all']} below {FLOOR_FIELDS}"
