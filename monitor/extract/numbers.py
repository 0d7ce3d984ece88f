"""Numbers in Chinese policy text: amounts of money, shares and discounts.

Pure functions, text in, numbers out. Every finder works on bounded patterns (no nested
quantifiers), so hostile input cannot make them backtrack for long.

    parse_int("两千") == 2000          parse_amount("0.5亿元") == 50_000_000
    parse_amount("伍佰万元") == 5_000_000   parse_ratio("百分之三十") == 0.3
    parse_ratio("4折") == 0.6 (the buyer pays 40 %, the voucher 60 %)
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


# ------------------------------------------------------------------ regex compile helper (shared by the finders)

try:
    from re import _constants as _sre_c, _parser as _sre_parse   # Python ≥ 3.11
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre_c  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_FIRST_MAX = 400        # a class of more first characters than this is no cheaper than the pattern itself


def _first_set(items, out: set) -> bool:
    """Add to out every character a match of the sequence `items` can start with; True when the
    sequence can match the empty string (then the caller must look further). Raises ValueError when
    the first character cannot be bounded (., a negated class, a category other than digits)."""
    c = _sre_c
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av))
            return False
        if op is c.IN:
            for iop, iav in av:
                if iop is c.LITERAL:
                    out.add(chr(iav))
                elif iop is c.RANGE and iav[1] - iav[0] < _FIRST_MAX:
                    out.update(map(chr, range(iav[0], iav[1] + 1)))
                elif iop is c.CATEGORY and iav in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE):
                    out.add("\\d" if iav is c.CATEGORY_DIGIT else "\\s")
                else:
                    raise ValueError("unbounded class")
            return False
        if op is c.SUBPATTERN:
            if not _first_set(av[-1], out):
                return False
            continue
        if op is c.BRANCH:
            nullable = False
            for alt in av[1]:
                nullable |= _first_set(alt, out)
            if not nullable:
                return False
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            lo, _, item = av
            nullable = _first_set(item, out)
            if lo > 0 and not nullable:
                return False
            continue
        if op is getattr(c, "ATOMIC_GROUP", None):
            if not _first_set(av, out):
                return False
            continue
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue       # zero width: the first character is that of what follows
        raise ValueError(f"cannot bound {op}")
    return True


_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def fast_re(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile, with a look-ahead on the possible first characters put in front when the pattern has
    no literal prefix or first-character set of its own (re then tries the whole pattern at every
    position; a look-ahead class rejects most positions at once). The matches are the same: the
    look-ahead only states what every match already starts with."""
    compiled = re.compile(pattern, flags)
    if compiled.flags & (re.IGNORECASE | re.VERBOSE):
        return compiled     # (case variants and verbose whitespace are not bounded here)
    lead = _INLINE_FLAGS.match(pattern)
    prefix, body = (lead.group(0), pattern[lead.end():]) if lead else ("", pattern)
    try:
        parsed = _sre_parse.parse(pattern, flags)
        items = list(parsed)
        if not items:
            return compiled
        op, av = items[0]
        while op is _sre_c.SUBPATTERN and len(av[-1]) and av[-1][0][0] is not None:
            op, av = av[-1][0]
        if op is _sre_c.LITERAL or op is _sre_c.IN or (op is _sre_c.ASSERT and av[0] == 1) or op is _sre_c.AT:
            # re already skips to the first character, or the pattern has its own look-ahead, or it opens
            # with an anchor (^, \b: a cheaper test at each position than a class)
            return compiled
        if op is _sre_c.BRANCH and all(alt and alt[0][0] is _sre_c.LITERAL for alt in av[1]):
            return compiled
        first: set = set()
        if _first_set(items, first) or not first or len(first) > _FIRST_MAX:
            return compiled     # can match the empty string, or no useful bound
    except (ValueError, TypeError, re.error, RecursionError):
        return compiled
    cls = "".join(ch if ch in ("\\d", "\\s") else re.escape(ch) for ch in sorted(first))
    return re.compile(f"{prefix}(?=[{cls}])(?:{body})", flags)


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The characters a match of pattern can open with ('\\d' and '\\s' standing for any digit and any space);
    None when they cannot be bounded (an empty match, ., a negated class, case folding …)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    first: set = set()
    try:
        if _first_set(list(_sre_parse.parse(pattern.pattern, pattern.flags & ~re.UNICODE)), first) or not first:
            return None
    except (ValueError, TypeError, re.error, RecursionError):
        return None
    return frozenset(first)


