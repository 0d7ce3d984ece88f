"""Page text, metadata and attachments: normalize.py, page.py, attachments.py.

Fixture pages in tests/pages/ mimic the real families (TRS WCM, gov.cn, Hanweb, a clock-and-counters page, a
hacked page in Traditional characters built from seed 004, a GBK-era county page)."""
from __future__ import annotations

import http.server
import io
import os
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.errors import SourceError
from monitor.extract.attachments import MAX_PAGES, attachment_text
from monitor.extract.normalize import fold_width, join_lines, normalize, to_simplified
from monitor.extract.page import PageText, parse_page

PAGES = Path(__file__).parent / "pages"
SEEDS = Path("/work/shared/seeds")


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


# ================================================================== normalize

def test_to_simplified_reads_traditional():
    assert to_simplified("盤點 | 從算力券到數據券，政府補貼數據產業") == "盘点 | 从算力券到数据券，政府补贴数据产业"
    assert to_simplified("發布日期：2025年") == "发布日期：2025年"
    assert to_simplified("plain ascii 123") == "plain ascii 123"
    assert to_simplified("") == ""


def test_to_simplified_is_safe_from_threads():
    text = "數據要素社整理了各地方省市數據領域不同類型“補貼券”的相關政策" * 50
    want = to_simplified(text)
    with ThreadPoolExecutor(8) as ex:
        got = list(ex.map(to_simplified, [text] * 64))
    assert all(g == want for g in got)
    assert "数据" in want and "數據" not in want


def test_to_simplified_of_lines_is_that_of_the_whole_text():
    """to_simplified converts only the lines holding a t2s key (t2s never matches across a line break): the result is
    OpenCC's on the whole text, whether keys are rare (覆盖 in a Simplified text), dense (a Traditional page) or
    phrases (乾燥, 反覆) at a line's start or end."""
    from monitor.extract.normalize import _convert
    rng = random.Random(7)
    words = "乾燥 於是 瞭解 覆蓋 反覆 發展 萬元 著作 甚麼 後來 頭髮 理髮 乾隆 聯繫 關係 隻 祇 裡面 著名 摺疊 臺灣 麵包 餘 鍾 鐘 覆盖".split()
    base = [ln for f in sorted(Path(__file__).parent.glob("golden/*.txt"))[:20]
            for ln in f.read_bytes().decode("utf-8", "replace").splitlines()]
    trad = [ln for f in sorted(SEEDS.glob("004_*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()]
    assert base
    for k in range(300):
        lines = rng.sample(base, min(len(base), rng.randint(1, 120)))
        if trad and k % 10 == 0:
            lines[rng.randrange(len(lines)):0] = trad[:rng.randint(1, len(trad))]
        for _ in range(rng.randint(0, 30)):
            i = rng.randrange(len(lines))
            j = rng.choice([0, len(lines[i]), rng.randint(0, len(lines[i]))])
            lines[i] = lines[i][:j] + rng.choice(words) + lines[i][j:]
        text = rng.choice(["\n", "\n\n", "\r\n", "\n \n"]).join(lines)
        assert to_simplified(text) == _convert(text)


def test_fold_width_digits_letters_percent_brackets():
    assert fold_width("２０２５年ＡＩ补贴３０％，最高１００．５万元") == "2025年AI补贴30%，最高100.5万元"
    assert fold_width("（含）") == "(含)"


def test_fold_width_keeps_chinese_sentence_punctuation():
    s = "第一条，第二条。第三条；如下：是否！为何？甲、乙《办法》〔2025〕"
    assert fold_width(s) == s


def test_fold_width_spaces_and_zero_width():
    assert fold_width("a\u3000b\xa0c") == "a b c"
    assert fold_width("\ufeff算\u200b力\u200d券\u00ad") == "算力券"
    assert fold_width("a\r\nb\rc") == "a\nb\nc"


def test_join_lines_rejoins_text_wrapped_every_twenty_characters():
    para = ("深圳市每年发放最高五亿元训力券，降低人工智能模型研发和训练成本，对租用智能算力开展大模型训练的企业按"
            "不超过服务合同金额的百分之五十给予资助，单个企业最高一千万元，对初创企业提高资助比例至百分之六十。")
    wrapped = "\n".join(para[i:i + 20] for i in range(0, len(para), 20))
    assert "\n" in wrapped
    assert join_lines(wrapped) == para


def test_join_lines_keeps_paragraphs_headings_and_items():
    text = ("关于发放算力券的通知\n发布日期：2025-03-14\n一、支持对象\n（一）中小企业；\n（二）科研机构。\n"
            "本通知自发布之日起施行。\n\n附件：申报表")
    assert join_lines(text) == text


def test_join_lines_keeps_signatures_and_dates_apart():
    para = "现将有关事项通知如下请各单位认真组织实施确保算力券政策落地见效切实降低中小企业的算力使用成本并按时报送工作进展情况和典型案例材料"
    wrapped = "\n".join(para[i:i + 22] for i in range(0, len(para), 22))
    sign = "深圳市工业和信息化局深圳市财政局深圳市科技创新"
    text = wrapped + "。\n" + sign + "\n2026年3月25日"
    assert join_lines(text) == para + "。\n" + sign + "\n2026年3月25日"


def test_join_lines_across_single_blank_lines_of_a_wrapped_text():
    raw = (SEEDS / "003_65571d327d0c537b.txt").read_text(encoding="utf-8")
    out = normalize(raw)
    assert "李萌曾公开表示" in out
    assert "DeepSeek 的横空出世并在全球的持续火爆" in out


def test_normalize_collapses_spaces_and_number_gaps():
    assert normalize("发行  2000 万元 “模型券”") == "发行2000万元“模型券”"
    assert normalize("国　家　数　据　局\n\n\n\n第一章　总则") == "国家数据局\n\n第一章 总则"
    assert normalize("") == ""


def test_normalize_traditional_seed_is_simplified():
    raw = (SEEDS / "004_fe73fdbce6716324.txt").read_text(encoding="utf-8")
    out = normalize(raw)
    assert "北京经济技术开发区" in out and "數據" not in out


def test_normalize_is_idempotent_on_seeds_and_fixture_pages():
    for f in sorted(SEEDS.glob("*.txt")):
        once = normalize(f.read_text(encoding="utf-8"))
        assert normalize(once) == once, f.name
    assert "奖励\n" in normalize((SEEDS / "004_fe73fdbce6716324.txt").read_text(encoding="utf-8"))  # heading not glued
    for f in sorted(PAGES.glob("*.html")):
        text = parse_page(f.read_text(encoding="utf-8")).text
        assert normalize(text) == text, f.name


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("算力券模型补贴。，；：\n 0123４５%（）A\u3000數據")
                                + ["\n\n", "深圳市每年发放最高五亿元训力券降低研发成本", "一、", "附件", "DeepSeek ",
                                   "发布日期：", "国　家"]), max_size=60).map("".join))
def test_normalize_again_only_joins_lines(s):
    # Real texts come out of normalize unchanged (the test above). On arbitrary strings a second pass may join
    # one more wrapped line, because joining changes the widths the wrapping test compares (a joined line is
    # wider than its neighbours were); iterating to a fixpoint glues date and source lines onto bodies, so it is
    # not done. What must hold: a second pass never changes a character, it only removes line breaks.
    once = normalize(s)
    twice = normalize(once)
    assert twice.count("\n") <= once.count("\n")
    assert re.sub(r"\s", "", twice) == re.sub(r"\s", "", once)
    assert normalize(twice).count("\n") <= twice.count("\n")


# ================================================================== page: the families

def test_trs_wcm_article():
    p = parse_page(page("trs_ndrc.html"), url="https://www.ndrc.gov.cn/xxgk/zcfb/tz/202505/t20250512_1397.html")
    assert isinstance(p, PageText)
    assert p.title == "关于印发《算力券管理办法(试行)》的通知"
    assert p.published == "2025-05-12"
    assert p.meta["written_date"] == "2025-05-08"
    assert p.meta["doc_number"] == "发改高技〔2025〕612号"
    assert p.meta["issuer"] == "国家发展改革委"
    assert p.meta["index_number"] == "000019705/2025-00123"
    assert p.selector_matched is None
    t = p.text
    assert "第四条 算力券按照企业实际支付算力服务费用的30%给予补贴，单个企业每年最高不超过200万元。" in t
    assert "中小企业 | 30% | 200万元" in t
    assert "支持对象 | 补贴比例 | 年度上限" in t
    for junk in ("打印本页", "关闭窗口", "上一篇", "下一篇", "相关链接", "ICP", "当前位置", "今天是", "分享到",
                 "margin-top", "首页", "无障碍"):
        assert junk not in t, junk
    assert p.attachments == (
        "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202505/P020250512349561234567.pdf",
        "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202505/W020250512349561234568.docx",
    )


def test_govcn_article():
    p = parse_page(page("govcn.html"), url="https://www.gov.cn/zhengce/content/202605/content_7012345.htm")
    assert p.title == "国务院办公厅关于加快推进人工智能算力普惠应用的意见"
    assert p.published == "2026-05-12"
    assert p.meta["issuer"] == "国务院办公厅"
    assert p.meta["doc_number"] == "国办发〔2026〕18号"
    assert p.meta["written_date"] == "2026-05-06"
    assert p.text.startswith("国办发〔2026〕18号\n各省、自治区、直辖市人民政府")
    assert "(一)推广算力券。" in p.text
    for junk in ("字体", "我要纠错", "相关稿件", "一图读懂", "扫一扫", "版权所有", "网站标识码"):
        assert junk not in p.text, junk


