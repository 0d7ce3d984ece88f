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

import re
from pathlib import Path

import pytest
from corpus_format import check_expectation, documents, expectation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "heldout11"


def test_corpus_size_and_mix():
    docs = documents(CORPUS)
    assert len(docs) >= 30
    assert sum(d.suffix == ".html" for d in docs) >= 16
    assert sum(d.suffix == ".txt" for d in docs) >= 14
    # every document has its expectation and every expectation its document
    assert {d.stem for d in docs} == {j.stem for j in CORPUS.glob("*.json")}


@pytest.mark.parametrize("doc", documents(CORPUS), ids=lambda p: p.name)
def test_expectation_well_formed(doc: Path):
    check_expectation(expectation(doc))


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if d.suffix == ".html"], ids=lambda p: p.name)
def test_html_pages_are_whole_pages(doc: Path):
    raw = doc.read_bytes()
    assert 12 * 1024 <= len(raw) <= 30 * 1024, len(raw)
    head = raw[:600].decode("ascii", "replace").lower()
    m = re.search(r"charset=\"?([\w-]+)", head)
    assert m, "a page declares its charset in <meta>"
    text = raw.decode(m.group(1))
    assert "</html>" in text and "ICP" in text, "a whole page, footer included"
    assert "今天是" in text or "上一篇" in text or "相关" in text, "page furniture around the article"


@pytest.mark.parametrize("doc", [d for d in documents(CORPUS) if d.suffix == ".txt"], ids=lambda p: p.name)
def test_plain_texts_are_long(doc: Path):
    text = doc.read_text(encoding="utf-8")
    assert 2000 <= len(text) <= 8000, len(text)
