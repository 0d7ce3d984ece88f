"""What every source kind shares: the SourceKind base, list dates, URL resolution and the article → Document step.

Pure: a Fetched in, Items or a Document out. No network, no disk.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from ..errors import SourceError
from ..models import Document, Fetched, Item, Source

CST = timezone(timedelta(hours=8))


class SourceKind:
    """One kind of source. items(): the entries of a list, newest first; document(): one article."""

    name = ""

    def items(self, source: Source, fetched: Fetched) -> list[Item]:
        return []

    def document(self, source: Source, fetched: Fetched, item: Item | None = None) -> Document:
        return build_document(source, fetched, item)


# ---------------------------------------------------------------- text helpers

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WS = re.compile(r"[\s\u3000\xa0\u200b\u200c\u200d\ufeff]+")


def clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def cjk_count(text: str | None) -> int:
    return len(CJK_RE.findall(text or ""))


def text_of(fetched: Fetched) -> str:
    """The decoded text of a list response, or SourceError('parse') for binary or empty bodies."""
    if fetched.text is None:
        if fetched.body:
            raise SourceError("parse", f"binary body ({len(fetched.body)} bytes, {fetched.content_type or 'no type'}) "
                                       "where a text list was expected")
        raise SourceError("parse", "empty body")
    text = fetched.text.lstrip("\ufeff")
    if not text.strip():
        raise SourceError("parse", "empty body")
    return text


def resolve(href: str | None, base: str) -> str | None:
    """An absolute http(s) URL for a link as written on a page, without fragment; None for non-links."""
    if not href:
        return None
    href = re.sub(r"[\r\n\t]", "", href).strip().strip("'\"")
    if not href or href.startswith("#"):
        return None
    low = href.lower()
    if low.startswith(("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:")):
        return None
    try:
        url = urldefrag(urljoin(base, href))[0]
    except ValueError:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


# ---------------------------------------------------------------- dates

def _iso(y: int, m: int, d: int) -> str | None:
    if y < 100:
        y += 2000
    try:
        return date(y, m, d).isoformat() if 1990 <= y <= 2100 else None
    except ValueError:
        return None


_DATE_PATTERNS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"), "ymd8"),
    (re.compile(r"(?<![\d.])(\d{1,2})\s+((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})(?![\d.\-/])"), "d_ym"),
    (re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*月?\s+(\d{1,2})(?![\d.\-/:])"), "ym_d"),
    (re.compile(r"(?<![\d\-./])(\d{2})-(\d{1,2})-(\d{1,2})(?![\d\-./:])"), "yy"),
    (re.compile(r"(?<![\d\-./])(\d{1,2})\s*[-/月]\s*(\d{1,2})日?(?![\d\-./:])"), "md"),
)


def find_list_date(text: str, *, year: int | None = None, allow_short: bool = True) -> str | None:
    """The first date in a list entry's text: 2025-05-12, 2025.05.12, [2025-05-12], 2025年5月12日, 20250512,
    '12 2025-05' (day and month split over two elements), 25-05-12, and MM-DD (year given or guessed: this year,
    or last year when that date would lie in the future)."""
    if not text:
        return None
    for rx, how in _DATE_PATTERNS:
        if how in ("yy", "md") and not allow_short:
            continue
        for m in rx.finditer(text):
            g = m.groups()
            if how in ("ymd", "ymd8", "yy"):
                iso = _iso(int(g[0]), int(g[1]), int(g[2]))
            elif how == "d_ym":
                iso = _iso(int(g[1]), int(g[2]), int(g[0]))
            elif how == "ym_d":
                iso = _iso(int(g[0]), int(g[1]), int(g[2]))
            else:
                mo, d = int(g[0]), int(g[1])
                today = datetime.now(CST).date()
                y = year or today.year
                iso = _iso(y, mo, d)
                if iso and not year and iso > today.isoformat():
                    iso = _iso(y - 1, mo, d)
            if iso:
                return iso
    return None


_URL_DATES = (
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+"),                 # TRS t20250512_123.html
    re.compile(r"/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"),           # Hanweb /art/2025/5/12/
    re.compile(r"/((?:19|20)\d{2})[-_]?(\d{2})[-_]?(\d{2})/"),            # /20250512/ /2025-05-12/
    re.compile(r"/((?:19|20)\d{2})/(\d{2})-?(\d{2})/"),                  # /2025/05-12/ /2025/0512/
)


def url_date(url: str) -> str | None:
    """A publication date written into a URL (tYYYYMMDD_, /art/YYYY/M/D/, /YYYYMMDD/, /YYYY/MM-DD/)."""
    for rx in _URL_DATES:
        m = rx.search(url or "")
        if m:
            iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso:
                return iso
    return None


def url_year(url: str) -> int | None:
    m = re.search(r"/((?:19|20)\d{2})(?:\d{2})?/|/t((?:19|20)\d{2})\d{4}_|/art/((?:19|20)\d{2})/", url or "")
    if m:
        return int(next(g for g in m.groups() if g))
    return None


def parse_any_date(value: Any) -> str | None:
    """ISO date of a JSON/feed value: ISO strings, 'YYYY-MM-DD HH:MM:SS(.0)', epoch seconds or milliseconds
    (numbers or digit strings, read in China time), 2025年5月12日, 20250512."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return _epoch(float(value))
    s = str(value).strip()
    if not s:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", s) and not re.fullmatch(r"(?:19|20)\d{6}", s):
        return _epoch(float(s))
    m = re.match(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$",
                 s)
    if m and m.group(7):
        try:
            tz = m.group(7)
            dt = datetime.fromisoformat(f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}T"
                                        f"{int(m.group(4)):02d}:{m.group(5)}:{m.group(6) or '00'}"
                                        f"{'+00:00' if tz == 'Z' else tz[:3] + ':' + tz[-2:]}")
            return dt.astimezone(CST).date().isoformat()
        except ValueError:
            pass
    # RFC 822 dates (feeds)
    if re.match(r"[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}", s):
        import email.utils
        try:
            dt = email.utils.parsedate_to_datetime(s)
            if dt.tzinfo is None:
                dt = dt.replace(tzinfo=CST)
            return dt.astimezone(CST).date().isoformat()
        except (TypeError, ValueError):
            pass
    return find_list_date(s, allow_short=False)


