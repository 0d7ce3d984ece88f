"""A fetched HTML page → its main text and page metadata. Pure: str in, PageText out; never raises on bad input.

    parse_page(html, *, url="", content=None) -> PageText

Steps: guard pathological nesting → parse (selectolax/lexbor) → read <meta> → find hidden elements (inline style,
`hidden`, simple <style> rules) → choose the body container (configured selector, known CMS containers, else a
text-density score) → render the page once as text (blocks on lines, table rows as "a | b", furniture and link farms
dropped, the container's span remembered) → title, date, info-table fields and attachments from what was seen.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Iterable
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

log = logging.getLogger(__name__)

from .normalize import CJK, fold_width, normalize, normalize_folded, normalize_simplified, to_simplified

__all__ = ["PageText", "parse_page", "KNOWN_CONTAINERS", "ATTACHMENT_EXTS"]


@dataclass(frozen=True)
class PageText:
    title: str | None
    text: str
    published: str | None
    meta: dict = field(default_factory=dict)
    attachments: tuple[str, ...] = ()
    selector_matched: bool | None = None


# Body containers of the CMS families of SOURCES-SURVEY.md, most specific first.
KNOWN_CONTAINERS = (
    "div.TRS_Editor", "div.TRS_UEDITOR", ".TRS_Editor", ".TRS_UEDITOR", "#UCAP-CONTENT", ".pages_content",
    "#zoom", "#mainText", "#con_con", "div#ivs_content", ".news_cont_d_wrap", "div.wzcon", "div.yMain",
    "div.article", "#Zoom", "#content_body", ".article-content", ".article_content", ".articleContent",
    "#js_content", ".rich_media_content", ".view.TRS_UEDITOR", "#info_content", ".content_body",
    "#ContentRegion", ".zw", "#zw", ".conTxt", ".detail-content", ".details-content", ".article-body",
    "article", "main",
)
# a word that a class or an id of every element a container selector matches holds (in some case: quirks mode
# matches classes and ids ignoring case), for the selectors that share one: one query tells that none can match
_CONTAINER_PROBES = {sel: w for sel in KNOWN_CONTAINERS for w in ("trs_", "content")
                     if re.search(rf"[.#][\w-]*{w}", sel.lower())}
assert all("," not in sel and ":" not in sel for sel in _CONTAINER_PROBES)
ATTACHMENT_EXTS = (".pdf", ".doc", ".docx", ".wps", ".ofd", ".xls", ".xlsx", ".zip", ".rar", ".et", ".7z")

MAX_HTML = 25_000_000            # characters parsed at most (the fetcher caps bodies far below this)
MAX_DEPTH = 400                  # nesting of block tags kept
META_SCAN = 60_000               # characters of page text searched for date lines and info tables
MAX_TEXT = 800_000               # characters of main text rendered at most
MAX_VISITS = 150_000             # nodes visited at most when rendering the main text
PAGE_VISITS = 60_000             # nodes visited at most when rendering the page around it (metadata)

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "object", "embed", "iframe", "frame",
    "frameset", "select", "option", "button", "input", "textarea", "audio", "video", "map", "head", "title",
    "meta", "link", "nav", "aside", "footer", "dialog", "-comment", "!doctype", "marquee",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
    "dd", "table", "thead", "tbody", "tfoot", "caption", "blockquote", "pre", "address", "figure", "figcaption",
    "hr", "center", "fieldset", "legend", "header", "details", "summary", "form", "body", "html", "tr",
})
# tags whose end tag is required (p, li, td … close themselves and would inflate a naive depth count)
_NEST_TAGS = ("div", "section", "article", "ul", "ol", "dl", "blockquote", "center", "form", "table", "figure",
              "main", "address", "fieldset", "details", "header", "footer", "nav", "aside")

_HAN = re.compile(f"[{CJK}]")
_HAN_RUN = re.compile(f"[{CJK}]+")
_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|!--|!doctype|/[a-zA-Z])", re.I)


# ================================================================== entry point

def parse_page(html: str, *, url: str = "", content: str | None = None) -> PageText:
    """Main text (normalised), title, ISO publication date, info fields, attachment URLs of one HTML page."""
    try:
        return _parse(html, url=url, content=content)
    except Exception:  # noqa: BLE001 - bad input never raises; a bug is logged and the page reads as empty
        log.warning("parse_page failed on %s", url or "a page", exc_info=True)
        return PageText(None, "", None, {}, (), False if content else None)


def _parse(html: str, *, url: str, content: str | None) -> PageText:
    if not isinstance(html, str):
        html = html.decode("utf-8", "replace") if isinstance(html, (bytes, bytearray)) else str(html or "")
    html = html[:MAX_HTML]
    if "\x00" in html:
        html = html.replace("\x00", "")
    if not html.strip():
        return PageText(None, "", _date_from_url(url), {}, (), False if content else None)
    if not _TAG.search(html, 0, 200_000):
        # plain text (a feed summary, a text/plain body): no markup to read, keep its lines
        text = _clean_text(html[:MAX_TEXT])
        return PageText(None, text, _date_from_url(url), {}, (), False if content else None)
    html = _cap_nesting(html)
    tree = LexborHTMLParser(html)
    root = tree.root
    if root is None:
        return PageText(None, "", _date_from_url(url), {}, (), False if content else None)

    metas = _read_metas(tree)
    raw_title = _node_text(tree.css_first("head title") or tree.css_first("title"))
    attachments = _attachments(tree, html, url)

    # ---- the body container
    selector_matched: bool | None = None
    container = None
    if content:
        try:
            container = _best_of(tree.css(content))
        except Exception:  # noqa: BLE001 - an invalid selector is a selector that matched nothing
            container = None
        selector_matched = container is not None
        if container is not None and len((container.text(deep=True) or "").strip()) < 10:
            container = None        # matched, but empty (filled by a script): read the page as if unconfigured
    hidden_classes, hidden_ids = _hidden_style_rules(tree)
    if "isibility" in html or "pacity" in html or "ISIBILITY" in html or "PACITY" in html:
        _show_deferred(tree, hidden_classes, hidden_ids)
    maybe_hidden = _hidden_candidates(tree, hidden_classes, hidden_ids)
    if container is None:
        probed: dict[str, bool] = {}
        for sel in KNOWN_CONTAINERS:
            probe = _CONTAINER_PROBES.get(sel)
            if probe is not None:
                # (no element has a class or an id holding the probe's word: the selector matches nothing)
                hit = probed.get(probe)
                if hit is None:
                    hit = probed[probe] = tree.css_first(f'[class*="{probe}" i], [id*="{probe}" i]') is not None
                if not hit:
                    continue
            try:
                found = [n for n in tree.css(sel)
                         if not _is_hidden_subtree(n, hidden_classes, hidden_ids) and _han_count(n) >= 20]
            except Exception:  # noqa: BLE001
                found = []
            if found:
                container = _best_of(found)
                break
    body = tree.body or root
    if container is None:
        container = _densest(body, hidden_classes, hidden_ids, maybe_hidden) or body

    # ---- render the container (main text), then the first part of the page around it (metadata)
    # the page around it, for the date line, the info table and the source line: its first part is enough.
    # The container's own text is captured during the same pass when it is rendered there exactly as it would be
    # alone (entered outside links, <pre> and related-link lists, and closed before the limits); else it is
    # rendered on its own.
    # (fast: the page's text cannot pass the size limit, which the renderer's shortcut for link lists relies on)
    rp = _Renderer(container, hidden_classes, hidden_ids, limit=META_SCAN * 2, visits=PAGE_VISITS,
                   maybe_hidden=maybe_hidden, fast=len(html) <= META_SCAN * 2)
    rp.render(body)
    page_raw = rp.page_text()
    main_raw = rp.captured
    if main_raw is None:
        r = _Renderer(container, hidden_classes, hidden_ids, limit=MAX_TEXT, maybe_hidden=maybe_hidden)
        r.render(container)
        main_raw = r.container_text() or ""

    main_text = _clean_text(main_raw)
    page_head = _light(_clean_lines(page_raw[:META_SCAN * 2], keep_counters=True))[:META_SCAN]

    # ---- title
    title = _title(metas, container, raw_title, tree, hidden_classes, hidden_ids)

    # ---- info fields and date
    info = _info_fields(page_head)
    source_line = _source_line(page_head, title)
    meta: dict = {}
    # (the info table's 发文机关 names the issuer itself; ContentSource, the site's publisher, may be its office — but
    # of several bodies issuing together, 国家发展改革委　国家数据局, ContentSource names the one that publishes)
    named = info.get("issuer")
    issuer = ((named if named and not _SEVERAL_BODIES.search(named.strip()) else None)
              or _meta_get(metas, "contentsource") or named or info.get("source")
              or (_issuer_of_line(source_line) if source_line else None)
              or ((_wechat_account(tree, html) if "rich_media" in html or "js_content" in html else None))
              or _meta_get(metas, "source"))
    if issuer:
        meta["issuer"] = _clean_value(issuer)
    elif raw_title and _organ_suffix(raw_title):
        # 关于…的通知_三亚市工业和信息化局: the body whose site this is; the weakest issuer cue of all
        meta["site_issuer"] = _organ_suffix(raw_title)
    for key in ("doc_number", "written_date", "index_number", "topic", "valid"):
        if info.get(key):
            meta[key] = info[key]
    if meta.get("doc_number"):
        m = _NUMBER_IN_VALUE.search(meta["doc_number"])
        if m:                                   # 文号：厦数据〔2026〕11号 2026-05-12 → the number alone
            meta["doc_number"] = re.sub(r"\s+", "", m.group(0))
    else:
        number = _number_line(page_head, title)
        if number:
            meta["doc_number"] = number
    if not meta.get("written_date"):
        signed = _signature_date(main_text)
        if signed:
            meta["written_date"] = signed
    if source_line:
        meta["source_line"] = source_line
    col = _meta_get(metas, "columnname", "column")
    if col:
        meta["column"] = _clean_value(col)
    if info.get("labels"):
        meta["info"] = info["labels"]

    published = (_first_date(_meta_get(metas, "pubdate", "pubtime"))
                 or _first_date(_meta_get(metas, "firstpublishedtime", "publishdate", "publishtime",
                                          "article:published_time", "dc.date", "dcterms.issued", "dc.date.issued",
                                          "releasedate", "createdate", "maketime"))
                 or _publish_time_element(tree)
                 or info.get("published")
                 or (_first_date(source_line) if source_line else None)
                 or _date_near_title(page_head, title)
                 or _date_from_url(url))
    if meta.get("written_date") and published == meta["written_date"] and info.get("published") not in (None, published):
        published = info["published"]
    if not published and url:
        month = _month_from_url(url)
        if month:
            meta["url_month"] = month

    return PageText(title=title, text=main_text, published=published, meta=meta,
                    attachments=tuple(attachments), selector_matched=selector_matched)


# ================================================================== nesting guard

_NEST_MARK = re.compile(r"<(/?)(?:d(?:iv|l|etails)|s(?:ection)|a(?:rticle|ddress|side)|ul|ol|blockquote|center|"
                        r"f(?:orm|igure|ieldset|ooter)|table|main|header|nav)[\s>/]", re.I)
_DELTA = {"": 1, "/": -1}
_NEST_RE = re.compile(r"<(/?)(" + "|".join(_NEST_TAGS) + r")\b[^>]*>", re.I)


def _cap_nesting(html: str) -> str:
    """Drop block tags nested deeper than MAX_DEPTH: lexbor is quadratic in the depth of nested <div>s."""
    if html.count("<") < 4 * MAX_DEPTH:
        return html
    marks = _NEST_MARK.findall(html)
    if len(marks) < MAX_DEPTH or max(accumulate(map(_DELTA.__getitem__, marks))) <= MAX_DEPTH:
        return html
    depth = 0
    dropped = 0
    out: list[str] = []
    last = 0
    changed = False
    for m in _NEST_RE.finditer(html):
        closing = m.group(1) == "/"
        if m.group(0).endswith("/>"):
            continue
        if not closing:
            if depth >= MAX_DEPTH:
                dropped += 1
                out.append(html[last:m.start()])
                last = m.end()
                changed = True
                continue
            depth += 1
        else:
            if dropped:
                dropped -= 1
                out.append(html[last:m.start()])
                last = m.end()
                changed = True
                continue
            depth = max(0, depth - 1)
    if not changed:
        return html
    out.append(html[last:])
    return "".join(out)


# ================================================================== <meta>

def _read_metas(tree) -> dict[str, str]:
    metas: dict[str, str] = {}
    for m in tree.css("meta"):
        attrs = m.attributes
        key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or attrs.get("http-equiv")
        val = attrs.get("content")
        if key and val and val.strip():
            metas.setdefault(key.strip().lower(), val.strip())
    return metas


def _meta_get(metas: dict[str, str], *keys: str) -> str | None:
    for k in keys:
        v = metas.get(k)
        if v and v.strip():
            return v.strip()
    return None


# ================================================================== hidden elements

_HIDDEN_DECL = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden"
    r"|(?<![-\w])(?:max-)?(?:height|width)\s*:\s*0(?:px|pt|em|rem|%)?\s*(?:!important)?\s*(?:;|$)"
    r"|opacity\s*:\s*0(?:\.0+)?\s*(?:!important)?\s*(?:;|$)"
    r"|(?:left|top|right|margin-left|margin-top)\s*:\s*-\s*(?:\d{4,}|9\d\d)(?:\.\d+)?(?:px|pt|em|rem)"
    r"|text-indent\s*:\s*-\s*(?:\d{4,}|9\d\d)(?:\.\d+)?(?:px|pt|em|rem)"
    r"|clip\s*:\s*rect\(\s*0(?:px)?\s*,?\s*0(?:px)?\s*,?\s*0", re.I)
# a rule starts where a brace-free run starts (the lookbehind: linear, not quadratic, on long runs without a rule)
_CSS_RULE = re.compile(r"(?<![^{}])([^{}]+)\{([^{}]*)\}")
_SIMPLE_SEL = re.compile(r"^\s*(?:[a-z][a-z0-9]*)?([.#])([\w-]+)\s*$", re.I)


# font-size:0 hides text, but is also the inline-block whitespace trick with sizes restored below
_FONT_ZERO = re.compile(r"(?<![-\w])font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:!important)?\s*(?:;|$)", re.I)


def _style_hidden(style: str | None) -> bool:
    return bool(style) and bool(_HIDDEN_DECL.search(style.replace("\n", " ")))


def _font_zero_hidden(node, style: str) -> bool:
    if not _FONT_ZERO.search(style):
        return False
    try:
        inner = node.css("[style*=font-size], [style*=FONT-SIZE]")[:20]
    except Exception:  # noqa: BLE001
        return True
    for d in inner:
        st = (d.attributes or {}).get("style") or ""
        if re.search(r"font-size\s*:", st, re.I) and not _FONT_ZERO.search(st):
            return False        # sizes restored inside: the layout trick, not hiding
    return True


def _hidden_style_rules(tree) -> tuple[set[str], set[str]]:
    """Classes and ids hidden by simple rules of the page's <style> blocks (a common way to hide injected spam)."""
    classes: set[str] = set()
    ids: set[str] = set()
    for st in tree.css("style"):
        css = st.text() or ""
        if len(css) > 500_000:
            css = css[:500_000]
        css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
        for m in _CSS_RULE.finditer(css):
            if not _style_hidden(m.group(2)):
                continue
            for sel in m.group(1).split(","):
                sm = _SIMPLE_SEL.match(sel)
                if sm:
                    (classes if sm.group(1) == "." else ids).add(sm.group(2))
    return classes, ids


