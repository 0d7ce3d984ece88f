"""Document-level facts read from the text: stage, issuer, document number, publication date, repeal.

All pure: text (already normalised) and what the page parser found in, values out.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

from .dates import find_dates, parse_date
from .numbers import fast_re

_rx = lru_cache(maxsize=None)(fast_re)   # a pattern written inline, compiled once

# ------------------------------------------------------------------ document number

_YEAR_BR = r"[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]"
DOC_NO_RE = fast_re(rf"([\u4e00-\u9fa5]{{1,14}}){_YEAR_BR}\s*(?:第\s*)?(\d{{1,4}})\s*号")
_BR_YEAR_RE = fast_re(rf"{_YEAR_BR}\s*(?:第\s*)?\d{{1,4}}\s*号")


def _doc_numbers(text: str):
    """DOC_NO_RE matches, found from the bracketed year backwards (linear, not a scan at every character)."""
    last = -1
    for b in _BR_YEAR_RE.finditer(text):
        start = b.start()
        k = start
        while k > 0 and start - k < 14 and "\u4e00" <= text[k - 1] <= "\u9fa5":
            k -= 1
        if k == start or k < last:
            continue
        m = DOC_NO_RE.match(text, k)
        if m:
            last = m.end()
            yield m
_CITE_CUE = fast_re(r"(?:根据|按照|依据|依照|参照|参见|见|贯彻|落实|执行|转发|印发的|废止|修订|替代|原)[^。；\n]{0,40}$")
_NO_LABEL = fast_re(r"(?:发文字号|文号|发文号|文件编号|字号)\s*[:：]?\s*$")
_NOT_PREFIX = fast_re(r"^(?:的|和|及|与|号|以)")


def find_doc_number(text: str, meta: Mapping[str, Any] | None = None, title: str | None = None) -> str | None:
    """The document's own 文号 (X〔2025〕N号), not one it cites."""
    if meta:
        for k in ("doc_number", "document_number", "文号", "发文字号"):
            v = meta.get(k)
            if v and isinstance(v, str) and DOC_NO_RE.search(v):
                return _fmt(DOC_NO_RE.search(v))
    if not text:
        return None
    head = text[:200000]
    labelled = None
    standalone = None
    first = None
    for m in _doc_numbers(head):
        left = head[max(0, m.start() - 60):m.start()]
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line_end = len(head) if line_end < 0 else line_end
        line = head[line_start:line_end].strip()
        prefix = m.group(1)
        # the number's own agency prefix: the tail of the CJK run before 〔, cut at a cue word
        if _NO_LABEL.search(left):
            labelled = labelled or m
            continue
        if line == head[m.start():m.end()].strip() or re.fullmatch(r"[\s（(]*" + re.escape(m.group(0)) + r"[\s）)]*", line):
            standalone = standalone or m
            continue
        # cited: after 根据/按照…, right after 《…》, or inside brackets following a title
        if _CITE_CUE.search(left) or _rx(r"》\s*[（(]?\s*$").search(head[max(0, m.start() - 4):m.start()] + "") \
                or _rx(r"》[^。；\n]{0,3}$").search(left):
            continue
        if "《" in left and "》" not in left[left.rfind("《"):]:
            continue  # inside a title
        if _NOT_PREFIX.search(prefix):
            continue
        first = first or m
    best = labelled or standalone or first
    if best is None and meta and meta.get("source_line"):
        # the number in the page's info line above the body (文号 发布日期 点击数)
        line = str(meta["source_line"])
        for m in _doc_numbers(line):
            if not _CITE_CUE.search(line[:m.start()] + m.group(1)) and "《" not in line[:m.start()]:
                return _fmt(m)
    return _fmt(best) if best else None


def _fmt(m: re.Match) -> str:
    s = m.group(0)
    # trim a leading verb or cue word glued to the agency prefix (印发深工信规〔…）
    prefix = m.group(1)
    cut = _rx(r"(?:印发|发布|文号|字号|根据|按照|依据|关于|通知|附件)").search(prefix)
    if cut:
        s = s[cut.end():]
    return _rx(r"\s+").sub("", s)


# ------------------------------------------------------------------ issuer

_ORGAN = (r"(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|管理委员会|管委会|委员会|办公厅|办公室|"
          r"局|厅|委|部|署|中心|政府|办|院|交易所|工作领导小组|(?<!公)司(?![法令机]))")
# (司: a department of a ministry or national bureau, 国家数据局综合司, 政策和规划司; never a company, 公司)
_ISSUER_TITLE = fast_re(rf"^([\u4e00-\u9fa5、 （）()]{{2,60}}?{_ORGAN})\s*(?:关于|印发|发布|转发)")
# the article's info line: 发布机构：X  来源：X  发布单位：X (an organ, not a newspaper)
_ISSUER_LABEL = fast_re(
    rf"(?:发布机构|发文机关|发文单位|发布单位|发布部门|信息来源|来源)\s*[:：]\s*"
    rf"([\u4e00-\u9fa5（）()]{{2,40}}?{_ORGAN})(?=$|[\s　|｜,，;；]|发布|时间|日期)")
_ORGAN_LINE = fast_re(rf"^[\u4e00-\u9fa5、 ]{{3,40}}{_ORGAN}$")
_GLUED_SIGNATURE = fast_re(rf"(?<=[A-Za-z0-9@.:：])([\u4e00-\u9fa5]{{3,40}}{_ORGAN})$")


def find_issuer(text: str, title: str | None = None, meta: Mapping[str, Any] | None = None,
                region: str = "") -> str | None:
    """Who issued the document: meta, then the title (X关于…的通知), then the info line (发布机构：X),
    then the signature line. Brackets inside the name are the full-width ones it is written with."""
    v = _find_issuer(text, title, meta, region)
    return _cjk_parens(v) if v else v


_META_ORGAN = fast_re(_ORGAN + r"$")