_rx = lru_cache(maxsize=None)(fast_re)   # a pattern written inline, compiled once
_tuple_new = tuple.__new__   # (Amount(a, b, c, d) without the named tuple's Python-level __new__: the same tuple)
# (a window's start is written `x - k if x > k else 0`: max(0, x - k) without a builtin call, in the hot paths)

_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
           "三": 3, "叁": 3, "參": 3, "叄": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
           "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

CN_NUM_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS)
_NUM = r"\d+(?:[.,]\d+)*"  # arabic, with thousands separators or decimals
# 一亿二千万: a big unit inside the numeral (followed by more digits) stays part of it
_CN = (f"[{CN_NUM_CHARS}]{{1,12}}(?:[亿万](?=[{''.join(_DIGITS)}])[{CN_NUM_CHARS}]{{1,12}})*"
       f"(?:点[零〇一二三四五六七八九]{{1,4}})?")
_UNIT = r"(?:万亿|亿|万|千|百)"


def parse_int(text: str) -> int | None:
    """A Chinese or Arabic numeral (no unit of money) as an int; None when it is not one."""
    v = parse_number(text)
    if v is None or v != int(v):
        return None
    return int(v)


def parse_number(text: str) -> float | None:
    """'30' '1,000' '2.5' '三十' '两千五百' '伍佰' '一万二' '1.5万' → number; None when unreadable."""
    if text is None:
        return None
    s = str(text).strip().replace(" ", "")
    if not s:
        return None
    m = _rx(r"(\d+(?:,\d{3})*(?:\.\d+)?|\d*\.\d+)(万亿|亿|万|千|百)?").fullmatch(s)
    if m:
        try:
            v = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        mult = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 1000, "百": 100, None: 1}[m.group(2)]
        return _clean(v * mult)
    return _parse_cn(s)


def _clean(v: float) -> float:
    r = round(v)
    return float(r) if abs(v - r) < 1e-6 else round(v, 6)


def _parse_cn(s: str) -> float | None:
    """Chinese numerals incl. financial forms; digits may be mixed in (3千万); 一点二亿."""
    if any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS
           and not ch.isdigit() and ch not in ".点" for ch in s):
        return None
    if all(ch in _BIG_UNITS for ch in s):
        return None   # 万 alone is a unit, not a number
    if "点" in s:      # 一点二亿 = 1.2亿
        m = _rx(r"(.+?)点([零〇一二三四五六七八九]{1,6})(万亿|亿|万)?").fullmatch(s)
        if not m:
            return None
        whole = _parse_cn(m.group(1))
        if whole is None:
            return None
        frac = float("0." + "".join(str(_DIGITS[c]) for c in m.group(2)))
        mult = {"万亿": 10**12, "亿": 10**8, "万": 10**4, None: 1}[m.group(3)]
        return _clean((whole + frac) * mult)
    # plain digit sequence written with Chinese digits: 二〇二五
    if len(s) > 1 and all(ch in _DIGITS for ch in s):
        return float(int("".join(str(_DIGITS[ch]) for ch in s)))
    total = 0.0
    section = 0.0
    number = None  # pending digit
    last_unit = 1
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit() or ch == ".":
            j = i
            while j < len(s) and (s[j].isdigit() or s[j] == "."):
                j += 1
            try:
                number = float(s[i:j])
            except ValueError:
                return None
            i = j
            continue
        if ch in _DIGITS:
            number = float(_DIGITS[ch])
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            section += (number if number is not None else 1.0) * unit
            number = None
            last_unit = unit
        else:  # big unit
            unit = _BIG_UNITS[ch]
            section += number or 0.0
            number = None
            if section == 0:
                section = 1.0
            if unit == 100_000_000:
                total = (total + section) * unit
            else:
                total += section * unit
            section = 0.0
            last_unit = unit
        i += 1
    if number is not None:
        # 一万二 = 12000, 两千五 = 2500: a trailing digit after a unit counts one step down
        if last_unit >= 10 and s[-2:-1] and (s[-2] in _SMALL_UNITS or s[-2] in _BIG_UNITS) and number < 10:
            number *= last_unit / 10
        section += number
    return _clean(total + section)


