"""Policies published as PDF and DOCX attachments are read as well as web pages (issue 3).

tests/attachments/ holds government-style PDFs (A4, red header, 文号, a title over two lines, ~28 characters a line
wrapped mid-sentence, '— N —' page numbers, a sentence crossing each page break, running headers, two columns, an
attachment table) and DOCX files (headings, tables of terms, a text box, headers and footers), each beside the facts
expected from it (written from SPEC, never from the program's output). tests/attachments/make_fixtures.py made
them (not run here). tests/attachments/extra/ holds a scanned PDF (an image, no text layer).
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from monitor.errors import SourceError
from monitor.extract import extract_bytes
from monitor.extract.attachments import attachment_text, columns_text, join_pages

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "attachments"
SCANNED = CORPUS / "extra" / "shiyan_scanned.pdf"


def text_of(name: str) -> str:
    return attachment_text((CORPUS / name).read_bytes(), name=name)


# ------------------------------------------------------------------ the corpus and its floors

def test_corpus_is_well_formed():
    docs = sorted(CORPUS.glob("*.json"))
    kinds = {".pdf": 0, ".docx": 0}
    for js in docs:
        spec = json.loads(js.read_text(encoding="utf-8"))
        twins = [js.with_suffix(e) for e in kinds if js.with_suffix(e).exists()]
        assert len(twins) == 1, js.name
        kinds[twins[0].suffix] += 1
        assert twins[0].stat().st_size < 60_000, twins[0].name        # subset fonts: small files
        assert spec["stage"] in {"draft", "final", "application", "news"}, js.name
        assert spec["_input"]["authority"] in {"official", "news"}, js.name
        keys = [(m["voucher"], m["region"]) for m in spec["measures"]]
        assert len(keys) == len(set(keys)), js.name
        for m in spec["measures"]:
            assert m["ratio"] is None or 0 < m["ratio"] <= 1, js.name
    assert len(docs) >= 14 and kinds[".pdf"] >= 9 and kinds[".docx"] >= 5, kinds


@pytest.mark.timeout(120)
def test_attachment_corpus_floors():
    proc = subprocess.run([sys.executable, "-m", "monitor.evaluate", "tests/attachments", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=110)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    assert figures["documents"] >= 14, figures
    assert not figures["errors"], figures["errors"]
    assert figures["measures"]["f1"] >= 0.85, figures
    assert figures["fields"]["all"] >= 0.85, figures
    for f in ("stage", "published", "doc_number", "issuer"):
        assert figures["documents_fields"][f] >= 0.85, (f, figures)


# ------------------------------------------------------------------ PDF layout

def test_a_clause_crossing_a_page_break_reads_as_one_sentence():
    text = text_of("a01_mianyang_compute_measures.pdf")
    # '…单个企业每年抵扣金额最' | '— 2 —' | page 3: '高不超过200万元。'
    assert ("第三条 算力券年度发放总额为3000万元，按照企业实际支付算力服务费用的40%予以抵扣，"
            "单个企业每年抵扣金额最高不超过200万元。") in text.splitlines()
    assert "— 2 —" not in text and "— 3 —" not in text


def test_running_header_and_page_of_footer_do_not_break_a_sentence():
    text = text_of("a05_luoyang_data_running_header.pdf")
    assert "洛阳市工业和信息化局规范性文件" not in text          # on every page: furniture
    assert not any("页 共" in ln or "页共" in ln for ln in text.splitlines())
    assert "企业在洛阳数据交易服务中心完成交易并取得交易凭证后，方可申领数据要素券。同一交易不得重复申领" in text


def test_wrapped_lines_are_joined_and_the_title_is_whole():
    text = text_of("a02_ganzhou_model_apply.pdf")
    lines = text.splitlines()
    assert lines[0] == "赣州市工业和信息化局关于组织开展2025年度模型券申报工作的通知"
    assert "赣市工信字〔2025〕45号" in lines[1:3]
    assert not any(ln.endswith("文件") for ln in lines[:3])                  # the red header line is gone
    assert ("2025年度模型券资金总额1500万元。对企业购买大模型服务的，按合同实际支付金额的30%给予补贴，"
            "单个企业最高补贴50万元。申报的服务合同须于2024年9月1日至2025年7月31日期间签订。") in lines


def test_two_columns_are_read_one_after_the_other():
    text = text_of("a04_yibin_gazette_two_columns.pdf")
    assert ("一、发放算力券。设立算力券，每年发放总额不超过5000万元，对企业租用智能算力开展模型训练、推理的，"
            "按实际发生费用的30%给予补贴，单个企业每年最高300万元。") in text
    assert text.index("关于印发宜宾市支持人工智能产业发展若干政策的通知") < text.index("一、发放算力券")
    assert text.index("一、发放算力券") < text.index("二、发放语料券") < text.index("五、本政策")


def test_columns_text_orders_fragments_by_column():
    left = [f"左栏第{i}行算力券文字内容。" for i in range(8)]
    right = [f"右栏第{i}行模型券文字内容。" for i in range(8)]
    frags = [(150.0, 780.0, 10.5, "某市人民政府公报　　2025年第1期　　第三版")]
    for i in range(8):        # drawn row by row across the columns, as some generators do
        frags.append((80.0, 700.0 - 18 * i, 10.5, left[i]))
        frags.append((320.0, 700.0 - 18 * i, 10.5, right[i]))
    out = columns_text(frags, 595.0)
    assert out is not None
    lines = out.splitlines()
    assert lines[0].startswith("某市人民政府公报")
    assert lines[1:9] == left and lines[9:17] == right
    single = [(80.0, 700.0 - 18 * i, 10.5, "一栏排版的正文每行二十八个字左右算力券模型券") for i in range(20)]
    assert columns_text(single, 595.0) is None


def test_join_pages_drops_furniture_and_keeps_the_body():
    body = ["为降低中小企业使用智能算力成本，市财政每年安排资金发放算力券，按合同",
            "金额的30%给予补贴，单个企业最高200万元。企业应当在规定时间内提交"]
    pages = [
        "某市工业和信息化局规范性文件\n\x00某\x00市\x00工\x00业\x00和\x00信\x00息\x00化\x00局\x00文\x00件\n"
        "某工信发〔2025〕1号\n某市工业和信息化局关于印发\n《某市算力券管理办法》的通知\n" + body[0] + "\n— 1 —",
        "某市工业和信息化局规范性文件\n" + body[1] + "\n申请材料。\n第三条 本办法自印发之日起施行。\n— 2 —",
        "某市工业和信息化局规范性文件\n第四条 本办法由市工业和信息化局负责解释。\n附件：申请表\n序号 企业名称\n— 3 —",
    ]
    out = join_pages(pages).splitlines()
    assert out[0] == "某市工业和信息化局关于印发《某市算力券管理办法》的通知"
    assert out[1] == "某工信发〔2025〕1号"
    assert "某市工业和信息化局规范性文件" not in out and not any("—" in ln for ln in out)
    assert not any(ln.endswith("文件") for ln in out)
    assert out[out.index(body[0]) + 1] == body[1]         # the two halves of the sentence are neighbours
    # a line on every page that is a page's only text is not furniture
    assert join_pages(["第1页算力券", "第2页算力券"]) == "第1页算力券\n第2页算力券"


# ------------------------------------------------------------------ unreadable files

def test_image_only_pdf_is_a_parse_error_naming_the_cause():
    data = SCANNED.read_bytes()
    with pytest.raises(SourceError) as e:
        attachment_text(data, name=SCANNED.name)
    assert e.value.klass == "parse" and "no text layer" in str(e.value)
    with pytest.raises(SourceError) as e:
        extract_bytes(data, url="http://x.gov.cn/a/scan.pdf", content_type="application/pdf")
    assert e.value.klass == "parse"


def _ofd() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
        z.writestr("Doc_0/Document.xml", "<ofd:Document xmlns:ofd='http://www.ofdspec.org/2016'/>")
    return buf.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "算力券".encode("utf-16-le") * 50


@pytest.mark.parametrize("data,name,ct", [
    (OLE2, "2025年算力券申报通知.doc", ""),
    (OLE2, "申报表.wps", ""),
    (OLE2, "attach", "application/msword"),
    (_ofd(), "政策原文.ofd", ""),
    (_ofd(), "download", "application/octet-stream"),
    (b"not really anything", "政策原文.ofd", ""),
])
def test_old_formats_are_reported_unreadable(data, name, ct):
    with pytest.raises(SourceError) as e:
        attachment_text(data, name=name, content_type=ct)
    assert e.value.klass == "parse"
    assert "not readable" in str(e.value)


# ------------------------------------------------------------------ DOCX

def test_docx_text_box_is_read_once_and_table_rows_kept():
    text = text_of("b02_quanzhou_draft_textbox.docx")
    assert text.count("征求意见稿") == 1                # DrawingML box and its VML fallback: one copy
    assert text.splitlines()[0] == "泉州市人工智能算力券和模型券实施办法(征求意见稿)"
    table = text_of("b04_baotou_two_vouchers_table.docx")
    assert "算力券 | 3000 | 50% | 200" in table.splitlines()
    assert "模型券 | 1000 | 30% | 80" in table.splitlines()


# ------------------------------------------------------------------ over HTTP, as the monitor meets them

@pytest.fixture()
def served():
    handler = partial(SimpleHTTPRequestHandler, directory=str(CORPUS))
    handler.log_message = lambda *a, **k: None
    srv = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.mark.timeout(60)
def test_monitor_extract_reads_a_pdf_and_a_docx_over_http(served):
    for name in ("a06_zhuzhou_corpus_batch_apply.pdf", "b03_yantai_data_apply.docx"):
        proc = subprocess.run([sys.executable, "-m", "monitor", "extract", f"{served}/{name}", "--json"],
                              cwd=ROOT, capture_output=True, text=True, timeout=50)
        assert proc.returncode == 0, proc.stderr
        got = json.loads(proc.stdout)
        want = json.loads((CORPUS / name).with_suffix(".json").read_text(encoding="utf-8"))
        assert got["stage"] == want["stage"] and got["doc_number"] == want["doc_number"], got
        g = {(m["voucher"], m["region"]): m for m in got["measures"]}
        for m in want["measures"]:
            assert (m["voucher"], m["region"]) in g, got
            for f in ("budget_yuan", "ratio", "cap_yuan", "deadline"):
                assert g[(m["voucher"], m["region"])][f] == m[f], (name, f, got)


def test_a_table_of_two_columns_is_not_read_as_columns():
    labels = ["企业名称", "统一社会信用代码", "注册地址", "联系人", "联系电话", "算力服务商", "合同金额（万元）", "申请金额（万元）"]
    values = ["某某科技有限公司", "91500000MA5U", "某市高新区某路1号", "张三", "0551-1234567", "某算力中心", "120", "36"]
    frags = []
    for i, (k, v) in enumerate(zip(labels, values)):
        frags.append((90.0, 700.0 - 20 * i, 12.0, k))
        frags.append((320.0, 700.0 - 20 * i, 12.0, v))
    assert columns_text(frags, 595.0) is None      # label | value rows keep their order


def test_columns_text_with_one_fragment_per_glyph():
    left = [f"左栏第{i}行的算力券文字内容。" for i in range(7)]
    right = [f"右栏第{i}行的模型券文字内容。" for i in range(7)]
    frags = []
    for i in range(7):
        for x0, line in ((80.0, left[i]), (320.0, right[i])):
            x = x0
            for ch in line:            # every glyph placed by itself, as many PDF producers do
                frags.append((x, 700.0 - 18 * i, 10.5, ch))
                x += 10.5 if ord(ch) > 0x2E7F else 5.8
    out = columns_text(frags, 595.0)
    assert out is not None and out.splitlines() == left + right
    # lines that fill the column and end mid-sentence go on in the next one, also from column to column
    wrapped = [(80.0 + (i % 2) * 240.0, 700.0 - 18 * (i // 2), 10.5, f"第{i:02d}段文字在栏宽处折行继续") for i in range(12)]
    out = columns_text(wrapped, 595.0)
    assert out == "".join(w[3] for w in sorted(wrapped, key=lambda w: (w[0], -w[1])))


@pytest.mark.parametrize("number", ["— 2 —", "－２－", "-2-", "—\u30002\u3000—", "第 2 页", "第2页 共9页", "第2页/共9页"])
def test_page_number_forms_between_two_halves_of_a_sentence(number):
    a = "第三条 算力券年度发放总额为3000万元，按照企业实际支付算力服务费用的40%予以抵扣，单个企业每年抵扣金额最"
    b = "高不超过200万元。"
    out = join_pages(["第二条 本办法所称算力券是电子凭证。\n" + a + "\n" + number, b + "\n第四条 本办法自印发之日起施行。"])
    assert out.splitlines()[1:3] == [a, b]


def test_docx_paragraph_text_keeps_insertions_fields_and_smart_tags():
    import docx
    from docx.oxml import parse_xml
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    d = docx.Document()
    p = d.add_paragraph("算力券单个企业最高")
    p._p.append(parse_xml(f'<w:ins {ns} w:id="1" w:author="a"><w:r><w:t>200万元</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {ns} w:id="2" w:author="a"><w:r><w:delText>100万元</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:fldSimple {ns} w:instr="DOCPROPERTY x"><w:r><w:t>，按合同金额的</w:t></w:r></w:fldSimple>'))
    p._p.append(parse_xml(f'<w:smartTag {ns} w:uri="u" w:element="e"><w:r><w:t>30%</w:t></w:r></w:smartTag>'))
    p._p.append(parse_xml(f'<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {ns}><w:instrText> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {ns}><w:t>给予补贴。</w:t></w:r>'))
    buf = io.BytesIO()
    d.save(buf)
    assert attachment_text(buf.getvalue(), name="x.docx") == "算力券单个企业最高200万元，按合同金额的30%给予补贴。"


def test_letter_spaced_lines_are_closed_up():
    out = join_pages(["2 0 2 5 年 度 算 力 券 发 放 总 额 为 1 5 0 0 万 元 ，  单 个 企 业 最 高 5 0 万 元 。\n"
                      "Model as a Service (MaaS) is read as words.\n1 2 3 4 5 6 7 8"])
    assert out.splitlines() == ["2025年度算力券发放总额为1500万元， 单个企业最高50万元。",
                                "Model as a Service (MaaS) is read as words.", "1 2 3 4 5 6 7 8"]


def test_a_running_header_that_names_the_organ_leaves_the_signature():
    organ = "某市大数据发展管理局"
    pages = [f"{organ}关于开展算力券申报的通知\n第一段正文。\n第二段正文。\n第三段正文。",
             f"{organ}\n第四段正文。\n第五段正文。\n第六段正文。",
             f"{organ}\n第七段正文。\n第八段正文。\n{organ}\n2025年8月18日"]
    out = join_pages(pages).splitlines()
    assert out.count(organ) == 1 and out[-2:] == [organ, "2025年8月18日"]


def pua_pdf(n_chars=60) -> bytes:
    diffs = " ".join(f"/uniE{0x100 + i:03X}" for i in range(26))
    stream = b"BT /F1 12 Tf 72 720 Td (" + bytes(65 + (i % 26) for i in range(n_chars)) + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [65 " + diffs.encode() + b"] >> >>"]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(out)


def test_pdf_whose_fonts_do_not_map_to_unicode_is_unreadable_not_guessed():
    with pytest.raises(SourceError) as e:
        attachment_text(pua_pdf(), name="garbled.pdf")
    assert e.value.klass == "parse" and "Unicode" in str(e.value)
    # a few private-use glyphs (a logo, a bullet) in a real text are fine
    from monitor.extract.attachments import _garbled
    assert not _garbled("\ue100 某市算力券实施办法\n第一条 为降低企业使用算力成本，制定本办法。\ue101")
