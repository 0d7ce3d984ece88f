"""Semantic extraction: a document's text in, SPEC facts out. Pure: no network, no disk.

    extract_document(doc)            a models.Document (main text already cleaned) → Facts
    extract_text(text, ...)          plain text (normalised here: Traditional → Simplified, full width folded)
    extract_html(html, ...)          page.parse_page + extract
    extract_bytes(data, ...)         html / pdf / docx / plain text decided by type, extension and magic bytes
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping

from ..errors import SourceError
from ..models import Document, Facts, Measure
from .measures import R as _regions
from .measures import find_measures
from .meta import (find_doc_number, find_issuer, find_news_outlet, find_published, find_stage, is_repeal,
                   outlet_name)

__all__ = ["extract_document", "extract_text", "extract_html", "extract_bytes", "normalize_text", "decode_text"]

_MAX_CHARS = 1_000_000


# ------------------------------------------------------------------ normalisation (uses normalize.py when present)

_opencc = None


def normalize_text(text: str) -> str:
    """Simplified, full-width ASCII folded, sentences broken across lines re-joined; short header lines
    (title, date line) stay lines of their own."""
    if not text:
        return ""
    try:
        from .normalize import fold_width, to_simplified
        t = to_simplified(fold_width(text))
    except ImportError:
        global _opencc
        if _opencc is None:
            import opencc
            _opencc = opencc.OpenCC("t2s")
        t = _opencc.convert(text)
        t = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" and c not in "，；：！？" else c for c in t)
        t = t.replace("\u3000", " ").replace("\xa0", " ").replace("\r\n", "\n")
    return _join_broken_lines(t)


_COLUMNS = re.compile(r" \| |\S(?:\t| {2,})\S")
_OPEN_END = re.compile(r"[\u4e00-\u9fff\d,，、“（(]")
_CJK_START = re.compile(r"^[\u4e00-\u9fff\d”）)，,。、]")


def _join_broken_lines(t: str) -> str:
    """Lines broken inside a sentence (PDF/print layout: '借助广\n\n东省') are joined; short lines (titles,
    date lines, headings) and lines ending a sentence stay."""
    out: list[list[str]] = []     # paragraphs as lists of pieces (joining stays linear)
    last_len = 0
    pending_blank = 0
    for ln in t.split("\n"):
        s = ln.strip()
        if not s:
            pending_blank += 1
            continue
        if (out and last_len >= 40 and pending_blank <= 1 and _OPEN_END.match((prev := out[-1][-1].rstrip())[-1:])
                and _CJK_START.match(s) and not _DATE_START.match(s) and not s.startswith("#")
                and len(out) > 1 and not _TITLE_END.search(prev[-4:]) and not _DOCNO_START.match(s)
                and not _INFO_LINE.search(prev) and not _COLUMNS.search(s) and not _COLUMNS.search(prev)):
            # (table rows stay rows: cells set apart by ' | ', a tab or a run of spaces)
            out[-1].append(s)
            last_len = len(s)
        else:
            if pending_blank and out:
                out.append([""])
            out.append([ln])
            last_len = len(s)
        pending_blank = 0
    return "\n".join(map("".join, out))     # (the generator's joins, made in C)


_TITLE_END = re.compile(r"(?:通知|公告|通告|决定|意见|办法|细则|方案|函|批复|报告|指南|公示|措施|政策)$")
_DOCNO_START = re.compile(r"^[\u4e00-\u9fa5]{1,14}[〔\[［(（【]\s*(?:19|20)\d{2}")
_DATE_START = re.compile(r"\d{4}\s*[年\-/.]")
# an article's info line (发布日期：… 来源：…) is never the first half of a sentence
_INFO_LINE = re.compile(r"(?:发布日期|发布时间|信息来源|来源|发布机构|发布单位|发文机关|索引号|文号|浏览次数|点击数)\s*[:：]")


# ------------------------------------------------------------------ the public entry points

def extract_document(doc: Document) -> Facts:
    """Facts of one Document (its text is already the cleaned main text)."""
    published = doc.published
    line = str((doc.meta or {}).get("source_line") or "")
    if published and _WINDOW_LINE.search(line) and published.replace("-", "") in re.sub(r"\D", "", _iso_dates(line)):
        published = None     # the page parser took a date of an application window for the page's date
    return extract_text(doc.text or "", title=doc.title, published=published, meta=doc.meta,
                        region=doc.region, authority=doc.authority, url=doc.url, _normalised=False)


_WINDOW_LINE = re.compile(r"申报|申领|申请|受理|截止|有效期|施行|征求意见|至|到")


def _iso_dates(line: str) -> str:
    from .dates import find_dates
    return " ".join(d.iso for d in find_dates(line, None))


def extract_text(text: str, *, title: str | None = None, published: str | None = None,
                 meta: Mapping[str, Any] | None = None, region: str = "", authority: str = "official",
                 url: str = "", _normalised: bool | str = False) -> Facts:
    """Facts of a plain text. `region` is the source's region (the default issuer region)."""
    text = (text or "")[:_MAX_CHARS]
    if _normalised == "folded":
        text = _join_broken_lines(text)     # already Simplified and width-folded (page.parse_page's text)
    elif not _normalised:
        text = normalize_text(text)
    title = normalize_text(title).strip() if title else None
    meta = dict(meta or {})
    if not title and not text.strip():
        return Facts(published=published or None)     # nothing to read: every value unknown, nothing guessed
    if not title:
        title = _title_from_text(text)
    published_iso = find_published(text, published, meta)
    year = int(published_iso[:4]) if published_iso else _year_from_text(text)
    # a news article's issuer is its outlet (来源：金华日报), as the page's own source line gives it for a news page
    issuer = (find_issuer(text, title, meta, region=region) if authority != "news"
              else (outlet_name(meta["issuer"]) if meta.get("issuer") else find_news_outlet(text)))
    doc_number = find_doc_number(text, meta, title)
    stage = find_stage(text, title, authority)
    repealed = is_repeal(text, title)
    doc_region = _doc_region(region, title, issuer, authority)
    policy = _policy_of_title(title)
    body = text
    if title and _mentions_voucher(title) and not text.lstrip().startswith(title[:12]) and (
            authority != "news" or _headline_states_terms(title, region)):
        body = title + "\n" + text      # the vouchers a document's title names are the document's own
    # a news source's region is where its 我市/本市 point, never the default issuer of what it reports
    measures = find_measures(body, doc_region=doc_region if authority != "news" else "", title=title, year=year,
                             authority=authority, default_policy=policy, home=region or doc_region)
    if repealed and not is_repeal("", title) and any(
            m.budget_yuan or m.ratio or m.cap_yuan or m.deadline for m in measures):
        repealed = False     # a policy that sets terms and retires an older one (原…同时废止) is not a repeal
    if stage == "news" and authority == "news":
        pass
    return Facts(title=title, published=published_iso, issuer=issuer, doc_number=doc_number, stage=stage,
                 measures=tuple(measures), repealed=repealed)


