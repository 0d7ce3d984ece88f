"""Builds the bundled replay web (monitor/replay/web) from the texts and page templates below.

    python -m monitor.replay.build          # rewrites monitor/replay/web/ (deterministic: same bytes every run)

The web is committed; this script is how it was made, so a change to a page family or a text is one edit here and
the overlay rounds stay consistent. Rounds (see story.json):

    r1  baseline: voucher policies of several regions, a draft, a national encouragement, non-AI notices, a
        Traditional-character news roundup on a hacked page, a GBK page
    r2  cosmetic only: counters, clocks, banners, related links, reordered and pinned list items, spam changed
    r3  real changes: a new policy (东莞), an amended cap (深圳 训力券), a draft finalised with a changed budget (珠海),
        an application round with a deadline (成都), a news report contradicting an official cap (杭州)
    r4  withdrawal: the 芜湖 算力券 document answers 404 from here on; a gkmlpt row says is_abolished (广东省 训力券)
    r5, r6  nothing else changes (the 芜湖 document keeps answering 404: withdrawn after three checks)
"""
from __future__ import annotations

import json
import shutil
import sys
from html import escape
from pathlib import Path

WEB = Path(__file__).resolve().parent / "web"
ROUND_DATES = {"r1": "2026-11-02T09:00:00+08:00", "r2": "2026-11-09T09:00:00+08:00",
               "r3": "2026-11-20T09:00:00+08:00", "r4": "2026-11-21T09:00:00+08:00",
               "r5": "2026-11-22T09:00:00+08:00", "r6": "2026-11-23T09:00:00+08:00"}
WEEKDAY = {"2026-11-02": "星期一", "2026-11-09": "星期一", "2026-11-20": "星期五", "2026-11-21": "星期六"}

FILES: dict[str, dict[str, bytes]] = {r: {} for r in ROUND_DATES}
GONE: dict[str, list[str]] = {r: [] for r in ROUND_DATES}
NOCHARSET: list[str] = []


def put(rnd: str, url: str, data: str | bytes, *, encoding: str = "utf-8") -> None:
    FILES[rnd][url] = data if isinstance(data, bytes) else data.encode(encoding)


def clock(rnd: str) -> str:
    d = ROUND_DATES[rnd][:10]
    y, m, dd = d.split("-")
    return f"{int(y)}年{int(m)}月{int(dd)}日 {WEEKDAY.get(d, '')}".strip()


def paras(text: str) -> str:
    """Blocks of text → <p>s. Lines starting with '>' are right-aligned (signatures), '#' are headings."""
    out = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(">"):
            out.append(f'<p style="text-align: right;">{escape(line[1:].strip())}</p>')
        elif line.startswith("#"):
            out.append(f'<p style="text-align: center;"><strong>{escape(line[1:].strip())}</strong></p>')
        else:
            out.append(f'<p style="text-indent: 2em;">{escape(line)}</p>')
    return "\n".join(out)


# ==================================================================== page families

def trs_article(*, site: str, column: str, title: str, pub: str, issuer: str, docno: str, written: str, index_no: str,
                body: str, counter: int, rnd: str, prev: tuple[str, str], nxt: tuple[str, str],
                related: list[tuple[str, str]] = (), banner: str = "", attachments: list[tuple[str, str]] = ()) -> str:
    """TRS WCM article: meta ArticleTitle/PubDate/ContentSource, info table, div.TRS_Editor, furniture all around."""
    rel = "".join(f'<li><a href="{u}" target="_blank">{escape(t)}</a></li>' for u, t in related)
    att = "".join(f'<p><a href="{u}">{escape(t)}</a></p>' for u, t in attachments)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="SiteName" content="{site}">
<meta name="SiteDomain" content="gxj.sz.gov.cn">
<meta name="ColumnName" content="{column}">
<meta name="ColumnType" content="通知公告">
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{pub} 10:30">
<meta name="ContentSource" content="{issuer}">
<meta name="Keywords" content="{escape(title[:20])}">
<title>{escape(title)}-{site}</title>
<link rel="stylesheet" href="/images/common.css">
<script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar"><div class="w1200"><span class="date">今天是：<span id="today">{clock(rnd)}</span></span>
<span class="links"><a href="/">无障碍</a> | <a href="/">长者模式</a> | <a href="http://www.sz.gov.cn/">深圳政府在线</a></span></div></div>
<div class="header"><div class="w1200"><a class="logo" href="/"><img src="/images/logo.png" alt="{site}"></a>
{f'<div class="banner-tip">{escape(banner)}</div>' if banner else ''}
<form class="search" action="/search/"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">信息公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/ztzl/">专题专栏</a></li></ul></div>
<div class="w1200 main">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="/xxgk/xxgkml/qt/tzgg/">{column}</a></div>
<div class="xxgk_table">
<table class="xxgk-info" cellspacing="0" cellpadding="0">
<tr><td class="label">索引号：</td><td>{index_no}</td><td class="label">分类：</td><td>通知公告</td></tr>
<tr><td class="label">发布机构：</td><td>{issuer}</td><td class="label">成文日期：</td><td>{written}</td></tr>
<tr><td class="label">名称：</td><td colspan="3">{escape(title)}</td></tr>
<tr><td class="label">文号：</td><td>{docno}</td><td class="label">发布日期：</td><td>{pub}</td></tr>
</table></div>
<div class="tit"><h1>{escape(title)}</h1>
<div class="fbxx"><span>发布日期：{pub}</span> <span>来源：{issuer}</span> <span>浏览次数：<em id="counter">{counter}</em></span>
<span class="font">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div></div>
<div class="news_cont_d_wrap">
<div class="TRS_Editor">
{body}
</div>
{f'<div class="fjdown"><p>附件：</p>{att}</div>' if att else ''}
</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="prevnext"><p>上一篇：<a href="{prev[0]}">{escape(prev[1])}</a></p><p>下一篇：<a href="{nxt[0]}">{escape(nxt[1])}</a></p></div>
{f'<div class="xglj"><h3>相关链接</h3><ul>{rel}</ul></div>' if rel else ''}
</div>
<div class="footer"><div class="w1200"><p>主办单位：{site} 地址：深圳市福田区福中三路市民中心C区 邮编：518035</p>
<p>版权所有：{site} <a href="https://beian.miit.gov.cn/">粤ICP备12010174号</a> 网站标识码：4403000029 <img src="/images/ga.png">粤公网安备 44030402002345号</p></div></div>
<script>var c=document.getElementById("counter");</script>
</body>
</html>
"""


def trs_list(*, site: str, column: str, items: list[tuple[str, str, str]], rnd: str, pinned: tuple | None = None) -> str:
    """TRS WCM list: ul.u-list li a[title] + span date, ./YYYYMM/tYYYYMMDD_ID.html links, createPageHTML paging."""
    lis = []
    if pinned:
        u, t, d = pinned
        lis.append(f'<li class="zd"><a href="{u}" title="{escape(t)}" target="_blank"><b class="top">置顶</b>{escape(t)}</a>'
                   f'<span>{d}</span></li>')
    for u, t, d in items:
        short = t if len(t) <= 36 else t[:35] + "…"
        lis.append(f'<li><a href="{u}" title="{escape(t)}" target="_blank">{escape(short)}</a><span>{d}</span></li>')
    body = "\n".join(lis)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="SiteName" content="{site}"><meta name="ColumnName" content="{column}">
<title>{column}-{site}</title></head>
<body>
<div class="top-bar"><span class="date">今天是：<span id="today">{clock(rnd)}</span></span></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">信息公开</a></li><li><a href="/zwfw/">政务服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; {column}</div>
<div class="ListconC">
<ul class="u-list">
{body}
</ul>
<div class="page"><script>createPageHTML(12, 0, "index", "html");</script></div>
</div>
<div class="footer"><p>版权所有：{site} 粤ICP备12010174号</p></div>
</body></html>
"""


def hanweb_col(*, col: str, items: list[tuple[str, str, str]], rnd: str, views: int) -> str:
    """Hanweb JCMS column page: items inside <script type="text/xml"><datastore>…CDATA…</datastore>."""
    recs = "\n".join(
        f'<record><![CDATA[\n<li><a href="{u}" title="{escape(t)}" target="_blank">{escape(t)}</a>\n<span>{d}</span></li>\n]]></record>'
        for u, t, d in items)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="杭州市人民政府">
<meta name="ColumnName" content="市政府办公厅文件">
<title>市政府办公厅文件 杭州市人民政府门户网站</title>
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script>
</head>
<body>
<div class="head"><div class="date">今天是 {clock(rnd)}</div><div class="logo"><img src="/picture/0/logo.png" alt="杭州市人民政府门户网站"></div></div>
<div class="nav"><a href="/">首页</a><a href="/col/col1229063379/index.html">政务公开</a><a href="/col/col1229063380/index.html">政务服务</a></div>
<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; <a href="/col/col1229063379/index.html">政务公开</a> &gt; 市政府办公厅文件</div>
<div class="list" id="{col}">
<div id="{col}_list">
<script type="text/xml">
<datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=149&path=/&columnid={col}&unitid=5882411&webname=%E6%9D%AD%E5%B7%9E%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&permissiontype=0"></a>]]></nextgroup>
<recordset>
{recs}
</recordset>
</datastore>
</script>
</div>
</div>
<div class="fwl">本栏目访问量：<span id="views">{views}</span></div>
<div class="foot"><p>主办：杭州市人民政府办公厅 承办：杭州市数据资源管理局</p><p>浙ICP备05002497号 浙公网安备 33010302000050号 网站标识码：3301000001</p></div>
</body>
</html>
"""


def hanweb_article(*, title: str, pub: str, issuer: str, docno: str, index_no: str, body: str, rnd: str, views: int,
                   related: list[tuple[str, str]] = ()) -> str:
    rel = "".join(f'<li><a href="{u}">{escape(t)}</a></li>' for u, t in related)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="杭州市人民政府">
<meta name="ColumnName" content="市政府办公厅文件">
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{pub} 16:42">
<meta name="ContentSource" content="{issuer}">
<title>{escape(title)}</title>
</head>
<body>
<div class="head"><div class="date">今天是 {clock(rnd)}</div></div>
<div class="nav"><a href="/">首页</a><a href="/col/col1229063379/index.html">政务公开</a></div>
<div class="bt-position">您当前的位置：<a href="/">首页</a> &gt; 政务公开 &gt; 市政府办公厅文件</div>
<table class="xxgk_table" width="100%">
<tr><td>索引号</td><td>{index_no}</td><td>主题分类</td><td>科技、教育</td></tr>
<tr><td>发布机构</td><td>{issuer}</td><td>生成日期</td><td>{pub}</td></tr>
<tr><td>文号</td><td>{docno}</td><td>有效性</td><td>有效</td></tr>
</table>
<div class="article">
<div class="title">{escape(title)}</div>
<div class="info">日期：{pub} 来源：{issuer} 浏览次数：<span id="views">{views}</span>
<span class="zh">字号：[ <a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a> ]</span></div>
<div id="zoom">
{body}
</div>
<div class="print"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
{f'<div class="xgwz"><div class="xgwz_title">相关文章</div><ul>{rel}</ul></div>' if rel else ''}
</div>
<div class="foot"><p>主办：杭州市人民政府办公厅</p><p>浙ICP备05002497号 网站标识码：3301000001</p></div>
</body>
</html>
"""