def _epoch(v: float) -> str | None:
    if v > 1e11:
        v /= 1000.0
    if not 3e8 < v < 5e9:
        return None
    return datetime.fromtimestamp(v, CST).date().isoformat()


def truthy(v: Any) -> bool:
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true", "yes", "y", "是", "t")
    return bool(v)


# ---------------------------------------------------------------- documents

ATTACHMENT_RE = re.compile(r"\.(pdf|docx?|xlsx?|wps|ofd|zip|rar|txt)$", re.I)


def _is_attachment_body(fetched: Fetched) -> bool:
    ctype = fetched.content_type
    head = fetched.body[:8]
    path = urlsplit(fetched.final_url or fetched.url).path.lower()
    if head.startswith(b"%PDF") or "application/pdf" in ctype:
        return True
    if head.startswith(b"PK\x03\x04") and ("officedocument" in ctype or path.endswith(".docx")
                                           or "octet-stream" in ctype or "zip" in ctype or not ctype):
        return True
    if "wordprocessingml" in ctype or "msword" in ctype:
        return True
    return fetched.text is None and bool(ATTACHMENT_RE.search(path))


def _attachment_text(data: bytes, *, name: str, content_type: str) -> str:
    try:
        from ..extract.attachments import attachment_text
    except ImportError:
        return fallback_attachment_text(data, name=name, content_type=content_type)
    return attachment_text(data, name=name, content_type=content_type)


def fallback_attachment_text(data: bytes, *, name: str = "", content_type: str = "") -> str:
    """PDF (pypdf) or DOCX (python-docx) text; only used when extract/attachments.py is missing."""
    import io
    try:
        if data[:4] == b"%PDF":
            import pypdf
            reader = pypdf.PdfReader(io.BytesIO(data))
            return "\n".join((page.extract_text() or "") for page in reader.pages[:200])
        if data[:4] == b"PK\x03\x04":
            import docx
            d = docx.Document(io.BytesIO(data))
            return "\n".join(p.text for p in d.paragraphs)
    except Exception as e:  # noqa: BLE001 - a broken attachment is a parse error of this document
        raise SourceError("parse", f"unreadable attachment {name}: {type(e).__name__}") from None
    raise SourceError("parse", f"unsupported attachment {name} ({content_type or 'no type'})")