def _el_hidden(node, hidden_classes: set[str], hidden_ids: set[str]) -> bool:
    attrs = node.attributes
    if not attrs:
        return False
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    if style and (_style_hidden(style) or _font_zero_hidden(node, style)):
        return True
    if hidden_classes:
        cls = attrs.get("class")
        if cls and any(c in hidden_classes for c in cls.split()):
            return True
    if hidden_ids:
        i = attrs.get("id")
        if i and i in hidden_ids:
            return True
    return False


def _hidden_candidates(tree, hidden_classes: set[str], hidden_ids: set[str]) -> set[int] | None:
    """The elements _el_hidden may find hidden (those with a hidden or style attribute, or a class or id when the
    style rules hide some), by identity: one selector pass in C instead of reading every element's attributes."""
    try:
        return {n.mem_id for n in tree.css(_hidden_selector(hidden_classes, hidden_ids))}
    except Exception:  # noqa: BLE001
        return None


def _hidden_selector(hidden_classes: set[str], hidden_ids: set[str]) -> str:
    sel = "[hidden], [style]"
    if hidden_classes:
        sel += ", [class]"
    if hidden_ids:
        sel += ", [id]"
    return sel


def _is_hidden_subtree(node, hidden_classes, hidden_ids) -> bool:
    n = node
    for _ in range(200):
        if n is None or n.tag in ("html", "body", "-undef", "#document"):
            return False
        if _el_hidden(n, hidden_classes, hidden_ids):
            return True
        n = n.parent
    return False


# content a page's script shows once laid out (WeChat's article body, fade-ins, anti-flicker wrappers): hidden by
# visibility:hidden or opacity:0 in its own style, nothing else
_DEFERRED_DECL = re.compile(r"visibility\s*:\s*hidden\s*(?:!important)?\s*(?:;|$)"
                            r"|opacity\s*:\s*0(?:\.0+)?\s*(?:!important)?\s*(?:;|$)", re.I)


def _show_deferred(tree, hidden_classes, hidden_ids) -> None:
    """Show (drop the hiding declarations of) an element hidden only until the page's script shows it that holds
    the page's article: its text has sentences and no spam markers, at most half of it is link text, and the page's
    densest text block, with it shown, lies in it (or is its block, mostly its text). Hidden spam, small link and
    keyword boxes beside the article, fails these and stays hidden."""
    try:
        nodes = tree.css("[style*=visibility i], [style*=opacity i]")
    except Exception:  # noqa: BLE001
        return
    shown: list[tuple] = []
    for n in nodes:
        attrs = n.attributes or {}
        style = attrs.get("style") or ""
        if "hidden" in attrs or not _DEFERRED_DECL.search(style):
            continue
        rest = _DEFERRED_DECL.sub(" ", style)
        if _style_hidden(rest) or _font_zero_hidden(n, rest):
            continue
        n.attrs["style"] = rest
        if _is_hidden_subtree(n, hidden_classes, hidden_ids) or not _article_like(n, hidden_classes, hidden_ids):
            n.attrs["style"] = style
            continue
        shown.append((n, style))
    if not shown:
        return
    body = tree.body or tree.root
    best = _densest(body, hidden_classes, hidden_ids) if body is not None else None
    for n, style in shown:
        if best is not None and (_is_within(best, n) or (_is_within(n, best) and _han_count(n) * 2 >= _han_count(best))):
            continue
        n.attrs["style"] = style


def _article_like(node, hidden_classes, hidden_ids) -> bool:
    """Text of an article (what the node shows: its hidden parts left out): sentences, little link text, no spam."""
    text = node.text(deep=True) or ""
    han = _han_count(node)
    links = sum(_han_count(a) for a in node.css("a"))
    for d in node.css(_hidden_selector(hidden_classes, hidden_ids)):
        if _el_hidden(d, hidden_classes, hidden_ids):
            t = d.text(deep=True) or ""
            if t and t in text:
                text = text.replace(t, " ", 1)
                han -= _han_count(d)
                links -= sum(_han_count(a) for a in d.css("a"))
    if han < 40 or text.count("。") + text.count("；") + text.count("！") + text.count("？") < 2:
        return False
    if links * 2 > han:
        return False
    simple = to_simplified(text[:50_000])
    if _SPAM_QUICK.search(simple) is None:
        return True
    strong = len(_SPAM_STRONG.findall(simple))
    return strong == 0 or (strong == 1 and han >= 200)


def _is_within(node, outer) -> bool:
    target = outer.mem_id
    n = node
    for _ in range(400):
        if n is None:
            return False
        if n.mem_id == target:
            return True
        n = n.parent
    return False


# ================================================================== choosing the body container

def _han_count(node) -> int:
    """About how many Chinese characters a node holds (UTF-8 length arithmetic: fast on huge nodes)."""
    try:
        t = node.text(deep=True) or ""
    except Exception:  # noqa: BLE001
        return 0
    return (len(t.encode("utf-8", "surrogatepass")) - len(t)) // 2


def _best_of(nodes: Iterable) -> object | None:
    """The node with the most Chinese text among several matches (a container may appear twice: summary and body)."""
    best, best_n = None, -1
    for n in nodes:
        c = _han_count(n)
        if c > best_n:
            best, best_n = n, c
    return best


def _in_article(node) -> bool:
    """Is the node inside an <article> or <main> (whose <header> holds the title and the date line)?"""
    n = node.parent
    for _ in range(12):
        if n is None:
            return False
        if n.tag in ("article", "main"):
            return True
        n = n.parent
    return False


_BLOCKISH = frozenset({"div", "td", "article", "section", "main", "body", "li", "dd", "center", "form", "font",
                       "span", "table", "tbody", "tr"})
_CAND = frozenset({"div", "td", "article", "section", "main", "center", "form", "font", "span", "dd", "li", "table",
                   "body"})


def _densest(body, hidden_classes, hidden_ids, maybe_hidden: set[int] | None = None):
    """Readability-style: each text run credits its block (fully), the block's parent (1/2) and grandparent (1/4);
    link text counts against. The best-scored candidate container wins."""
    scores: dict[int, list] = {}
    stack = [(body, False)]
    count = 0
    while stack:
        node, in_link = stack.pop()
        count += 1
        if count > MAX_VISITS // 2:
            break
        chain = None        # the score entries of the block of node's text, its parent and grandparent
        col = 2 if in_link else 1
        for ch in node.iter(include_text=True):
            tag = ch.tag
            if tag == "-text":
                t = ch.text_content
                if not t or t.isspace():
                    continue
                n_han = 0 if t.isascii() else sum(map(len, _HAN_RUN.findall(t)))
                n = n_han + (len(t.strip()) - n_han) * 0.3
                if n < 1:
                    continue
                if chain is None:
                    # find the block this text belongs to (the same for every text of node)
                    chain = []
                    blk = node
                    for _ in range(6):
                        if blk is None or blk.tag in _BLOCKISH:
                            break
                        blk = blk.parent
                    b = blk
                    for _ in range(3):
                        if b is None:
                            break
                        ent = scores.get(b.mem_id)
                        if ent is None:
                            ent = scores[b.mem_id] = [b, 0.0, 0.0]
                        chain.append(ent)
                        b = b.parent
                weight = 1.0
                for ent in chain:
                    ent[col] += n * weight
                    weight /= 2
                continue
            if not tag or tag in _SKIP_TAGS or tag[0] in "-!#":
                continue
            if (maybe_hidden is None or ch.mem_id in maybe_hidden) and _el_hidden(ch, hidden_classes, hidden_ids):
                continue
            stack.append((ch, in_link or tag == "a"))
    best, best_score = None, 0.0
    for b, text_n, link_n in scores.values():
        if b.tag not in _CAND:
            continue
        total = text_n + link_n
        if total <= 0:
            continue
        ld = link_n / total
        score = text_n * (1 - ld)
        if score > best_score:
            best, best_score = b, score
    return best


# ================================================================== rendering

_FURNITURE_START = re.compile(
    r"^\s*(?:[【\[]?\s*)?(?:当前位置|您现在的位置|您的位置|你的位置|你现在的位置|所在位置|现在位置|當前位置|您現在的位置|您的位置)\s*[:：>]")
_RELATED_START = re.compile(
    r"^\s*[【\[]?\s*(?:相关链接|相关文章|相关阅读|相关新闻|相关推荐|相关文件|相关政策|推荐阅读|热点推荐|热门文章|延伸阅读|"
    r"猜你喜欢|更多阅读|精彩推荐|相关稿件|相關閱讀|相關鏈接|相關文章|新发产品|新發產品|最新资讯|热门资讯|推荐产品)")
_PREVNEXT_START = re.compile(r"^\s*[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上一篇：|前一篇|后一篇|上篇|下篇)")
_FOOTER_MARK_SLOW = re.compile(r"ICP\s*备|ICP證|网站标识码|網站標識碼|公网安备|公網安備|版权所有|版權所有|Copyright|©|\(c\)\s*\d{4}",
                               re.I)
