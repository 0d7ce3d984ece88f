"""Pure: changes to the words of an alert, in Chinese, as markdown (chat), text (WeCom/Feishu) or HTML (email).

No I/O. One change is a block of lines; blocks are grouped by region; a byte limit drops whole blocks from the
end (saying 另有N条变更) rather than cutting a link, and never cuts inside a UTF-8 character.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

from .models import NOTICE_KINDS, TERM_FIELDS, Change

FORMATS = ("markdown", "text", "html")

KIND_WORDS = {
    "new_policy": "新政策",
    "amended": "条款变更",
    "finalized": "正式印发",
    "application_open": "开放申报",
    "deadline_soon": "截止临近",
    "withdrawn": "已撤回",
    "cosmetic": "文字调整",
    "source_failing": "信息源异常",
    "source_recovered": "信息源恢复",
}

FIELD_WORDS = {
    "budget_yuan": "资金总额",
    "ratio": "补贴比例",
    "cap_yuan": "单个主体上限",
    "deadline": "申报截止",
    "stage": "文件阶段",
}

STAGE_WORDS = {
    "draft": "征求意见稿",
    "final": "正式文件",
    "application": "申报通知",
    "news": "媒体报道",
}

UNCONFIRMED = "（未经官方确认）"
EMPTY = "—"


@dataclass(frozen=True)
class Message:
    title: str
    body: str
    format: str = "text"
    dropped: int = 0        # changes left out to fit the limit (the sender sends them in a further message)


# ---------------------------------------------------------------- values in words

def _trim_decimal(d: Decimal, places: int) -> str:
    q = d.quantize(Decimal(1).scaleb(-places)) if places else d.quantize(Decimal(1))
    s = format(q, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def yuan(v: Any) -> str:
    """5000000 → 500万元, 100000000 → 1亿元, 250000000 → 2.5亿元, 8000 → 8000元."""
    try:
        d = Decimal(str(v))
    except Exception:  # noqa: BLE001
        return str(v)
    neg = d < 0
    d = abs(d)
    if d >= 100_000_000 and (d % 10_000) == 0:
        s = _trim_decimal(d / 100_000_000, 4) + "亿元"
    elif d >= 10_000:
        s = _trim_decimal(d / 10_000, 4) + "万元"
    else:
        s = _trim_decimal(d, 2) + "元"
    return ("-" if neg else "") + s


def percent(v: Any) -> str:
    """0.3 → 30%, 0.125 → 12.5%."""
    try:
        d = Decimal(str(v)) * 100
    except Exception:  # noqa: BLE001
        return str(v)
    return _trim_decimal(d, 2) + "%"


def cn_date(v: Any) -> str:
    """'2025-07-15' → 2025年7月15日; anything else is shown as given."""
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        return f"{v.year}年{v.month}月{v.day}日"
    s = str(v)
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"
    return s


def human_value(field: str | None, value: Any) -> str:
    """A term in human units: money in 万元/亿元, ratios in %, dates in Chinese; None → —."""
    if value is None or value == "":
        return EMPTY
    if field in ("budget_yuan", "cap_yuan") or (field or "").endswith("_yuan"):
        return yuan(value)
    if field == "ratio":
        return percent(value)
    if field in ("deadline", "published") or (field or "").endswith("_date"):
        return cn_date(value)
    if field == "stage":
        return STAGE_WORDS.get(str(value), str(value))
    return str(value)


def region_display(region: str | None) -> str:
    """'广东省/深圳市' → 广东省深圳市; '全国' stays; None → ''."""
    return "".join(p.strip() for p in (region or "").split("/") if p.strip())


def kind_word(kind: str) -> str:
    return KIND_WORDS.get(kind, kind)


def _terms_text(terms: Any) -> str:
    if not terms:
        return ""
    parts = [f"{FIELD_WORDS[f]} {human_value(f, terms.get(f))}" for f in TERM_FIELDS if terms.get(f) is not None]
    return "；".join(parts)


def _days_left(change: Change) -> int | None:
    try:
        d = date.fromisoformat(str(change.new)[:10])
        seen = datetime.fromisoformat(str(change.detected_at)).date()
    except Exception:  # noqa: BLE001
        return None
    return (d - seen).days


def describe(change: Change) -> str:
    """One line for terminals (`monitor diff`, `monitor history`)."""
    head = f"[{kind_word(change.kind)}]"
    where = " ".join(x for x in (region_display(change.region), change.voucher or "") if x)
    what = _what(change)
    tail = UNCONFIRMED if not change.confirmed else ""
    title = f" 《{change.title}》" if change.title and change.kind not in NOTICE_KINDS else ""
    link = f" {change.url}" if change.url else ""
    return " ".join(x for x in (head, where, what) if x) + tail + title + link


def _what(c: Change) -> str:
    """What changed, in one phrase."""
    k = c.kind
    if k == "amended":
        return f"{FIELD_WORDS.get(c.field or '', c.field or '')}：{human_value(c.field, c.old)} → {human_value(c.field, c.new)}"
    if k == "new_policy":
        t = _terms_text(c.terms or {})
        return f"条款：{t}" if t else "条款：文件未列明金额与比例"
    if k == "finalized":
        old = human_value("stage", c.old or "draft")
        new = human_value("stage", c.new or "final")
        t = _terms_text(c.terms or {})
        return f"{old} → {new}" + (f"；条款：{t}" if t else "")
    if k == "application_open":
        dl = c.new if c.field in (None, "deadline") else None
        if dl is None and c.terms:
            dl = c.terms.get("deadline")
        return f"申报截止：{human_value('deadline', dl)}" if dl else "申报已开放（未列明截止日期）"
    if k == "deadline_soon":
        left = _days_left(c)
        s = f"申报截止：{human_value('deadline', c.new)}"
        return s + (f"（还剩{left}天）" if left is not None and left >= 0 else "")
    if k == "withdrawn":
        return "文件已撤回或废止，原条款不再有效" + (f"（原：{_terms_text(c.terms)}）" if c.terms and _terms_text(c.terms) else "")
    if k == "source_failing":
        src = f"{c.title}（{c.source}）" if c.title and c.source else (c.title or c.source or "")
        cls = f"（错误类型：{c.field}）" if c.field else ""
        return f"信息源 {src} {c.new or '连续多次失败'}{cls}"
    if k == "source_recovered":
        src = c.title or c.source or ""
        extra = f"（此前错误：{c.old}）" if c.old else ""
        return f"信息源 {src} 已恢复正常{extra}"
    if c.field:
        return f"{FIELD_WORDS.get(c.field, c.field)}：{human_value(c.field, c.old)} → {human_value(c.field, c.new)}"
    return ""


# ---------------------------------------------------------------- blocks

@dataclass(frozen=True)
class _Line:
    label: str          # '' for a heading-ish line
    text: str
    link: str | None = None     # a URL this line must keep whole


def _block_lines(c: Change) -> tuple[str, list[_Line]]:
    """(the block's heading, its lines). Pure data; each format lays it out."""
    kw = kind_word(c.kind)
    if c.kind in NOTICE_KINDS:
        heading = kw
    else:
        heading = kw + (f"｜{c.voucher}" if c.voucher else "")
    lines: list[_Line] = []
    what = _what(c)
    if what:
        lines.append(_Line("", what))
    if c.policy and c.kind not in NOTICE_KINDS and c.policy.strip("《》") not in (c.title or ""):
        lines.append(_Line("政策", f"《{c.policy}》" if not c.policy.startswith("《") else c.policy))
    if c.title and c.kind not in NOTICE_KINDS:
        lines.append(_Line("文件", c.title))
    meta = []
    if c.issuer:
        meta.append(c.issuer)
    if c.published:
        meta.append(cn_date(c.published))
    if meta:
        lines.append(_Line("发布", " · ".join(meta)))
    if c.kind not in NOTICE_KINDS and c.stage and c.kind not in ("finalized",):
        lines.append(_Line("阶段", human_value("stage", c.stage)))
    if c.url:
        lines.append(_Line("链接", c.url, link=c.url))
    if not c.confirmed:
        lines.append(_Line("", UNCONFIRMED))
    return heading, lines


def _md_escape(s: str) -> str:
    s = " ".join(str(s).split())
    return re.sub(r"([\\`*_\[\]])", r"\\\1", s)


def _md_href(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _one_line(s: str) -> str:
    return " ".join(str(s).split())


_SHRINK_CUT = {1: 120, 2: 40}          # level → bytes kept of 文件/政策 texts


def _shrink(lines: list[_Line], level: int) -> list[_Line]:
    """Make a block that alone is too large smaller, least useful text first; the link is never touched."""
    if level <= 0:
        return lines
    out = []
    for ln in lines:
        if ln.link:
            out.append(ln)
        elif ln.label in ("文件", "政策"):
            if level >= 3:
                continue
            out.append(_Line(ln.label, _cut_bytes(_one_line(ln.text), _SHRINK_CUT[min(level, 2)])))
        elif ln.label in ("发布", "阶段"):
            if level >= 2:
                continue
            out.append(ln)
        elif level >= 4:
            out.append(_Line(ln.label, _cut_bytes(_one_line(ln.text), 60 if level == 4 else 15)))
        else:
            out.append(ln)
    return out


def _fmt_block(fmt: str, heading: str, lines: list[_Line]) -> str:
    """Lay out one change."""
    if fmt == "markdown":
        out = [f"**{_md_escape(heading)}**"]
        for ln in lines:
            if ln.link:
                out.append(f"- {ln.label}：[查看原文]({_md_href(ln.link)})")
            elif ln.label:
                out.append(f"- {ln.label}：{_md_escape(ln.text)}")
            else:
                out.append(f"- {_md_escape(ln.text)}")
        return "\n".join(out)
    if fmt == "html":
        out = [f"<p><b>{html.escape(heading)}</b></p>", "<ul>"]
        for ln in lines:
            if ln.link:
                href = html.escape(ln.link, quote=True)
                out.append(f"<li>{html.escape(ln.label)}：<a href=\"{href}\">{href}</a></li>")
            elif ln.label:
                out.append(f"<li>{html.escape(ln.label)}：{html.escape(_one_line(ln.text))}</li>")
            else:
                out.append(f"<li>{html.escape(_one_line(ln.text))}</li>")
        out.append("</ul>")
        return "\n".join(out)
    out = [f"▶ {heading}"]
    for ln in lines:
        if ln.link:
            out.append(f"  {ln.label}：{ln.link}")
        elif ln.label:
            out.append(f"  {ln.label}：{_one_line(ln.text)}")
        else:
            out.append(f"  {_one_line(ln.text)}")
    return "\n".join(out)


def _fmt_region(fmt: str, region: str) -> str:
    if fmt == "markdown":
        return f"#### {_md_escape(region)}"
    if fmt == "html":
        return f"<h3>{html.escape(region)}</h3>"
    return f"【{region}】"


def _fmt_note(fmt: str, text: str) -> str:
    if fmt == "markdown":
        return f"*{_md_escape(text)}*"
    if fmt == "html":
        return f"<p><i>{html.escape(text)}</i></p>"
    return text


def _group_key(c: Change) -> str:
    if c.kind in NOTICE_KINDS:
        return "信息源状态"
    return region_display(c.region) or "地区未明"


def _ordered(changes: list[Change]) -> list[tuple[str, Change]]:
    """Changes grouped by region (groups in order of first appearance, changes in order within)."""
    groups: dict[str, list[Change]] = {}
    for c in changes:
        groups.setdefault(_group_key(c), []).append(c)
    return [(g, c) for g, cs in groups.items() for c in cs]


def _assemble(fmt: str, items: list[tuple[str, Change]], dropped: int, footer: str | None,
              headings: bool, shrink: int = 0) -> str:
    parts: list[str] = []
    last = None
    for g, c in items:
        if headings and g != last:
            parts.append(_fmt_region(fmt, g))
            last = g
        heading, lines = _block_lines(c)
        parts.append(_fmt_block(fmt, heading, _shrink(lines, shrink)))
    if dropped:
        parts.append(_fmt_note(fmt, f"另有{dropped}条变更，见后续消息"))
    if footer:
        parts.append(_fmt_note(fmt, footer) if fmt != "text" else footer)
    sep = "\n" if fmt == "html" else "\n\n"
    return sep.join(parts)


# ---------------------------------------------------------------- bytes

def _cut_bytes(s: str, limit: int, ellipsis: str = "…") -> str:
    """`s` cut to at most `limit` UTF-8 bytes at a character boundary, with an ellipsis when cut."""
    b = s.encode("utf-8")
    if len(b) <= limit:
        return s
    room = max(0, limit - len(ellipsis.encode("utf-8")))
    cut = b[:room].decode("utf-8", errors="ignore")
    return cut + ellipsis if limit >= len(ellipsis.encode("utf-8")) else cut


def _nbytes(s: str) -> int:
    return len(s.encode("utf-8"))


# ---------------------------------------------------------------- titles

def title_for(changes: list[Change]) -> str:
    if len(changes) == 1:
        c = changes[0]
        if c.kind in NOTICE_KINDS:
            return f"【monitor】{kind_word(c.kind)}：{c.title or c.source or ''}".rstrip("：")
        tag = f"【{c.voucher}】" if c.voucher else "【monitor】"
        where = region_display(c.region)
        t = f"{tag}{where} {kind_word(c.kind)}" if where else f"{tag}{kind_word(c.kind)}"
        return t + (UNCONFIRMED if not c.confirmed else "")
    n = len(changes)
    if all(c.kind in NOTICE_KINDS for c in changes):
        return f"monitor：{n}条信息源通知"
    if any(c.kind in NOTICE_KINDS for c in changes):
        return f"monitor：{n}条提醒"
    vouchers = {c.voucher for c in changes if c.voucher}
    regions = {region_display(c.region) for c in changes if c.region}
    if len(vouchers) == 1 and len(regions) == 1:
        return f"【{next(iter(vouchers))}】{next(iter(regions))} {n}条政策变更"
    return f"monitor：{n}条政策变更"


# ---------------------------------------------------------------- the one entry point

def render(changes: Iterable[Change], fmt: str, *, limit: int | None = None,
           footer: str | None = None) -> Message:
    """The alert for `changes` in `fmt` ('markdown' | 'text' | 'html').

    `limit` bounds the UTF-8 bytes of the body: whole changes are dropped from the end (with 另有N条变更) so
    that every kept change keeps its link whole; a single change too large alone has its free text shortened.
    `footer` (e.g. the idempotency key) is kept and counted within the limit."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    changes = list(changes)
    title = title_for(changes) if changes else "monitor：无变更"
    items = _ordered(changes)
    headings = len(changes) > 1
    n = len(items)
    body = _assemble(fmt, items, 0, footer, headings)
    if limit is None or _nbytes(body) <= limit:
        return Message(title, body, fmt)
    for k in range(n - 1, 0, -1):
        body = _assemble(fmt, items[:k], n - k, footer, headings)
        if _nbytes(body) <= limit:
            return Message(title, body, fmt, dropped=n - k)
    # even one change is too large: shorten its free text, keeping labels and the link whole
    first = items[:1]
    for level in (1, 2, 3, 4, 5):
        body = _assemble(fmt, first, n - 1, footer, headings, shrink=level)
        if _nbytes(body) <= limit:
            return Message(title, body, fmt, dropped=n - 1)
    # the bare minimum: heading and link (+ footer), then a plain byte cut as the last resort
    c = first[0][1] if first else None
    minimal = [x for x in ((kind_word(c.kind) if c else ""), (c.url if c and c.url else ""), footer or "") if x]
    body = "\n".join(minimal)
    if _nbytes(body) > limit:
        body = "\n".join(x for x in minimal[:2])
    if _nbytes(body) > limit:
        body = _cut_bytes(body, limit)
    return Message(title, body, fmt, dropped=n - 1)


__all__ = ["Message", "render", "describe", "human_value", "yuan", "percent", "cn_date", "region_display",
           "kind_word", "title_for", "KIND_WORDS", "FIELD_WORDS", "UNCONFIRMED"]
