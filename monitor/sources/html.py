"""html: a list page of links → Items (in list order, de-duplicated), by a CSS selector or by general rules.

General rules, for pages nobody wrote a selector for: a link is a policy item when its title has at least 8 CJK
characters and either its URL looks like an article (t20250512_, /art/2025/5/12/, /202505/, post_123, content_123,
a .pdf …) or a date stands next to it; links in navigation, header, footer, breadcrumbs and paging are ignored.
Hanweb datastore records (CDATA) are read as HTML too.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

from ..errors import SourceError
from ..models import Fetched, Item, Source
from .base import SourceKind, cjk_count, clean, find_list_date, resolve, text_of, url_date, url_year
from .families import hanweb_records, is_paging_url

ITEM_URL = re.compile(r"""(
    /t(?:19|20)\d{6}_\d+ |
    /art/(?:19|20)\d{2}/\d{1,2}/\d{1,2}/ |
    /(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:\d{2})?/ |
    /(?:19|20)\d{2}/\d{1,2}[-/]?\d{1,2}/ |
    post_\d+ | content_\d+ | art_\d+_\d+ | /content/ | detail | /info/\d+ |
    [?&](?:id|articleid|docid|infoid|aid|contentid)=\w+ |
    \.(?:pdf|docx?|wps|ofd)$ | /\d{5,}\.s?html?$ | /[0-9a-f]{16,}\.s?html?$ | /item/\d+\.aspx
)""", re.I | re.X)

_FURNITURE_TAGS = {"nav", "header", "footer", "aside"}
_FURNITURE_RE = re.compile(r"(?:^|[-_\s])(nav|navbar|navi|header|head|footer|foot|menu|submenu|breadcrumbs?|crumbs?|"
                           r"bread|position|location|dqwz|yqlj|friendlinks?|copyright|bottom|share|"
                           r"paging|pagination|pager|fenye|skip|top-bar|topbar)(?:$|[-_\s\d])", re.I)
_NAV_WORDS = re.compile(r"^(首页|更多|更多>+|more|下一页|上一页|尾页|末页|返回|返回顶部|打印|关闭|登录|注册|无障碍|"
                        r"English|繁体|简体|>+|<+|»|«|\d+)$", re.I)
_DOWNLOAD_WORDS = re.compile(r"^[\s\[【(（]*(附件|下载|附件下载|点击下载|pdf|doc|docx|wps|word|查看|详情|全文|原文|"
                             r"查看详情|阅读全文|图解|解读)[\]】)）]*\s*$", re.I)
_PINNED = re.compile(r"^\s*(?:[\[【（(]\s*(?:置顶|顶|new|hot|最新|推荐)\s*[\]】）)]|置顶[:：]?)\s*", re.I)
_LEADING_DATE = re.compile(r"^\s*[\[【(（]?(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}日?[\]】)）]?\s*")
_BULLET = re.compile(r"^[\s·•●◆■□▪►>※\-—]+")
_TRAILING_DATE = re.compile(r"[\s\[【(（]*(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}日?[\]】)）]*\s*$")
_CONTAINERS = {"li", "tr", "dd", "dt", "p", "div", "td", "span", "article", "section", "h3", "h4", "h5", "ul", "dl"}


def _classes(node: Node) -> str:
    a = node.attributes
    return f"{a.get('class') or ''} {a.get('id') or ''}"


def _in_furniture(a: Node) -> bool:
    n = a.parent
    depth = 0
    while n is not None and n.tag not in ("body", "html", "-undef", None) and depth < 25:
        if n.tag in _FURNITURE_TAGS:
            return True
        if _FURNITURE_RE.search(_classes(n)):
            return True
        n = n.parent
        depth += 1
    return False


def _container(a: Node) -> Node:
    """The list entry holding a link: the highest of its near ancestors that holds no other entry."""
    best = a
    n = a.parent
    for _ in range(4):
        if n is None or n.tag not in _CONTAINERS:
            break
        links = n.css("a[href]")
        href = a.attributes.get("href")
        other_entry = any(x.attributes.get("href") != href and cjk_count(x.text()) >= 6 for x in links)
        if other_entry or len(links) > 3 or len(n.text() or "") > 500:
            break
        best = n
        if n.tag in ("li", "tr", "dd"):
            break
        n = n.parent
    return best


def _title(a: Node) -> str:
    t_text = clean(a.text())
    t_attr = clean(a.attributes.get("title"))
    title = t_text
    if t_attr and cjk_count(t_attr) >= 2 and (len(t_attr) >= len(t_text.rstrip("….。 ")) or
                                              t_text.endswith(("…", "...", "..")) or not t_text):
        title = t_attr
    title = _LEADING_DATE.sub("", title)
    title = _BULLET.sub("", title)
    title = _PINNED.sub("", title)
    title = _TRAILING_DATE.sub("", title).strip()
    return title


def _following_text(node: Node, limit: int = 6) -> str:
    texts, n, steps = [], node.next, 0
    while n is not None and steps < limit:
        if n.tag == "a" or (n.tag != "-text" and n.css_first("a[href]") is not None):
            break
        texts.append(n.text() or "")
        n, steps = n.next, steps + 1
    return " ".join(texts)


def _date_for(a: Node, box: Node, url: str) -> str | None:
    year = url_year(url)
    a_text = a.text() or ""
    if box is not a:
        around = (box.text(separator=" ") or "").replace(clean(a_text), " ", 1)
        around = around.replace(a_text, " ", 1)
        d = find_list_date(around, year=year)
        if d:
            return d
    # the text after the entry, up to the next link: flat lists (<a>…</a> 2025-05-12<br>), <dt><a></dt><dd>date</dd>,
    # <div class="title"><a></div><div class="date">…</div>
    d = find_list_date(_following_text(box), year=year)
    if d:
        return d
    d = find_list_date(a_text, year=year, allow_short=False)
    return d or url_date(url)


def _candidates(trees: list[HTMLParser], selector: str | None) -> list[tuple[Node, Node]]:
    """(anchor, container) pairs: from the selector's matches, or every link outside page furniture."""
    out = []
    for tree in trees:
        if selector:
            try:
                nodes = tree.css(selector)
            except Exception as e:  # noqa: BLE001 - selectolax raises plain exceptions for bad selectors
                raise SourceError("selector", f"bad links selector {selector!r}: {e}") from None
            for n in nodes:
                a = n if n.tag == "a" else n.css_first("a[href]")
                if a is not None and a.attributes.get("href"):
                    out.append((a, n if n.tag != "a" else _container(a)))
        else:
            for a in tree.css("a[href]"):
                if not _in_furniture(a):
                    out.append((a, _container(a)))
    return out