# the same matches (the case-insensitive letters spelled out: i also matches İ and ı), written to start with one
# character class so that the regex engine skips ahead: several times faster on the many short blocks it checks
_I = "[Ii\u0130\u0131]"
_FOOTER_MARK_FIRST = "Ii\u0130\u0131网網公版Cc©("
_FOOTER_MARK_REST = (rf"(?<={_I})[Cc][Pp](?:\s*备|證)|(?<=网)站标识码|(?<=網)站標識碼|(?<=公)(?:网安备|網安備)"
                     rf"|(?<=版)(?:权所有|權所有)|(?<=[Cc])[Oo][Pp][Yy][Rr]{_I}[Gg][Hh][Tt]|(?<=©)|(?<=\()[Cc]\)\s*\d{{4}}")
_FOOTER_MARK = re.compile(f"[{_FOOTER_MARK_FIRST}](?:{_FOOTER_MARK_REST})")
_FOOTER_SOFT_WORDS = ("主办单位|主辦單位|承办单位|承辦單位|技术支持|技術支持|联系我们|聯繫我們|网站地图|網站地圖|建议使用|"
                      "分辨率|浏览器|免责声明|免責聲明")
_FOOTER_SOFT = re.compile(_FOOTER_SOFT_WORDS)
# a match of either (the test most blocks stop at): one class of first characters, then the rest of each word
_FOOTER_ANY = re.compile(f"[{_FOOTER_MARK_FIRST}{''.join(sorted({w[0] for w in _FOOTER_SOFT_WORDS.split('|')}))}]"
                         f"(?:{_FOOTER_MARK_REST}|"
                         + "|".join(f"(?<={w[0]}){w[1:]}" for w in _FOOTER_SOFT_WORDS.split("|")) + ")")

# a character every match of _FOOTER_ANY holds (P of ICP and Copyright, the rarest of each word): a quick test first,
# as _FOOTER_ANY tries its many branches at every 公, 网, 主 … of a menu
_FOOTER_QUICK = re.compile("[Pp©)识識安权權办辦术術联繫图圖议辨浏瀏责責]")


def _word_firsts(*patterns: re.Pattern) -> frozenset[str]:
    """First characters of the words of the (?:a|b|…) word lists of heading patterns."""
    out: set[str] = set()
    for rx in patterns:
        for group in re.findall(r"\(\?:([^()\[\]]*\|[^()\[\]]*)\)", rx.pattern):
            out.update(w[0] for w in group.split("|") if w)
    return frozenset(out)


_HEAD_FIRST = _word_firsts(_FURNITURE_START, _RELATED_START, _PREVNEXT_START)
_HEAD_FIRST_OR_BRACKET = _HEAD_FIRST | {"【", "["}


def _head_words(*patterns: re.Pattern) -> list[str]:
    """The words of the (?:a|b|…) word lists of heading patterns."""
    return [w for rx in patterns for group in re.findall(r"\(\?:([^()\[\]]*\|[^()\[\]]*)\)", rx.pattern)
            for w in group.split("|") if w]


# any heading word anywhere (a block's heading is tested at its start: a text holding none has no such heading),
# written to start with the class of the words' first characters (see _first_char_form, below)
_HEAD_WORDS = "|".join(dict.fromkeys(_head_words(_FURNITURE_START, _RELATED_START, _PREVNEXT_START)))
# the block tags a menu or link list is written in (all in _LIST_TAGS: _keep drops such a list whole)
_LINK_LIST_TAGS = frozenset({"ul", "ol", "dl", "div", "section"})
# tags under which a link list is not plain (the renderer skips, or treats specially, what they hold)
_NOT_PLAIN = _SKIP_TAGS | {"header", "form", "pre", "table", "thead", "tbody", "tfoot", "caption", "tr", "td", "th"}
_LIST_TAGS = frozenset({"ul", "ol", "dl", "table", "tbody", "div", "section", "td"})
# the tags whose end _Renderer._keep has to judge (for the others it keeps the element and changes nothing,
# unless a related-links heading was just dropped)
_KEEP_CHECKED = _BLOCK_TAGS | {"td", "span", "font", "a"}


# the kinds of elements the renderer tells apart (one dict lookup per element instead of several set tests);
# a frame's kind decides what its end does: 2..6 are judged by _keep, 1 and 3 end a cell, 4..6 end a block
_K_INLINE, _K_TH, _K_CHECKED, _K_TD, _K_BLOCK, _K_PRE, _K_TR, _K_A = 0, 1, 2, 3, 4, 5, 6, 7
_K_SKIP, _K_BR, _K_IMG, _K_HEADER, _K_FORM, _K_IGNORE = 10, 11, 12, 13, 14, 15
_KIND: dict[str, int] = {}
_KIND.update({t: _K_BLOCK for t in _BLOCK_TAGS})
_KIND.update({"pre": _K_PRE, "tr": _K_TR, "td": _K_TD, "th": _K_TH, "a": _K_A, "span": _K_CHECKED,
              "font": _K_CHECKED, "br": _K_BR, "img": _K_IMG, "header": _K_HEADER, "form": _K_FORM})
_KIND.update({t: _K_SKIP for t in _SKIP_TAGS})
_KIND.update({t: _K_IGNORE for t in _SKIP_TAGS | {"#document", "-undef"} if t[0] in "-!#"})
assert {t for t, k in _KIND.items() if _K_CHECKED <= k <= _K_TR or k in (_K_HEADER, _K_FORM)} | {"a"} \
    == _KEEP_CHECKED - _SKIP_TAGS
# a frame (a list: cheaper than an object; render and _keep index it by these positions): what one open element
# has produced so far
_F_KIND, _F_START, _F_CHARS, _F_LINK_CHARS, _F_LINKS, _F_ATTACH, _F_HEAD, _F_CONTAINER, _F_HOLDS, _F_TAG = range(10)


# an info line's next field: a label (来源：, 发布时间：) or a role word (记者 张三) at the start of an inline element
# right after text ('<span>来源：北国网</span><span>记者 张三</span>' would read '来源：北国网记者 张三')
_INFO_FIELD = re.compile(
    r"(?:信息来源|文章来源|稿件来源|来源|发布时间|发布日期|更新时间|浏览次数|浏览量|浏览|点击数|点击量|点击|阅读数|阅读量|阅读|"
    r"字号|文号|发文字号|发文单位|发文机关|发布机构|成文日期|索引号|有效性|主题分类)\s*[:：]|(?:记者|通讯员|责任编辑|编辑|作者|摄影|实习生)")
_INFO_FIRST = frozenset("信文稿来发更浏点阅字记通责编作摄实成索有主")
# a line that is already an info line (a label with its colon, a date): there a role word starts a field, while
# in running text split across <span>s (据<span>记者</span>了解) it does not
_INFO_LINE = re.compile(r"(?:来源|发布时间|发布日期|更新时间|时间|日期|作者|编辑|发文单位|发文机关|发布机构|文号|索引号)\s*[:：]"
                        r"|\d{4}-\d{1,2}-\d{1,2}")


def _info_break(pieces: list, t: str) -> bool:
    """Does t (the first text of an inline element, right after text with no space or break) start another
    field of an info line? Then the renderer breaks the line there."""
    last = pieces[-1][-1:] if pieces else ""
    if not (last.isalnum() or last in "）)]】") or _INFO_FIELD.match(t) is None:
        return False         # nothing before it, a space or a break, or no field starts here
    line = ""
    for k in range(len(pieces) - 1, max(-1, len(pieces) - 9), -1):
        p = pieces[k]
        nl = p.rfind("\n")
        if nl >= 0:
            line = p[nl + 1:] + line
            break
        line = p + line
    return _INFO_LINE.search(line) is not None


def _beside_link(node) -> bool:
    """Does the first item of a list hold text or an element beside its links (a date, a note)?"""
    li = node.child
    while li is not None and li.tag != "li":
        li = li.next
    if li is None:
        return False
    ch = li.child
    while ch is not None:
        tag = ch.tag
        if tag == "-text":
            t = ch.text_content
            if t and not t.isspace():
                return True
        elif tag and tag != "a" and tag[0] not in "-!#":
            return True
        ch = ch.next
    return False