def _find_issuer(text: str, title: str | None, meta: Mapping[str, Any] | None, region: str) -> str | None:
    v = _find_issuer_as_named(text, title, meta, region)
    if v and text:
        # a short name (区经委, 市工信局, 东丽区政府办): the full name the document itself writes
        return _written_full_name(v, text, title) or v
    return v


def _starts_with_place(name: str, region: str) -> bool:
    try:
        from . import regions as R
        rms = R.find_regions(name[:12], region or None)
    except Exception:  # noqa: BLE001
        return True
    if not rms or rms[0].start != 0:
        return bool(_rx(r"^(?:国家|中华人民共和国|国务院|中国)").match(name))
    return not _rx(r"^(?:本|我)?[市区县州旗]").match(name) and rms[0].surface != name[:1]


_FULL_ORGAN_IN_TEXT = fast_re(rf"[\u4e00-\u9fa5]{{2,30}}?{_ORGAN}")


def _written_full_name(short: str, text: str, title: str | None) -> str | None:
    """The document's own full name for a body it names in short (区经委 → 上海市宝山区经济委员会): an
    organ line (the signature) or the title's issuer, longer, starting with a place, holding the short
    name's characters in order and ending in the same kind of organ."""
    cands: list[str] = []
    if title:
        m = _ISSUER_TITLE.match(title.strip())
        if m:
            cands.append(m.group(1).strip())
    kind = short[-1]
    # the lines whose last three characters hold the organ's kind, the signature's (the latest) first
    lines: list[str] = []
    p = text.find(kind)
    while p >= 0:
        e = text.find("\n", p)
        e = len(text) if e < 0 else e
        if len(text[p + 1:e].strip()) <= 2:
            ln = text[text.rfind("\n", 0, p) + 1:e].strip()
            if len(ln) <= 40 and _SIGNATURE_ORGAN.match(ln):
                lines.append(ln)
        p = text.find(kind, e)
    cands += lines[::-1]
    for c in cands:
        if _rx(r"[\s、]").search(c.strip()):
            continue          # joint issuers (A局 B局): not one body's full name
        c = c.strip()
        bare = c[2:] if c.startswith("中共") else c       # (a party body: 中共泉州市委…)
        if len(c) > len(short) and kind in c[-3:] and _names_same_body(short, bare) and _starts_with_place(bare, ""):
            return c
    return None


def _in_order(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


# a relative name's level and affiliation (区委人才办, 市政府办, 县委网信办): the place it stands for is the reader's
_BARE_LEVEL = fast_re(r"^(?:本|我)?([省市区县州旗])(?:委|人民政府|政府)?")


def _names_same_body(short: str, full: str) -> bool:
    """short names the body full names: its characters in order (区经委 / 宝山区经济委员会); or, for a
    relative name opening with a bare level (区委人才办), the full name opens with a place of that level
    (思明区…) and the rest of the short name (人才办, at least two characters: 区委办 is too vague) is
    in order after it — the affiliation (委, 政府) the full name may leave out."""
    if _in_order(short, full):
        return True
    m = _BARE_LEVEL.match(short)
    if not m or len(short) - m.end() < 2:
        return False
    try:
        from . import regions as R
        rms = R.find_regions(full[:12], None)
    except Exception:  # noqa: BLE001
        return False
    if not rms or rms[0].start != 0 or not rms[0].surface.endswith(m.group(1)):
        return False
    return _in_order(short[m.end():], full[len(rms[0].surface):])


def _find_issuer_as_named(text: str, title: str | None, meta: Mapping[str, Any] | None, region: str) -> str | None:
    if meta:
        relative = None
        for k in ("issuer", "发文机关", "source", "ContentSource"):
            v = meta.get(k)
            if v and isinstance(v, str) and _META_ORGAN.search(v.strip()):
                full = _full_organ(v.strip(), region)
                if full:
                    # the site's body (临沂市人民政府) when the title names one of its offices as the issuer
                    # (临沂市人民政府办公室关于…): the title's, the body that signs the document
                    if title and (m := _ISSUER_TITLE.match(title.strip())) is not None:
                        named = _rx(r"\s+").sub(" ", m.group(1).strip())
                        if named != full and named.startswith(full) and _META_ORGAN.search(named) \
                                and not _rx(r"[\s、，,和及]").search(named[len(full):]):     # (not joint issuers)
                            return named
                    return full
                relative = relative or v.strip()
        if relative:
            # a name without its place (市政府办公室, 市府办, 区委办): the document's own full name of that body,
            # else a place-named organ of the title, info line or signature (the issuer as the document names
            # it, even when the page's 来源 is another body of the same government), else the name as given
            if text or title:
                written = _written_full_name(relative, text or "", title)
                if written:
                    return written
                other = _find_issuer_as_named(text, title, None, region)
                if other and _starts_with_place(other, region):
                    return other
            return relative
    if title:
        m = _ISSUER_TITLE.match(title.strip())
        if m:
            return _rx(r"\s+").sub(" ", m.group(1).strip())     # joint issuers as written (A局 B局 / A局、B局)
    if text:
        lines = [ln for ln in map(str.strip, text.strip().splitlines()) if ln]     # (each line stripped once)
        for ln in lines[:6]:
            if len(ln) <= 160:
                m = _ISSUER_LABEL.search(ln)
                if m:
                    full = _full_organ(m.group(1), region)
                    if full:
                        return full
                    written = _written_full_name(m.group(1), text, title)
                    if written:
                        return written
        # the article's date line names its organ: 'X局 2026年6月3日发布', '发布日期：2026-06-24 X局'
        for ln in lines[:4]:
            org = _organ_of_date_line(ln, region)
            if org:
                return org
        # the signature: an organ line just above a date line near the end
        tail = lines[-8:]
        for i in range(len(tail) - 1, 0, -1):
            # (the tests of a pure and, in the cheap ones first: the same truth)
            if len(tail[i]) <= 20 and _ORGAN_LINE.match(tail[i - 1]) and find_dates(tail[i]):
                return tail[i - 1]
        # the signature glued onto the contact line above it (…电子邮箱：x@y.gov.cn绵阳市经济和信息化局 / date):
        # a place-named organ closing the line right after a character no name holds (a letter, digit, colon)
        for i in range(len(tail) - 1, max(0, len(tail) - 3), -1):
            if len(tail[i]) <= 20 and _BARE_DATE_LINE.match(tail[i]) and find_dates(tail[i]):
                m = _GLUED_SIGNATURE.search(tail[i - 1])
                if m:
                    full = _full_organ(m.group(1), region)
                    if full and full == m.group(1):
                        return full
        # a signature further up: the notice signed, then its attachment (a draft, a form) follows
        for m in _BARE_DATE_LINE.finditer(text):
            prev_end = text.rfind("\n", 0, m.start())
            while prev_end > 0 and not text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip():
                prev_end = text.rfind("\n", 0, prev_end)
            prev = text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip() if prev_end > 0 else ""
            if prev and len(prev) <= 40 and _ORGAN_LINE.match(prev) and len(text) - m.end() > 40 \
                    and find_dates(m.group(0)):
                return prev
        # a signature without its date: the text's last line is an organ, named from its place
        if len(lines) >= 2 and _ORGAN_LINE.match(lines[-1]) and _rx(r"^[\u4e00-\u9fa5]+$").match(lines[-1]):
            full = _full_organ(lines[-1], region)
            if full == lines[-1]:
                return full
        for ln in lines[:3]:
            m = _ISSUER_TITLE.match(ln)
            if m:
                return m.group(1)
    site = (meta or {}).get("site_issuer")
    if site and isinstance(site, str) and _META_ORGAN.search(site.strip()):
        return _full_organ(site.strip(), region) or site.strip()     # the body whose site the page is on
    return None


# a line holding only a date (the date under a signature)
_BARE_DATE_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}|"
    r"二[〇○零][〇○零一二三四五六七八九十]{2}年[〇○零一二三四五六七八九十]{1,2}月[〇○零一二三四五六七八九十]{1,3}日)[ \t\u3000]*$")