# ------------------------------------------------------------------ money

class Amount(NamedTuple):     # (a tuple: made by the thousand, cheaply)
    start: int
    end: int
    yuan: int
    text: str


# 1亿元 0.5亿元 5000万元 两千万元 1,000万元 伍佰万元 300万 2000元 20000元 5万元 1.5万
# (a Chinese numeral only counts when a unit of money follows it: checked inside the pattern, so the
# many 一/十/百 of ordinary words never become candidates)
_AMOUNT_RE = fast_re(
    rf"(?=[\d{CN_NUM_CHARS}])(?<![\d.,])(?:({_NUM})\s*({_UNIT})?|((?>{_CN}))(?=\s*(?:万亿|亿|万|元|块)))\s*(万亿|亿|万)?\s*(元|块)?")
_VAGUE_BEFORE = frozenset("数几上近好多逾")
# every character a match of _AMOUNT_RE can hold (besides digits and spaces)
_AMOUNT_CHARS = frozenset(".," + CN_NUM_CHARS + "万亿千百点元块" + "0123456789 \t\n")
_AMOUNT_MARK = re.compile("[元万亿块]")
_EXACT = 2 ** 53
_MULT = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 1000, "百": 100, None: 1}


def _scan_start(text: str, first: int, chars: frozenset) -> int:
    """Where a scan for matches that each hold a mark, the first of which is at `first`, may start: the start
    of the run of characters a match can hold (`chars`, digits, spaces) that ends right before that mark. No
    match straddles it (the character before it is in none), and none before it holds a mark."""
    k = first
    while k and (text[k - 1] in chars or text[k - 1].isdecimal() or text[k - 1].isspace()):
        k -= 1
    return k


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money in text (needs 元 or a 万/亿 unit), in yuan, in order."""
    out: list[Amount] = []
    if "元" not in text and "万" not in text and "亿" not in text:
        return out
    # (every amount kept holds 元, 块, 万 or 亿: the scan starts at the run that leads to the first of them;
    # a match before it holds none and is dropped below)
    k = _AMOUNT_MARK.search(text).start()
    while k and text[k - 1] in _AMOUNT_CHARS:    # (_scan_start inlined; its digits and spaces are in the set,
        k -= 1                                   # any other one ends the walk and is tested below)
    if k and (text[k - 1].isdecimal() or text[k - 1].isspace()):
        k = _scan_start(text, k, _AMOUNT_CHARS)
    for m in _AMOUNT_RE.finditer(text, k):
        arabic, unit1, cn, unit2, yuan = m.groups()
        if not (yuan or unit1 in ("万", "亿", "万亿") or unit2):
            continue
        if cn is not None and not (yuan or unit2) and cn[-1] not in "万亿":
            continue
        if arabic is not None:       # what parse_amount(m.group(0)) gives, read from the groups
            if len(arabic) > 24:
                continue     # (a run of digits no amount of money has: no float overflow on garbage)
            if arabic.isascii() and arabic.isdigit():
                # (whole ASCII digits: the float product is exact below 2**53, so int() of it is this)
                v = int(arabic) * _MULT[unit1] * _MULT[unit2]
                if v >= _EXACT:
                    v = int(round(float(arabic) * _MULT[unit1] * _MULT[unit2]))
            else:
                if arabic.count(".") > 1:
                    continue
                v = int(round(float(arabic.replace(",", "")) * _MULT[unit1] * _MULT[unit2]))
        else:
            f = _parse_cn(cn + (unit2 or ""))
            v = None if f is None else int(round(f))
        if v is None or v <= 0:
            continue
        start, end = m.span()
        # 万元 alone (no digits) is not an amount; "万" after a word (千万不要) is filtered by needing digits
        # (十万元 is ten 万: a lone 十/拾 is a numeral, unless a vague word makes it a magnitude: 数十万元, 几十万)
        if arabic is None and cn is not None and all(ch in _SMALL_UNITS for ch in cn) and not (
                cn in ("十", "拾") and (start == 0 or text[start - 1] not in _VAGUE_BEFORE)):
            continue
        while end > start and text[end - 1] == " ":
            end -= 1
        out.append(_tuple_new(Amount, (start, end, v, text[start:end])))
    return out


def parse_amount(text: str) -> int | None:
    """'1亿元' '0.5亿元' '5000万元' '两千万元' '1,000万元' '伍佰万元' '300万' '2000元' → yuan; else None."""
    if not text:
        return None
    s = _rx(r"\s+").sub("", str(text))
    s = _rx(r"(人民币|元|块|RMB)$").sub("", s)
    s = s.removeprefix("人民币")
    if not s:
        return None
    m = re.fullmatch(rf"({_NUM})(万亿|亿|万|千|百)?(万亿|亿|万)?", s)
    if m:
        try:
            v = float(m.group(1).replace(",", "")) if m.group(1).count(".") <= 1 else None
        except ValueError:
            v = None
        if v is None:
            return None
        for u in (m.group(2), m.group(3)):
            v *= {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 1000, "百": 100, None: 1}[u]
        return int(round(v))
    v = _parse_cn(s)
    return None if v is None else int(round(v))


# ------------------------------------------------------------------ shares

class Share(NamedTuple):     # (a tuple: made by the thousand, cheaply)
    start: int
    end: int
    value: float        # share paid by the subsidy, 0..1
    kind: str           # pct | discount | pay | cheng
    text: str


# (each pattern opens with a lookahead on its first character: the scan skips other text fast)
# (a number is not tried from inside a run of digits: what matches there matches from the run's start,
# which the scan reaches first, and no match ends right before a digit)
_PCT_RE = fast_re(
    rf"(?=[百\d])(?:百分之\s*({_CN}|{_NUM})|(?<!\d)({_NUM})\s*[%％](?!\d)|(?<!\d)({_NUM})\s*(?:个)?百分点)")
# 七折, 7.5折, and the two-digit ones said as digits (七五折, 七点五折, 75折 are all 7.5折)
_DISCOUNT_RE = fast_re(r"(?=[\d一二三四五六七八九])(?<![\d.])(\d(?:\.\d{1,2})?|[1-9]{2}|"
                       r"[一二三四五六七八九](?:点?[一二三四五六七八九])?)\s*折(?![旧叠腾算合返射])")
_CHENG_RE = fast_re(r"(?=[\d一二三四五六七八九两])(?<![\d.])(\d|[一二三四五六七八九两])\s*成(?![本功员立果为长熟效型绩交立就品都交])")
_PAY_RE = fast_re(r"(?:仅需|只需|仅|只|自行|自)(?:支付|承担|负担|付|筹)\s*"
                     r"(?:比例)?\s*(?:应|须)?(?:不低于|不少于|不得低于|为)?\s*(?:剩余|其余|余下)?\s*"
                     r"(?:[\u4e00-\u9fa5]{0,6}?(?:费用|价格|金额|价款|成本|款项|费|价)的?|的)?\s*$")


def _pays(text: str, start: int, end: int) -> bool:
    """True when the share text[start:end] is what the buyer pays (so the voucher pays the rest). The
    subject and the verb decide, before or after the number: 企业仅需支付45% / 企业承担45% / 企业按价格的
    75%支付 / 40%由企业承担 are the buyer's; 由算力券支付30% / 30%由算力券资金支付 / 按合同金额的30%给予补贴 /
    按企业支付费用的30%给予补贴 are the voucher's."""
    left = text[(start - 16 if start > 16 else 0):start]
    right = text[end:end + 16]
    r8 = right[:8]
    if "由" in r8 or "给" in r8 or "予" in r8 or "补" in r8 or "助" in r8 \
            or "奖" in r8 or "抵" in r8 or "支持" in r8 or "减免" in r8:
        m = _PAID_BY_RE.match(right)
        if m is not None:       # 40%由企业承担 (the buyer), 30%由算力券资金支付 (the voucher)
            return _BUYER_RE.search(m.group(1)) is not None and _PAYER_NOT_BUYER.search(m.group(1)) is None
        if _SUBSIDY_AFTER_RE.match(right):
            return False        # 按企业支付费用的30%给予补贴: the voucher's share of what the buyer paid
    if ("仅" in left or "只" in left or "自" in left) and _PAY_RE.search(left) is not None:
        return True
    if ("收" in right or "计" in right or "定价" in right) and "价" in left and _CHARGED_RE.match(right) \
            and _PRICE_SHARE_RE.search(_CLAUSE_SPLIT.split(left)[-1]):
        return True             # 服务商按市场价格的80%收费: the price charged is the buyer's part
    if not _BUYER_HINT.search(left):
        return False
    clause = _CLAUSE_SPLIT.split(left)[-1]
    b = _BUYER_RE.search(clause)
    if b is None or _NOT_SUBJECT.search(clause, 0, b.start()):
        return False            # 对企业… 按企业… 算力券抵扣企业…: the buyer is not the one who pays here
    if _BUYER_PAYS_LEFT.match(clause, b.end()):
        return True             # 企业承担45% / 企业需支付合同金额的70%
    # 企业按市场价格的75%支付: the buyer opens the clause, the verb follows the share
    return _BY_RE.search(clause, b.end()) is not None and _BUYER_PAYS_RIGHT.match(right) is not None


