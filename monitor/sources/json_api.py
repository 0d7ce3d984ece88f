"""json: a list API → Items.

- the body may start with a BOM or be JSONP (`cb({...})`);
- source.items is the dotted path of the list ('articles', 'data.list', 'rows'); empty → the top-level array,
  or the first list of objects under a usual key (data, list, rows, articles, records, items, result …);
- source.fields maps title/url/published (and doc_number, abolished, expired) to keys; without it the usual
  key names are tried (title/TITLE/name, url/URL/link/docPubUrl, published/pubDate/DOCRELPUBTIME/created_at …);
- an API wrapping HTML (杭州 jpaas {success, data: {html}}) is read like an html list when fields are absent;
- dates: ISO, 'YYYY-MM-DD HH:MM:SS', epoch seconds and milliseconds (China time);
- gkmlpt rows: is_abolished / is_expired → Item.flags abolished / expired; document_number → flags doc_number.
"""
from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any

from ..errors import SourceError
from ..models import Fetched, Item, Source
from .base import SourceKind, clean, parse_any_date, resolve, text_of
from .families import dig, row_flags, wrapped_html
from .html import list_items

_TAGS = re.compile(r"<[^>]{0,200}>")
_JSONP = re.compile(r"^\s*[\w$.]+\s*\(\s*(.*?)\s*\)\s*;?\s*$", re.S)
_LIST_KEYS = ("data", "list", "rows", "articles", "records", "items", "result", "results", "datas", "content",
              "docs", "page", "recordList", "dataList", "infolist")
_TITLE = ("title", "TITLE", "Title", "name", "docTitle", "DOCTITLE", "subject", "bt", "articleTitle")
_URL = ("url", "URL", "link", "href", "docPubUrl", "DOCPUBURL", "linkUrl", "linkurl", "pageUrl", "detailUrl",
        "webUrl", "art_url")
_PUBLISHED = ("published", "pubDate", "publishDate", "publish_time", "publishTime", "pubtime", "pubTime",
              "DOCRELPUBTIME", "docrelpubtime", "releaseTime", "created_at", "createdAt", "create_time", "createTime",
              "date", "time", "fbrq", "cwrq", "docPubTime", "DOCPUBTIME", "first_publish_time", "updated_at")


def load_json(text: str) -> Any:
    text = text.lstrip("\ufeff").strip()
    try:
        return json.loads(text)
    except ValueError:
        m = _JSONP.match(text)
        if m:
            try:
                return json.loads(m.group(1))
            except ValueError:
                pass
    raise SourceError("parse", "body is not JSON")


def _rows(obj: Any, path: str | None) -> list | None:
    if path:
        v = dig(obj, path)
        return v if isinstance(v, list) else None
    if isinstance(obj, list):
        return obj
    queue = [obj]
    for _ in range(3):                                    # breadth first, three levels deep
        nxt = []
        for o in queue:
            if not isinstance(o, dict):
                continue
            for k in _LIST_KEYS:
                v = o.get(k)
                if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:5]):
                    return v
            nxt.extend(v for v in o.values() if isinstance(v, dict))
        queue = nxt
    return None


def _pick(row: dict, key: str | None, names: tuple[str, ...]) -> Any:
    if key:
        return dig(row, key)
    for n in names:
        if n in row and row[n] not in (None, ""):
            return row[n]
    return None


def api_items(obj: Any, base_url: str, items_path: str | None = None, fields: dict | None = None,
              links: str | None = None) -> list[Item]:
    """The items of a decoded JSON list response. Pure."""
    fields = dict(fields or {})
    if not fields:
        html = wrapped_html(obj) if not items_path else (dig(obj, items_path) if isinstance(
            dig(obj, items_path), str) else None)
        if html:
            return list_items(html, base_url, links)
    rows = _rows(obj, items_path)
    if rows is None:
        raise SourceError("parse" if not items_path else "selector",
                          f"no list at {items_path!r}" if items_path else "no list of items in the JSON")
    out: list[Item] = []
    seen: set[str] = set()
    for row in rows:
        if not isinstance(row, dict):
            continue
        url = resolve(str(_pick(row, fields.get("url"), _URL) or ""), base_url)
        if not url or url in seen:
            continue
        seen.add(url)
        title = _pick(row, fields.get("title"), _TITLE)
        published = parse_any_date(_pick(row, fields.get("published"), _PUBLISHED))
        if title not in (None, ""):
            title = clean(html_lib.unescape(_TAGS.sub("", str(title))))    # search APIs highlight with <em>
        out.append(Item(url=url, title=title or None,
                        published=published, flags=row_flags(row, fields)))
    return out


class JsonKind(SourceKind):
    name = "json"

    def items(self, source: Source, fetched: Fetched) -> list[Item]:
        obj = load_json(text_of(fetched))
        return api_items(obj, fetched.final_url or fetched.url, source.items, dict(source.fields or {}),
                         source.links)
