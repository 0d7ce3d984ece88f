"""Numbers in Chinese policy text: amounts, shares, discounts (monitor.extract.numbers)."""
import pytest
from hypothesis import given, settings, strategies as st

from monitor.extract.numbers import find_amounts, find_shares, parse_amount, parse_int, parse_number, parse_ratio


@pytest.mark.parametrize("text,yuan", [
    ("1亿元", 100_000_000), ("0.5亿元", 50_000_000), ("5000万元", 50_000_000), ("两千万元", 20_000_000),
    ("1,000万元", 10_000_000), ("伍佰万元", 5_000_000), ("300万", 3_000_000), ("每张2000元"[2:], 2000),
    ("2.5亿元", 250_000_000), ("壹仟万元", 10_000_000), ("三百五十万元", 3_500_000), ("一万二千元", 12_000),
    ("20000元", 20_000), ("5 亿元", 500_000_000), ("伍拾万元", 500_000), ("十亿元", 1_000_000_000),
    ("一点二亿元", 120_000_000), ("壹佰伍拾万元", 1_500_000), ("1.5亿", 150_000_000),
])
def test_parse_amount(text, yuan):
    assert parse_amount(text) == yuan


@pytest.mark.parametrize("text", ["", "元", "万元", "abc", "一网通办", None])
def test_parse_amount_rejects(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text,value", [
    ("30%", 0.3), ("百分之三十", 0.3), ("三成", 0.3), ("4折", 0.6), ("8.5折", 0.15), ("七折", 0.3),
    ("企业仅需支付45%", 0.55), ("不超过50%", 0.5), ("最高可提高至60%", 0.6), ("百分之五十五", 0.55), ("20 %", 0.2),
])
def test_parse_ratio(text, value):
    assert parse_ratio(text) == pytest.approx(value)


@pytest.mark.parametrize("text,value", [("两千", 2000), ("二〇二五", 2025), ("十五", 15), ("一万二", 12000),
                                        ("两千五", 2500), ("1,000", 1000), ("伍佰", 500), ("零", 0)])
def test_parse_int(text, value):
    assert parse_int(text) == value


def test_find_amounts_skips_words_and_keeps_positions():
    text = "一网通办，每年发放最高 5 亿元 “训力券”，给予最高 1000 万元资助，最高300万。"
    found = [(a.yuan, text[a.start:a.end]) for a in find_amounts(text)]
    assert found == [(500_000_000, "5 亿元"), (10_000_000, "1000 万元"), (3_000_000, "300万")]


def test_find_shares_units_and_points():
    text = "按30%给予补贴，增速提高2个百分点，享受4折优惠，按合同金额的三成给予支持"
    assert [s.value for s in find_shares(text)] == pytest.approx([0.3, 0.6, 0.3])


def test_cheng_needs_a_subsidy_word_in_text():
    assert find_shares("完成三成任务") == []          # 成 of 完成/成本 is not a share


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_number_parsers_never_raise(s):
    parse_amount(s)
    parse_ratio(s)
    parse_number(s)
    find_amounts(s)
    find_shares(s)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.,万亿千百十元%折成两一二三四五六七八九零〇壹贰叁肆伍陆柒捌玖拾佰仟 ", max_size=40))
def test_number_parsers_never_raise_on_numeral_soup(s):
    parse_amount(s)
    parse_ratio(s)
    parse_int(s)
    for a in find_amounts(s):
        assert a.yuan > 0
    for sh in find_shares(s):
        assert 0 <= sh.value <= 1


@pytest.mark.parametrize("text,yuan", [("一亿二千万元", 120000000), ("一亿五千万元", 150000000),
                                       ("两亿三千万元", 230000000), ("一万二千元", 12000), ("一亿元", 100000000)])
