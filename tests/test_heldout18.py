"""Held-out corpus #18 (tests/heldout18/): whole pages and long texts as the daemon reads them, from places across China.

Seventeen whole pages (12–30 KB): TRS pages with ArticleTitle/PubDate/ContentSource metas, Hanweb pages, gov.cn/gkmlpt
pages with firstpublishedtime, info tables (索引号/发文机关/成文日期/发布日期/文号), menus, breadcrumbs, 【字体：大 中 小】,
打印/关闭, related links and 上一篇/下一篇 naming other vouchers and amounts, ICP and 网站标识码 footers, visitor counters,
a header clock 今天是…, attachment links; three in GBK/GB2312 declared only by <meta>; a Traditional-character news page.
Among them: a 申领 notice whose tiers sit in an HTML table, news roundups of eight places in sentences and of eight in a table, a 公示 of companies granted
vouchers, a WeChat consultancy article, a national body encouraging vouchers, a city naming its province's voucher and
its districts' top-ups, a repeal, an amendment, a draft, a news page naming vouchers only in passing.

Eighteen plain texts of 2 000–8 000 characters: a 若干措施 with seven chapters and 27 articles, a 申报指南, a 政策解读
Q&A, a press-conference transcript, a roundup of ten cities in sections, an amendment of clauses, a repeal decision,
a draft, a national 指导意见 that only encourages, a province issuing its own voucher, a consultancy list of seven,
a Taiwan outlet in Traditional characters with full-width digits, a news story with passing mentions, a region naming
its cities' vouchers, Token券/云服务券 in Chinese numerals, 0.8亿元 and …17:00止, 4折 and 仅需支付45%, a 受理通知 of 智能券 with a yearly pool beside an increase and a batch, due 10月10日17:30前.

Each NAME.txt/.html sits beside NAME.json with the facts SPEC expects. Scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus_format import check_expectation, declared_charset, document_text, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout18"
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
    assert sum(len(s["measures"]) >= 6 for s in specs) >= 4, "roundups of many places"
    assert sum(len(s["measures"]) for s in specs) >= 60
    provinces = {m["region"].split("/")[0] for s in specs for m in s["measures"]}
    assert len(provinces) >= 18, provinces


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_expectation_well_formed(doc):
    spec = expectation(doc)
    check_expectation(spec)
    text = document_text(doc)
    if spec["doc_number"]:
        assert spec["doc_number"] in text, "a document number is written as the page writes it"


@pytest.mark.parametrize("doc", [d for d in DOCS if d.suffix == ".html"], ids=lambda d: d.name)
def test_page_is_whole(doc):
    raw = doc.read_bytes()
    assert 12 * 1024 <= len(raw) <= 30 * 1024, len(raw)
    text = document_text(doc)
    assert ("ICP" in text or "微信公众平台" in text) and "<html" in text.lower()
    assert "<meta" in text.lower()


@pytest.mark.parametrize("doc", [d for d in DOCS if d.suffix == ".txt"], ids=lambda d: d.name)
def test_text_is_long(doc):
    assert 2000 <= len(document_text(doc)) <= 8000


def test_traditional_and_fullwidth_present():
    trad = [d for d in DOCS if "萬" in document_text(d) or "數據" in document_text(d)]
    assert len(trad) >= 2
    assert any(any(c in document_text(d) for c in "０１２３４５６７８９") for d in trad)
