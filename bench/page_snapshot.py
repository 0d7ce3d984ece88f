"""Dump parse_page output for every fixture page (and the bench mix, and seeded synthetic pages) to JSON, or diff
against such a dump: speed work on page.py must leave every result byte-identical.

    .venv/bin/python bench/page_snapshot.py dump /tmp/page_snapshot.json
    .venv/bin/python bench/page_snapshot.py diff /tmp/page_snapshot.json

Each page is parsed several ways: no url, a TRS-like url, and with configured content selectors (one that
matches common containers, one that matches nothing). The synthetic pages are built from random pieces of
page furniture (navigation, hidden spam, related-link lists, info tables, footers, Traditional text, full-width
digits, nested tables, <pre>, forms, headers) so that shapes the fixtures lack are covered too.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from monitor.extract import decode_text  # noqa: E402
from monitor.extract.page import parse_page  # noqa: E402

DIRS = ["tests/pages", "tests/families", "tests/golden", "tests/heldout*", "tests/e2e_web", "tests/crash_web",
        "monitor/replay/web"]
URL = "https://www.example.gov.cn/xxgk/202505/t20250512_1.html"
VARIANTS = [dict(url=""), dict(url=URL), dict(url=URL, content="#zoom, .TRS_Editor, div.article"),
            dict(url="", content="div.nothing-here")]


def fixture_pages() -> dict[str, str]:
    out: dict[str, str] = {}
    for d in sorted(q for pattern in DIRS for q in ROOT.glob(pattern)):
        for p in sorted(d.rglob("*")):
            if p.is_file() and p.suffix.lower() in (".html", ".htm", ".shtml"):
                out[str(p.relative_to(ROOT))] = decode_text(p.read_bytes())
    seeds = Path("/work/shared/seeds")
    if seeds.is_dir():
        for p in sorted(seeds.glob("*.txt")):
            out["seed:" + p.name] = p.read_text(encoding="utf-8", errors="replace")
    return out


def bench_pages() -> dict[str, str]:
    from bench_extract import pages
    out = {f"bench:{i}": p for i, p in enumerate(pages())}
    seeds = Path("/work/shared/seeds")
    if seeds.is_dir():      # real articles in the portal template (one of them one <p> per printed line)
        out.update({f"bench-seed:{i}": p for i, p in enumerate(pages(seeds))})
    return out


_TXT = ["关于开展2025年度人工智能算力券申报工作的通知", "對符合條件的企業給予補貼，單個企業最高不超過５００萬元。",
        "各区工业和信息化局：", "一、支持对象", "（一）在本市注册的企业；", "发布日期：２０２５－０５－０６",
        "来源：深圳市工业和信息化局", "索引号：11440300MB2C92051T/2025-00123", "发文字号：深工信规〔2025〕3号",
        "成文日期：2025-03-10", "相关链接", "上一篇：关于某某的通知", "当前位置：首页 > 政务公开 > 通知公告",
        "主办单位：某市人民政府 网站标识码 4403000001 粤ICP备12345号", "点击数：123", "【打印本页】【关闭窗口】",
        "毛片 在线观看 一区二区 高清视频", "附件：1.申报表.docx", "深圳市工业和信息化局\n2025年3月10日",
        "二〇二六年六月十二日", "按合同金额的30%给予补贴，最高500万元。", "今天是2025年5月6日 星期二",
        "ａｂｃ　ＡＢＣ　１２３", "字号：[大 中 小]", "联系电话：0755-12345678", "  多  个   空格\t和\n换行  ",
        "\u3000", "\xa0\u3000", " ", "相关链接", "【相关文章】", "上一篇：某某通知的解读", "\u3000\u3000附件：申报表"]
_ATTRS = ["", " class='nav'", " style='display:none'", " hidden", " class='hide'", " id='zoom'",
          " class='TRS_Editor'", " style='font-size:0'", " class='related'", " class='footer'",
          " style='position:absolute;left:-9999px'", " class='article'", " id='x1'"]


def _frag(rng: random.Random, depth: int) -> str:
    k = rng.random()
    if depth > 5 or k < 0.25:
        t = rng.choice(_TXT)
        return t.replace("<", "&lt;")
    tag = rng.choice(["div", "p", "span", "a", "ul", "li", "table", "td", "font", "section", "h1", "h2", "pre",
                      "form", "header", "nav", "footer", "strong", "br", "img", "article", "dl", "dd", "dt",
                      "script", "style", "tr", "center", "em"])
    attrs = rng.choice(_ATTRS)
    if tag == "a":
        attrs += rng.choice([" href='/a/1.html'", " href='/f/x.pdf'", " href='javascript:void(0)'",
                             " href='down.do?f=a.docx'", ""])
    if tag in ("br", "img"):
        return f"<{tag}{attrs}>"
    if tag == "style":
        return "<style>.hide{display:none} #x1 {visibility:hidden} .a,.b{color:red}</style>"
    if tag == "script":
        return "<script>var f='/files/a.pdf'; document.write('<a href=\"b.doc\">x</a>');</script>"
    if tag == "table":
        rows = "".join("<tr>" + "".join(f"<td>{_frag(rng, depth + 2)}</td>" for _ in range(rng.randint(1, 4)))
                       + "</tr>" for _ in range(rng.randint(1, 4)))
        return f"<table{attrs}>{rows}</table>"
    kids = "".join(_frag(rng, depth + 1) for _ in range(rng.randint(1, 6)))
    return f"<{tag}{attrs}>{kids}</{tag}>"


def synthetic_pages(n: int = 400) -> dict[str, str]:
    rng = random.Random(20260601)
    out = {}
    for i in range(n):
        head = rng.choice(["", "<meta name='PubDate' content='2025-05-06'>", "<meta name='ArticleTitle' content='某通知'>",
                           "<style>.related{display:none}</style>", "<meta name='ContentSource' content='某局'>"])
        title = rng.choice(_TXT).replace("\n", " ")
        body = "".join(_frag(rng, 0) for _ in range(rng.randint(3, 14)))
        out[f"synth:{i}"] = f"<html><head><title>{title}_某市人民政府</title>{head}</head><body>{body}</body></html>"
    return out


_LINK_TEXTS = ["首页", "政务公开", "关于开展2025年度人工智能算力券申报工作的通知", "政策文件", "ａｂｃ", "English", "网站地图",
               "相关链接", "上一篇：某通知", "附件1.申报表", "当前位置：首页", "ICP备12345号", "  ", "\u3000", "联系我们",
               "2025-05-06", "x", "点击数：12", "来源：某局"]
_LIST_HREFS = ["/a/1.html", "/f/x.pdf", "javascript:void(0)", "down.do?f=a.docx", "#", "/b/2.shtml"]


def _link_list(rng: random.Random, depth: int) -> str:
    """A menu or link list as portals write them, with the odd piece that changes how it is judged: a text or date
    outside the links, a hidden item, a nested list, an attachment, a footer or heading word, a script, a comment."""
    tag = rng.choice(["ul", "ol", "dl", "div", "section", "ul", "ul"])
    item = {"ul": "li", "ol": "li", "dl": "dd", "div": "p", "section": "span"}[tag]
    items = []
    for _ in range(rng.choice([1, 2, 3, 4, 5, 6, 8, 12, 30])):
        k = rng.random()
        text = rng.choice(_LINK_TEXTS) if rng.random() < 0.4 else f"栏目{rng.randint(1, 99)} 政务公开"
        attrs = rng.choice(["", "", "", " class='on'", " style='display:none'", " hidden", " class='hide'",
                            " style='color:red'", " id='x1'"]) if rng.random() < 0.3 else ""
        a = f"<a href='{rng.choice(_LIST_HREFS)}'>{text}</a>" if rng.random() < 0.9 else f"<a href='/x'></a>"
        if k < 0.05 and depth < 3:
            inner = a + _link_list(rng, depth + 1)
        elif k < 0.10:
            inner = a + "<span>2025-05-06</span>"
        elif k < 0.13:
            inner = a + rng.choice(["<script>var x=1;</script>", "<!-- c -->", "<br>", "<img src='a.png'>",
                                    " | ", "\u3000", "<form><input></form>", "<pre> x </pre>", "<table><tr><td>t</td></tr></table>"])
        elif k < 0.16:
            inner = f"<a href='/a'><span>{text}</span><em>更多</em></a>"
        elif k < 0.18:
            inner = a + a + a
        elif k < 0.20:
            inner = text
        else:
            inner = a
        items.append(f"<{item}{attrs}>{inner}</{item}>")
    wrap = rng.choice(["", "", "div", "nav", "td"])
    lattr = rng.choice(["", "", " class='menu'", " style='float:left'"])
    lst = f"<{tag}{lattr}>{''.join(items)}</{tag}>"
    if rng.random() < 0.1:
        lst = rng.choice(["<h3>相关链接</h3>", "<div>相关文章</div>", "<p>正文一段。</p>"]) + lst
    if wrap == "td":
        return f"<table><tr><td>{lst}</td><td>x</td></tr></table>"
    return f"<{wrap}>{lst}</{wrap}>" if wrap else lst


def link_list_pages(n: int = 300) -> dict[str, str]:
    rng = random.Random(20261123)
    out = {}
    for i in range(n):
        body = rng.choice(["正文：按合同金额的30%给予补贴，最高500万元。" * rng.randint(1, 30), "x"])
        cont = rng.choice([f"<div id='zoom'>{body}</div>", f"<div class='article'><h1>某某通知</h1><p>{body}</p></div>",
                           f"<ul><li><a href='/a'>甲</a></li><li><div id='zoom'>{body}</div></li><li><a>乙</a></li></ul>"])
        parts = [_link_list(rng, 0) for _ in range(rng.randint(1, 5))]
        parts.insert(rng.randint(0, len(parts)), cont)
        style = rng.choice(["", "<style>.hide{display:none}</style>"])
        out[f"links:{i}"] = (f"<html><head><title>某通知_某市人民政府</title>{style}</head><body>"
                             f"{''.join(parts)}</body></html>")
    # near the renderer's visit cap (60000 nodes): formatting elements re-opened in every paragraph make many nodes of
    # little markup; a run of <br> moves the cap node by node across the date line after a menu
    from selectolax.lexbor import LexborHTMLParser
    menu = "<ul>" + "".join(f"<li><a href='/c/{i}.html'>栏目{i}</a></li>" for i in range(40)) + "</ul>"

    def cap_page(k: int, j: int) -> str:
        junk = "<p><b><i><u><s><em>字" + "<p>字" * k
        return (f"<html><body><div>{junk}</div>{'<br>' * j}{menu}<p>发布日期：2025-05-06</p>{menu}"
                f"<p>发布日期：2025-06-07</p><div id='zoom'>{'正文。' * 20}</div>{menu}<p>成文日期：2025-04-01</p></body></html>")

    def date_node(k: int, j: int) -> int:
        """Index of the first date line's text among the nodes under <body> (the renderer counts the same)."""
        for i, n in enumerate(LexborHTMLParser(cap_page(k, j)).body.traverse(include_text=True)):
            if n.tag == "-text" and (n.text_content or "").startswith("发布日期"):
                return i
        return -1

    j = 10 + 60_000 - date_node(8460, 10)
    for jj in range(j - 12, j + 12):
        if 59_996 <= date_node(8460, jj) <= 60_003:
            out[f"cap:8460:{jj}"] = cap_page(8460, jj)
    for k in range(8400, 8540, 20):
        out[f"cap:{k}"] = cap_page(k, 0)
    return out