class _Renderer:
    """One iterative pass over a subtree: text pieces with block breaks, tables as rows, furniture dropped."""

    def __init__(self, container, hidden_classes, hidden_ids, hidden_ok: bool = False, limit: int = MAX_TEXT,
                 visits: int = MAX_VISITS, maybe_hidden: set[int] | None = None, fast: bool = False):
        self.container_id = container.mem_id if container is not None else None
        self.hidden_classes = hidden_classes
        self.hidden_ids = hidden_ids
        self.hidden_ok = hidden_ok
        self.limit = limit
        self.visits = visits
        self.after_related = False
        self.pieces: list[str] = []
        self.captured: str | None = None     # the container's text, when rendered as if alone (see _parse)
        self.maybe_hidden = maybe_hidden      # ids of the only elements that can be hidden (None: any)
        # link lists judged whole (see _dropped_list): only when the size limit cannot be reached (the caller knows:
        # the text of a page is never longer than its HTML) and the elements that can be hidden are known
        self.fast = fast and maybe_hidden is not None
        self.container_path: set[int] = set()   # the container and its ancestors
        if self.fast and container is not None:
            n = container
            while n is not None:
                self.container_path.add(n.mem_id)
                n = n.parent
        self.fast_budget = 20_000               # nodes a failed judgement may cost, per page (hostile markup)
        self.hidden_sel = _hidden_selector(hidden_classes, hidden_ids)

    def render(self, top) -> None:
        pieces = self.pieces
        append = pieces.append
        frames: list[list] = []
        # the stack holds nodes to enter, and None where the element of the frame on top ends
        stack: list = [top]
        pop = stack.pop
        push = stack.append
        in_link = 0
        in_pre = 0
        in_container = 0
        visited = 0
        out = 0
        limit = self.limit
        max_visits = self.visits
        container_id = self.container_id
        clean_entry = False
        check_hidden = not self.hidden_ok
        hidden_classes = self.hidden_classes
        hidden_ids = self.hidden_ids
        maybe_hidden = self.maybe_hidden
        kind_of = _KIND.get
        ws_sub = _WS.sub
        keep_fn = self._keep
        ext_hint = _EXT_HINT.search       # (_is_attachment_href's first test, made before calling it)
        footer_any = _FOOTER_ANY.search
        head_first = _HEAD_FIRST_OR_BRACKET
        fast = self.fast
        container_path = self.container_path
        dropped_list = self._dropped_list
        while stack:
            node = pop()
            if node is not None:
                # siblings are pushed one at a time (each node pushes the next): no list of children is built
                if node is not top:
                    nxt = node.next
                    if nxt is not None:
                        push(nxt)
                visited += 1
                if visited > max_visits or out > limit:
                    break
                tag = node.tag
                if tag == "-text":
                    t = node.text_content
                    if not t:
                        continue
                    if not in_pre and ("\n" in t or "  " in t or "\t" in t or "\r" in t or "\f" in t):
                        t = ws_sub(" ", t)
                        if t == " ":
                            if pieces and not pieces[-1].endswith((" ", "\n")):
                                append(" ")
                            continue
                    if t[0] in _INFO_FIRST and _info_break(pieces, t):
                        append("\n")      # another field of an info line, run onto the last one
                    append(t)
                    out += len(t)
                    if frames:
                        fr = frames[-1]
                        n = len(t.strip())
                        fr[2] += n
                        if in_link:
                            fr[3] += n
                        if len(fr[6]) < 40:
                            fr[6] += t
                    continue
                kind = kind_of(tag, _K_INLINE)
                if kind == _K_IGNORE or not tag or (kind == _K_INLINE and tag[0] in "-!#"):
                    continue
                mid = node.mem_id
                is_container = mid == container_id
                if not is_container:
                    if kind == _K_SKIP:
                        continue
                    if kind == _K_HEADER and not in_container and not _in_article(node) and _han_count(node) < 200:
                        continue
                    if kind == _K_FORM and len(node.text(deep=True) or "") < 300:
                        continue
                    if check_hidden and (maybe_hidden is None or mid in maybe_hidden) \
                            and _el_hidden(node, hidden_classes, hidden_ids) and not self._holds_container(node):
                        continue
                if kind == _K_BR:
                    append("\n")
                    continue
                if kind == _K_IMG:
                    continue
                items = None
                if kind > _K_A:       # header, form (blocks), or a skip tag that is the container
                    kind = _K_BLOCK if tag in _BLOCK_TAGS else _K_INLINE
                elif kind == _K_BLOCK and fast and tag in _LINK_LIST_TAGS and not in_link and not in_pre \
                        and mid not in container_path:
                    # (both ways give what the walk gives: which is tried first only saves time. A list whose first
                    # item holds more than a link is no list of links alone)
                    is_list = tag == "ul" or tag == "ol"
                    beside = is_list and _beside_link(node)
                    if beside:
                        items = self._list_items(node, max_visits - visited)
                    if items is None and not self.after_related:
                        n = dropped_list(node, max_visits - visited)
                        if n:
                            # the walk would visit its n nodes and then drop it whole, changing nothing else
                            visited += n
                            continue
                    if is_list and not beside:
                        items = self._list_items(node, max_visits - visited)
                if kind >= _K_BLOCK:
                    if kind == _K_A:
                        start = len(pieces)
                    else:
                        append("\n\x1d" if kind == _K_TR else "\n")
                        start = len(pieces) - 1
                elif kind == _K_TD or kind == _K_TH:
                    append("\x1f")
                    start = len(pieces) - 1
                else:
                    start = len(pieces)
                fr = [kind, start, 0, 0, 0, False, "", is_container, False, tag]
                if is_container:
                    clean_entry = not in_link and not in_pre and not self.after_related and not in_container
                    in_container += 1
                    append(_START)
                    fr[1] = len(pieces)
                if kind == _K_A:
                    in_link += 1
                    fr[4] = 1
                    href = node.attrs.get("href")
                    if href and ext_hint(href) and _is_attachment_href(href):
                        fr[5] = True
                elif kind == _K_PRE:
                    in_pre += 1
                frames.append(fr)
                if items is not None:
                    # a list of plain items (a link and a date or note beside it): its nodes rendered as the walk
                    # would, from what _list_items read of them; the list itself ends as any block does
                    visited += items[1]
                    out += self._emit_items(items[0], frames, items[2])
                    push(None)
                    continue
                child = node.child
                if child is not None:
                    if child.tag == "-text" and child.next is None and visited < max_visits and out <= limit:
                        # its only child is a text (<a>, <p>, <span> …): read here as the loop would, and the
                        # element ends at once (no stack round trip)
                        visited += 1
                        t = child.text_content
                        if t:
                            if not in_pre and ("\n" in t or "  " in t or "\t" in t or "\r" in t or "\f" in t):
                                t = ws_sub(" ", t)
                                if t == " ":
                                    if pieces and not pieces[-1].endswith((" ", "\n")):
                                        append(" ")
                                    t = ""
                            if t:
                                if t[0] in _INFO_FIRST and _info_break(pieces, t):
                                    append("\n")
                                append(t)
                                out += len(t)
                                n = len(t.strip())
                                fr[2] += n
                                if in_link:
                                    fr[3] += n
                                if len(fr[6]) < 40:
                                    fr[6] += t
                    else:
                        push(None)
                        push(child)
                        continue
                # the element ends (no child, or its one text was read above)
            # here node is None (the element on top of the frames ends) or an element that just ended above
            fr = frames.pop()
            kind = fr[0]
            if kind == _K_A:
                in_link -= 1
            elif kind == _K_PRE:
                in_pre -= 1
            # elements _keep never drops (and where it changes nothing) are kept without asking it
            if self.after_related:
                keep = keep_fn(fr)
            elif kind == _K_A:
                keep = True
                if "附件" in fr[6] and not fr[7] and not fr[8]:
                    fr[5] = True
            elif kind < _K_CHECKED or not fr[2]:
                keep = True
            elif fr[4] < 3 and fr[2] <= 600 and not fr[5] and not fr[7] and not fr[8] and kind != _K_A \
                    and fr[6].lstrip()[:1] not in head_first and fr[9] != "body" and fr[9] != "html":
                # the common block (under 3 links, no heading word, short): of _keep's tests only the footer one can
                # apply, and it stops at _FOOTER_ANY finding nothing
                keep = footer_any("".join(pieces[fr[1]:])) is None or keep_fn(fr)
            else:
                keep = keep_fn(fr)
            if not keep:
                del pieces[fr[1]:]
            elif kind >= _K_BLOCK:
                if kind == _K_TR:
                    self._close_row(fr[1])
                elif kind != _K_A:
                    append("\n")
            elif kind == _K_TD or kind == _K_TH:
                append("\x1e")
            if fr[7]:
                if clean_entry:
                    self.captured = "".join(pieces[fr[1]:])
                append(_END)
                in_container -= 1
                for f in frames:
                    f[8] = True
            if frames and keep:
                p = frames[-1]
                p[2] += fr[2]
                p[3] += fr[3]
                p[4] += fr[4]
                if fr[5]:
                    p[5] = True
                if len(p[6]) < 40:
                    p[6] += fr[6]
        # unwind (visit cap reached)
        self.pieces = pieces

    def _dropped_list(self, node, room: int) -> int:
        """For a block the walk is about to enter: when the walk would drop it whole as a list of links and change
        nothing else, the number of nodes under it (which the walk would visit), else 0. Judged from C-level calls.

        It is so when the block holds at least three links and no other text, no element between it and its links
        holds three links (nothing inside is dropped: the block's counts are those of all it holds), no link is an
        attachment and no text holds a heading, footer or attachment word (no block inside is dropped and none sets
        after_related), and nothing under it is hidden, skipped, a table part, a <pre>, or the container. Then _keep
        finds links >= 3 and link_chars == chars > 0 at its end and drops it (the list rule); the visits fit in room."""
        if self.fast_budget <= 0:
            return 0
        anchors = node.css("a")
        if len(anchors) < 3:
            return 0
        self.fast_budget -= len(anchors)
        top = node.mem_id
        held: dict[int, int] = {}
        for a in anchors:       # (first: a wrapper of a list fails here, at its third link)
            p = a.parent
            while p is not None:
                pid = p.mem_id
                if pid == top:
                    break
                self.fast_budget -= 1
                c = held.get(pid, 0) + 1
                if c >= 3 or p.tag == "a":
                    return 0
                held[pid] = c
                p = p.parent
            else:
                return 0
        text = node.text(deep=True) or ""
        if "附件" in text or _HEAD_WORD.search(text) is not None or (
                _FOOTER_QUICK.search(text) is not None and _FOOTER_ANY.search(text) is not None):
            return 0
        # every character but spaces is link text (str.split and the walk's str.strip agree on what a space is)
        link_text = "".join([a.text(deep=True) or "" for a in anchors])
        # (the links' texts are the whole text: the same characters, spaces and all; the common menu)
        if link_text != text:
            nonspace = len("".join(text.split()))
            if nonspace == 0 or nonspace != len("".join(link_text.split())):
                return 0
        elif not text or text.isspace():          # (no character but spaces: nonspace == 0)
            return 0
        hrefs = [a.attrs.get("href") or "" for a in anchors]
        # (an attachment's href holds an _EXT_HINT match, which no line break can start or end)
        if _EXT_HINT.search("\n".join(hrefs)) and any(_EXT_HINT.search(h) and _is_attachment_href(h) for h in hrefs):
            return 0
        tags = [d.tag for d in node.traverse(include_text=True)]
        for tag in set(tags):
            if not tag or tag in _NOT_PLAIN or (tag[0] in "-!#" and tag != "-text" and tag != "-comment"):
                return 0
        if not self.hidden_ok:
            for d in node.css(self.hidden_sel):      # (the elements maybe_hidden holds, under it and itself)
                if d.mem_id != top and _el_hidden(d, self.hidden_classes, self.hidden_ids):
                    return 0
        n = len(tags) - 1                        # (the block itself is counted already)
        self.fast_budget -= n
        return n if n <= room else 0

    def _list_items(self, node, room: int) -> tuple[list, int, bool] | None:
        """For a <ul> or <ol> the walk is about to enter (not in a link or <pre>, not holding the container): when
        it holds only <li>s (and texts and comments), each holding only texts, comments and inline elements (<a>,
        <span>, <em> …) that hold one text each, none of them maybe hidden, the items as events for _emit_items and
        the number of nodes under it (which the walk would visit; they fit in room) and whether no footer mark or
        word can be found in what it holds; else None."""
        maybe_hidden = self.maybe_hidden
        check = not self.hidden_ok and bool(maybe_hidden)     # (none can be hidden: no test)
        events: list = []
        add = events.append
        count = 0
        li = node.child
        while li is not None:
            count += 1
            tag = li.tag
            if tag == "-text":
                add((0, li.text_content))
            elif tag == "li":
                if check and li.mem_id in maybe_hidden:
                    return None
                add((1,))
                ch = li.child
                while ch is not None:
                    count += 1
                    ctag = ch.tag
                    if ctag == "-text":
                        add((0, ch.text_content))
                    elif not ctag:
                        return None
                    elif ctag[0] in "-!#":
                        pass             # a comment: the walk passes it by
                    else:
                        k = _K_A if ctag == "a" else _KIND.get(ctag, _K_INLINE)
                        if k != _K_A and k != _K_INLINE and k != _K_CHECKED:
                            return None
                        if check and ch.mem_id in maybe_hidden:
                            return None
                        t = ch.child
                        if t is None or t.tag != "-text" or t.next is not None:
                            return None
                        count += 1
                        attach = False
                        if k == _K_A:
                            href = ch.attrs.get("href")
                            attach = bool(href and _EXT_HINT.search(href) and _is_attachment_href(href))
                        add((3, k, ctag, attach, t.text_content))
                    ch = ch.next
                add((2,))
            elif not tag or tag[0] not in "-!#":
                return None
            li = li.next
        if count > room:
            return None
        # every match of _FOOTER_ANY holds a character _FOOTER_QUICK finds: in none of the texts, in no element's
        quiet = _FOOTER_QUICK.search(node.text(deep=True) or "") is None
        return events, count, quiet

    def _emit_items(self, events: list, frames: list, quiet: bool) -> int:
        """Render the events of _list_items as the walk renders those nodes (the same text rule, frames and end
        judgements; the list's frame on top of frames, no link or <pre> open): the characters of text added."""
        pieces = self.pieces
        append = pieces.append
        keep_fn = self._keep
        ws_sub = _WS.sub
        head_first = _HEAD_FIRST_OR_BRACKET
        skip = 0
        out = 0
        i = -1
        last = len(events) - 4
        for ev in events:
            i += 1
            typ = ev[0]
            if skip:
                skip -= 1
                continue
            if typ == 1 and i <= last and not self.after_related:
                # the common item, <li><a>title</a><span>date</span></li>, whose every test below is known
                # from its two texts: written at once (else its events are rendered one by one, below)
                a, x, end = events[i + 1], events[i + 2], events[i + 3]
                if end[0] == 2 and a[0] == 3 and x[0] == 3 and a[1] == _K_A and x[1] != _K_A and not a[3]:
                    t1, t2 = a[4], x[4]
                    if t1 and t2 and t2[0] not in _INFO_FIRST and "附件" not in t1 \
                            and not _NEEDS_WS(t1) and not _NEEDS_WS(t2):
                        n1, n2 = len(t1.strip()), len(t2.strip())
                        head = t1 + t2 if len(t1) < 40 else t1
                        chars = n1 + n2
                        # the <a> is kept; the inline element is kept (no footer mark or word in its text); so is
                        # the item, unless it is long or starts with a heading word (then _keep is asked)
                        if (x[1] != _K_CHECKED or not n2 or (n2 <= 600 and t2.lstrip()[:1] not in head_first
                                                             and (quiet or _FOOTER_ANY.search(t2) is None))) \
                                and (not chars or (chars <= 600 and head.lstrip()[:1] not in head_first
                                                   and (quiet or _FOOTER_ANY.search("\n" + t1 + t2) is None))):
                            pieces += ("\n", t1, t2, "\n")
                            out += len(t1) + len(t2)
                            p = frames[-1]
                            p[2] += chars
                            p[3] += n1
                            p[4] += 1
                            if len(p[6]) < 40:
                                p[6] += head
                            skip = 3
                            continue
            if typ == 1:                    # an <li> starts
                append("\n")
                frames.append([_K_BLOCK, len(pieces) - 1, 0, 0, 0, False, "", False, False, "li"])
                continue
            if typ == 0:                    # a text, in the list or an item
                fr = frames[-1]
                t = ev[1]
                in_link = False
            elif typ == 3:                  # an inline element holding one text
                k = ev[1]
                fr = [k, len(pieces), 0, 0, 1 if k == _K_A else 0, ev[3], "", False, False, ev[2]]
                t = ev[4]
                in_link = k == _K_A
            else:                           # the <li> ends
                fr = frames.pop()
                t = None
            if t:
                if "\n" in t or "  " in t or "\t" in t or "\r" in t or "\f" in t:
                    t = ws_sub(" ", t)
                    if t == " ":
                        if pieces and not pieces[-1].endswith((" ", "\n")):
                            append(" ")
                        t = ""
                if t:
                    if t[0] in _INFO_FIRST and _info_break(pieces, t):
                        append("\n")
                    append(t)
                    out += len(t)
                    n = len(t.strip())
                    fr[2] += n
                    if in_link:
                        fr[3] += n
                    if len(fr[6]) < 40:
                        fr[6] += t
            if typ == 0:
                continue
            # the element ends (as at the end of render's loop)
            kind = fr[0]
            if self.after_related:
                keep = keep_fn(fr)
            elif kind == _K_A:
                keep = True
                if "附件" in fr[6]:
                    fr[5] = True
            elif kind < _K_CHECKED or not fr[2]:
                keep = True
            elif fr[4] < 3 and fr[2] <= 600 and not fr[5] and fr[6].lstrip()[:1] not in head_first:
                keep = quiet or _FOOTER_ANY.search("".join(pieces[fr[1]:])) is None or keep_fn(fr)
            else:
                keep = keep_fn(fr)
            if not keep:
                del pieces[fr[1]:]
            elif kind == _K_BLOCK:
                append("\n")
            if keep:
                p = frames[-1]
                p[2] += fr[2]
                p[3] += fr[3]
                p[4] += fr[4]
                if fr[5]:
                    p[5] = True
                if len(p[6]) < 40:
                    p[6] += fr[6]
        return out

    def _holds_container(self, node) -> bool:
        if self.container_id is None:
            return False
        for n in node.traverse():
            if n.mem_id == self.container_id:
                return True
        return False

    def _keep(self, fr: list) -> bool:
        """False for blocks that are page furniture: link farms, related/prev-next lists, breadcrumbs, footers."""
        tag = fr[9]
        if fr[7] or fr[8] or tag == "body" or tag == "html":
            return True
        chars = fr[2]
        link_chars = fr[3]
        if self.after_related and tag != "a" and chars:
            if link_chars >= 0.6 * chars:
                return False
            if chars - link_chars >= 6:
                self.after_related = False
        if tag == "a":
            if "附件" in fr[6]:
                fr[5] = True
            return True
        if chars == 0 or (tag not in _BLOCK_TAGS and tag != "td" and tag != "span" and tag != "font"):
            return True
        links = fr[4]
        attach = fr[5]
        if links >= 3 and not attach:
            # a link farm: many links, mostly link text, short anchors
            if links >= 5 and link_chars >= 0.6 * chars and link_chars / links <= 16:
                return False
            # a list of links (other articles, a menu): never part of a policy text
            if tag in _LIST_TAGS and link_chars >= 0.8 * chars:
                return False
        # the heading words below all start with a character of _HEAD_FIRST (after an optional bracket)
        head = fr[6].lstrip()
        c = head[:1]
        if c in _HEAD_FIRST_OR_BRACKET:
            if c == "【" or c == "[":
                c = head[1:].lstrip()[:1]
            if c in _HEAD_FIRST:
                if chars <= 400 and _PREVNEXT_START.match(head):
                    return False
                if chars <= 120 and _FURNITURE_START.match(head):
                    return False
                if _RELATED_START.match(head):
                    if links >= 2 and link_chars >= 0.4 * chars:
                        return False
                    if chars <= 30 and links <= 1:
                        # a heading alone ('相关链接'): the link lists that follow it go too
                        self.after_related = True
                        return False
        if chars <= 600 and not attach:
            txt = "".join(self.pieces[fr[1]:])
            if _FOOTER_ANY.search(txt) is None:
                return True         # neither a footer mark nor a footer word
            soft = _FOOTER_SOFT.findall(txt)
            if (soft or chars <= 200) and _FOOTER_MARK.search(txt):
                return False
            if len(soft) >= 3 and len(set(soft)) >= 3:
                return False
        return True

    def _close_row(self, start: int) -> None:
        """Rewrite the pieces of one <tr> as a line 'cell | cell' (data table) or as lines (layout table)."""
        raw = "".join(self.pieces[start:])
        raw = raw.replace("\x1d", "")
        cells: list[str] = []
        for part in raw.split("\x1f"):
            part = part.replace("\x1e", "")
            cells.append(part)
        cells = [c for c in cells]
        texts = [re.sub(r"\s+", " ", c).strip() for c in cells]
        texts = [t for t in texts if t]
        layout = any(len(c) > 300 or c.count("\n") > 3 for c in cells) or len(texts) <= 1
        if layout:
            joined = "\n".join(c.strip("\n") for c in cells if c.strip())
        else:
            joined = " | ".join(texts)
        del self.pieces[start:]
        self.pieces.append("\n" + joined + "\n")

    def container_text(self) -> str | None:
        """The container's text, or None when it was not rendered (outside the subtree, or cut off)."""
        full = "".join(self.pieces)
        a = full.find(_START)
        if a < 0:
            return None
        b = full.find(_END, a + 1)
        if b < 0:               # cut off by the size limit
            b = len(full)
        return full[a + 1:b].replace(_START, "").replace(_END, "")

    def page_text(self) -> str:
        return "".join(self.pieces).replace(_START, "").replace(_END, "")


