"""Held-out corpus #12 (tests/heldout12/): whole pages and long texts from Central and South China.

Whole HTML pages (12–30 KB) as portals serve them — TRS pages with 信息公开 tables, Hanweb pages with datastore
sidebars, a gov.cn-style page with lower-case metas, old county pages in GBK declared only by <meta>, a news site,
a Hong Kong report in Traditional characters, and two WeChat 公众号 articles (a government body's and a newspaper's) —
with their furniture (menus, breadcrumbs, 【字体：大 中 小】, 打印/关闭, related links and 上一篇/下一篇 naming other
vouchers, ICP footers, counters, a header clock 今天是…); and long plain texts (若干措施 with chapters where the
voucher is one article among many subsidies, 申报指南, 政策解读 Q&A, a press conference, a news roundup of several
cities, an amendment, a repeal, a draft, a national notice that only encourages local vouchers) from 湖南, 江西, 广西,
海南, 河南, 湖北 and 安徽, their counties, county-level cities, districts and zones. Each NAME.txt/.html sits beside
NAME.json with the facts SPEC "Facts" and its reading rules expect.

This file checks the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus_format import VOUCHERS, check_expectation, declared_charset, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout12"
CENTRAL_SOUTH = ("湖南省", "江西省", "广西壮族自治区", "海南省", "河南省", "湖北省", "安徽省")


def test_corpus_size_and_mix():
    docs = documents(CORPUS)
    assert len(docs) >= 30
    html = [d for d in docs if d.suffix == ".html"]
    assert len(html) >= 16
    assert sum(d.suffix == ".txt" for d in docs) >= 14
    assert sum("wechat" in d.name for d in html) >= 2
    assert sum(declared_charset(d.read_bytes()).lower() in ("gbk", "gb2312", "gb18030") for d in html) >= 2
    # every document has its expectation and every expectation its document
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}
    # the regions this corpus is for
    regions = {m["region"].split("/")[0] for d in docs for m in expectation(d)["measures"]}
    assert set(CENTRAL_SOUTH) <= regions
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
    if "wechat" in doc.name:
        assert 'id="js_content"' in text and "var ct" in text
    else:
        assert "ICP" in text, "a whole page, footer included"
        assert "上一篇" in text and ("今天是" in text or "星期" in text), "page furniture around the article"


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if d.suffix == ".txt"], ids=lambda p: p.name)
def test_plain_texts_are_long(doc: Path):
    text = doc.read_text(encoding="utf-8")
    assert 2000 <= len(text) <= 8000, len(text)