def test_hanweb_article():
    url = "http://gxt.shandong.gov.cn/art/2025/5/12/art_103865_10345678.html"
    p = parse_page(page("hanweb.html"), url=url)
    assert p.title == "关于组织申报2025年度山东省算力券的通知"
    assert p.published == "2025-05-12"
    assert p.meta["issuer"] == "山东省工业和信息化厅"
    assert "申报时间：2025年5月20日至2025年6月30日" in p.text
    assert "单个企业奖励额度最高500万元" in p.text
    for junk in ("浏览次数", "字号", "打印本页", "您现在的位置", "鲁ICP备", "getClickCount"):
        assert junk not in p.text, junk
    assert p.attachments == (
        "http://gxt.shandong.gov.cn/module/download/downfile.jsp?classid=0&filename=2505121530.docx",
        "http://gxt.shandong.gov.cn/picture/0/2505121531.pdf",
    )


def test_clock_and_counters_page():
    p = parse_page(page("clock_counters.html"))
    assert p.title == "西湖区关于发放2025年度模型券的通知"
    assert p.published == "2025-03-14"          # 发布日期, not 成文日期 2025-03-10, never the clock
    assert p.meta["written_date"] == "2025-03-10"
    assert p.meta["doc_number"] == "西科〔2025〕7号"
    assert p.meta["issuer"] == "西湖区科学技术局"
    assert "按模型购买费用的30%予以奖励，单个企业最高50万元" in p.text
    for junk in ("今天是", "2026年11月23日", "浏览次数", "阅读数", "1024", "隐藏的推广文字", "看片神器", "标签",
                 "上一篇", "下一篇", "浙ICP备", "主办单位", "字体", "打印本页", "分享到", "您的位置"):
        assert junk not in p.text, junk


def test_date_line_is_used_when_there_is_no_info_table_and_the_clock_never():
    html = re.sub(r"<div class=\"xxgk-info\">.*?</div>", "", page("clock_counters.html"), flags=re.S)
    assert "成文日期" not in html
    p = parse_page(html)
    assert p.published == "2025-03-14"
    assert p.meta["source_line"].startswith("2025年03月14日 来源：西湖区科技局")
    assert p.meta["issuer"] == "西湖区科技局"
    # and with nothing but the clock, no date at all
    bare = "<html><body><div>今天是2026年11月23日 星期一</div><div id=zoom><p>" + "算力券支持中小企业。" * 5 + "</p></div></body></html>"
    assert parse_page(bare).published is None


SPAM = ("毛片", "九九热", "在线观看", "亚洲", "蜘蛛池", "免费看", "视频网站", "日本韩国", "谍战剧", "福利网站",
        "精品视频", "国产精品", "av片", "99视频")


def test_hacked_traditional_page():
    html = page("hacked_trad.html")
    assert all(w in html or to_simplified(w) in to_simplified(html) for w in ("毛片", "蜘蛛池", "谍战剧"))
    p = parse_page(html, url="https://www.afzhan.com/news/detail/12345.html")
    assert p.title == "盘点 | 从算力券到数据券，政府补贴数据产业的不同姿势"
    assert p.published == "2025-05-20"
    for w in SPAM:
        assert w not in p.text, w
        assert w not in (p.title or ""), w
    for junk in ("新发产品", "智能门禁", "相关阅读", "版权", "移动版", "当前位置", "关键词", "点击量", "浙ICP备"):
        assert junk not in p.text, junk
    assert "每年发放1亿元的“算力券”" in p.text
    assert "北京经济技术开发区" in p.text and "深圳市工业和信息化局" in p.text
    assert "數據" not in p.text and "經濟" not in p.text
    assert len(p.text) > 3000


class _GBKHandler(http.server.BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")      # no charset: the page's <meta> says gb2312
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *a):
        pass


@pytest.fixture
def gbk_server():
    _GBKHandler.body = page("gbk_county.html").encode("gb18030")
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _GBKHandler)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_gbk_era_county_page_served_and_decoded(gbk_server):
    url = gbk_server + "/zwgk/tzgg/show.asp?id=123"
    r = requests.get(url, timeout=5)
    assert r.content.decode("utf-8", "replace") != page("gbk_county.html")   # really GBK bytes on the wire
    m = re.search(rb"charset=([\w-]+)", r.content[:1024])
    text = r.content.decode("gb18030" if m.group(1).lower() in (b"gb2312", b"gbk") else m.group(1).decode())
    p = parse_page(text, url=url)
    assert p.title == "关于印发《XX县数据券管理暂行办法》的通知"
    assert p.published == "2024-11-13"               # from full-width digits in the date line
    assert "县财政每年安排数据券资金500万元" in p.text
    assert "单个企业每年不超过20万元" in p.text
    assert "XX县人民政府办公室\n二〇二四年十一月十三日" in p.text
    for junk in ("版权所有", "打印本页", "关闭窗口", "点击", "356", "政务公开", "规划计划", "分辨率"):
        assert junk not in p.text, junk
    host = gbk_server
    assert p.attachments == (host + "/upload/2024/11/数据券申领表.doc", host + "/upload/file.asp?id=88")


# ================================================================== page: rules

def _article(body: str, head: str = "", url_title: str = "测试页面") -> str:
    return f"<html><head><title>{url_title}</title>{head}</head><body>{body}</body></html>"


P = "<p>" + "为降低中小企业算力使用成本，区财政每年安排资金发放算力券。" * 3 + "</p>"


def test_content_selector_matched_missed_invalid_and_absent():
    html = _article(f"<div class='main'>{P}</div><div id='zoom'><p>本区算力券按合同金额的30%补贴，最高100万元。</p>{P}</div>")
    p = parse_page(html, content="div.main")
    assert p.selector_matched is True
    assert "最高100万元" not in p.text and "发放算力券" in p.text
    p = parse_page(html, content="div.nothing-here")
    assert p.selector_matched is False and "最高100万元" in p.text      # fell back to #zoom
    p = parse_page(html + "<div class='js-filled'></div>", content="div.js-filled")
    assert p.selector_matched is True and "最高100万元" in p.text        # matched but empty: fell back
    p = parse_page(html, content="div[[[")
    assert p.selector_matched is False and p.text
    assert parse_page(html).selector_matched is None


def test_density_fallback_prefers_the_article_over_navigation():
    nav = "<div class='menu'>" + "".join(f"<a href='/c{i}'>栏目{i}</a>" for i in range(40)) + "</div>"
    side = "<div class='side'><ul>" + "".join(f"<li><a href='/n{i}'>新闻标题第{i}条</a></li>" for i in range(20)) + "</ul></div>"
    html = _article(nav + side + f"<div class='xyz'><div class='abc'>{P * 4}</div></div>")
    p = parse_page(html)
    assert "发放算力券" in p.text
    assert "栏目" not in p.text and "新闻标题" not in p.text


def test_tables_rows_and_layout_tables():
    html = _article("<div id='zoom'><table><tr><td>券种</td><td>比例</td><td>上限</td></tr>"
                    "<tr><td>算力券</td><td>30％</td><td>200万元</td></tr>"
                    "<tr><td></td><td>模型券</td><td>50%</td></tr></table>"
                    f"<table><tr><td>{P}{P}{P}{P}</td></tr></table></div>")
    p = parse_page(html)
    assert "券种 | 比例 | 上限\n算力券 | 30% | 200万元\n模型券 | 50%" in p.text
    assert "|" not in p.text.split("\n")[-1]


def test_hidden_elements_of_every_kind_are_dropped():
    hidden = [
        "<div style='display:none'>SPAMA</div>", "<div style='DISPLAY: NONE;'>SPAMB</div>",
        "<span style='visibility:hidden'>SPAMC</span>", "<p style='font-size:0px'>SPAMD</p>",
        "<div style='height:0;overflow:hidden'>SPAME</div>", "<div style='width:0px'>SPAMF</div>",
        "<div style='position:absolute;left:-9999px'>SPAMG</div>", "<div style='top:-1000px;position:absolute'>SPAMH</div>",
        "<div style='text-indent:-9999px'>SPAMI</div>", "<div hidden>SPAMJ</div>", "<div class='a x9'>SPAMK</div>",
        "<div id='hh'>SPAML</div>", "<div style='opacity:0'>SPAMM</div>",
    ]
    head = "<style>.x9{display:none} #hh{visibility:hidden} .ok{font-size:14px}</style>"
    html = _article("<div id='zoom'>" + P + "".join(hidden) + "<div class='ok' style='font-size:14px;height:20px'>VISIBLE</div></div>", head)
    p = parse_page(html)
    assert "VISIBLE" in p.text and "发放算力券" in p.text
    assert not re.search(r"SPAM[A-Z]", p.text), p.text


def test_font_size_zero_layout_trick_is_not_hiding():
    html = _article("<div id='zoom'>" + P + "<ul style='font-size:0'><li style='font-size:14px'>第二条 模型券最高50万元。</li>"
                    "<li style='font-size:14px'>第三条 语料券最高20万元。</li></ul>"
                    "<span style='font-size:0'>隐藏关键词堆砌</span></div>")
    p = parse_page(html)
    assert "第二条 模型券最高50万元。" in p.text and "第三条 语料券最高20万元。" in p.text
    assert "隐藏关键词堆砌" not in p.text


def test_link_farm_removed_attachment_list_kept():
    farm = "<p>" + " | ".join(f"<a href='http://s{i}.example/'>热门视频{i}</a>" for i in range(30)) + "</p>"
    files = "<ul>" + "".join(f"<li><a href='./P0{i}.pdf'>附件{i}</a></li>" for i in range(6)) + "</ul>"
    html = _article(f"<div id='zoom'>{P}{farm}{files}</div>")
    p = parse_page(html, url="http://a.gov.cn/x/t20250101_1.html")
    assert "热门视频" not in p.text
    assert "附件3" in p.text
    assert len(p.attachments) == 6 and p.attachments[0] == "http://a.gov.cn/x/P00.pdf"


