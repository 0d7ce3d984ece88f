"""page: one page watched as it is. No items; the document is the source page itself."""
from __future__ import annotations

from ..models import Fetched, Item, Source
from .base import SourceKind


class PageKind(SourceKind):
    name = "page"

    def items(self, source: Source, fetched: Fetched) -> list[Item]:
        return []
