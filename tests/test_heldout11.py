"""Held-out corpus #11 (tests/heldout11/): whole portal pages and long plain texts, as the daemon really reads them.

Whole HTML pages (12–30 KB) in the portal families of SOURCES-SURVEY.md — TRS, Hanweb, gov.cn-style info tables,
old county sites in GBK/GB2312 declared only by <meta>, news sites, one page in Traditional characters — with their
furniture (menus, breadcrumbs, 【字体：大 中 小】, 打印/关闭, related links naming other vouchers, 上一篇/下一篇, footers,
counters, a header clock), and long plain texts (若干措施 with chapters, 申报指南, 政策解读, a press conference, news
roundups, an amendment, a repeal, drafts), from the Northeast, Northwest and Southwest, prefectures (州), leagues (盟),
counties and zones. Each document sits beside NAME.json with the facts SPEC "Facts" and its reading rules expect.

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout11"
VOUCHERS = {"算力券", "模型券", "语料券", "数据券", "训力券", "智能券", "创新券", "云服务券", "算法券", "服务券",
            "运力券", "词元券"}
TOP = ("省", "自治区")
MUNICIPALITIES = {"北京市", "上海市", "天津市", "重庆市"}
DOC_KEYS = {"title", "published", "issuer", "doc_number", "stage", "measures", "_input"}
MEASURE_KEYS = {"voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"}


def _docs() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))


def _iso(v) -> bool:
    if v is None:
        return True
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return False
    date.fromisoformat(v)
    return True


def _region_ok(r: str) -> bool:
    if r == "全国":
        return True
    parts = r.split("/")
    if not all(parts) or len(parts) > 4:
        return False
    if parts[0] in MUNICIPALITIES:
        return len(parts) <= 3
    return parts[0].endswith(TOP) and len(parts) >= 1


def test_corpus_size_and_mix():
    docs = _docs()
    assert len(docs) >= 30
    assert sum(d.suffix == ".html" for d in docs) >= 16
    assert sum(d.suffix == ".txt" for d in docs) >= 14
    # every document has its expectation and every expectation its document
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}


@pytest.mark.parametrize("doc", _docs(), ids=lambda p: p.name)
def test_expectation_well_formed(doc: Path):
    spec = json.loads(doc.with_suffix(".json").read_text(encoding="utf-8"))
    assert DOC_KEYS <= set(spec), set(spec) ^ DOC_KEYS
    assert spec["stage"] in ("draft", "final", "application", "news")
    assert _iso(spec["published"]) and spec["published"] is not None
    assert spec["issuer"] is None or (isinstance(spec["issuer"], str) and spec["issuer"].strip() == spec["issuer"])
    assert spec["doc_number"] is None or re.search(r"〔\d{4}〕\d+号$", spec["doc_number"])
    inp = spec["_input"]
    assert inp["authority"] in ("official", "news")
    assert _region_ok(inp["region"]), inp["region"]
    assert (spec["stage"] == "news") == (inp["authority"] == "news")
    assert isinstance(spec.get("repealed", False), bool)
    keys = set()
    for m in spec["measures"]:
        assert set(m) == MEASURE_KEYS
        assert m["voucher"] in VOUCHERS
        assert _region_ok(m["region"]), m["region"]
        assert (m["voucher"], m["region"]) not in keys, "one measure per (voucher, region)"
        keys.add((m["voucher"], m["region"]))
        for f in ("budget_yuan", "cap_yuan"):
            assert m[f] is None or (isinstance(m[f], int) and m[f] > 0)
        assert m["ratio"] is None or (isinstance(m["ratio"], float) and 0 < m["ratio"] <= 1)
        assert _iso(m["deadline"])
        if m["deadline"]:
            assert m["deadline"] >= spec["published"], "a deadline before publication is a misreading"
        if m["budget_yuan"] and m["cap_yuan"]:
            assert m["cap_yuan"] <= m["budget_yuan"]


@pytest.mark.parametrize("doc", [d for d in _docs() if d.suffix == ".html"], ids=lambda p: p.name)
def test_html_pages_are_whole_pages(doc: Path):
    raw = doc.read_bytes()
    assert 12 * 1024 <= len(raw) <= 30 * 1024, len(raw)
    head = raw[:600].decode("ascii", "replace").lower()
    m = re.search(r"charset=\"?([\w-]+)", head)
    assert m, "a page declares its charset in <meta>"
    text = raw.decode(m.group(1))
    assert "</html>" in text and "ICP" in text, "a whole page, footer included"
    assert "今天是" in text or "上一篇" in text or "相关" in text, "page furniture around the article"


@pytest.mark.parametrize("doc", [d for d in _docs() if d.suffix == ".txt"], ids=lambda p: p.name)
def test_plain_texts_are_long(doc: Path):
    text = doc.read_text(encoding="utf-8")
    assert 2000 <= len(text) <= 8000, len(text)
