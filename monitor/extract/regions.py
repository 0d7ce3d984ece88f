"""Regions: a gazetteer of China's administrative divisions, and a resolver for names found in text.

A region is a path of official names from the province down (SPEC "Regions"):
``广东省/深圳市``, ``浙江省/杭州市/西湖区``, ``上海市/徐汇区`` (municipalities have two levels), and
``全国`` for national measures. Pure: text in, paths out. The data (monitor/data/regions.tsv) is read
once, lazily, and cached.

    resolve("深圳") == "广东省/深圳市"          resolve("广州开发区") == "广东省/广州市/黄埔区"
    resolve("朝阳区") is None                  resolve("朝阳区", "北京市/海淀区") == "北京市/朝阳区"
    [m.path for m in find_regions("杭州市西湖区发布模型券")] == ["浙江省/杭州市/西湖区"]

How names are read (the rules, not fitted to any one document):

- Every official name is a surface; so are short forms (深圳, 广西, 延边, 滨江) and the aliases of
  zones and parks in the data. When one surface names several regions, the strongest kind wins:
  an explicit alias, then an official name, then a province's short form, a city's, a district's.
- A surface that still names several regions (朝阳区: 北京 and 长春) resolves only where exactly one
  of them lies under the context: the context given, walked up from the deepest level (朝阳区 under
  ``北京市/海淀区`` → ``北京市/朝阳区``), then the regions named just before in the text. Never the
  first match in the country.
- A name written right after its parent joins it into one mention (杭州市西湖区, 广东深圳, 泰州市姜堰区,
  北京朝阳, 深圳南山, 青岛市南区): there any region of that name under the parent counts, even one whose
  bare name is a common word or another place's short form.
- The short form of a district (滨江, 海安, 周至), like a two-character county (费县, 献县), is two
  common characters that often straddle two words (沿海安全, 每周至少, 经费县级); in text it counts only
  after its parent or under a context (the one given, or a region named just before) where it is the
  one candidate, looked for under a city or municipality, never a whole province. resolve() of the
  bare name accepts it when it is unique. So does a county-level city whose 城市 is the word city
  (海城市 兴城市 应城市: 沿海城市, 新兴城市, 相应城市).
- The short form of a county-level city is read bare, like a prefecture's, where it names one place in
  the country and can be neither a word nor straddle two: three characters or more (满洲里 阿尔山 绥芬河
  二连浩特), or two with one outside the common characters (珲春 邛崃 嵊州; not 扬中 高密 迁安 海安).
- A name whose kind character begins a word with the next character is not read there: 区域 区县
  区市, 县域 县级 县区 县市, 市场 (新兴区域, 比如县级, 南部县市, 合作市场); a 市场 right after a district
  or county is its market bureau (西湖区市场监督管理局) and keeps the name. Written right after its
  parent, a name is always read (杭州市西湖区域).
- Generic or common-word names of districts (城区 郊区 矿区 东区 西区 老城区 解放区, data X records)
  are regions only right after their parent (阳泉市城区) or by resolve() under a context.
- Right after a parent, the strongest kind of the surface is tried first (湖南长沙 is the city, not
  长沙县 whose short form is also 长沙), then any kind (北京朝阳 → 北京市/朝阳区).
- Words that contain region names but are not regions (长治久安, 阿里云, 光明日报, 西湖 the lake)
  are matched as a whole and dropped. Generic words (开发区, 新区, 高新区, 城区, 全国, 国家) are no
  surfaces; a few aliases apply only in their own region's context (经开区 in a Beijing context).
- Zones: a zone with an official name of its own that SPEC lists is written under its city
  (``北京市/北京经济技术开发区``, ``江苏省/苏州市/苏州工业园区``, ``重庆市/两江新区``, ``河北省/雄安新区``);
  any other zone or park maps to the district that contains it (广州开发区 → 黄埔区), and a zone
  spread over several districts maps to its city (成都高新区 → ``四川省/成都市``).

Matching uses one compiled regular expression shaped as a trie of all surfaces (leftmost-longest),
so a 30 KB text is scanned in C at one pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["NATIONAL", "MUNICIPALITIES", "RegionMention", "Gazetteer", "gazetteer", "resolve",
           "find_regions", "candidates", "covers", "parent", "is_valid", "level", "display"]

NATIONAL = "全国"
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})

# kinds of surface, strongest first
_ALIAS, _FULL, _PROVINCE_SHORT, _CITY_SHORT, _DISTRICT_SHORT = range(5)
_SPACE = " \t\u3000\u00a0"


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    surface: str
    path: str


class Gazetteer:
    """The regions of one data file: nodes (path → level), surfaces and the matcher."""

    def __init__(self, nodes: dict[str, str], names: dict[str, list[tuple[int, str]]],
                 scoped: dict[str, list[tuple[str, str]]], blocked: set[str]):
        self.nodes = dict(nodes)
        self._names: dict[str, tuple[str, ...]] = {}
        self._weak: set[str] = set()      # short forms of districts: in text, only under a context
        # every region a surface can name, whatever its kind: right after its parent, 朝阳 (a city in
        # 辽宁 as a short form) is 北京朝阳 → 北京市/朝阳区
        self._all = {s: tuple(dict.fromkeys(p for _, p in entries)) for s, entries in names.items()}
        for surface, entries in names.items():
            best = min(tier for tier, _ in entries)
            paths = [p for tier, p in entries if tier == best]
            self._names[surface] = tuple(dict.fromkeys(paths))
            if best == _DISTRICT_SHORT and _distinct_city_short(surface, self._all[surface], blocked):
                pass        # 满洲里 阿尔山 绥芬河 珲春: a county-level city's short form that names one place
            elif best == _DISTRICT_SHORT or (best == _FULL and _straddles(surface) and all(
                    self.nodes.get(p) == "district" for p in self._names[surface])):
                # 费县 献县 环县: two characters that straddle words (经费县级, 贡献县域); 海城市
                # 兴城市 应城市: a county-level city whose 城市 is the word city (沿海城市, 新兴城市)
                self._weak.add(surface)
        # 昆山 江阴 义乌 慈溪: a county-level city's two-character short form of common characters, one place in the
        # country but a possible straddle (非常熟悉, 太仓促): read bare only as a clause's subject (see find)
        self._subject_shorts = {
            s: self._all[s][0] for s in self._weak
            if len(s) == 2 and s not in blocked and len(self._all[s]) == 1 and self._all[s][0].count("/") == 2
            and self._all[s][0].endswith("市") and self._all[s][0].rsplit("/", 1)[1] != s}
        self._scoped = {s: tuple(v) for s, v in scoped.items()}
        self._blocked = frozenset(blocked)
        # the usual surface (not blocked, one region of its strongest kind, not weak): its path and the
        # characters that, right after it, begin a word with its kind character (the find loop's fast path)
        self._simple = {s: (p[0], _BREAKS.get(s[-1], "")) for s, p in self._names.items()
                        if len(p) == 1 and s not in self._weak and s not in self._blocked}
        surfaces = set(self._names) | set(self._scoped) | self._blocked
        self._pattern = re.compile(_trie_regex(surfaces)) if surfaces else re.compile(r"(?!)")

    # ------------------------------------------------------------------ loading

    @classmethod
    def from_text(cls, text: str) -> "Gazetteer":
        """Parse the TSV format documented at the top of monitor/data/regions.tsv."""
        nodes: dict[str, str] = {}
        names: dict[str, list[tuple[int, str]]] = {}
        scoped: dict[str, list[tuple[str, str]]] = {}
        blocked: set[str] = set()
        pending: list[tuple[int, str, list[str]]] = []   # aliases, checked once all nodes exist

        def add(surface: str, tier: int, path: str) -> None:
            if surface:
                names.setdefault(surface, []).append((tier, path))

        for lineno, raw in enumerate(text.splitlines(), 1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            kind = fields[0].strip()
            try:
                if kind == "P":
                    name, shorts = _split_item(fields[1])
                    nodes[name] = "province"
                    add(name, _FULL, name)
                    for s in shorts or ():
                        add(s, _PROVINCE_SHORT, name)
                elif kind in ("C", "D"):
                    up = fields[1].strip()
                    if up not in nodes:
                        raise ValueError(f"unknown parent {up!r}")
                    lvl = "city" if kind == "C" and not _municipality(up) else "district"
                    for item in fields[2].split():
                        name, shorts = _split_item(item)
                        path = f"{up}/{name}"
                        nodes[path] = lvl
                        add(name, _FULL, path)
                        if name.startswith("市") and "/" in up:
                            # 青岛市南区, 济南市中区: the city's 市 is also the district's first character
                            add(up.rsplit("/", 1)[1] + name[1:], _ALIAS, path)
                        if shorts is None:
                            shorts = _derived_shorts(name, lvl)
                        tier = _CITY_SHORT if lvl == "city" else _DISTRICT_SHORT
                        for s in shorts:
                            add(s, tier, path)
                elif kind == "Z":
                    up, official = fields[1].strip(), fields[2].strip()
                    if up not in nodes:
                        raise ValueError(f"unknown parent {up!r}")
                    path = f"{up}/{official}"
                    nodes[path] = "city" if nodes[up] == "province" and not _municipality(up) \
                        else "district"
                    add(official, _FULL, path)
                    pending.append((lineno, path, fields[3].split() if len(fields) > 3 else []))
                elif kind == "A":
                    pending.append((lineno, fields[1].strip(), fields[2].split()))
                elif kind == "X":
                    blocked.update(" ".join(fields[1:]).split())
                else:
                    raise ValueError(f"unknown record kind {kind!r}")
            except IndexError:
                raise ValueError(f"regions data line {lineno}: missing field") from None
            except ValueError as e:
                raise ValueError(f"regions data line {lineno}: {e}") from None
        for lineno, target, aliases in pending:
            if target not in nodes:
                raise ValueError(f"regions data line {lineno}: unknown region {target!r}")
            for alias in aliases:
                surface, _, scope = alias.partition("@")
                if scope:
                    if scope not in nodes:
                        raise ValueError(f"regions data line {lineno}: unknown scope {scope!r}")
                    scoped.setdefault(surface, []).append((target, scope))
                else:
                    add(surface, _ALIAS, target)
        return cls(nodes, names, scoped, blocked)

    # ------------------------------------------------------------------ queries

    def candidates(self, surface: str) -> tuple[str, ...]:
        """Every region a surface can name (strongest kind only), without context."""
        if surface in self._blocked:
            return ()
        return self._names.get(surface, ())

    def surfaces(self) -> frozenset[str]:
        """Every string the matcher looks for (names, short forms, aliases and blocked words)."""
        return frozenset(self._names) | frozenset(self._scoped) | self._blocked

    def children(self, path: str) -> list[str]:
        """The regions directly under a path, in data order."""
        return [p for p in self.nodes if p.rsplit("/", 1)[0] == path and "/" in p]

    def context_path(self, context: str | None) -> str | None:
        if not context:
            return None
        context = context.strip(_SPACE)
        if context == NATIONAL or context in self.nodes:
            return context
        return self.resolve(context)

    def resolve(self, name: str, context: str | None = None) -> str | None:
        if name is None:
            return None
        name = name.strip(_SPACE)
        if not name:
            return None
        if name == NATIONAL or name in self.nodes:
            return name
        ctx = self.context_path(context)
        if "/" in name:
            cur = None
            for part in name.split("/"):
                found = self.resolve(part, cur or ctx)
                if found is None or (cur is not None and not found.startswith(cur + "/")):
                    return None
                cur = found
            return cur
        if name in self._blocked:     # 西湖, 鼓楼: a region only when the context says so
            return _pick(self._names.get(name, ()), ctx, weak=True)
        cands = self._names.get(name)
        if cands:
            return cands[0] if len(cands) == 1 else _pick(cands, ctx)
        scoped = self._scoped.get(name)
        if scoped:
            return _pick_scoped(scoped, [ctx])
        found = self.find(name, context)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(name):
            return found[0].path
        return None

    def find(self, text: str, context: str | None = None) -> list[RegionMention]:
        if not text:
            return []
        search = self._pattern.search
        m = search(text)
        if m is None:
            return []       # (most paragraphs name no place: none of the set-up below)
        out: list[RegionMention] = []
        names, scoped_names, blocked, weak_names = self._names, self._scoped, self._blocked, self._weak
        last_end = -1
        every = self._all
        simples = self._simple
        ctx = _UNSET          # the context's path, resolved on first need (most names are unambiguous)
        n = len(text)
        while m is not None:
            surface = m.group()
            start, end = m.span()
            pos = end
            if out and (last_end == start or not text[last_end:start].strip(_SPACE)):
                prev = out[-1]     # a name written right after its parent joins it
                head = prev.path + "/"
                # the strongest kind first (湖南长沙: the city, not 长沙县), then any kind (北京朝阳)
                under = [c for c in names.get(surface, ()) if c.startswith(head)]
                if len(under) != 1:
                    under = [c for c in every.get(surface, ()) if c.startswith(head)] or \
                            [p for p, _ in scoped_names.get(surface, ()) if p.startswith(head)]
                if len(under) == 1:
                    out[-1] = _mention(prev.start, end, text[prev.start:end], under[0])
                    last_end = end
                    m = search(text, pos)
                    continue
            simple = simples.get(surface)
            if simple is not None:
                # (what the tests below give for a surface that is not blocked and names one region, not weakly)
                if end < n and text[end] in simple[1] and text[end:end + 2] != "市场":
                    m = search(text, start + 1)
                    continue
                rm = _new_object(RegionMention)
                d = rm.__dict__
                d["start"] = start
                d["end"] = end
                d["surface"] = surface
                d["path"] = simple[0]
                out.append(rm)
                last_end = end
                m = search(text, pos)
                continue
            if surface in blocked:
                m = search(text, pos)
                continue       # 长治久安, 阿里云: a word, not a place (and none inside it)
            if end < n and text[end] in _BREAKS.get(surface[-1], "") and text[end:end + 2] != "市场":
                m = search(text, start + 1)    # 新兴区域, 比如县级, 南部县市: the kind character begins the next word
                continue
            cands = names.get(surface, ())
            path = None
            if len(cands) == 1 and surface not in weak_names:
                path = cands[0]
            elif cands:
                if ctx is _UNSET:
                    ctx = self.context_path(context)
                weak = surface in weak_names
                for c in (ctx, *[mm.path for mm in out[:-4:-1]]):
                    path = _pick(cands, c, weak)
                    if path:
                        break
            else:
                scoped = scoped_names.get(surface)
                if scoped:
                    if ctx is _UNSET:
                        ctx = self.context_path(context)
                    path = _pick_scoped(scoped, [ctx, out[-1].path if out else None])
            if path is None and surface in self._subject_shorts \
                    and (start == 0 or text[start - 1] in _SUBJECT_BEFORE) and _SUBJECT_AFTER.match(text, end):
                path = self._subject_shorts[surface]     # 昆山发放算力券 / ，江阴推出… / 义乌科技局: the city speaks
            if path:
                # (_mention(start, end, surface, path), inlined: the same object)
                rm = _new_object(RegionMention)
                d = rm.__dict__
                d["start"] = start
                d["end"] = end
                d["surface"] = surface
                d["path"] = path
                out.append(rm)
                last_end = end
            else:
                # a name that names nothing here (a county's short form without its city, 朝阳区 without
                # a context) does not hide a place that begins inside it: 华东安徽 (东安, 东安县) is 安徽,
                # 其中阳泉市 (中阳, 中阳县) is 阳泉市
                pos = start + 1
            m = search(text, pos)
        return out


_UNSET = object()
# where a county-level city's bare short form is read (Gazetteer._subject_shorts): it opens the text or a clause,
# and an issuing verb, a time word or one of its bodies follows
_SUBJECT_BEFORE = frozenset("，,。；;：:、 \t\n\u3000“\"「【[（(和与及")
_SUBJECT_AFTER = re.compile(r"(?:发放|出台|推出|印发|设立|发布|实施|启动|开展|安排|拿出|投入|发行|兑现|今年|明年|近日|日前|近期|"
                            r"率先|首批|也|还|则|已|将|计划|拟|人民政府|政府|科技局|工信局|经信局|商务局|财政局|数据局|发改委|"
                            r"发改局|大数据|经济和信息化|工业和信息化|科学技术|高新区|经开区|开发区)")
# a name whose kind character begins a word with the next one is not read there (unless it is
# written right after its parent): 区域 区县 区市, 县域 县级 县区 县市, 市场 (but 西湖区市场监管局 and
# 平定县市场监管局 are the district's and the county's: a following 市场 is the market)
_BREAKS = {"区": "域县市", "县": "域级区市", "市": "场"}


def _distinct_city_short(surface: str, paths: tuple[str, ...], blocked) -> bool:
    """The short form of a county-level city (满洲里 for 满洲里市) that is read bare in any text, like a
    prefecture's (盘锦): it names that one place in the country (no other region has it as any kind of
    name, no common word holds it), and it can be no ordinary word and straddle no two words — it has
    three characters or more (阿尔山 绥芬河 二连浩特), or two of which one is outside the common characters
    (GB 2312 level 1: 珲春 邛崃 嵊州; not 扬中 高密 资兴 迁安 海安, which 弘扬中华 高密度 投资兴业 搬迁安置 沿海安全
    hold)."""
    if len(paths) != 1 or surface in blocked or len(surface) < 2:
        return False
    parts = paths[0].split("/")
    if len(parts) != 3 or not parts[2].endswith("市") or parts[2] == surface:
        return False          # not a county-level city under a prefecture
    return len(surface) >= 3 or not all(_common_char(c) for c in surface)


def _common_char(ch: str) -> bool:
    """One of the 3755 characters in common use (GB 2312 level 1, rows 16–55)."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _straddles(surface: str) -> bool:
    """A full name that is two common characters (费县, 城区), or one ending in 城市 (海城市): in text
    it is read only after its parent or under a context, like a district's short form."""
    return len(surface) <= 2 or (len(surface) == 3 and surface.endswith("城市"))