_DATE_LINE_ORGAN = fast_re(rf"([\u4e00-\u9fa5（）()]{{3,40}}?{_ORGAN})(?=$|[\s　|｜,，;；]|发布|印发)")


def _organ_of_date_line(line: str, region: str) -> str | None:
    """The organ on a short date line (a page's info line): the name stands apart from the date and its
    label, before or after it, and starts with a place."""
    if len(line) > 80 or "。" in line:
        return None
    dates = find_dates(line)        # (read once: the test and the loop below used to read it each)
    if not dates:
        return None
    for d in dates:
        line = line[:d.start] + " " * (d.end - d.start) + line[d.end:]
    for piece in _rx(r"[\s　|｜,，;；]+").split(line):
        piece = _rx(r"^(?:[\u4e00-\u9fa5]{0,6}[:：])").sub("", piece)
        m = _DATE_LINE_ORGAN.fullmatch(piece) or _DATE_LINE_ORGAN.fullmatch(_rx(r"(?:发布|印发)$").sub("", piece))
        if m:
            full = _full_organ(m.group(1), region)
            if full:
                return full
    return None


def _full_organ(name: str, region: str = "") -> str | None:
    """An organ named in an info line, as its full name: it must start with a place (园区经发委 is too
    vague to be an issuer); it is kept as written, except that a zone's abbreviation is spelled out."""
    try:
        from . import regions as R
        rms = R.find_regions(name[:12], region or None)
    except Exception:  # noqa: BLE001 - no gazetteer: take the name as it is written
        return name
    if not rms or rms[0].start != 0:
        return name if _rx(r"^(?:国家|中华人民共和国|国务院)").match(name) else None
    parts = rms[0].path.split("/")
    surface, last = rms[0].surface, parts[-1]
    if len(surface) < len(last) and _abbreviates(surface, last) and not _ADMIN_UNIT_END.search(last):
        return last + name[len(surface):]      # 经开区科技和产业促进局 → 北京经济技术开发区科技和产业促进局
    # (an administrative unit's short name — 德宏州 for 德宏傣族景颇族自治州, 巴州 — is how the body writes
    # itself: read as written, never completed)
    # a district's or county's organ is its name as the page writes it (鼓楼区工业和信息化局, never a city put in
    # front: the issuer is read, not completed; the measure's region carries the city)
    return name


_ADMIN_UNIT_END = fast_re(r"(?:省|自治区|市|州|盟|地区|县|旗)$")


def _abbreviates(short: str, full: str) -> bool:
    """经开区 abbreviates 北京经济技术开发区: its characters appear in the full name, in order (杭州 for
    杭州市 is the same name, not an abbreviation)."""
    if full.startswith(short):
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _cjk_parens(s: str) -> str:
    return _rx(r"\(([\u4e00-\u9fa5]{1,10})\)").sub(r"（\1）", s)


# ------------------------------------------------------------------ a news article's outlet

_OUTLET_LABEL = fast_re(r"(?:来源|稿件来源|文章来源|信息来源)\s*[:：]\s*([\u4e00-\u9fa5A-Za-z0-9·]{2,20})")
_OUTLET_NAME = fast_re(r"[\u4e00-\u9fa5A-Za-z0-9·]{2,16}(?:报|网|社|台|客户端|新闻|在线|频道|发布|杂志|周刊|观察|资讯|融媒|号|\+)$")
# what follows an outlet's name but is not part of it: its digital edition, an editor's note
_OUTLET_TAIL = fast_re(r"(?:数字报|电子报|电子版|综合整理|整理|综合)$")


def outlet_name(name: str) -> str:
    """An outlet's own name: 井冈山报数字报 → 井冈山报, 林芝观察综合整理 → 林芝观察."""
    cut = _OUTLET_TAIL.sub("", name)
    return cut if len(cut) >= 2 else name
