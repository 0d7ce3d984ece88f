"""Helpers for the CMS families most Chinese government sites are built on (SOURCES-SURVEY.md "Page families").

- Hanweb JCMS (/col/colNNN/index.html): the list sits in <script type="text/xml"><datastore><recordset><record>
  <![CDATA[<li>…</li>]]></record>…; hanweb_records() returns those HTML fragments.
- TRS WCM: `ul.u-list li`, ./YYYYMM/tYYYYMMDD_ID.html, paging index_N.html (never followed: is_paging_url()).
- Guangdong gkmlpt JSON: rows with document_number, is_abolished, is_expired; gkmlpt_flags().
- 杭州 jpaas: {success, data: {html: "<li>…"}}; wrapped_html().
Pure functions.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from .base import clean, truthy

_RECORD_RE = re.compile(r"<record[^>]*>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_PAGING_RE = re.compile(r"(?:^|/)(index|default|list)(_\d+)?\.s?html?$|/index_pc_\d+\.html$|[?&](page|pageNo|pageNum)=\d+",
                        re.I)


def hanweb_records(html: str) -> list[str]:
    """The HTML fragments of a Hanweb datastore (<record><![CDATA[…]]></record>), in order."""
    if "<record" not in html and "<RECORD" not in html:
        return []
    return [m.group(1) for m in _RECORD_RE.finditer(html)]


def is_paging_url(url: str) -> bool:
    """index.html, index_1.html, list_2.shtml, ?page=3: list pages and paging, never items."""
    parts = urlsplit(url)
    path = parts.path
    return bool(_PAGING_RE.search(path + ("?" + parts.query if parts.query else ""))) or path.endswith("/") \
        or path == ""


_DOCNUM_KEYS = ("document_number", "documentNumber", "doc_number", "docNumber", "wh", "fwzh", "FWZH", "WH",
                "文号", "发文字号")
_ABOLISHED_KEYS = ("is_abolished", "isAbolished", "abolished", "is_repealed", "fzbz")
_EXPIRED_KEYS = ("is_expired", "isExpired", "expired")


def row_flags(row: dict, fields: dict | None = None) -> dict[str, Any]:
    """flags of a JSON row: abolished / expired when set, doc_number when present (gkmlpt and look-alikes).
    `fields` may name the keys (doc_number, abolished, expired)."""
    fields = fields or {}
    flags: dict[str, Any] = {}

    def pick(name: str, keys: tuple[str, ...]):
        key = fields.get(name)
        if key:
            return dig(row, key)
        for k in keys:
            if k in row:
                return row[k]
        return None

    if truthy(pick("abolished", _ABOLISHED_KEYS)):
        flags["abolished"] = True
    if truthy(pick("expired", _EXPIRED_KEYS)):
        flags["expired"] = True
    num = pick("doc_number", _DOCNUM_KEYS)
    if isinstance(num, str) and clean(num):
        flags["doc_number"] = clean(num)
    return flags


gkmlpt_flags = row_flags


def dig(obj: Any, path: str | None) -> Any:
    """obj at a dotted path ('data.list', 'rows', 'result.0.items'); '' or None → obj itself."""
    if not path:
        return obj
    for part in path.split("."):
        if isinstance(obj, dict):
            obj = obj.get(part)
        elif isinstance(obj, list) and part.lstrip("-").isdigit():
            i = int(part)
            obj = obj[i] if -len(obj) <= i < len(obj) else None
        else:
            return None
        if obj is None:
            return None
    return obj


def wrapped_html(obj: Any) -> str | None:
    """The HTML a JSON API wraps (杭州 jpaas {success, data: {html}}, or {html}/{data: "<li>…"})."""
    for path in ("data.html", "html", "data.content", "data"):
        v = dig(obj, path)
        if isinstance(v, str) and "<a" in v.lower():
            return v
    return None