_WS = re.compile(r"[ \t\r\n\f]+")
# does a text hold what the walk's text rule collapses ('\n', '  ', '\t', '\r', '\f')?
_NEEDS_WS = re.compile(r"[\n\t\r\f]|  ").search
_START, _END = "\x02", "\x03"     # the container's span in the rendered pieces


# ================================================================== text cleaning

def _rx(pattern: str) -> re.Pattern:
    """A pattern whose \\s never crosses a line."""
    return re.compile(pattern.replace(r"\s", r"[^\S\n]"), re.M)


# (guard, pattern): the pattern runs only when one of the guard strings occurs in the text (speed on huge pages);
# every pattern starts with a literal so the regex engine can skip ahead.
_INLINE_FURNITURE = [
    (("字体", "字号", "字號"), _rx(r"字[体號号]\s*[:：]?\s*[【\[〖(（]?\s*[大中小]\s*[】\]]?\s*[【\[]?\s*[中小大]\s*[】\]]?\s*"
                                 r"[【\[]?\s*[小中大]?\s*[】\]〗)）]?")),
    (("中",), _rx(r"[【\[(（〖]\s*大\s*[|｜]?\s*中\s*[|｜]?\s*小\s*[】\])）〗]")),
    (("打印", "关闭", "收藏", "返回", "纠错", "分享"),       # (every word of it holds one)
     _rx(r"[【\[]\s*(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部|纠错|我要纠错|分享|加入收藏)\s*[】\]]")),
    (("打印", "关闭", "收藏", "返回", "纠错", "扫一扫"),
     _rx(r"(?:打印本页|打印此页|关闭窗口|关闭本页|返回顶部|加入收藏|我要纠错|扫一扫在手机打开当前页|扫一扫在手机上查看当前页面)")),
    (("分享到",), _rx(r"分享到\s*[:：]?[^\n。]{0,30}?(?=$|\n)")),
    (("今天是",), _rx(r"今天是\s*[:：]?\s*\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?\s*"
                     r"(?:[星期周礼拜]{1,2}[一二三四五六日天])?")),
    (("今天是",), _rx(r"今天是\s*[:：]?\s*(?:[星期周]{1,2}[一二三四五六日天])")),
]
_SIZE_BRACKETS = _INLINE_FURNITURE[1][1]
assert _INLINE_FURNITURE[1][0] == ("中",) and _SIZE_BRACKETS.pattern.startswith(r"[【\[(（〖][^\S\n]*大[^\S\n]*[|｜]?[^\S\n]*中")
_BIG_MID = _rx(r"大\s*[|｜]?\s*中")
_BRACKETED_BUTTONS = _INLINE_FURNITURE[2][1]
assert _BRACKETED_BUTTONS.pattern.startswith(r"[【\[][^\S\n]*(?:打印本页")
_COUNTER_GUARD = ("点击", "浏览", "阅读", "访问", "點擊", "瀏覽", "閱讀")
_COUNTER_WORDS = ("点击量|点击数|点击次数|点击率|浏览次数|浏览量|浏览数|阅读数|阅读量|阅读次数|访问量|访问次数|"
                  "點擊量|點擊數|點擊次數|瀏覽次數|瀏覽量|閱讀數|閱讀量")
_COUNTER_CUES = "阅读|閱讀|浏览|瀏覽|点击|點擊"
_COUNTER_TAIL = r"\s*(?:[:：]\s*(?:\d+|\[\s*\d*\s*\]|\{[^}]*\})?|\d+)"


def _first_char_form(words: str) -> str:
    """'ab|ac|d' → '(?:(?<=a)b|(?<=a)c|(?<=d))', to follow a class of the first characters that has consumed one:
    the same matches (same start, same alternative first), but the regex engine skips ahead on the class."""
    return "(?:" + "|".join(f"(?<={re.escape(w[0])}){re.escape(w[1:])}" for w in words.split("|")) + ")"


def _first_chars(*words: str) -> str:
    return "[" + "".join(sorted({w[0] for ws in words for w in ws.split("|")})) + "]"


_HEAD_WORD = re.compile(_first_chars(_HEAD_WORDS) + _first_char_form(_HEAD_WORDS))
_COUNTER_SLOW = _rx(rf"(?:(?:{_COUNTER_WORDS}){_COUNTER_TAIL}|(?:{_COUNTER_CUES})\s*[:：]\s*\d+)\s*次?")
_COUNTER = _rx(rf"{_first_chars(_COUNTER_WORDS, _COUNTER_CUES)}(?:{_first_char_form(_COUNTER_WORDS)}{_COUNTER_TAIL}"
               rf"|{_first_char_form(_COUNTER_CUES)}\s*[:：]\s*\d+)\s*次?")
_EMPTY_BRACKETS_SLOW = _rx(r"[【\[〖]\s*[】\]〗]|[【\[〖]\s*$|^\s*[】\]〗]|[【〖]\s*(?=[【〖])")
# the same matches, written to start with one character class (the engine skips ahead to brackets and spaces)
_SPACE_CHARS = "".join(re.escape(chr(c)) for c in range(0x3001) if c != 10 and re.match(r"\s", chr(c)))   # \s but \n
_EMPTY_BRACKETS = _rx(rf"[【\[〖】\]〗{_SPACE_CHARS}](?:(?<=[【\[〖])\s*[】\]〗]|(?<=[【\[〖])\s*$|(?<=^\s)\s*[】\]〗]|(?<=^[】\]〗])"
                      r"|(?<=[【〖])\s*(?=[【〖]))")
# a breadcrumb without its label: '首页 > 政策文件 > 通知'
_BREADCRUMB = re.compile(r"^\s*(?:首页|网站首页|主页|门户首页|Home)\s*(?:[>»＞›/|]|&gt;)[^。；\n]{0,80}$", re.I)
# SEO spam injected into hacked pages: strong markers, and weak ones that count only together
_SPAM_STRONG_SLOW = re.compile(
    r"毛片|无码|(?<!中)日韩|一区二区|二区三区|在线观看|在线播放|高清视频|免费视频|成人视频|色情|黄色网站|"
    r"网站大全|九九热|99热|蜘蛛池|博彩|赌场|娱乐城|百家乐|真人娱乐|六合彩|时时彩|彩票网|体育投注|"
    r"(?<![A-Za-z])av(?:片|在线|网站|女优)|女优|福利网|深夜福利|开户送|澳门新葡京|威尼斯人|太阳城|自拍|偷拍", re.I)
_SPAM_WORDS_1 = "毛片|无码"
_SPAM_WORDS_2 = ("一区二区|二区三区|在线观看|在线播放|高清视频|免费视频|成人视频|色情|黄色网站|网站大全|九九热|99热|蜘蛛池|博彩|"
                 "赌场|娱乐城|百家乐|真人娱乐|六合彩|时时彩|彩票网|体育投注")