_OUTLET_WIRE = fast_re(r"^([\u4e00-\u9fa5]{2,10}(?:报|网|社|台|客户端|新闻|在线))讯")
# a wire dateline opening a dispatch: （新华社北京10月12日电） / 中央社台北2026年10月12日电 / （中新网记者 张三 兰州12日电）:
# the outlet, its reporters, the place it was filed from, the day, 电
_WIRE_DATELINE = fast_re(r"[（(]?\s*([\u4e00-\u9fa5]{1,8}?(?:社|网|台|报|新闻|客户端))\s*(?:记者[\u4e00-\u9fa5·、\s]{2,16}?)?\s*"
                         r"(?:[\u4e00-\u9fa5]{2,6}?)?\s*((?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*日)\s*电")


def find_news_outlet(text: str) -> str | None:
    """The outlet a news article names at its head: 来源：金华日报, a date line 晋中日报　2026年7月14日, or
    a wire opening 浙江在线讯（记者…）. 本报 is no name. (What page.parse_page puts in meta['issuer']
    for a news page, read from plain text.)"""
    if not text:
        return None
    lines = [ln.strip() for ln in text[:800].splitlines() if ln.strip()][:6]
    for ln in lines:
        if len(ln) > 80:
            continue
        m = _OUTLET_LABEL.search(ln)
        if m:
            v = _rx(r"(?:作者|记者|编辑|发布时间|发布日期|时间|日期|浏览|点击|阅读|字号|综合整理|整理)").split(m.group(1))[0]
            if len(v) >= 2:
                return v
    for i, ln in enumerate(lines):
        ds = find_dates(ln)
        if len(ds) == 1 and len(ln) <= 60 and _news_date_line(ln, ds[0].start, ds[0].end):
            for piece in _rx(r"[\s　|｜/（）()]+").split(_unquote_outlets(ln[:ds[0].start] + " " + ln[ds[0].end:])):
                if _OUTLET_NAME.search(piece) and not piece.startswith("本报"):
                    return outlet_name(piece)
            # a masthead on the line above the date line (葫芦岛日报 / 2026年06月03日　第01版：要闻)
            if i > 0 and len(lines[i - 1]) <= 16 and _OUTLET_NAME.fullmatch(lines[i - 1]) \
                    and not lines[i - 1].startswith("本报"):
                return outlet_name(lines[i - 1])
            # the line under the headline is only a name and the day (长三角政策通　2026-09-18, 新知科技　2026年10月6日):
            # the account or publication that wrote it, whatever its name ends with — not a place, a person's role
            # or a label
            from . import regions as R
            pieces = [p for p in _rx(r"[\s　|｜/]+").split(ln[:ds[0].start] + " " + ln[ds[0].end:]) if p]
            if i == 1 and len(pieces) == 1 and ds[0].start > 0 and 2 <= len(pieces[0]) <= 12 \
                    and _rx(r"[\u4e00-\u9fa5A-Za-z0-9·]+").fullmatch(pieces[0]) \
                    and not _rx(r"^(?:本报|本刊|记者|作者|来源|编辑|发布|时间|日期)").match(pieces[0]) \
                    and not R.find_regions(pieces[0]):
                return pieces[0]
    for ln in lines:
        m = _OUTLET_WIRE.match(ln)
        if m and not m.group(1).startswith("本"):
            return m.group(1)
        m = _WIRE_DATELINE.match(ln)
        if m and not m.group(1).startswith("本"):
            return m.group(1)
        if ln.startswith("【"):
            name = _bracket_outlet(ln)
            if name is not None:
                return name
    return None


# 【香港01】上海市徐汇区… / 【环球网报道】 / 【联合早报】: an outlet's name in brackets opening the article's text (prose
# follows on the same line) — an outlet's form (…报, …网, …社, a brand of letters or digits with its words), not a
# section label (【市州动态】), a place heading (【张江】) or a page button (【打印本页】)
_BRACKET_OUTLET = fast_re(r"【\s*([\u4e00-\u9fa5A-Za-z0-9·]{2,16}?)\s*(?:讯|报道|消息|独家)?\s*】(?!\s*【)(?=[^\s【])")
_BRAND = fast_re(r"[\u4e00-\u9fa5]{1,8}[A-Za-z0-9]{1,6}|[A-Za-z0-9]{1,6}[\u4e00-\u9fa5]{1,8}|[A-Za-z][A-Za-z0-9]{2,15}")


def _bracket_outlet(ln: str) -> str | None:
    m = _BRACKET_OUTLET.match(ln)
    if m is None:
        return None
    name = m.group(1)
    if name.startswith("本") or _rx(r"^\d+$|第|\d{4}年|期$|版$").search(name):
        return None
    if _OUTLET_NAME.fullmatch(name) or _BRAND.fullmatch(name):
        return outlet_name(name)
    return None


# ------------------------------------------------------------------ stage

_DRAFT = fast_re(r"征求意见稿|公开征求意见|征求[^。；\n]{0,60}意见|意见征集|草案|送审稿|征求稿")
_APPLICATION = fast_re(
    r"申报指南|申请指南|申报通知|申领|受理|申报工作|组织开展[\u4e00-\u9fa5\d年度、]{0,30}(?:申报|申领|申请|征集)|"
    r"(?:申报|申请|兑付|兑现)[\u4e00-\u9fa5\d]{0,16}(?:[（(][^（）()]{1,8}[)）])?(?:的)?通知|组织(?:申报|申领|申请)|开展[\u4e00-\u9fa5\d年度、]{0,30}(?:申报|申领|申请)|"
    r"项目征集|申报[\u4e00-\u9fa5]{0,4}公告|申请工作|兑现工作|兑付工作")
_NEWS_TEXT = fast_re(r"本报记者|本报讯|记者[\u4e00-\u9fa5]{2,3}(?:报道|摄)|新华社|综合整理|来源[:：][^\n]{0,20}(?:报|网|新闻|社)|"
                        r"作者[:：]|责任编辑|盘点|据了解|据悉")
