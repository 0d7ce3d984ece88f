"""Render tables: human units, Chinese words, escaping, grouping, and byte limits that never cut a link."""
import html as htmllib
import re

import pytest
from hypothesis import given, settings, strategies as st

from monitor.models import Change
from monitor.render import (KIND_WORDS, Message, _cut_bytes, cn_date, describe, human_value, percent,
                            region_display, render, yuan)

FORMATS = ("markdown", "text", "html")


@pytest.mark.parametrize("field, value, shown", [
    ("cap_yuan", 5000000, "500万元"),
    ("budget_yuan", 100000000, "1亿元"),
    ("budget_yuan", 250000000, "2.5亿元"),
    ("budget_yuan", 1_000_000_000, "10亿元"),
    ("cap_yuan", 2000000, "200万元"),
    ("cap_yuan", 15000, "1.5万元"),
    ("cap_yuan", 8000, "8000元"),
    ("cap_yuan", 123456789, "12345.6789万元"),
    ("ratio", 0.3, "30%"),
    ("ratio", 0.125, "12.5%"),
    ("ratio", 0.6, "60%"),
    ("ratio", 1, "100%"),
    ("deadline", "2025-07-15", "2025年7月15日"),
    ("deadline", "2026-01-05", "2026年1月5日"),
    ("deadline", None, "—"),
    ("cap_yuan", None, "—"),
    ("stage", "draft", "征求意见稿"),
])
def test_human_values(field, value, shown):
    assert human_value(field, value) == shown


def test_unit_helpers():
    assert yuan(300000000) == "3亿元" and percent(0.55) == "55%" and cn_date("2025-10-10") == "2025年10月10日"
    assert region_display("广东省/深圳市") == "广东省深圳市" and region_display("全国") == "全国"


AMENDED = Change(kind="amended", region="广东省/深圳市", voucher="训力券", field="cap_yuan", old=5000000,
                 new=10000000, url="https://gxj.sz.gov.cn/tzgg/t20250324_1.html", title="深圳市关于调整训力券的通知",
                 issuer="深圳市工业和信息化局", published="2025-03-24", source="sz")
NEW = Change(kind="new_policy", region="江苏省/苏州市/苏州工业园区", voucher="算力券", url="https://sipac.gov.cn/a/1.html",
             title="苏州工业园区算力券实施细则", issuer="苏州工业园区管委会", published="2025-07-01",
             policy="苏州工业园区算力券实施细则",
             terms={"budget_yuan": 250000000, "ratio": 0.3, "cap_yuan": 2000000, "deadline": "2025-07-15"})


@pytest.mark.parametrize("fmt", FORMATS)
def test_amended_says_what_where_old_new_title_issuer_date_link(fmt):
    m = render([AMENDED], fmt)
    assert isinstance(m, Message)
    assert m.title == "【训力券】广东省深圳市 条款变更"
    text = htmllib.unescape(m.body) if fmt == "html" else m.body
    for s in ("条款变更", "训力券", "单个主体上限", "500万元", "1000万元", "深圳市关于调整训力券的通知",
              "深圳市工业和信息化局", "2025年3月24日", AMENDED.url):
        assert s in text, (fmt, s, text)
    assert "5000000" not in text and "未经官方确认" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_new_policy_lists_its_terms(fmt):
    body = render([NEW], fmt).body
    for s in ("新政策", "资金总额", "2.5亿元", "补贴比例", "30%", "单个主体上限", "200万元", "申报截止", "2025年7月15日"):
        assert s in body