def list_items(html: str, base_url: str, selector: str | None = None) -> list[Item]:
    """The items of a list page, in list order, one per URL. Pure."""
    tree = HTMLParser(html)
    base_el = tree.css_first("base[href]")
    base = resolve(base_el.attributes.get("href"), base_url) if base_el is not None else None
    base = base or base_url
    trees = [tree] + [HTMLParser(f) for f in hanweb_records(html)]
    cands = _candidates(trees, selector)
    if selector and not cands:
        raise SourceError("selector", f"links selector {selector!r} matched nothing")
    rows: list[tuple[Item, bool, int | None]] = []      # (item, passes the strict rules, list it sits in)
    for a, box in cands:
        url = resolve(a.attributes.get("href"), base)
        if not url:
            continue
        title = _title(a)
        if not title or _NAV_WORDS.match(title):
            if not selector:
                continue
        published = _date_for(a, box, url)
        if selector:
            rows.append((Item(url=url, title=title or None, published=published), True, None))
            continue
        if is_paging_url(url) and not ITEM_URL.search(url):
            continue
        if _DOWNLOAD_WORDS.match(title):
            continue
        cjk = cjk_count(title)
        url_ok = bool(ITEM_URL.search(url))
        near = published is not None and published != url_date(url)
        parent = (box if box is not a else a).parent
        group = parent.mem_id if parent is not None else None
        item = Item(url=url, title=title, published=published)
        if (cjk >= 8 and (url_ok or near)) or (url_ok and near and cjk >= 4):
            rows.append((item, True, group))
        elif cjk >= 8 and _same_host(url, base):
            rows.append((item, False, group))
    strict_groups = {g for _, ok, g in rows if ok}
    if strict_groups:
        # a long-titled link in the same list as items that passed the rules is an item too
        return _dedupe([it for it, ok, g in rows if ok or (g is not None and g in strict_groups)])
    return _dedupe([it for it, _, _ in rows])


def _same_host(url: str, base: str) -> bool:
    from urllib.parse import urlsplit
    return (urlsplit(url).hostname or "") == (urlsplit(base).hostname or "")


def _dedupe(items: list[Item]) -> list[Item]:
    """One item per URL, in first-seen order; a later duplicate fills a missing title or date."""
    seen: dict[str, int] = {}
    out: list[Item] = []
    for it in items:
        i = seen.get(it.url)
        if i is None:
            seen[it.url] = len(out)
            out.append(it)
            continue
        old = out[i]
        title = old.title if old.title and len(old.title) >= len(it.title or "") else it.title
        out[i] = Item(url=old.url, title=title, published=old.published or it.published, summary=old.summary,
                      flags=old.flags)
    return out


class HtmlKind(SourceKind):
    name = "html"

    def items(self, source: Source, fetched: Fetched) -> list[Item]:
        items = list_items(text_of(fetched), fetched.final_url or fetched.url, source.links)
        if not items:
            # a list page where nothing looks like an item is a blind source (layout changed, list built by
            # JavaScript): say so instead of reporting a healthy poll that can never see anything
            raise SourceError("selector" if source.links else "parse",
                              "no item links found on the list page"
                              + ("" if source.links else " (set `links:` to a CSS selector of the item links)"))
        return items