_DATES = ["2025-05-06", "2025-5-6", "[2025-05-06]", "(05-06)", "2025年05月06日", "05-06", "２０２５－０５－０６", "2025/05/06",
          "2025.05.06", "2025-05-06 10:30", "【2025-05-06】", "  2025-05-06  ", "\u30002025-05-06", ""]


def _dated_list(rng: random.Random, depth: int) -> str:
    """A related-articles or column list: a link and a date (or a note) beside it in each item, as portals write them,
    with the odd piece that changes how it is judged (a long text, a heading or footer word, an attachment, a hidden
    item, markup that is skipped or kept, a nested list)."""
    tag = rng.choice(["ul", "ul", "ul", "ol", "dl", "div", "section", "table"])
    item = {"ul": "li", "ol": "li", "dl": "dd", "div": rng.choice(["p", "div", "li"]), "section": "div",
            "table": "tr"}[tag]
    dtag = rng.choice(["span", "span", "span", "em", "i", "font", "b", "div", "p", "small", "label", "time", "strong"])
    items = []
    for _ in range(rng.choice([1, 2, 3, 3, 4, 5, 8, 10, 15, 30])):
        k = rng.random()
        text = (rng.choice(_LINK_TEXTS) if rng.random() < 0.25 else
                f"关于开展2025年度第{rng.randint(1, 99)}批项目申报工作的通知" + rng.choice(["", "", "（附件）", "……"]))
        href = rng.choice(_LIST_HREFS + ["/a/1.html"] * 6)
        date = rng.choice(_DATES)
        ia = rng.choice(["", "", "", "", " class='on'", " style='display:none'", " class='hide'", " id='x1'",
                         " style='color:red'", " title='附件'"])
        a = f"<a href='{href}'{ia if rng.random() < 0.2 else ''}>{text}</a>"
        dattr = rng.choice(["", "", " class='date'", " style='float:right'", " hidden"])
        d = f"<{dtag}{dattr}>{date}</{dtag}>"
        if k < 0.6:
            inner = a + d
        elif k < 0.7:
            inner = d + a
        elif k < 0.75:
            inner = a + date
        elif k < 0.78:
            inner = a + rng.choice(["<span>来源：某局</span>", "<span>点击数：12</span>", "<span>相关链接</span>",
                                    "<span>版权所有</span>", "<span>" + "正文一段很长的文字，" * rng.randint(1, 60) + "</span>",
                                    "<span>附件</span>", "<span>上一篇</span>"])
        elif k < 0.80 and depth < 2:
            inner = a + d + _dated_list(rng, depth + 1)
        elif k < 0.83:
            inner = a + d + rng.choice(["<script>var x=1;</script>", "<!-- c -->", "<br>", "<img src='a.png'>",
                                        " | ", "\u3000", "<form><input></form>", "<pre> x </pre>", "<i></i>",
                                        "<span></span>", "<a href='/b'>更多</a>"])
        elif k < 0.86:
            inner = f"<a href='/a'><span>{text}</span><em>{date}</em></a>"
        elif k < 0.88:
            inner = f"<div>{a}</div><div>{d}</div>"
        elif k < 0.90:
            inner = a + d + d
        elif k < 0.92:
            inner = text + d
        else:
            inner = a + d
        if tag == "table":
            items.append(f"<tr><td>{a}</td><td>{d}</td></tr>" if rng.random() < 0.8 else f"<tr><td>{inner}</td></tr>")
        else:
            at = rng.choice(["", "", "", "", " class='on'", " style='display:none'", " hidden", " class='hide'"])
            items.append(f"<{item}{at if rng.random() < 0.15 else ''}>{inner}</{item}>")
    lattr = rng.choice(["", "", " class='list'"])
    lst = f"<{tag}{lattr}>{''.join(items)}</{tag}>"
    if rng.random() < 0.25:
        lst = rng.choice(["<h3>相关链接</h3>", "<div>相关文章</div>", "<p>正文一段。</p>", "<h2>通知公告</h2>",
                          "<div class='title'>政策文件</div>"]) + lst
    wrap = rng.choice(["", "", "div", "td", "li"])
    if wrap == "td":
        return f"<table><tr><td>{lst}</td><td>x</td></tr></table>"
    if wrap == "li":
        return f"<ul><li>{lst}</li></ul>"
    return f"<{wrap}>{lst}</{wrap}>" if wrap else lst


