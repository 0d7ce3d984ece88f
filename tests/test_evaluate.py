"""The scorer (`python -m monitor.evaluate`) counts a bug the extractor swallowed as an error, not as a quiet drop."""
from __future__ import annotations

import logging

from monitor import evaluate as ev


def _corpus(tmp_path):
    (tmp_path / "a.html").write_text("<html><head><title>武汉市算力券</title></head><body><div id='zoom'>"
                                     "<p>武汉市每年发放1亿元算力券。</p></div></body></html>", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"_input": {"region": "湖北省/武汉市"}, "measures": ['
                                     '{"voucher": "算力券", "region": "湖北省/武汉市", "budget_yuan": 100000000}]}',
                                     encoding="utf-8")


def test_a_clean_corpus_has_no_errors(tmp_path):
    _corpus(tmp_path)
    rep = ev.evaluate(tmp_path)
    assert rep.errors == [] and rep.tp == 1


def test_a_swallowed_extractor_error_is_an_error(tmp_path, monkeypatch):
    _corpus(tmp_path)
    from monitor.extract import page

    def broken(*a, **k):
        raise NameError("name '_X' is not defined")

    monkeypatch.setattr(page, "_parse", broken)      # parse_page logs the bug and reads the page as empty
    rep = ev.evaluate(tmp_path)
    assert len(rep.errors) == 1
    assert "NameError" in rep.errors[0] and "a.html" in rep.errors[0]
    assert rep.fn == 1                               # the document is still scored with what came out
    assert logging.getLogger("monitor.extract").handlers == []   # the collector is removed again


def test_a_document_number_line_above_the_title_is_not_the_title():
    from monitor.extract import extract_text
    f = extract_text("柳政办发〔2026〕12号\n柳州市人民政府办公室关于印发柳州市算力券实施办法的通知\n各县区：\n现印发给你们。",
                     region="广西壮族自治区/柳州市")
    assert f.title == "柳州市人民政府办公室关于印发柳州市算力券实施办法的通知"
    assert f.doc_number == "柳政办发〔2026〕12号"


def test_a_document_title_wins_over_a_column_heading_above_it():
    from monitor.extract import extract_text
    f = extract_text("松原市科学技术局 通知公告\n发布时间：2026-06-18 10:05　来源：本站\n\n"
                     "松原市科学技术局关于组织申报2026年度模型券的通知\n松科发〔2026〕11号\n各有关单位：\n"
                     "现组织申报2026年度模型券，申报截止时间为2026年7月31日。", region="吉林省/松原市")
    assert f.title == "松原市科学技术局关于组织申报2026年度模型券的通知"
    assert f.stage == "application"
