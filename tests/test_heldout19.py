"""Held-out corpus #19 (tests/heldout19/): whole pages and long texts as the daemon reads them.

Whole pages (12–30 KB) in TRS, Hanweb, gkmlpt and gov.cn shapes with info tables (索引号/发文机关/成文日期/发布日期/
文号), menus, breadcrumbs, 【字体：大 中 小】, 打印/关闭, related links and 上一篇/下一篇 naming other vouchers, ICP and
网站标识码 footers, visitor counters, header clocks, attachments; some in GBK/GB2312 declared only by <meta>; a
Traditional-character news page; a 申领 notice with its tiers in an HTML table; news roundups of six cities (prose) and
of eight cities (a GBK table); a 公示 of companies; a WeChat article; a repeal; an amendment; a draft; a national body that only encourages.

Long plain texts (2 000–8 000 characters): a 若干措施 with chapters and 20+ articles, a 申报指南, a 政策解读 Q&A, a
press-conference transcript, roundups, an amendment, a repeal, a draft, and more.

Each NAME.txt/.html sits beside NAME.json with the facts SPEC expects. Scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus_format import check_expectation, declared_charset, document_text, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout19"
GBK = ("gbk", "gb2312", "gb18030")
DOCS = documents(CORPUS)


def test_corpus_size_and_mix():
    assert len(DOCS) >= 30
    html = [d for d in DOCS if d.suffix == ".html"]
    texts = [d for d in DOCS if d.suffix == ".txt"]
    assert len(html) >= 14 and len(texts) >= 14
    assert sum(declared_charset(d.read_bytes()).lower() in GBK for d in html) >= 2
    assert {d.stem for d in DOCS} == {j.stem for j in CORPUS.glob("*.json")}
    specs = [expectation(d) for d in DOCS]
    assert {s["stage"] for s in specs} == {"draft", "final", "application", "news"}
    assert any(s.get("repealed") for s in specs)
    assert sum(not s["measures"] for s in specs) >= 2, "documents with no measure at all"
    assert sum(len(s["measures"]) >= 6 for s in specs) >= 3, "roundups of many places"
    assert sum(len(s["measures"]) for s in specs) >= 55
    provinces = {m["region"].split("/")[0] for s in specs for m in s["measures"]}
    assert len(provinces) >= 18, provinces


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_expectation_well_formed(doc):
    check_expectation(expectation(doc))


@pytest.mark.parametrize("doc", [d for d in DOCS if d.suffix == ".html"], ids=lambda d: d.name)
def test_pages_are_whole_pages(doc):
    raw = doc.read_bytes()
    assert 12 * 1024 <= len(raw) <= 30 * 1024, len(raw)
    text = document_text(doc)
    assert "<html" in text.lower() and "</html>" in text.lower()
    assert "上一篇" in text
    if expectation(doc)["_input"]["authority"] == "official":
        assert "ICP" in text and "网站标识码" in text


@pytest.mark.parametrize("doc", [d for d in DOCS if d.suffix == ".txt"], ids=lambda d: d.name)
def test_texts_are_long(doc):
    assert 2000 <= len(document_text(doc)) <= 8000


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_measure_vouchers_appear_in_the_document(doc):
    """Every expected voucher is named in the document (or by an alias SPEC folds in); numbers are not checked here."""
    import opencc
    text = opencc.OpenCC("t2s").convert(document_text(doc))
    aliases = {"数据券": ("数据券", "数据要素券"), "模型券": ("模型券", "大模型券"), "词元券": ("词元券", "Token券", "token券"),
               "服务券": ("服务券",), "创新券": ("创新券",)}
    for m in expectation(doc)["measures"]:
        assert any(a in text for a in aliases.get(m["voucher"], (m["voucher"],))), m["voucher"]
