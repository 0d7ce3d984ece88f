"""Text of an attachment (PDF, DOCX). Pure: bytes in, normalised text out; SourceError('parse', …) when unreadable.

    attachment_text(data, *, name="", content_type="") -> str
    join_pages(pages: list[str]) -> str                        the text of a printed document from its pages' text
    columns_text(frags, page_width) -> str | None              a page set in columns, read column by column

The format is decided by magic bytes first, then the content type, then the file name. Never hangs: pages and
characters are capped, and a PDF page that yields no text is skipped.

A PDF is read as a printed document: page numbers, running headers and footers, the red header line and control
characters go; page one's title is made whole and put first; a page set in columns is read column by column (from
the positions of its text); letter-spaced lines are closed up; a text layer without a Unicode map is unreadable.
A DOCX is read in body order, with tables as 'a | b' rows, text boxes once, tracked insertions and field results.
Old .doc/.wps/.ofd files are reported unreadable, never guessed.
"""
from __future__ import annotations

import io
import logging
import re
import time
import zipfile

from ..errors import SourceError
from .normalize import CJK, normalize

__all__ = ["attachment_text", "join_pages", "columns_text", "MAX_PAGES", "MAX_CHARS"]

MAX_PAGES = 200                  # PDF pages read at most
MAX_CHARS = 2_000_000            # characters of text kept at most
MAX_DOCX_XML = 60 * 1024 * 1024  # uncompressed size of word/document.xml accepted (zip bombs)
PDF_BUDGET = 30.0                # seconds of page extraction at most; the pages read so far are kept

# page-number lines of printed documents ('— 3 —', '-12-', '第 3 页'): noise between two halves of a sentence
# (a bare number on its own line is left alone: in a table it is a value)
_SP = r"[ \t\u3000\xa0]*"
_NUM = r"[0-9０-９]{1,4}"
_PAGE_NUMBER = re.compile(rf"^{_SP}(?:[-—–－·]{{1,2}}{_SP}{_NUM}{_SP}[-—–－·]{{1,2}}"
                          rf"|第{_SP}{_NUM}{_SP}页(?:{_SP}[,，/／]?{_SP}共{_SP}{_NUM}{_SP}页)?)"
                          rf"{_SP}(?:\n|$)", re.M)
# a title's qualifier set on a line of its own ('（征求意见稿）' under the title, in a PDF or a text box) belongs to it
_QUALIFIER_LINE = re.compile(r"(?<=[^\s。；：:，,！？!?])\n[ \t]*([(（]\s*(?:征求意见稿|公开征求意见稿|送审稿|草案|讨论稿|修订稿|"
                             r"修订草案|试行|暂行|代拟稿)\s*[)）])[ \t]*(?=\n|$)")
_OLD_FORMAT = "old Word/WPS/OFD format: not readable, open it by hand"
_NO_TEXT = "PDF has no text layer (scanned?)"
_NO_UNICODE = "PDF text layer does not map to Unicode (fonts without ToUnicode): not readable, open it by hand"
# what a font without a Unicode map gives: private-use code points, U+FFFD, stray symbols instead of Han characters
_GARBLE = re.compile(r"[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")


def _garbled(text: str) -> bool:
    """Most of the visible characters are private-use or replacement characters: the text is not the document's."""
    visible = sum(1 for c in text if not c.isspace())
    return visible >= 20 and len(_GARBLE.findall(text)) * 10 >= visible * 3


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
        if _garbled(text):
            raise SourceError("parse", f"{label}: {_NO_UNICODE}")
    elif kind == "docx":
        text = _docx_text(data, label)
    elif kind in ("old", "ofd"):
        raise SourceError("parse", f"{label}: {_OLD_FORMAT}")
    elif kind in ("xlsx", "zip"):
        raise SourceError("parse", f"{label}: spreadsheet or archive: not read, open it by hand")
    else:
        raise SourceError("parse", f"{label}: not a PDF or DOCX file (unrecognised content)")
    text = _QUALIFIER_LINE.sub(r"\1", normalize(_PAGE_NUMBER.sub("", text[:MAX_CHARS])))
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
            t = _page_text(pages[i])
        except Exception:  # noqa: BLE001 - one broken page does not spoil the others
            continue
        out.append(t)
        size += len(t)
        if size > MAX_CHARS:
            break
    return join_pages(out)


