"""Source kinds: a plain dict registry, KINDS[source.kind] → a small SourceKind object.

    kind.items(source, fetched) -> list[Item]              the entries of a list (rss/html/json), newest first
    kind.document(source, fetched, item=None) -> Document  an article page (HTML, PDF, DOCX) as a Document
"""
from __future__ import annotations

from .base import SourceKind, build_document
from .html import HtmlKind
from .json_api import JsonKind
from .page import PageKind
from .rss import RssKind

KINDS: dict[str, SourceKind] = {k.name: k for k in (RssKind(), HtmlKind(), JsonKind(), PageKind())}

__all__ = ["KINDS", "SourceKind", "build_document"]