def dated_list_pages(n: int = 300) -> dict[str, str]:
    rng = random.Random(20261124)
    out = {}
    for i in range(n):
        body = rng.choice(["正文：按合同金额的30%给予补贴，最高500万元。" * rng.randint(1, 30), "x",
                           "".join(f"<p>{rng.choice(_TXT)}</p>" for _ in range(rng.randint(1, 40)))])
        cont = rng.choice([f"<div id='zoom'>{body}</div>", f"<div class='article'><h1>某某通知</h1><p>{body}</p></div>",
                           f"<ul><li><a href='/a'>甲</a><span>2025-05-06</span></li><li><div id='zoom'>{body}</div></li></ul>",
                           body])
        parts = [_dated_list(rng, 0) for _ in range(rng.randint(1, 5))]
        parts.insert(rng.randint(0, len(parts)), cont)
        style = rng.choice(["", "<style>.hide{display:none}</style>", "<style>.date{display:none}</style>"])
        out[f"dated:{i}"] = (f"<html><head><title>某通知_某市人民政府</title>{style}</head><body>"
                             f"{''.join(parts)}</body></html>")
    return out


_LINE_PIECES = ["关于开展2025年度人工智能算力券申报工作的通知", "各区工业和信息化局，有关单位：", "为贯彻落实《某某意见》，推动",
                "人工智能产业高质量发展，现将有关事项通知如下", "一、支持对象", "（一）在本市注册的企业", "按合同金额的30%给予补贴，",
                "最高500万元。", "申报截止时间为2025年6月30日。", "附件：1.申报表", "深圳市工业和信息化局", "2025年3月10日",
                "对符合條件的企業給予補貼，單個企業最高", "不超過５００萬元；", "ａｂｃ ABC 123", "第一章 总则", "国 家 数 据 局",
                "算力券覆盖", "范围包括：", "　　", "二〇二六年六月十二日", "大科发〔2026〕31号", "  ", "联系电话：0755-12345678",
                "1.申报材料", "①企业营业执照", "其他事项", "This is a wrapped English", "sentence in Latin script"]