def _page_text(page) -> str:
    """pypdf's text of a page, or, on a page set in two (or more) columns, the columns one after the other: pypdf
    follows the content stream, and a generator that draws row by row across the columns interleaves them."""
    frags: list[tuple[float, float, float, str]] = []

    def visit(text, cm, tm, _font, size):
        if text and text.strip() and len(frags) < 20000:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (abs(tm[0] * cm[0]) + abs(tm[1] * cm[1])) or 1.0
            frags.append((x, y, (size or 10) * scale, text))

    text = page.extract_text(visitor_text=visit) or ""
    try:
        width = float(page.mediabox.width)
    except Exception:  # noqa: BLE001
        return text
    cols = columns_text(frags, width)
    return cols if cols is not None else text


def _span(f: tuple[float, float, float, str]) -> tuple[float, float]:
    x, _, size, t = f       # (a leading space is pypdf's, put before a fragment that follows a gap: not a glyph)
    return x, x + sum(size if ord(c) > 0x2E7F else 0.55 * size for c in t.strip())


def _runs(frags: list[tuple[float, float, float, str]]) -> list[tuple[float, float, float, float, str]]:
    """Fragments on one baseline that touch (a PDF that places every glyph by itself) merged into runs
    (x0, x1, y, size, text), in reading order within the row."""
    rows: dict[int, list[tuple[float, float, float, float, str]]] = {}
    for f in frags:
        a, b = _span(f)
        rows.setdefault(round(f[1] / max(1.0, f[2] * 0.5)), []).append((a, b, f[1], f[2], f[3]))
    out = []
    for key in sorted(rows, reverse=True):
        cur = None
        for a, b, y, size, t in sorted(rows[key], key=lambda r: r[0]):
            if cur is not None and a - cur[1] <= 0.6 * size:
                sep = " " if a - cur[1] > 0.3 * size else ""
                cur = (cur[0], max(cur[1], b), cur[2], cur[3], cur[4] + sep + t.strip())
            else:
                if cur is not None:
                    out.append(cur)
                cur = (a, b, y, size, t.strip())
        if cur is not None:
            out.append(cur)
    return out