def test_lists_of_links_inside_the_body_go_references_stay():
    refs = "<p>根据<a href='/a'>《算力券管理办法》</a>、<a href='/b'>《模型券实施细则》</a>和<a href='/c'>《语料券通知》</a>制定。</p>"
    news = "<ul>" + "".join(f"<li><a href='/n{i}'>关于公布第{i}批人工智能应用场景典型案例名单的通知</a></li>" for i in range(4)) + "</ul>"
    files = "<ul>" + "".join(f"<li><a href='/down?id={i}'>附件{i}：申报材料清单第{i}部分</a></li>" for i in range(3)) + "</ul>"
    p = parse_page(_article(f"<main>{P}{refs}{news}{files}</main>"))
    assert "根据《算力券管理办法》、《模型券实施细则》和《语料券通知》制定。" in p.text
    assert "典型案例名单" not in p.text
    assert "附件2：申报材料清单第2部分" in p.text


def test_attachments_resolution():
    html = _article("<div id='zoom'>" + P +
                    "<a href='../../files/a.PDF'>a</a> <a href='//cdn.example.cn/b.docx?v=1'>b</a>"
                    "<a href='/down?file=c.xlsx'>c</a> <a href='show.jsp?id=9'>附件：申报书</a>"
                    "<a href='javascript:void(0)'>附件</a> <a href='../../files/a.PDF#p2'>again</a>"
                    "<a href='x.html'>正文</a> <a href='e.ofd'>e</a> <a href='f.wps'>f</a></div>")
    p = parse_page(html, url="https://www.example.gov.cn/zwgk/tzgg/202505/t20250512_9.html")
    assert p.attachments == (
        "https://www.example.gov.cn/zwgk/files/a.PDF",
        "https://cdn.example.cn/b.docx?v=1",
        "https://www.example.gov.cn/down?file=c.xlsx",
        "https://www.example.gov.cn/zwgk/tzgg/202505/show.jsp?id=9",
        "https://www.example.gov.cn/zwgk/tzgg/202505/e.ofd",
        "https://www.example.gov.cn/zwgk/tzgg/202505/f.wps",
    )


@pytest.mark.parametrize("url,want", [
    ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202505/t20250512_1397.html", "2025-05-12"),
    ("http://gxt.shandong.gov.cn/art/2025/5/12/art_103865_10345678.html", "2025-05-12"),
    ("https://sheitc.sh.gov.cn/cyfz/20250512/0f3a1b.html", "2025-05-12"),
    ("https://www.example.gov.cn/news/2025/05-12/1.html", "2025-05-12"),
    ("https://www.example.gov.cn/zwgk/202505/abc.html", None),      # a month only: meta url_month
    ("https://www.example.gov.cn/zwgk/abc.html", None),
    ("https://www.example.gov.cn/t20251399_1.html", None),
])
def test_published_from_url(url, want):
    p = parse_page(_article(f"<div id='zoom'>{P}</div>"), url=url)
    assert p.published == want
    if "/202505/abc" in url:
        assert p.meta["url_month"] == "2025-05"


@pytest.mark.parametrize("head,want", [
    ('<meta name="PubDate" content="2025-05-12 10:30:00 2025-05-13 09:00:00">', "2025-05-12"),
    ('<meta name="firstpublishedtime" content="2026-05-12-10:30:00">', "2026-05-12"),
    ('<meta name="publishdate" content="2024/11/3">', "2024-11-03"),
    ('<meta name="PubDate" content="">', None),
])
def test_published_from_meta(head, want):
    assert parse_page(_article(f"<div id='zoom'>{P}</div>", head)).published == want


@pytest.mark.parametrize("line,want", [
    ("发布时间：2025-03-14", "2025-03-14"),
    ("发布日期：2025年03月14日", "2025-03-14"),
    ("来源：市科技局 时间：2025-3-4", "2025-03-04"),
    ("2025年03月14日 16:24 来源：某某网", "2025-03-14"),
    ("成文日期：2025-03-01 发布日期：2025-03-14", "2025-03-14"),
    ("时间：2025-03-14", "2025-03-14"),
    ("来源：某某区科技局作者：办公室发布时间：2025-03-14", "2025-03-14"),
    ("申报时间：2025年5月20日至2025年6月30日", None),
    ("会议时间：2025-06-01 9:00", None),
])
def test_published_from_date_line(line, want):
    html = _article(f"<h1>关于发放算力券的通知</h1><div class='info'>{line}</div><div id='zoom'>{P}</div>")
    p = parse_page(html)
    assert p.published == want
    if "某某区科技局" in line:
        assert p.meta["issuer"] == "某某区科技局"


@pytest.mark.parametrize("raw,want", [
    ("关于发放算力券的通知_深圳市工业和信息化局", "关于发放算力券的通知"),
    ("关于发放算力券的通知 - 深圳市人民政府门户网站", "关于发放算力券的通知"),
    ("关于发放算力券的通知_通知公告_深圳市工业和信息化局", "关于发放算力券的通知"),
    ("盘点 | 从算力券到数据券的不同姿势_智慧城市网", "盘点 | 从算力券到数据券的不同姿势"),
    ("關於發放算力券的通知", "关于发放算力券的通知"),
])
def test_title_from_title_tag(raw, want):
    html = f"<html><head><title>{raw}</title></head><body><div id='zoom'>{P}</div></body></html>"
    assert parse_page(html).title == want


def test_title_priority_meta_then_h1_in_content():
    html = ("<html><head><title>站点首页</title><meta property='og:title' content='OG标题文字'></head>"
            f"<body><div id='zoom'><h1>内容里的标题</h1>{P}</div></body></html>")
    assert parse_page(html).title == "OG标题文字"
    assert parse_page(html.replace("og:title", "og:x")).title == "内容里的标题"


def test_info_table_labels_vary():
    html = _article("<table class='xxgk'><tr><td>发 文 单 位</td><td>深圳市工业和信息化局</td>"
                    "<td>文号</td><td>深工信规〔２０２５〕３号</td></tr>"
                    "<tr><td>索引号：</td><td>K12-345</td><td>印发日期</td><td>2025年3月10日</td></tr></table>"
                    f"<div id='zoom'>{P}</div>")
    p = parse_page(html)
    assert p.meta["issuer"] == "深圳市工业和信息化局"
    assert p.meta["doc_number"] == "深工信规〔2025〕3号"
    assert p.meta["index_number"] == "K12-345"
    assert p.meta["written_date"] == "2025-03-10"
    assert p.published is None          # a written date is not a publication date


def test_visible_spam_lines_breadcrumbs_and_related_lists():
    html = ("<html><head><title>算力券免費領取_模型券在線觀看_語料券高清無碼</title></head><body>"
            "<div class='x'>算力券免費領取 模型券在線觀看 數據券日韓精品 語料券高清 99熱視頻</div>"
            "<div class='nav'>首页 &gt; 政策文件 &gt; 通知</div>"
            "<h1>關於發放算力券的通知</h1>"
            "<div class='text'><p>各区：对中小企业购买算力服务的，按合同金额的30%给予补贴。</p>"
            "<p>中日韩合作论坛期间发放的算力券照常使用。</p></div>"
            "<div class='t'>相关链接</div><ul><li><a href='/1.html'>南京市算力券申领指南</a></li>"
            "<li><a href='/2.html'>关于发放2026年度模型券的通知</a></li></ul>"
            "<div class='y'>免費算力券 訓力券在線 智能券網站大全</div></body></html>")
    p = parse_page(html)
    assert p.title == "关于发放算力券的通知"
    assert "按合同金额的30%给予补贴" in p.text
    assert "中日韩合作论坛" in p.text                 # 日韩 inside 中日韩 is not spam
    for junk in ("在线观看", "网站大全", "99热", "首页", "相关链接", "申领指南", "2026年度模型券"):
        assert junk not in p.text, junk


def test_title_and_document_number_lines_stay_apart():
    html = ("<html><body><div class='content'><h2>大连市科学技术局关于印发《大连市算法券管理办法》的通知</h2>"
            "<p>大科发〔2026〕31号</p><p>各区市县(先导区)科技管理部门，各有关单位：</p>"
            "<p>现将《大连市算法券管理办法》印发给你们，请遵照执行。市财政每年安排算法券资金一千五百万元。</p>"
            "</div></body></html>")
    text = parse_page(html).text
    assert text.startswith("大连市科学技术局关于印发《大连市算法券管理办法》的通知\n大科发〔2026〕31号\n")
    assert normalize(text) == text


@pytest.mark.parametrize("sig,want", [("二〇二六年六月十二日", "2026-06-12"), ("二〇二五年十二月三十一日", "2025-12-31"),
                                      ("2025年5月8日", "2025-05-08"), ("二〇二五年十三月一日", None)])
def test_signature_date_is_the_written_date(sig, want):
    html = (f"<html><body><div id='zoom'>{P}<p style='text-align:right'>某某市科学技术局<br>{sig}</p></div>"
            "</body></html>")
    p = parse_page(html)
    assert p.meta.get("written_date") == want
    assert p.published is None


def test_plain_text_input_keeps_its_lines():
    p = parse_page("关于发放算力券的通知\n一、支持对象\n中小企业按30％补贴，最高 100 万元。\n浏览次数：12", url="http://a.cn/t20250102_1.html")
    assert p.text == "关于发放算力券的通知\n一、支持对象\n中小企业按30%补贴，最高100万元。"
    assert p.published == "2025-01-02" and p.title is None


