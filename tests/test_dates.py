"""Dates and application deadlines (monitor.extract.dates)."""
import pytest
from hypothesis import example, given, settings, strategies as st

from monitor.extract.dates import find_dates, find_deadline, parse_date


@pytest.mark.parametrize("text,year,iso", [
    ("2025年3月14日", None, "2025-03-14"), ("3月14日", 2025, "2025-03-14"), ("二〇二五年三月十四日", None, "2025-03-14"),
    ("2025.3.14", None, "2025-03-14"), ("2025-03-14 10:30", None, "2025-03-14"), ("2025/03/14", None, "2025-03-14"),
    ("2025年05月20日 16:24:16来源", None, "2025-05-20"), ("20250314", None, "2025-03-14"),
    ("2025年2月30日", None, None), ("3月14日", None, None), ("", None, None),
])
def test_parse_date(text, year, iso):
    assert parse_date(text, year) == iso


@pytest.mark.parametrize("text,iso", [
    ("申报时间：6月16日至7月15日。", "2025-07-15"),
    ("请于10月10日17:30前提交申报材料。", "2025-10-10"),
    ("申报截止时间为2025年8月31日。", "2025-08-31"),
    ("申领时间：即日起至2025年9月30日。", "2025-09-30"),
    ("网上申报时间为2025年6月1日9:00至6月30日17:00。", "2025-06-30"),
    ("申报材料请于2025年7月31日前报送至市工信局。", "2025-07-31"),
    ("申请时间：2025年3月25日9:00至2025年4月25日17:00。", "2025-04-25"),
    # not deadlines
    ("征求意见截止时间为2025年5月13日。", None),
    ("公众可于2025年7月3日前将意见发送至邮箱。", None),
    ("本细则有效期至2026年12月31日。", None),
    ("合同签订时间为2025年1月1日至2025年6月30日。", None),
    ("各区于9月20日前完成初审并报送市经信局。", None),
    ("截至1月23日，今年共发生57起投融资案件。", None),
    ("园区经发委将于10月31日前完成审核并公示。", None),
])
def test_find_deadline(text, iso):
    assert find_deadline(text, 2025) == iso


def test_find_dates_positions():
    text = "发布日期：2025-06-10，申报时间：6月16日至7月15日"
    ds = find_dates(text, 2025)
    assert [d.iso for d in ds] == ["2025-06-10", "2025-06-16", "2025-07-15"]
    assert [d.has_year for d in ds] == [True, False, False]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_date_parsers_never_raise(s):
    parse_date(s)
    find_dates(s, 2025)
    find_deadline(s, 2025)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789年月日号至前止截申报时间：:-/. 〇一二三四五六七八九十", max_size=60))
def test_deadline_never_raises_on_date_soup(s):
    d = find_deadline(s, 2025)
    assert d is None or len(d) == 10


@pytest.mark.parametrize("text,iso", [
    ("用户可在2024年12月12日至2025年1月11日领取，并在相应时间内兑换使用。", "2025-01-11"),
    ("企业可于6月1日至6月30日期间登录系统申报。", "2025-06-30"),
    ("请于二〇二五年七月十日（含）前提交申领材料。", "2025-07-10"),
    ("合同在2025年1月1日至6月30日签订并支付。", None),
    ("公示期为7月22日至7月28日。", None),
])
def test_find_deadline_more_phrasings(text, iso):
    assert find_deadline(text, 2025) == iso


@pytest.mark.parametrize("text,iso", [
    ("三、受理时间。2025年5月6日至2025年6月6日17:00。", "2025-06-06"),              # a label sentence heads the window
    ("申领截止日期从6月30日推迟到7月15日18:00，其他事项不变。", "2025-07-15"),          # moved: the new day
    ("本次申报截止时间由9月1日调整为9月20日。", "2025-09-20"),
    ("兑付申请受理时间截至2025年12月10日（含）。", "2025-12-10"),
    ("二、实施时间。2025年4月1日至2025年4月30日。", None),                             # not an application window
    ("合同签订时间由3月1日延长至3月31日。", None),
])
def test_find_deadline_labels_and_moves(text, iso):
    assert find_deadline(text, 2025) == iso


@pytest.mark.parametrize("text,iso", [
    ("申报时间由7月31日延长至8月14日。", "2025-08-14"),
    ("有效期由2025年12月31日延长至2026年12月31日。", None),
    ("公示时间由7月1日调整为7月5日。", None),
])
def test_find_deadline_moved_windows(text, iso):
    assert find_deadline(text, 2025) == iso


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["1", "12", "123", "９", "一", "十二", "〇", "两", "月", "日", "号", "年", " ", "\u3000",
                                 "\n", "的", "a", "2025年"]), max_size=10).map("".join))
@example("2025年1月1日")
@example("年3月5号，12月3日，123月4日，一月二日，十二月 三十日")
def test_month_day_scan_from_each_month_char_matches_the_pattern(text):
    # find_dates reads month-day dates from each 月 instead of trying _MD_RE at every digit: same matches
    from monitor.extract.dates import _MD_RE, _md_matches
    assert list(_md_matches(text)) == [(m.start(1), m.end(), m.group(1), m.group(2)) for m in _MD_RE.finditer(text)]