@pytest.mark.parametrize("kind, extra", [
    ("new_policy", {}), ("amended", {"field": "ratio", "old": 0.3, "new": 0.5}),
    ("finalized", {"field": "stage", "old": "draft", "new": "final"}),
    ("application_open", {"field": "deadline", "new": "2025-07-15"}),
    ("deadline_soon", {"field": "deadline", "new": "2025-07-15", "detected_at": "2025-07-10T09:00:00+08:00"}),
    ("withdrawn", {}), ("source_failing", {"source": "sz", "new": "连续5次失败：timeout"}),
    ("source_recovered", {"source": "sz"}),
])
def test_every_kind_in_chinese_words(kind, extra):
    c = Change(kind=kind, region="广东省/深圳市" if "source" not in kind else None,
               voucher="算力券" if "source" not in kind else None, url="https://x.gov.cn/1", **extra)
    for fmt in FORMATS:
        m = render([c], fmt)
        assert KIND_WORDS[kind] in m.title
        assert KIND_WORDS[kind] in m.body
        assert kind not in m.body          # no English kind names leak into the message
    assert KIND_WORDS[kind] in describe(c)


def test_specific_phrases():
    assert "补贴比例：30% → 50%" in render([Change(kind="amended", region="全国", voucher="数据券", field="ratio",
                                                       old=0.3, new=0.5)], "text").body
    soon = render([Change(kind="deadline_soon", region="上海市", voucher="模型券", field="deadline",
                          new="2025-07-15", detected_at="2025-07-10T09:00:00+08:00")], "text").body
    assert "2025年7月15日" in soon and "还剩5天" in soon
    fin = render([Change(kind="finalized", region="上海市", voucher="模型券", field="stage", old="draft",
                         new="final")], "text").body
    assert "征求意见稿 → 正式文件" in fin


@pytest.mark.parametrize("fmt", FORMATS)
def test_unconfirmed_news_is_marked(fmt):
    c = Change(kind="amended", region="广东省/深圳市", voucher="算力券", field="cap_yuan", old=1, new=2,
               confirmed=False, url="https://news.example/1")
    m = render([c], fmt)
    assert "（未经官方确认）" in m.body
    assert "未经官方确认" in m.title
    assert "未经官方确认" in describe(c)


def test_html_escapes_titles_and_urls():
    c = Change(kind="amended", region="广东省/深圳市", voucher="算力券", field="cap_yuan", old=1, new=2,
               title='关于<script>alert("x")</script>的通知 & 附件', issuer="<b>局</b>",
               url='https://x.gov.cn/a?b=1&c="2"')
    body = render([c], "html").body
    assert "<script>" not in body and "<b>局" not in body
    assert "&lt;script&gt;" in body and "&amp; 附件" in body
    assert 'href="https://x.gov.cn/a?b=1&amp;c=&quot;2&quot;"' in body
    # markdown/text keep the title readable
    assert '关于<script>alert("x")</script>的通知' in render([c], "text").body


def _changes(n, regions=("广东省/深圳市", "江苏省/苏州市", "浙江省/杭州市/滨江区")):
    out = []
    for i in range(n):
        out.append(Change(kind="amended", region=regions[i % len(regions)], voucher="算力券", field="cap_yuan",
                          old=1000000 * (i + 1), new=2000000 * (i + 1),
                          title="关于进一步做好人工智能算力券申领工作的补充通知" * 3 + f"第{i}号",
                          issuer="某某市工业和信息化局", published="2025-03-14",
                          url=f"https://www.example.gov.cn/zwgk/tzgg/2025/03/t20250314_{i:04d}.html?from=list&id={i}"))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_grouped_by_region_each_heading_once(fmt):
    m = render(_changes(6), fmt)
    assert m.title == "monitor：6条政策变更"
    for r in ("广东省深圳市", "江苏省苏州市", "浙江省杭州市滨江区"):
        assert m.body.count(r) == 1, (fmt, r)
    pos = [m.body.index(f"t20250314_{i:04d}") for i in (0, 3, 1, 4, 2, 5)]
    assert pos == sorted(pos)              # grouped: 0,3 (深圳) then 1,4 (苏州) then 2,5 (杭州)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("limit", [700, 1500, 2048, 4000])