def test_html5_article_header_holds_the_date_line():
    html = ("<html><body><header class='site'><a href='/'>首页</a><nav><a href='/a'>政务公开</a></nav></header>"
            "<article><header><h1>关于发放算力券的通知</h1><p>发布时间：2025-06-03 来源：某某区科技局</p></header>"
            f"<div class='TRS_Editor'>{P}</div></article></body></html>")
    p = parse_page(html)
    assert p.published == "2025-06-03" and p.meta["issuer"] == "某某区科技局"
    assert p.title == "关于发放算力券的通知"


def test_title_when_the_title_tag_is_only_the_site_name():
    html = ("<html><head><title>深圳市工业和信息化局</title></head><body>"
            "<div class='logo'><h1>深圳市工业和信息化局</h1></div>"
            "<div class='side'><div class='side-title'>热点信息栏目列表</div><ul><li><a href='/1'>某某新闻标题很长的一条</a></li></ul></div>"
            "<div class='detail'><div class='detail-head'><div class='tit'>关于发放2026年度语料券的通知</div>"
            "<div class='date'>2026-11-10</div></div>"
            f"<div class='detail-body'>{P * 3}</div></div></body></html>")
    p = parse_page(html)
    assert p.title == "关于发放2026年度语料券的通知"
    assert p.published == "2026-11-10"


def test_info_as_definition_list_and_spans():
    html = _article("<dl class='info'><dt>发文机关：</dt><dd>合肥市经济和信息化局</dd><dt>发文字号</dt><dd>合经信〔2026〕9号</dd>"
                    "<dt>发布日期</dt><dd>2026-04-02</dd></dl>"
                    "<ul><li><span>索引号：</span><span>HF-2026-77</span></li></ul>"
                    f"<div id='zoom'>{P}</div>")
    p = parse_page(html)
    assert p.meta["issuer"] == "合肥市经济和信息化局"
    assert p.meta["doc_number"] == "合经信〔2026〕9号"
    assert p.meta["index_number"] == "HF-2026-77"
    assert p.published == "2026-04-02"


# ================================================================== page: bad input

@pytest.mark.parametrize("bad", ["", "   \n\t", "<", "<html>", "</div></div></p>", "\x00\x01\x02<div>\x00</div>",
                                 "<div><table><tr><td>", "<!-- unclosed", "<script>var a='<div>'"])
def test_bad_small_inputs_never_raise(bad):
    p = parse_page(bad, url="::not a url::", content="div")
    assert isinstance(p, PageText) and isinstance(p.text, str)


def test_binary_garbage_never_raises():
    rnd = random.Random(7)
    for _ in range(5):
        data = bytes(rnd.getrandbits(8) for _ in range(200_000))
        for text in (data.decode("latin-1"), data.decode("utf-8", "replace"), data.decode("gb18030", "replace")):
            assert isinstance(parse_page(text).text, str)


@pytest.mark.timeout(90)
def test_deeply_nested_tags_never_hang():
    p = parse_page("<div>" * 100_000 + "深层的算力券文本" + "</div>" * 100_000)
    assert "深层的算力券文本" in p.text
    p = parse_page("<table><tr><td>" * 20_000 + "表格深处")
    assert isinstance(p.text, str)
    p = parse_page("<span><b><i>" * 50_000 + "行内深处")
    assert isinstance(p.text, str)


@pytest.mark.timeout(90)
def test_twenty_megabyte_page_never_hangs():
    unit = "<div class='p'><p>第一条 算力券按照企业实际支付算力服务费用的30%给予补贴。<a href='/x'>链接</a></p></div>\n"
    html = ("<html><head><title>大页面</title></head><body><div id='zoom'>" + unit * (20_000_000 // len(unit.encode()))
            + "</div></body></html>")
    assert len(html.encode()) > 19_000_000
    p = parse_page(html)
    assert p.text.startswith("第一条 算力券按照企业实际支付算力服务费用的30%给予补贴。")
    assert p.title == "大页面"


# ================================================================== attachments

# A small PDF written by hand: Chinese text through a Type0 font with a ToUnicode CMap.
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



def test_pdf_text_is_read_and_normalised():
    pdf = make_pdf([["深圳市算力券实施细则", "第一条 每年发放算力券１亿元，按照合同金额的", "30%给予补贴，单个企业最高200万元。"],
                    ["第二頁：申報截止2025年6月30日。"]])
    text = attachment_text(pdf, name="x.pdf", content_type="application/pdf")
    assert "第一条 每年发放算力券1亿元，按照合同金额的30%给予补贴，单个企业最高200万元。" in text
    assert "第二页：申报截止2025年6月30日。" in text


def test_pdf_page_numbers_do_not_split_a_sentence():
    para = ("第一条为降低中小企业使用智能算力的成本市财政每年安排资金发放算力券对中小企业购买算力服务的费用按照"
            "合同金额的百分之三十给予补贴单个企业每年最高二百万元对使用国产算力的企业补贴比例提高至百分之四十。")
    lines = [para[i:i + 24] for i in range(0, len(para), 24)]
    pdf = make_pdf([lines[:3] + ["— 1 —"], lines[3:] + ["— 2 —"]])
    text = attachment_text(pdf, name="x.pdf")
    assert text == para


def test_pdf_pages_are_capped():
    pdf = make_pdf([[f"第{i}页算力券"] for i in range(MAX_PAGES + 20)])
    text = attachment_text(pdf, name="long.pdf")
    assert f"第{MAX_PAGES - 1}页算力券" in text and f"第{MAX_PAGES + 5}页" not in text


def test_pdf_without_text_layer():
    with pytest.raises(SourceError) as e:
        attachment_text(make_pdf([["x"], ["y"]], with_text=False), name="scan.pdf")
    assert e.value.klass == "parse" and "no text layer" in str(e.value)


def test_encrypted_pdf():
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([["保密的算力券文件"]]))))
    w.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    with pytest.raises(SourceError) as e:
        attachment_text(buf.getvalue(), name="enc.pdf")
    assert e.value.klass == "parse" and "encrypted" in str(e.value)


def test_truncated_pdf_and_garbage():
    pdf = make_pdf([["算力券"]])
    for bad, name in ((pdf[:60], "cut.pdf"), (os.urandom(5000), "x.pdf"), (os.urandom(5000), "x.bin"),
                      (b"PK\x03\x04garbage", "y.docx"), (b"<html>not a pdf</html>", "z")):
        with pytest.raises(SourceError) as e:
            attachment_text(bad, name=name)
        assert e.value.klass == "parse"
    with pytest.raises(SourceError):
        attachment_text(b"", name="empty.pdf")


def test_docx_paragraphs_and_tables():
    import docx
    d = docx.Document()
    d.add_paragraph("關於發放模型券的通知")
    d.add_paragraph("對購買模型服務的企業，按合同金額的３０％給予補貼。")
    t = d.add_table(rows=2, cols=3)
    for i, v in enumerate(("券种", "比例", "上限")):
        t.rows[0].cells[i].text = v
    for i, v in enumerate(("模型券", "30%", "500万元")):
        t.rows[1].cells[i].text = v
    d.add_paragraph("附件：申报书")
    buf = io.BytesIO()
    d.save(buf)
    text = attachment_text(buf.getvalue(), name="通知.docx")
    assert text.split("\n") == ["关于发放模型券的通知", "对购买模型服务的企业，按合同金额的30%给予补贴。",
                                "券种 | 比例 | 上限", "模型券 | 30% | 500万元", "附件：申报书"]


@pytest.mark.parametrize("data,name,ctype", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "a.doc", ""),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "", "application/msword"),
    (b"some wps bytes", "b.wps", ""),
    (b"some ofd bytes", "c.ofd", ""),
])
def test_old_formats_are_named(data, name, ctype):
    with pytest.raises(SourceError) as e:
        attachment_text(data, name=name, content_type=ctype)
    assert e.value.klass == "parse" and "old Word/WPS/OFD format" in str(e.value)


def test_ofd_zip_is_named():
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
        z.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    with pytest.raises(SourceError) as e:
        attachment_text(buf.getvalue(), name="download?id=3")
    assert "old Word/WPS/OFD format" in str(e.value)


# ================================================================== speed work: same results by cheaper means

from monitor.extract import page as _page  # noqa: E402
from monitor.extract import normalize as _norm  # noqa: E402


def _render_both(html: str, selector: str):
    """(the container's text captured in the page pass, its text rendered alone) for the container selector."""
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(html)
    hc, hi = _page._hidden_style_rules(tree)
    maybe = _page._hidden_candidates(tree, hc, hi)
    container = tree.css_first(selector)
    rp = _page._Renderer(container, hc, hi, limit=_page.META_SCAN * 2, visits=_page.PAGE_VISITS, maybe_hidden=maybe)
    rp.render(tree.body)
    alone = _page._Renderer(container, hc, hi, limit=_page.MAX_TEXT)
    alone.render(container)
    return rp.captured, alone.container_text()


_BODY = ("<p>第一条 为支持人工智能产业发展，对企业购买算力服务给予补贴。</p>"
         "<table><tr><td>发文字号</td><td>深工信规〔2025〕3号</td></tr></table>"
         "<ul><li><a href='/a1.html'>一篇</a></li><li><a href='/a2.html'>两篇</a></li>"
         "<li><a href='/a3.html'>三篇</a></li></ul><p>附件：<a href='/f.pdf'>申报表</a></p>"
         "<div style='display:none'>隐藏的文字</div><p>版权所有 主办单位 技术支持</p>")