_SPAM_WORDS_3 = "女优|福利网|深夜福利|开户送|澳门新葡京|威尼斯人|太阳城|自拍|偷拍"
# the same matches, written to start with one character class (see _first_char_form): a whole page is searched
_SPAM_STRONG = re.compile(
    _first_chars(_SPAM_WORDS_1, "日", _SPAM_WORDS_2, "a", _SPAM_WORDS_3)
    + "(?:" + _first_char_form(_SPAM_WORDS_1) + "|(?<=日)(?<!中日)韩|" + _first_char_form(_SPAM_WORDS_2)
    + "|(?<=a)(?<![A-Za-z]a)v(?:片|在线|网站|女优)|" + _first_char_form(_SPAM_WORDS_3) + ")", re.I)
# a quick test before _SPAM_STRONG on whole texts: each word found by its rarest character in policy texts (counted
# on the golden corpus), the rest checked around it; it matches wherever _SPAM_STRONG does (and a little more: 中日韩,
# 'av' inside a word), so a text it finds nothing in holds no marker. Common first characters (一 在 高 成 时 …)
# make _SPAM_STRONG try its branches at many places; the anchors are rare.
_SPAM_ANCHORS = {"毛片": 0, "无码": 1, "一区二区": 2, "二区三区": 0, "在线观看": 2, "在线播放": 2, "高清视频": 1, "免费视频": 3,
                 "成人视频": 3, "色情": 1, "黄色网站": 0, "网站大全": 1, "九九热": 2, "99热": 2, "蜘蛛池": 0, "博彩": 1,
                 "赌场": 0, "娱乐城": 0, "百家乐": 2, "真人娱乐": 2, "六合彩": 2, "时时彩": 2, "彩票网": 0, "体育投注": 1,
                 "女优": 0, "福利网": 0, "深夜福利": 2, "开户送": 2, "澳门新葡京": 0, "威尼斯人": 1, "太阳城": 0, "自拍": 1,
                 "偷拍": 0, "日韩": 1}
assert set(_SPAM_ANCHORS) == set(f"{_SPAM_WORDS_1}|{_SPAM_WORDS_2}|{_SPAM_WORDS_3}".split("|")) | {"日韩"}
_SPAM_QUICK_I = re.compile(
    "[" + "".join(sorted({w[k] for w, k in _SPAM_ANCHORS.items()} | {"v"})) + "](?:"
    + "|".join(f"(?<={re.escape(w[:k + 1])})(?={re.escape(w[k + 1:])})" for w, k in _SPAM_ANCHORS.items())
    + "|(?<=av)(?=片|在线|网站|女优))", re.I)
# the same matches without re.I, which makes the engine fold every character it looks at (the words are Chinese but
# for 'av', and no character but a/A and v/V matches a or v ignoring case: test_page checks it)
# Written as one branch an anchor, each starting with the anchor itself (not a class followed by all the words'
# tests): the engine skips ahead on the branches' first characters as on a class, and at an anchor tries only its
# own words. The same matches (the anchor, where the word around it is).
_SPAM_BY_ANCHOR: dict[str, list[str]] = {}
for _w, _k in _SPAM_ANCHORS.items():
    _SPAM_BY_ANCHOR.setdefault(_w[_k], []).append(f"(?<={re.escape(_w[:_k + 1])})(?={re.escape(_w[_k + 1:])})")
_SPAM_BY_ANCHOR.setdefault("v", []).append("(?<=[aA]v)(?=片|在线|网站|女优)")
_SPAM_BY_ANCHOR.setdefault("V", []).append("(?<=[aA]V)(?=片|在线|网站|女优)")
_SPAM_QUICK = re.compile("|".join(f"{re.escape(c)}(?:{'|'.join(bs)})" for c, bs in _SPAM_BY_ANCHOR.items()))
del _w, _k
_SPAM_WEAK = re.compile(r"免费|观看|精品|在线|高清|福利|久久|亚洲|欧美|国产|视频|影院|电影|直播|激情|午夜|网址")


def _is_spam(line: str) -> bool:
    """A line of injected SEO spam: strong markers and no sentence of a real text."""
    strong = len(_SPAM_STRONG.findall(line))
    if not strong:
        return False
    if strong >= 2 or not re.search(r"[。；]", line):
        return True
    return strong + len(_SPAM_WEAK.findall(line)) >= 5


_ONLY_PUNCT = re.compile(rf"^[\s|｜\-—_=*·•.,，。:：;；/\\()（）【】\[\]<>《》>]*$")
_LINE_FURNITURE = re.compile(
    r"^\s*(?:[【\[]?\s*(?:返回|返回列表|返回首页|首页|移动版|手机版|无障碍|无障碍浏览|长者模式|繁体|简体|繁體|English|登录|注册|"
    r"打印|关闭|收藏|分享|微信|微博|我要投稿|更多|更多>>|更多>|MORE|more|相关阅读|相关链接|相关文章|相关新闻|推荐阅读|相关推荐|"
    r"延伸阅读|热点推荐|新发产品|关键词|关键字|标签|TAG|Tags)\s*[】\]]?\s*(?:更多)?\s*[>»]*\s*[|｜/]?\s*)+$", re.I)


# every guard word but '中', longest first: a guard occurring in a text lies inside a word findall returns (no guard
# word ends with the start of another, so none is hidden by an overlapping match; test_page checks it)
_GUARD_WORDS = sorted({g for gs, _ in _INLINE_FURNITURE for g in gs} - {"中"} | set(_COUNTER_GUARD),
                      key=lambda w: (-len(w), w))
_GUARD_RX = re.compile("|".join(map(re.escape, _GUARD_WORDS)))
# (written to start with a class of first characters, as other patterns here are, it is slower: 分, 关, 打 … are common)

# a line dropped whole: only punctuation, a furniture line, a breadcrumb (the three patterns in one: one call a line)
_DROP_LINE = re.compile(f"(?:{_ONLY_PUNCT.pattern})|(?i:{_LINE_FURNITURE.pattern})|(?i:{_BREADCRUMB.pattern})")
assert _ONLY_PUNCT.flags == re.U and _LINE_FURNITURE.flags == _BREADCRUMB.flags == re.U | re.I
# the characters a line _DROP_LINE matches can start with (lines are stripped, so no space comes first): those of the
# punctuation class, an opening bracket, the first of a furniture or breadcrumb word (its Latin letters in both
# cases: no other character matches them ignoring case, test_page checks it)
_DROP_FIRST = frozenset("|｜-—_=*·•.,，。:：;；/\\()（）【】[]<>《》>") | {
    c for w in _head_words(_LINE_FURNITURE, _BREADCRUMB) for c in (w[0], w[0].lower(), w[0].upper())}


def _clean_lines(text: str, keep_counters: bool = False) -> str:
    text = text.replace("\x1f", " ").replace("\x1e", " ").replace("\x1d", "")
    # the guard words found in one pass ('中' apart: it is everywhere). A guard found here may be gone after an
    # earlier substitution: the pattern then runs and matches nothing (each of its matches holds a guard word)
    found = _GUARD_RX.findall(text)
    if found or "中" in text:
        hay = "\x00".join(set(found)) + ("\x00中" if "中" in text else "")
        for guards, rx in _INLINE_FURNITURE:
            for g in guards:
                if g in hay:
                    # (the 大中小 pattern, whose guard 中 is everywhere: first the part every match of it holds,
                    # found fast as it starts with a literal)
                    if rx is _SIZE_BRACKETS:
                        if _BIG_MID.search(text) is not None:
                            text = rx.sub(" ", text)
                    elif rx is not _BRACKETED_BUTTONS or "【" in text or "[" in text:     # (it starts with one)
                        text = rx.sub(" ", text)
                    break
        if not keep_counters:
            for g in _COUNTER_GUARD:
                if g in hay:
                    text = _COUNTER.sub(" ", text)
                    break
    if "【" in text or "[" in text or "〖" in text:
        text = _EMPTY_BRACKETS.sub(" ", text)
    drop = _DROP_LINE.match
    # a line matches the spam markers only if the whole text does (the markers never span a line break)
    if _SPAM_QUICK.search(text) is None or _SPAM_STRONG.search(text) is None:
        first = _DROP_FIRST           # (drop's first test, made before calling it)
        return "\n".join([s for s in map(str.strip, text.split("\n")) if s and (s[0] not in first or drop(s) is None)])
    out = []
    quick = _SPAM_QUICK.search      # (it finds a marker wherever _SPAM_STRONG does, faster: a test first)
    for line in text.split("\n"):
        s = line.strip()
        if not s or drop(s) or (len(s) < 400 and quick(s) is not None and _SPAM_STRONG.search(s) and _is_spam(s)):
            continue
        out.append(s)
    return "\n".join(out)


def _light(text: str) -> str:
    """Simplified and width-folded, spaces collapsed, lines kept as they are (no joining): for metadata search."""
    text = to_simplified(fold_width(text))
    if "  " in text or "\t" in text:      # (every match of _SPACE_RUN holds one of them)
        text = _SPACE_RUN.sub(" ", text)
    return "\n".join(map(str.strip, text.split("\n")))


# runs of spaces and tabs → one space: the same result as [ \t]+, without touching the many single spaces
_SPACE_RUN = re.compile(r" [ \t]+|\t[ \t]*")


def _clean_text(raw: str) -> str:
    # folded before _clean_lines, which only removes text and adds spaces and line breaks: still folded
    folded = fold_width(raw)
    simple = to_simplified(folded)
    if simple is folded:
        # to_simplified returned its text itself: it holds no Han character, or no character of a key t2s would
        # replace; _clean_lines only removes text and adds spaces and line breaks, so neither does its result
        return normalize_simplified(_clean_lines(simple))
    return normalize_folded(_clean_lines(simple))


# ================================================================== title

_TITLE_SEP = re.compile(r"\s*(?:_{1,2}|\s[-–—|｜]\s|--|——|－)\s*")


def _clean_title(t: str | None) -> str | None:
    if not t:
        return None
    t = normalize(re.sub(r"\s+", " ", t)).replace("\n", " ").strip()
    return t or None


def _strip_site(t: str) -> str:
    """'Title_Column_Site' or 'Title - Site' → 'Title'."""
    parts = _TITLE_SEP.split(t)
    while len(parts) > 1:
        tail = parts[-1]
        head = " ".join(parts[:-1])
        if len(tail) <= 30 and len(tail) < len(head) + 4 and len(head) >= 4:
            parts = parts[:-1]
        else:
            break
    if len(parts) == 1:
        return parts[0]
    # keep the separators of what remains
    m = t.find(parts[-1])
    return t[:m + len(parts[-1])].strip() if m >= 0 else " ".join(parts)


def _shares(a: str, b: str, n: int = 4) -> bool:
    """Do a and b share a run of n characters?"""
    if len(a) < n or len(b) < n:
        return a in b or b in a
    return any(a[i:i + n] in b for i in range(len(a) - n + 1))


def _title(metas, container, raw_title, tree, hidden_classes, hidden_ids) -> str | None:
    for key in ("articletitle", "og:title", "dc.title", "twitter:title"):
        v = _clean_title(metas.get(key))
        if v:
            return v
    if container is not None:
        for sel in ("h1", "h2"):
            try:
                h = container.css_first(sel)
            except Exception:  # noqa: BLE001
                h = None
            v = _clean_title(_node_text(h)) if h is not None else None
            if v and len(v) >= 4:
                return v
    page_title = _clean_title(raw_title)
    if page_title and _is_spam(page_title):       # a hijacked <title>
        page_title = None
    stripped = _strip_site(page_title) if page_title else None
    heads = []
    for h in tree.css("h1, h2, .title, .article-title, .tit, #title, .xxgk_title, .article_title, .detail-title")[:200]:
        if _is_hidden_subtree(h, hidden_classes, hidden_ids) or _in_banner(h):
            continue
        v = _clean_title(_node_text(h))
        if v and 6 <= len(v) <= 200 and not _is_spam(v):
            heads.append((h.tag, v))
    # a heading the <title> starts with ('Heading_Column_Site') or that starts like the <title> (truncated); the
    # heading that is the <title> itself first. A heading much shorter than the title it opens is no title: the
    # site's or the body's name a title often opens with (<h1>南宁市大数据发展局</h1> in the page header)
    if stripped:
        for _, v in heads:
            if v == stripped:
                return v
        for _, v in heads:
            if stripped.startswith(v) and len(v) < 0.5 * len(stripped):
                continue
            if stripped.startswith(v[:12]) or v.startswith(stripped[:12]) or \
                    (v in page_title and len(v) >= 0.4 * len(page_title)):
                return v
    # the <title> matches no heading (generic, or hijacked): the heading right above the body
    near = _heading_before(container, hidden_classes, hidden_ids) if container is not None else None
    if near:
        return near
    # a single h1 that has nothing in common with the <title>: the <title> is generic or was hijacked
    h1s = [v for tag, v in heads if tag == "h1"]
    if len(h1s) == 1 and (not page_title or not _shares(h1s[0], page_title)):
        return h1s[0]
    if stripped:
        return stripped
    return _clean_title(metas.get("title")) or (heads[0][1] if heads else None)


