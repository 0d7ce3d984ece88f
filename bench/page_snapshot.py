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
    return {f"bench:{i}": p for i, p in enumerate(pages())}


_TXT = ["关于开展2025年度人工智能算力券申报工作的通知", "對符合條件的企業給予補貼，單個企業最高不超過５００萬元。",
        "各区工业和信息化局：", "一、支持对象", "（一）在本市注册的企业；", "发布日期：２０２５－０５－０６",
        "来源：深圳市工业和信息化局", "索引号：11440300MB2C92051T/2025-00123", "发文字号：深工信规〔2025〕3号",
        "成文日期：2025-03-10", "相关链接", "上一篇：关于某某的通知", "当前位置：首页 > 政务公开 > 通知公告",
        "主办单位：某市人民政府 网站标识码 4403000001 粤ICP备12345号", "点击数：123", "【打印本页】【关闭窗口】",
        "毛片 在线观看 一区二区 高清视频", "附件：1.申报表.docx", "深圳市工业和信息化局\n2025年3月10日",
        "二〇二六年六月十二日", "按合同金额的30%给予补贴，最高500万元。", "今天是2025年5月6日 星期二",
        "ａｂｃ　ＡＢＣ　１２３", "字号：[大 中 小]", "联系电话：0755-12345678", "  多  个   空格\t和\n换行  "]
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


def snapshot() -> dict:
    pages = {**fixture_pages(), **bench_pages(), **synthetic_pages()}
    out = {}
    for name, html in pages.items():
        for vi, kw in enumerate(VARIANTS):
            p = parse_page(html, **kw)
            out[f"{name}#{vi}"] = [p.title, p.text, p.published, p.meta, list(p.attachments), p.selector_matched]
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
            for name, a, b in zip(("title", "text", "published", "meta", "attachments", "selector"), o, n):
                if a != b:
                    print(f"  {name}: {str(a)[:300]!r}\n  {'':{len(name)}}→ {str(b)[:300]!r}")
    print(f"{len(old)} results compared, {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
