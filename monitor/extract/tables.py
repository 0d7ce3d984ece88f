"""Tables of terms: rows of cells in, one record of terms per (voucher, region) a row names out.

A page's <table> reaches the text as lines 'a | b | c' (page.py); a text may hold a markdown table
('| a | b |'). Pure: text in, records out; the caller ties the records to its groups.

    read_table(["券种 | 年度总额 | 补贴比例", "算力券 | 3000万元 | 30%"])
        → [Record(vouchers=('算力券',), budget=[30000000], ratio=[0.3], …)]

The model:
- a header row (no values; its cells name column kinds: 总额/规模 → budget, 上限/最高/单个 → cap, 比例 →
  ratio, 截止/申报时间 → deadline, 地区/城市 → region), with a unit of its own ('资金（万元）') or the table's
  ('单位：万元' in a caption) that bare numbers of the column take;
- key cells in a row: a cell that is a voucher name (算力券, 科技创新券) or a place (河北省唐山市) says whose
  terms the row holds; a cell that is a label (年度资金总额) says which kind the row's values are;
- orientation follows: vouchers as rows (券种 | 总额 | 比例), vouchers as columns (项目 | 算力券 | 模型券
  with rows 年度资金总额 | 3000万元 | …), a region column (each row that region's measure), and key/value
  tables (申领截止时间 | 2026年10月20日) that name no voucher: the terms of the voucher in force;
- rows shorter than the header (a cell spanning rows) are aligned on what their cells hold and take the
  key cells they lack from the row above; rows run together by line re-joining ('…2026年9月30日模型券 | …')
  are split again where the next row's key starts;
- text tables (group_rows): columns set apart by single spaces, or aligned by runs of spaces — those cells
  are placed under the header by display column (CJK = 2), so an empty cell keeps the columns after it, and
  lines run together into one paragraph by line re-joining are cut again where the next row's key begins.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Sequence

from .dates import find_dates
from .numbers import fast_re, find_amounts, find_shares
from .vouchers import find_vouchers

# cell → [(start, end, path)]: the places a cell names (the caller's gazetteer; keeps this module pure)
RegionFinder = Callable[[str], Sequence[tuple[int, int, str]]]


@dataclass
class Record:
    """The terms one row (or one column) of a table gives to one voucher group in one place."""
    vouchers: tuple[str, ...]          # () : the voucher in force (a key/value table naming none)
    region: str | None = None          # a place the row names (a region column); None: the place in force
    budget: list[int] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    cap: list[int] = field(default_factory=list)
    deadline: list[str] = field(default_factory=list)   # texts that state the deadline ('申领截止时间为…')
    other: list[str] = field(default_factory=list)      # cells of no known kind ('label：cell'): running text
    keyed: bool = True                 # the voucher came from a key cell (False: a mention inside some cell)
    line: str = ""                     # the row it comes from (read as text when the record cannot be placed)


# ------------------------------------------------------------------ column kinds (a small registry)

_UNIT_IN_LABEL = fast_re(r"(?:[（(]\s*(?:单位\s*[:：]?\s*)?(万元|亿元|千元|元)\s*(?:[/／每]\s*[年家个户次张项])?\s*[)）]"
                         r"|[/／]\s*(万元|亿元|元)|单位\s*[:：为]?\s*(万元|亿元|千元|元))")
_UNIT_YUAN = {"元": 1, "千元": 1000, "万元": 10_000, "亿元": 100_000_000}
_BARE_NUMBER = fast_re(r"^\s*(?:约|共|计|合计|最高|不超过|不高于|最多|至多|≤)?\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*$")


class _Kind:
    """A kind of column (or of row, in a table with vouchers as columns) and how its cells are read."""
    name = ""
    words: re.Pattern
    not_words: re.Pattern | None = None

    def names(self, label: str) -> bool:
        return self.words.search(label) is not None and (self.not_words is None or self.not_words.search(label) is None)

    def read(self, label: str, cell: str, unit: int | None, rec: Record) -> bool:
        """Put the cell's values into rec; False when the cell holds none of this kind."""
        raise NotImplementedError


class _Money(_Kind):
    def read(self, label, cell, unit, rec):
        vals = money(cell, unit)
        if not vals:
            return False
        (rec.budget if self.name == "budget" else rec.cap).extend(vals)
        return True


class _Budget(_Money):
    name = "budget"
    words = fast_re(r"总额|总量|规模|资金|预算|发放额|总金额|额度|盘子|总计|投放")
    not_words = fast_re(r"已|累计|实际|完成|使用情况|兑付情况|来源|下达")


class _Cap(_Money):
    name = "cap"
    words = fast_re(r"上限|最高|单个|单家|单户|单一|每家|每户|每个|每企|单企|单笔|限额|封顶|最多|每张")