_BUYER = (r"(?:企业|用户|客户|单位|主体|个人|买方|购买方|采购方|需求方|使用方|申请人|申领人|商户|商家)")
_BUYER_RE = fast_re(_BUYER)
_BUYER_HINT = fast_re(r"企业|用户|客户|单位|主体|个人|买方|方|申请人|申领人|商户|商家")
_PAYER_NOT_BUYER = fast_re(r"券|财政|政府|资金|专项|平台|补贴|补助|奖补|基金")
_PAY_VERB = r"(?:支付|承担|负担|自付|自筹|付费|缴纳|出资|结算|付款)"
_CLAUSE_SPLIT = fast_re(r"[，,、。；;：:！？!?\n]")
_CHARGED_RE = fast_re(r"\s*(?:的?(?:价格|费用|标准))?\s*(?:向[^，,、。；;\d]{1,8}?)?(?:收费|收取|计费|计价|定价)(?!补贴|补助|奖励)")
_PRICE_SHARE_RE = fast_re(r"[按以依][^按以依]{0,10}价(?:格|款)?的?\s*$")
# (what stands before the buyer when the buyer is not the payer: an object of 对/按/补贴…, or a voucher as subject)
_NOT_SUBJECT = fast_re(r"[按对向给为帮补助持励抵扣减免据依以]|券|财政|政府|资金")
# (企业承担45%, 企业承担比例为45%; a cost between the verb and the share only after a modal, 企业需支付合同金额的
# 70%: without one, 企业实际支付金额的30% names the cost, not who pays the share)
_BUYER_PAYS_LEFT = fast_re(
    rf"(?:(?:仅需|只需|需要|需|须|应|自行|自|仅|只)(?:再|另|自行)?{_PAY_VERB}\s*"
    r"(?:(?!的)[\u4e00-\u9fa5]{0,6}?(?:费用|价格|金额|价款|成本|款项|费|价)的?)?|"
    rf"(?:则|即|可|再|另)?{_PAY_VERB})\s*"
    r"(?:的?比例)?\s*(?:为|是|不低于|不少于|不得低于|不超过|最低|最多)?\s*(?:(?:剩余|其余|余下)的?)?\s*$")
