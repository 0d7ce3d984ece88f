"""Held-out corpus #15 (tests/heldout15/): whole portal pages and long texts from 河北, 山西, 山东, 河南, 安徽, 江西, 福建,
广西, 海南, 青海, 西藏, 甘肃 and 黑龙江 — cities, districts, counties, county-level cities, a zone and a new area.

Sixteen HTML pages (12–30 KB) as portals serve them — TRS pages with ArticleTitle/PubDate/ContentSource metas,
Hanweb pages, 信息公开 pages whose info table gives 索引号/发文机关/成文日期/发布日期/文号, four pages in GBK declared only by
<meta>, a 第二批 申领 notice whose terms sit in an HTML table, a 公示 of companies granted vouchers, a 延期 补充通知,
a 第三批 round, a province notice with city co-funding (省市按1:1配套), a news roundup, a Hong Kong outlet in
Traditional characters, a 征求意见 page and a 政策解读 page — each with its furniture (menus, breadcrumbs, 【字体：大 中 小】,
打印/关闭, related links and 上一篇/下一篇 naming other vouchers, ICP and 网站标识码 footers, counters, a header clock
今天是…, attachment links). Sixteen plain texts of 2 000–8 000 characters: two 若干措施 with chapters, 20+ articles
and a task-division annex, a 申报指南, a 政策问答, a press-conference transcript, a news roundup of five cities, an
amendment of ratio and cap, a repeal decision listing 18 documents, a draft, next year's notice restating the voucher, a
county-level city's round, a Taiwan outlet in Traditional characters, a second batch, a 补充通知 that only raises the
cap, a provincial plan that only encourages vouchers, and a 词元券 notice with numbers in words (壹仟万元, 百分之四十).

Each NAME.txt/.html sits beside NAME.json with the facts SPEC "Facts" and its reading rules expect. This file checks
the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from corpus_format import VOUCHERS, check_expectation, declared_charset, document_text, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout15"
PROVINCES15 = ("河北省", "山西省", "山东省", "河南省", "安徽省", "江西省", "福建省", "广西壮族自治区", "海南省", "青海省",
               "西藏自治区", "甘肃省", "黑龙江省")
ALIASES = {"词元券": ("词元券", "Token券"), "数据券": ("数据券", "数据要素券"), "创新券": ("创新券",),
           "服务券": ("服务券",), "模型券": ("模型券", "大模型券")}
GBK = ("gbk", "gb2312", "gb18030")


def test_corpus_size_and_mix():
    docs = documents(CORPUS)
    assert len(docs) >= 30
    html = [d for d in docs if d.suffix == ".html"]
    texts = [d for d in docs if d.suffix == ".txt"]
    assert len(html) >= 14 and len(texts) >= 14
    assert sum(declared_charset(d.read_bytes()).lower() in GBK for d in html) >= 2
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}
    specs = [expectation(d) for d in docs]
    regions = {m["region"].split("/")[0] for s in specs for m in s["measures"]}
    assert set(PROVINCES15) <= regions
    assert {s["stage"] for s in specs} == {"draft", "final", "application", "news"}
    assert any(s.get("repealed") for s in specs)
    assert any(not s["measures"] for s in specs), "a document with no measure at all"
    assert {m["voucher"] for s in specs for m in s["measures"]} == VOUCHERS
    assert any(len(m["region"].split("/")) == 3 for s in specs for m in s["measures"])
    assert sum("trad" in d.name for d in docs) >= 2


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_expectation_well_formed(doc: Path):
    spec = expectation(doc)
    check_expectation(spec)
    assert spec["_input"]["region"] == "全国" or spec["_input"]["region"].split("/")[0] in PROVINCES15


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_document_names_what_it_expects(doc: Path):
    """Doc number, issuer and every voucher expected are written in the document (full-width digits folded)."""
    text = unicodedata.normalize("NFKC", document_text(doc))
    spec = expectation(doc)
    if spec["doc_number"]:
        assert unicodedata.normalize("NFKC", spec["doc_number"]) in text
    if spec["issuer"]:
        assert spec["issuer"] in text
    trad = "trad" in doc.name
    for m in spec["measures"]:
        if not trad:
            assert any(a in text for a in ALIASES.get(m["voucher"], (m["voucher"],))), m["voucher"]
        if m["deadline"]:
            assert m["deadline"] >= spec["published"]
    if not trad:
        y, mo, d = spec["published"].split("-")
        assert (spec["published"] in text or f"{y}年{int(mo)}月{int(d)}日" in text
                or f"{y}/{mo}/{d}" in text), "the publication date is written in the document"


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
    assert "上一篇" in text and ("【字体：" in text or "【字體：" in text)
    if "trad" not in doc.name:
        assert "ICP" in text, "a whole page, footer included"
    assert re.search(r"今天是", text) or "news" in doc.name


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if "trad" in d.name], ids=lambda p: p.name)
def test_traditional_documents_are_traditional(doc: Path):
    text = document_text(doc)
    assert any(c in text for c in "補貼發這與術為")