_new_object = object.__new__


def _mention(start: int, end: int, surface: str, path: str) -> RegionMention:
    """RegionMention(start, end, surface, path), made without the frozen dataclass's four guarded
    setattr calls (the same object: same fields, equality, hash and repr)."""
    rm = _new_object(RegionMention)
    rm.__dict__.update(start=start, end=end, surface=surface, path=path)
    return rm


def _pick(cands: tuple[str, ...], ctx: str | None, weak: bool = False) -> str | None:
    """The one candidate under the context, walking the context up; None when none or several.
    Weak names (short forms of districts) are looked for under a city or a municipality only."""
    node = ctx
    while node:
        if weak and not _municipality(node) and "/" not in node:
            return None
        under = [c for c in cands if c == node or c.startswith(node + "/")]
        if len(under) == 1:
            return under[0]
        if under:
            return None
        node = parent(node)
    return None


def _pick_scoped(scoped, contexts) -> str | None:
    for ctx in contexts:
        if ctx:
            for path, scope in scoped:
                if ctx == scope or ctx.startswith(scope + "/"):
                    return path
    return None


def _municipality(path: str) -> bool:
    """A province-level city (北京市 上海市 天津市 重庆市): its districts sit right under it."""
    return "/" not in path and path.endswith("市")


def _split_item(item: str) -> tuple[str, list[str] | None]:
    """'延边朝鲜族自治州=延边|延边州' → name and explicit short forms; no '=' → None (derive)."""
    item = item.strip()
    if "=" not in item:
        return item, None
    name, _, rest = item.partition("=")
    return name, [s for s in rest.split("|") if s]


