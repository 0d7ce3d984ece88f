"""Held-out corpus #14 (tests/heldout14/): whole portal pages and long texts from 广东, 四川, 湖北, 陕西, 辽宁, 江苏,
云南, 新疆, 宁夏 and 贵州 — cities, districts, county-level cities, an autonomous prefecture and a zone.

Fifteen HTML pages (12–30 KB) as portals serve them — TRS pages with PubDate/ContentSource metas, Hanweb and
信息公开 pages with info tables (索引号/发文机关/成文日期/发布日期/文号), four pages in GBK declared only by <meta>, a
申领 notice whose terms sit in an HTML table, a 公示 of companies granted vouchers, a provincial news roundup, a
Traditional-character outlet, a 征求意见 page, a 政策解读 page — each with its furniture (menus, breadcrumbs,
【字体：大 中 小】, 打印/关闭, related links and 上一篇/下一篇 naming other vouchers, ICP and 网站标识码 footers,
counters, a header clock 今天是…, attachment links). Fifteen plain texts of 2 000–8 000 characters: 若干措施 with
chapters and 20+ articles, a 申报指南, a 政策问答, a press-conference transcript, a news roundup of several cities, an
amendment, a repeal, a draft, a national notice that only encourages local vouchers, a 申领 notice of a county-level
city. Each NAME.txt/.html sits beside NAME.json with the facts SPEC "Facts" and its reading rules expect.

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from corpus_format import VOUCHERS, check_expectation, declared_charset, document_text, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout14"
PROVINCES14 = ("广东省", "四川省", "湖北省", "陕西省", "辽宁省", "江苏省", "云南省", "新疆维吾尔自治区", "宁夏回族自治区",
               "贵州省")
ALIASES = {"词元券": ("词元券", "Token券"), "数据券": ("数据券", "数据要素券"), "创新券": ("创新券",)}


def test_corpus_size_and_mix():
    docs = documents(CORPUS)
    assert len(docs) >= 30
    html = [d for d in docs if d.suffix == ".html"]
    texts = [d for d in docs if d.suffix == ".txt"]
    assert len(html) >= 14 and len(texts) >= 14
    assert sum(declared_charset(d.read_bytes()).lower() in ("gbk", "gb2312", "gb18030") for d in html) >= 2
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}
    regions = {m["region"].split("/")[0] for d in docs for m in expectation(d)["measures"]}
    assert set(PROVINCES14) <= regions
    assert {expectation(d)["stage"] for d in docs} == {"draft", "final", "application", "news"}
    assert any(expectation(d).get("repealed") for d in docs)
    assert any(not expectation(d)["measures"] for d in docs), "a document with no measure at all"
    assert {m["voucher"] for d in docs for m in expectation(d)["measures"]} == VOUCHERS
    # districts, county-level cities and zones, not only cities
    assert any(len(m["region"].split("/")) == 3 for d in docs for m in expectation(d)["measures"])


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_expectation_well_formed(doc: Path):
    check_expectation(expectation(doc))


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_document_names_what_it_expects(doc: Path):
    """Doc number, issuer and every voucher expected are written in the document (full-width digits folded)."""
    text = unicodedata.normalize("NFKC", document_text(doc))
    spec = expectation(doc)
    if spec["doc_number"]:
        assert spec["doc_number"] in text
    trad = "trad" in doc.name
    if spec["issuer"]:
        assert spec["issuer"] in text
    for m in spec["measures"]:
        if not trad:
            assert any(a in text for a in ALIASES.get(m["voucher"], (m["voucher"],))), m["voucher"]
        if m["deadline"]:
            assert m["deadline"] >= spec["published"]


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if d.suffix == ".txt"], ids=lambda p: p.name)
def test_long_texts_are_long(doc: Path):
    n = len(document_text(doc))
    assert 2000 <= n <= 8000, n


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if d.suffix == ".html"], ids=lambda p: p.name)
def test_html_pages_are_whole_pages(doc: Path):
    raw = doc.read_bytes()
    assert 12 * 1024 <= len(raw) <= 30 * 1024, len(raw)
    text = raw.decode(declared_charset(raw))
    assert text.rstrip().endswith("</html>")
    assert "上一篇" in text and "【字体：" in text
    if "trad" not in doc.name:
        assert "ICP" in text, "a whole page, footer included"
    assert re.search(r"今天是", text) or "news" in doc.name
