"""Source kinds: page families (tests/families/), general list rules, feeds, JSON APIs, documents.

Fixture pages are parsed as they would arrive (bytes → fetch.decode → Fetched); the feed, JSON and PDF cases also
go through a real local server and the real Fetcher.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile import HostileServer  # noqa: E402

from monitor.errors import SourceError  # noqa: E402
from monitor.fetch import Fetcher, decode  # noqa: E402
from monitor.models import Fetched, Item, Settings, Source  # noqa: E402
from monitor.sources import KINDS  # noqa: E402
from monitor.sources.base import find_list_date, parse_any_date, url_date  # noqa: E402
from monitor.sources.html import list_items  # noqa: E402
from monitor.sources.json_api import api_items, load_json  # noqa: E402
from monitor.sources.rss import feed_items  # noqa: E402

pytestmark = pytest.mark.timeout(30)
FAM = Path(__file__).resolve().parent / "families"


def fetched(body: bytes | str, url: str, ctype: str = "text/html") -> Fetched:
    if isinstance(body, str):
        body = body.encode("utf-8")
    headers = {"content-type": ctype}
    text, enc = decode(body, headers)
    return Fetched(url=url, final_url=url, status=200, headers=headers, body=body, text=text, encoding=enc)


def fixture(name: str, url: str, ctype: str = "text/html") -> Fetched:
    return fetched((FAM / name).read_bytes(), url, ctype)


def src(kind: str, url: str, **kw) -> Source:
    return Source(id="s1", name="测试来源", region=kw.pop("region", "广东省/深圳市"), kind=kind, url=url, **kw)


@pytest.fixture(scope="module")
def server():
    with HostileServer(files=FAM) as s:
        yield s


@pytest.fixture()
def fetcher():
    f = Fetcher(Settings(host_delay=0, timeout=5, fetch_deadline=5))
    yield f
    f.close()


# ---------------------------------------------------------------- page families

def test_trs_wcm_list():
    url = "https://www.ndrc.gov.cn/xxgk/zcfb/tz/index.html"
    items = KINDS["html"].items(src("html", url), fixture("trs_list.html", url))
    base = "https://www.ndrc.gov.cn/xxgk/zcfb/tz/"
    assert [i.url for i in items] == [
        base + "202605/t20260512_1401234.html",          # pinned duplicate: one item, first place
        base + "202605/t20260508_1401100.html",
        base + "202604/t20260420_1400999.html",          # ../tz/ resolved
        base + "202604/t20260403_1400800.html",          # //host resolved
        base + "202603/P020260315601234567890.pdf",      # a list item linking straight to a PDF
    ]
    first = items[0]
    assert first.title == "国家发展改革委办公厅关于组织开展2026年度算力券申报工作的通知"   # a[title], not the cut text
    assert first.published == "2026-05-12"
    assert [i.published for i in items][1:] == ["2026-05-08", "2026-04-20", "2026-04-03", "2026-03-15"]
    # navigation (even with an article-looking URL), footer, crumbs and paging are not items; index_1 not followed
    assert not any("t20260105" in i.url or "index_" in i.url or "gov.cn/\"" in i.url for i in items)


def test_hanweb_datastore_cdata():
    url = "https://jxj.hangzhou.gov.cn/col/col1228963/index.html"
    items = KINDS["html"].items(src("html", url), fixture("hanweb_col.html", url))
    assert [(i.url.rsplit("/", 1)[-1], i.published) for i in items] == [
        ("art_1228963_59012345.html", "2026-05-12"),
        ("art_1228963_59011111.html", "2026-04-28"),     # date split over lines
        ("art_1228963_59010000.html", "2026-03-02"),
    ]
    assert items[0].url.startswith("https://jxj.hangzhou.gov.cn/art/2026/5/12/")
    assert items[1].title == "关于印发《杭州市模型券实施细则》的通知"


def test_gkmlpt_json_flags():
    url = "http://gdii.gd.gov.cn/gkmlpt/api/all/4?page=1&sid=2"
    s = src("json", url, items="articles", fields={"title": "title", "url": "url", "published": "created_at"})
    items = KINDS["json"].items(s, fixture("gkmlpt.json", url, "application/json"))
    assert len(items) == 3
    assert items[0].flags == {"doc_number": "粤工信规字〔2026〕2号"} and items[0].published == "2026-05-12"
    assert items[1].flags == {"abolished": True, "doc_number": "粤工信规字〔2024〕5号"}
    assert items[1].url == "http://gdii.gd.gov.cn/gkmlpt/content/4/4300/post_4300001.html"   # relative resolved
    assert items[1].published == "2024-05-12"                                                  # epoch ms
    assert items[2].flags == {"expired": True} and items[2].published == "2023-06-01"


def test_govcn_zuixin_json_with_bom_and_no_configuration():
    url = "https://www.gov.cn/zhengce/zuixin/ZUIXINZHENGCE.json"
    assert (FAM / "govcn_zuixin.json").read_bytes().startswith(b"\xef\xbb\xbf")
    items = KINDS["json"].items(src("json", url, region="全国"), fixture("govcn_zuixin.json", url, "application/json"))
    assert [i.published for i in items] == ["2026-05-12", "2026-05-09", "2025-11-04"]
    assert items[0].title == "国务院办公厅关于加快推进人工智能算力基础设施建设的意见"
    assert items[1].url == "https://www.gov.cn/zhengce/content/202605/content_7023001.htm"


def test_rss_with_dot_zero_pubdates_through_a_lying_charset_header(server, fetcher):
    # served with its real bytes; the fixture server says application/rss+xml without charset
    url = server.url("/files/wuhu_rss.xml")
    f = fetcher.fetch(url, source=src("rss", url))
    lying = Fetched(url=f.url, final_url=f.final_url, status=200, headers={"content-type": "text/xml; charset=ISO-8859-1"},
                    body=f.body, text=decode(f.body, {"content-type": "text/xml; charset=ISO-8859-1"})[0])
    for resp in (f, lying):
        items = KINDS["rss"].items(src("rss", url), resp)
        assert [i.published for i in items] == ["2026-10-05", "2026-10-04", "2025-09-12"]   # newest first
        voucher = items[1]
        assert voucher.title == "芜湖市关于发放2026年度算力券的实施细则"
        assert "最高100万元" in voucher.summary and "\xa0" in voucher.summary              # &nbsp; kept, not bozo


def test_pdf_list_item_and_its_document(server, fetcher):
    url = "https://fgw.sh.gov.cn/fgw_zxxxgk/index.html"
    items = KINDS["html"].items(src("html", url), fixture("pdf_list.html", url))
    assert len(items) == 3 and items[1].url.endswith("smart-compute-voucher-guide.pdf")
    assert items[1].title == "上海市智能算力券申报指南（PDF）" and items[1].published == "2026-05-10"
    pdf_url = server.url("/files/guide.pdf")
    s = src("html", server.url("/files/"), region="上海市")
    doc = KINDS["html"].document(s, fetcher.fetch(pdf_url, source=s), Item(url=pdf_url, title=items[1].title,
                                                                          published=items[1].published))
    assert "compute voucher" in doc.text and "5000000" in doc.text
    assert doc.title.startswith("上海市智能算力券申报指南") and doc.published == "2026-05-10"
    assert (doc.source_id, doc.region, doc.authority) == ("s1", "上海市", "official")


def test_jpaas_data_html_wrapper():
    url = "https://www.hangzhou.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit?pageId=1"
    items = KINDS["json"].items(src("json", url), fixture("jpaas.json", url, "application/json"))
    assert [(i.url, i.published) for i in items] == [
        ("https://www.hangzhou.gov.cn/art/2026/5/20/art_1229063389_1850001.html", "2026-05-20"),
        ("https://www.hangzhou.gov.cn/art/2026/5/8/art_1229063389_1849000.html", "2026-05-08"),
    ]
    assert items[0].title.startswith("杭州市人民政府办公厅关于印发杭州市人工智能产业")


def test_split_dates_tables_and_gbk():
    url = "https://sdb.sh.gov.cn/gzdt/index.html"
    f = fixture("split_dates.html", url)
    assert f.encoding == "gb18030"
    items = KINDS["html"].items(src("html", url), f)
    got = {i.url.rsplit("/", 1)[-1]: i.published for i in items}
    assert got["a1f0e2d3c4b5a6978877665544332211.html"] == "2026-05-12"
    assert got["123456"] == "2025-12-30"                   # [YYYY-MM-DD] in the next cell
    assert got["show.aspx?id=998"].endswith("-11-20")      # MM-DD: year guessed
    assert len(items) == 4


# ---------------------------------------------------------------- general list rules

def test_split_date_without_url_date():
    html = """<ul><li><div class="date"><span class="date-day">07</span><span class="date-month">2025.09</span></div>
    <a href="/news/show?id=1">关于开展人工智能模型券申报工作的通知</a></li></ul>"""
    assert list_items(html, "https://a.gov.cn/list/")[0].published == "2025-09-07"


def test_relative_links_base_and_junk_hrefs():
    html = """<html><head><base href="https://a.gov.cn/x/y/"></head><body><ul>
    <li><a href="../../z/t20250512_1.html">深圳市关于发放算力券的通知正式文本</a><span>2025-05-12</span></li>
    <li><a href="javascript:void(0)">深圳市关于发放算力券的通知正式文本二</a><span>2025-05-12</span></li>
    <li><a href="mailto:a@b.cn">深圳市关于发放算力券的通知正式文本三</a><span>2025-05-12</span></li>
    <li><a href="  ./t20250513_2.html#top ">深圳市关于发放模型券的通知正式文本</a> 2025.05.13</li>
    </ul></body></html>"""
    items = list_items(html, "https://ignored.example/")
    assert [i.url for i in items] == ["https://a.gov.cn/z/t20250512_1.html", "https://a.gov.cn/x/y/t20250513_2.html"]
    assert items[1].published == "2025-05-13"


def test_links_selector_and_selector_error():
    html = """<div class="zx_ml_list"><ul><li><span class="tit"><a href="/a/1.html">短标题</a></span>
    <span>2025-01-02</span></li></ul></div><div class="other"><a href="/b/t20250101_9.html">深圳市另一则很长很长的通知标题</a></div>"""
    s = src("html", "https://www.sz.gov.cn/cn/xxgk/", links="div.zx_ml_list li span.tit a")
    items = KINDS["html"].items(s, fetched(html, s.url))
    assert [(i.url, i.title) for i in items] == [("https://www.sz.gov.cn/a/1.html", "短标题")]
    s2 = src("html", s.url, links="ul.nothing-here li a")
    with pytest.raises(SourceError) as ei:
        KINDS["html"].items(s2, fetched(html, s.url))
    assert ei.value.klass == "selector"


def test_general_rules_skip_furniture_and_paging():
    html = """<body><nav><a href="/t20250101_1.html">导航里的一个很长的政策标题链接文字</a></nav>
    <div id="header"><a href="/202501/t20250101_2.html">页头里的一个很长的政策标题链接文字</a></div>
    <ul class="list"><li><a href="/202503/t20250301_3.html">关于印发人工智能算力券管理办法的通知</a><span>2025-03-01</span></li>
    <li><a href="index_1.html">下一页</a></li><li><a href="/">首页</a></li></ul>
    <div class="footer"><a href="/202501/t20250101_4.html">页脚里的一个很长的政策标题链接文字</a></div></body>"""
    items = list_items(html, "https://a.gov.cn/list/index.html")
    assert [i.url for i in items] == ["https://a.gov.cn/202503/t20250301_3.html"]


def test_list_without_patterns_falls_back_to_long_titles_on_the_same_host():
    html = """<div><p><a href="/n/abc.html">本市关于支持人工智能企业使用算力的若干措施</a></p>
    <p><a href="https://other.example/x.html">别的网站上的一个很长的标题文字链接</a></p></div>"""
    items = list_items(html, "https://a.gov.cn/list/")
    assert [i.url for i in items] == ["https://a.gov.cn/n/abc.html"]


@pytest.mark.parametrize("text,iso", [
    ("2025-05-12", "2025-05-12"), ("2025.5.2", "2025-05-02"), ("[2025-05-12]", "2025-05-12"),
    ("2025年5月12日", "2025-05-12"), ("发布：20250512", "2025-05-12"), ("12 2025-05", "2025-05-12"),
    ("2025-05\n12", "2025-05-12"), ("25-05-12", "2025-05-12"), ("2025-13-45", None), ("阅读 1234", None),
])
def test_list_dates(text, iso):
    assert find_list_date(text, year=2025) == iso


def test_mm_dd_takes_the_year_given():
    assert find_list_date("05-12", year=2024) == "2024-05-12"


@pytest.mark.parametrize("value,iso", [
    ("2025-09-12 10:31:08.0", "2025-09-12"), ("2026-10-04 01:39:11.0", "2026-10-04"), (1747008000, "2025-05-12"),
    (1747008000000, "2025-05-12"), ("1747008000000", "2025-05-12"), ("2025-05-11T20:00:00Z", "2025-05-12"),
    ("2025-05-12T10:00:00+08:00", "2025-05-12"), ("Mon, 12 May 2025 02:00:00 GMT", "2025-05-12"), ("", None),
    (None, None), ("2026-05-12-10:30:00", "2026-05-12"), ("20250512", "2025-05-12"),
])
def test_any_dates(value, iso):
    assert parse_any_date(value) == iso


@pytest.mark.parametrize("url,iso", [
    ("https://a.gov.cn/x/202505/t20250512_1.html", "2025-05-12"), ("https://a.gov.cn/art/2025/5/2/art_1_2.html", "2025-05-02"),
    ("https://a.gov.cn/2025/05-12/abc.html", "2025-05-12"), ("https://a.gov.cn/post_123.html", None),
])
def test_url_dates(url, iso):
    assert url_date(url) == iso


# ---------------------------------------------------------------- feeds

def test_rss_billion_laughs_and_xxe_are_refused(server, fetcher):
    for path in ("/rss-laughs", "/rss-xxe"):
        url = server.url(path)
        f = fetcher.fetch(url, source=src("rss", url))
        with pytest.raises(SourceError) as ei:
            KINDS["rss"].items(src("rss", url), f)
        assert ei.value.klass == "parse"


@pytest.mark.parametrize("body", [
    "<html><body><p>这不是订阅源，是一个普通的网页</p></body></html>",
    "<rss version='2.0'><channel><title>t</title><item><title>坏的",
    "{\"not\": \"xml\"}",
])
def test_rss_not_a_feed(body):
    with pytest.raises(SourceError) as ei:
        feed_items(body, "https://a.gov.cn/rss.xml")
    assert ei.value.klass == "parse"


def test_rss_raw_ampersands_and_control_characters_are_tolerated():
    rss = ("<rss version='2.0'><channel><title>t</title><link>https://a.gov.cn/</link><description>d</description>"
           "<item><title>关于算力券的通知\x0b</title><link>https://a.gov.cn/show.jsp?id=1&col=2</link>"
           "<description>A&B 公司&nbsp;补贴</description></item></channel></rss>")
    (item,) = feed_items(rss, "https://a.gov.cn/rss.xml")
    assert item.url == "https://a.gov.cn/show.jsp?id=1&col=2" and item.title == "关于算力券的通知"
    assert "A&B" in item.summary


def test_rss_dates_read_in_china_time():
    rss = """<rss version="2.0"><channel><title>t</title><link>https://a.gov.cn/</link><description>d</description>