_BY_RE = fast_re(r"[按以依]")
_BUYER_PAYS_RIGHT = fast_re(rf"\s*(?:的?(?:费用|价款|金额|部分|款项))?\s*(?:的?比例)?\s*(?:自行|自)?{_PAY_VERB}(?!补贴|补助|资助|奖励)")
_PAID_BY_RE = fast_re(r"\s*(?:的?(?:费用|价款|金额|部分|款项|资金))?\s*由\s*([^，,。；;：:\n]{1,12}?)\s*"
                      rf"(?:自行|自|予以|给予|负责)?(?:{_PAY_VERB}|补贴|补助|资助|兑付|抵扣|抵减|报销|解决|安排)")
_SUBSIDY_AFTER_RE = fast_re(r"\s*(?:的)?(?:比例)?\s*(?:给予|予以|进行|补贴|补助|资助|奖励|支持|抵扣|抵减|减免|的补)")


# 服务费用一半 / 合同金额的一半: half of a cost; 由算力券承担一半 / 补贴半数: half borne by the subsidy
_HALF_RE = fast_re(r"(?=[的一半])(?:(?<=[用额格款本出])的?|(?<=承担|负担|补贴|补助|资助|报销|抵扣|抵减|减免|支付|兑付))"
                   r"(一半|半数)(?!以上|左右|多)")