def _derived_shorts(name: str, lvl: str) -> list[str]:
    suffixes = ("市", "地区", "盟") if lvl == "city" else ("新区", "区", "县", "市", "旗")
    for suf in suffixes:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return [name[: -len(suf)]]
    return []


def _trie_regex(words) -> str:
    """One regex matching any of the words, leftmost-longest: the words as a trie of groups."""
    words = [w for w in words if w]
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    items = sorted((ch, _node_regex(child)) for ch, child in root.items() if ch)
    if not items:
        return r"(?!)"
    seconds = sorted({w[1] for w in words if len(w) > 1})
    # the first character is consumed by one class (so re skips other positions at C speed), the
    # second is checked against one class (most candidates end here), then the first is looked
    # behind at to choose the branch
    first = "[" + "".join(re.escape(ch) for ch, _ in items) + "]"
    second = "(?=[" + "".join(re.escape(ch) for ch in seconds) + "])" if all(len(w) > 1 for w in words) \
        else ""
    return first + second + _dispatch(items, behind=True)


def _node_regex(node: dict) -> str:
    items = sorted((ch, child) for ch, child in node.items() if ch)
    if not items:
        return ""
    body = _dispatch([(ch, _node_regex(child)) for ch, child in items])
    return body + "?" if "" in node else body