def columns_text(frags: list[tuple[float, float, float, str]], page_width: float) -> str | None:
    """Text of a page set in columns, from its text fragments (x, y, font size, text) in points, y upwards; None
    when the page is not in columns. Pure. A gutter is an x in the middle of the page that, on many baselines,
    lies between a run of text ending left of it and one starting right of it, and that few runs cross; both
    sides hold lines of prose (the cells of a table side by side are mostly short). Runs crossing it (a running
    header, a title across the page) cut the page into bands; each band is read left column first, then the
    right one."""
    if len(frags) < 10 or page_width <= 0:
        return None
    runs = _runs(frags)
    rows: dict[int, list[int]] = {}
    for i, r in enumerate(runs):
        rows.setdefault(round(r[2] / max(1.0, r[3] * 0.5)), []).append(i)
    if len(rows) < 5:
        return None
    best = None
    for step in range(int(page_width * 0.3), int(page_width * 0.7), 2):
        x = float(step)
        crossing = sum(1 for r in runs if r[0] < x - 1 < r[1] - 2)
        if crossing > max(3, len(rows) // 10):
            continue
        pairs = sum(1 for idx in rows.values()
                    if any(runs[i][1] <= x + 2 for i in idx) and any(runs[i][0] >= x - 2 for i in idx)
                    and not any(runs[i][0] < x - 1 < runs[i][1] - 2 for i in idx))
        if pairs >= 5 and pairs >= 2 * crossing:
            score = pairs - 3 * crossing
            if best is None or score > best[0]:
                best = (score, x)
    if best is None:
        return None
    gx = best[1]
    lens: tuple[list[int], list[int]] = ([], [])
    for idx in rows.values():
        left = [len(runs[i][4]) for i in idx if runs[i][1] <= gx + 2]
        right = [len(runs[i][4]) for i in idx if runs[i][0] >= gx - 2]
        if left and right:
            lens[0].append(sum(left))
            lens[1].append(sum(right))
    if any(sorted(side)[len(side) // 2] < 8 for side in lens):
        return None
    full = sorted((i for i, r in enumerate(runs) if r[0] < gx - 1 < r[1] - 2), key=lambda i: -runs[i][2])
    cuts = [runs[i][2] for i in full]
    bands: list[list[int]] = [[] for _ in range(len(full) + 1)]
    for i, r in enumerate(runs):
        if i not in full:
            bands[sum(1 for c in cuts if r[2] < c)].append(i)     # how many crossing runs lie above it
    # each column's edges over the whole page: a line reaching the right edge, not ending a sentence, followed by
    # a line that starts at the left edge (not indented as a paragraph's first line) goes on in that line
    sides = ([i for i, r in enumerate(runs) if i not in full and r[1] <= gx + 2],
             [i for i, r in enumerate(runs) if i not in full and r[1] > gx + 2])
    def edge(side: list[int]) -> tuple[float, float]:      # (left edge, right edge: where most full lines end)
        if not side:
            return 0.0, 0.0
        ends = sorted(runs[i][1] for i in side)
        return min(runs[i][0] for i in side), ends[(len(ends) * 3) // 4]

    edges = [edge(side) for side in sides]
    out: list[str] = []
    for k, band in enumerate(bands):
        if k > 0:
            out.append(runs[full[k - 1]][4])
        prev_full = False           # (a column's last line may go on at the top of the next column)
        for s, side in enumerate(sides):
            mine = set(side).intersection(band)
            by_row: dict[int, list[int]] = {}
            for i in mine:
                by_row.setdefault(round(runs[i][2] / max(1.0, runs[i][3] * 0.5)), []).append(i)
            left_edge, right_edge = edges[s]
            for key in sorted(by_row, reverse=True):
                parts = sorted(by_row[key], key=lambda i: runs[i][0])
                text = " ".join(runs[i][4] for i in parts)
                size = max(runs[i][3] for i in parts)
                x0, x1 = runs[parts[0]][0], runs[parts[-1]][1]
                if prev_full and out and x0 <= left_edge + 0.5 * size:
                    out[-1] += (" " if out[-1][-1:].isascii() and out[-1][-1:].isalpha() and text[:1].isascii()
                                and text[:1].isalpha() else "") + text
                else:
                    out.append(text)
                prev_full = x1 >= right_edge - 1.5 * size and text[-1:] not in _ENDS
    return "\n".join(out)


_ENDS = set("。！？；：!?;:")


# control characters some fonts' ToUnicode maps give between glyphs ('\x00赣\x00州\x00市'): never text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]+")
# the red header of an official document: an organ's name (often letter-spaced) followed by 文件, alone on a line
_RED_HEADER = re.compile(rf"^(?:[{CJK}]\s?){{2,40}}文\s?件$")
_FURNITURE_ZONE = 2          # lines at the top and at the foot of a page where running headers and footers sit


# a line that is only a document number (赣市工信字〔2025〕45号)
_DOC_NO_ONLY = re.compile(rf"^[{CJK}A-Za-z]{{1,16}}\s*[〔\[［(（]\s*(?:19|20)\d{{2}}\s*[〕\]］)）]\s*第?\s*\d{{1,5}}\s*号$")
_TITLE_TAIL = re.compile(r"(?:通知|意见|办法|方案|决定|细则|公告|通告|批复|规定|措施|指南|报告|规划|计划|公示|通报|函|条例|政策|"
                         r"清单)(?:[(（]?(?:试行|暂行|征求意见稿|草案|修订)[)）]?)?$")
_SENTENCE_END = re.compile(r"[。；：:，,！？!?]$")


def _front_matter(lines: list[str]) -> list[str]:
    """Page one's head as a web page prints it: the title first, whole (a title the PDF centres over two or three
    lines, 'XX局关于开展2025年' / '第二批语料券申领工作的通知', is one line), then the 文号 line of the header."""
    top = lines[:6]
    k = next((i for i, ln in enumerate(top) if not _DOC_NO_ONLY.match(ln)), None)
    if k is None:
        return lines
    for m in (k, k + 1, k + 2):                # the title's last line: ends like a title
        if m >= len(top) or len(top[m]) > 40 or _SENTENCE_END.search(top[m]) or _DOC_NO_ONLY.match(top[m]):
            break
        if _TITLE_TAIL.search(top[m]):
            title = "".join(top[k:m + 1])
            if "关于" not in title:
                break
            return [title] + top[:k] + lines[m + 1:]
    return lines


_CJK_CHAR = re.compile(rf"[{CJK}]")


def _unspace(line: str) -> str:
    """A letter-spaced line (each glyph placed alone and read with a space between: '2 0 2 5 年 度 算 力 券') closed
    up; a wider gap (two spaces or more) stays one space. Lines of words are left alone."""
    tokens = line.split(" ")
    if len(tokens) < 6:
        return line
    words = [t for t in tokens if t]
    single = [t for t in words if len(t) == 1]
    if len(single) < 0.8 * len(words) or sum(1 for t in single if _CJK_CHAR.match(t)) < 0.5 * len(single):
        return line          # (a row of one-digit table cells, '1 2 3 4 5 6', is not letter-spaced text)
    return re.sub(r" {2,}", "\x00", line).replace(" ", "").replace("\x00", " ")


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def join_pages(pages: list[str]) -> str:
    """The text of a printed document from the text of its pages. Pure.

    Page furniture goes: page-number lines ('— 3 —', '第 3 页 共 9 页'), running headers and footers (a line
    found at the top or the foot of at least half the pages, two pages at least, page numbers aside), the red
    header line of page one (XX局文件), control characters. The last line of a page and the first of the next
    become neighbours, so a sentence cut by the page break is joined as any wrapped line is (normalize)."""
    pages = [_CONTROL.sub("", p or "") for p in pages]
    lines_of = [[_unspace(ln.strip()) for ln in _PAGE_NUMBER.sub("", p).split("\n") if ln.strip()] for p in pages]
    counted = [ls for ls in lines_of if len(ls) >= _FURNITURE_ZONE * 2]     # pages with a body besides
    furniture: set[str] = set()
    if len(counted) >= 2:
        seen: dict[str, int] = {}
        for ls in counted:
            # the top and the foot are counted apart: a running header that repeats the organ's name does not
            # make the signature at the foot of the last page furniture
            for key in ({("top", _furniture_key(ln)) for ln in ls[:_FURNITURE_ZONE]}
                        | {("foot", _furniture_key(ln)) for ln in ls[-_FURNITURE_ZONE:]}):
                seen[key] = seen.get(key, 0) + 1
        furniture = {k for k, c in seen.items() if c >= 2 and c * 2 >= len(counted) and len(k[1]) >= 2}
    out: list[str] = []
    first = True
    for ls in lines_of:
        if not ls:
            continue
        if furniture and len(ls) >= _FURNITURE_ZONE * 2:
            z = min(_FURNITURE_ZONE, len(ls))
            head = [ln for ln in ls[:z] if ("top", _furniture_key(ln)) not in furniture]
            tail = [ln for ln in ls[max(z, len(ls) - _FURNITURE_ZONE):] if ("foot", _furniture_key(ln)) not in furniture]
            ls = head + ls[z:max(z, len(ls) - _FURNITURE_ZONE)] + tail
        if first and ls:
            ls = _front_matter([ln for k, ln in enumerate(ls) if k >= 3 or not _RED_HEADER.match(ln)])
            first = False
        out.extend(ls)
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
            own, boxes = _para_text(child), _textbox_lines(child)
            if own.strip() or not boxes:
                out.append(own)
            out.extend(boxes)
        elif tag == "tbl":
            out.extend(_table_rows(Table(child, d)))
        elif tag in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):   # content controls, tracked insertions
            stack.extend(reversed(list(child.iterchildren())))
            continue
        else:
            continue
        size += len(out[-1]) if out else 0
    return "\n".join(out)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


_PARA_SKIP = {_W + "del", _W + "txbxContent", _MC_FALLBACK, _W + "instrText", _W + "delText", _W + "pPr", _W + "rPr",
              _W + "rt"}


def _para_text(p) -> str:
    """The text of a paragraph element, with what python-docx's Paragraph.text leaves out: tracked insertions
    (w:ins), field results (w:fldSimple, PAGEREF …), smart tags, custom XML and content controls inside the
    paragraph. Deleted text, field instructions, ruby annotations and text boxes (read apart) are not text."""
    parts: list[str] = []
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str) or tag in _PARA_SKIP:
            continue
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        else:
            stack.extend(reversed(list(el)))
    return "".join(parts)


def _textbox_lines(p) -> list[str]:
    """Paragraphs of the text boxes anchored in paragraph p (a 征求意见稿 mark, a red header, a 文号 set in a
    floating box), after the paragraph's own text. Word writes each box twice (mc:Choice DrawingML and its
    mc:Fallback VML): the fallback copy is skipped."""
    out: list[str] = []
    for box in p.iter(_W + "txbxContent"):
        anc, fallback = box.getparent(), False
        while anc is not None and anc is not p:
            if anc.tag == _MC_FALLBACK:
                fallback = True
                break
            anc = anc.getparent()
        if fallback:
            continue
        for para in box.iterchildren(_W + "p"):
            t = _para_text(para)
            if t.strip():
                out.append(t)
    return out


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
                t = " ".join(x for x in (_para_text(p._p).strip() for p in cell.paragraphs) if x)
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