<item><title>早间发布的算力券通知</title><link>https://a.gov.cn/1.html</link><pubDate>Sun, 04 Oct 2026 01:39:11 +0800</pubDate></item>
<item><title>晚间发布的模型券通知</title><link>https://a.gov.cn/2.html</link><pubDate>Sat, 03 Oct 2026 20:00:00 GMT</pubDate></item>
</channel></rss>"""
    assert [i.published for i in feed_items(rss, "https://a.gov.cn/rss.xml")] == ["2026-10-04", "2026-10-04"]


def test_rss_netscape_doctype_is_dropped_and_atom_works():
    rss = """<?xml version="1.0" encoding="gb2312"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>t</title><link>https://a.gov.cn/</link><description>d</description>
<item><title>关于发放算力券的通知</title><link>/a/1.html</link></item></channel></rss>"""
    items = feed_items(rss, "https://a.gov.cn/rss.xml")
    assert [(i.url, i.title) for i in items] == [("https://a.gov.cn/a/1.html", "关于发放算力券的通知")]
    atom = """<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2025-05-12T00:00:00Z</updated>
<entry><title>模型券通知</title><link href="https://a.gov.cn/b/2.html"/><id>urn:2</id><updated>2025-05-12T02:00:00Z</updated>
<summary>摘要</summary></entry></feed>"""
    items = feed_items(atom, "https://a.gov.cn/atom.xml")
    assert items[0].url == "https://a.gov.cn/b/2.html" and items[0].published == "2025-05-12" and items[0].summary == "摘要"


# ---------------------------------------------------------------- JSON

def test_json_paths_jsonp_epochs_and_errors():
    obj = load_json("\ufeffjsonp_cb({\"data\": {\"list\": [{\"name\": \"关于语料券的通知\", \"link\": \"./c/1.html\","
                    " \"createdAt\": 1747008000000, \"endDate\": \"2025-06-30\"}]}});")
    items = api_items(obj, "https://zhengce.beijing.gov.cn/bs/api/list?page=1", "data.list")
    assert [(i.url, i.title, i.published) for i in items] == [
        ("https://zhengce.beijing.gov.cn/bs/api/c/1.html", "关于语料券的通知", "2025-05-12")]
    rows = {"rows": [{"title": "海淀区关于算力券的通知", "docPubUrl": "https://www.bjhd.gov.cn/a.html", "pubDate": "2025-05-12"}]}
    assert api_items(rows, "https://www.bjhd.gov.cn/api", "")[0].url == "https://www.bjhd.gov.cn/a.html"
    with pytest.raises(SourceError) as ei:
        api_items(rows, "https://x/", "data.nothing")
    assert ei.value.klass == "selector"
    with pytest.raises(SourceError) as ei:
        load_json("<html>not json</html>")
    assert ei.value.klass == "parse"


def test_json_titles_lose_search_highlighting():
    obj = [{"title": "关于<em>算力券</em>的通知 &amp; 解读", "url": "https://a.gov.cn/1.html"}]
    assert api_items(obj, "https://a.gov.cn/api")[0].title == "关于算力券的通知 & 解读"


def test_json_fields_may_name_flags():
    obj = {"list": [{"t": "关于废止模型券办法的通知", "u": "/x.html", "d": "2025-01-01", "fz": "1", "no": "某发〔2025〕1号"}]}
    fields = {"title": "t", "url": "u", "published": "d", "abolished": "fz", "doc_number": "no"}
    it = api_items(obj, "https://a.gov.cn/", "list", fields)[0]
    assert it.flags == {"abolished": True, "doc_number": "某发〔2025〕1号"} and it.url == "https://a.gov.cn/x.html"


# ---------------------------------------------------------------- documents

ARTICLE = """<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="深圳市关于發放算力券的通知">
<meta name="PubDate" content="2026-05-12 10:30"></head><body><div class="nav"><a href="/">首页</a></div>
<div class="TRS_Editor"><p>各有關單位：對企業按不超過合同金額的３０％給予補貼，單個企業最高５００萬元。</p>
<p><a href="./P020260512.pdf">附件：申报表.pdf</a></p></div></body></html>"""


def test_document_from_article_with_item_filling_gaps():
    url = "https://gxj.sz.gov.cn/tzgg/202605/t20260512_1.html"
    s = src("html", "https://gxj.sz.gov.cn/tzgg/", authority="official", content="div.TRS_Editor")
    doc = KINDS["html"].document(s, fetched(ARTICLE, url), Item(url=url, title="列表标题", published="2026-05-11",
                                                               flags={"doc_number": "深工信〔2026〕1号"}))
    assert doc.url == url and doc.title == "深圳市关于发放算力券的通知"          # page title wins, Simplified
    assert doc.published == "2026-05-12"
    assert "30%" in doc.text and "500万元" in doc.text and "首页" not in doc.text
    assert doc.attachments == ("https://gxj.sz.gov.cn/tzgg/202605/P020260512.pdf",)
    assert doc.meta.get("doc_number") == "深工信〔2026〕1号"
    assert (doc.source_id, doc.region) == ("s1", "广东省/深圳市")
    bare = "<html><body><div class='x'><p>" + "正文内容很多" * 10 + "</p></div></body></html>"
    plain = src("html", "https://gxj.sz.gov.cn/tzgg/")
    u2 = "https://gxj.sz.gov.cn/tzgg/show?id=77"
    doc2 = KINDS["html"].document(plain, fetched(bare, u2), Item(url=u2, title="列表标题", published="2026-05-11"))
    assert doc2.title == "列表标题" and doc2.published == "2026-05-11"       # the item fills what the page lacks


def test_document_content_selector_matching_nothing():
    s = src("html", "https://gxj.sz.gov.cn/tzgg/", content="div.does-not-exist")
    with pytest.raises(SourceError) as ei:
        KINDS["html"].document(s, fetched(ARTICLE, "https://gxj.sz.gov.cn/tzgg/a.html"))
    assert ei.value.klass == "selector"


def test_page_kind_and_binary_document():
    url = "https://gxj.sz.gov.cn/zcfg/index.html"
    s = src("page", url)
    f = fetched(ARTICLE, url)
    assert KINDS["page"].items(s, f) == []
    doc = KINDS["page"].document(s, f)
    assert doc.url == url and "算力券" in doc.title
    junk = Fetched(url=url, final_url=url, status=200, headers={"content-type": "text/html"}, body=b"\x00\x01" * 50)
    with pytest.raises(SourceError):
        KINDS["page"].document(s, junk)


def test_registry():
    assert set(KINDS) == {"rss", "html", "json", "page"}
    assert all(KINDS[k].name == k for k in KINDS)


def test_a_list_page_with_no_items_is_a_blind_source_not_a_quiet_one():
    shell = "<html><body><div id='app'></div><script src='/list.js'></script><a href='/'>首页</a></body></html>"
    with pytest.raises(SourceError) as ei:
        KINDS["html"].items(src("html", "https://a.gov.cn/list/"), fetched(shell, "https://a.gov.cn/list/"))
    assert ei.value.klass == "parse" and "links:" in str(ei.value)


def test_flat_list_dates_follow_their_links():
    html = """<div class="list"><a href="/n/1.html">关于开展人工智能算力券申报的通知</a> 2025-05-12<br>
    <a href="/n/2.html">关于公布模型券服务商名单的公告全文</a><span>[2025-04-30]</span><br>
    <a href="/n/3.html">关于语料券的政策解读文章一篇</a><br></div>"""
    items = list_items(html, "https://a.gov.cn/list/")
    assert [i.published for i in items] == ["2025-05-12", "2025-04-30", None]


def test_titles_lose_dates_bullets_and_pins_inside_the_anchor():
    html = """<ul><li><a href="/a/t20250512_1.html"><span class="date">2025-05-12</span><span>关于开展算力券申报工作的通知文件</span></a></li>
    <li><a href="/a/t20250513_2.html"><em>关于开展模型券申报工作的通知文件</em><i>2025-05-13</i></a></li>
    <li><a href="/a/t20250514_3.html">· 【置顶】关于开展语料券申报工作的通知文件 (2025-05-14)</a></li></ul>"""
    got = [(i.title, i.published) for i in list_items(html, "https://a.gov.cn/")]
    assert got == [("关于开展算力券申报工作的通知文件", "2025-05-12"), ("关于开展模型券申报工作的通知文件", "2025-05-13"),
                   ("关于开展语料券申报工作的通知文件", "2025-05-14")]


def test_dates_in_the_element_after_the_entry():
    html = """<dl><dt><a href="/d/1.html">关于开展人工智能算力券申报的通知</a></dt><dd>2025-05-12</dd>
    <dt><a href="/d/2.html">关于公布模型券服务商名单的公告全文</a></dt><dd>2025-04-30</dd></dl>
    <div class="row"><div class="title"><a href="/d/3.html">关于语料券的政策解读文章一篇全文</a></div><div class="date">2025.03.01</div></div>"""
    got = [i.published for i in list_items(html, "https://a.gov.cn/list/")]
    assert got == ["2025-05-12", "2025-04-30", "2025-03-01"]