# ((?:予以|决定|宣布)?废止 written out, in the order re tries it: every word opens with a character, so re
# skips to them at C speed instead of trying the pattern at every position)
_REPEAL = fast_re(r"予以废止|决定废止|宣布废止|废止|宣布失效|停止执行|不再执行|予以失效|自[^。\n]{0,20}起失效")


_OFFICIAL_WORDS = r"特此通知|特此公告|印发给你们|通知如下|各有关单位|有关事项|发文字号|成文日期|索引号|现予公布|现予印发|请遵照执行|请认真贯彻"
_OFFICIAL_DOC_NO = r"[〔\[［]\s*(?:19|20)\d{2}\s*[〕\]］]\s*\d{1,4}\s*号"
_OFFICIAL_MARK = fast_re(_OFFICIAL_WORDS + "|" + _OFFICIAL_DOC_NO)
# (the same marks searched in two parts, each opening with a character re skips to at C speed; as one
# pattern, opening with a look-ahead, it is tried at every position)
_OFFICIAL_WORDS_RE = fast_re(_OFFICIAL_WORDS)
_OFFICIAL_DOC_NO_RE = fast_re(_OFFICIAL_DOC_NO)
_NEWS_WORDS = (r"本报记者|本报讯|记者\s*[\u4e00-\u9fa5]{2,3}|新华社|综合整理|首发原创|作者[:：]|责任编辑|编辑[:：]|"
               r"来源[:：]\s*[^\n]{0,20}(?:报|网|新闻|社|号|整理)|专家(?:表示|认为|指出)|业内人士|据悉|据了解|盘点|一览|速览|汇总")
_NEWS_BYLINE = r"^\s*文\s*[|｜]"      # 文｜王明 opening a line
_NEWS_MARK = fast_re(r"(?m)" + _NEWS_WORDS + "|" + _NEWS_BYLINE)
# (the same marks searched in two parts: the words all open with a character, which re skips to at C speed,
# and the byline only where 文 and a bar are there at all; _NEWS_MARK as one pattern is tried at every position)
_NEWS_WORDS_RE = fast_re(_NEWS_WORDS)
_NEWS_BYLINE_RE = fast_re(r"(?m)" + _NEWS_BYLINE)


def _news_mark(s: str) -> bool:
    """bool(_NEWS_MARK.search(s))."""
    return _NEWS_WORDS_RE.search(s) is not None or (
        "文" in s and ("|" in s or "｜" in s) and _NEWS_BYLINE_RE.search(s) is not None)


def _third_party(text: str, title: str) -> bool:
    """A text reporting on policies rather than issuing one: news markers, or a roundup of many regions'
    sections, and none of the marks of an official document."""
    head = text[:20000]
    if _OFFICIAL_WORDS_RE.search(head) or _OFFICIAL_DOC_NO_RE.search(head) or _rx(r"关于.{2,60}的(?:通知|公告|通告|决定|意见|批复)$").search(title):
        return False
    if _news_mark(title) or _news_mark(head):
        return True
    return len(_rx(r"(?m)^\s*#{1,4}\s*\S").findall(text[:20000])) >= 3


def find_stage(text: str, title: str | None = None, authority: str = "official") -> str:
    """draft | application | final | news (SPEC)."""
    if authority == "news":
        return "news"
    t = _whole_title((title or "").strip(), text or "")
    head = (text or "")[:400]
    # (a body's own post opening a round is read as its own document, not as a third party's report)
    if ((_NEWS_TEXT.search(head) and not _rx(r"关于.*的通知").search(t)) or _third_party(text or "", t)) \
            and not _own_briefing(text or "", t, head) and not _own_post(text or ""):
        if not _own_round(text or "", t, head):
            return "news"
        if not _DRAFT.search(t) and not _DRAFT.search(head):
            return "application"      # (its title may be a slogan: 数据券来了！)
    for probe in (t, head if not t else ""):
        if not probe:
            continue
        if _DRAFT.search(probe):
            return "draft"
        if _APPLICATION.search(probe):
            return "application"
    if not t and _rx(r"征求意见稿").search((text or "")[:1500]):
        return "draft"
    # 关于发放/开展…券 的通知 that sets a last day to apply is an application round, not a policy
    if t and not _rx(r"印发|办法|细则|措施|政策|方案|意见|规定|决定|废止").search(t) and (
            _rx(r"发放|开展|组织|征集|兑付|兑现").search(t)
            # 关于做好…工作的通知 that asks the readers to hand in their applications by a day
            or _rx(r"(?:提交|递交|报送|上报)[^。；\n]{0,12}(?:申请|申报|申领)").search((text or "")[:20000])):
        from .dates import find_deadline
        from .dates import find_dates as _fd
        ys = [d.iso[:4] for d in _fd((text or "")[:3000]) if d.has_year]
        year = int(max(set(ys), key=ys.count)) if ys else None
        if find_deadline((text or "")[:20000], year):
            return "application"
        # 关于开展第二轮算力券发放工作的通知 whose body sets a time to apply (申领时间：即日起至…) is a round
        # (the time as a label: 申领时间：, 申报期限为, 申请时间自…; not talk of it, 平均申报时间大幅缩短)
        if _rx(r"发放|开展|组织").search(t) and _rx(r"(?:申领|申报|申请|受理)(?:时间|期限|日期)\s*(?:[:：为是自从]|即日|\d)").search((text or "")[:20000]):
            return "application"
    return "final"


# a source line that names a government body (来源：深圳市南山区科技创新局), not an outlet
_SOURCE_ORGAN = fast_re(r"(?:来源|信息来源|发布机构|发布单位)\s*[:：]\s*[\u4e00-\u9fa5]{2,30}?"
                        r"(?:局|委|厅|办|办公室|人民政府|政府|管委会|管理委员会|委员会|中心|署)(?![\u4e00-\u9fa5])")