_SEVERAL_BODIES = re.compile(r"\S[\s、，,;；]+\S")     # 国家发展改革委　国家数据局: bodies issuing together
_BANNER = re.compile(r"(?:^|[\s_-])(?:logo|site-?name|sitename|banner|brand|masthead)(?:$|[\s_-])", re.I)


def _in_banner(node) -> bool:
    """Is the node the site's logo or masthead (a heading that names the site, not the article)?"""
    n = node
    for _ in range(8):
        if n is None or n.tag in ("body", "html"):
            return False
        if n.tag in ("header", "nav") and not _in_article(n):
            return True
        a = n.attributes or {}
        if _BANNER.search(f"{a.get('class') or ''} {a.get('id') or ''}"):
            return True
        n = n.parent
    return False


_HEADING_SEL = "h1, h2, h3, [class*=tit], [class*=Tit], [class*=TIT], [id*=tit], [id*=Tit], strong"


def _link_heavy(node) -> bool:
    """Is most of the node's text link text (a box of links: a sidebar, a menu)?"""
    try:
        total = len((node.text(deep=True) or "").strip())
        if total == 0:
            return False
        links = sum(len((a.text(deep=True) or "").strip()) for a in node.css("a")[:200])
    except Exception:  # noqa: BLE001
        return False
    return links >= 0.5 * total


def _heading_before(container, hidden_classes, hidden_ids) -> str | None:
    """The title-like line just before the body container (its previous siblings, then its parents' ones)."""
    node = container
    for _ in range(4):
        sib = node.prev
        steps = 0
        while sib is not None and steps < 8:
            steps += 1
            tag = sib.tag or ""
            if tag and tag[0] not in "-#!" and tag not in _SKIP_TAGS and not _el_hidden(sib, hidden_classes, hidden_ids) \
                    and not _in_banner(sib) and not _link_heavy(sib):
                cands = [sib] if tag in ("h1", "h2", "h3") else []
                try:
                    cands += sib.css(_HEADING_SEL)[:30]
                except Exception:  # noqa: BLE001
                    pass
                for c in reversed(cands):
                    v = _clean_title(_node_text(c))
                    if v and 6 <= len(v) <= 120 and not _is_spam(v) and not re.search(r"[。；：:]$", v) \
                            and not _RELATED_START.match(v) and not _FURNITURE_START.match(v):
                        return v
            sib = sib.prev
        node = node.parent
        if node is None or node.tag in ("body", "html"):
            break
    return None


def _node_text(node) -> str | None:
    if node is None:
        return None
    try:
        t = node.text(deep=True, separator=" ")
    except Exception:  # noqa: BLE001
        return None
    t = re.sub(r"\s+", " ", t or "").strip()
    return t or None


# ================================================================== dates

_DATE = re.compile(r"((?:19|20)\d{2})\s*(?:[-/.年]|\s)\s*(\d{1,2})\s*(?:[-/.月]|\s)\s*(\d{1,2})(?!\d)")
_DATE_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _first_date(s: str | None) -> str | None:
    """The first valid date in a string (meta values may hold two datetimes; firstpublishedtime 2026-05-12-10:30:00)."""
    if not s:
        return None
    s = fold_width(s)
    for m in _DATE.finditer(s):
        iso = _iso(*m.groups())
        if iso:
            return iso
    m = _DATE_COMPACT.search(s)
    if m:
        return _iso(*m.groups())
    if re.fullmatch(r"\s*\d{10}(?:\d{3})?\s*", s):     # epoch seconds / milliseconds
        from datetime import datetime, timedelta, timezone
        v = int(s.strip())
        if v > 10**11:
            v //= 1000
        try:
            return datetime.fromtimestamp(v, tz=timezone(timedelta(hours=8))).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    return None


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT["零"] = 0
_CN_DIGIT["○"] = 0
_CN_DIGIT["Ｏ"] = 0
_CN_DIGIT["O"] = 0
_CN_DATE = re.compile(r"^([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
_AR_DATE = re.compile(r"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$")


def _cn_small(s: str) -> int | None:
    """一..三十一 → int."""
    if "十" not in s:
        return _CN_DIGIT.get(s) if len(s) == 1 else None
    a, _, b = s.partition("十")
    tens = _CN_DIGIT.get(a, 0) if a else 1
    ones = _CN_DIGIT.get(b, 0) if b else 0
    return tens * 10 + ones


def _signature_date(text: str) -> str | None:
    """The date under the signature at the end of a document ('二〇二六年六月十二日'): its written date."""
    lines = [ln.strip() for ln in text.rstrip().split("\n")[-6:] if ln.strip()]
    for line in reversed(lines):
        line = line.replace(" ", "")
        m = _AR_DATE.match(line)
        if m:
            return _iso(*m.groups())
        m = _CN_DATE.match(line)
        if m:
            y = "".join(str(_CN_DIGIT[c]) for c in m.group(1))
            mo, d = _cn_small(m.group(2)), _cn_small(m.group(3))
            if mo and d:
                return _iso(y, str(mo), str(d))
    return None


_URL_DATES = (
    re.compile(r"[/_-]t((?:19|20)\d{2})(\d{2})(\d{2})_"),                     # TRS: t20250512_123.html
    re.compile(r"/art/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"),                # Hanweb
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})-(\d{1,2})/"),                    # /2025/05-12/
    re.compile(r"/((?:19|20)\d{2})-(\d{1,2})/(\d{1,2})/"),                    # /2025-05/12/
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/"),                          # /20250512/
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/"),                         # /2025/0512/
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"),                    # /2025/5/12/
    re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})[_-]?\d*\.s?html?"),     # /20250512_1.html
)
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])/")


def _date_from_url(url: str) -> str | None:
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        path = url
    for rx in _URL_DATES:
        m = rx.search(path)
        if m:
            iso = _iso(*m.groups())
            if iso:
                return iso
    return None