def test_byte_limit_drops_whole_changes_and_keeps_links(fmt, limit):
    changes = _changes(20)
    m = render(changes, fmt, limit=limit, footer="— monitor 提醒编号 abc123")
    size = len(m.body.encode("utf-8"))
    assert size <= limit
    kept = [c for c in changes if htmllib.escape(c.url) in m.body or c.url in m.body]
    assert kept, "at least one change is kept"
    # no partial URL anywhere: every URL-looking token in the body is one of the full URLs
    urls = {c.url for c in changes} | {htmllib.escape(c.url) for c in changes}
    for u in re.findall(r"https://[^\s)\"<]+", m.body):
        assert u in urls, u
    dropped = len(changes) - len(kept)
    assert dropped > 0 and f"另有{dropped}条变更" in m.body
    assert "提醒编号 abc123" in m.body


def test_no_limit_or_big_limit_keeps_everything():
    changes = _changes(5)
    full = render(changes, "markdown")
    assert render(changes, "markdown", limit=len(full.body.encode()) + 1).body == full.body
    assert "另有" not in full.body


@pytest.mark.parametrize("fmt", FORMATS)
def test_single_huge_change_is_shortened_but_keeps_its_link(fmt):
    c = _changes(1)[0]
    c = Change(**{**c.to_json(), "title": "很长的标题" * 400, "policy": "政策" * 300})
    m = render([c], fmt, limit=600)
    assert len(m.body.encode()) <= 600
    assert (htmllib.escape(c.url) if fmt == "html" else c.url) in m.body
    assert "单个主体上限" in m.body         # the change itself survives the shortening


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200), st.integers(0, 400))
def test_cut_bytes_never_splits_a_character(s, limit):
    out = _cut_bytes(s, limit)
    b = out.encode("utf-8")
    assert len(b) <= max(limit, 0) or out == s
    if len(s.encode()) <= limit:
        assert out == s
    else:
        assert s.startswith(out.rstrip("…")) or out == ""


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(300, 6000), st.sampled_from(FORMATS))
def test_any_limit_keeps_links_whole(n, limit, fmt):
    changes = _changes(n)
    m = render(changes, fmt, limit=limit)
    assert len(m.body.encode()) <= limit
    urls = {c.url for c in changes} | {htmllib.escape(c.url) for c in changes}
    for u in re.findall(r"https://[^\s)\"<]+", m.body):
        assert u in urls


def test_titles():
    assert render([NEW], "text").title == "【算力券】江苏省苏州市苏州工业园区 新政策"
    assert render(_changes(3), "text").title == "monitor：3条政策变更"
    two_same = _changes(2, regions=("广东省/深圳市",))
    assert render(two_same, "text").title == "【算力券】广东省深圳市 2条政策变更"
    notice = Change(kind="source_failing", source="sz-gxj", title="深圳市工信局 通知公告", new="连续5次失败")
    assert render([notice], "text").title == "【monitor】信息源异常：深圳市工信局 通知公告"
    with pytest.raises(ValueError):
        render([NEW], "rtf")


def test_describe_one_line():
    line = describe(AMENDED)
    assert "\n" not in line
    assert line.startswith("[条款变更] 广东省深圳市 训力券 单个主体上限：500万元 → 1000万元")
    assert AMENDED.url in line


def test_policy_line_only_when_the_title_does_not_already_name_it():
    in_title = Change(kind="new_policy", region="广东省/东莞市", voucher="算力券", policy="东莞市算力券实施细则",
                      title="关于印发《东莞市算力券实施细则》的通知", url="https://dg.gov.cn/1")
    other = Change(kind="new_policy", region="广东省/东莞市", voucher="算力券", policy="东莞市算力券实施细则",
                   title="2026年度算力券申领通知", url="https://dg.gov.cn/2")
    assert "政策：" not in render([in_title], "text").body
    assert "政策：《东莞市算力券实施细则》" in render([other], "text").body