class _Ratio(_Kind):
    name = "ratio"
    words = fast_re(r"比例|比率|补贴率|支持率|资助率|折扣|标准")

    def read(self, label, cell, unit, rec):
        vals = [s.value for s in find_shares(cell, strict=False)]
        if not vals and ("%" in label or "％" in label or "百分" in label):
            m = _BARE_NUMBER.match(cell)      # 比例（%） | 30
            if m and 0 < float(m.group(1).replace(",", "")) <= 100:
                vals = [round(float(m.group(1).replace(",", "")) / 100, 6)]
        if not vals:
            return False
        rec.ratio.extend(vals)
        return True


class _Deadline(_Kind):
    name = "deadline"
    words = fast_re(r"截止|截至|(?:申报|申领|申请|受理|报名|办理|兑付|兑现|领取)(?:时间|期限|日期|期间)")
    not_words = fast_re(r"开始|起始|启动|审核|审查|评审|公示|意见|反馈|有效|施行|实施|签订|完成")

    def read(self, label, cell, unit, rec):
        ds = find_dates(cell, 2000)
        if not ds:
            return False
        # stated as running text would state it (the label already said it is the time to apply): a window
        # (X至Y) ends at its last day, a single date is the cut-off
        window = len(ds) > 1 and ds[1].start - ds[0].end <= 3
        rec.deadline.append(("申报时间为" if window else "申报截止时间为") + cell)
        return True


# order: the first kind whose words a label holds (比例上限 is a ratio, 单个企业资金上限 a cap, 资金规模 a budget)
KINDS: tuple[_Kind, ...] = (_Ratio(), _Deadline(), _Cap(), _Budget())
# a header naming a column of places (the whole cell: 区县审核完成时间 is no such header)
_REGION_WORDS = fast_re(r"^(?:所在|所属|发布|实施)?(?:地区|城市|地市|区域|区县|县区|县市|市县|市州|省份|省市|地方|"
                        r"行政区划?|辖区|区市|属地|省区|所在地|区划)(?:名称)?$")


def kind_of(label: str) -> _Kind | None:
    """The kind a header or row label names (None: none of the terms)."""
    label = label.strip()
    if not label or len(label) > 24:
        return None
    for k in KINDS:
        if k.names(label):
            return k
    return None


def money(cell: str, unit: int | None) -> list[int]:
    """Amounts of a cell in yuan; a bare number takes the column's unit (none known: not read)."""
    found = find_amounts(cell)
    if found:
        return [a.yuan for a in found]
    if unit:
        m = _BARE_NUMBER.match(cell)
        if m:
            v = float(m.group(1).replace(",", ""))
            if v > 0:
                return [int(round(v * unit))]
    return []


def unit_of(label: str) -> int | None:
    m = _UNIT_IN_LABEL.search(label) if ("元" in label) else None
    if m is None:
        return None
    return _UNIT_YUAN[m.group(1) or m.group(2) or m.group(3)]


# ------------------------------------------------------------------ cells

_SEPARATOR_ROW = fast_re(r"^[\s|:：\-—=+]*$")