def short_line_pages(n: int = 120) -> dict[str, str]:
    """Texts of many short lines (a page with one <p> or <br> per printed line: a PDF or a copy-paste pasted as it
    was printed): fixed-width wrapping with its paragraph ends, blank lines, headings and lists, Traditional lines."""
    rng = random.Random(20261125)
    out = {}
    for i in range(n):
        width = rng.choice([8, 12, 16, 20, 24, 30, 40])
        lines = []
        for _ in range(rng.randint(3, 300)):
            k = rng.random()
            if k < 0.6:
                s = "".join(rng.choice(_LINE_PIECES) for _ in range(3))
                lines.extend(s[j:j + width + rng.choice([0, 0, 0, 1, -1, -3])] for j in range(0, len(s), width))
            elif k < 0.7:
                lines.append("")
            else:
                lines.append(rng.choice(_LINE_PIECES))
        sep = rng.choice(["p", "br", "div", "p"])
        if sep == "br":
            body = "<br>".join(lines)
        else:
            body = "".join(f"<{sep}>{ln}</{sep}>" for ln in lines)
        out[f"lines:{i}"] = f"<html><head><title>某通知</title></head><body><div id='zoom'>{body}</div></body></html>"
    return out


_LEAF_TEXTS = _TXT + ["正文一段。" * 130, "   前后有空格的一段正文。  ", "\n  换行开头的正文\n", "相关文章", "【相关阅读】",
                      "版权所有 © 2025 某市人民政府", "主办单位：某局 承办单位：某中心 技术支持：某公司 联系我们", "ICP",
                      "备12345号", "上一条：某通知", "您现在的位置：首页 > 通知", "" , " ", "\t", "附件", "記者 張三"]