def _normalize(text: str) -> str:
    try:
        from ..extract.normalize import normalize
    except ImportError:                                         # pragma: no cover - normalize.py is in the tree
        return clean(text)
    return normalize(text)


def _parse_page(html: str, url: str, content: str | None):
    try:
        from ..extract.page import parse_page
    except ImportError:
        return fallback_parse_page(html, url=url, content=content)
    return parse_page(html, url=url, content=content)


def build_document(source: Source, fetched: Fetched, item: Item | None = None) -> Document:
    """An article response as a Document: HTML through extract.page.parse_page, PDF/DOCX through
    extract.attachments.attachment_text. The item's title and date fill what the page does not say."""
    url = item.url if item is not None else fetched.url
    meta: dict[str, Any] = {}
    if item is not None:
        meta.update({k: v for k, v in item.flags.items() if v not in (None, "", False)})
    if _is_attachment_body(fetched):
        text = _attachment_text(fetched.body, name=urlsplit(fetched.final_url or url).path.rsplit("/", 1)[-1] or url,
                               content_type=fetched.content_type)
        title = item.title if item is not None and item.title else None
        if not title:
            name = urlsplit(url).path.rsplit("/", 1)[-1]
            title = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", name) or None
        return Document(url=url, title=_normalize(title) if title else None, text=_normalize(text),
                        published=item.published if item is not None else None, meta=meta,
                        source_id=source.id, region=source.region, authority=source.authority)
    if fetched.text is None:
        raise SourceError("parse", f"binary body ({len(fetched.body)} bytes, {fetched.content_type or 'no type'})")
    page = _parse_page(fetched.text, fetched.final_url or url, source.content)
    page_text = page.text or ""
    if source.content and page.selector_matched is False and page_text.strip():
        raise SourceError("selector", f"content selector {source.content!r} matched nothing on {url}")
    title = page.title or (item.title if item is not None else None)
    published = page.published or (item.published if item is not None else None)
    for k, v in dict(page.meta or {}).items():
        meta[k] = v
    return Document(url=url, title=_normalize(title) if title else None, text=_normalize(page_text),
                    published=published, meta=meta, source_id=source.id, region=source.region,
                    authority=source.authority, attachments=tuple(page.attachments or ()))


# ---------------------------------------------------------------- a minimal page reader (until extract.page lands)

class _Page:
    def __init__(self, title, text, published, meta, attachments, selector_matched):
        self.title, self.text, self.published = title, text, published
        self.meta, self.attachments, self.selector_matched = meta, attachments, selector_matched


_FURNITURE = "script, style, noscript, nav, header, footer, iframe, form, select, button"


def fallback_parse_page(html: str, *, url: str = "", content: str | None = None) -> _Page:
    """Title (ArticleTitle meta or <title>), PubDate meta, text of the content selector or the body without
    page furniture, and PDF/DOCX links. Only used when extract/page.py is missing."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser
    tree = HTMLParser(html)
    meta: dict[str, Any] = {}
    for m in tree.css("meta[name]"):
        name = (m.attributes.get("name") or "").strip()
        if name:
            meta.setdefault(name, clean(m.attributes.get("content")))
    title = meta.get("ArticleTitle") or None
    if not title:
        t = tree.css_first("title")
        title = clean(t.text()) if t else None
    published = parse_any_date(meta.get("PubDate") or meta.get("firstpublishedtime") or "")
    attachments = []
    for a in tree.css("a[href]"):
        u = resolve(a.attributes.get("href"), url)
        if u and ATTACHMENT_RE.search(urlsplit(u).path) and u not in attachments:
            attachments.append(u)
    matched = None
    node = None
    if content:
        try:
            node = tree.css_first(content)
        except Exception:  # noqa: BLE001 - a bad selector is a non-match
            node = None
        matched = node is not None
    if node is None:
        for n in tree.css(_FURNITURE):
            n.decompose()
        node = tree.body or tree.root
    text = node.text(separator="\n") if node is not None else ""
    text = "\n".join(clean(line) for line in text.split("\n") if clean(line))
    return _Page(title, text, published, meta, tuple(attachments), matched)