def parse_ratio(text: str) -> float | None:
    """One share: '30%' '百分之三十' '三成' '4折' (→0.6) '8.5折' (→0.15) '七折' (→0.3); else None."""
    if not text:
        return None
    s = _rx(r"\s+").sub("", str(text))
    shares = find_shares(s, strict=False)
    if not shares:
        return None
    return shares[0].value


_SHARE_HINT = fast_re(r"[%％折成半]|百分|分之")
_HALF_PRICE_RE = fast_re(r"(?:按|以|享受?|打|给予|实行|执行)[\u4e00-\u9fa5]{0,6}?(半价|对折)")
# 三分之一, 2分之1: a fraction (百分之 is read as a percentage above)
_FRACTION_RE = fast_re(r"(?<![百千万\d])([一二三四五六七八九十两]|\d{1,2})分之([一二三四五六七八九十两]{1,2}|\d{1,2})(?![\d十])")


def find_shares(text: str, *, strict: bool = True) -> list[Share]:
    """Every share in text, as the share the subsidy pays (0..1). strict: X成 needs a subsidy word before it."""
    out: list[Share] = []
    # (what _SHARE_HINT.search tells, by substring tests)
    if not ("%" in text or "％" in text or "折" in text or "成" in text or "半" in text or "百分" in text
            or "分之" in text):
        return out
    if "半" in text:
        for m in _HALF_RE.finditer(text):
            value, kind = (0.5, "pay") if _pays(text, m.start(1), m.end(1)) else (0.5, "pct")
            out.append(Share(m.start(1), m.end(1), value, kind, m.group(1)))
    if "半价" in text or "对折" in text:
        for m in _HALF_PRICE_RE.finditer(text):      # 按市场价半价结算, 打对折: half the price, a 五折
            out.append(Share(m.start(1), m.end(1), 0.5, "discount", m.group(1)))
    # (every match of _PCT_RE holds %, ％ or 百分: the scan starts at the run that leads to the first of them)
    mark = _PCT_MARK.search(text)     # (the first of %, ％ and 百分: the least of their find())
    if mark is not None:
        k = mark.start()
        while k and text[k - 1] in _PCT_CHARS:     # (_scan_start inlined; its digits and spaces are in the set,
            k -= 1                                 # any other one ends the walk and is tested below)
        if k and (text[k - 1].isdecimal() or text[k - 1].isspace()):
            k = _scan_start(text, k, _PCT_CHARS)
        for m in _PCT_RE.finditer(text, k):
            pct_cn, pct_num, points = m.groups()
            if points is not None:       # 个百分点: a change in a rate, never a share on its own
                raised = _raised_share(text, m, out)
                if raised is not None:
                    out.append(raised)
                continue
            raw = pct_cn or pct_num
            # (plain ASCII digits, the usual case: what parse_number gives, without its pattern; below 16
            # digits the float is whole and exact, which _clean returns as it is)
            if raw and len(raw) > 24:
                continue     # (far above 100 or garbage: no float overflow)
            if raw and raw.isascii() and raw.isdigit():
                v = float(raw) if len(raw) < 16 else _clean(float(raw))
            else:
                v = parse_number(raw) if raw else None
            if v is None or v < 0 or v > 100:
                continue
            value = v / 100.0
            kind = "pct"
            s, e = m.span()
            if _pays(text, s, e):
                value, kind = 1.0 - value, "pay"
            out.append(_tuple_new(Share, (s, e, round(value, 6), kind, m.group(0))))
    for m in (_FRACTION_RE.finditer(text) if "分之" in text else ()):
        den, num = parse_number(m.group(1)), parse_number(m.group(2))
        if den and num is not None and 0 < num < den:
            value = num / den
            value, kind = (1.0 - value, "pay") if _pays(text, m.start(), m.end()) else (value, "pct")
            out.append(Share(m.start(), m.end(), round(value, 6), kind, m.group(0)))
    for m in (_DISCOUNT_RE.finditer(text) if "折" in text else ()):
        raw = m.group(1).replace("点", "")
        if raw[0].isdigit():
            v = float(raw) / 10.0 if len(raw) == 2 else float(raw)     # (75折: 7.5折)
        else:
            v = _DIGITS[raw[0]] + (_DIGITS[raw[1]] / 10.0 if len(raw) > 1 else 0.0)
        if not 0 < v < 10:
            continue
        out.append(Share(m.start(), m.end(), round(1.0 - v / 10.0, 6), "discount", m.group(0)))
    for m in (_CHENG_RE.finditer(text) if "成" in text else ()):
        raw = m.group(1)
        v = float(raw) if raw.isdigit() else float(_DIGITS[raw])
        if not 0 < v <= 10:
            continue
        left = text[(m.start() - 16 if m.start() > 16 else 0):m.start()]
        if _pays(text, m.start(), m.end()):     # 仅需支付采购费用的六成: the buyer's part, the voucher pays the rest
            out.append(Share(m.start(), m.end(), round(1.0 - v / 10.0, 6), "pay", m.group(0)))
            continue
        if strict and not _rx(r"按|给予|补贴|补助|资助|承担|抵扣|支持|奖励|最高|不超过|比例|费用|金额").search(left[-12:]) \
                and not _rx(r"的?(?:补贴|补助|资助|奖励|抵扣|减免)(?!资金|金额|款|项目|对象|已|政策)").match(text, m.end()):
            continue        # (可获三成补贴: the subsidy word after the share names it too)
        out.append(Share(m.start(), m.end(), round(v / 10.0, 6), "cheng", m.group(0)))
    if len(out) > 1:
        out.sort(key=_START)
    return out