def leaf_run_pages(n: int = 300) -> dict[str, str]:
    """Runs of leaf blocks (<p>text</p> one after another, the common article body): with spaces, comments, inline
    texts and other elements between them, empty and hidden ones, the container among them, heading, footer,
    long, Traditional and space-holding texts, inside a link, a cell or <pre>, after a related-links heading."""
    rng = random.Random(20261126)
    out = {}
    for i in range(n):
        tag = rng.choice(["p", "p", "p", "div", "li", "h2", "dd", "section", "center", "td"])
        parts = []
        for _ in range(rng.choice([1, 2, 3, 4, 5, 8, 20, 60])):
            k = rng.random()
            t = rng.choice(_LEAF_TEXTS).replace("<", "&lt;") if rng.random() < 0.3 else rng.choice(_LINE_PIECES)
            attrs = rng.choice(["", "", "", "", "", " style='display:none'", " hidden", " class='hide'", " id='zoom'",
                                " style='color:red'", " class='x'"]) if rng.random() < 0.15 else ""
            if k < 0.75:
                parts.append(f"<{tag}{attrs}>{t}</{tag}>")
            elif k < 0.80:
                parts.append(f"<{tag}{attrs}></{tag}>")
            elif k < 0.88:
                parts.append(rng.choice(["\n", "\n  ", " ", "\u3000", "\t\n", "<!-- c -->", "文字", "<br>", "<img src='a.png'>",
                                         "<span>行内</span>", "<hr>", "<script>x=1</script>", "<a href='/a'>链接</a>"]))
            elif k < 0.93:
                parts.append(f"<{tag}><span>{t}</span></{tag}>")
            else:
                parts.append(f"<{tag}>{t}<!-- c -->{t}</{tag}>")
        sep = rng.choice(["", "", "\n", "\n    ", " "])
        body = sep.join(parts)
        wrap = rng.choice(["div id='zoom'", "div id='zoom'", "div", "a href='/a'", "pre", "ul", "td", "div class='related'"])
        inner = f"<{wrap}>{body}</{wrap.split()[0]}>"
        if wrap == "td":
            inner = f"<table><tr><td>{body}</td><td>x</td></tr></table>"
        elif wrap == "ul":
            inner = f"<ul><li>{body}</li></ul>"
        lead = rng.choice(["", "", "<h3>相关链接</h3>", "<div>相关文章</div>", "<p>正文。</p>", "文字", "<span>来源：某局</span>"])
        style = rng.choice(["", "", "<style>.hide{display:none}</style>"])
        out[f"leaf:{i}"] = (f"<html><head><title>某通知_某市人民政府</title>{style}</head><body>{lead}{inner}"
                            f"<div class='footer'>版权所有 某市人民政府 ICP备12345号</div></body></html>")
    return out