@pytest.mark.parametrize("wrap, captured", [
    ("<div id='zoom'>{}</div>", "same"),                                         # plain
    ("<table><tr><td id='zoom'>{}</td><td>右栏</td></tr></table>", "same"),     # the row is rewritten afterwards
    ("<div><div>相关链接</div></div><div id='zoom'>{}</div>", "none"),          # entered after a related heading
    ("<a href='/x'><div id='zoom'>{}</div></a>", "either"),                     # inside a link (the parser may move it)
    ("<pre><div id='zoom'>{}</div></pre>", "none"),                             # entered inside <pre>
    ("<div>" + "<p>侧栏文字很长很长</p>" * 20000 + "</div><div id='zoom'>{}</div>", "none"),   # beyond the page pass
])
def test_container_text_captured_in_the_page_pass_equals_rendering_it_alone(wrap, captured):
    html = "<html><body>" + wrap.format(_BODY) + "</body></html>"
    got, alone = _render_both(html, "#zoom")
    assert alone and "第一条" in alone
    if captured == "same":
        assert got == alone
    elif captured == "none":
        assert got is None
    else:
        assert got is None or got == alone
    # and parse_page reads the container's text either way
    assert "第一条" in parse_page(html).text


def test_parse_page_same_text_whether_the_container_is_captured_or_rendered_alone():
    inner = "<div id='zoom'>" + _BODY + "</div>"
    plain = parse_page("<html><body>" + inner + "</body></html>").text
    cut = parse_page("<html><body><div>" + "<p>侧栏</p>" * 65_000 + "</div>" + inner + "</body></html>").text
    assert plain == cut and "申报表" in plain and "隐藏" not in plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ICP", "icp", "İCP", "ıcp", " ", "\n", "备", "證", "网站标识码", "網站標識碼",
                                 "公网安备", "公網安備", "版权所有", "版權所有", "Copyright", "COPYRİGHT", "copyrıght",
                                 "©", "(c)", "(C)", "2024", "12", "中文", "x", "(", "c", ")", "网", "版", "公"]),
                max_size=8))
def test_footer_mark_regex_finds_what_the_plain_one_does(parts):
    s = "".join(parts)
    assert bool(_page._FOOTER_MARK.search(s)) == bool(_page._FOOTER_MARK_SLOW.search(s))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in _norm._FOLD] + list("ab中文，。\n \r\r\n")) | st.characters(),
               max_size=60))
def test_fold_width_equals_translating_every_character(s):
    t = s.replace("\r\n", "\n").replace("\r", "\n")
    assert fold_width(s) == t.translate(_norm._FOLD)


def test_label_words_are_plain_and_fit_the_length_bound():
    for key, rx in _page._LABELS:
        words = re.sub(r"\\s\*", "", rx.pattern).strip("^$").strip("(?:)").split("|")
        for w in words:
            assert re.fullmatch(r"[\u4e00-\u9fff]+", w), (key, w)
            assert len(w) <= _page._LABEL_MAX
            assert _page._label_key(w) == key or _page._label_key(w) is not None
    assert _page._label_key("发 文 字 号") == "doc_number"
    assert _page._label_key("这是一个很长的并非标签的单元格内容") is None


def test_hidden_candidates_cover_every_hiding_attribute():
    from selectolax.lexbor import LexborHTMLParser
    html = ("<html><head><style>.gone{display:none} #off{visibility:hidden}</style></head><body>"
            "<div hidden>a</div><div style='display:none'>b</div><div class='x gone'>c</div><div id='off'>d</div>"
            "<div>e</div></body></html>")
    tree = LexborHTMLParser(html)
    hc, hi = _page._hidden_style_rules(tree)
    maybe = _page._hidden_candidates(tree, hc, hi)
    for n in tree.css("div"):
        if _page._el_hidden(n, hc, hi):
            assert n.mem_id in maybe
    assert parse_page(html).text == "e"


_SPAM_BITS = ["毛片", "无码", "中", "日韩", "日", "韩", "一区二区", "在线观看", "在线", "播放", "99热", "9", "av片", "Av在线",
              "AV网站", "xav片", "İav片", "Kav片", "女优", "偷拍", "自拍", " ", "\n", "中文", "a", "v", "。"]
_COUNTER_BITS = ["点击量", "点击", ":", "：", "12", "[", "]", "{x}", "次", "阅读", "閱讀量", "浏览次数", " 3", "访问量", "點擊",
                 " ", "\n", "中文"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SPAM_BITS + _COUNTER_BITS), max_size=10))
def test_spam_and_counter_regexes_match_what_the_plain_ones_do(parts):
    s = "".join(parts)
    assert _page._SPAM_STRONG.findall(s) == _page._SPAM_STRONG_SLOW.findall(s)
    assert [m.span() for m in _page._COUNTER.finditer(s)] == [m.span() for m in _page._COUNTER_SLOW.finditer(s)]
    assert _page._COUNTER.sub(" ", s) == _page._COUNTER_SLOW.sub(" ", s)


_BRACKET_BITS = ["【", "】", "[", "]", "〖", "〗", " ", "\u3000", "\xa0", "\t", "\n", "中", "a", "1", "，", "“", "%", "   "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_BRACKET_BITS), max_size=12))
def test_bracket_and_space_regexes_match_what_the_plain_ones_do(parts):
    s = "".join(parts)
    assert _page._EMPTY_BRACKETS.sub("#", s) == _page._EMPTY_BRACKETS_SLOW.sub("#", s)
    assert _norm._CJK_SPACE.sub("#", s) == _norm._CJK_SPACE_SLOW.sub("#", s)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "a", ".x", ",", " ", "display:none;", "\n"]), max_size=12))
def test_css_rule_regex_finds_the_rules_the_plain_one_does(parts):
    s = "".join(parts)
    plain = re.compile(r"([^{}]+)\{([^{}]*)\}")
    assert [m.groups() for m in _page._CSS_RULE.finditer(s)] == [m.groups() for m in plain.finditer(s)]


def test_a_long_style_block_without_rules_is_read_in_linear_time():
    html = "<html><head><style>" + "x" * 400_000 + "</style></head><body><div id='zoom'>" + _BODY + "</div></body></html>"
    assert "第一条" in parse_page(html).text      # quadratic scanning would take minutes here


_HEAD_BITS = ["当前位置", "您现在的位置", "所在位置", "當前位置", "相关链接", "相關閱讀", "新发产品", "最新资讯", "上一篇", "下篇",
              "前一篇", "后一篇", "【", "[", "]", " ", "\u3000", "：", ">", "中文", "a"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEAD_BITS), max_size=5))
def test_heading_guard_lets_through_every_head_the_heading_patterns_match(parts):
    head = "".join(parts).lstrip()
    c = head[:1]
    if c == "【" or c == "[":
        c = head[1:].lstrip()[:1]
    if any(rx.match(head) for rx in (_page._FURNITURE_START, _page._RELATED_START, _page._PREVNEXT_START)):
        assert c in _page._HEAD_FIRST


def test_document_number_on_its_own_line_under_the_title_is_kept():
    html = ("<html><head><title>关于发放算力券的通知</title></head><body><h1>关于发放算力券的通知</h1>"
            "<div class='info'>东工信函〔2026〕21号</div><div class='info2'>文号：厦数据〔2026〕11号　2026-05-12</div>"
            "<div id='zoom'><p>各有关单位：根据《关于加快发展的意见》（X政〔2025〕3号），现将有关事项通知如下。"
            "一、发放算力券，单个企业最高50万元。</p></div></body></html>")
    bare = html.replace("<div class='info2'>文号：厦数据〔2026〕11号　2026-05-12</div>", "")
    assert parse_page(bare).meta.get("doc_number") == "东工信函〔2026〕21号"
    labelled = html.replace("<div class='info'>东工信函〔2026〕21号</div>", "")
    assert parse_page(labelled).meta.get("doc_number") == "厦数据〔2026〕11号"      # the date is not part of it
    # a number cited inside a sentence of the body is never taken for the document's own
    cited = html.replace("<div class='info'>东工信函〔2026〕21号</div><div class='info2'>文号：厦数据〔2026〕11号　2026-05-12</div>", "")
    assert parse_page(cited).meta.get("doc_number") is None


def test_title_suffix_naming_a_body_is_kept_as_the_weakest_issuer_cue():
    from monitor.extract import extract_html
    html = ("<html><head><title>关于开展算力券申领工作的通知_三亚市工业和信息化局</title></head><body>"
            "<h1>关于开展算力券申领工作的通知</h1><div id='zoom'><p>各有关企业：三亚市发放算力券，单个企业最高50万元。</p>"
            "</div></body></html>")
    assert parse_page(html).meta.get("site_issuer") == "三亚市工业和信息化局"
    assert extract_html(html, region="海南省/三亚市").issuer == "三亚市工业和信息化局"
    signed = html.replace("</p></div>", "</p><p>三亚市科学技术局</p><p>2026年5月6日</p></div>")
    assert extract_html(signed, region="海南省/三亚市").issuer == "三亚市科学技术局"    # the signature wins


# ================================================================== speed work, round 2: same results by cheaper means

@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "a", "中", "\u3000", "\xa0", " \t "]), max_size=12))
def test_space_run_patterns_collapse_as_the_plain_one_does(parts):
    s = "".join(parts)
    plain = re.sub(r"[ \t]+", " ", s)
    assert _page._SPACE_RUN.sub(" ", s) == plain and _norm._SPACES.sub(" ", s) == plain


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["索", "引", "号", " ", "\t", "\n", "文", "发", "字", "：", ":", "x", "来", "源", "有", "效",
                                 "性", "信", "息", "时", "布", "日", "期", "发文字号", "来 源", "信息来源"]), max_size=12))
