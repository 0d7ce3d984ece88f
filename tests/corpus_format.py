"""The shape every held-out corpus keeps: NAME.txt / NAME.html beside NAME.json with the facts SPEC expects.

Shared by the per-corpus test files (tests/test_heldout*.py), which add what their own corpus promises (its regions,
its page kinds); the scores of every corpus are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

VOUCHERS = {"算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券", "云服务券", "算法券", "服务券",
            "运力券", "词元券"}
DOC_KEYS = {"title", "published", "issuer", "doc_number", "stage", "measures", "_input"}
MEASURE_KEYS = {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}
STAGES = ("draft", "final", "application", "news")
MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}


def documents(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".html"))


def expectation(doc: Path) -> dict:
    return json.loads(doc.with_suffix(".json").read_text(encoding="utf-8"))


def is_iso(v) -> bool:
    """None, or a real YYYY-MM-DD date."""
    if v is None:
        return True
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return False
    date.fromisoformat(v)
    return True


def region_ok(r: str) -> bool:
    """A SPEC region path: 全国, or official names from a province down (municipalities have two levels, and a zone)."""
    if r == "全国":
        return True
    parts = r.split("/")
    if not all(parts) or len(parts) > 4 or any(p != p.strip() for p in parts):
        return False
    if parts[0] in MUNICIPALITIES:
        return len(parts) <= 3
    return parts[0].endswith(("省", "自治区"))


def declared_charset(raw: bytes) -> str:
    m = re.search(rb"charset=\"?([\w-]+)", raw[:800], re.I)
    assert m, "a page declares its charset in <meta>"
    return m.group(1).decode("ascii")


def document_text(doc: Path) -> str:
    raw = doc.read_bytes()
    return raw.decode(declared_charset(raw) if doc.suffix == ".html" else "utf-8")


def check_expectation(spec: dict) -> None:
    """Keys and types of SPEC's facts; regions, dates and ratios well formed; one measure per (voucher, region)."""
    assert DOC_KEYS <= set(spec), set(spec) ^ DOC_KEYS
    assert set(spec) <= DOC_KEYS | {"repealed"}
    assert isinstance(spec["title"], str) and spec["title"]
    assert spec["stage"] in STAGES
    assert is_iso(spec["published"]) and spec["published"] is not None
    assert spec["issuer"] is None or (isinstance(spec["issuer"], str) and spec["issuer"].strip() == spec["issuer"])
    assert spec["doc_number"] is None or re.search(r"〔\d{4}〕\d+号$", spec["doc_number"])
    inp = spec["_input"]
    assert inp["authority"] in ("official", "news")
    assert region_ok(inp["region"]), inp["region"]
    assert (spec["stage"] == "news") == (inp["authority"] == "news")
    assert isinstance(spec.get("repealed", False), bool)
    keys = set()
    for m in spec["measures"]:
        assert set(m) == MEASURE_KEYS
        assert m["voucher"] in VOUCHERS
        assert region_ok(m["region"]), m["region"]
        assert (m["voucher"], m["region"]) not in keys, "one measure per (voucher, region)"
        keys.add((m["voucher"], m["region"]))
        for f in ("budget_yuan", "cap_yuan"):
            assert m[f] is None or (isinstance(m[f], int) and m[f] > 0)
        assert m["ratio"] is None or (isinstance(m["ratio"], float) and 0 < m["ratio"] <= 1)
        assert is_iso(m["deadline"])
        if m["deadline"]:
            assert m["deadline"] >= spec["published"], "a deadline before publication is a misreading"
        if m["budget_yuan"] and m["cap_yuan"]:
            assert m["cap_yuan"] <= m["budget_yuan"]