_FANOUT = 4


def _dispatch(items: list[tuple[str, str]], behind: bool = False) -> str:
    """Alternatives keyed by their first character. re tries the branches of an alternation one by
    one, so a node with many children is split into groups guarded by a character class: a search
    tree of lookaheads instead of a scan of hundreds of branches at every position."""
    if len(items) <= _FANOUT and behind:
        return "(?:" + "|".join(f"(?<={re.escape(ch)}){sub}" for ch, sub in items) + ")"
    if len(items) <= _FANOUT:
        leaves = [ch for ch, sub in items if not sub]
        parts = [re.escape(ch) + sub for ch, sub in items if sub]
        if len(leaves) == 1:
            parts.append(re.escape(leaves[0]))
        elif leaves:
            parts.append("[" + "".join(re.escape(c) for c in leaves) + "]")
        return "(?:" + "|".join(parts) + ")"
    size = -(-len(items) // _FANOUT)
    groups = [items[i:i + size] for i in range(0, len(items), size)]
    look = "(?<=[" if behind else "(?=["
    return "(?:" + "|".join(
        look + "".join(re.escape(ch) for ch, _ in g) + "])" + _dispatch(g, behind) for g in groups) + ")"


# ---------------------------------------------------------------------- the shipped data

@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer of the shipped data file, loaded once."""
    text = resources.files("monitor").joinpath("data/regions.tsv").read_text(encoding="utf-8")
    return Gazetteer.from_text(text)


def resolve(name: str, context: str | None = None) -> str | None:
    """A name (official, short, alias, combined or a path) → its region path; None when unknown or
    ambiguous under the context. resolve('全国') == '全国'."""
    return gazetteer().resolve(name, context)


def find_regions(text: str, context: str | None = None) -> list[RegionMention]:
    """Every region mention of the text, longest match first, non-overlapping, in text order."""
    gaz = _loaded[0] if _loaded else _load()      # (gazetteer() without its cache call: the hottest caller)
    found = gaz.find(text, context)
    if found and context and "/" in context and context not in gaz.nodes:
        # a context the data does not hold (a source configured as 安徽省/合肥市/合肥高新技术产业开发区): its own
        # name in the text is that place, not the district the data puts the zone under
        own = context.rsplit("/", 1)[1]
        if any(m.surface == own for m in found):
            found = [_mention(m.start, m.end, m.surface, context) if m.surface == own else m for m in found]
    return found


_loaded: list[Gazetteer] = []


def _load() -> Gazetteer:
    _loaded.append(gazetteer())
    return _loaded[0]


def candidates(name: str) -> tuple[str, ...]:
    """Every region a name can mean without context (朝阳区 → 北京 and 长春)."""
    return gazetteer().candidates(name.strip(_SPACE))


def covers(parent_path: str, child: str) -> bool:
    """'广东省' covers '广东省/深圳市/南山区' and itself; '全国' covers only '全国'."""
    if not parent_path or not child:
        return False
    if parent_path == NATIONAL:
        return child == NATIONAL
    return child == parent_path or child.startswith(parent_path + "/")


def parent(path: str) -> str | None:
    """'广东省/深圳市' → '广东省'; a province or '全国' → None."""
    if not path or "/" not in path:
        return None
    return path.rsplit("/", 1)[0]


def is_valid(path: str) -> bool:
    """A known full path, or '全国'."""
    return path == NATIONAL or path in gazetteer().nodes


def level(path: str) -> str:
    """'country' | 'province' | 'city' | 'district' (by the data, else by the shape of the path)."""
    if path == NATIONAL:
        return "country"
    known = gazetteer().nodes.get(path)
    if known:
        return known
    parts = [p for p in (path or "").split("/") if p]
    if not parts:
        raise ValueError(f"not a region path: {path!r}")
    if len(parts) == 1:
        return "province"
    if len(parts) == 2:
        return "district" if _municipality(parts[0]) else "city"
    return "district"


def display(path: str) -> str:
    """Short human form for alerts: '深圳市', '杭州市西湖区', '北京市朝阳区', '苏州工业园区'."""
    if not path:
        return ""
    parts = path.split("/")
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2 and not _municipality(parts[0]):
        return parts[1]
    city, last = parts[-2], parts[-1]
    stem = city[:-1] if city.endswith("市") else city
    return last if last.startswith(stem) else city + last
