"""Write small PDFs by hand for the tests: Chinese text through a Type0 font with a ToUnicode CMap."""
from __future__ import annotations


def make_pdf(pages: list[list[str]], *, with_text: bool = True) -> bytes:
    """A PDF with one page per entry; each entry is a list of lines. with_text=False: pages carry only a
    drawn rectangle (like a scanned page without a text layer)."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    # code = the character's UTF-16 unit; the CMap maps exactly the characters used (as real subset fonts do)
    used = sorted({ord(c) for lines in pages for ln in lines for c in ln} | {0x20})
    chars = b"".join(b"<%04X> <%04X>\n" % (c, c) for c in used if c <= 0xFFFF)
    blocks = []
    entries = chars.splitlines(keepends=True)
    for i in range(0, len(entries), 100):
        part = entries[i:i + 100]
        blocks.append(b"%d beginbfchar\n" % len(part) + b"".join(part) + b"endbfchar\n")
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            + b"".join(blocks) +
            b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
    catalog = add(b"")                      # placeholders, filled below
    pages_id = add(b"")
    tounicode = add(b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream")
    descendant = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
                     b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
                     b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
                     b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
                     b"/StemV 80 >> /DW 1000 >>")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
               b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, tounicode))
    kids = []
    for lines in pages:
        if with_text:
            ops = [b"BT /F1 12 Tf 14 TL 50 780 Td"]
            for ln in lines:
                ops.append(b"<" + ln.encode("utf-16-be").hex().encode() + b"> Tj T*")
            ops.append(b"ET")
        else:
            ops = [b"0.5 g 50 50 400 600 re f"]
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                          + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    return bytes(out)
