"""Dates in Chinese policy text, and the application deadline among them.

    parse_date("2025年3月14日") == "2025-03-14"      parse_date("3月14日", year=2025) == "2025-03-14"
    parse_date("二〇二五年三月十四日") == "2025-03-14"  parse_date("2025.3.14") == "2025-03-14"
    find_deadline("申报时间：6月16日至7月15日", year=2025) == "2025-07-15"
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from .numbers import fast_re, first_chars, parse_int

_rx = lru_cache(maxsize=None)(fast_re)   # a pattern written inline, compiled once
_tuple_new = tuple.__new__   # (DateMention(…) without the named tuple's Python-level __new__: the same tuple)
# (a window's start is written `x - k if x > k else 0`: max(0, x - k) without a builtin call, in the hot paths)

_CN_D = "〇○零一二三四五六七八九十两"
_Y = rf"((?:19|20)\d{{2}}|[二][〇○零][{_CN_D}]{{2}})"
_M = rf"(\d{{1,2}}|[{_CN_D}]{{1,3}})"
_D = rf"(\d{{1,2}}|[{_CN_D}]{{1,4}})"

# full dates: 2025年3月14日, 2025-03-14, 2025/3/14, 2025.3.14, 二〇二五年三月十四日
_FULL_RE = fast_re(
    rf"(?=[12二])(?:{_Y}\s*年\s*{_M}\s*月\s*{_D}\s*[日号]"
    rf"|(?<!\d)((?:19|20)\d{{2}})\s*([-/.])\s*(\d{{1,2}})\s*\5\s*(\d{{1,2}})(?!\d))")
# where a full date can start: a year (the first four characters of every match of _FULL_RE) followed by what
# every match has next (年 and a month's digit, or a separator and a digit). Its words all open with a
# character, so re skips to them at C speed; _FULL_RE, opening with a look-ahead, is tried at every position
# when searched itself
# (each alternative opens with a literal, so re gets the set of first characters to skip to)
_YEAR_START = re.compile(rf"19\d\d(?=\s*(?:年\s*[\d{_CN_D}]|[-/.]\s*\d))|20\d\d(?=\s*(?:年\s*[\d{_CN_D}]|[-/.]\s*\d))"
                         rf"|二[〇○零](?=[{_CN_D}]{{2}}\s*年\s*[\d{_CN_D}])")


def _full_matches(text: str):
    """What _FULL_RE.finditer(text) gives: _FULL_RE tried only where a year starts."""
    pos = 0
    while True:
        h = _YEAR_START.search(text, pos)
        if h is None:
            return
        m = _FULL_RE.match(text, h.start())
        if m is None:
            pos = h.start() + 1
            continue
        yield m
        pos = m.end()


# dates without a year: 3月14日
_MD_RE = fast_re(rf"(?=[\d{_CN_D}])(?<![\d年{_CN_D}])\s*{_M}\s*月\s*{_D}\s*[日号]")


_CN_DIGIT_SET = frozenset(_CN_D)
_MD_TAIL = re.compile(rf"\s*{_D}\s*[日号]")


def _md_matches(text: str, relative: list | None = None, starts: list[int] = (), ends: list[int] = ()):
    """What _MD_RE.finditer gives, as (start, end, month, day), found from each 月 instead of trying the
    pattern at every digit: a match holds exactly one 月, and its start is where the run of digits (or of
    Chinese digits) before that 月 and its spaces begins (the look-behind forbids a start inside a run).

    With `relative` (a list), a month and day after a year named relative to the text's own (今年9月30日,
    明年1月15日, 去年12月1日) is appended to it as (start, end, month, day, years to add), its start at 今年.

    `starts` and `ends`, the spans of the full dates (in order, apart), let a 月 inside one be passed over: what
    it begins there starts inside that full date (the run before it stops at the date's 年 or lies after it),
    which find_dates drops, or is nothing (a 年 before it, after a year's digit: no relative year)."""
    k = text.find("月")
    si, ns = 0, len(starts)
    while k >= 0:
        while si < ns and ends[si] <= k:
            si += 1
        if si < ns and starts[si] <= k:
            k = text.find("月", ends[si])
            continue
        j = k
        while j > 0 and text[j - 1].isspace():
            j -= 1
        r = j
        while r > 0 and (text[r - 1].isdecimal() or text[r - 1] in _CN_DIGIT_SET):
            r -= 1
        n = j - r
        if n and (r == 0 or text[r - 1] != "年"):
            mon = text[r:j]
            if (n <= 2 and mon.isdecimal()) or (n <= 3 and all(c in _CN_DIGIT_SET for c in mon)):
                t = _MD_TAIL.match(text, k + 1)
                if t is not None:
                    yield r, t.end(), mon, t.group(1)
        elif n and relative is not None and r >= 2 and text[r - 2:r] in _RELATIVE_YEAR:
            mon = text[r:j]
            if (n <= 2 and mon.isdecimal()) or (n <= 3 and all(c in _CN_DIGIT_SET for c in mon)):
                t = _MD_TAIL.match(text, k + 1)
                if t is not None:
                    relative.append((r - 2, t.end(), mon, t.group(1), _RELATIVE_YEAR[text[r - 2:r]]))
        k = text.find("月", k + 1)


# a year named relative to the text's own (its publication year): 今年9月30日, 明年1月15日. (每年, 当年 and 次年 —
# a recurring day, or the year after another one the text names — are no year of the text's.)
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "明年": 1, "去年": -1}


_NUMERIC_DATE_HINT = fast_re(r"\d[-/.]\d")


class DateMention(NamedTuple):     # (a tuple: made by the thousand, cheaply)
    start: int
    end: int
    iso: str
    has_year: bool


def _mk(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None or m is None or d is None:
        return None
    if 1 <= m <= 12 and 1 <= d <= 28 and 1000 <= y <= 9999:
        return f"{y}-{m:02d}-{d:02d}"     # (a day every month has: what date(y, m, d).isoformat() gives)
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _num(s: str) -> int | None:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    return parse_int(s)


def find_dates(text: str, year: int | None = None) -> list[DateMention]:
    """Every date in text; dates without a year take `year` (or are skipped when it is None)."""
    out: list[DateMention] = []
    if "月" not in text and not _NUMERIC_DATE_HINT.search(text):
        return out
    starts: list[int] = []
    ends: list[int] = []
    for m in _full_matches(text):
        ys, ms, ds, y4, _, m4, d4 = m.groups()      # (one call for the seven groups)
        if ys is not None:
            # (ASCII digits, the usual case: what _num gives, without its call)
            y = int(ys) if ys.isdigit() else _num(ys)
            mo = int(ms) if ms.isdigit() else _num(ms)
            d = int(ds) if ds.isdigit() else _num(ds)
        else:
            y, mo, d = int(y4), int(m4), int(d4)
        # (_mk's own first test, inlined: a day every month has, in a four-digit year)
        if y is not None and mo is not None and d is not None and 1 <= mo <= 12 and 1 <= d <= 28 \
                and 1000 <= y <= 9999:
            iso = f"{y}-{mo:02d}-{d:02d}"
        else:
            iso = _mk(y, mo, d)
        if iso:
            s, e = m.span()
            out.append(_tuple_new(DateMention, (s, e, iso, True)))
            starts.append(s)
            ends.append(e)
    n_full = len(out)
    relative: list | None = [] if "年" in text else None
    # (full dates: in order and apart, so one bisect finds the one that may hold s)
    for s, e, mon, day in (_md_matches(text, relative, starts, ends) if year is not None and "月" in text else ()):
        k = bisect_right(starts, s) - 1
        if k >= 0 and s < ends[k]:
            continue
        iso = _mk(year, _num(mon), _num(day))
        if iso:
            out.append(_tuple_new(DateMention, (s, e, iso, False)))
    if relative:
        # 今年9月30日: the text's year (the publication's), read as a date without a year of its own
        for s, e, mon, day, add in relative:
            iso = _mk(year + add, _num(mon), _num(day))
            if iso:
                out.append(_tuple_new(DateMention, (s, e, iso, False)))
    if len(out) > n_full:
        out.sort(key=_START)      # (full dates alone come in text order, apart: already sorted)
    return out


_START = itemgetter(0)      # (a DateMention's start: what `lambda x: x.start` gives, in C)


# the end of a month or a year (11月底, 2026年2月末, 2026年底): its last day. Read only for deadlines.
# (每年12月底, 每月末: a recurring day, no deadline; 今年年底: the year of the text)
_MONTH_END_RE = fast_re(rf"(?<![每年\d{_CN_D}])(?:{_Y}\s*年\s*)?{_M}\s*月\s*(?:底|末)(?!\s*[日号])"
                        rf"|(?<!\d){_Y}\s*年\s*(?:底|末)|(今年|本年度?)\s*年?\s*(?:底|末)"
                        # 今年9月底, 明年3月末: the month of a year named relative to the text's
                        rf"|(今年|本年|明年|去年)\s*{_M}\s*月\s*(?:底|末)(?!\s*[日号])")


def _month_ends(text: str, year: int | None) -> list[DateMention]:
    out: list[DateMention] = []
    for m in _MONTH_END_RE.finditer(text):
        if m.group(5) is not None:
            if year is None:
                continue
            y, mo = year + _RELATIVE_YEAR[m.group(5)], _num(m.group(6))
        elif m.group(4) is not None:
            y, mo = year, 12
        elif m.group(3) is not None:
            y, mo = _num(m.group(3)), 12
        else:
            y = _num(m.group(1)) if m.group(1) else year
            mo = _num(m.group(2))
        if y is None or mo is None or not 1 <= mo <= 12:
            continue
        last = (_dt.date(y + (mo == 12), mo % 12 + 1, 1) - _dt.timedelta(days=1)).isoformat()
        out.append(DateMention(m.start(), m.end(), last, m.group(5) is None and (m.group(2) is None or m.group(1) is not None)))
    return out


def parse_date(text: str, year: int | None = None) -> str | None:
    """The first date in text as ISO YYYY-MM-DD, or None. Also reads '2025-03-14 10:30', '20250314'."""
    if not text:
        return None
    s = str(text).strip()
    ds = find_dates(s, year)
    if ds:
        return ds[0].iso
    m = _rx(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)").search(s)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _rx(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d)").search(s)
    return None


# ------------------------------------------------------------------ deadlines

_APPLY = r"(?:申报|申请|申领|受理|报送|提交|报名|填报|征集|兑付|兑现|领取|登记)"
_RANGE_HEAD = fast_re(
    rf"(?:{_APPLY}|网上|线上|集中)[\u4e00-\u9fa5]{{0,6}}(?:时间|期限|日期|期间|窗口|截止)")
_SEP = r"\s*(?:起\s*)?(?:至|到|—|－|–|-|~|～|止)\s*"    # (3月10日起至4月30日)
_NOT_DEADLINE = fast_re(
    r"意见|反馈|建议|有效期|施行|实施|执行|合同|签订|签署|签约|发生|评审|审核|初审|复审|推荐|公示|审查|核查|"
    r"统计|期间内|完成时间|验收|服务期|建设期|使用期|兑换使用|发票|支出|投入")
_CLOCK = r"(?:\s*[（(](?:星期|周)[一二三四五六日天][)）])?(?:\s*(?:上午|下午)?\s*\d{1,2}\s*[:：时点]\s*(?:\d{1,2}\s*分?)?)?"


# 截止时间为 / 申报截至 / 受理时间截至 / 截止时间延长至 (the date right after is the last day)
_CUTOFF_LEFT = fast_re(
    rf"(?:(?:截止{_APPLY}?|{_APPLY}[\u4e00-\u9fa5]{{0,4}}截至)(?:时间|日期|日)?(?:为|是|到|至|于|调整为|改为|"
    rf"(?:延长|延期|推迟|顺延|调整|变更|更改)(?:至|到|为))?"
    rf"|{_APPLY}[\u4e00-\u9fa5]{{0,4}}(?:时间|期限|日期)(?:延长|延期|推迟|顺延)(?:至|到)"
    # 申领期限：DATE (a time limit given as one day is its last day)
    rf"|{_APPLY}[\u4e00-\u9fa5]{{0,2}}期限(?:为|是|至|到)?)[:：\s]*$")
# 由7月31日延长至8月14日: a deadline moved (the second date replaces the first)
_MOVED = fast_re(_CLOCK + r"\s*(?:[（(]含[）)])?\s*(?:延长|延期|推迟|顺延|调整|变更|更改|改)(?:至|到|为)\s*(?:\d{4}\s*年\s*)?")


def _moved_from(head: str) -> bool:
    """申报截止时间由 / 申报时间从 (…延长至 DATE): the clause before a deadline that was moved."""
    h = _rx(r"(?:由|从)\s*(?:原定|原来|原先|此前|之前|原)?(?:的|于)?\s*$").sub("", head)
    return h != head and (_CUTOFF_LEFT.search(h) is not None or _RANGE_HEAD.search(h[-10:]) is not None) \
        and not _NOT_DEADLINE.search(h)


def _head(text: str, pos: int) -> str:
    """The clause before pos; when that clause is empty and the sentence before it is a short label
    (二、申报时间。2026年4月1日至…), the label."""
    left = text[(pos - 40 if pos > 40 else 0):pos]
    parts = _rx(r"[。；;！!\n]").split(left)
    head = parts[-1]
    if not _rx(r"[\u4e00-\u9fa5]").search(head):
        for prev in reversed(parts[:-1]):
            if prev.strip():
                return prev + head if len(prev.strip()) <= 16 else head
    return head


_CLAUSE_END = fast_re(r"[。；;！!\n]")
_HAS_CJK = fast_re(r"[\u4e00-\u9fa5]")
_CLAUSE_OR_COMMA_END = fast_re(r"[。；;，,！!\n]")
_RANGE_SEP_RE = fast_re(_CLOCK + _SEP + r"(?:\d{4}\s*年\s*)?")
_APPLY_RE = fast_re(_APPLY)
_RANGE_TAIL_RE = fast_re(_CLOCK + r"\s*(?:期间|内|之间)?\s*(?:进行|登录[\u4e00-\u9fa5]{0,10})?" + _APPLY)
_BEFORE_RE = fast_re(_CLOCK + r"\s*(?:[（(]含[）)])?\s*(?:下班|当日|当天)?(?:前|之前|以前|止|截止|结束|关闭|"
                     r"(?:之后|以后|后)[^。；;！!\n]{0,12}?(?:不再|不予|停止|不)(?=受理|接收|接受|申报|申请|办理))")
_BEFORE_OPENS = first_chars(_BEFORE_RE) - {"\\s", "\\d"}
# what follows DATE前 when the day sorts applications already made (7月1日前已受理的申请, 6月30日之前已经提交申请的
# 企业, 7月1日前受理的项目): a transition between old and new terms, not a last day to apply
_RECEIVED_BEFORE = fast_re(rf"\s*(?:已经?|业已)|\s*{_APPLY}[\u4e00-\u9fa5]{{0,3}}?的")
# 最迟不超过 DATE / 不晚于 DATE (提交): the latest day, said before it
_LATEST_LEFT = fast_re(r"(?:最迟|最晚|不晚于)(?:不超过|不晚于|于|在|至|到|为)?\s*$")
_SINCE_NOW = fast_re(r"(?:即日|发布之日|印发之日|通知之日|公告之日)起?[\u4e00-\u9fa5]{0,4}(?:至|到)\s*$")
# a clause that opens with 截至/截止(到) right before the date
_ASOF_LEFT = fast_re(r"(?:^|[，,：:])\s*(?:并|均|统一|一律)?\s*(?:截至|截止(?:到|至)?)\s*$")
# what follows a count as of a day: 已受理…, 共…, 累计…
_COUNT_AFTER = fast_re(r"[^，,]{0,6}(?:已|共|累计|合计|总计|达|有)|[，,]\s*(?:已|共|累计|全市|全区|全县|全省|合计|总计)")
_DEADLINE_HINT = fast_re(r"截止|截至|即日|之日起|前|至|到|止|—|~|～|-|晚|后|关闭|结束|期限")


_LOWER_BODY = fast_re(r"各(?:省|自治区|县|区|市|镇|乡|街道|园区|开发区|地|级|有关部门|主管部门)|县区|区县|县市区|县[（(]市|"
                      r"主管部门|工信部门|科技部门|属地|推荐单位|初审单位")
_APPLICANT = fast_re(r"企业|单位|申报主体|申请人|申报人|机构")


# a clause with no subject of its own, only what leads to the date (…，于 / …，并于 / …，请于)
_NO_SUBJECT = fast_re(r"^\s*(?:并|须|需|要|应|请|务必|统一|按时|及时)?\s*(?:于|在)\s*$")


def _lower_body_subject(clause_left: str) -> bool:
    """The clause's subject is a lower body (各县区于…前报送), not the applicants; a clause with no subject of
    its own (各地…制定实施方案，于…前报送) has the sentence's: a lower body opening its first clause."""
    parts = _rx(r"[，,]").split(clause_left)
    part = parts[-1]
    m = _LOWER_BODY.search(part)
    if m is None and len(parts) > 1 and _NO_SUBJECT.match(part):
        part = parts[0]
        m = _LOWER_BODY.search(part)
        if m is not None and m.start() > 2:
            return False
    return m is not None and not _APPLICANT.search(part, m.end())


# what lower bodies hand on when it is an account of their work (开展情况, 工作总结, 成效自评) or their own
# plan (实施方案, 工作计划) or the list they recommend (推荐名单), not applications
# (an account of the body's own work: its situation, results, review, clean-up of its documents, self-check, filing)
_WORK_REPORT = fast_re(r"情况|总结|成效|进展|报告|自评|评估|经验|做法|方案|计划|推荐名单|结果|清理|自查|整改|备案")
_APPLICATIONS_NAMED = fast_re(r"申报|申请|申领|推荐|受理|报名|名单|项目|兑付|兑现|征集|登记|填报|领取")


def _work_report(ctx: str) -> bool:
    """ctx (a lower body's hand-on clause) names an account of its work, its plan or its recommended list,
    and no application."""
    if _WORK_REPORT.search(ctx) is None:
        return False
    if "推荐名单" in ctx:
        ctx = ctx.replace("推荐名单", "")
    return _APPLICATIONS_NAMED.search(ctx) is None


# 6月1日至30日: a range whose end names only its day (the month of its start)
_DAY_END = fast_re(_CLOCK + _SEP + rf"(\d{{1,2}}|[{_CN_D}]{{1,3}})\s*[日号]")


_DAY_END_FIRST = frozenset("（(上下起至到—－–-~～止")


def _with_day_ends(text: str, dates: list[DateMention]) -> list[DateMention]:
    extra = []
    for d in dates:
        c = text[d.end:d.end + 1]
        # (a match opens with a space, a clock, a weekday in brackets or the range's mark: any other character
        # fails _DAY_END at once)
        if not (c in _DAY_END_FIRST or c.isspace() or c.isdecimal()):
            continue
        m = _DAY_END.match(text, d.end)
        if m is None:
            continue
        day = _num(m.group(1))
        if day is None or day <= int(d.iso[8:]):
            continue
        iso = _mk(int(d.iso[:4]), int(d.iso[5:7]), day)
        if iso:
            extra.append(DateMention(m.start(1), m.end(), iso, d.has_year))
    return sorted(dates + extra, key=lambda x: x.start) if extra else dates


# 申报工作将持续到 DATE / 申领期至 DATE: the time to apply runs until that day
_UNTIL_LEFT = fast_re(rf"{_APPLY}[\u4e00-\u9fa5]{{0,3}}?(?:期|工作|窗口|通道|系统)(?:将|会)?(?:持续|延续|开放|进行)?(?:到|至)\s*$"
                      rf"|{_APPLY}[\u4e00-\u9fa5]{{0,4}}?(?:将|会)?(?:持续|延续|开放)(?:到|至)\s*$")


def _label_before(text: str, pos: int) -> str | None:
    """The short label sentence right before pos (三、申领期限。 / 申报时间\n) when it names a time to apply."""
    parts = _CLAUSE_END.split(text[(pos - 24 if pos > 24 else 0):pos])
    if len(parts) < 2 or parts[-1].strip():
        return None
    label = parts[-2].strip()
    if 0 < len(label) <= 16 and _RANGE_HEAD.search(label) and not _NOT_DEADLINE.search(label):
        return label
    return None


# every match of _CUTOFF_LEFT holds 截, 期(限), 至 or 到; _UNTIL_LEFT and _SINCE_NOW 至 or 到; _ASOF_LEFT 截; _LATEST_LEFT
# 迟 or 晚
_LEFT_KEYS = re.compile("[截期至到迟晚]")
_MOVED_OPENS = first_chars(_MOVED) - {"\\s", "\\d"}


def _clause_left(text: str, pos: int) -> str:
    """The clause before pos; a date that opens its clause reads the short label before it
    (三、申报截止时间\n7月31日 / 申领时间。12月15日前。)."""
    clause_left = _CLAUSE_END.split(text[(pos - 30 if pos > 30 else 0):pos])[-1]
    if not _HAS_CJK.search(clause_left):
        clause_left = _head(text, pos)
    return clause_left


def find_deadline(text: str, year: int | None = None) -> str | None:
    """The last day to apply that text states, or None.

    申报时间：6月16日至7月15日 → the 15th; 截止时间为…; 即日起至…; …前提交/报送. Comment periods
    (征求意见), validity (有效期至), contract-signing windows and reviews by lower bodies are not.
    """
    if not text or not _DEADLINE_HINT.search(text):
        return None
    dates = find_dates(text, year)
    if "底" in text or "末" in text:
        ends = _month_ends(text, year)
        if ends:
            dates = sorted(dates + ends, key=lambda x: x.start)
    if not dates:
        return None
    if "日" in text:
        dates = _with_day_ends(text, dates)
    found: list[tuple[int, str]] = []  # (priority, iso)
    for i, d in enumerate(dates):
        ds = d.start
        # the clause before the date (_clause_left), only read when a test below needs it: the cutoff, as-of,
        # latest and since-now tests each need one of _LEFT_KEYS in it, and it is made of the 40 characters
        # before the date (_head's window; the split's is 30), so without one there none of them holds
        keyed = _LEFT_KEYS.search(text, ds - 40 if ds > 40 else 0, ds) is not None
        clause_left = _clause_left(text, ds) if keyed else None
        prev = dates[i - 1] if i else None
        # a range: X 至 this date, under an application heading
        is_range_end = prev is not None and d.start - prev.end <= 24 and bool(
            _RANGE_SEP_RE.fullmatch(text[prev.end:d.start]))
        if is_range_end:
            head = _head(text, prev.start)
            if _RANGE_HEAD.search(head) or _APPLY_RE.search(head[-12:]):
                # (申报范围：1月1日至12月31日期间签订合同的企业: the window of the contracts, not of applying)
                after = _rx(r"[。；;，,！!\n]").split(text[d.end:d.end + 24])[0]
                if not _NOT_DEADLINE.search(head) and not _NOT_DEADLINE.search(after):
                    found.append((0, d.iso))
                    continue
            # 可在6月1日至6月30日(期间)申领/领取/提交
            tail = _rx(r"[。；;，,！!\n]").split(text[d.end:d.end + 20])[0]
            if _RANGE_TAIL_RE.match(tail) \
                    and not _NOT_DEADLINE.search(head + tail):
                found.append((0, d.iso))
                continue
        # 截止时间为 DATE / 截止日期：DATE / 于DATE截止
        cut = (_CUTOFF_LEFT.search(clause_left) or (_UNTIL_LEFT.search(clause_left) if "至" in clause_left
                                                     or "到" in clause_left else None)) if keyed else None
        # (a match of _MOVED opens with one of _MOVED_OPENS, a space or a digit: after any other it fails at once)
        if cut or (prev is not None and ((c := text[prev.end:prev.end + 1]) in _MOVED_OPENS or c.isspace()
                                         or c.isdecimal())
                   and _MOVED.fullmatch(text, prev.end, d.start) and _moved_from(_head(text, prev.start))):
            if clause_left is None:
                clause_left = _clause_left(text, ds)
            clause_right = _CLAUSE_OR_COMMA_END.split(text[d.end:d.end + 24])[0]
            # a cutoff that names the applying (申报截止到, 申领截止时间为) is read in its own comma clause: the
            # terms said before it (按合同额的40%…) are no contract window
            checked = clause_left
            if cut:
                own = _rx(r"[，,]").split(clause_left)[-1]
                if _APPLY_RE.search(own):
                    checked = own
            if not _NOT_DEADLINE.search(checked) and not _NOT_DEADLINE.search(clause_right):
                found.append((1, d.iso))
                continue
        # 申报时间：即日起开始受理，截至 DATE: a bare 截至/截止 opening its clause, in a sentence about applying
        # (截至2025年底，已累计… is a count as of a day)
        if not keyed:
            pass            # (no as-of, latest or since-now clause: on to the day-before test)
        elif ("截至" in clause_left or "截止" in clause_left) and _ASOF_LEFT.search(clause_left):
            sentence = _CLAUSE_END.split(text[(d.start - 40 if d.start > 40 else 0):d.start])[-1]
            if not _APPLY_RE.search(sentence) and _rx(r"^\s*(?:截至|截止(?:到|至)?)\s*$").match(sentence):
                # 三、申领期限。截至 DATE: the sentence is the bare 截至; the short label before it says what ends
                label = _label_before(text, d.start - len(sentence))
                if label:
                    sentence = label + sentence
            clause_right = _CLAUSE_OR_COMMA_END.split(text[d.end:d.end + 24])[0]
            if _APPLY_RE.search(sentence) and not _NOT_DEADLINE.search(sentence) \
                    and not _NOT_DEADLINE.search(clause_right) and not _COUNT_AFTER.match(clause_right):
                nxt = _CLAUSE_END.split(text[d.end:d.end + 40])[0]
                if not _COUNT_AFTER.search(nxt):
                    found.append((1, d.iso))
                    continue
        # 最迟不超过 DATE, 不晚于 DATE, in a sentence about applying
        if keyed and ("迟" in clause_left or "晚" in clause_left) and _LATEST_LEFT.search(clause_left):
            sentence = _CLAUSE_END.split(text[(d.start - 40 if d.start > 40 else 0):d.start])[-1]
            tail_clause = _CLAUSE_END.split(text[d.end:d.end + 24])[0]
            if (_APPLY_RE.search(sentence + tail_clause) or "截止" in clause_left) \
                    and not _NOT_DEADLINE.search(sentence + tail_clause):
                if not _lower_body_subject(clause_left):
                    found.append((3, d.iso))
                elif not _work_report(sentence + tail_clause):
                    found.append((4, d.iso))
                continue
        # 即日起至 DATE (止)
        # (every match of _SINCE_NOW holds 日 and 至 or 到)
        if keyed and "日" in clause_left and ("至" in clause_left or "到" in clause_left) \
                and _SINCE_NOW.search(clause_left):
            clause_right = _CLAUSE_OR_COMMA_END.split(text[d.end:d.end + 24])[0]
            if not _NOT_DEADLINE.search(clause_left) and not _rx(r"意见|建议|反馈|有效").search(clause_right):
                found.append((2, d.iso))
                continue
        # DATE (17:30) 前 提交/报送/申报 ; DATE 截止 ; 于 DATE 前完成申报
        c = text[d.end:d.end + 1]
        # (a match opens with one of _BEFORE_OPENS, a space or a digit: after any other character it fails at once)
        m = _BEFORE_RE.match(text[d.end:d.end + 20]) \
            if c in _BEFORE_OPENS or c.isspace() or c.isdecimal() else None
        if m:
            tail = text[d.end + m.end():d.end + m.end() + 24]
            if m.group(0)[-1] == "前" and _RECEIVED_BEFORE.match(tail):
                continue      # 7月1日前已受理的申请按原标准执行: which applications keep the old terms, no last day
            tail_clause = _CLAUSE_END.split(tail)[0]
            if clause_left is None:
                clause_left = _clause_left(text, ds)
            ctx = clause_left[-20:] + " " + m.group(0) + tail_clause
            if _APPLY_RE.search(ctx) and not _NOT_DEADLINE.search(ctx):
                # a day by which lower bodies (各县区, 主管部门) hand on what they gathered: only when
                # the text gives no day for the applicants themselves; none when what they hand on is an account
                # of their own work (将本地区行动开展情况报送), not applications
                if not _lower_body_subject(clause_left):
                    found.append((3, d.iso))
                elif not _work_report(ctx):
                    found.append((4, d.iso))
                continue
    if not found:
        return None
    best = min(p for p, _ in found)
    # among equally good mentions, the latest date (a second round moves the deadline later)
    return max(iso for p, iso in found if p == best)