def _month_from_url(url: str) -> str | None:
    """'/202505/' → '2025-05': a month only, kept apart (a guessed day would beat a list's exact date)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        path = url or ""
    m = _URL_MONTH.search(path)
    return f"{m.group(1)}-{m.group(2)}" if m else None


_CLOCK = re.compile(r"今天是[^\n]{0,30}")
_DATE_VALUE = r"[\[【(]?\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
_PUB_LABEL = re.compile(r"(?:发布日期|发布时间|发文日期|公开日期|公布日期|发布于|更新时间|更新日期|发表时间|发表日期)\s*[:：]?\s*"
                        + _DATE_VALUE)
_ANY_LABEL = re.compile(r"(?:时间|日期)\s*[:：]\s*" + _DATE_VALUE)
_NOT_PUB = re.compile(r"(?:成文|印发|施行|生效|有效|截止|申报|报名|开始|结束|会议|活动|培训|举办|受理|办理|实施|执行|起止|"
                      r"开放|评审|公示|领取|使用|兑付|提交|服务|工作|考试|报到|缴费|入选|认定)$")


def _date_near_title(page: str, title: str | None) -> str | None:
    """A date line near the title: '发布时间：2025-03-14', '2025年03月14日 来源：…', or a bare date line."""
    if not page:
        return None
    text = _CLOCK.sub(" ", page)
    start = 0
    if title:
        k = text.find(title[:20])
        if k >= 0:
            start = k
    window = text[start:start + 1500]
    for rx_text in (window, text[:8000]):
        for m in _PUB_LABEL.finditer(rx_text):
            iso = _first_date(m.group(1))
            if iso:
                return iso
    lines = [ln.strip() for ln in window.split("\n")[:8]]
    # '时间：2025-03-14' on a short line right under the title, not '申报时间：…'
    for line in lines[:5]:
        if len(line) > 80:
            continue
        for m in _ANY_LABEL.finditer(line):
            if _NOT_PUB.search(line[max(0, m.start() - 4):m.start()]):
                continue
            iso = _first_date(m.group(1))
            if iso:
                return iso
    # a short line holding a date and a source/author/view cue, or a bare date line
    for line in lines:
        if len(line) > 120:
            continue
        m = _DATE.search(line)
        if not m:
            continue
        rest = _DATE.sub("", line)
        if re.search(r"来源|作者|发布|浏览|点击|阅读|编辑|责任", rest) or \
                len(re.sub(r"[\s\d:：\-\[\]【】()]", "", rest)) == 0:
            iso = _iso(*m.groups())
            if iso:
                return iso
    return None


# ================================================================== info tables and the source line

_LABELS: list[tuple[str, re.Pattern]] = [
    ("index_number", re.compile(r"^(?:索引号|索\s*引\s*号|信息索引号|索引編號)$")),
    ("doc_number", re.compile(r"^(?:发文字号|文号|发文文号|文件编号|文件字号|发文编号|字号|发文号|文件文号)$")),
    ("issuer", re.compile(r"^(?:发文机关|发文单位|发布机构|发布机关|发布单位|制发机关|成文机关|发文机构|颁布机关|制定机关|"
                          r"公开主体|发布主体|所属机构|责任部门|发布部门|主办部门|联合发文单位)$")),
    ("source", re.compile(r"^(?:信息来源|来源|文章来源|稿件来源)$")),
    ("written_date", re.compile(r"^(?:成文日期|成文时间|印发日期|发文日期|签发日期|制发日期)$")),
    ("published", re.compile(r"^(?:发布日期|发布时间|公开日期|公布日期|公开时间|生成日期|信息公开日期)$")),
    ("topic", re.compile(r"^(?:主题分类|主题词|分类|主题|所属主题|体裁分类|信息分类|文种)$")),
    ("valid", re.compile(r"^(?:有效性|时效性|效力状态|有效状态|是否有效|实施日期|施行日期|生效日期|有效期)$")),
    ("title", re.compile(r"^(?:标题|名称|文件名称|公文标题)$")),
]
_LABEL_CELL = re.compile(rf"^\s*([{CJK}][{CJK}\s]{{0,9}}?)\s*[:：]\s*(.*)$")


def _label_key(label: str) -> str | None:
    lab = "".join(label.split()) if not label.isalnum() else label     # = re.sub(r"\s+", "", label)
    if len(lab) > _LABEL_MAX:
        return None
    key = _LABEL_KEYS.get(lab, _MISSING)
    if key is _MISSING:
        key = None
        for k, rx in _LABELS:
            if rx.match(lab):
                key = k
                break
        if len(_LABEL_KEYS) < 4096:
            _LABEL_KEYS[lab] = key
    return key


# the longest label _LABELS accept (every pattern is a list of words): longer cells are no labels
_LABEL_MAX = max(len(w) for _, rx in _LABELS
                 for w in re.sub(r"\\s\*", "", rx.pattern).strip("^$").strip("(?:)").split("|"))
_MISSING = object()
_LABEL_KEYS: dict[str, str | None] = {}     # label (spaces removed) → key, as _LABELS decide: a memo


def _info_fields(page: str) -> dict:
    """Label/value pairs of info tables ('发文字号 | 深工信规〔2025〕3号 | 成文日期 | 2025-03-10') and labelled lines."""
    found: dict = {}
    labels: dict[str, str] = {}
    lines = page.split("\n")
    label_key = _label_key
    max_label = _LABEL_MAX
    # the lines the loop below can take a label from: those holding a colon or ' | ', and those that may be a label
    # alone, with at most max_label characters but spaces: a line of printable characters (its only space ' ') with
    # no two spaces together holds at most n + 1 spaces beside its n other characters
    short = 2 * max_label + 1
    todo = [n for n, line in enumerate(lines) if len(line) <= short or ":" in line or "：" in line or " | " in line
            or "  " in line or not line.isprintable()]
    for n in todo:
        line = lines[n]
        if len(line) > 600:
            continue
        if " | " not in line:
            if ":" not in line and "：" not in line:
                # one cell, no label in it: nothing below could take it (the common line). _label_key's own
                # length test first, without the call
                s = line.strip()
                # (printable and no ' ': no space at all, so the text without spaces is s itself)
                if len(s) > max_label and (s.isalnum() or (" " not in s and s.isprintable())
                                           or len("".join(s.split())) > max_label):
                    continue
                if label_key(s) is None:
                    continue
            else:
                # one cell holding a colon, which _split_labelled leaves whole when it finds no inline label: then
                # its label (before the colon, or the cell) is the loop's only key (the common line, skipped here)
                s = line.strip()
                if _INLINE_LABEL.search(s) is None:
                    m = _LABEL_CELL.match(s)
                    if label_key(m.group(1) if m else s) is None:
                        continue
            cells = [line.strip()]
        else:
            cells = [c.strip() for c in line.split(" | ")]
        # split 'a：x b：y' cells on known labels too
        expanded: list[str] = []
        for c in cells:
            expanded.extend(_split_labelled(c))
        i = 0
        while i < len(expanded):
            c = expanded[i]
            m = _LABEL_CELL.match(c)
            label, value = (m.group(1), m.group(2).strip()) if m else (c, "")
            key = _label_key(label)
            if key is None:
                i += 1
                continue
            if not value and i + 1 < len(expanded) and _label_key(_strip_colon(expanded[i + 1])) is None:
                value = expanded[i + 1].strip()
                i += 1
            elif not value and len(expanded) == 1 and n + 1 < len(lines):
                # <dt>label</dt><dd>value</dd>: the value is the next line
                nxt = lines[n + 1].strip()
                nm = _LABEL_CELL.match(nxt)
                if nxt and len(nxt) <= 100 and " | " not in nxt and _label_key(nm.group(1) if nm else nxt) is None:
                    value = nxt
            i += 1
            lab = "".join(label.split())            # = re.sub(r"\s+", "", label)
            if lab in labels and (key == "title" or key in found):
                continue        # an earlier line decided this label and key: the setdefaults below change nothing
            if " | " not in line:
                # 'label：value  next-label：…' on one line: the value ends where another label begins
                value = _NEXT_LABEL.split(value)[0]
                value = _TRAILING_LABEL.split(value)[0]
                value = _COUNTER.sub(" ", value).strip()
            if not value or len(value) > 200:
                continue
            labels.setdefault(lab, value)
            if key in ("written_date", "published"):
                iso = _first_date(value)
                if iso:
                    found.setdefault(key, iso)
            elif key == "valid" or key == "topic":
                found.setdefault(key, value)
            elif key == "title":
                continue
            else:
                v = _clean_value(value)
                if v:
                    found.setdefault(key, v)
    if labels:
        found["labels"] = dict(list(labels.items())[:30])
    return found


_NEXT_LABEL = re.compile(rf"\s+[{CJK}]{{2,6}}\s*[:：]")


def _strip_colon(s: str) -> str:
    return re.sub(r"[:：]\s*$", "", s.strip())


# labels that end the value before them even without a space ('来源：某某局作者：办公室')
_TRAILING_LABEL = re.compile(r"(?:作者|责任编辑|编辑|浏览次数|浏览|点击|阅读|字号|字体|发布时间|发布日期|更新时间|信息来源|来源|"
                             r"时间|日期)\s*[:：]")
_INLINE_LABEL_SLOW = re.compile(
    r"(?:(?<=\s)|^)(索\s*引\s*号|发文字号|文\s*号|发文机关|发文单位|发布机构|成文日期|发布日期|发布时间|主题分类|有\s*效\s*性|来\s*源|"
    r"信息来源|时效性)\s*[:：]")
# the same matches (same starts and ends), written to start with the class of the labels' first characters
_INLINE_LABEL_WORDS = (r"索\s*引\s*号|发文字号|文\s*号|发文机关|发文单位|发布机构|成文日期|发布日期|发布时间|主题分类|有\s*效\s*性|"
                       r"来\s*源|信息来源|时效性")
_INLINE_LABEL = re.compile(
    "[" + "".join(sorted({w[0] for w in _INLINE_LABEL_WORDS.split("|")})) + "](?<!\\S.)(?:"
    + "|".join(f"(?<={w[0]}){w[1:]}" for w in _INLINE_LABEL_WORDS.split("|")) + r")\s*[:：]")


def _split_labelled(cell: str) -> list[str]:
    if ":" not in cell and "：" not in cell:
        return [cell]
    starts = [m.start() for m in _INLINE_LABEL.finditer(cell)]
    if len(starts) <= 1:
        return [cell]
    out = []
    if starts[0] > 0 and cell[:starts[0]].strip():
        out.append(cell[:starts[0]].strip())
    for a, b in zip(starts, starts[1:] + [len(cell)]):
        out.append(cell[a:b].strip())
    return out


def _clean_value(v: str) -> str:
    v = normalize(v).replace("\n", " ").strip()
    v = re.sub(r"^[:：\s]+", "", v)
    return v[:200]


_SOURCE_CUE = re.compile(r"(?:来源|信息来源|发布机构|发布单位|作者|发布时间|发布日期|更新时间|时间|日期)\s*[:：]")


def _source_cue(line: str) -> bool:
    for m in _SOURCE_CUE.finditer(line):
        if m.group(0)[:2] in ("时间", "日期") and _NOT_PUB.search(line[max(0, m.start() - 4):m.start()]):
            continue
        return True
    return False


def _source_line(page: str, title: str | None) -> str | None:
    """The short line under the title that names date and source ('发布时间：2025-03-14 来源：深圳市工信局')."""
    if not page:
        return None
    text = page
    start = 0
    if title:
        k = text.find(title[:20])
        if k >= 0:
            start = k
    for line in text[start:start + 2000].split("\n")[:12]:
        s = line.strip()
        if not s or len(s) > 160 or "今天是" in s:
            continue
        if _source_cue(s) and (_DATE.search(s) or re.search(r"来源\s*[:：]", s)) and " | " not in s:
            return _EMPTY_BRACKETS.sub(" ", _COUNTER.sub(" ", s)).strip()
    return None


# a line under the title that holds only a document number (with an optional label and date):
# 东工信函〔2026〕21号 / 文号：厦数据〔2026〕11号　2026-05-12
_NUMBER_LINE = re.compile(r"^(?:[^\s:：]{1,6}[:：]\s*)?([\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,5}\s*号)"
                          r"(?:\s+\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
                          # or other fields of the info line after a bar: 咸发改数据〔2026〕40号 ｜ 发布时间：2026-07-22
                          r"|\s*[|｜]\s*(?:发布时间|发布日期|时间|日期|来源|信息来源|发布机构|浏览次数|点击数)\s*[:：][^\n]*)?\s*$")


_NUMBER_IN_VALUE = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,5}\s*号")


_PUBLISH_TIME_SELECTOR = ("#publish_time, #publishTime, #publish-time, #pubtime, #pubTime, .publish_time, .publish-time, "
                          ".publishTime, .pub_time, .pub-time, .pubtime")


_TIME_ATTR = '[id*="time" i], [class*="time" i]'
assert all("time" in sel.lower() for sel in _PUBLISH_TIME_SELECTOR.split(","))


def _publish_time_element(tree) -> str | None:
    """The date of an element the page marks as its publication time (a WeChat post's <em id="publish_time">)."""
    try:
        # (every element the selector matches has an id or a class holding 'time', in any case: quirks mode matches
        # ids and classes ignoring case; one quick query for those first, as most pages have none)
        if tree.css_first(_TIME_ATTR) is None:
            return None
        node = tree.css_first(_PUBLISH_TIME_SELECTOR)
    except Exception:  # noqa: BLE001
        return None
    return _first_date(_node_text(node)) if node is not None else None


def _number_line(page: str, title: str | None) -> str | None:
    """The document's own number when the page shows it on a line of its own near the title."""
    if not page:
        return None
    start = 0
    if title:
        k = page.find(title[:20])
        if k >= 0:
            start = k
    for line in page[start:start + 2000].split("\n")[:12]:
        m = _NUMBER_LINE.match(line.strip())
        if m:
            return re.sub(r"\s+", "", m.group(1))
    return None


_ORGAN_SUFFIX = re.compile(r"[_|｜—–-]\s*([\u4e00-\u9fff]{2,12}?(?:市|省|区|县|自治区|州|盟|旗)"
                           r"[\u4e00-\u9fff]{0,14}(?:局|厅|委员会|委|办公室|办公厅|人民政府|管理委员会|管委会))\s*$")


def _organ_suffix(raw_title: str) -> str | None:
    """A government body named after the last separator of the <title> (the site of the page)."""
    m = _ORGAN_SUFFIX.search(raw_title.strip())
    return m.group(1) if m else None


_ISSUER_IN_LINE = re.compile(r"(?:信息来源|来源|发布机构|发布单位)\s*[:：]\s*([^\s|:：]{2,40})")


def _issuer_of_line(line: str) -> str | None:
    m = _ISSUER_IN_LINE.search(line)
    if not m:
        return None
    v = re.split(r"(?:作者|时间|日期|发布|浏览|点击|阅读|字号|编辑)", m.group(1))[0]
    v = v.strip(" ，,。")
    return v if len(v) >= 2 else None


_WX_NICKNAME = re.compile(r"""\bnick_?name["']?\s*[=:]\s*(?:htmlDecode\(\s*)?(["'])([^"'\n<>]{2,60}?)\1""")


def _wechat_account(tree, html: str) -> str | None:
    """The account (公众号) a WeChat article page is published by: its name under the title (#js_name, the profile
    card's nickname) or the page script's nickname. Only on pages of that structure (the article in #js_content or
    .rich_media_content)."""
    if tree.css_first("#js_content, .rich_media_content") is None:
        return None
    names = [_node_text(tree.css_first(sel)) for sel in ("#js_name", ".profile_nickname", ".rich_media_meta_nickname",
                                                     ".rich_media_meta_list .nickname")]
    if "nickname" in html or "nick_name" in html:
        m = _WX_NICKNAME.search(html)
        if m:
            from html import unescape
            names.append(unescape(m.group(2)).strip())
    for name in names:
        if name and 2 <= len(name) <= 40 and (_HAN.search(name) or re.fullmatch(r"[A-Za-z][\w .-]+", name)):
            return name
    return None


# ================================================================== attachments

_EXT_HINT = re.compile(r"\.(?:pdf|docx?|wps|ofd|xlsx?|zip|rar|et|7z)(?![a-z0-9])", re.I)


def _is_attachment_href(href: str) -> bool:
    if not href or not _EXT_HINT.search(href):
        return False
    h = href.strip().lower()
    if h.startswith(("javascript:", "mailto:", "tel:", "#")):
        return False
    try:
        sp = urlsplit(h)
    except ValueError:
        return False
    path = sp.path
    if path.endswith(ATTACHMENT_EXTS):
        return True
    q = sp.query
    return bool(q) and bool(re.search(r"\.(?:pdf|docx?|wps|ofd|xlsx?|zip|rar)(?:&|$)", q))


_SCRIPT_HREF = re.compile(r"""(?:href|src)\s*=\s*\\?["']([^"'<>\s\\]+\.(?:pdf|docx?|wps|ofd|xlsx?|zip|rar))\\?["']""", re.I)


def _attachments(tree, html: str, url: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()

    def add(href: str) -> None:
        href = (href or "").strip().replace("\\", "/") if "\\" in (href or "") else (href or "").strip()
        if not href or href.lower().startswith(("javascript:", "mailto:", "tel:", "#", "data:")):
            return
        try:
            absu = urljoin(url, href) if url else href
        except ValueError:
            return
        absu = absu.split("#")[0]
        if absu and absu not in seen:
            seen.add(absu)
            out.append(absu)

    # '附件' in a link's text or title: only possible when the markup holds it (or a numeric character reference)
    named = "附件" in html or "&#" in html
    ext_hint = _EXT_HINT.search
    for a in tree.css("a[href]")[:5000]:
        href = a.attrs.get("href") or ""
        if href and ext_hint(href) and _is_attachment_href(href):     # (its first test, before the call)
            add(href)
            continue
        if not named:
            continue
        text = (a.text(deep=True) or "")[:80]
        if "附件" in text or "附件" in (a.attributes.get("title") or ""):
            add(href)
    # TRS pages often write the attachment links from a script variable
    for sc in tree.css("script"):
        s = sc.text() or ""
        low = s.lower()
        if ".pdf" in low or ".doc" in low or ".wps" in low or ".ofd" in low or ".xls" in low or ".zip" in low:
            for m in _SCRIPT_HREF.finditer(s[:200_000]):
                add(m.group(1))
    return out[:50]