def _own_post(text: str) -> bool:
    """A body's own post on its site: the source line near the top names a government body and no reporter
    writes (本报讯, 记者 王明, 新华社): its own word about its own policy, not a third party's report, whatever
    commentary (专家指出, 据了解) it quotes."""
    head = text[:300]
    return ("来源" in head or "发布" in head) and _SOURCE_ORGAN.search(head) is not None \
        and _REPORTER.search(text[:20000]) is None


_REPORTER = fast_re(r"本报记者|本报讯|记者\s*[\u4e00-\u9fa5]{2,3}|新华社|通讯员|[\u4e00-\u9fa5]{2,8}讯[（(]")


def _own_round(text: str, title: str, head: str) -> bool:
    """A body's own post (its date line names the body, not an outlet: 长兴县经济和信息化局　2026年9月12日)
    that opens an application round (申领 in its title or head, and a last day to apply) is that round's
    announcement, not a third party's report, whatever editorial marks (编辑：, 来源：its account) it carries."""
    if not (_APPLICATION.search(title) or _APPLICATION.search(head)):
        return False
    if _REPORTER.search(text[:20000]):
        return False          # a reporter's article (本报讯, 记者 王明), whoever the page names as its source
    if not any(_organ_of_date_line(ln.strip(), "") for ln in head.splitlines()[:5] if ln.strip()) \
            and not _speaks_for_itself(text):
        return False
    from .dates import find_deadline
    ys = [d.iso[:4] for d in find_dates(text[:3000]) if d.has_year]
    year = int(max(set(ys), key=ys.count)) if ys else None
    return find_deadline(text[:20000], year) is not None


# a press conference, a briefing, a Q&A with the press: the body's own record of it is its own word
_BRIEFING_WORD = fast_re(r"发布会|吹风会|答记者问|记者问|见面会|访谈实录|在线访谈|新闻发布")
# a reporter's own writing (a byline, or 记者从…获悉), not a journalist asking at the body's conference
# (新华社记者：/新华社记者提问 is the wire service's journalist asking at the conference, its name only the asker's
# label: 新华社 writes where it opens a dispatch, 新华社北京7月15日电, or is cited, 据新华社报道)
_REPORTER_WRITES = fast_re(
    r"(?m)本报记者|本报讯|新华社(?!记者[ \t\u3000]*(?:[:：]|$)|记者(?:提问|问))|通讯员|[\u4e00-\u9fa5]{2,8}讯[（(]|记者(?:从|在现场|现场|获悉|了解到|注意到|采访|走访|看到|观察)|"
    r"记者[ \t\u3000]*(?!朋友|们|提问|问|会|见面|招待)[\u4e00-\u9fa5]{2,3}(?=[ \t\u3000、/）)]|报道|摄|$)")


def _own_briefing(text: str, title: str, head: str) -> bool:
    """An official body's own record of its press conference or Q&A (南充市人民政府新闻办公室举行…新闻发布会,
    …有关负责人就《…》答记者问): the body speaks, the journalists only ask; it is no third party's report. The
    page's source line (来源：X) or the title names an organ, not an outlet, and no reporter writes."""
    if not (_BRIEFING_WORD.search(title) or _BRIEFING_WORD.search(head[:200])):
        return False
    if _REPORTER_WRITES.search(text[:20000]):
        return False
    src = _rx(r"(?:发布机构|发文机关|发布单位|发布部门|信息来源|来源)\s*[:：]\s*(\S{2,40})").search(head)
    if src is not None:         # the page names its source: an organ of a place (not 南充日报, 川观新闻)
        m = _ISSUER_LABEL.search(head, src.start())
        return m is not None and m.start(1) == src.start(1) and _full_organ(m.group(1)) is not None
    m = _ISSUER_TITLE.match(title) or _rx(rf"^([\u4e00-\u9fa5]{{2,40}}?{_ORGAN})(?:举行|召开|有关负责人|负责人|就)").match(title)
    return m is not None and _full_organ(m.group(1)) is not None


_FIRST_PERSON_ORGAN = fast_re(r"(?:我|本)(?:局|委|厅)(?!员)|我(?:办|中心|院)")
# the addressees of a notice on a line of their own (各县市区经信部门，各有关企业：)
_ADDRESSEE_LINE = fast_re(r"(?m)^\s*各[^。\n]{1,60}[：:]\s*$")


def _speaks_for_itself(text: str) -> bool:
    """The body speaks in its own voice (我局现启动…) or carries its notice whole (the addressees' line), and signs
    the text (a place-named organ line over a date line): its own post, under whatever account name it carries."""
    if not _FIRST_PERSON_ORGAN.search(text[:20000]) and not _ADDRESSEE_LINE.search(text[:20000]):
        return False          # (nor does it carry the notice itself: 各县市区经信部门，各有关企业：… signed below)
    for m in _BARE_DATE_LINE.finditer(text):
        prev_end = text.rfind("\n", 0, m.start())
        while prev_end > 0 and not text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip():
            prev_end = text.rfind("\n", 0, prev_end)
        prev = text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip() if prev_end > 0 else ""
        if prev and len(prev) <= 40 and _ORGAN_LINE.match(prev) and _starts_with_place(prev, ""):
            return True
    return False


_ORGAN_LAST = frozenset("局厅委部署心府办院所组会室司")


def _whole_title(title: str, text: str) -> str:
    """A title split over two lines (台州市椒江区科学技术局 / 关于组织申领…的通知) read as one: the
    organ's name alone on the first line, the 关于… line under it."""
    if title and (title[-1] not in _ORGAN_LAST or "关于" in title or not _ORGAN_LINE.match(title)):
        return title
    lines = [ln.strip() for ln in text[:600].splitlines() if ln.strip()][:4]
    for i, ln in enumerate(lines[:-1]):
        if (not title or ln == title) and _ORGAN_LINE.match(ln) and lines[i + 1].startswith("关于") \
                and len(lines[i + 1]) <= 80:
            return ln + lines[i + 1]
    return title


