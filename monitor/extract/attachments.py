"""Text of an attachment (PDF, DOCX). Pure: bytes in, normalised text out; SourceError('parse', …) when unreadable.

    attachment_text(data, *, name="", content_type="") -> str

The format is decided by magic bytes first, then the content type, then the file name. Never hangs: pages and
characters are capped, and a PDF page that yields no text is skipped.
"""
from __future__ import annotations

import io
import logging
import re
import time
import zipfile

from ..errors import SourceError
from .normalize import normalize

__all__ = ["attachment_text", "MAX_PAGES", "MAX_CHARS"]

MAX_PAGES = 200                  # PDF pages read at most
MAX_CHARS = 2_000_000            # characters of text kept at most
MAX_DOCX_XML = 60 * 1024 * 1024  # uncompressed size of word/document.xml accepted (zip bombs)
PDF_BUDGET = 30.0                # seconds of page extraction at most; the pages read so far are kept

# page-number lines of printed documents ('— 3 —', '-12-', '第 3 页'): noise between two halves of a sentence
# (a bare number on its own line is left alone: in a table it is a value)
_PAGE_NUMBER = re.compile(r"^[ \t]*(?:[-—–－]{1,2}[ \t]*\d{1,4}[ \t]*[-—–－]{1,2}|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)"
                          r"[ \t]*(?:\n|$)", re.M)
_OLD_FORMAT = "old Word/WPS/OFD format: not readable, open it by hand"
_NO_TEXT = "PDF has no text layer (scanned?)"


def _kind(data: bytes, name: str, content_type: str) -> str:
    head = data[:8]
    ct = (content_type or "").lower().split(";")[0].strip()
    low = (name or "").lower().split("?")[0].split("#")[0]
    if head.startswith(b"%PDF") or data[:1024].lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):            # OLE2: .doc, .wps, .xls
        return "old"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return "garbage"
        if "word/document.xml" in names:
            return "docx"
        if "Doc_0/Document.xml" in names or "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
            return "ofd"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        return "zip"
    if ct == "application/pdf" or low.endswith(".pdf"):
        return "pdf"
    if low.endswith((".doc", ".wps", ".ofd")) or ct in ("application/msword", "application/vnd.ms-works",
                                                        "application/ofd", "application/kswps"):
        return "old"
    if low.endswith(".docx") or "wordprocessingml" in ct:
        return "docx"
    return "garbage"


def attachment_text(data: bytes, *, name: str = "", content_type: str = "") -> str:
    """Normalised text of a PDF or DOCX attachment. SourceError('parse', message) for old Word/WPS/OFD files,
    PDFs without a text layer (or encrypted), spreadsheets, archives and garbage."""
    if not data:
        raise SourceError("parse", f"{name or 'attachment'}: empty file")
    kind = _kind(bytes(data), name, content_type)
    label = name or content_type or "attachment"
    if kind == "pdf":
        text = _pdf_text(data, label)
    elif kind == "docx":
        text = _docx_text(data, label)
    elif kind in ("old", "ofd"):
        raise SourceError("parse", f"{label}: {_OLD_FORMAT}")
    elif kind in ("xlsx", "zip"):
        raise SourceError("parse", f"{label}: spreadsheet or archive: not read, open it by hand")
    else:
        raise SourceError("parse", f"{label}: not a PDF or DOCX file (unrecognised content)")
    text = normalize(_PAGE_NUMBER.sub("", text[:MAX_CHARS]))
    if not text.strip():
        if kind == "pdf":
            raise SourceError("parse", f"{label}: {_NO_TEXT}")
        raise SourceError("parse", f"{label}: the document holds no text")
    return text


# ------------------------------------------------------------------ PDF

def _pdf_text(data: bytes, label: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as e:  # pragma: no cover - pypdf is a dependency
        raise SourceError("parse", f"{label}: pypdf is not installed") from e
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported encryption
                ok = 0
            if not ok:
                raise SourceError("parse", f"{label}: PDF is encrypted: no readable text layer")
        pages = reader.pages
        n = len(pages)
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, AssertionError, NotImplementedError) as e:
        raise SourceError("parse", f"{label}: broken PDF ({type(e).__name__}: {str(e)[:120]})") from e
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on garbage
        raise SourceError("parse", f"{label}: broken PDF ({type(e).__name__})") from e
    out: list[str] = []
    size = 0
    stop_at = time.monotonic() + PDF_BUDGET
    for i in range(min(n, MAX_PAGES)):
        if time.monotonic() > stop_at:
            break
        try:
            t = pages[i].extract_text() or ""
        except Exception:  # noqa: BLE001 - one broken page does not spoil the others
            continue
        out.append(_PAGE_NUMBER.sub("", t).strip())    # a sentence may go on from one page to the next
        size += len(t)
        if size > MAX_CHARS:
            break
    return "\n".join(out)


# ------------------------------------------------------------------ DOCX

def _docx_text(data: bytes, label: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML:
                raise SourceError("parse", f"{label}: DOCX too large to read ({info.file_size} bytes of XML)")
    except SourceError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise SourceError("parse", f"{label}: broken DOCX ({type(e).__name__})") from e
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds on broken files
        raise SourceError("parse", f"{label}: broken DOCX ({type(e).__name__})") from e
    out: list[str] = []
    size = 0
    # body order: paragraphs and tables as they come
    stack = list(reversed(list(d.element.body.iterchildren())))
    while stack and size <= MAX_CHARS:
        child = stack.pop()
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(child, d).text)
        elif tag == "tbl":
            out.extend(_table_rows(Table(child, d)))
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):   # content controls, tracked insertions
            stack.extend(reversed(list(child.iterchildren())))
            continue
        else:
            continue
        size += len(out[-1]) if out else 0
    return "\n".join(out)


def _table_rows(table) -> list[str]:
    rows: list[str] = []
    try:
        for row in table.rows:
            cells: list[str] = []
            last = None
            for cell in row.cells:
                if last is not None and cell._tc is last:      # merged cells repeat
                    continue
                last = cell._tc
                t = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                nested = [r for tb in cell.tables for r in _table_rows(tb)]
                if nested:
                    t = (t + " " + " ".join(nested)).strip()
                if t:
                    cells.append(t)
            if cells:
                rows.append(" | ".join(cells))
    except Exception:  # noqa: BLE001 - an odd table is skipped, not fatal
        pass
    return rows
