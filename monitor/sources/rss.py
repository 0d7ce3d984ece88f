"""rss: an RSS/Atom feed → Items. feedparser only ever sees bytes (it never fetches), and never a DTD.

- DOCTYPE with an internal subset or any ENTITY declaration (billion laughs, external entities) → SourceError;
  a bare <!DOCTYPE rss …> (old Netscape feeds) is dropped before parsing;
- HTML entities that XML does not define (&nbsp; …) are written as numeric references, bare '&' in links as
  &amp;, and forbidden control characters dropped, so a feed of a Chinese CMS is not 'bozo' for them; any other
  bozo, or no feed version → SourceError('parse');
- the text is the one fetch.decode() chose (header charset lies are handled there) and is handed to
  feedparser as UTF-8 with a matching XML declaration;
- dates: feedparser's, else our own reader (`2025-09-12 10:31:08.0`, 2025年9月12日 …);
- Item.summary keeps the description, for documents built from it when the link cannot be followed.
"""
from __future__ import annotations

import html.entities
import re

import feedparser

from ..errors import SourceError
from ..models import Fetched, Item, Source
from .base import SourceKind, clean, parse_any_date, resolve, text_of

_DTD_RE = re.compile(r"<!DOCTYPE\b[^>\[]*(\[.*?\]\s*)?>", re.I | re.S)
_ENTITY_RE = re.compile(r"<!ENTITY\b", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_OWN = {"amp", "lt", "gt", "quot", "apos"}
_BARE_AMP = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#[xX][0-9A-Fa-f]+);)")
_XML_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_OK_BOZO = (getattr(feedparser, "CharacterEncodingOverride", ()), getattr(feedparser, "NonXMLContentType", ()))


def _entities(text: str) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name in _XML_OWN:
            return m.group(0)
        cp = html.entities.name2codepoint.get(name)
        return f"&#{cp};" if cp else m.group(0)
    return _NAMED.sub(sub, text)


def safe_feed_bytes(text: str) -> bytes:
    """The feed as UTF-8 bytes fit for feedparser, or SourceError('parse') when it declares entities/DTDs."""
    if _ENTITY_RE.search(text):
        raise SourceError("parse", "feed declares XML entities (refused: entity expansion / external entities)")
    m = _DTD_RE.search(text)
    if m:
        if m.group(1):
            raise SourceError("parse", "feed carries an internal DTD subset (refused)")
        text = text[:m.start()] + text[m.end():]
    if "<!DOCTYPE" in text.upper()[:20000]:
        raise SourceError("parse", "feed carries a DOCTYPE that could not be removed safely")
    text = _XML_DECL.sub("", text.lstrip("\ufeff"), count=1)
    text = _entities(text)
    text = _BARE_AMP.sub("&amp;", text)          # ?a=1&b=2 written raw in links: common, and fatal to XML
    text = _XML_CTRL.sub("", text)                # control characters XML 1.0 forbids
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text.lstrip()).encode("utf-8")


def _date(entry) -> str | None:
    """The entry's date in China time: our own reader first (feedparser turns '+0800' into a UTC struct, which
    moves a morning notice to the day before), feedparser's parsed struct as the fallback."""
    for key in ("published", "updated", "created", "dc_date", "date", "pubdate"):
        v = entry.get(key)
        if v:
            d = parse_any_date(v)
            if d:
                return d
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
            except AttributeError:
                pass
    return None


def feed_items(text: str, base_url: str) -> list[Item]:
    """The entries of a feed, newest first when every entry is dated (else in feed order). Pure."""
    data = safe_feed_bytes(text)
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), tuple(t for t in _OK_BOZO if t)):
        raise SourceError("parse", f"not a well-formed feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version"):
        raise SourceError("parse", "not an RSS or Atom feed")
    base = base_url
    items: list[Item] = []
    seen: set[str] = set()
    for e in parsed.entries:
        link = e.get("link") or ""
        if not link:
            for ln in e.get("links") or ():
                if ln.get("href") and ln.get("rel", "alternate") == "alternate":
                    link = ln["href"]
                    break
        if not link and str(e.get("id") or "").startswith(("http://", "https://")):
            link = e["id"]
        url = resolve(link, base)
        if not url or url in seen:
            continue
        seen.add(url)
        summary = e.get("summary") or ""
        if not summary and e.get("content"):
            summary = e["content"][0].get("value") or ""
        items.append(Item(url=url, title=clean(e.get("title")) or None, published=_date(e),
                          summary=summary or None))
    if items and all(i.published for i in items):
        items.sort(key=lambda i: i.published, reverse=True)     # stable: same-day entries keep feed order
    return items


class RssKind(SourceKind):
    name = "rss"

    def items(self, source: Source, fetched: Fetched) -> list[Item]:
        return feed_items(text_of(fetched), fetched.final_url or fetched.url)