def is_repeal(text: str, title: str | None = None) -> bool:
    """True when the document repeals or abolishes a policy (废止, 宣布失效, 停止执行)."""
    t = title or ""
    if _REPEAL.search(t):
        return True
    head = (text or "")[:3000]
    if "废止" not in head and "失效" not in head and "执行" not in head:
        return False      # (every match of _REPEAL holds one of these words)
    for m in _REPEAL.finditer(head):
        left = head[max(0, m.start() - 40):m.start()]
        if _rx(r"同时|原|现|决定|予以|自|起|《").search(left) and not _rx(r"如|若|违反|不得|可|将被|予以追回").search(left[-10:]):
            return True
    return False


# ------------------------------------------------------------------ published

_PUB_LABEL = fast_re(r"(?:发布日期|发布时间|公开日期|发文日期|发稿时间|时间|日期|Published|PubDate)\s*[:：|｜]?\s*$")
# the labels that name the page's own date (a bare 时间/日期 may be any event's)
_PUB_LABEL_STRONG = fast_re(r"(?:发布日期|发布时间|公开日期|公布日期|发稿时间|信息公开日期|Published|PubDate)\s*[:：|｜]?\s*$")
_WRITTEN_LABEL = fast_re(r"(?:成文日期|成文时间|印发日期|签发日期)\s*[:：|｜]?\s*$")
_WINDOW_LABEL = fast_re(r"(?:申报|申领|申请|受理|截止|有效|施行|实施|征求|报名|兑付|签订|活动|会议|举办)"
                        r"[\u4e00-\u9fa5]{0,3}(?:时间|日期)\s*[:：|｜]?\s*$")
_TAIL_CHARS = 800


def find_published(text: str, published: str | None = None, meta: Mapping[str, Any] | None = None) -> str | None:
    """The date the page shows: explicit value, then meta, then a labelled date (发布日期：…, at the head
    of the text or at its end) or the article's date line, then 成文日期, then the date under the signature."""
    for v in (published, *(meta.get(k) for k in ("published", "pubdate", "PubDate", "发布日期")
                              if meta and meta.get(k))):
        d = parse_date(str(v)) if v else None
        if d:
            return _shown_over_stamp(d, meta)
    if not text:
        return _written(meta)
    head = text[:1500]
    written = None
    signature = None
    stamp = None
    for d in find_dates(head):
        if not d.has_year:
            continue
        left = head[max(0, d.start - 14):d.start]
        if "今" in left and _rx(r"今天是|今日是").search(left) or "当前时间" in left:
            continue
        if _WRITTEN_LABEL.search(left):
            written = written or d.iso
            continue
        if ("生成" in left or "更新" in left or "修改" in left or "打印" in left or "录入" in left
                or "创建" in left) and _STAMP_LABEL.search(left):
            stamp = stamp or d.iso        # the page's generation/update stamp: only when no 发布日期 is shown
            continue
        if stamp is not None:
            if _PUB_LABEL_STRONG.search(left) and not _WINDOW_LABEL.search(left):
                return d.iso
            continue
        if _PUB_LABEL.search(left):
            # (after a signature only the page's own labels count: 时间：… there is an event's)
            if not _WINDOW_LABEL.search(left) and (signature is None or _PUB_LABEL_STRONG.search(left)):
                return d.iso
            continue
        if signature is not None:
            continue          # dates after the signature (an attachment's) are not the page's
        ls = head.rfind("\n", 0, d.start) + 1
        le = head.find("\n", d.end)
        le = len(head) if le < 0 else le
        rest = head[d.end:le]
        if head[ls:d.start].strip() == "" and _under_signature(head, ls, rest):
            signature = signature or d.iso     # the date under a signature: only when the page shows none
            continue
        # a date line: the date starts a line (article header) or stands alone
        if head[ls:d.start].strip() == "" and (_rx(r"来源|点击|浏览|作者|发布|编辑").search(rest[:40]) and "《" not in rest[:40]
                                               or (len(rest.strip()) <= 12 and "。" not in rest)):
            return d.iso
        # a news date line near the top: an outlet (or body) and the date, either order (浙江新闻客户端　2026年5月12日 09:15)
        if ls < 400 and _news_date_line(head[ls:le], d.start - ls, d.end - ls):
            return d.iso
        # a wire dateline opening the dispatch: （中央社台北2026年10月12日电）
        if ls < 400 and d.start - ls <= 40 and "电" in head[d.end:d.end + 3]:
            m = _WIRE_DATELINE.match(head, ls, le)
            if m is not None and m.start(2) <= d.start < m.end(2):
                return d.iso
    # the page's date shown at the end of the text (发布日期：… after the body)
    if len(text) > 1500:
        tail_start = max(1500, len(text) - _TAIL_CHARS)
        tail = text[tail_start:]
        found = None
        for d in find_dates(tail):
            if d.has_year and _PUB_LABEL_STRONG.search(tail[max(0, d.start - 14):d.start]) \
                    and not _WINDOW_LABEL.search(tail[max(0, d.start - 14):d.start]):
                found = d.iso
        if found:
            return found
    shown = _shown_in_meta(meta)
    if shown:
        return shown
    if stamp:
        return stamp
    w = _written(meta) or written
    if w:
        return w
    if signature:
        return signature
    # the date under the signature
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()][-6:]
    for ln in reversed(lines):
        ds = find_dates(ln)
        if ds and len(ln) <= 20 and not _WINDOW_WORD.search(ln):
            return ds[-1].iso
    return None


_WINDOW_WORD = fast_re(r"申报|申领|申请|受理|截止|有效|施行|实施|征求|报名|兑付|签订|活动|会议|举办|至|到|—")