def snapshot() -> dict:
    pages = {**fixture_pages(), **bench_pages(), **synthetic_pages(), **link_list_pages(), **dated_list_pages(),
             **short_line_pages(), **leaf_run_pages()}
    # the rendered page text too (what the metadata is read from: a difference there may not show in the results)
    from monitor.extract import page as P
    seen: list[str] = []
    page_text = P._Renderer.page_text

    def recorded(self) -> str:
        t = page_text(self)
        seen.append(t)
        return t

    P._Renderer.page_text = recorded
    out = {}
    try:
        for name, html in pages.items():
            for vi, kw in enumerate(VARIANTS):
                seen.clear()
                p = parse_page(html, **kw)
                out[f"{name}#{vi}"] = [p.title, p.text, p.published, p.meta, list(p.attachments), p.selector_matched,
                                       list(seen)]
    finally:
        P._Renderer.page_text = page_text
    return out


def main(argv: list[str]) -> int:
    cmd, path = argv[0], Path(argv[1])
    snap = snapshot()
    if cmd == "dump":
        path.write_text(json.dumps(snap, ensure_ascii=False, sort_keys=True, indent=0), encoding="utf-8")
        print(f"{len(snap)} results written to {path}")
        return 0
    old = json.loads(path.read_text(encoding="utf-8"))
    # through JSON as the dump was, so both sides compare the same way
    new = json.loads(json.dumps(snap, ensure_ascii=False, sort_keys=True))
    bad = [k for k in old if old[k] != new.get(k)] + [k for k in new if k not in old]
    for k in bad[:10]:
        print("DIFF", k)
        o, n = old.get(k), new.get(k)
        if o and n:
            for name, a, b in zip(("title", "text", "published", "meta", "attachments", "selector", "page_text"), o, n):
                if a != b:
                    print(f"  {name}: {str(a)[:300]!r}\n  {'':{len(name)}}→ {str(b)[:300]!r}")
    print(f"{len(old)} results compared, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
