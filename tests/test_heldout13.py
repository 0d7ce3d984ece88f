"""Held-out corpus #13 (tests/heldout13/): whole pages and long texts from the four municipalities, East China,
Shanxi and Hebei.

Whole HTML pages (12–30 KB) as portals serve them — TRS pages with 信息公开 tables (索引号/发文机关/成文日期/发布日期/
文号), Hanweb and gov-style pages, three pages in GBK declared only by <meta>, a page whose terms sit in an HTML table,
a page whose body points to a PDF attachment list, a 政策问答 page, a provincial news site and a Traditional-character
Hong Kong outlet — with their furniture (menus, breadcrumbs, 【字体：大 中 小】, 打印/关闭, related links and
上一篇/下一篇 naming other vouchers, ICP footers, counters, a header clock 今天是…); and long plain texts (若干措施 with
chapters and 20+ articles where the voucher is one article among many subsidies, 申报指南, 政策解读 Q&A, a press
conference, a news roundup of several cities, an amendment, a repeal, a draft, a national notice that only encourages
local vouchers). Each NAME.txt/.html sits beside NAME.json with the facts SPEC "Facts" and its reading rules expect.

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus_format import VOUCHERS, check_expectation, declared_charset, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout13"
REGIONS13 = ("北京市", "上海市", "天津市", "重庆市", "江苏省", "浙江省", "山东省", "福建省", "山西省", "河北省")


def test_corpus_size_and_mix():
    docs = documents(CORPUS)
    assert len(docs) >= 30
    html = [d for d in docs if d.suffix == ".html"]
    assert len(html) >= 14
    assert sum(d.suffix == ".txt" for d in docs) >= 14
    assert sum(declared_charset(d.read_bytes()).lower() in ("gbk", "gb2312", "gb18030") for d in html) >= 2
    # every document has its expectation and every expectation its document
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}
    # the regions this corpus is for
    regions = {m["region"].split("/")[0] for d in docs for m in expectation(d)["measures"]}
    assert set(REGIONS13) <= regions
    stages = {expectation(d)["stage"] for d in docs}
    assert stages == {"draft", "final", "application", "news"}
    assert any(expectation(d).get("repealed") for d in docs)
    assert any(not expectation(d)["measures"] for d in docs), "a document with no measure at all"
    vouchers = {m["voucher"] for d in docs for m in expectation(d)["measures"]}
    assert vouchers == VOUCHERS


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_expectation_well_formed(doc: Path):
    check_expectation(expectation(doc))


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_document_names_what_it_expects(doc: Path):
    """The issuer, the doc number and every voucher expected are written in the document (Simplified or not)."""
    raw = doc.read_bytes()
    text = raw.decode(declared_charset(raw) if doc.suffix == ".html" else "utf-8")
    spec = expectation(doc)
    if spec["doc_number"]:
        assert spec["doc_number"] in text
    if spec["issuer"] and "香港" not in spec["issuer"]:
        assert spec["issuer"] in text
    aliases = {"词元券": ("词元券", "Token券"), "数据券": ("数据券", "数据要素券"), "创新券": ("创新券",),
               "服务券": ("服务券",), "模型券": ("模型券", "模型劵")}
    for m in spec["measures"]:
        if "香港" in (spec["issuer"] or ""):
            continue
        assert any(a in text for a in aliases.get(m["voucher"], (m["voucher"],))), m["voucher"]


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if d.suffix == ".html"], ids=lambda p: p.name)
def test_html_pages_are_whole_pages(doc: Path):
    raw = doc.read_bytes()
    assert 12 * 1024 <= len(raw) <= 30 * 1024, len(raw)
    text = raw.decode(declared_charset(raw))
    assert "</html>" in text
    if "trad" in doc.name:
        assert "上一篇" in text
    else:
        assert "ICP" in text, "a whole page, footer included"
        assert "上一篇" in text and ("今天是" in text or "星期" in text), "page furniture around the article"


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if d.suffix == ".txt"], ids=lambda p: p.name)
def test_plain_texts_are_long(doc: Path):
    text = doc.read_text(encoding="utf-8")
    assert 2000 <= len(text) <= 8000, len(text)


def test_page_kinds_the_brief_asks_for():
    html = {d.name: d.read_bytes().decode(declared_charset(d.read_bytes())) for d in documents(CORPUS) if d.suffix == ".html"}
    assert any(re.search(r'<a href="[^"]+\.pdf">', t) for t in html.values()), "a page with a PDF attachment list"
    assert any(re.search(r"<td><p>[^<]*券</p></td>", t) and expectation(CORPUS / n)["stage"] == "application"
               for n, t in html.items()), "an application notice whose terms sit in an HTML table"
    assert any("政策问答" in t and "问" in t for t in html.values()), "a 政策问答 page"
    assert any("徐匯" in t or "補貼" in t for t in html.values()), "a page in Traditional characters"
    assert any("索引号" in t and "成文日期" in t and "发布日期" in t for t in html.values()), "an info table"