def _under_signature(text: str, line_start: int, rest: str) -> bool:
    """A date alone on its line right under an organ's name (the signature of a notice), or right after the
    notice's last sentence."""
    if len(rest.strip()) > 8 or line_start <= 0:
        return False
    prev_end = text.rfind("\n", 0, line_start)
    while prev_end > 0 and not text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip():
        prev_end = text.rfind("\n", 0, prev_end)        # (blank lines between)
    if prev_end <= 0:
        return False
    prev = text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip()
    if prev.endswith(("。", "！")) and len(prev) >= 20:
        return True          # the sign-off date after the notice's last sentence (its organ written elsewhere)
    return bool(prev) and len(prev) <= 40 and _SIGNATURE_ORGAN.search(prev) is not None \
        and "。" not in prev and "：" not in prev and ":" not in prev


_SIGNATURE_ORGAN = fast_re(rf"^[\u4e00-\u9fa5（）()、 ]{{2,40}}{_ORGAN}$")
_NEWS_LINE_BAD = fast_re(r"[。；;，,！？]|时间|日期|期限|截止|申报|申领|申请|受理|有效|施行|实施|征求|报名|兑付|签订|活动|会议|举办|"
                         r"至|到|—|~|～")
_NEWS_PIECE = fast_re(r"(?:来源|作者|记者|编辑|责任编辑|通讯员|文|图)?\s*[:：]?\s*[\u4e00-\u9fa5A-Za-z0-9·+]{1,24}"
                      # a paper's page and section (第01版：要闻, 第A02版：综合新闻), the weekday
                      r"|第\s*[A-Z]?\d{1,3}\s*版(?:\s*[:：]\s*[\u4e00-\u9fa5]{1,8})?|星期[一二三四五六日天]")


def _unquote_outlets(s: str) -> str:
    """《人民日报》 → 人民日报 where the name in title marks is an outlet's (…报, …网, …社 …), not a document's."""
    return _rx(r"《([^《》]{2,16})》").sub(lambda m: m.group(1) if _OUTLET_NAME.fullmatch(m.group(1)) else m.group(0), s)


def _news_date_line(line: str, ds: int, de: int) -> bool:
    """An article's date line: a short line of the date (with its clock), an outlet or a body, 来源/记者/作者
    pieces, and nothing that reads as a sentence or a window (申报时间：…, 活动时间…)."""
    if len(line) > 60:
        return False
    rest = line[:ds] + " " + line[de:]
    if "《" in rest:
        rest = _unquote_outlets(rest)     # 《人民日报》（2026年06月18日 第10版）: a paper's name in title marks
    rest = _rx(r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?").sub(" ", rest)    # the clock
    rest = rest.strip().strip("（）()[]【】").strip()
    if not rest or _NEWS_LINE_BAD.search(rest) or find_dates(rest):
        return False
    pieces = [p for p in _rx(r"[\s　|｜/（）()]+").split(rest) if p.strip("（）()【】[] ")]
    if not pieces or len(pieces) > 6:
        return False
    return all(_NEWS_PIECE.fullmatch(p.strip("（）()【】[] ")) for p in pieces) and _rx(r"[\u4e00-\u9fa5]{2}").search(rest) is not None


_INFO_PUB_KEYS = ("发布日期", "发布时间", "公开日期", "公布日期", "信息公开日期", "公开时间")
# a page's generation / update / print stamp (生成日期, 更新时间, 打印日期): never the publication date when
# one is shown
_STAMP_LABEL = fast_re(r"(?:生成|更新|修改|打印|录入|创建)(?:日期|时间)\s*[:：|｜]?\s*$")
_STAMP_KEY = fast_re(r"^(?:页面|信息|网页)?(?:生成|更新|修改|打印|录入|创建)(?:日期|时间)$")


def _shown_over_stamp(iso: str, meta: Mapping[str, Any] | None) -> str:
    """The date handed over, unless the page's info table labels that date a stamp (生成日期) and shows its
    publication date (发布日期) beside it: then the publication date."""
    if not meta:
        return iso
    info = meta.get("info")
    if isinstance(info, Mapping):
        shown = None
        for k in _INFO_PUB_KEYS:
            if info.get(k):
                shown = parse_date(str(info[k]))
                if shown:
                    break
        if shown and shown != iso:
            for k, v in info.items():
                if isinstance(k, str) and _STAMP_KEY.match(k.strip()) and v and parse_date(str(v)) == iso:
                    return shown
    line = meta.get("source_line")
    if line and isinstance(line, str) and ("生成" in line or "更新" in line or "修改" in line or "打印" in line
                                           or "录入" in line or "创建" in line):
        stamped = shown = None
        for d in find_dates(line):
            left = line[max(0, d.start - 14):d.start]
            if _STAMP_LABEL.search(left):
                stamped = stamped or d.iso
            elif _PUB_LABEL_STRONG.search(left) and not _WINDOW_LABEL.search(left):
                shown = shown or d.iso
        if stamped == iso and shown and shown != iso:
            return shown
    return iso


def _shown_in_meta(meta: Mapping[str, Any] | None) -> str | None:
    """The page's own date in its info table or source line (发布日期 | 2026-04-08), when the page parser
    did not hand it over as the page's date."""
    if not meta:
        return None
    info = meta.get("info")
    if isinstance(info, Mapping):
        for k in _INFO_PUB_KEYS:
            if info.get(k):
                d = parse_date(str(info[k]))
                if d:
                    return d
    line = meta.get("source_line")
    if line and isinstance(line, str):
        for d in find_dates(line):
            left = line[max(0, d.start - 14):d.start]
            if d.has_year and _PUB_LABEL_STRONG.search(left) and not _WINDOW_LABEL.search(left):
                return d.iso
    return None


def _written(meta: Mapping[str, Any] | None) -> str | None:
    if not meta:
        return None
    for k in ("written_date", "成文日期"):
        if meta.get(k):
            d = parse_date(str(meta[k]))
            if d:
                return d
    return None
