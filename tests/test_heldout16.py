"""Held-out corpus #16 (tests/heldout16/): what the daemon really reads from the places that issue most vouchers —
江苏 and 浙江 county-level cities (昆山, 江阴, 张家港, 常熟, 太仓, 宜兴, 义乌, 慈溪, 余姚, 海宁, 乐清), districts of 北京, 上海,
广州, 深圳, 杭州, 成都 and 武汉, and zones (北京经济技术开发区, 苏州工业园区, 重庆两江新区), plus a province naming its cities.

Sixteen whole pages (12–30 KB) as portals and news sites serve them — TRS pages with ArticleTitle/PubDate/ContentSource
metas, Hanweb pages, a gkmlpt page, info tables (索引号/发文机关/成文日期/发布日期/文号), a site header naming the body,
menus, breadcrumbs, 【字体：大 中 小】, 打印/关闭, related links and 上一篇/下一篇 naming other vouchers and amounts, ICP and
网站标识码 footers, visitor counters, a header clock 今天是…, attachment links; four in GBK/GB2312 declared only by <meta>;
one Hong Kong outlet in Traditional characters. Among them: a 申领 notice whose tiers sit in an HTML table, a 公示 of
companies granted vouchers, a news roundup of three county-level cities, a 政策解读 page with 问：/答：, a 补充通知 that
changes ratio and cap, a draft for comment, an application round for two vouchers with a yearly pool and a batch, a cap
per year and per project, and deadlines written 即日起至…17:00止 and …17:30前.

Sixteen plain texts of 2 000–8 000 characters: a 若干措施 with chapters and 30 articles, a 申报指南, a 政策解读 Q&A, a
press-conference transcript, a 新华社 roundup, a 人民日报 本报讯, a 中新网 report, an amendment, a repeal, a draft,
a district top-up of its city's voucher, a province notice with two cities' own vouchers, three vouchers in one
sentence (分别按…), a tier table by spend, a national notice that only encourages vouchers, and a zone's 云服务券/算法券/
中小企业服务券.

Each NAME.txt/.html sits beside NAME.json with the facts SPEC "Facts" and its reading rules expect. This file checks
the corpus is well formed; its scores are checked in tests/test_corpora.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus_format import check_expectation, declared_charset, document_text, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout16"
GBK = ("gbk", "gb2312", "gb18030")
COUNTY_CITIES = ("昆山市", "江阴市", "张家港市", "常熟市", "太仓市", "宜兴市", "义乌市", "慈溪市", "余姚市", "海宁市", "乐清市")
ALIASES = {"数据券": ("数据要素券", "數據券", "数据券"), "词元券": ("Token券", "词元券"), "创新券": ("科技创新券", "创新券"),
           "服务券": ("中小企业服务券", "服务券"), "模型券": ("模型券", "大模型券"), "语料券": ("语料券", "語料券")}


def test_corpus_size_and_mix():
    docs = documents(CORPUS)
    assert len(docs) >= 30
    html = [d for d in docs if d.suffix == ".html"]
    texts = [d for d in docs if d.suffix == ".txt"]
    assert len(html) >= 14 and len(texts) >= 14
    assert sum(declared_charset(d.read_bytes()).lower() in GBK for d in html) >= 2
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}
    specs = [expectation(d) for d in docs]
    assert {s["stage"] for s in specs} == {"draft", "final", "application", "news"}
    assert any(s.get("repealed") for s in specs)
    assert any(not s["measures"] for s in specs), "a document with no measure at all"
    places = {p for s in specs for m in s["measures"] for p in m["region"].split("/")}
    assert len(places & set(COUNTY_CITIES)) >= 9
    assert {"北京市", "上海市", "重庆市", "广州市", "深圳市", "杭州市", "成都市", "武汉市"} <= places
    assert {"北京经济技术开发区", "苏州工业园区", "两江新区"} <= places
    assert sum("trad" in d.name for d in docs) >= 1


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_expectation_well_formed(doc: Path):
    spec = expectation(doc)
    check_expectation(spec)
    text = document_text(doc)
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