def extract_html(html: str, *, url: str = "", region: str = "", authority: str = "official",
                 content: str | None = None) -> Facts:
    """parse_page (main text, furniture and hidden spam removed) then extract_text."""
    page = _parse_page(html or "", url=url, content=content)
    # parse_page's text is already Simplified and width-folded (both idempotent): only the line joining,
    # which is not idempotent, runs again
    return extract_text(page["text"], title=page["title"], published=page["published"], meta=page["meta"],
                        region=region, authority=authority, url=url,
                        _normalised="folded" if page.get("folded") else False)


def extract_bytes(data: bytes, *, url: str = "", content_type: str = "", region: str = "",
                  authority: str = "official") -> Facts:
    """Decide the format (content type, extension, magic bytes), read it, extract. SourceError('parse') when unreadable."""
    if data is None:
        raise SourceError("parse", "no data")
    ct = (content_type or "").lower()
    name = url.lower().split("?")[0]
    head = data[:8]
    if head.startswith(b"%PDF") or "pdf" in ct or name.endswith(".pdf"):
        text = _attachment_text(data, name=name, content_type="application/pdf")
        return extract_text(text, region=region, authority=authority, url=url)
    if head.startswith(b"PK\x03\x04") or "officedocument" in ct or name.endswith(".docx"):
        text = _attachment_text(data, name=name or "x.docx", content_type=ct or
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        return extract_text(text, region=region, authority=authority, url=url)
    if head.startswith(b"\xd0\xcf\x11\xe0") or name.endswith((".doc", ".xls", ".ppt", ".wps")):
        raise SourceError("parse", "legacy Office binary format (.doc/.xls/.wps) cannot be read; ask for PDF or DOCX")
    if _looks_binary(data):
        raise SourceError("parse", f"binary content ({ct or 'unknown type'}) is not a readable document")
    text = decode_text(data, content_type=ct)
    if "html" in ct or name.endswith((".html", ".htm", ".shtml")) or re.search(r"<(?:html|body|div|p|meta|head)\b", text[:4000], re.I):
        return extract_html(text, url=url, region=region, authority=authority)
    return extract_text(text, region=region, authority=authority, url=url)


# ------------------------------------------------------------------ helpers

def decode_text(data: bytes, content_type: str = "") -> str:
    """BOM, then the declared charset (header or <meta>), then strict UTF-8, then GB18030. Never Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    declared = None
    m = re.search(r"charset\s*=\s*[\"']?([\w-]+)", content_type or "", re.I)
    m2 = re.search(rb"<meta[^>]{0,200}charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.I)
    for cand in ((m2.group(1).decode("ascii", "ignore") if m2 else None), (m.group(1) if m else None)):
        if cand and cand.lower() not in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252"):
            declared = cand.lower()
            break
    if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
        declared = "gb18030"
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace")


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl > len(sample) * 0.05


def _attachment_text(data: bytes, *, name: str, content_type: str) -> str:
    try:
        from .attachments import attachment_text
    except ImportError:
        attachment_text = _fallback_attachment_text
    try:
        text = attachment_text(data, name=name, content_type=content_type)
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken file is a parse failure, never a traceback
        raise SourceError("parse", f"cannot read {content_type or 'attachment'}: {exc.__class__.__name__}") from exc
    if not (text or "").strip():
        raise SourceError("parse", f"no text in {name or content_type} (scanned image without a text layer?)")
    return text


def _fallback_attachment_text(data: bytes, *, name: str = "", content_type: str = "") -> str:
    import io
    if data[:4] == b"%PDF":
        from pypdf import PdfReader
        reader = PdfReader(io.BytesIO(data))
        return "\n".join((p.extract_text() or "") for p in reader.pages[:200])
    import docx
    d = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in d.paragraphs)


def _parse_page(html: str, *, url: str, content: str | None) -> dict:
    try:
        from .page import parse_page
    except ImportError:
        parse_page = None
    if parse_page is not None:
        try:
            p = parse_page(html, url=url, content=content)
        except SourceError:
            raise
        except Exception as exc:  # noqa: BLE001 - a page the parser cannot read is a parse failure, not a crash
            raise SourceError("parse", f"unreadable page: {exc.__class__.__name__}") from exc
        meta = dict(p.meta or {})
        published = p.published
        line = str(meta.get("source_line") or "")
        if published and _WINDOW_LINE.search(line):
            published = None     # a date of the text (an application window), not the page's date
        return {"title": p.title, "text": p.text, "published": published, "meta": meta, "folded": True}
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(html)
    for n in tree.css("script, style, noscript, nav, footer, header, [class*=related], [class*=pager], [class*=nav]"):
        n.decompose()
    title = tree.css_first("title")
    body = tree.body or tree.root
    text = body.text(separator="\n") if body else ""
    pub = tree.css_first('meta[name="PubDate"], meta[name="pubdate"], meta[name="firstpublishedtime"]')
    return {"title": title.text().strip() if title else None, "text": text,
            "published": pub.attributes.get("content") if pub else None, "meta": {}}


_DOC_TITLE = re.compile(r"关于[^。；]{2,70}的(?:通知|公告|通告|决定|意见|批复|函)$|《[^《》]{2,60}》$|"
                        r"(?:办法|细则|方案|措施|指南|规定|政策)(?:[（(][^（）()]{2,10}[)）])?$")


def _title_from_text(text: str) -> str | None:
    """The first line that can be a title; a line shaped like a document's title (关于…的通知) wins over a column
    heading above it (松原市科学技术局 通知公告)."""
    first = None
    for ln in text.splitlines()[:6]:
        s = ln.strip().lstrip("#＃ ").strip()
        if re.search(r"毛片|av|在线观看|视频|免费|[|｜]|^文\s", s, re.I) or s.startswith(("移动版", "当前位置", "您的位置", "首页")):
            continue
        if _DOCNO_START.match(s) and s.endswith("号") and len(s) <= 30:
            continue        # the document number line above the title (深工信规〔2025〕3号)
        if _INFO_LINE.search(s):
            continue        # 发布时间：… 来源：…
        if 6 <= len(s) <= 80 and not re.search(r"[。；：:，,]$", s):
            if _DOC_TITLE.search(s):
                return s
            if first is None:
                first = s
    return first


def _year_from_text(text: str) -> int | None:
    ys = re.findall(r"(20\d{2})\s*年\s*\d{1,2}\s*月", text[:20000])
    if not ys:
        return None
    from collections import Counter
    return int(Counter(ys).most_common(1)[0][0])


def _policy_of_title(title: str | None) -> str | None:
    if not title:
        return None
    m = re.search(r"《([^《》]{4,80})》", title)
    return m.group(1) if m else title


def _mentions_voucher(s: str) -> bool:
    return "券" in s


_TERM_IN_HEADLINE = re.compile(r"[\d一二两三四五六七八九十百千]\s*(?:万|亿)?元|\d\s*[%％]|[一二三四五六七八九十\d]\s*成|"
                               r"[一二三四五六七八九]\s*折")


_MANY_PLACES = re.compile(r"多地|多市|多城|多区|多县|各地|各市|各区|等地|两地|三地|数地|多个")


def _headline_states_terms(title: str, home: str = "") -> bool:
    """A news headline that states terms of one region's one voucher (襄阳拿出3000万元发放训力券，单个企业最高可获300万元):
    the story's own lead, read with its body. A headline naming several places or vouchers (武汉合肥加码算力券模型券)
    ties none of them to another, and one without an amount or a share adds nothing to the body."""
    if not _TERM_IN_HEADLINE.search(title) or _MANY_PLACES.search(title):
        return False
    from .vouchers import find_vouchers
    if len({v.voucher for v in find_vouchers(title)}) != 1:
        return False
    try:
        paths = sorted({r.path for r in _regions.find_regions(title, home or None)}, key=len)
        # one place, however many of its levels are named (海口龙华区: 海口市 above 龙华区)
        return bool(paths) and all(_regions.covers(p, paths[-1]) for p in paths)
    except Exception:  # noqa: BLE001
        return False


def _doc_region(region: str, title: str | None, issuer: str | None, authority: str) -> str:
    """The region the document speaks for: the source's region, made more precise by an issuer below it."""
    base = region or ""
    if authority == "news":
        return base
    for probe in (issuer, title):
        if not probe:
            continue
        head = probe[:30]
        try:
            rms = _regions.find_regions(head, base or None)
        except Exception:  # noqa: BLE001
            rms = []
        if rms and rms[0].start <= 1:
            path = rms[0].path
            if not base:
                return path
            try:
                if _regions.covers(base, path):
                    return path
            except Exception:  # noqa: BLE001
                pass
            return base
    return base