def test_inline_label_regex_finds_the_spans_the_plain_one_does(parts):
    s = "".join(parts)
    assert [m.span() for m in _page._INLINE_LABEL.finditer(s)] == [m.span() for m in _page._INLINE_LABEL_SLOW.finditer(s)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SPAM_BITS + ["九九热", "蜘蛛池", "娱乐城", "澳门新葡京", "威尼斯人", "太阳城", "体育投注", "二区三区",
                                             "高清视频", "黄色网站", "网站大全", "开户送", "深夜福利", "福利网", "VAV女优", "区"]),
                max_size=10))
def test_quick_spam_test_finds_every_text_the_strong_pattern_does(parts):
    s = "".join(parts)
    if _page._SPAM_STRONG.search(s):
        assert _page._SPAM_QUICK.search(s)


def test_guard_words_never_overlap_so_one_findall_sees_each():
    words = _page._GUARD_WORDS
    for a in words:
        for b in words:
            if a != b:
                assert not any(a[-k:] == b[:k] for k in range(1, min(len(a), len(b)))), (a, b)
    # each inline-furniture or counter match holds one of its guard words (so a spare run changes nothing)
    for guards, rx in _page._INLINE_FURNITURE:
        for sample in ("【打印本页】", "字号：[大 中 小]", "【大 中 小】", "分享到：微信", "今天是2025年5月6日 星期二", "扫一扫在手机打开当前页"):
            for m in rx.finditer(sample):
                assert any(g in m.group(0) for g in guards), (guards, sample)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ICP", "备", "网站地图", "主办单位", "技术支持", "浏览器", "版权所有", "©", "(c) 2024", "中文", " ",
                                 "\n", "主", "分辨", "免责声明", "Copyright", "İCP"]), max_size=8))
def test_footer_any_matches_whenever_a_mark_or_a_footer_word_does(parts):
    s = "".join(parts)
    if _page._FOOTER_MARK.search(s) or _page._FOOTER_SOFT.search(s):
        assert _page._FOOTER_ANY.search(s)
    else:
        assert not _page._FOOTER_ANY.search(s)


def test_simplifying_keeps_a_folded_text_folded():
    # normalize_folded skips fold_width on what to_simplified returns from folded text: t2s must never produce a
    # character fold_width changes (checked on every CJK character, one per line)
    chars = "\n".join(chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00)))
    simple = _norm.to_simplified(chars)
    assert fold_width(simple) == simple
    for text in ("（一）支持对象：在本市注册的企業，補貼最高５００萬元。", "第一條\u3000總則\r\n"):
        assert _norm.normalize_folded(fold_width(text)) == _norm.normalize(text)


_NESTED = ("<div class='nav'><ul>" + "".join(f"<li><a href='/c/{i}.html'>栏目{i}</a></li>" for i in range(8)) + "</ul></div>"
           "<div id='zoom'><p>第一条 算力券</p><p></p><p> </p><p>\n  多个\n空白  </p><pre>  原样\n 保留 </pre>"
           "<p><span>单个</span><a href='/f/a.pdf'>附件一</a><b>强调</b></p><table><tr><td>发文字号</td><td>深工信〔2025〕3号</td>"
           "</tr></table></div><div><h3>相关链接</h3></div><ul><li><a href='/r1.html'>一篇</a></li><li><a href='/r2.html'>二篇</a>"
           "</li></ul><div class='footer'>版权所有 主办单位 技术支持 网站地图</div>")


def test_render_reads_single_text_elements_as_the_loop_does():
    # an element whose only child is a text is read without a stack round trip: same pieces as rendering it the long
    # way (an extra comment child forces the loop)
    html = "<html><body>" + _NESTED + "</body></html>"
    slow = re.sub(r"(<(?:p|span|a|b|li|td|h3|pre)\b[^>]*>)", r"\1<!---->", html)
    assert parse_page(html).text == parse_page(slow).text
    assert parse_page(html).meta == parse_page(slow).meta
    got = parse_page(html, url="https://x.gov.cn/a/t20250512_1.html")
    assert "第一条" in got.text and "原样" in got.text and "栏目3" not in got.text and "一篇" not in got.text


def test_a_number_wrapped_between_its_digits_is_joined_without_a_space():
    wrapped = ("根据市政府若干政策有关规定，本年度语料券总额600万元，分两批发放，本批次安排3\n"
               "00万元。对企业购买语料服务的，按合同金额的30%给予补贴，单个企业最高1\n"
               "00万元，申报材料按要求报送至市数据局，逾期不予受理，企业调用模型DeepSeek\n"
               "API的费用同样适用本通知规定的各项条件和申报程序要求以及后续管理办法。")
    out = normalize(wrapped)
    assert "安排300万元" in out and "最高100万元" in out
    from monitor.extract.normalize import _join_pair
    assert _join_pair("调用DeepSeek", "API服务") == "调用DeepSeek API服务"     # two Latin words keep their space
    assert _join_pair("安排3", "00万元") == "安排300万元"


def test_adjacent_spans_of_an_info_table_are_separate_fields():
    html = ("<html><head><title>x</title></head><body><div class='zc-table'><span>发文单位：日照市大数据局</span>"
            "<span>文号：日数发〔2026〕21号</span><span>发布日期：2026年10月16日</span><span>有效性：有效</span></div>"
            "<div id='zoom'><p>日照市大数据局关于印发《日照市词元券发放管理办法》的通知</p>"
            "<p>各区县大数据主管部门：现将办法印发给你们，请认真贯彻执行。本办法所称词元券是市大数据局发放的电子券。</p></div>"
            "</body></html>")
    p = parse_page(html)
    assert p.meta["issuer"] == "日照市大数据局"
    assert p.meta["doc_number"] == "日数发〔2026〕21号"
    assert p.published == "2026-10-16"


def test_document_number_on_an_info_line_with_other_fields_after_a_bar():
    html = ("<html><head><title>咸宁市发展和改革委员会关于开展2026年度算力券申报工作的通知</title></head><body>"
            "<h1>咸宁市发展和改革委员会关于开展2026年度算力券申报工作的通知</h1>"
            "<p class='info'>咸发改数据〔2026〕40号 ｜ 发布时间：2026-07-22</p>"
            "<div id='zoom'><p>各县(市、区)发改局：2026年度算力券预算2400万元，按实际费用的30%给予支持。</p></div></body></html>")
    p = parse_page(html)
    assert p.meta.get("doc_number") == "咸发改数据〔2026〕40号"
    assert p.published == "2026-07-22"


# ================================================================== speed shortcuts that must change nothing

def _t2s_keys_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("t2s_keys", Path(__file__).parent.parent / "bench" / "t2s_keys.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_shipped_t2s_keys_are_those_of_the_installed_dictionaries():
    mod = _t2s_keys_module()
    found = mod.opencc_dirs()
    # (the opencc wheel ships its opencc_dict tool; without it the shipped list could not be checked at all)
    assert found is not None, "OpenCC's opencc_dict tool is missing from the installed opencc package"
    shipped = (Path(_norm.__file__).parent.parent / "data" / "t2s_keys.txt").read_text(encoding="utf-8")
    assert shipped == mod.render(mod.witness_chars(*found))


def test_to_simplified_skips_opencc_only_where_it_changes_nothing():
    cc = _norm._converter()
    # every Han character the key class leaves out, alone and next to each other: OpenCC keeps them
    free = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00))
            if not _norm._T2S_KEY.search(chr(c))]
    assert len(free) > 15_000
    text = "\n".join("".join(free[i:i + 40]) for i in range(0, len(free), 40))
    assert cc.convert(text) == text and _norm.to_simplified(text) == text
    # and the keys it holds are real: a key character or a phrase is converted
    for s in ("發布", "乾燥", "深沈", "函覆", "中國", "\uf900", "沈阳市", "显著", "一𠀀二"):
        assert _norm.to_simplified(s) == cc.convert(s)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["乾", "燥", "覆", "函", "沈", "深", "發", "中文", "算力券", "ＡＢ", "\n", " ", "𠀀", "\uf900",
                                 "著", "显", "於", "于", "后", "後", "里", "裡", "面", "云", "雲"]), max_size=12))
def test_to_simplified_equals_opencc_on_any_mix(parts):
    s = "".join(parts)
    want = _norm._converter().convert(s) if _norm._HAN_RE.search(s) else s
    assert _norm.to_simplified(s) == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ICP", "备", "網站標識碼", "公網安備", "主辦單位", "版權所有", "聯繫我們", "網站地圖", "免責聲明",
                                 "网站标识码", "公网安备", "承办单位", "建议使用", "分辨率", "浏览器", "icp證", "COPYRIGHT",
                                 "(c)2024", "©", "中文", " ", "\n", "İCp", "(C) 1999"]), max_size=8))
def test_footer_quick_finds_every_text_footer_any_does(parts):
    s = "".join(parts)
    if _page._FOOTER_ANY.search(s):
        assert _page._FOOTER_QUICK.search(s)


def test_head_word_is_in_every_heading_the_renderer_drops():
    words = _page._HEAD_WORDS.split("|")
    assert "相关链接" in words and "上一篇" in words and "当前位置" in words and len(words) >= 35
    for rx in (_page._FURNITURE_START, _page._RELATED_START, _page._PREVNEXT_START):
        for w in words:
            for s in (w + "：x", "【 " + w + ":首页", "[" + w + ">"):
                if rx.match(s):
                    assert _page._HEAD_WORD.search(s), (rx.pattern, s)
        for s in ("当前位置：首页", "【相关链接】", "上一篇：x", "相關閱讀", "您的位置>"):
            assert not rx.match(s) or _page._HEAD_WORD.search(s)