def test_chinese_numerals_with_a_big_unit_inside(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize("text,value", [
    ("使用模型券后企业仅需支付合同金额的70%", 0.3),
    ("企业只需负担采购价款的45%", 0.55),
    ("可享受服务费用一半的算力券补贴", 0.5),
    ("按合同金额的一半给予支持", 0.5),
])
def test_shares_paid_by_the_buyer_and_half(text, value):
    assert [round(s.value, 4) for s in find_shares(text)] == [value]


def test_a_share_of_the_self_borne_part_is_not_what_the_buyer_pays():
    assert [s.value for s in find_shares("对企业自行承担部分的30%给予补贴")] == [0.3]


@pytest.mark.parametrize("text,value", [
    ("补贴比例为合同金额的三分之一", 0.333333), ("按2分之1给予补贴", 0.5), ("十分之三", 0.3),
    ("企业仅需承担剩余60%费用", 0.4), ("仅需支付费用的三分之二", 0.333333),
])
def test_fractions_and_what_remains_for_the_buyer(text, value):
    assert [s.value for s in find_shares(text, strict=False)] == [value]


def test_percent_in_words_is_not_also_a_fraction():
    assert [s.value for s in find_shares("按百分之三十给予补贴")] == [0.3]


# ------------------------------------------------------------------ fast_re: the same matches as re.compile

_FAST_RE_PATTERNS = [
    r"(?:予以|决定|宣布)?废止|宣布失效|停止执行|不再执行|予以失效|自[^。\n]{0,20}起失效",
    r"各地|多地|有条件的|(?<![在于\d一二三])(?:\d+|[一二三多]+)\s*(?:余|多)?\s*(?:个|座)(?:城市|省份|地区)(?!级)",
    r"(?<!不)超过|达到|以上|不低于|[<>＜＞≥≤]|投资额",
    r"(?:根据|按照|依据)[^。；]{0,20}$",
    r"\s*其中",
    r"(?m)本报记者|^\s*文\s*[|｜]|据悉",
    r"(?:截止|申报[\u4e00-\u9fa5]{0,4}截至)(?:时间|日期)?(?:为|是)?[:：\s]*$",
    r"(\d+(?:[.,]\d+)*)\s*(?:个)?百分点|百分之\s*([一二三十]+)",
]
_FAST_RE_TEXT = st.text(alphabet="予以决定宣布废止失效自起各地多有条件的在于个座城市省份余12３一二三 \n，。；根据按照不超过达到以上<≥其中本报记者文|据悉截止申报时间为：%.百分之点", max_size=40)


@settings(max_examples=300, deadline=None)
@given(_FAST_RE_TEXT)
def test_fast_re_finds_what_re_compile_finds(text):
    from monitor.extract.numbers import fast_re
    import re
    for p in _FAST_RE_PATTERNS:
        a, b = re.compile(p), fast_re(p)
        assert [(m.span(), m.groups()) for m in a.finditer(text)] == \
               [(m.span(), m.groups()) for m in b.finditer(text)], (p, text)
        assert bool(a.match(text)) == bool(b.match(text)) and a.split(text) == b.split(text)


def test_fast_re_adds_a_look_ahead_only_where_it_is_safe_and_useful():
    from monitor.extract.numbers import fast_re
    assert fast_re(_FAST_RE_PATTERNS[0]).pattern.startswith("(?=[")            # no literal prefix: look-ahead
    assert fast_re(r"(?m)本报|^\s*文").pattern.startswith("(?m)(?=[")         # inline flags stay in front
    for p in (r"《([^《》]{2,80})》", r"[。；]", r"^\s*(?:一|二)、", r"(?i)token|券", r"(?:a)?b?", r".*[，,]"):
        assert fast_re(p).pattern == p, p       # literal/class prefix, anchor, case-folding, empty match, '.'


@settings(max_examples=300, deadline=None)
@given(_FAST_RE_TEXT)
def test_first_chars_bound_every_match(text):
    """A match of a pattern opens with one of first_chars(pattern) ('\\d'/'\\s' for any digit/space)."""
    from monitor.extract.numbers import fast_re, first_chars
    for p in _FAST_RE_PATTERNS:
        first = first_chars(fast_re(p))
        if first is None:
            continue
        for m in fast_re(p).finditer(text):
            c = text[m.start():m.start() + 1]
            assert c in first or ("\\d" in first and c.isdecimal()) or ("\\s" in first and c.isspace()), (p, text)


def test_first_chars_is_none_where_unbounded():
    import re
    from monitor.extract.numbers import first_chars
    assert first_chars(re.compile(r"^\s*(?:相关|推荐)")) == frozenset({"\\s", "相", "推"})
    for p in (r".*[，,]", r"(?:a)?b?", r"[^。]+", r"(?i)token"):
        assert first_chars(re.compile(p)) is None, p


# ------------------------------------------------------------------ who pays the share: the subject and the verb decide

@pytest.mark.parametrize("text,value", [
    # the buyer pays the share (verb after it): the voucher pays the rest
    ("答：企业按市场价格的75%支付，其余25%由算力券资金支付。", [0.25, 0.25]),
    ("企业只需按服务价格的60%支付", [0.4]),
    ("用户按合同金额的七成付费", [0.3]),
    ("申领企业按订单金额的三分之二结算", [0.333333]),
    # the buyer pays the share (verb before it)
    ("企业承担45%", [0.55]), ("企业承担剩余的40%", [0.6]),
    ("企业自付比例为40%", [0.6]),
    ("由企业自行负担服务费用的40%", [0.6]),
    ("企业需支付合同金额的70%", [0.3]),
    # the buyer is named after the share: 由企业承担
    ("服务费用的40%由企业承担", [0.6]),
    ("其余40%由申领企业自筹", [0.6]),
    ("政府承担70%、企业承担30%", [0.7, 0.7]), ("企业、用户按市场价格的75%支付", [0.25]),
    # the price charged is what the buyer pays
    ("服务商按市场价格的80%向企业收费", [0.2]), ("按原价的八成收费", [0.2]), ("平台按挂牌价的60%计费", [0.4]),
])
def test_a_share_the_buyer_pays_is_one_minus_it(text, value):
    assert [round(s.value, 6) for s in find_shares(text, strict=False)] == value


@pytest.mark.parametrize("text", [
    "按合同金额的30%给予补贴", "由算力券支付30%", "30%由算力券资金支付", "算力券按合同金额的30%支付",
    "对企业按服务费用的30%给予补贴", "按企业实际支付费用的30%给予补贴", "补贴企业承担费用的30%",
    "企业承担费用的30%由算力券补贴", "企业使用算力券可抵扣服务费用的30%", "按企业承担费用的30%给予奖励",
    "向企业按合同金额的30%支付", "企业购买算力服务的，按合同金额的30%支付", "财政按企业支付金额的30%承担",
    "企业研发投入增长30%", "算力券可抵扣企业支付的算力费用的30%", "企业实际支付金额的30%", "企业承担的研发费用的30%",
    "企业自筹资金不低于30%", "按服务费用的30%收取管理费", "对中小企业、个人按服务费用的30%给予补贴",
])
def test_a_share_the_voucher_pays_stays_as_it_is(text):
    assert [round(s.value, 6) for s in find_shares(text, strict=False)] == [0.3]


# pinned results (the behaviour before the scan was started at the first 元/万/亿/块 and whole ASCII numbers were
# multiplied as ints): big numbers keep the float product, a match before the first mark is dropped as before
@pytest.mark.parametrize("text,found", [
    ("总额12345678901234567万元", [(2, 21, 123456789012345683968, "12345678901234567万元")]),
    ("9007199254740993元", [(0, 17, 9007199254740992, "9007199254740993元")]),
    ("补贴900719925474万亿元", [(2, 17, 900719925474000013099008, "900719925474万亿元")]),
    ("一百二十万元和3千元", [(0, 6, 1200000, "一百二十万元"), (7, 10, 3000, "3千元")]),
    ("约5块钱，另有2025年度资金300万元", [(1, 3, 5, "5块"), (15, 20, 3000000, "300万元")]),
    ("第1批 2 0 万元", []),
    ("共1,000.5万元", [(1, 10, 10005000, "1,000.5万元")]),
    ("0500万元", [(0, 6, 5000000, "0500万元")]),
    ("1.2.3万元", []),
    ("３０万元", [(0, 4, 300000, "３０万元")]),
    ("资金 500 万 元 ", [(3, 10, 5000000, "500 万 元")]),
    ("数十万元", []),
    ("十万元", [(0, 3, 100000, "十万元")]),
    ("二〇二五年 三百万元", [(6, 10, 3000000, "三百万元")]),
])
def test_find_amounts_pinned(text, found):
    assert [tuple(a) for a in find_amounts(text)] == found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789., 年度第批约元块万亿千百十一二三两数资金，", max_size=40))
def test_find_amounts_same_from_any_unmarked_prefix(s):
    # a prefix holding no 元/块/万/亿, cut off by a character no amount holds, changes nothing after it
    base = find_amounts(s)
    shifted = find_amounts("第2025批12.5、三百" + "的" + s)
    off = len("第2025批12.5、三百的")
    assert [(a.start - off, a.end - off, a.yuan, a.text) for a in shifted] == [tuple(a) for a in base]


# pinned results (before the percentage scan found its first mark by one search and read whole numbers directly)
@pytest.mark.parametrize("text,found", [
    ("按合同金额的30%给予补贴", [(6, 9, 0.3, "pct", "30%")]),
    ("企业仅需支付45%", [(6, 9, 0.55, "pay", "45%")]),
    ("9999999999999999%", []), ("1234567890123456%的", []),
    ("百分之三十", [(0, 5, 0.3, "pct", "百分之三十")]),
    ("补贴比例为３０％", [(5, 8, 0.3, "pct", "３０％")]),
    ("按 25 % 给予支持，再提高5个百分点", [(2, 6, 0.25, "pct", "25 %"), (2, 20, 0.3, "pct", "25 % 给予支持，再提高5个百分点")]),
    ("第2025批12.5、三百的50%", [(14, 17, 0.5, "pct", "50%")]),
    ("40%由企业承担", [(0, 3, 0.6, "pay", "40%")]),
    ("七折优惠，最高30%", [(0, 2, 0.3, "discount", "七折"), (7, 10, 0.3, "pct", "30%")]),
    ("可获三成补贴", [(2, 4, 0.3, "cheng", "三成")]),
    ("50.5%", [(0, 5, 0.505, "pct", "50.5%")]), ("1,000%", []), ("100%", [(0, 4, 1.0, "pct", "100%")]),
    ("0%", [(0, 2, 0.0, "pct", "0%")]),
])
def test_find_shares_pinned(text, found):
    assert [tuple(s) for s in find_shares(text)] == found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789., %％百分之个点三十五由企业承担按给予补贴，。", max_size=40))
def test_find_shares_same_from_any_unmarked_prefix(s):
    # a prefix holding no %, ％ or 百分, cut off by a character no percentage holds, changes nothing after it
    # (the test keeps clear of the 16 characters _pays reads before a share, behind a full stop)
    pre = "第2025批12.5、三百的" + "。" * 17
    base = [tuple(x) for x in find_shares(s)]
    got = [(x.start - len(pre), x.end - len(pre), x.value, x.kind, x.text) for x in find_shares(pre + s)]
    assert got == base


@pytest.mark.parametrize("garbage", ["9" * 400 + "万元", "9" * 400 + "%", "最高" + "9" * 400 + "元", "1" + "0" * 400 + ".5%",
                                     "9" * 200 + "." + "9" * 200 + "万元", "按" + "9" * 300 + "折"])
def test_a_run_of_digits_no_amount_has_is_no_amount_and_no_crash(garbage):
    from monitor.extract import extract_text
    assert find_amounts(garbage) == [] or all(a.yuan < 10 ** 30 for a in find_amounts(garbage))
    assert all(0 <= s.value <= 1 for s in find_shares(garbage))
    extract_text("杭州市发放算力券，" + garbage, region="浙江省/杭州市")     # (no OverflowError)
