"""Voucher names: canonical names and their aliases, found in (already Simplified) text.

    find_vouchers("发放“大模型券”和Token券") → [模型券 at 3..7, 词元券 at 9..15]
    canonical("科技创新券") == "创新券";  canonical("消费券") is None
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..models import VOUCHERS
from .numbers import fast_re

# alias → canonical; longest first so 大模型券 wins over 模型券
ALIASES: dict[str, str] = {
    "中小企业服务券": "服务券",
    "科技创新券": "创新券",
    "数据要素券": "数据券",
    "人工智能券": "智能券",
    "大模型券": "模型券",
    "token券": "词元券",
    "Token券": "词元券",
    "TOKEN券": "词元券",
    "词元券": "词元券",
}
NAMES: dict[str, str] = {**{v: v for v in VOUCHERS}, **ALIASES}
_ALT = "|".join(sorted((re.escape(k) for k in NAMES), key=len, reverse=True))
_VOUCHER_RE = fast_re(rf"(?:{_ALT})", re.IGNORECASE)

# 服务券 of SPEC is the SME service voucher; a compound naming another service is something else
_OTHER_SERVICE = fast_re(r"(?:登记|交易|评估|咨询|检测|认证|法律|金融|物流|人力|家政|养老|医疗|旅游|文旅|交通|餐饮|"
                            r"知识产权|专利|培训|会展|设计|税务|财务|审计|认定|入表|合规|标注|托管|运维|技术)$")


_CLOSE_QUOTES = frozenset("”」』\"'’")
_tuple_new = tuple.__new__   # (VoucherMention(…) without the named tuple's Python-level __new__: the same tuple)


class VoucherMention(NamedTuple):     # (a tuple: made by the thousand, cheaply)
    start: int
    end: int
    voucher: str      # canonical
    surface: str


def canonical(name: str) -> str | None:
    """The canonical voucher name of a surface form, or None when it is not a voucher of SPEC."""
    if not name:
        return None
    s = name.strip().strip("“”\"'「」")
    hit = NAMES.get(s) or NAMES.get(s.lower()) or (NAMES.get("Token券") if s.lower() == "token券" else None)
    return hit


_LOWER_NAMES = {k.lower() for k in NAMES}
_LENGTHS = sorted({len(k) for k in NAMES}, reverse=True)


def _names_at(text: str):
    """What _VOUCHER_RE.finditer gives, found from each 券 backwards: every name ends with its only 券, so
    the longest name ending at a 券 is the leftmost match (and matches never overlap)."""
    i = text.find("券")
    while i >= 0:
        for n in _LENGTHS:
            s = i + 1 - n
            if s < 0:
                continue
            cand = text[s:i + 1]
            if cand in NAMES or (cand[0].isascii() and cand.lower() in _LOWER_NAMES):
                yield s, i + 1, cand
                break
        i = text.find("券", i + 1)


# the names that can end at a 券, by the character right before it (lower-cased), longest first: a 券
# after any other character (消费券, 优惠券) is passed over at once
_BY_PREV: dict[str, tuple[int, ...]] = {}
for _k in NAMES:
    _BY_PREV.setdefault(_k[-2].lower(), set()).add(len(_k))        # type: ignore[arg-type]
_BY_PREV = {c: tuple(sorted(ls, reverse=True)) for c, ls in _BY_PREV.items()}


def find_vouchers(text: str) -> list[VoucherMention]:
    """Every voucher named in text, in order."""
    out: list[VoucherMention] = []
    i = text.find("券")
    # (what _names_at gives, inlined, with the candidate lengths narrowed by the character before each 券)
    while i >= 0:
        lengths = _BY_PREV.get(text[i - 1].lower()) if i else None
        if lengths is not None:
            for n in lengths:
                s = i + 1 - n
                if s < 0:
                    continue
                surface = text[s:i + 1]
                canon = NAMES.get(surface)
                if canon is not None:
                    # (_add_mention inlined for a name as written, the usual case: canon is what it finds, and
                    # its token test holds only for a canon of 词元券 written otherwise)
                    end = i + 1
                    after = end + 1 if text[end:end + 1] in _CLOSE_QUOTES else end
                    if text.startswith("类", after) and not text.startswith(("类型", "类别"), after):
                        pass     # 人工智能券类政策: 券类 names a kind of policy, no voucher
                    elif surface == "服务券" and _OTHER_SERVICE.search(text[(s - 4 if s > 4 else 0):s]):
                        pass     # 数据产权登记服务券, 检测服务券 …: other vouchers, not the 服务券 of SPEC
                    elif canon == "词元券" and surface != "词元券" and s > 0 and text[s - 1].isalnum() \
                            and not ("\u4e00" <= text[s - 1] <= "\u9fff"):
                        pass
                    else:
                        out.append(_tuple_new(VoucherMention, (s, end, canon, surface)))
                    break
                if surface[0].isascii() and surface.lower() in _LOWER_NAMES:
                    _add_mention(text, s, i + 1, surface, out)
                    break
        i = text.find("券", i + 1)
    return out


def _add_mention(text: str, start: int, end: int, surface: str, out: list) -> None:
    canon = NAMES.get(surface) or ("词元券" if surface.lower() == "token券" else None)
    if canon is None:
        return
    after = end + 1 if text[end:end + 1] in _CLOSE_QUOTES else end
    if text.startswith("类", after) and not text.startswith(("类型", "类别"), after):
        return   # 人工智能券类政策, “算力券”类支持: 券类 names a kind of policy (vouchers in general), no voucher
    if surface == "服务券" and _OTHER_SERVICE.search(text[max(0, start - 4):start]):
        return   # 数据产权登记服务券, 检测服务券 …: other vouchers, not the 服务券 of SPEC
    if surface.lower() == "token券" and start > 0 and text[start - 1].isalnum() \
            and not ("\u4e00" <= text[start - 1] <= "\u9fff"):
        return
    out.append(_tuple_new(VoucherMention, (start, end, canon, surface)))