def split_row(line: str) -> list[str]:
    """Cells of one row: 'a | b | c', '| a | b |' (markdown) or 'a|b|c'."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def is_row(line: str) -> bool:
    """A line that is a row of a table (two cells or more)."""
    return " | " in line or (line.count("|") >= 2 and not _SEPARATOR_ROW.match(line))


def _has_value(cell: str) -> bool:
    if not cell:
        return False
    if ("元" in cell or "万" in cell or "亿" in cell) and find_amounts(cell):
        return True
    if find_shares(cell, strict=False):
        return True
    if find_dates(cell, None):
        return True
    return _BARE_NUMBER.match(cell) is not None


def _voucher_cell(cell: str) -> tuple[str, ...] | None:
    """The vouchers a cell names when it is (nearly) only their names: 算力券, 科技创新券（通用）, 算力券、模型券."""
    if "券" not in cell or len(cell) > 24:
        return None
    ms = find_vouchers(cell)
    if not ms:
        return None
    rest = len(cell) - sum(m.end - m.start for m in ms)
    if rest > 10 or _has_value(cell):
        return None
    return tuple(dict.fromkeys(m.voucher for m in ms))


def _region_cell(cell: str, regions: RegionFinder | None) -> str | None:
    """The place a cell names when it is (nearly) only that place: 蚌埠市, 河北省唐山市, 合肥市（省会）."""
    if regions is None or not cell or len(cell) > 20 or _has_value(cell):
        return None
    ms = regions(cell)
    if not ms:
        return None
    covered = sum(e - s for s, e, _ in ms)
    if len(cell) - covered > 4:
        return None
    return max(ms, key=_depth)[2]


def _depth(m) -> tuple[int, int]:
    return (m[2].count("/"), m[0])


_SENTENCE = fast_re(r"[。！？；]")


def _value_end(cell: str, kind: _Kind | None) -> int | None:
    """Where the value at the start of a cell ends (with a bracketed note after it): for cutting off text
    run onto the cell."""
    ends: list[int] = []
    if kind is None or kind.name in ("budget", "cap"):
        a = find_amounts(cell)
        if a:
            ends.append(a[0].end)
    if kind is None or kind.name == "ratio":
        s = find_shares(cell, strict=False)
        if s:
            ends.append(s[0].end)
    if kind is None or kind.name == "deadline":
        d = find_dates(cell, 2000)
        if d:
            # a range (2026年6月1日至6月30日) ends at its second date
            ends.append(d[1].end if len(d) > 1 and d[1].start - d[0].end <= 3 else d[0].end)
    if not ends:
        return None
    end = min(ends)
    m = _rx_note.match(cell, end)
    return m.end() if m else end


_rx_note = fast_re(r"\s*(?:[（(][^（()）]{0,30}[)）]|前|止|之前)?")


# ------------------------------------------------------------------ the table

@dataclass
class _Columns:
    labels: list[str]
    kinds: list[_Kind | None]
    vouchers: list[tuple[str, ...] | None]
    regions: list[str | None]
    region_col: list[bool]
    units: list[int | None]


def _header(cells: list[str], regions: RegionFinder | None, unit: int | None) -> _Columns | None:
    """The columns a row names, when it is a header: no values, and a column kind, a voucher or a place
    named by its cells (beyond the first, which may be the label column's own label)."""
    if any(_has_value(c) for c in cells):
        return None
    kinds = [kind_of(c) for c in cells]
    vouchers = [_voucher_cell(c) for c in cells]
    places = [_region_cell(c, regions) for c in cells]
    region_col = [_REGION_WORDS.match(c) is not None for c in cells]
    n_kinds = sum(k is not None for k in kinds)
    n_keys = sum(v is not None for v in vouchers[1:]) + sum(p is not None for p in places[1:])
    if n_kinds == 0 and n_keys == 0:
        return None
    if n_kinds == 0 and len(cells) == 2 and vouchers[1] is None:
        return None          # 地区 | 蚌埠市: a key/value row, read as such
    units = [unit_of(c) or unit for c in cells]
    if units[0] and kinds[0] is None and "单位" in cells[0]:
        units = [u or units[0] for u in units]      # 项目（单位：万元）: the table's unit
    return _Columns(labels=list(cells), kinds=kinds, vouchers=vouchers, regions=places, region_col=region_col,
                    units=units)


_GROUP_LABEL = fast_re(r"标准|支持|补贴|资助|补助|内容|政策|条款|情况|额度")


def _under(top: _Columns, sub: _Columns) -> _Columns:
    """Two header rows ('券种 | 年度总额 | 支持标准' over '比例 | 上限'): the second row's cells take the place of
    the cell above that spans them — the last one that names a group of terms (or no kind) — and cells spanning
    both rows (券种) keep their place."""
    at = next((i for i in range(len(top.kinds) - 1, 0, -1)
               if top.kinds[i] is None or _GROUP_LABEL.search(top.labels[i])), len(top.kinds) - 1)

    def merged(a: list, b: list) -> list:
        return a[:at] + b + a[at + 1:]

    return _Columns(labels=merged(top.labels, [f"{top.labels[at]}{x}" for x in sub.labels]),
                    kinds=merged(top.kinds, [k or top.kinds[at] for k in sub.kinds]),
                    vouchers=merged(top.vouchers, [v or top.vouchers[at] for v in sub.vouchers]),
                    regions=merged(top.regions, sub.regions), region_col=merged(top.region_col, sub.region_col),
                    units=merged(top.units, [u or top.units[at] for u in sub.units]))


def read_table(lines: Sequence[str], regions: RegionFinder | None = None) -> list:
    """Records of terms, and lines that hold none (to be read as running text), in the order of the table.

    `lines`: rows ('a | b'), and caption/section lines without cells (a unit note '单位：万元', a section
    '一、算力券' inside the table)."""
    out: list = []
    cols: _Columns | None = None
    unit: int | None = None
    any_key = False          # the table names its vouchers or places (else: key/value rows of the voucher in force)
    prev_keys: tuple = (None, None)   # (vouchers, region) of the row above, for cells spanning rows
    section_v: tuple[str, ...] | None = None
    was_header = False
    rows: list[tuple[str, list[str] | None]] = []
    for ln in lines:
        if not is_row(ln):
            rows.append((ln, None))
        else:
            rows.append((ln, split_row(ln)))
    # the table names keys somewhere? (decides what a row naming none means)
    for ln, cells in rows:
        if cells is None:
            continue
        if any(_voucher_cell(c) for c in cells) or any(_REGION_WORDS.match(c) for c in cells):
            any_key = True
            break
    last_row = max((i for i, (_, c) in enumerate(rows) if c is not None), default=-1)
    first_row = min((i for i, (_, c) in enumerate(rows) if c is not None), default=-1)
    for idx, (ln, cells) in enumerate(rows):
        if cells is None:
            u = unit_of(ln)
            if u and len(ln) <= 40:
                unit = u
                if cols is not None:
                    cols.units = [x or u for x in cols.units]
                continue
            vs = _voucher_cell(ln.strip(" #＃:：、.．一二三四五六七八九十（）()"))
            if vs and len(ln) <= 16:
                section_v = vs          # a section row inside the table: 一、算力券
                continue
            if _SEPARATOR_ROW.match(ln):
                continue
            out.append(ln)
            continue
        if idx == first_row and cells and len(cells[0]) > 16 and _SENTENCE.search(cells[0]):
            # the text before the table run onto its first row: '…具体标准如下。项目 | …' (cut after the last stop)
            k = max(cells[0].rfind(p) for p in "。！？；：:") + 1
            if 0 < k < len(cells[0]):
                out.append(cells[0][:k])
                cells = [cells[0][k:].strip()] + cells[1:]
        hdr = _header(cells, regions, unit) if idx < last_row else None
        if hdr is not None:
            if cols is not None and was_header and len(hdr.kinds) < len(cols.kinds):
                hdr = _under(cols, hdr)     # a second header row: the parts of a cell spanning columns above
            cols = hdr
            prev_keys = (None, None)
            was_header = True
            continue
        was_header = False
        trailing = None
        if cols is not None and len(cells) > len(cols.kinds) >= 2:
            split = _split_joined(cells, cols, regions)
            if split is not None:
                for part in split[:-1]:
                    prev_keys = _row(part, cols, regions, out, any_key, prev_keys, section_v, ln, unit) or prev_keys
                cells = split[-1]
        if idx == last_row and cells:
            kind = cols.kinds[len(cells) - 1] if cols is not None and len(cells) <= len(cols.kinds) else None
            cut = _cut_trailing(cells[-1], kind)
            if cut is not None:
                cells = cells[:-1] + [cut[0]]
                trailing = cut[1]
        if cols is None and len(cells) >= 4 and len(cells) % 2 == 0 and _pairs(cells):
            # label | value | label | value: each pair a key/value row
            for q in range(0, len(cells), 2):
                _row(cells[q:q + 2], None, regions, out, any_key, prev_keys, section_v, " | ".join(cells[q:q + 2]),
                     unit)
            if trailing:
                out.append(trailing)
            continue
        keys = _row(cells, cols, regions, out, any_key, prev_keys, section_v, ln, unit)
        if keys is not None:
            prev_keys = keys
        if trailing:
            out.append(trailing)
    return _merged(out)


def _merged(items: list) -> list:
    """One record per (vouchers, place) of the table (a table with vouchers as columns gives one per row)."""
    seen: dict[tuple, Record] = {}
    out: list = []
    for it in items:
        if isinstance(it, Record) and it.keyed:
            key = (it.vouchers, it.region)
            first = seen.get(key)
            if first is not None:
                first.budget += it.budget
                first.ratio += it.ratio
                first.cap += it.cap
                first.deadline += it.deadline
                first.other += it.other
                continue
            seen[key] = it
        out.append(it)
    return out


def _pairs(cells: list[str]) -> bool:
    """Cells that pair a label with a value (年度资金总额 | 3000万元 | 补贴比例 | 30%)."""
    labels, values = cells[0::2], cells[1::2]
    return (all(c and not _has_value(c) for c in labels) and sum(kind_of(c) is not None for c in labels) >= 1
            and any(_has_value(c) for c in values))


def _cut_trailing(cell: str, kind: _Kind | None) -> tuple[str, str] | None:
    """The last cell of a table with the next paragraph run onto it: (the cell, the paragraph)."""
    if len(cell) <= 24 or not _SENTENCE.search(cell):
        return None
    end = _value_end(cell, kind)
    if end is None or end >= len(cell) - 1:
        return None
    return cell[:end].strip(), cell[end:].strip()


def _split_joined(cells: list[str], cols: _Columns, regions) -> list[list[str]] | None:
    """Rows run together by line re-joining: n-column rows give k·(n-1)+1 cells, the last cell of one row
    and the first of the next sharing a cell. Split each shared cell where the next row's key begins."""
    n = len(cols.kinds)
    m = len(cells)
    if (m - 1) % (n - 1):
        return None
    k = (m - 1) // (n - 1)
    out: list[list[str]] = []
    cur = cells[:n - 1]
    for r in range(k):
        joint = cells[(r + 1) * (n - 1)]
        if r == k - 1:
            cur.append(joint)
            out.append(cur)
            break
        at = _joint_at(joint, cols.kinds[n - 1], regions)
        if at is None:
            return None
        cur.append(joint[:at].strip())
        out.append(cur)
        cur = [joint[at:].strip()] + cells[(r + 1) * (n - 1) + 1:(r + 2) * (n - 1)]
    return out


def _joint_at(joint: str, last_kind: _Kind | None, regions) -> int | None:
    """Where the next row begins inside a shared cell: at the voucher or place that ends it, else where the
    value of the last column ends."""
    ms = find_vouchers(joint)
    for m in reversed(ms):
        if m.start > 0 and len(joint) - m.end <= 10:
            # the row key may hold words before the name (科技创新券 is one name; 通用算力券 is not)
            return m.start
    if regions is not None:
        rs = [x for x in regions(joint) if x[0] > 0 and len(joint) - x[1] <= 4]
        if rs:
            return min(x[0] for x in rs if x[1] >= max(y[1] for y in rs) - 12)
    end = _value_end(joint, last_kind)
    if end is not None and 0 < end < len(joint):
        return end
    return None


def _row(cells: list[str], cols: _Columns | None, regions, out: list, any_key: bool, prev_keys,
         section_v, line: str, table_unit: int | None = None) -> tuple | None:
    """Read one row into records (appended to out; a row that is no row of terms is appended as its line).
    Returns the row's keys (vouchers, region)."""
    n = len(cols.kinds) if cols is not None else len(cells)
    short = cols is not None and len(cells) < n
    # the column of each cell (a very wide table is read as it comes: the placement is quadratic)
    at = _align(cells, cols, regions) if short and n <= 24 else range(len(cells))
    row_v: tuple[str, ...] | None = None
    row_r: str | None = None
    row_kind: _Kind | None = None
    row_label = ""
    key_cells: set[int] = set()
    for k, c in enumerate(cells):
        j = at[k]
        ck = cols.kinds[j] if cols is not None and j < n else None
        if ck is not None or not c:
            continue
        v = _voucher_cell(c)
        if v is not None:
            if row_v is None:
                row_v = v
            key_cells.add(k)
            if row_r is None and len(c) > 4:
                # 合肥市算力券: the place glued to the voucher is the row's place
                rest = c
                for m in find_vouchers(c):
                    rest = rest.replace(m.surface, "")
                r = _region_cell(rest.strip(" 的“”\"「」"), regions)
                if r is not None:
                    row_r = r
            continue
        in_region_col = cols is not None and j < n and cols.region_col[j]
        if in_region_col or cols is not None or len(cells) > 2:
            r = _region_cell(c, regions)
            if r is not None:
                row_r = row_r or r
                key_cells.add(k)
                continue
            if in_region_col:
                key_cells.add(k)
                if c not in _SAME_PLACE:
                    row_r = row_r or ""      # a place the gazetteer does not know: not the place in force
                continue
        if j == 0 and not _has_value(c):
            # the row's label (a table with vouchers as columns, a key/value table): the kind of its values
            row_label = c
            row_kind = kind_of(c)
            key_cells.add(k)
    if short and prev_keys is not None:
        # cells spanning rows: the keys this row lacks are those of the row above
        if row_v is None and prev_keys[0]:
            row_v = prev_keys[0]
        if row_r is None and prev_keys[1] is not None:
            row_r = prev_keys[1]
    if row_v is None and section_v is not None:
        row_v = section_v
    keyed = row_v is not None
    if row_v is None and row_kind is None and not (cols is not None and any(cols.vouchers)):
        ms = [m.voucher for c in cells for m in find_vouchers(c)] if "券" in line or "oken" in line else []
        if ms:
            # no key: a row that only mentions a voucher somewhere (a title in an info table) is that
            # voucher's all the same (the text names it); its cells are read as running text
            row_v = tuple(dict.fromkeys(ms))
        elif cols is None or not any(cols.kinds[min(at[k], n - 1)] for k in range(len(cells))):
            out.append(line)       # no key, no kind: a row of some other table, read as text
            return None
    if row_r == "":
        return (row_v, row_r)      # an unknown place: its terms are no one's we can name
    if any(_PAYEE.search(c) for c in cells if c and len(c) <= 40):
        # a named recipient (某某科技有限公司 | 算力券 | 86万元): a row of a results list, its amounts are payouts
        if row_v is not None:
            out.append(Record(vouchers=row_v, region=row_r, keyed=keyed, line=line))
        return (row_v, row_r)
    records: dict[tuple, Record] = {}
    for k, c in enumerate(cells):
        if k in key_cells or not c:
            continue
        j = at[k]
        inside = cols is not None and j < n
        ck = cols.kinds[j] if inside else None
        label = cols.labels[j] if inside else row_label
        # the unit: the column's (资金（万元）), the row label's (年度资金总额（万元） | 3000), the table's (单位：万元)
        unit = (cols.units[j] if inside else None) or (unit_of(row_label) if row_label else None) or table_unit
        col_v = cols.vouchers[j] if inside else None
        vs = col_v or row_v
        reg = (cols.regions[j] if inside else None) or row_r
        kind = ck or row_kind
        if ck is None and (row_kind is not None or row_label):
            label = row_label
        if vs is None:
            if any_key or reg or kind is None:
                continue        # a row of a table of vouchers or places that names neither (a total, a note)
            vs = ()
        key = (vs, reg)
        rec = records.get(key)
        if rec is None:
            rec = records[key] = Record(vouchers=vs, region=reg, keyed=keyed or vs == () or col_v is not None,
                                        line=line)
        if kind is not None:
            got = kind.read(label, c, unit, rec)
            if got and not _other_values(c, kind):
                continue
            if not got and not _has_value(c):
                continue          # — / 无 / 另行通知: nothing stated
        if _has_value(c) or "券" in c:
            rec.other.append(f"{label}：{c}" if label else c)
    if not records and row_v is not None:
        # a row naming a voucher and nothing else: the voucher is tied all the same
        records[(row_v, row_r)] = Record(vouchers=row_v, region=row_r, keyed=keyed, line=line)
    out.extend(records.values())
    return (row_v, row_r)


_PAYEE = fast_re(r"(?:有限公司|有限责任公司|股份公司|集团公司|研究院|研究所|大学|学院|工作室)[）)]?$")
_SAME_PLACE = frozenset({"全市", "本市", "全区", "本区", "全省", "本省", "全县", "本县", "市本级", "区本级", ""})


def _other_values(cell: str, kind: _Kind) -> bool:
    """Does a typed cell also hold values of another kind (支持标准：30%，最高200万元)?"""
    if kind.name == "ratio":
        return ("元" in cell or "万" in cell or "亿" in cell) and bool(find_amounts(cell))
    if kind.name in ("budget", "cap"):
        return bool(find_shares(cell, strict=False))
    return False


def _align(cells: list[str], cols: _Columns, regions) -> list[int]:
    """The columns of a row shorter than the header (a cell spanning rows above, an empty cell left out): the
    order-keeping placement of its cells that fits the columns' kinds best (ties: leftmost)."""
    n, m = len(cols.kinds), len(cells)

    def fit(c: str, j: int) -> int:
        kd = cols.kinds[j]
        if kd is None:
            return int(bool(_voucher_cell(c) or (cols.region_col[j] and _region_cell(c, regions))))
        if kd.name in ("budget", "cap"):
            return int(bool(money(c, cols.units[j])))
        if kd.name == "ratio":
            return int(bool(find_shares(c, strict=False)))
        if kd.name == "deadline":
            return int(bool(find_dates(c, 2000)))
        return 0

    # best[k][j]: the best score of cells k.. placed in columns j.. (each cell one column, in order)
    neg = -1
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    for j in range(n + 1):
        best[m][j] = 0
    for k in range(m - 1, -1, -1):
        for j in range(n - (m - k), -1, -1):
            take = fit(cells[k], j) + best[k + 1][j + 1]
            skip = best[k][j + 1] if j + 1 <= n - (m - k) else neg
            best[k][j] = max(take, skip)
    out, j = [], 0
    for k in range(m):
        while j < n - (m - k) and best[k][j + 1] > fit(cells[k], j) + best[k + 1][j + 1]:
            j += 1
        out.append(j)
        j += 1
    return out


# ------------------------------------------------------------------ tables among paragraphs

_UNIT_NOTE = fast_re(r"(?:金额|资金|数额)?单位\s*[:：为]\s*(?:人民币)?\s*(万元|亿元|千元|元)")


_SPACED_CELL = fast_re(r"[^\s，。；：,;:！？]{1,16}")


def _spaced_cells(line: str) -> list[str] | None:
    """Cells of a line of a text table whose columns were set apart by tabs or spaces (folded to one space):
    3 to 10 short tokens, no sentence punctuation."""
    if len(line) > 160 or "|" in line:
        return None
    cells = line.split(" ")
    if not 3 <= len(cells) <= 10 or not all(_SPACED_CELL.fullmatch(c) for c in cells):
        return None
    return cells


_GAP = fast_re(r"[ \t\u3000]{2,}|\t")       # a column gap: a tab or a run of spaces
_GAPPED_CELL = fast_re(r"[^。；！？|]{1,30}")


def _width(s: str) -> int:
    """Display width: a CJK or full-width character takes two columns (how aligned text tables are laid out)."""
    return len(s) + sum(1 for c in s if c >= "\u1100" and unicodedata.east_asian_width(c) in "WF")


def _pieces(line: str) -> list[tuple[int, int]]:
    """(start, end) of the gap-separated pieces of a line."""
    out, start = [], 0
    for m in _GAP.finditer(line):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(line):
        out.append((start, len(line)))
    return [(x, y) for x, y in out if line[x:y].strip()]


def _gapped_cells(line: str) -> list[str] | None:
    """Cells of a line whose columns are aligned by runs of spaces (a cell may hold one space): 3 to 10."""
    if len(line) > 400 or "|" in line:
        return None
    cells = _GAP.split(line.strip())
    if not 3 <= len(cells) <= 10 or not all(_GAPPED_CELL.fullmatch(c) for c in cells):
        return None
    return cells


def _is_header(cells: list[str]) -> bool:
    """A header row: cells naming at least two kinds of terms, none holding a value."""
    return sum(kind_of(c) is not None for c in cells) >= 2 and not any(_has_value(c) for c in cells)


def _by_position(line: str, atoms: list[tuple[int, int]], base: int, starts: list[int]) -> list[str] | None:
    """The cells of a row laid out under a header whose columns start at `starts` (display columns): each
    piece goes to the column whose start is nearest to its own, in order; columns with no piece stay empty."""
    n = len(starts)
    cells = [""] * n
    j = -1
    for x, y in atoms:
        col = _width(line[:x]) - base
        k = min(range(max(j + 1, 0), n), key=lambda c: abs(starts[c] - col), default=None)
        if k is None:
            return None
        cells[k] = line[x:y].strip()
        j = k
    return cells


def _key_cell(c: str, regions: RegionFinder | None) -> bool:
    return bool(_voucher_cell(c) or _region_cell(c, regions))


def _unjoined(p: str, regions: RegionFinder | None) -> list[str] | None:
    """A space-aligned text table whose lines were run together into one paragraph (header, rows and the
    text after them): the last cell of one line and the first of the next share a piece. Rows are cut where
    the next row's key (a voucher or a place) begins — by count (n columns and k lines give k·(n-1)+1
    pieces) or, where cells are empty, at each piece ending in a key after a value; each row's pieces are
    then placed under the header by their display column from the row's start. Returns the lines
    'a | b | c' (and the text run onto the last cell as a paragraph of its own), or None."""
    pieces = _pieces(p)
    m = len(pieces)
    if m < 5 or m > 200:
        return None
    cuts = _cuts_by_count(p, pieces, regions) or _cuts_by_key(p, pieces, regions)
    if cuts is None:
        return None
    # atoms: the pieces with the shared ones cut in two; rows begin at the cuts
    rows: list[list[tuple[int, int]]] = [[]]
    for i, (x, y) in enumerate(pieces):
        at = cuts.get(i)
        if at is None:
            rows[-1].append((x, y))
        else:
            if at > 0:
                rows[-1].append((x, x + at))
            rows.append([(x + at, y)])
    header = rows[0]
    n = len(header)
    if not 3 <= n <= 10 or not _is_header([p[x:y].strip() for x, y in header]):
        return None
    hbase = _width(p[:header[0][0]])
    starts = [_width(p[:x]) - hbase for x, _ in header]
    kinds = [kind_of(p[x:y].strip()) for x, y in header]
    lines = [" | ".join(p[x:y].strip() for x, y in header)]
    rest = ""
    for r, atoms in enumerate(rows[1:], 1):
        if r == len(rows) - 1:       # the last cell, with what follows the table run onto it
            x, y = atoms[-1]
            last = p[x:y]
            end = _value_end(last, kinds[-1] if len(atoms) == n else None)
            if end is not None and last[end:].strip() and not _has_value(last[end:]):
                rest = last[end:].strip()
                atoms = atoms[:-1] + [(x, x + end)]
        if len(atoms) > n:
            return None
        cells = _by_position(p, atoms, _width(p[:atoms[0][0]]), starts)
        if cells is None or not any(_has_value(c) for c in cells):
            return None
        lines.append(" | ".join(cells))
    if len(lines) < 2:
        return None
    return lines + ([rest] if rest else [])


def _cuts_by_count(p: str, pieces, regions) -> dict[int, int] | None:
    m = len(pieces)
    for n in range(3, 11):
        if (m - 1) % (n - 1) or (m - 1) // (n - 1) < 2:
            continue
        head = [p[x:y] for x, y in pieces[:n - 1]]
        if any(len(c) > 16 or _has_value(c) for c in head):
            continue
        cuts = {}
        for i in range(n - 1, m - 1, n - 1):
            x, y = pieces[i]
            at = _joint_at(p[x:y], None if i == n - 1 else kind_of(p[pieces[n - 1][0]:pieces[n - 1][1]]), regions)
            if at is None:
                cuts = None
                break
            cuts[i] = at
        if cuts:
            return cuts
    return None


def _cuts_by_key(p: str, pieces, regions) -> dict[int, int] | None:
    """Rows cut at each piece that ends in a key cell (算力券, 河北省唐山市) after a value (900万元模型券) or,
    for the first, after the header's last label."""
    cuts: dict[int, int] = {}
    for i, (x, y) in enumerate(pieces):
        c = p[x:y]
        if len(c) > 40:
            return None
        at = _joint_at(c, None, regions)
        if at is None or at <= 0 or not _key_cell(c[at:].strip(), regions):
            continue
        head = c[:at]
        if not cuts:
            if any(_has_value(p[a:b]) for a, b in pieces[:i]) or _has_value(head):
                return None      # the header holds no value
            cuts[i] = at
        elif _has_value(head) and _value_end(head, None) is not None and not head[_value_end(head, None):].strip():
            cuts[i] = at
    return cuts if len(cuts) >= 2 else None


def _spaced_tables(paragraphs: list[str], regions: RegionFinder | None = None) -> list[str]:
    """Runs of lines with the same number of cells — set apart by single spaces (folded tabs), or by runs
    of spaces in a table aligned by them — headed by a row naming two kinds of terms (券种 年度总额 补贴比例
    …), rewritten as rows 'a | b | c'; a space-aligned table whose lines were run together is split again."""
    out = list(paragraphs)
    n = len(out)
    i = 0
    while i < n:
        p = out[i]
        if " " not in p and "\t" not in p:
            i += 1
            continue
        gapped = "  " in p or "\t" in p or "\u3000\u3000" in p
        split = _gapped_cells if gapped else _spaced_cells
        cells = split(p)
        if cells is None or not _is_header(cells):
            if gapped and cells is None and (lines := _unjoined(p, regions)) is not None:
                out[i:i + 1] = lines        # the table's lines as rows, then the text run onto its last cell
                n = len(out)
                i += len(lines)
                continue
            i += 1
            continue
        if gapped:
            i = _gapped_rows(out, i, regions)
            n = len(out)
            continue
        j = i + 1
        while j < n and (c2 := split(out[j]) if " " in out[j] or "\t" in out[j] else None) is not None \
                and len(c2) == len(cells):
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                out[k] = " | ".join(split(out[k]))
        i = j
    return out


def _gapped_rows(out: list[str], i: int, regions: RegionFinder | None) -> int:
    """The rows under the space-aligned header out[i], rewritten in place as 'a | b | c' (each placed under
    the header by display column, so an empty cell keeps the columns after it); rows run together with the
    header or with each other are split again. Returns the index after the table."""
    head = out[i]
    hp = _pieces(head)
    starts = [_width(head[:x]) for x, _ in hp]
    n = len(hp)
    j = i + 1
    rows: list[str] = []
    while j < len(out):
        q = out[j]
        if "  " not in q and "\t" not in q:
            break
        qp = _pieces(q)
        if 2 <= len(qp) <= n and all(_GAPPED_CELL.fullmatch(q[x:y].strip()) for x, y in qp):
            cells = _by_position(q, qp, 0, starts)
            if cells is None or not any(_has_value(c) for c in cells):
                break
            rows.append(" | ".join(cells))
            j += 1
            continue
        # rows run together (with each other, or with the header): read with the header in front of them
        lines = _unjoined(head + q, regions)
        if lines is not None:
            table = [lines[0], *rows, *lines[1:]]
            out[i:j + 1] = table
            return i + len(table)
        break
    if rows:
        out[i:j] = [" | ".join(head[x:y].strip() for x, y in hp)] + rows
        return j
    return i + 1


def group_rows(paragraphs: list[str], regions: RegionFinder | None = None) -> list[str]:
    """Consecutive rows (and text tables set apart by spaces, rewritten as rows) joined into one table block ('\\n' between rows); a unit note in the paragraph just
    before or after the table ('（金额单位：万元）') is put in front of the block as a caption line; a short
    line between two rows (a section row '一、算力券', a separator '|---|') stays inside the block."""
    paragraphs = _spaced_tables(paragraphs, regions)
    out: list[str] = []
    n = len(paragraphs)
    i = 0
    while i < n:
        p = paragraphs[i]
        if "|" not in p or not is_row(p):
            out.append(p)
            i += 1
            continue
        block = [p]
        j = i + 1
        while j < n:
            q = paragraphs[j]
            if "|" in q and is_row(q):
                block.append(q)
                j += 1
            elif j + 1 < n and (len(q) <= 16 or _SEPARATOR_ROW.match(q)) and "|" in paragraphs[j + 1] \
                    and is_row(paragraphs[j + 1]):
                block.append(q)
                j += 1
            else:
                break
        notes = []
        for near in (paragraphs[i - 1] if i else "", paragraphs[j] if j < n else ""):
            if "单位" in near:
                m = _UNIT_NOTE.search(near)
                if m:
                    notes.append("单位：" + m.group(1))
                    break
        out.append("\n".join(notes + block))
        i = j
    return out
