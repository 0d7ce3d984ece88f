"""Held-out corpus #17 (tests/heldout17/): long documents and heavy page furniture, from the north-east to the
south-west and at every level — province (四川省), cities (哈尔滨, 贵阳, 合肥, 昆明, 南宁, 大同, 襄阳, 南昌, 庆阳 …),
districts (浑南区, 岳麓区, 西青区, 顺德区, 南山区, 渝北区, 吴江区, 鄞州区), counties (德清县, 和林格尔县), county-level
cities (寿光市, 晋江市, 如皋市) and zones (西安高新技术产业开发区, 郑州航空港经济综合实验区).

Fifteen whole pages of 12–30 KB (TRS, Hanweb, gkmlpt, news sites; GBK and GB2312 declared only by <meta>; one Hong
Kong outlet in Traditional characters) with header clocks, menus, breadcrumbs, info tables, keyword metas, sidebars of
other places' vouchers with amounts, hidden spam, share widgets, 上一篇/下一篇 and footers: a 申领 notice whose tiers sit
in an HTML table, a 公示 of companies granted vouchers, a news roundup, a 补充通知, a draft, a page whose only vouchers
are furniture. Sixteen plain texts of 2 000–8 000 characters, nine of them 5 000+: 若干措施 with 30+ articles where the
vouchers are two or three articles among many subsidies, an 实施细则 with a space-aligned tier table, 申报指南, a 修订,
a 政策解读 Q&A, a press conference, a 新华社 roundup, a repeal, drafts, a district top-up and a batch within a yearly pool.

Each NAME.txt/.html sits beside NAME.json with the facts SPEC expects; this file checks the corpus is well formed.
Its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus_format import check_expectation, declared_charset, document_text, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout17"
GBK = ("gbk", "gb2312", "gb18030")
ALIASES = {"数据券": ("数据要素券", "數據券", "数据券"), "创新券": ("科技创新券", "创新券"), "服务券": ("中小企业服务券", "服务券"),
           "模型券": ("模型券", "大模型券", "模型劵"), "语料券": ("语料券", "語料券")}


def test_corpus_size_and_mix():
    docs = documents(CORPUS)
    assert len(docs) >= 30
    html = [d for d in docs if d.suffix == ".html"]
    texts = [d for d in docs if d.suffix == ".txt"]
    assert len(html) >= 14 and len(texts) >= 14
    assert sum(len(document_text(d)) >= 5000 for d in texts) >= 8, "long plain texts"
    assert sum(declared_charset(d.read_bytes()).lower() in GBK for d in html) >= 2
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}
    specs = [expectation(d) for d in docs]
    assert {s["stage"] for s in specs} == {"draft", "final", "application", "news"}
    assert any(s.get("repealed") for s in specs)
    assert any(not s["measures"] for s in specs), "a document with no measure at all"
    regions = {m["region"] for s in specs for m in s["measures"]}
    assert any(r.count("/") == 0 and r != "全国" for r in regions), "a province"
    assert any(r.endswith("县") for r in regions), "a county"
    assert any(r.endswith(("开发区", "实验区")) for r in regions), "a zone"
    assert sum("trad" in d.name for d in docs) >= 1


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_expectation_well_formed(doc: Path):
    spec = expectation(doc)
    check_expectation(spec)
    text = document_text(doc)
    if "trad" in doc.name:
        import opencc
        text = opencc.OpenCC("t2s").convert(text)
    for m in spec["measures"]:
        names = ALIASES.get(m["voucher"], (m["voucher"],))
        assert any(n in text for n in names), f"{m['voucher']} is named in {doc.name}"
    if spec["doc_number"]:
        assert spec["doc_number"] in text
    if spec["issuer"]:
        assert spec["issuer"] in text, "an issuer is named as the page writes it"
    if doc.suffix == ".html":
        assert 12_000 <= doc.stat().st_size <= 30_000, doc.stat().st_size
    else:
        assert 2_000 <= len(text) <= 8_000, len(text)