def _menu(rng: random.Random, depth: int = 0) -> str:
    texts = ["首页", "政务公开", "栏目 12", "网站地图", "相关链接", "附件1", "ICP备1号", "\u3000", " ", "2025-05-06", "上一篇",
             "ICP备1号", "版权所有"]
    hrefs = ["/a/1.html"] * 30 + ["/f/x.pdf", "#", "down.do?f=a.docx", "javascript:;", "/b.shtml"]
    items = []
    for _ in range(rng.choice([2, 3, 3, 3, 4, 6, 10])):
        a = f"<a href='{rng.choice(hrefs)}'>{rng.choice(texts) if rng.random() < 0.08 else '栏目'}</a>"
        k = rng.random()
        extra = ("" if k < 0.9 else rng.choice(["<span>x</span>", "<!--c-->", "<script>1</script>", "<br>", a + a,
                                                 "<i>\u3000</i>", "<pre> </pre>", "<b>更多</b>",
                                                 f"<nav>{a}{a}{a}</nav>", f"<header>{a}</header>", f"<nav>{a}</nav>",
                                                 f"<footer>{a}</footer>"]))
        if k > 0.97 and depth < 2:
            extra = _menu(rng, depth + 1)
        attrs = "" if rng.random() < 0.9 else rng.choice([" style='display:none'", " class='hide'", " hidden",
                                                          " style='color:red'"])
        items.append(f"<li{attrs}>{a}{extra}</li>")
    tag = rng.choice(["ul", "ol", "div", "section", "dl"])
    return f"<{tag}>{''.join(items)}</{tag}>"


def test_link_lists_judged_whole_read_as_the_walk_reads_them(monkeypatch):
    rng = random.Random(7)
    pages = []
    for _ in range(250):
        parts = [_menu(rng) for _ in range(rng.randint(1, 4))]
        body = "<div id='zoom'><p>发布日期：2025-05-06</p><p>" + "按合同金额的30%给予补贴。" * rng.randint(1, 9) + "</p></div>"
        parts.insert(rng.randint(0, len(parts)), body if rng.random() < 0.8 else f"<ul><li>{body}</li></ul>")
        style = rng.choice(["", "<style>.hide{display:none}</style>"])
        pages.append(f"<html><head><title>t</title>{style}</head><body>{''.join(parts)}</body></html>")
    fired = []
    real = _page._Renderer._dropped_list
    page_text = _page._Renderer.page_text
    seen: list[str] = []

    def counting(self, node, room):
        n = real(self, node, room)
        fired.append(n)
        return n

    def recording(self):
        seen.append(page_text(self))
        return seen[-1]

    monkeypatch.setattr(_page._Renderer, "page_text", recording)
    monkeypatch.setattr(_page._Renderer, "_dropped_list", counting)
    fast = [parse_page(h, url="https://x.gov.cn/a/t20250512_1.html") for h in pages]
    fast_pages, seen[:] = seen[:], []
    assert sum(1 for n in fired if n) >= 50 and sum(1 for n in fired if not n) >= 50
    monkeypatch.setattr(_page._Renderer, "_dropped_list", lambda self, node, room: 0)
    walked = [parse_page(h, url="https://x.gov.cn/a/t20250512_1.html") for h in pages]
    assert fast == walked
    assert fast_pages == seen and len(seen) == len(pages)


def test_no_character_but_the_two_cases_matches_the_letters_the_quick_tests_spell_out():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    letters = {c for c in _page._DROP_FIRST if c.isascii() and c.isalpha()} | {"a", "v"}
    for c in letters:
        assert set(re.findall("(?i)" + c, every)) == {c.lower(), c.upper()}, c


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["av", "AV", "aV", "片", "在线", "网站", "女优", "一区二区", "九九热", "99热", "日韩", "中日韩", "v",
                                 "V", "a", "毛片", "中文", "蜘蛛池", "观看"]), max_size=10))
def test_quick_spam_test_matches_where_its_ignorecase_form_does(parts):
    s = "".join(parts)
    assert [m.span() for m in _page._SPAM_QUICK.finditer(s)] == [m.span() for m in _page._SPAM_QUICK_I.finditer(s)]


_DROP_BITS = ["返回", "首页", "网站首页", "Home", "HOME", "English", "MORE", "more", "Tags", "tag", "更多", ">>", "»", "|", "【",
              "】", "[", "]", " ", "\u3000", "相关链接", "打印", "关闭", "——", "·", "中文", "政策", "&gt;", ">", "e", "x", "1", "（",
              "移动版", "门户首页", "主页", "标签", "：", "《", "》", "\\", "/"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_DROP_BITS), min_size=1, max_size=8))
def test_a_line_dropped_whole_starts_with_a_character_of_drop_first(parts):
    s = "".join(parts).strip()
    if s and _page._DROP_LINE.match(s):
        assert s[0] in _page._DROP_FIRST


def test_only_the_ascii_space_is_a_printable_space():
    # _info_fields takes a printable line without ' ' to hold no space at all
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]


# ================================================================== content hidden until a script shows it

_WX_BODY = ("<p>为降低企业用数成本，本市决定开展数据要素券申领工作。</p>"
            "<p>数据要素券发放总额1000万元，按采购金额的40%给予支持，单家企业最高80万元。</p>"
            "<p>申领时间：即日起至2026年4月20日，逾期不予受理。</p>")
_WX_RELATED = ("<section class='related_article'><p><strong>往期推荐</strong></p><ul>"
               "<li><a href='https://mp.weixin.qq.com/s/1'>长沙市算力券申领指南</a></li>"
               "<li><a href='https://mp.weixin.qq.com/s/2'>湘潭语料券建设正当时</a></li>"
               "<li><a href='https://mp.weixin.qq.com/s/3'>一图读懂：岳阳市训力券</a></li></ul></section>")


def _wechat(body: str, style: str = "visibility: hidden;", nickname: str = "株洲市数据局", name_el: bool = True) -> str:
    name = (f"<span class='rich_media_meta rich_media_meta_nickname' id='profileBt'>"
            f"<a href='javascript:void(0);' id='js_name'>\n  {nickname}\n</a></span>") if name_el else ""
    return _article(
        "<div class='rich_media_wrp' id='js_article'><div id='page-content' class='rich_media_area_primary'>"
        "<h1 class='rich_media_title' id='activity-name'>关于开展数据要素券申领工作的公告</h1>"
        f"<div id='meta_content' class='rich_media_meta_list'>{name}"
        "<em id='publish_time' class='rich_media_meta rich_media_meta_text'>2026年3月18日 18:02</em></div>"
        f"<div class='rich_media_content' id='js_content' style='{style}'>{body}</div>"
        "<div class='rich_media_tool'><span>阅读 3891</span><a href='#'>在看</a></div></div></div>"
        f"<script>var nickname = htmlDecode(\"{nickname}\"); var ct = \"1773828120\";</script>",
        url_title="关于开展数据要素券申领工作的公告")


@pytest.mark.parametrize("style", ["visibility: hidden;", "visibility: hidden; opacity: 0;", "opacity:0",
                                   "VISIBILITY:HIDDEN !important"])
def test_wechat_article_hidden_until_its_script_shows_it_is_read(style):
    p = parse_page(_wechat(_WX_BODY + _WX_RELATED, style))
    assert "按采购金额的40%给予支持，单家企业最高80万元" in p.text
    assert "即日起至2026年4月20日" in p.text
    assert "长沙市算力券" not in p.text and "岳阳市训力券" not in p.text


def test_an_article_hidden_until_shown_is_read_in_any_container():
    # not a known container: the densest block of the page, hidden by an inline style a script removes
    nav = "<div class='menu'>" + "".join(f"<a href='/c{i}'>栏目{i}</a>" for i in range(12)) + "</div>"
    html = _article(nav + f"<div class='post-body' style='opacity:0;transition:opacity .3s'>{P}{_WX_BODY}</div>")
    p = parse_page(html)
    assert "发放算力券" in p.text and "单家企业最高80万元" in p.text
    assert "栏目" not in p.text
    # the whole page wrapped and faded in (its hidden spam stays hidden)
    html = _article("<div id='app' style='visibility:hidden'>" + nav + f"<div class='xyz'>{P}{_WX_BODY}</div>"
                    "<div style='display:none'>毛片在线观看 一区二区 算力券代办</div></div>")
    p = parse_page(html)
    assert "发放算力券" in p.text and "单家企业最高80万元" in p.text and "代办" not in p.text


def test_hidden_boxes_beside_a_visible_article_stay_hidden():
    farm = "".join(f"<a href='http://s{i}.example/'>算力券代办{i}</a> " for i in range(8))
    boxes = [
        f"<div style='visibility:hidden'>{farm}</div>",                                      # a link box
        "<div style='visibility:hidden'><p>另有模型券按合同金额的90%补贴。最高900万元。</p></div>",  # smaller than the article
        "<div style='opacity:0'>算力券 模型券 语料券 数据券 最高500万 代办包过</div>",             # keywords, no sentence
    ]
    html = _article(f"<div class='abc'>{P}{P}</div>" + "".join(boxes))
    p = parse_page(html)
    assert "发放算力券" in p.text
    assert "代办" not in p.text and "90%" not in p.text and "语料券" not in p.text
    # inside the article's own container, a smaller hidden block of sentences stays hidden too
    p = parse_page(_article(f"<div id='zoom'>{P}{P}" + boxes[1] + "</div>"))
    assert "发放算力券" in p.text and "90%" not in p.text
    # the hidden block is the biggest text of the page, but spam: never the article
    spam = "<div style='visibility:hidden'>" + "毛片在线观看，一区二区高清视频。算力券代办包过，最高500万。" * 6 + "</div>"
    p = parse_page(_article(f"<div class='abc'>{P}</div>" + spam))
    assert "发放算力券" in p.text and "代办" not in p.text
    # still hidden when nothing else is visible but its text is no article (no sentence)
    p = parse_page(_article("<div style='visibility:hidden'>" + "算力券 模型券 数据券 代办 " * 20 + "</div>"))
    assert "代办" not in p.text
    # display:none is hiding, not a fade-in
    p = parse_page(_article(f"<div class='abc'>{P}</div><div style='display:none'>{_WX_BODY * 3}</div>"))
    assert "80万元" not in p.text


