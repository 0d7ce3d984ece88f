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


# ------------------------------------------------------------------ heldout12: transitions, 今年/明年, lower bodies' reports

@pytest.mark.parametrize("text", [
    "四、本通知自2026年7月1日起施行。2026年7月1日前已受理的申请，按照调整前的标准执行。",
    "2026年7月1日前已受理的。申请，按照调整前的标准执行；",          # (the voucher's name masked out of the clause)
    "7月1日前受理的申请，仍按原办法执行。",
    "2026年6月30日之前已经提交申请的企业，按原标准兑付。",
    "本办法施行前已申领但未使用的算力券，可在2026年12月31日前继续使用。",
])
def test_applications_already_received_before_a_day_are_a_transition_not_a_deadline(text):
    # which applications keep the old terms (…前已受理的申请按原标准): no last day to apply
    assert find_deadline(text, 2026) is None


@pytest.mark.parametrize("text,iso", [
    ("请于2026年7月1日前提交申请，逾期不予受理。", "2026-07-01"),
    ("企业应于7月1日前受理完毕的项目清单报送。申报截止时间为7月1日。", "2026-07-01"),
    ("申报材料请于2026年7月1日前报送，已受理的申请不再退回。", "2026-07-01"),
])
def test_a_day_before_which_to_apply_is_still_the_deadline(text, iso):
    assert find_deadline(text, 2026) == iso


@pytest.mark.parametrize("text,year,iso", [
    ("武汉市经济和信息化局表示，申请将于今年9月30日截止，逾期不再受理。", 2026, "2026-09-30"),
    ("申报截止时间为明年1月15日。", 2026, "2027-01-15"),
    ("申领时间：即日起至今年11月30日。", 2025, "2025-11-30"),
    ("企业须在本年12月20日前提交申请。", 2026, "2026-12-20"),
])
def test_this_or_next_year_with_month_and_day_takes_the_year_of_the_text(text, year, iso):
    assert find_deadline(text, year) == iso


def test_relative_year_dates():
    ds = find_dates("今年9月30日，明年1月15日，去年12月1日", 2026)
    assert [d.iso for d in ds] == ["2026-09-30", "2027-01-15", "2025-12-01"]
    assert not any(d.has_year for d in ds)                 # (never a page's own dated line)
    assert find_dates("今年9月30日", None) == []
    # a recurring day or a year of something else: no date
    assert find_dates("每年9月30日前", 2026) == []
    assert find_dates("当年9月30日", 2026) == []
    assert find_dates("次年3月31日", 2026) == []
    assert [d.iso for d in find_dates("2024年9月30日", 2026)] == ["2024-09-30"]


@pytest.mark.parametrize("text,iso", [
    # lower bodies reporting how their work went: no application, no deadline
    ("请各地工业和信息化主管部门于2026年11月30日前将本地区行动开展情况报送工业和信息化部。", None),
    ("各县区于2026年12月10日前将年度工作总结报送市工信局。", None),
    ("请各省（区、市）工信厅于2026年11月30日前将工作进展情况报送工业和信息化部。", None),
    # lower bodies handing on applications: still read when nothing else is given
    ("请各区于2026年6月30日前报送申报材料。", "2026-06-30"),
    ("各县区于2026年6月30日前将企业申报情况汇总报送市工信局。", "2026-06-30"),
])
def test_lower_bodies_reporting_on_their_work_give_no_deadline(text, iso):
    assert find_deadline(text, 2026) == iso


def test_month_end_of_a_relative_year():
    assert find_deadline("申报截止时间为今年9月底。", 2026) == "2026-09-30"
    assert find_deadline("企业须于明年2月底前提交申请。", 2026) == "2027-02-28"
    assert find_deadline("每年9月底前提交申请。", 2026) is None


@pytest.mark.parametrize("sentence", [
    "各县、区人民政府和市政府各部门应当于2026年8月31日前，将本地区、本部门规范性文件清理结果报送市司法局备案。",
    "各区县工信部门于2026年5月20日前将审核结果报省工业和信息化厅。",
])
def test_lower_bodies_handing_on_the_results_of_their_own_work_give_no_deadline(sentence):
    assert find_deadline(sentence, 2026) is None


# pinned results (before the month-day scan passed over the 月 of full dates and the year scan looked ahead)
@pytest.mark.parametrize("text,found", [
    ("2025年 3月5日至4月30日", [(0, 10, "2025-03-05", True), (11, 16, "2025-04-30", False)]),
    ("二〇二五年三月十四日、今年9月30日前", [(0, 10, "2025-03-14", True), (11, 18, "2025-09-30", False)]),
    ("2025-03-14，3月20日", [(0, 10, "2025-03-14", True), (11, 16, "2025-03-20", False)]),
    ("2025年3月 14日（2025.4.1）", [(0, 11, "2025-03-14", True), (12, 20, "2025-04-01", True)]),
    ("明年1月15日和2026年2月1日，去年12月1日",
     [(0, 7, "2026-01-15", False), (8, 17, "2026-02-01", True), (18, 25, "2024-12-01", False)]),
    ("2025年度6月1日", [(6, 10, "2025-06-01", False)]),
    ("20250314", []),
    ("2025年13月1日，5月6日", [(11, 15, "2025-05-06", False)]),
])
def test_find_dates_pinned(text, found):
    assert [tuple(d) for d in find_dates(text, 2025)] == found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="20195年月日号-/. 三〇二五十今明", max_size=30))
def test_full_dates_found_where_the_pattern_finds_them(s):
    from monitor.extract.dates import _FULL_RE, _mk, _num
    want = []
    for m in _FULL_RE.finditer(s):
        g = m.groups()
        y, mo, d = (_num(g[0]), _num(g[1]), _num(g[2])) if g[0] is not None else (int(g[3]), int(g[5]), int(g[6]))
        if _mk(y, mo, d):
            want.append((m.start(), m.end(), _mk(y, mo, d)))
    assert [(d.start, d.end, d.iso) for d in find_dates(s) if d.has_year] == want


# pinned results (before the clause before each date was read only when a test needs it)
@pytest.mark.parametrize("text,iso", [
    ("申报时间由7月31日调整为8月14日", None), ("申报时间由7月31日调整为8月14日。", None),
    ("请于2025年8月14日前提交申报材料", "2025-08-14"), ("各县区于8月14日前报送推荐名单", None),
    ("2025年3月1日印发，申报材料于4月30日前提交", "2025-04-30"), ("受理时间为2025年5月1日—6月30日", "2025-06-30"),
    ("申领时间。12月15日前。", "2025-12-15"), ("三、申领期限。截至 2025年9月30日", "2025-09-30"),
    ("最迟不超过2025年10月31日提交申请", None), ("自即日起至2025年12月31日止", "2025-12-31"),
    ("有效期至2027年12月31日", None), ("7月1日前已受理的申请按原标准执行", None),
    ("申报截止时间由7月31日延长至8月14日", "2025-08-14"), ("2025年6月1日发布，2025年6月30日前报送", "2025-06-30"),
])
def test_find_deadline_pinned(text, iso):
    assert find_deadline(text, 2025) == iso