def gkmlpt_article(*, title: str, pub: str, issuer: str, docno: str, written: str, index_no: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="SiteName" content="广东省人民政府门户网站">
<meta name="ColumnName" content="政府信息公开">
<meta name="ArticleTitle" content="{escape(title)}">
<meta name="PubDate" content="{pub} 17:05:12">
<meta name="ContentSource" content="{issuer}">
<title>{escape(title)} - 广东省人民政府门户网站</title>
</head>
<body>
<div class="header"><a href="http://www.gd.gov.cn/"><img src="/gkmlpt/static/logo.png" alt="广东省人民政府门户网站"></a></div>
<div class="crumbs">当前位置：<a href="http://www.gd.gov.cn/gkmlpt/index">政府信息公开</a> &gt; 政策文件</div>
<div class="classify">
<table>
<tr><th>索引号：</th><td>{index_no}</td><th>分类：</th><td>综合政务、科技</td></tr>
<tr><th>发布机构：</th><td>{issuer}</td><th>成文日期：</th><td>{written}</td></tr>
<tr><th>名称：</th><td colspan="3">{escape(title)}</td></tr>
<tr><th>文号：</th><td>{docno}</td><th>发布日期：</th><td>{pub}</td></tr>
</table>
</div>
<div class="content">
<h1 class="title">{escape(title)}</h1>
<div class="article-content">
{body}
</div>
</div>
<div class="footer"><p>主办：广东省人民政府办公厅 承办：南方网 网站标识码：4400000127</p>
<p><a href="https://beian.miit.gov.cn/">粤ICP备05070829号</a> 粤公网安备 44010402000123号</p></div>
</body>
</html>
"""


def govcn_article(*, title: str, pub: str, issuer: str, docno: str, written: str, index_no: str, topic: str,
                  body: str) -> str:
    """gov.cn: lower-case meta (firstpublishedtime 2025-08-26-17:00:00), table.bd1, div.pages_content#UCAP-CONTENT."""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="keywords" content="{escape(title[:24])}">
<meta name="description" content="{escape(title)}">
<meta name="firstpublishedtime" content="{pub}-17:00:00">
<meta name="lastmodifiedtime" content="{pub}-17:03:41">
<meta name="manuscriptid" content="{index_no}">
<title>{escape(title)}_国务院文件_中国政府网</title>
</head>
<body>
<div class="header"><a href="https://www.gov.cn/"><img src="/images/gtrs_logo_lt.png" alt="中国政府网"></a>
<div class="nav"><a href="https://www.gov.cn/">首页</a> <a href="https://www.gov.cn/zhengce/">政策</a> <a href="https://www.gov.cn/hudong/">互动</a></div></div>
<div class="BreadcrumbNav">首页 &gt; 政策 &gt; 国务院政策文件库 &gt; 国务院文件</div>
<table class="bd1" width="100%" border="0" cellspacing="1" cellpadding="0">
<tr><td><b>索&nbsp;&nbsp;引&nbsp;&nbsp;号：</b></td><td>{index_no}</td><td><b>主题分类：</b></td><td>{topic}</td></tr>
<tr><td><b>发文机关：</b></td><td>{issuer}</td><td><b>成文日期：</b></td><td>{written}</td></tr>
<tr><td><b>标&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;题：</b></td><td colspan="3">{escape(title)}</td></tr>
<tr><td><b>发文字号：</b></td><td>{docno}</td><td><b>发布日期：</b></td><td>{pub}</td></tr>
</table>
<div class="pages_content" id="UCAP-CONTENT">
{body}
</div>
<div class="editor">【我要纠错】 责任编辑：王洋</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="footer"><p>版权所有：中国政府网 | 关于本网 | 网站声明 | 联系我们 | 网站纠错</p>
<p>主办单位：国务院办公厅 运行维护单位：中国政府网运行中心</p><p>京ICP备05070218号 京公网安备11010202000001号</p></div>
</body>
</html>
"""


def plain_list(*, title: str, site: str, items: list[tuple[str, str, str]], rnd: str, css: str, charset: str = "utf-8",
               icp: str = "") -> str:
    lis = "\n".join(f'<li><a href="{u}" title="{escape(t)}" target="_blank">{escape(t)}</a><span class="date">{d}</span></li>'
                    for u, t, d in items)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{charset}">
<title>{title}-{site}</title>
</head>
<body>
<div class="topbar">今天是：{clock(rnd)}　<a href="/">网站首页</a> | <a href="/sitemap/">网站地图</a></div>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a> <a href="/hdjl/">互动交流</a></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; {title}</div>
<div class="{css}">
<ul>
{lis}
</ul>
<div class="pagination">共1页 <a>首页</a> <a>上一页</a> <a>下一页</a> <a>尾页</a></div>
</div>
<div class="footer">主办：{site} {icp}</div>
</body>
</html>
"""


def plain_article(*, title: str, site: str, pub: str, issuer: str, body: str, rnd: str, container: str,
                  charset: str = "utf-8", docno: str = "", counter: int = 0, extra_head: str = "",
                  extra_body: str = "", icp: str = "", related: list[tuple[str, str]] = ()) -> str:
    rel = "".join(f'<li><a href="{u}">{escape(t)}</a></li>' for u, t in related)
    doc_line = f"<span>文号：{docno}</span> " if docno else ""
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="{charset}">
{extra_head}<title>{escape(title)}-{site}</title>
</head>
<body>
{extra_body}<div class="topbar">今天是：{clock(rnd)}　<a href="/">网站首页</a></div>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 通知公告</div>
<div class="detail">
<h1>{escape(title)}</h1>
<div class="info">{doc_line}<span>发布时间：{pub}</span> <span>来源：{issuer}</span> <span>阅读次数：{counter}</span>
<span>【字体：<a>大</a> <a>中</a> <a>小</a>】</span></div>
<div class="{container}">
{body}
</div>
<div class="tools"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
{f'<div class="related"><h4>相关阅读</h4><ul>{rel}</ul></div>' if rel else ''}
</div>
<div class="footer">主办：{site} {icp}</div>
</body>
</html>
"""


# ==================================================================== 深圳市工业和信息化局 (TRS WCM)

SZ = "gxj.sz.gov.cn"
SZ_SITE, SZ_COL = "深圳市工业和信息化局", "通知公告"
SZ_LIST = "/xxgk/xxgkml/qt/tzgg/index.html"
SZ_XLQ = ("./202501/t20250110_51873564.html", "深圳市工业和信息化局关于印发《深圳市打造人工智能先锋城市的若干措施》的通知", "2025-01-10")
SZ_MXQ = ("./202503/t20250314_52014785.html",
          "深圳市工业和信息化局关于印发《深圳市工业和信息化局打造人工智能先锋城市项目扶持计划操作规程》的通知", "2025-03-14")
SZ_AQ = ("./202509/t20250918_52417730.html", "深圳市工业和信息化局关于开展2025年度工业企业安全生产隐患排查整治工作的通知", "2025-09-18")
SZ_ZJTX = ("./202412/t20241205_51790213.html", "深圳市工业和信息化局关于公布2024年深圳市专精特新中小企业名单的通知", "2024-12-05")
SZ_XLQ26 = ("./202611/t20261116_53305127.html", "深圳市工业和信息化局关于印发《深圳市训力券管理办法（2026年修订）》的通知", "2026-11-16")

SZ_XLQ_BODY = """
各区工业和信息化主管部门，各有关单位：
为贯彻落实市委、市政府关于加快打造人工智能先锋城市的决策部署，降低人工智能模型研发和训练成本，我局制定了《深圳市打造人工智能先锋城市的若干措施》，现予印发，请认真组织实施。
>深圳市工业和信息化局
>2025年1月8日
#深圳市打造人工智能先锋城市的若干措施
为抢抓人工智能发展机遇，加快建设人工智能先锋城市，制定以下措施。
一、强化智能算力供给。统筹全市智能算力资源，建设城市级智能算力统筹调度平台，推动智能算力集约化、规模化发展。
二、发放“训力券”。每年发放最高5亿元“训力券”，降低人工智能模型研发和训练成本。对租用智能算力开展大模型训练的企业、高等院校和科研机构，按不超过服务合同金额的50%给予资助，单个主体每年最高资助1000万元；对初创企业资助比例提高至60%。
三、支持模型研发。对首次通过国家生成式人工智能服务备案的大模型，给予研发单位最高300万元一次性奖励。
四、培育产业生态。支持建设人工智能产业园区，对经认定的市级人工智能产业园区，给予运营单位最高500万元资助。
五、本措施自2025年2月1日起施行，有效期3年。具体操作规程由市工业和信息化局另行制定。
"""

SZ_MXQ_BODY = """
各有关单位：
为做好打造人工智能先锋城市项目扶持工作，规范资金使用和管理，我局制定了《深圳市工业和信息化局打造人工智能先锋城市项目扶持计划操作规程》，现印发给你们，请遵照执行。
>深圳市工业和信息化局
>2025年3月12日
#深圳市工业和信息化局打造人工智能先锋城市项目扶持计划操作规程
#第一章　总则
第一条　为规范深圳市工业和信息化局打造人工智能先锋城市项目扶持计划的组织实施，根据有关规定，制定本规程。
第二条　本规程所称扶持计划，包括“模型券”项目、人工智能终端产品首发项目等。
#第二章　“模型券”项目
第三条　“模型券”项目，是指支持企业依托经国家网信办备案的生成式人工智能模型开展模型服务、智能体开发应用等，达到一定规模、具有良好成效的，对模型购买费用予以补贴。
第四条　市工业和信息化局每年安排“模型券”额度1亿元，由需求方申领。需求方向模型服务机构购买模型服务，以“模型券”抵扣不超过模型购买费用的30%。
第五条　单家企业每年申领“模型券”额度原则上不超过100万元，最高不超过200万元。
第六条　“模型券”由需求方申请兑现，补贴资金拨付至需求方。模型购买费用包括模型订阅或API调用费用、模型服务平台和智能体应用开发工具使用费用等。
#第三章　附则
第七条　本规程由市工业和信息化局负责解释。
第八条　本规程自2025年3月15日起施行，有效期至2027年3月14日。
"""

SZ_XLQ26_BODY = """
各区工业和信息化主管部门，各有关单位：
为进一步降低人工智能模型训练成本，加大对大模型研发的支持力度，我局对“训力券”有关规定进行了修订，形成《深圳市训力券管理办法（2026年修订）》，现予印发，请认真贯彻执行。
>深圳市工业和信息化局
>2026年11月13日
#深圳市训力券管理办法（2026年修订）
第一条　为降低企业、高等院校和科研机构租用智能算力开展大模型训练的成本，制定本办法。
第二条　市级财政每年安排“训力券”资金总额不超过5亿元，用于支持租用智能算力开展大模型训练。
第三条　训力券按服务合同金额的50%予以抵扣；初创企业抵扣比例可提高至60%。
第四条　单个主体每年累计可获训力券支持最高2000万元。
第五条　申请训力券的主体应当在本市注册，具有独立法人资格，训练任务使用的智能算力由经备案的算力服务机构提供。
第六条　本办法自2027年1月1日起施行，有效期3年。
"""

SZ_AQ_BODY = """
各区工业和信息化主管部门，各有关企业：
为深入贯彻安全生产工作部署，切实防范化解工业领域安全风险，决定在全市开展2025年度工业企业安全生产隐患排查整治工作。现将有关事项通知如下：
一、工作范围。全市规模以上工业企业，重点是涉及粉尘涉爆、有限空间作业、锂电池生产储存的企业。
二、工作安排。企业自查自改阶段（2025年9月至10月），各区督导检查阶段（2025年11月），总结提升阶段（2025年12月）。
三、工作要求。各区要压实属地管理责任，建立隐患整改台账，确保隐患整改到位。
>深圳市工业和信息化局
>2025年9月17日
"""

SZ_ZJTX_BODY = """
各有关单位：
根据《深圳市专精特新中小企业认定管理办法》，经企业申报、区级初审、专家评审和公示，现将2024年深圳市专精特新中小企业名单予以公布（见附件）。有效期三年。
>深圳市工业和信息化局
>2024年12月4日
"""


def build_sz() -> None:
    items_r1 = [SZ_AQ, SZ_MXQ, SZ_XLQ, SZ_ZJTX]
    put("r1", SZ + SZ_LIST, trs_list(site=SZ_SITE, column=SZ_COL, items=items_r1, rnd="r1"))
    # r2: a pinned (置顶) duplicate of the 训力券 notice, the clock moves
    put("r2", SZ + SZ_LIST, trs_list(site=SZ_SITE, column=SZ_COL, items=items_r1, rnd="r2", pinned=SZ_XLQ))
    put("r3", SZ + SZ_LIST, trs_list(site=SZ_SITE, column=SZ_COL, items=[SZ_XLQ26] + items_r1, rnd="r3", pinned=SZ_XLQ))

    docs = [  # (item, issuer, docno, written, index, body, counter r1, counter r2, attachments)
        (SZ_XLQ, "深圳市工业和信息化局", "深工信规〔2025〕1号", "2025-01-08", "11440300MB2C92051P/2025-00012", SZ_XLQ_BODY, 15231, 18764),
        (SZ_MXQ, "深圳市工业和信息化局", "深工信规〔2025〕3号", "2025-03-12", "11440300MB2C92051P/2025-00187", SZ_MXQ_BODY, 9876, 11020),
        (SZ_AQ, "深圳市工业和信息化局", "", "2025-09-17", "11440300MB2C92051P/2025-01544", SZ_AQ_BODY, 2312, 2690),
        (SZ_ZJTX, "深圳市工业和信息化局", "", "2024-12-04", "11440300MB2C92051P/2024-01920", SZ_ZJTX_BODY, 7788, 7901),
    ]
    order = [SZ_AQ, SZ_MXQ, SZ_XLQ, SZ_ZJTX]      # the list order: 上一篇 is the newer one, 下一篇 the older one

    def link(item):
        return "../" + item[0][2:], item[1]

    for item, issuer, docno, written, index_no, body, c1, c2 in docs:
        path = SZ + "/xxgk/xxgkml/qt/tzgg/" + item[0][2:]
        i = order.index(item)
        prev = link(order[i - 1]) if i > 0 else ("../", "无")
        nxt = link(order[i + 1]) if i + 1 < len(order) else ("../", "无")
        common = dict(site=SZ_SITE, column=SZ_COL, title=item[1], pub=item[2], issuer=issuer, docno=docno or "无",
                      written=written, index_no=index_no, body=paras(body), prev=prev, nxt=nxt)
        put("r1", path, trs_article(**common, counter=c1, rnd="r1"))
        if item in (SZ_XLQ, SZ_MXQ):
            # r2: counter and clock move; the 训力券 page gains related links naming other vouchers (furniture)
            related = [("http://www.sz.gov.cn/cn/xxgk/zfxxgj/tzgg/content/post_12345678.html",
                        "深圳市科技创新局关于发布2025年度深圳市训力券申请指南的通知"),
                       ("http://www.sz.gov.cn/cn/xxgk/zfxxgj/tzgg/content/post_12345999.html",
                        "深圳数据交易所语料券发放工作启动")] if item is SZ_XLQ else []
            put("r2", path, trs_article(**common, counter=c2, rnd="r2", related=related,
                                        banner="深入学习贯彻党的二十届四中全会精神"))
    put("r3", SZ + "/xxgk/xxgkml/qt/tzgg/" + SZ_XLQ26[0][2:], trs_article(
        site=SZ_SITE, column=SZ_COL, title=SZ_XLQ26[1], pub=SZ_XLQ26[2], issuer="深圳市工业和信息化局",
        docno="深工信规〔2026〕5号", written="2026-11-13", index_no="11440300MB2C92051P/2026-01733",
        body=paras(SZ_XLQ26_BODY), counter=356, rnd="r3",
        prev=("../", "无"), nxt=("../" + SZ_AQ[0][2:], SZ_AQ[1])))


# ==================================================================== 杭州市人民政府 (Hanweb JCMS)

HZ = "www.hangzhou.gov.cn"
HZ_COL = "1229063382"
HZ_AI = (f"/art/2025/6/30/art_{HZ_COL}_1855201.html",
         "杭州市人民政府办公厅关于印发杭州市建设人工智能产业发展高地实施方案（2025年版）的通知", "2025-06-30")
HZ_FIRE = (f"/art/2025/10/21/art_{HZ_COL}_1862077.html", "杭州市人民政府办公厅关于做好2025—2026年度森林防火工作的通知", "2025-10-21")
HZ_PROJ = (f"/art/2025/4/2/art_{HZ_COL}_1849910.html", "杭州市人民政府关于下达2025年杭州市重点建设项目计划的通知", "2025-04-02")

HZ_AI_BODY = """
各区、县（市）人民政府，市政府各部门、各直属单位：
《杭州市建设人工智能产业发展高地实施方案（2025年版）》已经市政府同意，现印发给你们，请结合实际认真组织实施。
>杭州市人民政府办公厅
>2025年6月27日
#杭州市建设人工智能产业发展高地实施方案（2025年版）
为深入实施“人工智能+”行动，加快建设具有全球影响力的人工智能产业发展高地，制定本方案。
一、总体要求
到2027年，全市人工智能核心产业营业收入突破5000亿元，培育一批具有全球竞争力的大模型企业。
二、重点任务
（一）强化算力普惠供给。每年设立2.5亿元市级算力券，对采购智能算力服务和模型服务的用户企业，一般按不超过合同实际发生金额的30%给予补贴；年申报智算合同累计金额50万元（含）以下的中小企业，按照不超过50%的比例给予补贴。单家企业每年市级算力券申领金额不超过800万元。
（二）集聚高端人才。对顶尖人工智能人才团队，经认定后给予最高1亿元项目资助；市领军型创新创业团队最高补助500万元。
（三）建设产业空间。评定一批市级人工智能标杆产业园，每年对绩效较好的给予运营经费补助，补助金额最高不超过200万元。
三、保障措施
各区、县（市）要建立工作专班，强化资金保障。本方案自印发之日起施行，有效期至2027年12月31日。
"""

HZ_FIRE_BODY = """
各区、县（市）人民政府，市政府各部门、各直属单位：
为切实做好2025—2026年度森林防火工作，有效预防和扑救森林火灾，保护人民群众生命财产安全，现就有关事项通知如下：
一、压实防火责任。严格落实森林防火行政首长负责制。
二、加强火源管控。森林防火期内，严禁在林区野外用火。
>杭州市人民政府办公厅
>2025年10月20日
"""

HZ_PROJ_BODY = """
各区、县（市）人民政府，市政府各部门、各直属单位：
现将2025年杭州市重点建设项目计划下达给你们，请认真组织实施。2025年共安排市重点建设项目450个，年度计划投资1800亿元。
>杭州市人民政府
>2025年3月31日
"""


def build_hz() -> None:
    col = f"/col/col{HZ_COL}/index.html"
    put("r1", HZ + col, hanweb_col(col=HZ_COL, items=[HZ_FIRE, HZ_AI, HZ_PROJ], rnd="r1", views=1283456))
    # r2: the column re-sorted (the AI notice moved up) and the view counter moved — same items
    put("r2", HZ + col, hanweb_col(col=HZ_COL, items=[HZ_AI, HZ_FIRE, HZ_PROJ], rnd="r2", views=1290117))
    for item, docno, idx, body, v1, v2 in [
        (HZ_AI, "杭政办函〔2025〕27号", "002489489/2025-00211", HZ_AI_BODY, 48211, 51977),
        (HZ_FIRE, "杭政办函〔2025〕51号", "002489489/2025-00390", HZ_FIRE_BODY, 3310, 3562),
        (HZ_PROJ, "杭政函〔2025〕18号", "002489489/2025-00102", HZ_PROJ_BODY, 6120, 6188),
    ]:
        issuer = "杭州市人民政府" if item is HZ_PROJ else "杭州市人民政府办公厅"
        common = dict(title=item[1], pub=item[2], issuer=issuer, docno=docno, index_no=idx, body=paras(body))
        put("r1", HZ + item[0], hanweb_article(**common, rnd="r1", views=v1))
        if item is HZ_AI:
            put("r2", HZ + item[0], hanweb_article(**common, rnd="r2", views=v2, related=[
                ("/art/2025/7/15/art_1229063383_1856001.html", "图解：杭州市算力券、模型券、语料券“三券”政策一图读懂"),
                ("/art/2025/8/2/art_1229063383_1857009.html", "西湖区发行2000万元“模型券”助力大模型应用")]))


# ==================================================================== 上海市经济和信息化委员会

SH = "sheitc.sh.gov.cn"
SH_AI = ("/cyfz/20250520/3f9d2c6a8b7e4d1f9c0a5b6e7d8f9a01.html",
         "上海市经济和信息化委员会关于印发《上海市进一步扩大人工智能应用的若干措施》的通知", "2025-05-20")
SH_JN = ("/jnzh/20250812/8a1b2c3d4e5f60718293a4b5c6d7e8f9.html",
         "关于组织开展2025年度上海市工业通信业节能降碳技术改造项目申报工作的通知", "2025-08-12")

SH_AI_BODY = """
各区科委（经委、商务委、工信委），各有关单位：
为贯彻落实国家“人工智能+”行动部署，进一步扩大人工智能应用，经市政府同意，现将《上海市进一步扩大人工智能应用的若干措施》印发给你们，请认真按照执行。
>上海市经济和信息化委员会
>2025年5月16日
#上海市进一步扩大人工智能应用的若干措施
一、加大模型应用支持。发放3亿元模型券，对调用云平台部署的第三方大模型API或采用第三方大模型私有化部署方式推进大模型垂类应用的主体，给予核定合同额最高50%、最高500万元补贴。
二、促进语料供给流通。发放1亿元语料券，对购买非关联方的语料进行大模型等研发和应用的主体，给予核定合同额最高30%、最高500万元采购补贴。
三、支持应用场景开放。鼓励本市国有企业开放应用场景，对形成标杆示范效应的场景项目，按项目投资的一定比例给予支持。
四、本措施自2025年6月1日起施行，有效期至2027年5月31日。
"""

SH_JN_BODY = """
各区经委（商务委、科经委），各有关单位：
为推进本市工业通信业绿色低碳转型，现组织开展2025年度节能降碳技术改造项目申报工作。申报单位应于2025年9月30日前通过“一网通办”提交申报材料。支持比例原则上不超过项目总投资的20%，单个项目最高支持2000万元。
>上海市经济和信息化委员会
>2025年8月11日
"""


def sh_list(rnd: str, items, banner: str = "") -> str:
    lis = "\n".join(f'<li><a href="{u}" title="{escape(t)}" target="_blank">{escape(t)}</a><span class="time">{d}</span></li>'
                    for u, t, d in items)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>通知公告_上海市经济和信息化委员会</title></head>
<body>
<div class="top">{escape(banner)}</div>
<div class="nav"><a href="/">首页</a> <a href="/jxw/zxxx/">最新信息</a> <a href="/jxw/tzgg/">通知公告</a> <a href="/jxw/zcfg/">政策法规</a></div>
<div class="crumbs">当前位置：首页 &gt; 通知公告</div>
<div class="main-list">
<ul class="nowrapli list-date">
{lis}
</ul>
</div>
<div class="footer">主办：上海市经济和信息化委员会 沪ICP备14003236号-1</div>
</body></html>
"""


def sh_article(rnd: str, item, docno: str, body: str, banner: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{escape(item[1])}">
<meta name="PubDate" content="{item[2]} 15:20:00">
<meta name="ContentSource" content="上海市经济和信息化委员会">
<title>{escape(item[1])}_上海市经济和信息化委员会</title>
</head>
<body>
<div class="top">{escape(banner)}</div>
<div class="nav"><a href="/">首页</a> <a href="/jxw/tzgg/">通知公告</a></div>
<div class="crumbs">当前位置：首页 &gt; 通知公告</div>
<div class="Article">
<h2 class="Article-title">{escape(item[1])}</h2>
<div class="Article-time"><span>发布日期：{item[2]}</span> <span>文号：{docno}</span></div>
<div id="ivs_content" class="Article_content">
{body}
</div>
<div class="Article-bottom"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
</div>
<div class="footer">主办：上海市经济和信息化委员会 沪ICP备14003236号-1</div>
</body>
</html>
"""


def build_sh() -> None:
    put("r1", SH + "/jxw/tzgg/index.html", sh_list("r1", [SH_JN, SH_AI]))
    put("r1", SH + SH_AI[0], sh_article("r1", SH_AI, "沪经信规范〔2025〕4号", paras(SH_AI_BODY)))
    put("r1", SH + SH_JN[0], sh_article("r1", SH_JN, "沪经信节〔2025〕311号", paras(SH_JN_BODY)))
    banner = "2026世界人工智能大会 7月 上海 · 欢迎参会"
    put("r2", SH + "/jxw/tzgg/index.html", sh_list("r2", [SH_JN, SH_AI], banner=banner))
    put("r2", SH + SH_AI[0], sh_article("r2", SH_AI, "沪经信规范〔2025〕4号", paras(SH_AI_BODY), banner=banner))


# ==================================================================== 广东省 gkmlpt JSON API

GD = "www.gd.gov.cn"
GD_API = "/gkmlpt/api/all/5"
GD_XLQ_URL = "http://www.gd.gov.cn/gkmlpt/content/4/4712/post_4712345.html"
GD_XLQ_TITLE = "广东省人民政府办公厅关于印发广东省推动人工智能与机器人产业创新发展若干政策措施的通知"

GD_XLQ_BODY = """
各地级以上市人民政府，省政府各部门、各直属机构：
《广东省推动人工智能与机器人产业创新发展若干政策措施》已经省人民政府同意，现印发给你们，请认真组织实施。实施过程中遇到的问题，请径向省工业和信息化厅反映。
>广东省人民政府办公厅
>2025年4月25日
#广东省推动人工智能与机器人产业创新发展若干政策措施
一、强化智能算力统筹。省级统筹发放“训力券”，每年安排训力券2亿元，对租用省内智能算力开展模型训练的企业，按不超过合同金额的30%予以支持，单个企业每年最高500万元。
二、推动模型赋能应用。鼓励有条件的地市发放模型券、语料券，支持企业购买模型服务和高质量语料。
三、支持机器人产业发展。对年度营业收入首次突破10亿元的机器人企业，给予最高1000万元奖励。
四、本政策措施自印发之日起实施，有效期至2027年12月31日。
"""

GD_OTHERS = [
    {"id": 4723561, "title": "广东省人民政府关于调整一批省级行政职权事项的决定",
     "url": "http://www.gd.gov.cn/gkmlpt/content/4/4723/post_4723561.html", "document_number": "粤府令第312号",
     "created_at": "2025-06-09 10:12:40", "publisher": "广东省人民政府"},
    {"id": 4698120, "title": "广东省人民政府办公厅关于印发广东省2025年春耕备耕工作方案的通知",
     "url": "http://www.gd.gov.cn/gkmlpt/content/4/4698/post_4698120.html", "document_number": "粤办函〔2025〕36号",
     "created_at": "2025-02-20 09:30:00", "publisher": "广东省人民政府办公厅"},
]


def gd_json(abolished: bool, indent: int | None) -> str:
    rows = [dict(GD_OTHERS[0])]
    rows.append({"id": 4712345, "title": GD_XLQ_TITLE, "url": GD_XLQ_URL, "document_number": "粤府办〔2025〕12号",
                 "created_at": "2025-04-28 17:05:12", "publisher": "广东省人民政府办公厅"})
    rows.append(dict(GD_OTHERS[1]))
    for r in rows:
        r.update({"attachment": [], "is_expired": False, "is_abolished": abolished and r["id"] == 4712345})
    data = {"total": len(rows), "page": 1, "pagesize": 20, "articles": rows}
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def build_gd() -> None:
    put("r1", GD + GD_API, gd_json(False, None))
    put("r2", GD + GD_API, gd_json(False, 1))          # r2: only whitespace differs
    put("r4", GD + GD_API, gd_json(True, 1))           # r4: the 训力券 measures are abolished
    put("r1", GD + "/gkmlpt/content/4/4712/post_4712345.html", gkmlpt_article(
        title=GD_XLQ_TITLE, pub="2025-04-28", issuer="广东省人民政府办公厅", docno="粤府办〔2025〕12号",
        written="2025-04-25", index_no="006939748/2025-00231", body=paras(GD_XLQ_BODY)))
    put("r1", GD + "/gkmlpt/content/4/4723/post_4723561.html", gkmlpt_article(
        title=GD_OTHERS[0]["title"], pub="2025-06-09", issuer="广东省人民政府", docno="粤府令第312号",
        written="2025-06-05", index_no="006939748/2025-00318",
        body=paras("根据《中华人民共和国行政许可法》等规定，省人民政府决定调整一批省级行政职权事项，由各地级以上市人民政府实施。\n>省长\n>2025年6月5日")))
    put("r1", GD + "/gkmlpt/content/4/4698/post_4698120.html", gkmlpt_article(
        title=GD_OTHERS[1]["title"], pub="2025-02-20", issuer="广东省人民政府办公厅", docno="粤办函〔2025〕36号",
        written="2025-02-18", index_no="006939748/2025-00089",
        body=paras("各地级以上市人民政府，省有关单位：\n《广东省2025年春耕备耕工作方案》已经省人民政府同意，现印发给你们，请认真组织实施。\n>广东省人民政府办公厅\n>2025年2月18日")))


# ==================================================================== 珠海市工业和信息化局 (draft → final)

ZH = "gxj.zhuhai.gov.cn"
ZH_LIST = "/zwgk/tzgg/index.html"
ZH_DRAFT = ("/zwgk/tzgg/content/post_3812456.html",
            "珠海市工业和信息化局关于公开征求《珠海市推动人工智能与机器人产业高质量发展若干措施（征求意见稿）》意见的公告", "2025-03-19")
ZH_FUGONG = ("/zwgk/tzgg/content/post_3790021.html", "珠海市工业和信息化局关于做好2025年春节后工业企业复工复产工作的通知", "2025-02-05")
ZH_FINAL = ("/zwgk/tzgg/content/post_4290733.html",
            "珠海市人民政府办公室关于印发《珠海市推动人工智能与机器人产业高质量发展若干措施》的通知", "2026-11-10")

ZH_DRAFT_BODY = """
为加快推动我市人工智能与机器人产业高质量发展，我局起草了《珠海市推动人工智能与机器人产业高质量发展若干措施（征求意见稿）》，现向社会公开征求意见。
公众可通过电子邮件将意见发送至zhgxj@zhuhai.gov.cn，意见反馈截止时间为2025年4月18日。
>珠海市工业和信息化局
>2025年3月19日
#珠海市推动人工智能与机器人产业高质量发展若干措施（征求意见稿）
第一条　为抢抓人工智能与机器人产业发展机遇，制定本措施。
第二条　支持智能算力基础设施建设，对新建智算中心按设备投资额的一定比例给予补助。
第三条　拟设立总额最高5亿元的“算力券”，对企业租用智能算力开展模型训练和推理的，按不超过合同金额的30%给予补贴，单个企业每年最高300万元。
第四条　拟设立总额最高3亿元的“模型券”，对企业购买大模型服务的，按不超过合同金额的30%给予补贴，单个企业每年最高200万元。
第五条　本措施自印发之日起施行，有效期3年。
"""

ZH_FINAL_BODY = """
横琴粤澳深度合作区执行委员会，各区政府（管委会），市政府各部门、各直属机构：
《珠海市推动人工智能与机器人产业高质量发展若干措施》已经市人民政府同意，现印发给你们，请认真组织实施。
>珠海市人民政府办公室
>2026年11月6日
#珠海市推动人工智能与机器人产业高质量发展若干措施
第一条　为抢抓人工智能与机器人产业发展机遇，加快建设人工智能产业集聚区，制定本措施。
第二条　支持智能算力基础设施建设，对新建智算中心按设备投资额的一定比例给予补助。
第三条　设立总额3亿元的“算力券”，企业租用智能算力开展模型训练和推理的，按合同金额的30%以内给予补贴，每家企业每年最多300万元。
第四条　设立总额3亿元的“模型券”，企业购买大模型服务的，按合同金额的30%以内给予补贴，每家企业每年最多200万元。
第五条　本措施自2027年1月1日起施行，有效期3年。
"""

ZH_FUGONG_BODY = """
各区工业和信息化主管部门，各有关企业：
春节假期即将结束，为做好节后工业企业复工复产工作，确保一季度工业经济平稳开局，现将有关事项通知如下：一、做好用工保障；二、强化安全生产；三、加强要素保障。
>珠海市工业和信息化局
>2025年2月5日
"""


def build_zh() -> None:
    site = "珠海市工业和信息化局"
    put("r1", ZH + ZH_LIST, plain_list(title="通知公告", site=site, items=[ZH_DRAFT, ZH_FUGONG], rnd="r1",
                                       css="list-right", icp="粤ICP备05012350号"))
    put("r3", ZH + ZH_LIST, plain_list(title="通知公告", site=site, items=[ZH_FINAL, ZH_DRAFT, ZH_FUGONG], rnd="r3",
                                       css="list-right", icp="粤ICP备05012350号"))
    for rnd, item, issuer, body in [("r1", ZH_DRAFT, site, ZH_DRAFT_BODY), ("r1", ZH_FUGONG, site, ZH_FUGONG_BODY),
                                    ("r3", ZH_FINAL, "珠海市人民政府办公室", ZH_FINAL_BODY)]:
        docno = "珠府办函〔2026〕45号" if item is ZH_FINAL else ""
        put(rnd, ZH + item[0], plain_article(title=item[1], site=site, pub=item[2], issuer=issuer, body=paras(body),
                                             rnd=rnd, container="article-content", docno=docno, counter=412,
                                             icp="粤ICP备05012350号"))


# ==================================================================== 芜湖 RSS (pubDate …10:31:08.0)

WH = "www.wuhu.gov.cn"
WH_RSS = "/rss/rss.xml"
WH_SLQ = ("/openness/public/6596211/47512345.html",
          "芜湖市数据资源管理局关于印发《芜湖市人工智能“算力券”实施细则（试行）》的通知", "2025-09-12 10:31:08.0")
WH_DB = ("/openness/public/6596171/48133302.html", "芜湖市2025年第三季度城乡居民最低生活保障标准公示", "2025-10-09 15:02:44.0")
WH_GQ = ("/openness/public/6596171/49877015.html", "芜湖市人民政府关于2026年国庆节期间有关工作安排的通知", "2026-10-04 01:39:11.0")

WH_SLQ_BODY = """
各县市区人民政府，经济开发区、三山经济开发区、长江大桥综合经济开发区管委会，市有关单位：
《芜湖市人工智能“算力券”实施细则（试行）》已经市政府同意，现印发给你们，请认真贯彻执行。
>芜湖市数据资源管理局
>2025年9月10日
#芜湖市人工智能“算力券”实施细则（试行）
第一条　为推动算力与实体经济深度融合，降低企业使用智能算力成本，制定本细则。
第二条　“算力券”年发放额度1亿元，由市级财政统筹安排。
第三条　对使用芜湖数据中心集群算力的企业、科研机构，按其实际支付算力服务费用的25%给予补贴，单个主体年最高兑付2000万元。
第四条　算力券实行按季度申请、按季度兑付。
第五条　本细则自发布之日起施行，有效期两年。
"""

SPAM_R1 = ("九九热免费在线观看_毛片女人毛片一级毛片_欧美在线视频一区二区_在线免费看av片_精品视频9999",
           "主站蜘蛛池模板: 亚洲一区在线播放 | 亚洲人成网在线播放 | 国产亚洲欧美日韩在线观看一区二区 | 日韩精品一二三区")
SPAM_R2 = ("久久精品国产亚洲av麻豆_午夜福利在线观看_国产精品免费视频_日本一区二区三区高清",
           "主站蜘蛛池模板: 麻豆网站在线观看 | 欧美日韩国产一区精品一区 | 99在线精品视频在线观看 | 成人不卡免费视频")


def wh_rss(rnd: str, items) -> str:
    entries = "\n".join(f"""<item>
<title><![CDATA[{t}]]></title>
<link>https://www.wuhu.gov.cn{u}</link>
<description><![CDATA[{t}]]></description>
<pubDate>{d}</pubDate>
<author>芜湖市人民政府</author>
</item>""" for u, t, d in items)
    build = {"r1": "2026-11-02 08:55:01.0", "r2": "2026-11-09 08:55:04.0", "r4": "2026-11-21 08:55:02.0"}[rnd]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>芜湖市人民政府 政府信息公开</title>
<link>https://www.wuhu.gov.cn/</link>
<description>芜湖市人民政府信息公开目录</description>
<language>zh-cn</language>
<lastBuildDate>{build}</lastBuildDate>
{entries}
</channel>
</rss>
"""


def wh_article(rnd: str, item, body: str, docno: str, spam: tuple[str, str] | None) -> str:
    hidden = ""
    tail = ""
    if spam:
        hidden = f'<div style="position:absolute;left:-9999px;top:-9999px">{escape(spam[0])}</div>\n'
        links = " ".join(f'<a href="https://www.9l8k.cc/{i}.html">{escape(w.strip())}</a>'
                         for i, w in enumerate(spam[1].split("|")))
        tail = f'<div style="display:none">{links}</div>\n'
    return plain_article(title=item[1], site="芜湖市人民政府", pub=item[2][:10], issuer="芜湖市数据资源管理局",
                         body=body, rnd=rnd, container="article-con j-fontContent", docno=docno, counter=1873,
                         extra_body=hidden, icp="皖ICP备05003010号 " + tail)


def build_wh() -> None:
    put("r1", WH + WH_RSS, wh_rss("r1", [WH_GQ, WH_DB, WH_SLQ]))
    put("r2", WH + WH_RSS, wh_rss("r2", [WH_GQ, WH_DB, WH_SLQ]))       # r2: lastBuildDate only
    put("r4", WH + WH_RSS, wh_rss("r4", [WH_GQ, WH_DB]))               # r4: the 算力券 notice is taken down
    put("r1", WH + WH_SLQ[0], wh_article("r1", WH_SLQ, paras(WH_SLQ_BODY), "芜数资〔2025〕8号", SPAM_R1))
    put("r2", WH + WH_SLQ[0], wh_article("r2", WH_SLQ, paras(WH_SLQ_BODY), "芜数资〔2025〕8号", SPAM_R2))
    GONE["r4"].append(WH + WH_SLQ[0])
    put("r1", WH + WH_DB[0], wh_article("r1", WH_DB, paras(
        "根据《芜湖市最低生活保障实施办法》，经市人民政府同意，2025年第三季度城市居民最低生活保障标准为每人每月870元，农村居民为每人每月820元。\n>芜湖市民政局\n>2025年10月9日"),
        "", None).replace("芜湖市数据资源管理局", "芜湖市民政局"))
    put("r1", WH + WH_GQ[0], wh_article("r1", WH_GQ, paras(
        "各县市区人民政府，市政府各部门：\n国庆节期间，各单位要安排好值班值守，做好安全生产和节日市场保供工作。\n>芜湖市人民政府\n>2026年9月28日"),
        "", None).replace("芜湖市数据资源管理局", "芜湖市人民政府"))


# ==================================================================== 中国政府网 最新政策 (JSON with a BOM)

GOV = "www.gov.cn"
GOV_AI = ("https://www.gov.cn/zhengce/content/202508/content_7036789.htm", "国务院关于深入实施“人工智能+”行动的意见",
          "2025-08-26")
GOV_JL = ("https://www.gov.cn/zhengce/content/202511/content_7047312.htm",
          "国务院办公厅关于印发《2026年国务院立法工作计划》的通知", "2025-11-20")

GOV_AI_BODY = """
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为深入实施“人工智能+”行动，推动人工智能与经济社会各行业各领域广泛深度融合，现提出如下意见。
一、总体要求
坚持以习近平新时代中国特色社会主义思想为指导，完整准确全面贯彻新发展理念，到2027年，率先实现人工智能与6个重点领域广泛深度融合。
二、加快实施重点行动
（一）“人工智能+”科学技术。加速科学发现进程，驱动技术研发模式创新。
（二）“人工智能+”产业发展。推动工业全要素智能化发展，加快农业数智化转型升级。
三、强化基础支撑能力
（一）强化智能算力统筹。支持人工智能芯片攻坚创新与使能软件生态培育，加快超大规模智算集群技术突破和工程落地。鼓励有条件的地方发放算力券、模型券，降低中小企业使用智能算力和模型服务的成本。
（二）加强数据供给创新。以应用为导向，持续加强人工智能高质量数据集建设。
四、组织实施
各地区各部门要把思想和行动统一到党中央决策部署上来，结合实际抓好贯彻落实。
>国务院
>2025年8月21日
"""

GOV_JL_BODY = """
国务院各部委、各直属机构：
《2026年国务院立法工作计划》已经国务院同意，现印发给你们，请认真贯彻执行。
>国务院办公厅
>2025年11月18日
"""


def build_gov() -> None:
    rows = [{"TITLE": t, "SUB_TITLE": "", "URL": u, "DOCRELPUBTIME": d} for u, t, d in (GOV_JL, GOV_AI)]
    put("r1", GOV + "/zhengce/zuixin/ZUIXINZHENGCE.json",
        b"\xef\xbb\xbf" + json.dumps(rows, ensure_ascii=False).encode("utf-8"))
    put("r1", GOV + GOV_AI[0].split(GOV, 1)[1], govcn_article(
        title=GOV_AI[1], pub=GOV_AI[2], issuer="国务院", docno="国发〔2025〕11号", written="2025-08-21",
        index_no="000014349/2025-00092", topic="科技、教育\\科技", body=paras(GOV_AI_BODY)))
    put("r1", GOV + GOV_JL[0].split(GOV, 1)[1], govcn_article(
        title=GOV_JL[1], pub=GOV_JL[2], issuer="国务院办公厅", docno="国办发〔2025〕38号", written="2025-11-18",
        index_no="000014349/2025-00131", topic="国务院组织机构\\其他", body=paras(GOV_JL_BODY)))


# ==================================================================== news: 智慧城市网 (Traditional roundup on a hacked page)

NEWS = "www.afzhan.com"
NEWS_LIST = "/news/t26/list.html"
NEWS_ROUNDUP = ("/news/detail/93127.html", "盤點 | 從算力券到數據券，政府補貼數據產業的不同姿勢", "2025-05-20")
NEWS_HZ = ("/news/detail/101245.html", "杭州算力券再加码：单家企业年度申领上限提至1000万元", "2026-11-18")

NEWS_ROUNDUP_BODY = """
【智慧城市網 企業關注】近半年來，各地政府通過發放“算力券”“語料券”“訓力券”“數據要素券”等創新性補貼工具，推動數據要素市場化配置、降低企業技術應用成本，並加速人工智能與實體經濟的深度融合。數據要素社整理了各地方省市數據領域不同類型“補貼券”的相關政策，供大家參考。
近年來，多個國家層面政策提出用數據券、算法券、算力券、運力券等創新性補貼工具，推動數據要素市場化配置。國家數據局等部門發布的《關於促進企業數據資源開發利用的意見》指出，鼓勵有條件的地方探索發放數據券、算法券和算力券，降低中小企業治數用數成本。
#算力券
北京市
2024年11月24日，北京經濟技術開發區管理委員會印發《北京經濟技術開發區關於加快打造AI原生產業創新高地的若干政策》，強化普惠算力供給。每年發放1億元的“算力券”，支持企業購買算力服務，按照實際使用算力結算費用的30%，經評審認定，給予最高2000萬元支持。
山東省
2025年3月13日，山東省青島市工業和信息化局和市財政局印發《加快先進製造業高質量發展若干政策措施實施細則》，《細則》自2024年1月1日施行，有效期至2026年12月31日。《細則》指出，每年發放總額不超過2000萬元的“算力券”，支持企業購買算力服務，按照實際支付算力費用不超過20%的比例，給予企業最高100萬元補貼。
河南省
2025年3月14日，河南省發展和改革委員會、河南省財政廳發布《關於開展2024-2025年算力券申請工作的通知》。《通知》指出，河南省算力券總額不超過5000萬元，支持額度為算力服務實際金額的20%，每個用算主體支持額度最高累計不超過100萬元。
廣西壯族自治區
南寧市：2025年4月11日，南寧市人民政府印發《南寧市支持中國—東盟人工智能創新合作中心高質量發展第一批政策措施》。《措施》指出，每年發放最高5000萬元“算力券”，支持企業、高校、科研機構等購買算力服務，每年按實際使用算力結算金額的30%給予最高200萬元獎勵。
#模型券
北京市
2024年11月24日，北京經濟技術開發區管理委員會印發的《北京經濟技術開發區關於加快打造AI原生產業創新高地的若干政策》還提出，每年發放1億元的“模型券”，對基於“揭榜掛帥”、標桿型示範應用場景開展模型應用落地的單位，按照私有化部署、雲化部署、API接口調用以及大模型一體機中的非硬件部分，給予實際完成合同金額50%，最高500萬元的支持。
#結語
從算力券到數據券，各地補貼券的發放金額、補貼比例和支持力度各有特色。業內人士表示，企業應結合自身需求合理申領，避免“為了補貼而補貼”。
"""

NEWS_HZ_BODY = """
本网讯　记者近日从杭州市有关部门获悉，杭州将进一步加大人工智能算力普惠支持力度。
据介绍，杭州市每年设立2.5亿元市级算力券，单家企业每年最高可申领1000万元，生成式多模态基础大模型企业还可适当放宽。
业内人士认为，算力券额度提升将有效降低中小企业使用智能算力的门槛，推动更多大模型应用在杭州落地。
（记者　陈晓）
"""


def news_list(rnd: str, items) -> str:
    lis = "\n".join(f'<li><h3><a href="{u}" title="{escape(t)}" target="_blank">{escape(t)}</a></h3>'
                    f'<p class="info"><span class="time">{d}</span> 来源：智慧城市网</p></li>' for u, t, d in items)
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>企业关注_资讯中心_智慧城市网</title></head>
<body>
<div class="top"><a href="/">智慧城市网</a> <a href="/news/">资讯</a> <a href="/product/">产品</a> <a href="/company/">企业</a></div>
<div class="position">当前位置：<a href="/">智慧城市网</a> &gt; <a href="/news/">资讯中心</a> &gt; 企业关注</div>
<div class="newslist">
<ul>
{lis}
</ul>
</div>
<div class="hot"><h4>热门标签</h4><a href="/news/tag/slq.html">算力券</a> <a href="/news/tag/sjq.html">数据券</a> <a href="/news/tag/mxq.html">模型券</a></div>
<div class="footer">浙江兴旺宝明通网络有限公司 版权所有 浙ICP备10019766号</div>
</body>
</html>
"""


def news_roundup(rnd: str, clicks: int, spam: tuple[str, str]) -> str:
    links = " ".join(f'<a href="http://www.zzyyx{i}.com/">{escape(w.strip())}</a>' for i, w in enumerate(spam[1].split("|")))
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{escape(spam[0])}</title>
<meta name="keywords" content="{escape(spam[0])}">
<meta property="og:title" content="{NEWS_ROUNDUP[1]}">
<script>var _hmt=_hmt||[];document.write('<div style="display:none">');</script>
</head>
<body>
<div style="display:none" class="seo-hack"><h1>{escape(spam[0])}</h1>{links}</div>
<div class="top"><a href="/m/">移動版</a></div>
<div class="position">當前位置:<a href="/">智慧城市網</a>&gt;<a href="/news/">資訊中心</a>&gt;企業關注</div>
<div class="side"><h4>新發產品<a href="/product/">更多</a></h4><ul><li><a href="/product/p1.html">智慧燈桿一體化解決方案</a></li>
<li><a href="/product/p2.html">AI邊緣計算盒子</a></li></ul></div>
<div class="newsDetail">
<h1 class="title">{NEWS_ROUNDUP[1]}</h1>
<div class="info">{NEWS_ROUNDUP[2]} 16:24:16 來源:數據要素社綜合整理 點擊量:<span id="hits">{clicks}</span></div>
<div class="lead">導讀 在數字經濟加速發展的背景下，近半年來各地政府積極探索創新性補貼政策，有效降低企業技術應用門檻。</div>
<div class="newsContent" id="newsContent">
{paras(NEWS_ROUNDUP_BODY)}
</div>
<div class="tags">關鍵詞 <a href="/news/tag/sjq.html">數據券</a> <a href="/news/tag/slq.html">算力券</a></div>
<div class="related"><h4>相關閱讀<a href="/news/">更多</a></h4><ul>
<li><a href="/news/detail/92011.html">成都發放2025年度算力券 每家單位最高100萬元</a></li>
<li><a href="/news/detail/91877.html">東莞設立最高5000萬元算力券</a></li></ul></div>
<div class="statement">版權與免責聲明：凡本網注明“來源：智慧城市網”的所有作品，均為浙江興旺寶明通網絡有限公司-智慧城市網合法擁有版權或有權使用的作品。</div>
</div>
<div class="footer">智慧城市網 版權所有 浙ICP備10019766號 聯系電話0571-87756384</div>
<div style="display:none">{escape(spam[1])}</div>
</body>
</html>
"""


def news_hz() -> str:
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{NEWS_HZ[1]}-智慧城市网</title>
<meta property="og:title" content="{NEWS_HZ[1]}"></head>
<body>
<div class="top"><a href="/m/">移动版</a></div>
<div class="position">当前位置:<a href="/">智慧城市网</a>&gt;<a href="/news/">资讯中心</a>&gt;企业关注</div>
<div class="newsDetail">
<h1 class="title">{NEWS_HZ[1]}</h1>
<div class="info">{NEWS_HZ[2]} 09:12:30 来源:智慧城市网 点击量:<span id="hits">96</span></div>
<div class="newsContent" id="newsContent">
{paras(NEWS_HZ_BODY)}
</div>
<div class="tags">关键词 <a href="/news/tag/slq.html">算力券</a></div>
</div>
<div class="footer">智慧城市网 版权所有 浙ICP备10019766号</div>
</body>
</html>
"""


def build_news() -> None:
    put("r1", NEWS + NEWS_LIST, news_list("r1", [NEWS_ROUNDUP]))
    put("r3", NEWS + NEWS_LIST, news_list("r3", [NEWS_HZ, NEWS_ROUNDUP]))
    put("r1", NEWS + NEWS_ROUNDUP[0], news_roundup("r1", 583, SPAM_R1))
    put("r2", NEWS + NEWS_ROUNDUP[0], news_roundup("r2", 1204, SPAM_R2))   # r2: hit counter and spam changed
    put("r3", NEWS + NEWS_HZ[0], news_hz())


# ==================================================================== 东莞市工业和信息化局 (GBK, declared only in <meta>)

DG = "dgjxj.dg.gov.cn"
DG_LIST = "/zwgk/tzgg/index.html"
DG_BZ = ("/zwgk/tzgg/content/post_4123887.html", "东莞市工业和信息化局关于开展2025年度“倍增计划”企业遴选工作的通知", "2025-06-05")
DG_GC = ("/zwgk/tzgg/content/post_4087120.html", "关于公布2024年度东莞市工程技术研究中心名单的通知", "2025-03-01")
DG_SLQ = ("/zwgk/tzgg/content/post_4468302.html", "东莞市工业和信息化局关于印发《东莞市算力券实施细则》的通知", "2026-11-12")

DG_SLQ_BODY = """
各园区、镇（街道）工业和信息化主管部门，各有关单位：
为贯彻落实《关于加快推动人工智能赋能制造业高质量发展的若干措施》，降低企业使用智能算力成本，我局制定了《东莞市算力券实施细则》，现印发给你们，请遵照执行。
>东莞市工业和信息化局
>2026年11月10日
#东莞市算力券实施细则
第一条　为推动人工智能赋能制造业高质量发展，制定本细则。
第二条　市财政设立最高5000万元算力券，用于支持制造企业、软件和信息服务企业、高校院所等租用市内外智算资源。
第三条　通过人工智能算力服务平台租用智算资源的，按不超过实际服务额50%给予资助，每家单位每年最高100万元。
第四条　本细则自印发之日起施行，有效期至2028年12月31日。
"""


def build_dg() -> None:
    site = "东莞市工业和信息化局"
    for rnd, items in (("r1", [DG_BZ, DG_GC]), ("r3", [DG_SLQ, DG_BZ, DG_GC])):
        html = plain_list(title="通知公告", site=site, items=items, rnd=rnd, css="list_con", charset="gb2312",
                          icp="粤ICP备11027263号")
        put(rnd, DG + DG_LIST, html.encode("gbk"))
    docs = [("r1", DG_BZ, paras("各园区、镇（街道）工业和信息化主管部门：\n为推动优质企业做大做强，现开展2025年度“倍增计划”企业遴选工作。请各园区、镇（街道）于2025年6月30日前报送推荐名单。\n>东莞市工业和信息化局\n>2025年6月4日")),
            ("r1", DG_GC, paras("各有关单位：\n经单位申报、专家评审和公示，认定东莞市工程技术研究中心120家，现予公布。\n>东莞市科学技术局\n>2025年2月28日")),
            ("r3", DG_SLQ, paras(DG_SLQ_BODY))]
    for rnd, item, body in docs:
        docno = "东工信规〔2026〕2号" if item is DG_SLQ else ""
        html = plain_article(title=item[1], site=site, pub=item[2], issuer=site, body=body, rnd=rnd,
                             container="con_text", charset="gb2312", docno=docno, counter=238, icp="粤ICP备11027263号")
        put(rnd, DG + item[0], html.encode("gbk"))
    for _, item, _ in docs:
        NOCHARSET.append(DG + item[0])
    NOCHARSET.append(DG + DG_LIST)


# ==================================================================== 成都市经济和信息化局 (application round)

CD = "cdjx.chengdu.gov.cn"
CD_LIST = "/cdjx/c115217/jsj_list.shtml"
CD_JG = ("/cdjx/c115217/2025-09/01/content_5b2e8f0d7c1a4e39a6f4d2c8b0e1f3a7.shtml",
         "成都市经济和信息化局关于组织申报2025年度成都市工业企业技术改造项目的通知", "2025-09-01")
CD_PT = ("/cdjx/c115217/2025-05/15/content_0c7d1e2f3a4b4c5d8e9f0a1b2c3d4e5f.shtml",
         "成都市经济和信息化局关于公布2025年成都市中小企业公共服务示范平台名单的通知", "2025-05-15")
CD_SLQ = ("/cdjx/c115217/2026-11/18/content_8d3f2a1b9c4e4f7a9b6c5d4e3f2a1b0c.shtml",
          "成都市经济和信息化局 成都市财政局关于组织开展2026年度算力券申领工作的通知", "2026-11-18")

CD_SLQ_BODY = """
各区（市）县经济和信息化主管部门、财政局，各有关单位：
为加快推进人工智能产业发展，降低企业使用算力成本，根据《成都市算力券实施细则》，现就组织开展2026年度算力券申领工作有关事项通知如下：
一、支持对象
在成都市注册、具有独立法人资格的企业、高校、科研院所等单位，向经认定的算力服务机构购买智能算力服务的。
二、支持标准
（一）2026年度发放总额不超过1000万元的算力券。
（二）算力券申领额度为算力服务合同费用的50%，最低不少于1万元（含1万元）。
（三）每家单位每年申领额度累计不超过100万元。
三、申领时间
申领时间：2026年11月20日至2026年12月31日17:30，逾期不予受理。
四、申领方式
申领单位通过“蓉易享”平台在线提交申请材料。
联系人：市经信局软件和信息服务业处　028-61881234
>成都市经济和信息化局　成都市财政局
>2026年11月17日
"""

CD_JG_BODY = """
各区（市）县经济和信息化主管部门：
为推动工业企业技术改造，现组织申报2025年度成都市工业企业技术改造项目。对符合条件的项目，按设备投资额的10%给予补助，单个项目最高500万元。请于2025年9月30日前完成网上申报。
>成都市经济和信息化局
>2025年8月29日
"""

CD_PT_BODY = """
各区（市）县经济和信息化主管部门：
经企业申报、区（市）县推荐和专家评审，认定成都市中小企业公共服务示范平台30家，现予公布。
>成都市经济和信息化局
>2025年5月14日
"""


def build_cd() -> None:
    site = "成都市经济和信息化局"
    put("r1", CD + CD_LIST, plain_list(title="通知公告", site=site, items=[CD_JG, CD_PT], rnd="r1",
                                       css="newlist_left_cont", icp="蜀ICP备05005383号"))
    put("r3", CD + CD_LIST, plain_list(title="通知公告", site=site, items=[CD_SLQ, CD_JG, CD_PT], rnd="r3",
                                       css="newlist_left_cont", icp="蜀ICP备05005383号"))
    head = '<meta name="channelId" content="115217">\n'
    for rnd, item, body in (("r1", CD_JG, CD_JG_BODY), ("r1", CD_PT, CD_PT_BODY), ("r3", CD_SLQ, CD_SLQ_BODY)):
        issuer = "成都市经济和信息化局 成都市财政局" if item is CD_SLQ else site
        put(rnd, CD + item[0], plain_article(title=item[1], site=site, pub=item[2], issuer=issuer, body=paras(body),
                                             rnd=rnd, container="NewsContent", counter=1024, extra_head=head,
                                             icp="蜀ICP备05005383号"))


# ==================================================================== write

def build(out: Path = WEB) -> dict[str, list[str]]:
    for r in FILES:
        FILES[r].clear()
        GONE[r].clear()
    NOCHARSET.clear()
    for f in (build_sz, build_hz, build_sh, build_gd, build_zh, build_wh, build_gov, build_news, build_dg, build_cd):
        f()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    changed: dict[str, list[str]] = {}
    for rnd in ROUND_DATES:
        rdir = out / rnd
        rdir.mkdir()
        (rdir / "_date.txt").write_text(ROUND_DATES[rnd] + "\n", encoding="utf-8")
        for url, data in sorted(FILES[rnd].items()):
            p = rdir / url.lstrip("/")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        if GONE[rnd]:
            (rdir / "_gone.txt").write_text("".join(g + "\n" for g in GONE[rnd]), encoding="utf-8")
        changed[rnd] = sorted(FILES[rnd]) + [g + " (gone)" for g in GONE[rnd]]
    (out / "_nocharset.txt").write_text("# GBK pages declared only in <meta charset=gb2312>: served without a charset\n"
                                        + "".join(n + "\n" for n in sorted(set(NOCHARSET))), encoding="utf-8")
    return changed


# ==================================================================== the story: what monitor must alert, per round

def make_story() -> dict:
    """The expected changes per round (written by reading the texts above, not by running monitor). Call after build()."""
    b = sys.modules[__name__]
    SZ, HZ, SH, GD, ZH, WH, DG, CD = "广东省/深圳市", "浙江省/杭州市", "上海市", "广东省", "广东省/珠海市", "安徽省/芜湖市", "广东省/东莞市", "四川省/成都市"
    BJ, QD, HN, NN = "北京市/北京经济技术开发区", "山东省/青岛市", "河南省", "广西壮族自治区/南宁市"

    def terms(budget, ratio, cap, deadline=None):
        return {"budget_yuan": budget, "ratio": ratio, "cap_yuan": cap, "deadline": deadline}

    def new(region, voucher, t, confirmed=True, **kw):
        return {"kind": "new_policy", "region": region, "voucher": voucher, "field": None, "old": None, "new": None,
                "confirmed": confirmed, "terms": t, **kw}

    def ch(kind, region, voucher, field=None, old=None, new=None, confirmed=True, **kw):
        return {"kind": kind, "region": region, "voucher": voucher, "field": field, "old": old, "new": new,
                "confirmed": confirmed, **kw}

    def u(host, path):
        return host + path

    sz = lambda item: u(b.SZ, "/xxgk/xxgkml/qt/tzgg/" + item[0][2:])

    r1_alert = [
        new(SZ, "训力券", terms(500000000, 0.6, 10000000), url=sz(b.SZ_XLQ), stage="final"),
        new(SZ, "模型券", terms(100000000, 0.3, 2000000), url=sz(b.SZ_MXQ), stage="final"),
        new(GD, "训力券", terms(200000000, 0.3, 5000000), url=u(b.GD, "/gkmlpt/content/4/4712/post_4712345.html"), stage="final"),
        new(ZH, "算力券", terms(500000000, 0.3, 3000000), url=u(b.ZH, b.ZH_DRAFT[0]), stage="draft"),
        new(ZH, "模型券", terms(300000000, 0.3, 2000000), url=u(b.ZH, b.ZH_DRAFT[0]), stage="draft"),
        new(HZ, "算力券", terms(250000000, 0.5, 8000000), url=u(b.HZ, b.HZ_AI[0]), stage="final"),
        new(SH, "模型券", terms(300000000, 0.5, 5000000), url=u(b.SH, b.SH_AI[0]), stage="final"),
        new(SH, "语料券", terms(100000000, 0.3, 5000000), url=u(b.SH, b.SH_AI[0]), stage="final"),
        new(WH, "算力券", terms(100000000, 0.25, 20000000), url=u(b.WH, b.WH_SLQ[0]), stage="final"),
        new(BJ, "算力券", terms(100000000, 0.3, 20000000), confirmed=False, url=u(b.NEWS, b.NEWS_ROUNDUP[0]), stage="news"),
        new(BJ, "模型券", terms(100000000, 0.5, 5000000), confirmed=False, url=u(b.NEWS, b.NEWS_ROUNDUP[0]), stage="news"),
        new(QD, "算力券", terms(20000000, 0.2, 1000000), confirmed=False, url=u(b.NEWS, b.NEWS_ROUNDUP[0]), stage="news"),
        new(HN, "算力券", terms(50000000, 0.2, 1000000), confirmed=False, url=u(b.NEWS, b.NEWS_ROUNDUP[0]), stage="news"),
        new(NN, "算力券", terms(50000000, 0.3, 2000000), confirmed=False, url=u(b.NEWS, b.NEWS_ROUNDUP[0]), stage="news"),
    ]

    r3 = [
        ch("amended", SZ, "训力券", "cap_yuan", 10000000, 20000000, url=sz(b.SZ_XLQ26)),
        new(DG, "算力券", terms(50000000, 0.5, 1000000), url=u(b.DG, b.DG_SLQ[0]), stage="final"),
        ch("finalized", ZH, "算力券", "stage", "draft", "final", url=u(b.ZH, b.ZH_FINAL[0])),
        ch("amended", ZH, "算力券", "budget_yuan", 500000000, 300000000, url=u(b.ZH, b.ZH_FINAL[0])),
        ch("finalized", ZH, "模型券", "stage", "draft", "final", url=u(b.ZH, b.ZH_FINAL[0])),
        new(CD, "算力券", terms(10000000, 0.5, 1000000, "2026-12-31"), url=u(b.CD, b.CD_SLQ[0]), stage="application"),
        ch("application_open", CD, "算力券", "deadline", None, "2026-12-31", url=u(b.CD, b.CD_SLQ[0])),
        ch("amended", HZ, "算力券", "cap_yuan", 8000000, 10000000, confirmed=False, url=u(b.NEWS, b.NEWS_HZ[0])),
    ]

    notes = {
     "r1": {},
     "r2": {
      b.SZ + b.SZ_LIST: "a pinned (置顶) duplicate of the 训力券 notice; the 今天是 clock",
      sz(b.SZ_XLQ): "view counter, clock, a banner, 相关链接 naming other vouchers (furniture)",
      sz(b.SZ_MXQ): "view counter, clock, a banner",
      b.HZ + "/col/col1229063382/index.html": "records re-ordered, column view counter, clock",
      b.HZ + b.HZ_AI[0]: "view counter, clock, 相关文章 naming 模型券/语料券 (furniture)",
      b.SH + "/jxw/tzgg/index.html": "a banner",
      b.SH + b.SH_AI[0]: "a banner",
      b.GD + b.GD_API: "JSON whitespace only",
      b.WH + b.WH_RSS: "lastBuildDate only",
      b.WH + b.WH_SLQ[0]: "hidden spam blocks changed, clock",
      b.NEWS + b.NEWS_ROUNDUP[0]: "hit counter and hidden spam changed",
     },
     "r3": {
      b.SZ + b.SZ_LIST: "new item: 深圳市训力券管理办法（2026年修订）",
      sz(b.SZ_XLQ26): "new: 训力券 cap 1000万元 → 2000万元 (budget and ratio restated unchanged)",
      b.ZH + b.ZH_LIST: "new item: the final 若干措施",
      b.ZH + b.ZH_FINAL[0]: "new: the draft finalised; 算力券 budget 5亿元 → 3亿元, 模型券 unchanged",
      b.DG + b.DG_LIST: "new item (GBK)",
      b.DG + b.DG_SLQ[0]: "new: 东莞市算力券实施细则 (GBK, charset only in <meta>)",
      b.CD + b.CD_LIST: "new item",
      b.CD + b.CD_SLQ[0]: "new: 2026年度算力券申领, deadline 2026-12-31",
      b.NEWS + b.NEWS_LIST: "new item",
      b.NEWS + b.NEWS_HZ[0]: "new: news says 杭州 算力券 cap 1000万元 (official: 800万元) → unconfirmed",
     },
     "r4": {
      b.GD + b.GD_API: "is_abolished true on the 训力券 row",
      b.WH + b.WH_RSS: "the 算力券 item removed from the feed",
     },
    }
    rounds = {}
    desc = {
     "r1": "baseline: voucher policies of 深圳, 杭州, 上海, 广东省, 芜湖, a 珠海 draft, a national encouragement (no measure), non-AI notices, a Traditional news roundup on a hacked page, GBK pages",
     "r2": "cosmetic only: counters, clocks, banners, related links, re-ordered and pinned list items, JSON whitespace, spam changed",
     "r3": "real changes: 深圳 训力券 cap amended, 东莞 算力券 new, 珠海 draft finalised with a changed budget, 成都 算力券 application round, a news report contradicting 杭州's cap",
     "r4": "withdrawal: the 芜湖 算力券 notice answers 404 (1st check); the gkmlpt row of 广东省 训力券 says is_abolished",
     "r5": "nothing else changes: the 芜湖 notice answers 404 (2nd check)",
     "r6": "nothing else changes: the 芜湖 notice answers 404 (3rd check) → withdrawn",
    }
    expected = {"r1": [], "r2": [], "r3": r3,
                "r4": [ch("withdrawn", GD, "训力券", url=u(b.GD, "/gkmlpt/content/4/4712/post_4712345.html"))],
                "r5": [],
                "r6": [ch("withdrawn", WH, "算力券", url=u(b.WH, b.WH_SLQ[0]))]}
    for rnd in b.ROUND_DATES:
        ps = [{"url": url, "change": notes.get(rnd, {}).get(url, "baseline")} for url in sorted(b.FILES[rnd])]
        ps += [{"url": g, "change": "gone"} for g in b.GONE[rnd]]
        if rnd in ("r5", "r6"):
            ps = []
        rounds[rnd] = {"description": desc[rnd], "date": b.ROUND_DATES[rnd][:10], "changes": expected[rnd], "pages": ps}
    story = {
     "about": "The replay web's story: per round, the changes monitor must alert (kind, region, voucher, field, old, new, confirmed) with settings.baseline silent, and the pages that changed. url fields are hostname/path (the origin is the replay server's). `r1_alert` lists what r1 alerts with baseline: alert. Withdrawal by 404 needs settings.withdraw_after (3) consecutive checks: the 芜湖 notice is gone from r4, withdrawn in r6. deadline_soon: the only deadline (成都 2026-12-31) is more than 7 days after the demo's today.",
     "today": "2026-11-23",
     "baseline": "silent",
     "rounds": rounds,
     "r1_alert": r1_alert,
     "no_measure": [
       {"url": u(b.GOV, b.GOV_AI[0].split(b.GOV, 1)[1]), "why": "a national body encouraging local vouchers (鼓励有条件的地方发放算力券、模型券)"},
       {"url": sz(b.SZ_AQ), "why": "non-AI notice"},
       {"url": u(b.SH, b.SH_JN[0]), "why": "an application round without any voucher"},
       {"url": u(b.CD, b.CD_JG[0]), "why": "an application round without any voucher"},
     ],
    }
    return story


if __name__ == "__main__":
    for rnd, pages in build().items():
        print(rnd, len(pages), "files")
    STORY = Path(__file__).resolve().parent / "story.json"
    STORY.write_text(json.dumps(make_story(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", WEB, "and", STORY)