def test_wechat_account_name_is_the_page_issuer():
    p = parse_page(_wechat(_WX_BODY, nickname="楚天都市报"))
    assert p.meta["issuer"] == "楚天都市报"
    # the account named only in the page's script
    p = parse_page(_wechat(_WX_BODY, nickname="株洲市数据局", name_el=False))
    assert p.meta["issuer"] == "株洲市数据局"
    # a source the article's page labels (来源：) is the page's source, as on any page
    p = parse_page(_wechat("<p>来源：株洲日报</p>" + _WX_BODY, nickname="株洲发布"))
    assert p.meta["issuer"] == "株洲日报"
    # not a WeChat article page: a script's nickname or an element id names no publisher
    html = _article(f"<div id='zoom'>{P}</div><a id='js_name'>张三</a><script>var nickname = \"李四\";</script>")
    assert "issuer" not in parse_page(html).meta


def test_publish_time_element_found_in_any_case_the_page_matches():
    """The quick test before the publish-time selector (an id or class holding 'time') passes wherever the selector
    matches: quirks mode (no doctype) matches ids and classes ignoring case, standards mode exactly."""
    from selectolax.lexbor import LexborHTMLParser
    from monitor.extract.page import _publish_time_element
    for doc, want in [
        ("<html><body><em id=PUBLISH_TIME>2025-05-06</em></body></html>", "2025-05-06"),
        ("<html><body><span class='a PubTime'>2025年5月7日</span></body></html>", "2025-05-07"),
        ("<!DOCTYPE html><html><body><span class='publishTime'>2025-05-08</span></body></html>", "2025-05-08"),
        ("<!DOCTYPE html><html><body><span class='pubTime'>2025-05-08</span></body></html>", None),
        ("<!DOCTYPE html><html><body><span class='PUBTIME'>2025-05-08</span></body></html>", None),
        ("<!DOCTYPE html><html><body><span class='time'>2025-05-08</span></body></html>", None),
        ("<html><body><p>2025-05-08</p></body></html>", None),
    ]:
        assert _publish_time_element(LexborHTMLParser(doc)) == want, doc


def test_plain_item_lists_render_as_the_walk_does(monkeypatch):
    """<ul>s of plain items (a link and a date or note beside it) are rendered from what _list_items reads of them:
    the page reads exactly as when the walk visits their nodes one by one (texts, spaces, hidden items, heading and
    footer words, attachments, after a related-links heading)."""
    import monitor.extract.page as P
    rng = random.Random(11)
    texts = ["关于开展2025年度第3批项目申报工作的通知", "相关链接", "上一篇：某通知", "版权所有 ICP备12345号", "附件1.申报表",
             "来源：某局", " ", "\n  ", "  标题  ", "政务公开", "x", "2025-05-06", "主办单位：某局 网站地图 联系我们",
             "【2025-05-06】", "更多", "正文一段很长的文字，" * 70]

    def page() -> str:
        lists = []
        for _ in range(rng.randint(1, 4)):
            items = []
            pool = rng.choice([texts, texts[:1] + texts[6:11] + ["2025-05-06"] * 5])
            for _ in range(rng.randint(1, 12)):
                a = f"<a href='{rng.choice(['/a/1.html', '/a/2.html', '/f/x.pdf', '#'])}'>{rng.choice(pool)}</a>"
                tag = rng.choice(['span', 'em', 'font', 'i'])
                d = f"<{tag}>{rng.choice(pool)}</{tag}>"
                inner = rng.choice([a + d, a + d, d + a, a + rng.choice(texts) + d, a, rng.choice(texts),
                                    a + "<!-- c -->" + d, a + "\n  " + d + "\n", a + "<b>x</b><br>"])
                attr = rng.choice(["", "", "", " class='hide'", " style='display:none'"])
                items.append(f"<li{attr}>{inner}</li>" + rng.choice(["", "\n", " "]))
            head = rng.choice(["", "", "<h3>相关链接</h3>", "<div>相关文章</div>"])
            lists.append(head + f"<{rng.choice(['ul', 'ol'])}>{''.join(items)}</ul>")
        lists.insert(rng.randint(0, len(lists)), "<div id='zoom'>" + "按合同金额的30%给予补贴，最高500万元。" * 5 + "</div>")
        return ("<html><head><title>某通知_某市人民政府</title><style>.hide{display:none}</style></head><body>"
                + "".join(lists) + "</body></html>")

    def rendered(html: str) -> tuple:
        from selectolax.lexbor import LexborHTMLParser
        tree = LexborHTMLParser(html)
        hc, hi = P._hidden_style_rules(tree)
        r = P._Renderer(tree.css_first("#zoom"), hc, hi, limit=P.META_SCAN * 2, visits=P.PAGE_VISITS,
                        maybe_hidden=P._hidden_candidates(tree, hc, hi), fast=True)
        r.render(tree.body)
        return r.page_text(), r.captured, parse_page(html)

    pages = [page() for _ in range(150)]
    fast = [rendered(p) for p in pages]
    used = []
    real = P._Renderer._list_items
    monkeypatch.setattr(P._Renderer, "_list_items", lambda self, node, room: used.append(real(self, node, room)))
    slow = [rendered(p) for p in pages]
    assert any(u is not None for u in used) and any(u is None for u in used)
    for f, s in zip(fast, slow):
        assert f == s


@pytest.mark.parametrize("header", ["<div class='header'><h1>{site}</h1></div>", "<div class='top'><h2>{site}</h2></div>"])
def test_a_site_heading_the_title_opens_with_is_not_the_title(header):
    # the site's own name in the page header (<h1>南宁市大数据发展局</h1>) opens the <title> too; the article's
    # heading, which is the <title> without its site suffix, is the title
    site = "南宁市大数据发展局"
    title = f"{site}关于公开征求《南宁市数据要素券管理办法（征求意见稿）》意见的公告"
    html = (f"<html><head><title>{title}_{site}</title></head><body>{header.format(site=site)}"
            "<div class='nav'><a href='/'>首页</a><a href='/x'>信息公开</a></div>"
            f"<div class='article'><h1 class='title'>{title}</h1><div id='zoom'>"
            + "<p>为培育数据要素市场，降低企业数据获取和使用成本，我局起草了管理办法，现向社会公开征求意见。</p>" * 3
            + "</div></div></body></html>")
    assert parse_page(html).title == title.replace("（", "(").replace("）", ")")


@pytest.mark.parametrize("organ, want", [("西宁市人民政府", "西宁市人民政府"),
                                         ("西宁市人民政府　西宁市财政局", "西宁市人民政府办公室")])
def test_the_info_tables_issuing_body_wins_over_the_sites_publisher(organ, want):
    # 发文机关 names the issuer; ContentSource (the site's publisher, often the issuer's office) only where the
    # table names several bodies issuing together
    html = ("<html><head><title>西宁市人民政府关于印发训力券管理办法的通知</title>"
            "<meta name='ContentSource' content='西宁市人民政府办公室'></head><body><div class='article'>"
            f"<table class='xxgk'><tr><td>发文机关：</td><td>{organ}</td><td>发布日期：</td><td>2026-06-01</td></tr></table>"
            "<div id='zoom'>" + "<p>为支持企业开展大模型训练，现将训力券管理办法印发给你们，请认真贯彻执行。</p>" * 3
            + "</div></div></body></html>")
    assert parse_page(html).meta["issuer"] == want


@pytest.mark.parametrize("label", ["信息公开日期", " 信 息 公 开 日 期", "信 息 公 开 日 期 ", "信\t息公开日期", "信息\u3000公开日期",
                                   "信  息  公  开  日  期"])
def test_info_label_alone_on_its_line_with_spaces_in_it(label):
    # (the lines _info_fields skips unread are those that cannot be a label alone: this one can, spaced as it is)
    assert _page._info_fields(f"正文一段。\n{label}\n2025-05-06\n正文。").get("published") == "2025-05-06"


@pytest.mark.parametrize("doctype", ["<!DOCTYPE html>", ""])           # standards and quirks mode
def test_container_probes_never_hide_a_match(doctype):
    from selectolax.lexbor import LexborHTMLParser
    names = ["TRS_Editor", "trs_editor", "TRS_UEDITOR", "view TRS_UEDITOR", "UCAP-CONTENT", "ucap-content", "pages_content",
             "ivs_content", "content_body", "Content_Body", "articleContent", "ARTICLECONTENT", "ContentRegion",
             "js_content", "rich_media_content", "detail-content", "zoom", "other"]
    for name in names:
        for attr in ("class", "id"):
            tree = LexborHTMLParser(f"{doctype}<html><body><div {attr}='{name}'>正文</div></body></html>")
            for sel, word in _page._CONTAINER_PROBES.items():
                if tree.css(sel):
                    assert tree.css_first(f'[class*="{word}" i], [id*="{word}" i]') is not None, (sel, name)