# every character a match of _PCT_RE can hold (besides digits and spaces)
_PCT_CHARS = frozenset(".,个%％百分之点万亿" + CN_NUM_CHARS + "0123456789 \t\n")
_PCT_MARK = re.compile("%|％|百分")
_RATE_WORD = fast_re(r"增速|增长|同比|环比|占比|比重|(?<!贴)(?<!助)(?<!持)(?<!扣)率")
_RAISE_LEFT = fast_re(r"(?:再|另|额外|可|相应|分别)?(?:提高|增加|上浮|提升|上调)\s*$")


def _raised_share(text: str, m: re.Match, before: list[Share]) -> Share | None:
    """按25%给予支持…再提高5个百分点: a share raised by points for some applicants, read as the raised
    share (0.3), spanning from the base share; 'rose by 5 points' (提高了) is a change, not a share."""
    if not _RAISE_LEFT.search(text, (m.start() - 6 if m.start() > 6 else 0), m.start()):
        return None
    base = None
    for s in reversed(before):
        if s.kind == "pct" and s.end <= m.start() and not _rx(r"[。；;\n]").search(text, s.end, m.start()):
            base = s
            break
        # 按40%给予抵扣；使用国产云的，抵扣比例再提高10个百分点: the next clause of the same item raises the
        # share when it says so (再/另 提高, or names the 比例 it raises)
        # (across a full stop of the same paragraph only when the raising sentence names the 比例 it raises)
        if s.kind == "pct" and s.end <= m.start() and "\n" not in text[s.end:m.start()]:
            stop = max(text.rfind("。", s.end, m.start()), text.rfind("；", s.end, m.start()),
                       text.rfind(";", s.end, m.start()))
            if stop >= 0 and not _rx(r"[。；;]").search(text, s.end, stop) \
                    and _rx(r"比例|标准" if text[stop] == "。" else r"比例|标准|再|另行?|额外").search(text, stop, m.start()):
                base = s
            break
    if base is None or _RATE_WORD.search(text, base.end, m.start()):
        return None
    try:
        pts = float(m.group(3).replace(",", ""))
    except ValueError:
        return None
    value = round(base.value + pts / 100.0, 6)
    if not 0 < value <= 1:
        return None
    return Share(base.start, m.end(), value, "pct", text[base.start:m.end()])


def _START(s: Share) -> int:
    return s.start
