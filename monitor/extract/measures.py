"""Measures: which (voucher, region) pairs a text ties together, and the terms of each.

The text is read paragraph by paragraph, sentence by sentence, keeping a small state:

- the region in force: the document's own region, overridden by section headings (`# 杭州`, `北京市`),
  paragraph labels (`东莞市:`), and issuers named in a sentence (`X管理委员会印发《…》`, `《门头沟区…》：`);
- the voucher group in force: the vouchers last named in a way that ties them to that region.

Each amount and share found is attached to one voucher group (the one it sits next to, or the one
in force), classified (pool, per-recipient cap, threshold, increase, stacking ceiling …) by the
words around it, and folded into that group's terms. Nothing carries over between groups.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass, field

from ..models import Measure
from .dates import find_deadline
from .numbers import Amount, Share, fast_re, find_amounts, find_shares, first_chars
from .vouchers import VoucherMention, find_vouchers
from .tables import Record, group_rows, read_table

_rx = lru_cache(maxsize=None)(fast_re)   # a pattern written inline, compiled once
# (a window's start is written `x - k if x > k else 0`: max(0, x - k) without a builtin call, in the hot paths)


class _FallbackRegions:
    """Used only until monitor.extract.regions is available: a tiny gazetteer, enough for smoke tests."""
    NATIONAL = "全国"
    _PATHS = (
        "北京市", "上海市", "天津市", "重庆市", "广东省", "浙江省", "江苏省", "山东省", "河南省", "河北省", "四川省",
        "贵州省", "安徽省", "湖北省", "湖南省", "福建省", "江西省", "陕西省", "甘肃省", "青海省", "辽宁省", "吉林省",
        "黑龙江省", "山西省", "云南省", "海南省", "广西壮族自治区", "内蒙古自治区", "宁夏回族自治区", "新疆维吾尔自治区",
        "西藏自治区", "广东省/深圳市", "广东省/广州市", "广东省/东莞市", "广东省/珠海市", "浙江省/杭州市",
        "浙江省/杭州市/西湖区", "浙江省/杭州市/滨江区", "上海市/徐汇区", "上海市/浦东新区", "北京市/海淀区",
        "北京市/门头沟区", "北京市/北京经济技术开发区", "广东省/广州市/黄埔区", "广东省/广州市/海珠区",
        "山东省/青岛市", "山东省/济南市", "山东省/泰安市", "河北省/廊坊市", "广西壮族自治区/南宁市", "安徽省/芜湖市",
        "安徽省/合肥市", "江苏省/泰州市", "江苏省/泰州市/姜堰区", "江苏省/扬州市", "江苏省/苏州市", "四川省/成都市",
        "湖北省/武汉市", "福建省/厦门市", "江苏省/苏州市/苏州工业园区", "重庆市/两江新区", "天津市/滨海新区",
        "江苏省/南京市", "浙江省/宁波市", "湖南省/长沙市", "陕西省/西安市", "江苏省/苏州市/相城区", "广东省/佛山市",
        "四川省/成都市/双流区", "四川省/成都市/郫都区", "四川省/成都市/武侯区", "贵州省/贵阳市", "河南省/郑州市",
        "浙江省/杭州市/余杭区")
    _ALIAS = {"经开区": "北京市/北京经济技术开发区", "中关村科学城": "北京市/海淀区", "广州开发区": "广东省/广州市/黄埔区",
              "杭州高新区（滨江）": "浙江省/杭州市/滨江区", "杭州高新区": "浙江省/杭州市/滨江区", "杭州高新区(滨江)": "浙江省/杭州市/滨江区", "张江": "上海市/浦东新区",
              "国家数据局": "全国", "国家发展改革委": "全国", "国务院": "全国", "工业和信息化部": "全国", "财政部": "全国",
              "广东": "广东省", "重庆两江新区": "重庆市/两江新区", "天津市滨海新区": "天津市/滨海新区", "山东": "山东省", "浙江": "浙江省", "江苏": "江苏省", "贵州": "贵州省", "河南": "河南省",
              "四川": "四川省", "安徽": "安徽省", "湖北": "湖北省", "广西": "广西壮族自治区", "河北": "河北省"}

    def __init__(self):
        names = {}
        for p in self._PATHS:
            last = p.split("/")[-1]
            names[last] = p
            short = _rx(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$").sub("", last)
            if len(short) >= 2 and last.endswith(("市", "省")) and "/" in p or (last.endswith("市") and "/" not in p):
                names.setdefault(short, p)
        names.update(self._ALIAS)
        self.names = names
        self.re = fast_re("|".join(sorted(map(re.escape, names), key=len, reverse=True)))

    def find_regions(self, text, context=None):
        from collections import namedtuple
        RM = namedtuple("RegionMention", "start end surface path")
        return [RM(m.start(), m.end(), m.group(0), self.names[m.group(0)]) for m in self.re.finditer(text)]

    def resolve(self, name, context=None):
        return self.names.get(name)

    def covers(self, parent, child):
        return child == parent or child.startswith(parent + "/") or parent == "全国"


def _region_api():
    try:
        from . import regions as mod  # written alongside; preferred when present
        mod.find_regions, mod.resolve  # noqa: B018
        if not hasattr(mod, "NATIONAL"):
            mod.NATIONAL = "全国"
        return mod
    except Exception:  # noqa: BLE001 - any import problem: the small fallback keeps extraction working
        return _FallbackRegions()


R = _region_api()
_name_match = None     # the gazetteer pattern's match, looked up on first use (the data loads lazily)


def _name_can_start(text: str) -> bool:
    """False when no region name can begin text (then no mention of find_regions(text) starts at 0)."""
    global _name_match
    if _name_match is None:
        gaz = getattr(R, "gazetteer", None)
        _name_match = gaz()._pattern.match if gaz is not None else (lambda t: True)
    return _name_match(text) is not None

# ------------------------------------------------------------------ text units

class _Every:
    def __contains__(self, ch) -> bool:
        return True


_SENT_END = fast_re(r"[。；;！!？?]")
_FURNITURE_START = fast_re(
    r"^\s*(?:相关阅读|相关链接|相关新闻|相关文章|相关文件|相关政策|相关推荐|推荐阅读|延伸阅读|热点推荐|热门文章|猜你喜欢|"
    r"往期(?:推荐|回顾|精选|精彩|文章|阅读)|精彩(?:推荐|回顾|阅读)|历史文章|更多(?:阅读|推荐|文章)|阅读推荐|"
    r"友情链接|上一篇|下一篇|上一条|下一条|版权与免责声明|版权声明|免责声明|责任编辑|扫一扫|分享到|打印本页|关闭窗口|"
    r"主站蜘蛛池|网站地图|关于我们|联系我们)")
_LINK_TITLE = fast_re(
    r"^(?:[·•\-\s]*)(?:关于|[\u4e00-\u9fa5]{2,20}关于)[^。，；,;：:《》]{2,60}(?:的)?(?:通知|公告|公示|通告|办法|细则|指南|方案|措施|意见|决定)"
    r"(?:\s*[\[(（]?\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?[\])）]?)?$")
_TAG_LINE = fast_re(r"^\s*(?:关键词|关键字|标签|Tags?|主题词|热门搜索|热搜词?|搜索热词|热门关键词|热门标签|热词)\s*[:：]?\s*")


def _opens(pattern) -> frozenset | _Every:
    """The characters other than spaces a match of pattern can open with (every character when unknown)."""
    first = first_chars(pattern)
    return _Every() if first is None or "\\d" in first else first - {"\\s"}


_FURNITURE_OPENS, _TAG_OPENS = _opens(_FURNITURE_START), _opens(_TAG_LINE)
# injected spam (porn and gambling): a line holding two such words is no text of the document
_SPAM = fast_re(r"毛片|av片|在线观看|九九热|蜘蛛池|视频网站|一区二区|福利网站|免费观看|娱乐城|彩金|百家乐|博彩|赌场|"
                r"老虎机|返水|注册即?送|真人(?:荷官|视讯|线上)|时时彩|六合彩|棋牌|投注|下注")

# an encouragement to places not named, or a voucher named in general
# 鼓励县（市、区）…: the lower places in general (not 在4个县（市、区）试点: where the region's own voucher runs)
# (市（州）, 市（地、州）, 州（市）, 盟（市）: the prefecture-level units of a province, in general)
_GENERAL_LOWER = (r"(?<![个座\d])(?:县[（(]市[、，,]?区?[)）]|区[（(]县[、，,]?市?[)）]|市[（(]县[、，,]?区?[)）]|"
                  r"市[（(](?:州|地|盟)(?:[、，,]?(?:州|盟))?[)）]|(?:州|盟)[（(]市[)）])")
_GENERAL_WORDS = (
    r"先进地区|发达地区|兄弟(?:城市|地市|省份|省市)|外地|其他(?:地区|城市|省份|省市)|"     # 学习借鉴先进地区发放算力券的经验
    r"各地|多地|各省|各市|各区县|各区|各(?:园区|开发区|高新区|县区|县市区|市州|地市|城市)|地方|地市|市县|有条件的|一些城市|部分城市|部分地区|不少城市|多个城市|多省|"
    # a collective of places not named: 各盟市, 各地州, 多个市州, 部分旗县, 不少地区 (各市 各区 各地 above)
    r"(?:各|多个|部分|一些|不少|众多|若干|诸多)(?:盟市|市州|州市|地州|地市|市县|县市|区县|县区|旗县|县旗|地区|城市|省份|省区|设区的?市|地级市)|"
    r"各(?:县|旗|盟|州)(?![级委长政])|"
    r"等地|等省|等城市|等多|全国各|国家层面|政府通过|各级政府|"
    # cities not named, only by a kind of place or an area they lie in: 内地城市, 周边城市, 沿海城市, 长三角城市
    # (not a place the sentence goes to or reaches: 庆阳至东部城市直连网络, 面向周边城市, 辐射沿海城市)
    r"(?<![至到往向与连通达及射对])(?:内地|周边|周围|沿海|内陆|中西部|东部|西部|中部|南方|北方|一线|二线|新一线|头部|先发|省内|兄弟|毗邻|其它|许多|很多|"
    r"大多数|多数|众多|珠三角|长三角|京津冀|成渝|湾区|都市圈|城市群)(?:的)?(?:城市|地市|省份|省市|地区)(?:中|里|之中)?(?=[^，,中里]|$)")
# a count of places (全国已有20余个城市、十多个省份): the voucher spoken of in general
# (在3个区县试点: where the region's own voucher runs, not who issues)
_GENERAL_COUNT = (
    r"(?<![在于\d一二三四五六七八九十百千数几多])(?:\d+|[一二三四五六七八九十百千数几多]+)\s*(?:余|多)?\s*(?:个|座)(?:设区的?)?(?:城市|省份|省市|省区|地市|地区|市县|区县|县区|县市|地方|市|省|县)(?!级)")
_GENERAL = fast_re(_GENERAL_LOWER + "|" + _GENERAL_WORDS + "|" + _GENERAL_COUNT)
_GENERAL_LOWER_RE, _GENERAL_WORDS_RE, _GENERAL_COUNT_RE = map(fast_re, (_GENERAL_LOWER, _GENERAL_WORDS, _GENERAL_COUNT))


def _general(s: str, pos: int = 0, endpos: int | None = None) -> bool:
    """bool(_GENERAL.search(s, pos, endpos)), its three parts searched apart, each only when a character every
    match of it holds is there (a bracket, 个/座): the one pattern tried all its branches at each position."""
    if endpos is None:
        endpos = len(s)
    part = s[pos:endpos] if pos or endpos < len(s) else s
    return (_GENERAL_WORDS_RE.search(s, pos, endpos) is not None
            or (("（" in part or "(" in part) and _GENERAL_LOWER_RE.search(s, pos, endpos) is not None)
            or (("个" in part or "座" in part) and _GENERAL_COUNT_RE.search(s, pos, endpos) is not None))


_NATIONAL_ENCOURAGE = fast_re(r"鼓励|支持|引导|推动|探索|推广|指导|加大")
_TOPIC_BREAK = fast_re(
    r"人才|团队|落户|子女|住房|租金|房租|用房|场地|办公|基金|贷款|担保|上市|运营经费|运营补贴|一次性奖励|首台|示范空间|"
    r"备案奖励|园区")
_LABEL = fast_re(r"^\s*(?:[#＃]+\s*)?([^：:。；，,]{1,40}?)\s*[：:]")

_ORGAN_AFTER = fast_re(
    r"^(?:市|省|区|县)?(?:人民政府|政府|管理委员会|管委会|委员会|经信委|经信局|科技局|科委|数据局|大数据局|"
    # (a data or computing centre is a facility, not a body: 租用庆阳数据中心集群算力; 大数据中心 is a body)
    r"[\u4e00-\u9fa5]{0,14}?(?:局|委|厅|办公室|办公厅|(?<![^大]数据)(?<!^数据)(?<!算力)(?<!智算)(?<!超算)(?<!计算)中心))")
_ISSUE_VERB = fast_re(r"^[^，。；]{0,30}?(?:印发|发布|出台|推出|设立|发放|宣布|制定|实施|启动|开展|率先|落地|下发|公布|发行|投放|安排|拿出|统筹|每年|将)")


def _topic_break(s: str, region: str) -> bool:
    """A word that starts another topic (人才, 租金, 园区 …) — unless it is the name of the place in force
    (园区单家企业… in a notice of 苏州工业园区) or part of a place named in the text."""
    m = _TOPIC_BREAK.search(s)
    if not m:
        return False
    own = region.rsplit("/", 1)[-1] if region else ""
    for m in _TOPIC_BREAK.finditer(s):
        w = m.group(0)
        if own and w in own:
            continue
        if w == "园区" and re.search(r"(?:工业|产业|科技|软件|高新|经济|开发|示范)" + w + "$", s[:m.end()]):
            continue      # part of a zone's name (苏州工业园区, 软件园区)
        return True
    return False


@dataclass(slots=True, init=False)
class Group:
    """Vouchers named together and the region they belong to, with the terms found for them."""
    vouchers: list[str]
    region: str
    policy: str | None
    budgets: list[tuple[int, bool]] = field(default_factory=list)   # (yuan, is_batch)
    ratios: list[float] = field(default_factory=list)
    caps: list[int] = field(default_factory=list)
    strong_caps: list[int] = field(default_factory=list)            # caps stated as caps (单个企业…, 最高…)
    face: list[int] = field(default_factory=list)                   # 每张 X 元
    max_sheets: list[int] = field(default_factory=list)             # 最多申请 N 张
    scope: list[str] = field(default_factory=list)                  # text attached, for the deadline
    twins: list[str] = field(default_factory=list)                  # regions named together as subject (北京、上海)
    own: dict = field(default_factory=dict)        # voucher → {kind: values} set "respectively" (分别)
    spans: list[int] = field(default_factory=list)                  # pools over several years (2026—2028年共3亿元)
    tentative: bool = False     # opened by a heading naming the voucher: a measure only if terms follow
    parts: dict = field(default_factory=dict)   # region → Group: a clause opening with one of several places named
    par: str | None = None      # the paragraph that named the group (where its place named again is still its talk)

    def __init__(self, vouchers: list[str], region: str, policy: str | None, *, twins: list[str] | None = None,
                 tentative: bool = False, par: str | None = None) -> None:
        # (what the generated __init__ does for the arguments callers give, with list literals instead of
        # factory calls: a group is made for every voucher named)
        self.vouchers, self.region, self.policy = vouchers, region, policy
        self.budgets, self.ratios, self.caps, self.strong_caps, self.face, self.max_sheets = [], [], [], [], [], []
        self.scope, self.spans, self.own, self.parts = [], [], {}, {}
        self.twins = [] if twins is None else twins
        self.tentative, self.par = tentative, par


def _sentences(par: str) -> list[tuple[int, int]]:
    m = _SENT_END.search(par)
    if m is None:
        return [(0, len(par))] if par.strip() else []
    if m.end() == len(par):
        return [(0, len(par))]      # (one sentence, the usual paragraph: no scan for more)
    ends = [m.end() for m in _SENT_END.finditer(par)]
    out = list(zip([0, *ends], ends))     # (never blank: each holds its end mark)
    start = ends[-1] if ends else 0
    if start < len(par) and par[start:].strip():
        out.append((start, len(par)))
    return out


def _chunks(line: str, size: int = 2000) -> list[str]:
    out, start = [], 0
    while start < len(line):
        end = min(len(line), start + size)
        if end < len(line):
            cut = max(line.rfind("。", start, end), line.rfind("；", start, end))
            end = cut + 1 if cut > start else end
        out.append(line[start:end])
        start = end
    return out


def _strip_furniture(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.split("\n")]
    n = len(lines)
    out: list[str] = []
    for i, ln in enumerate(lines):
        if not ln:
            continue
        # (a stripped line opens with no space: a match needs one of the words' first characters there)
        if ln[0] in _FURNITURE_OPENS and _FURNITURE_START.match(ln):
            if i > n * 0.5:
                break          # the rest is page furniture
            continue
        if ln[0] in _TAG_OPENS and _TAG_LINE.match(ln) and len(ln) < 80:
            continue
        if (sm := _SPAM.search(ln)) is not None and _SPAM.search(ln, sm.end()) is not None:
            continue    # (two spam words: what len(_SPAM.findall(ln)) >= 2 tells)
        if out and "关于" in ln and _LINK_TITLE.match(ln):
            continue   # the bare title of another document: a related link left in the text
        if len(ln) > 3000:
            out.extend(_chunks(ln))   # bound the work per paragraph (a page with no line breaks)
        else:
            out.append(ln)
    return out


# ------------------------------------------------------------------ classifying numbers

_STRONG_CAP = fast_re(r"单个|单家|单户|每家|每个|每户|每位|每名|同一|单一|每一|一家|每张|每单位|每个单位|单位每年|各单位|最多")
_BUDGET_CUE = fast_re(r"统筹|资金$|价值|总额|总规模|规模|资金池|总量|总计|共计|合计|发放|设立|安排|投放|发行|额度达|预算|全年|盘子|拿出|划拨|筹集|筹措")
_WEAK_CAP = fast_re(r"给予|奖励|资助|补助|补贴|支持|兑付|兑现|申领|享受|获得")
_THRESHOLD = fast_re(r"(?<!不)超过|达到|以上|不低于|不少于|大于|小于|低于|收入|营收|营业额|产值|合同额(?:在|达)|[<>＜＞≥≤]|投资额|注册资本")
_INCREASE = fast_re(r"(?:较|比)[^，。；]{0,8}(?:增加|增长|提高|多)|新增|增加了|增长了|追加")
_BATCH = fast_re(r"首批|第[一二三四五六七八九十\d]+批|本批|本轮|本期|本次|批次|本季度|第[一二三四]季度|本月")
_STATS = fast_re(r"累计|惠及|带动|撬动|拉动|已发放|已兑付|已兑现|共发放|实现|完成|节约|节省|降低|签约|协议")
# what was paid out (共兑付, 去年兑现 in the amount's own clause): an outcome, not the pool
_PAST_PAYOUT = fast_re(r"共(?:计)?(?:兑付|兑现|拨付)|(?:去年|上年|前年|往年|上一年度?)[^，。；]{0,10}?(?:兑付|兑现|发放|拨付|支出)")
_BATCH_PAY = fast_re(r"兑付|兑现|申领|发放|拨付|下达")     # what a batch as a whole pays out
_CAP_WORD = fast_re(r"最高|不超过|不高于|上限|限额|封顶|至多")
# a named recipient, then only a label before the amount: 某某科技有限公司　兑付金额：860万元
_PAYEE_BEFORE = fast_re(r"(?:有限公司|有限责任公司|股份公司|研究院|研究所|大学|学院)[\s　]*"
                           r"(?:[\u4e00-\u9fa5]{0,6}(?:金额|资金|数额|额度)[\s　]*[:：]?|[:：])?[\s　]*$")
_NEW_LEVEL = fast_re(r"(?:达到|达|增至|增加到|增加至|提高到|提高至|提升到|提升至|扩大到|扩大至|增长到|增长至|扩容到|扩容至|扩充到|扩充至|"
                     # 较上年增加500万元至2500万元: the level an increase reaches
                     r"(?:增加|增长|提高|提升|扩大|追加|上调|增)[\d.０-９零一二三四五六七八九十两百千万亿余多个元%％]+(?:至|到))\s*$")
_POOL_WORD = fast_re(r"规模|总额|额度|资金|预算|总量|盘子")
_THRESHOLD_NOUN = fast_re(r"收入|营收|营业额|产值|投资额|注册资本|销售额|纳税")
_WHOLE = fast_re(r"全市|全区|全省|全县|本市|本区|本省|总|合计|共计|安排|统筹|设立|投放|发行|预算|规模")
_RECIPIENT = fast_re(r"企业|主体|用户|单位|机构|项目|个人|团队|每家|每户|每个|每名|每位|单个|单家|单户")
_POOL_QUOTA = fast_re(r"额度\s*(?:为|是|共|合计|总计|共计)?\s*$")
_FACE = fast_re(r"^\s*(?:/|每)\s*张|^\s*/张")
_FACE_LIST = fast_re(r"^[、，,和及\s\d.万千百亿元]*(?:[一二三四五六七八九十两\d]+\s*(?:种|档|类))?\s*(?:的)?\s*(?:面额|面值)")
# a take (领取, 申领 …) of face value, then only a limit word: 最多可领取面值 / 累计申领面值不超过 / 可领取的算力券总面值最高
_FACE_TAKEN = fast_re(r"(?:领取|申领|领用|获得|获取|享受|兑换)[^，,。；;\d]{0,8}?(?:面值|面额)\s*(?:总额|合计|累计)?\s*"
                      r"(?:为|是|达|最高|最多|不超过|不高于|至多|上限为?|合计|共)?\s*$")
# a number of sheets after the amount (面值1万元的算力券5张): the face of one sheet
_SHEETS_AFTER = fast_re(r"[^，,。；;]{0,12}?(?:\d+|[一二两三四五六七八九十]+)\s*张")
_OWN_TOTAL = fast_re(r"(?:申领|领取|获得|享受|使用|兑付|兑现|补贴|支持|奖补)总额")


def _classify_amount(par: str, a: Amount, voucher_after: bool) -> str | None:
    """budget | span | cap | face | None (threshold, increase, other). `span`: a pool over several years."""
    kind = _classify_amount1(par, a, voucher_after)
    if kind == "budget":
        right = par[a.end:a.end + 16]
        if "其中" in right and _TOTAL_OF_PARTS.match(right):
            return None     # 专项资金3000万元（其中算力券2000万元…）: the total of which each voucher has a part
        far = par[a.end:a.end + 60]
        if "其中" in far and _TOTAL_OF_PARTS_FAR.match(far):
            return None     # 专项资金1亿元，用于落实各项政策，其中包括模型券、语料券以及…: likewise, a clause on
        if "分" in right and _OVER_YEARS.match(right):
            return "span"   # 设立1.5亿元算力券，分三年发放: a pool over years, not the year's
        sent_left = par[(a.start - 60 if a.start > 60 else 0):a.start]
        if "年" in sent_left and _SPAN_HINT.search(sent_left) is not None:
            sent_left = _SENT_SPLIT.split(sent_left)[-1]
            m = _YEAR_SPAN.search(sent_left)
            if m is not None and not _PER_YEAR.search(sent_left, m.end()):
                return "span"   # 2026—2028年…总规模3亿元: a pool over years, not the year's
    return kind


_OVER_YEARS = fast_re(r"^[^。；;]*?分\s*(?:[两二三四五六七八九十]|\d+)\s*(?:个)?(?:年|年度|个年度)")
# (a clause between with no number of its own, then 其中 and the voucher among what the total pays for)
_TOTAL_OF_PARTS_FAR = fast_re(r"^[^。；;\d０-９]{0,40}?[，,]\s*其中\s*(?:包括|包含|含|有|涵盖)\s*[\u4e00-\u9fa5“”\"]{0,6}券")
_TOTAL_OF_PARTS = fast_re(r"^\s*[)）]?\s*[（(，,]?\s*其中\s*(?!首批|第[一二三四五六七八九十\d]+批)[\u4e00-\u9fa5“”\"]{0,6}券")
_YEAR_SPAN = fast_re(r"\d{4}\s*年?\s*(?:—|–|-|~|～|至|到)\s*\d{4}\s*年|[二两三四五六七八九十]年(?:内|间|期间)|期间")
_PER_YEAR = fast_re(r"每年|年度|全年|当年|本年|每一年|\d{4}\s*年(?!\s*(?:—|–|-|~|～|至|到))")
_SENT_SPLIT = fast_re(r"[。；;]")
_SPAN_HINT = fast_re(r"[至到—–\-~～]|期间|年内|年间")


_CLAUSE_SPLIT = fast_re(r"[，,。；;：:（(]")
_LABEL_END = fast_re(r"[：:]\s*$")
_ABOVE_BELOW = fast_re(r"^\s*(?:[（(]含[）)])?\s*(?:以上|以下|及以上|及以下|[<>＜＞≤≥])")
_PER_UNIT = fast_re(r"^\s*(?:/|每)\s*(?:平方米|平米|㎡|人|月|天|小时|卡时|P)")
_INCL_END = fast_re(r"含\s*$")
_LIMIT_WORD = fast_re(r"最高|不超过|不高于|上限|限额|额度")


# a target of the economy (力争人工智能核心产业规模突破500亿元, 数字经济增加值超过2000亿元): the size of an industry,
# its output or revenue, or a goal (力争, 目标, 预计) reached (突破, 达到, 超过) — never a voucher's pool or cap
_ECONOMY = fast_re(r"产业(?:总)?规模|产业集群|产值|增加值|营业收入|营收|经济总量|市场规模|交易规模|营业额|销售收入")
_GOAL = fast_re(r"力争|目标|预计|预期|有望|争取")
_REACHED = fast_re(r"(?:突破|达到|达|超过|超|迈上|跨越|实现)\s*$")


def _economy_target(par: str, a: Amount, clause: str) -> bool:
    if "券" in clause:
        return False
    sent_left = _SENT_SPLIT.split(par[(a.start - 60 if a.start > 60 else 0):a.start])[-1]
    if "券" in sent_left:
        return False
    e = _ECONOMY.search(clause)
    if e is not None and _rx(r"[^的给予补奖助贴按最不]{0,10}$").match(clause, e.end()) is not None:
        return True     # (not 按营业收入的5%给予最高50万元: an amount paid on revenue)
    return _REACHED.search(clause) is not None and _GOAL.search(sent_left) is not None \
        and _rx(r"发放|安排|投放|设立|拿出|下达|预算").search(sent_left) is None


def _classify_amount1(par: str, a: Amount, voucher_after: bool) -> str | None:
    left = par[(a.start - 24 if a.start > 24 else 0):a.start]
    clause = _CLAUSE_SPLIT.split(left)[-1]
    if ("产" in clause or "营" in clause or "值" in clause or "总量" in clause or "收入" in clause
            or "破" in clause or "达" in clause or "超" in clause) and _economy_target(par, a, clause):
        return None
    if not clause.strip() and _LABEL_END.search(left):
        clause = _rx(r"[，,。；;（(]").split(left)[-1]     # a label: 资金总额：3000万元
    right = par[a.end:a.end + 12]
    if ("基金" in clause and _FUND_SIZE.search(clause) is not None) or (
            par.find("基金", a.end, a.end + 24) >= 0 and _FUND_AFTER.match(par, a.end) is not None):
        return None     # 总规模200亿元的…子基金 / 引导基金总规模达50亿元: a fund, another subsidy, not a voucher's pool
    # (substring tests first: each pattern below can only match where its words occur)
    if "面" in clause and _FACE_TAKEN.search(clause) and _STRONG_CAP.search(clause) \
            and not _SHEETS_AFTER.match(par, a.end):
        return "cap"        # 每家企业最多可领取面值10万元的云服务券: the whole face value one recipient can take
    if ("张" in right and _FACE.match(right)) or (("张" in clause or "面" in clause) and _rx(
            r"每张\s*(?:价值|面值|面额)?\s*$|面额|面值|票面").search(clause)):
        return "face"
    if ("面" in right or "种" in right) and _FACE_LIST.match(right):
        return "face"       # 分为1万元、5万元、10万元三种面额: the face values, not a cap
    if "总额" in clause and _OWN_TOTAL.search(clause) and _CAP_WORD.search(clause) \
            and _STRONG_CAP.search(_rx(r"[。；;]").split(par[(a.start - 40 if a.start > 40 else 0):a.start])[-1]):
        return "cap"        # 每家企业累计申领不超过20张，且申领总额不超过100万元: one recipient's total
    if ("不少于" in clause or "不低于" in clause) and _BUDGET_CUE.search(clause) \
            and _rx(r"(?:不少于|不低于)\s*$").search(clause):
        return "budget"     # 计划发放模型券不少于3亿元
    payee_window = par[(a.start - 40 if a.start > 40 else 0):a.start]
    if ("公司" in payee_window or "研究" in payee_window or "大学" in payee_window or "学院" in payee_window) \
            and _PAYEE_BEFORE.search(par, (a.start - 40 if a.start > 40 else 0), a.start) and not _CAP_WORD.search(clause):
        return None     # 某某科技有限公司 兑付金额：860万元 — a payout to a named recipient (a results list)
    if ("付" in clause or "兑" in clause) and _PAYOUT_TOTAL.search(clause) is not None and not _CAP_WORD.search(clause) \
            and _RECIPIENTS_COUNTED.search(_SENT_SPLIT.split(par[(a.start - 40 if a.start > 40 else 0):a.start])[-1]):
        return None     # 合计：12家企业，拟兑付金额848.9万元: what a list of recipients is paid in all (a 公示), no term
    if _NEW_LEVEL.search(clause) and not _rx(r"^\s*(?:[（(]含[）)])?\s*(?:以上|以下|及以上|及以下)").match(right):
        # 规模比上年增长20%，达到6000万元 / 额度提高至200万元: the new level of what the sentence names
        sent_left = _rx(r"[。；;]").split(par[(a.start - 48 if a.start > 48 else 0):a.start])[-1]
        if _STRONG_CAP.search(clause) or _CAP_WORD.search(clause):
            return "cap"
        if (_BUDGET_CUE.search(sent_left) or _POOL_WORD.search(sent_left) or "扩" in clause) \
                and not _THRESHOLD_NOUN.search(sent_left) and not _STATS.search(sent_left):
            return "budget"     # (扩容至/扩大至: what grows to a new size is a pool)
    if _ABOVE_BELOW.match(right) or _THRESHOLD.search(clause):
        return None
    if "其中" in clause and _rx(r"^\s*其中").match(clause):
        if _rx(r"券\s*(?:资金|额度|规模|总额)?\s*(?:为|安排|发放)?\s*$|"
               r"(?:\d{4}\s*年度?|今年|当年|本年度?|首年)\s*(?:安排|发放|投入|下达)?\s*(?:资金)?\s*$").search(clause):
            return "budget"     # 其中算力券3000万元、模型券2000万元 / 其中2026年安排3000万元: that voucher's, that year's
        return None     # a share of a total (其中成都市4000万元)
    if _INCREASE.search(clause):
        return None     # an increase
    if ("/" in right or "每" in right) and _PER_UNIT.match(right):
        return None
    if "含" in clause and _INCL_END.search(clause):
        return None     # （含1万元）: the bound of a threshold
    # (each word of _PAST_PAYOUT holds 共 or 年, each of _BATCH 批, 本 or 季)
    if (_STATS.search(clause) or (("共" in clause or "年" in clause) and _PAST_PAYOUT.search(clause))) \
            and not _LIMIT_WORD.search(clause):
        return None     # 累计发放1.2亿元, 带动算力消费5亿元, 去年共兑付120万元: outcomes, not terms
    if ("批" in clause or "本" in clause or "季" in clause) and _BATCH.search(clause) \
            and not (_STRONG_CAP.search(clause) or _CAP_WORD.search(clause)
                                      or _RECIPIENT.search(clause)) \
            and (not _WEAK_CAP.search(clause) or (
                _BATCH_PAY.search(clause) and "给予" not in clause
                and not _RECIPIENT.search(_SENT_SPLIT.split(par[(a.start - 40 if a.start > 40 else 0):a.start])[-1]))):
        # 首批算力券800万元 / 首批兑付320万元: the pool of a batch (kept only when no yearly pool is stated)
        return "budget"
    if _PRICE_BEFORE.search(clause, len(clause) - 10 if len(clause) > 10 else 0) is not None \
            and not _CAP_WORD.search(clause):
        return None     # 一条产线的改造服务报价200万元 / 合同金额300万元 / 只需支付150万元: a price or a cost (an example), no cap
    if _STRONG_CAP.search(clause):
        return "cap"
    if _POOL_QUOTA.search(clause) and not _CAP_WORD.search(clause):
        # 全市创新券额度为1.2亿元 / 本季度兑付额度为800万元 / 每年安排算力券额度6000万元: the quota of the pool;
        # 企业年度使用额度为20万元: each recipient's quota
        return "budget" if not _RECIPIENT.search(clause) or _WHOLE.search(clause) else "cap"
    if ("年" in clause and _YEAR_IS.match(clause)):
        sent_left = _SENT_SPLIT.split(par[(a.start - 60 if a.start > 60 else 0):a.start])[-1]
        if _POOL_WORD.search(sent_left) and not _RECIPIENT.search(sent_left) and not _CAP_WORD.search(sent_left) \
                and not _THRESHOLD_NOUN.search(sent_left):
            return "budget"     # 算力券资金由区财政每年预算安排，2026年为200万元: that year's pool
    if voucher_after:
        if _BUDGET_CUE.search(clause) or not _WEAK_CAP.search(clause):
            return "budget"
        return "cap"
    if _BUDGET_CUE.search(clause):
        return "budget"
    if not _rx(r"最高|不超过|不高于|上限|限额|以内|封顶").search(clause) and _rx(r"每年|年度|全年|共|总").search(clause):
        return "budget"   # 本市发放算力券，每年1000万元
    return "cap"


# what recipients are paid (兑付金额, 拨付资金), and a count of them in the sentence (12家企业): a list's total, where
# 第三批创新券兑现资金共计240万元 (no recipients counted) is the batch's pool
_PAYOUT_TOTAL = fast_re(r"(?:兑付|拨付|兑现|支付)(?:资金|金额|总额)\s*(?:为|共|合计|共计|总计)?\s*$")
_RECIPIENTS_COUNTED = fast_re(r"(?:\d+|[一二两三四五六七八九十百]+)\s*家(?:企业|单位|机构)?")
# the size of a fund (基金, 子基金, 母基金): an amount the fund's name follows in its clause, or one its size is
# stated as (基金总规模达50亿元) — not 从产业基金中安排算力券1亿元 (a voucher's pool drawn from a fund)
_FUND_AFTER = fast_re(r"[^，,。；;：:券]{0,20}?基金")
_FUND_SIZE = fast_re(r"基金[^，,。；;：:券]{0,6}?(?:总规模|规模|总额|总量)[^，,。；;：:券]{0,4}$")
# a price or a cost the amount is, or what one buyer saved (an example's: 报价200万元, 合同金额300万元, 只需支付150万元,
# 费用约为250万元, 用券抵扣了90万元),
# the amount right after the word (searched in the clause's last 10 characters: a word and its filler)
_PRICE_BEFORE = fast_re(r"(?:报价|价格|售价|标价|原价|总价|造价|费用|花费|花了|成本|合同金额|合同额|总投资|投资额|支付|付了|"
                        r"抵扣了|抵了|省了|省下了?|减免了)"
                        r"\s*(?:为|是|约|约为|达|达到|共|合计|高达|仅|只有)?\s*$")
_YEAR_IS = fast_re(r"^\s*(?:\d{4}\s*年度?|今年|当年|本年度?|首年|明年)\s*(?:为|是|拟安排|计划安排|安排|预算|共|合计)?\s*$")
_RATIO_BAD = fast_re(
    r"增长|下降|降低|提升|提高了|同比|环比|增速|节省|缩短|减少|占比|占|获贷率|利率|贡献|覆盖率|达到|(?<!不)超过|完成率|比重|股权|持股|权重")
_RATIO_CUE = fast_re(
    r"按|给予|补贴|补助|资助|抵扣|比例|金额|费用|合同|额的|价格|支付|承担|奖励|激励|兑现|优惠|享受|最高|不超过|不高于|提高至|提高到|以内")


def _classify_share(par: str, s: Share) -> bool:
    left = par[(s.start - 20 if s.start > 20 else 0):s.start]
    clause = _rx(r"[，,。；;]").split(left)[-1]
    right = par[s.end:s.end + 10]
    if s.kind in ("discount", "pay"):
        return True
    if _rx(r"叠加|累计补贴比例|合计不超过|综合补贴比例|总和").search(clause) and not _rx(r"再按|另按|额外|再给予").search(clause):
        return False
    if _rx(r"总额|合计|累计|总和|总计|最高|不超过").search(clause) and _rx(r"叠加[后的]|累加[后的]|合并计算|与其他[^，。；]{0,12}(?:叠加|同时|累计)|(?:各类|各项|多项|多种)(?:补贴|扶持|支持|政策|资金)|重复享受|同时享受").search(_rx(r"[。；;]").split(par[(s.start - 40 if s.start > 40 else 0):s.start])[-1]):
        return False      # 与其他补贴叠加后，补贴总额不超过费用的80% / 享受各类补贴的，累计不超过…50%: the ceiling of all together
    if _rx(r"^\s*[—\-~～至到]\s*\d").search(right) and not _RATIO_CUE.search(clause):
        return False
    if _RATIO_BAD.search(clause, max(0, len(clause) - 8)) and not _rx(r"提高至|提高到|可提高|最高可").search(clause):
        return False
    if _RATIO_CUE.search(clause) or _rx(r"^\s*(?:的)?(?:比例)?\s*(?:给予|予以|进行|补贴|补助|资助|奖励|抵扣|兑现|激励|的补|支持)").match(right):
        return True
    return False


# ------------------------------------------------------------------ region of a paragraph

@dataclass
class _State:
    heading: str          # region set by the last heading
    current: str          # region in force for the paragraph
    policy: str | None
    group: Group | None = None
    top_policy: str | None = None
    local: bool = False       # a region was named in the paragraph being read
    coord: list = field(default_factory=list)   # regions coordinated with the one in force (北京、上海)
    coord_end: int | None = None
    par: str | None = None
    group_level: int | None = None   # list level of the item where the group in force began
    home: str = ""            # the source's region: what 我市/本市 mean (also for news sources)
    same_place: bool = False  # the paragraph names only the place of the group in force, with no terms
    table: list | None = None  # column kinds of the table being read (budget, ratio, cap, deadline, None)
    inherited: bool = False   # the region in force came from an issuer named in an earlier paragraph
    inherit_level: int | None = None
    heading_level: int | None = None   # list level of the region heading in force (一、杭州市)   # list level of the item where that region was named
    named: str | None = None  # the region an issuer named in the paragraph being read
    fits: dict = field(default_factory=dict)   # _policy_fits answers within this document (same title, asked again)
    listed: list = field(default_factory=list)  # the places last listed together as a voucher's subject (青秀区、良庆区)


_TITLE_RE = fast_re(r"《([^《》\n]{2,80})》")


def _policy_titles(par: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if "《" not in par:
        return out
    for m in _TITLE_RE.finditer(par):
        t = m.group(1).strip()
        if len(t) <= 5:       # 《措施》《通知》: an abbreviation of the last one
            continue
        if _rx(r"(?:根据|按照|依据|依照|参照|贯彻|落实|对照|执行)\s*$").search(par[(m.start() - 6 if m.start() > 6 else 0):m.start()]):
            continue          # a policy the text cites, not the one it states
        out.append((m.start(), t))
    return out


_NATIONAL_BODY = fast_re(
    r"(?=[国中工财科商教人农交])(?:国务院|中共中央|中央网信办|国家(?:发展改革委|发展和改革委员会|数据局|网信办|[\u4e00-\u9fa5]{1,8}?(?:局|委员会|委|部|署))|"
    r"(?:工业和信息化|财政|科学技术|商务|教育|人力资源社会保障|人力资源和社会保障|农业农村|交通运输)部)")


def _issuer_regions(par: str, context: str, cited_glued: list | None = None) -> list[tuple[int, int, str]]:
    """Region mentions that speak as issuer: label at paragraph start, X政府/X局…, X印发, 《X…》 at the start,
    or a region glued to a voucher (杭州算力券). National bodies (国家数据局, 工业和信息化部) speak for 全国."""
    out = []
    # (every national body's name holds 国, 部 or 中央: most paragraphs need no scan)
    for m in (_NATIONAL_BODY.finditer(par) if "国" in par or "部" in par or "中央" in par else ()):
        left = par[(m.start() - 24 if m.start() > 24 else 0):m.start()]
        if _rx(r"(?:根据|按照|依据|依照|参照|贯彻|落实|对接|争取|获得|申请|享受|入选|纳入)[^。；]{0,20}$").search(left):
            continue
        if _rx(r"经$").search(left):
            continue
        if _rx(r"^(?:等[\u4e00-\u9fa5]{0,4})?[、，,\s]*(?:联合|会同|近日|日前|于)?[\u4e00-\u9fa5]{0,3}?(?:印发|发布|出台|制定|公布|下发|发出|提出|指出|明确)").match(
                    par[m.end():m.end() + 16]) or _rx(r"^[\s、，,]*(?:等|联合|会同)").match(par[m.end():m.end() + 8]):
            out.append((m.start(), m.end(), R.NATIONAL))
    found = R.find_regions(par, context)
    prev_open, prev_end = False, -9
    # (par[:i].strip(" #＃\t【[") == "" exactly when i is at most the length of that lead)
    lead = len(par) - len(par.lstrip(" #＃\t【[")) if found else 0
    collective = _collectives(par, found) if found and _COLLECTIVE_WORD.search(par) is not None else None
    institutions = found and _INSTITUTION_WORD.search(par) is not None
    parks = found and ("园" in par or "区" in par) and _PARK_WORD.search(par) is not None
    capital_open = False
    capital_at = -1       # where the province that says which city the next place is starts (江西省会南昌市)
    for k, rm in enumerate(found):
        # (the tests run cheapest first; each is computed only when the outcome still depends on it)
        # 绥化、大庆正在组织语料券申报: a place listed after one that opens the clause opens it too
        listed_open = prev_open and rm.start - prev_end <= 3 and _LIST_SEP.fullmatch(par, prev_end, rm.start) is not None
        opens = listed_open or capital_open or rm.start <= lead or _CLAUSE_OPEN.search(
            ("。" if rm.start <= 8 else "") + par[(rm.start - 8 if rm.start > 8 else 0):rm.start]) is not None \
            or ("省" in par or "府" in par or "的" in par) and _ATTRIBUTE_OPEN.search(
                ("。" if rm.start <= 24 else "") + par[(rm.start - 24 if rm.start > 24 else 0):rm.start]) is not None
        capital_open = False
        own_at = capital_at if capital_at >= 0 else rm.start     # (the city reads what precedes its province)
        capital_at = -1
        if k + 1 < len(found) and "/" not in rm.path and found[k + 1].path.startswith(rm.path + "/") \
                and found[k + 1].start - rm.end <= 3 and _CAPITAL_BETWEEN.fullmatch(par, rm.end, found[k + 1].start):
            # 江西省会南昌市 / 广西首府南宁市: the province says which city; the city is the subject
            capital_open, capital_at = opens, own_at
            prev_open, prev_end = False, rm.end
            continue
        prev_open, prev_end = opens, rm.end
        after = par[rm.end:rm.end + 40]
        if after[:1] in _GENERAL_FIRST and _IN_GENERAL_AFTER.match(after) is not None:
            continue     # 安徽省多个城市相继推出算力券 / 山西某公司使用算力券: the place says who, in general
        if collective is not None and collective[k]:
            continue     # 甘肃、青海、陕西就有多个市州出台了算力券: places whose places not named act, in general
        if institutions and _INSTITUTION_AFTER.match(after) is not None:
            continue     # 吉林大学, 延边电视台, 吉林银行珲春支行: an institution's name, not the place speaking
        if parks:
            pm = _PARK_AFTER.match(after)
            if pm is not None and context.startswith(rm.path + "/") and _GENERIC_ZONE.fullmatch(pm.group(1)) is None \
                    and (k + 1 == len(found) or found[k + 1].start >= rm.end + pm.end()):
                # 海南生态软件园, 徐州淮海软件园: the head of a park's own name, not the place speaking, where the text
                # places the park deeper inside that place (the region in force lies under it); elsewhere the place
                # is the most the text says of where the park is (成都天府软件园 in national news: 成都市)
                continue
        # (what precedes a place at the paragraph's start after a lead date opens with a space, a mark, a
        # digit or a comma: any other first character fails _LEAD_DATE at once)
        start_of_par = rm.start <= lead or ((par[0].isspace() or par[0] in _LEAD_FIRST or par[0].isdecimal())
                                            and _LEAD_DATE.fullmatch(par, 0, rm.start) is not None)
        label = start_of_par and (_LABEL_AFTER.match(after) is not None or (
            par[:1] in "【[" and _BRACKET_LABEL_AFTER.match(after) is not None))     # 【张江】张江科学城…
        located = _LOCATED_BEFORE.search(par[(rm.start - 2 if rm.start > 2 else 0):rm.start]) is not None
        topic = located and _TOPIC_AFTER.match(after) is not None      # 在杭州，… names the subject
        if located and not label and not topic:
            continue
        cm = _CITED_BEFORE.search(par[(rm.start - 24 if rm.start > 24 else 0):rm.start]) if not label else None
        if cm is not None and _REPORTED.search(cm.group(0)) is None and not _CITATION_CLOSED.search(cm.group(0)):
            # (根据甘肃官方媒体报道，省会兰州市…: a report, its clause ended, cites nothing)
            if cited_glued is not None and _glued_voucher(after):
                cited_glued.append((rm.end, rm.path))
            continue
        if (label or topic or par[(rm.start - 1 if rm.start > 1 else 0):rm.start] == "《" or _ORGAN_AFTER.match(after) is not None
                or (_ISSUE_VERB.match(after) is not None
                    and (start_of_par or _VERB_BEFORE.search(par[(own_at - 1 if own_at > 1 else 0):own_at]) is not None
                         or _BACKS_BEFORE.search(par, rm.start - 4 if rm.start > 4 else 0, rm.start) is not None))
                or _glued_voucher(after)
                or ((start_of_par or opens) and not located
                    and (_subject_voucher(after)
                         or _subject_sentence(par, rm.end, found[k + 1].start if k + 1 < len(found) else len(par))))):
            out.append((rm.start, rm.end, rm.path))
    if "该" in par:
        # 记者从房山区获悉，该区近日印发…: 该区/该市 is the place of its kind named just before
        for m in _GAI.finditer(par):
            if _CITED_BEFORE.search(par[(m.start() - 24 if m.start() > 24 else 0):m.start()]) is not None \
                    or _LOCATED_BEFORE.search(par[(m.start() - 2 if m.start() > 2 else 0):m.start()]) is not None:
                continue
            word = m.group(1)
            path = next((rm.path for rm in reversed(found) if rm.end <= m.start() and _same_level(word, rm.path)), None)
            if path is None and context and _same_level(word, context):
                path = context
            if path is not None:
                out.append((m.start(), m.end(), path))
    if len(found) > 1 and out and len(out) < len(found):
        # 如鄂尔多斯市、中卫市已发放算力券: places listed before an issuer share its verb
        starts = None
        for i in range(len(found) - 2, -1, -1):
            rm, nxt = found[i], found[i + 1]
            if nxt.start - rm.end > 4:
                continue
            if starts is None:
                starts = {s for s, _, _ in out}
            if nxt.start in starts and rm.start not in starts \
                    and _LIST_SEP.fullmatch(par, rm.end, nxt.start) \
                    and _IN_GENERAL_AFTER.match(par, rm.end) is None \
                    and _LOCATED_BEFORE.search(par[(rm.start - 2 if rm.start > 2 else 0):rm.start]) is None \
                    and _CITED_BEFORE.search(par[(rm.start - 24 if rm.start > 24 else 0):rm.start]) is None:
                out.append((rm.start, rm.end, rm.path))
                starts.add(rm.start)
    out.sort()
    return out


_LEAD_FIRST = frozenset("#＃,，")
_GAI = fast_re(r"该(市|区|县|省)(?![域场级份内外民])")
_LEAD_DATE = fast_re(r"[\s#＃]*(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{4}-\d{1,2}-\d{1,2})?[,，]?\s*")
_LABEL_AFTER = fast_re(r"^[^，。；,;：:]{0,24}[：:]")
# (not an outlet's name in brackets: 【香港01】, 【香港商报】 — a brand's letters or digits, or an outlet's word, after the place)
_BRACKET_LABEL_AFTER = fast_re(r"^(?![^】\]]{0,4}?(?:报|网|社|台|新闻)[】\]])[^，。；,;：:【】A-Za-z0-9]{0,4}[】\]]")
_IN_GENERAL_AFTER = fast_re(
    r"(?:的)?(?:多个|多地|各地|各市|部分|一些|不少|众多|若干|某|[\d一二三四五六七八九十几两]+(?:个|座))"
    r"(?!级)")
_GENERAL_FIRST = frozenset("的多各部一不众若某0123456789二三四五六七八九十几两")
# a place followed by a collective of its places not named (内蒙古各盟市, 陕西就有多个市州, 河南等地已有多个城市,
# 云南省内不少地市): the places act, not the place named. A filler may stand between (就有, 也有, 等地, 省内 …);
# the collective is a quantity (各, 多个, 部分, 3个 …) and a word for places (市州, 盟市, 城市, 地区, 县 …).
_COLLECTIVE_AFTER = fast_re(
    r"(?:等(?:地区?|省份?|城市)?)?(?:省内|区内|境内|辖区内?|全省|全区|全市|所辖|下辖)?"
    r"(?:就|也|均|都|还|共|已|现|先后|目前|今年|陆续)*有?(?:的)?"
    r"(?:多个|各|部分|一些|不少|众多|若干|诸多|多数|大部分|个别|[\d一二三四五六七八九十几两]+\s*(?:余|多)?\s*(?:个|座))"
    r"(?:盟市|市州|州市|地州|地市|市县|县市|区县|县区|旗县|县旗|城市|地区|省份|省区|省市|地方|设区的?市|地级市|"
    r"[市县区州盟旗省地](?![场级委长政民直属]))")


# a place at the head of an institution's name (吉林大学, 吉林农业大学, 北京航空航天大学, 延边电视台, 四川日报, 吉林银行,
# 中国银行吉林分行): the institution, not the place, acts. A few characters of its own name may stand between,
# none of a government body's or of a list (局 委 厅 办 府 与 和 、 …).
_INSTITUTION_AFTER = fast_re(
    r"[^\s局委厅办府政与和及同、，,。；;：:（(“”\"券市区县省州盟旗]{0,4}?"
    r"(?:大学|学院|中学|小学|学校|医院|银行|分行|支行|农商行|日报|晚报|商报|早报|都市报|报社|电视台|广播电视台|卫视|"
    r"新闻网|证券|保险|集团|有限公司|股份有限公司|分公司)")
_INSTITUTION_WORD = fast_re(r"大学|学院|中学|小学|学校|医院|银行|分行|支行|农商行|日报|晚报|商报|早报|都市报|报社|电视台|卫视|"
                            r"新闻网|证券|保险|集团|公司")
# a place at the head of a park's or a zone's own name (海南生态软件园, 鹤壁京东云产业园, 郑州航空港经济综合实验区 when
# the gazetteer did not know it): the park, not the place, acts; the park lies in the region the text places it in.
# A few characters of the park's own name stand between, none of a body's or a list's, and not a generic kind
# alone (鹤壁高新区, 合肥经开区: a zone the gazetteer does not know, named by its city and its kind, is the city's).
_PARK_WORD = fast_re(r"软件园|产业园|科技园|工业园|创新园|园区|示范区|实验区|试验区|开发区|新区|合作区|先导区")
_PARK_AFTER = fast_re(
    r"([^\s局委厅办府政与和及同、，,。；;：:（(“”\"《》券市区县省州盟旗的于在对向由]{1,10}?)"
    r"(?:软件园|产业园|科技园|工业园|创新园|园区|示范区|实验区|试验区|开发区|新区|合作区|先导区)")
_GENERIC_ZONE = fast_re(r"(?:国家级|省级|市级|国家)?(?:高新技术产业|高新技术|经济技术|经济|高新|高|经开|工业|产业|科技|软件|"
                        r"综合保税|保税|创新)?")
# (every collective holds one of these: the places of a paragraph are matched against it only when it has one)
_COLLECTIVE_WORD = fast_re(r"多个|各|部分|一些|不少|众多|若干|诸多|多数|个别|[个座](?:盟|市|州|地|区|县|旗|城|省)")


def _collectives(par: str, found) -> list[bool] | None:
    """For each place found, whether a collective of places not named follows it (陕西就有多个市州), or it is
    listed with one that is (甘肃、青海、陕西就有多个市州: all three). None when no place is so followed."""
    flags = None
    for k, rm in enumerate(found):
        if _COLLECTIVE_AFTER.match(par, rm.end) is not None:
            if flags is None:
                flags = [False] * len(found)
            flags[k] = True
    if flags is None:
        return None
    for k in range(len(found) - 2, -1, -1):
        if flags[k + 1] and not flags[k] and found[k + 1].start - found[k].end <= 3 \
                and _LIST_SEP.fullmatch(par, found[k].end, found[k + 1].start) is not None:
            flags[k] = True
    return flags
_LIST_SEP = fast_re(r"\s*(?:、|和|及|与|以及|,|，)\s*")
_LOCATED_BEFORE = fast_re(r"(?:在|于|到|从|向|赴|来|至|落户|入驻)$")
_TOPIC_AFTER = fast_re(r"^[，,：:]")
_CITED_BEFORE = fast_re(r"(?:根据|按照|依据|依照|参照|贯彻|落实|对接|争取|获得|申请|享受|符合|持有|使用)[^。；]{0,20}$")
# 支持乌鲁木齐高新区（新市区）…发放区级模型券: a named place a policy backs in issuing its own voucher
_BACKS_BEFORE = fast_re(r"(?:^|[，,。；;、\s])(?:支持|鼓励|推动|指导|引导)$")
_VERB_BEFORE = fast_re(r"[，,。；;\s、和及与】\]：:]$|^$")
_SUPPORT = fast_re(r"发放|设立|安排|推出|实施|发行|投放|聚焦|侧重|主打|重点|叠加|支持|补贴|补助|给予|予以|按|"
                   r"组织|开展|启动|受理|征集|兑付|兑现|申报|申领")
# a place that opens its clause after a word saying which place it is (省会兰州市, 同省的上饶市, 相邻的宣城市,
# 同属深圳的宝安区)
# (searched in the 24 characters before the place, a text start written as 。)
_ATTRIBUTE_OPEN = fast_re(r"[。；;，,、]\s*(?:而|则|另外|此外|同时|其中|另一边)?\s*"
                          r"(?:省会|首府|省城|同省的?|同省份的|同一省份的|邻近的|相邻的|毗邻的|隔壁的|邻省的|"
                          r"同(?:属|为|在|是)[\u4e00-\u9fa5]{1,10}?的)$")
# between a province and its city: the city is the province's capital (江西省会南昌市, 广西首府南宁市)
_CAPITAL_BETWEEN = fast_re(r"(?:的)?(?:省会|首府|会|省城)(?:城市)?")
# a report a place is read from, its clause ended (根据甘肃官方媒体报道，…): no citation of the place
# a citation whose clause closed before the place (根据深圳市有关政策，深圳市训力券按…): the place opens the next clause
_CITATION_CLOSED = fast_re(r"[，,]\s*$")
_REPORTED = fast_re(r"(?:报道|报导|消息|介绍|获悉|显示|统计|了解到|称)\s*[，,]")
_CLAUSE_OPEN = fast_re(r"[。；;，,]\s*(?:近日|日前|近期|同时|此外|另外|与此同时|其中|而|另一方面)?[，,]?\s*$")


def _subject_voucher(after: str) -> bool:
    """郑州市则聚焦语料券，… / 苏州工业园区对区内企业在市级算力券基础上再按10%叠加支持: the place opens a
    clause that names a voucher and what the place does with it."""
    clause = _rx(r"[，,。；;：:]").split(after, maxsplit=1)[0]
    vs = find_vouchers(clause)
    if not vs or _SUPPORT.search(clause) is None or _general(clause):
        return False
    # 海南自贸港政策叠加算力券: the place modifies another noun (no verb after it) — unless that noun
    # phrase is the voucher's own name (深圳市人工智能算力券按…)
    return _SUBJECT_NEXT.match(after) is not None or (vs[0].start <= 8 and not _SUPPORT.search(clause, 0, vs[0].start))


# what follows a place that is the subject of its clause: an adverb, a time, a preposition or a verb — not a
# noun it modifies (海南自贸港政策…, 山东企业…)
_SUBJECT_NEXT = fast_re(
    r"\s*(?:则|也|还|亦|又|再|将|已|正|均|同步|同时|率先|首次|首批|近日|日前|近期|近年|今年|明年|本年|每年|年内|当年|全年|"
    r"本次|此次|对|向|为|按|在|于|从|以|面向|针对|围绕|聚焦|重点|侧重|主打|共|累计|计划|拟|决定|正式|专门|继续|进一步|大力|"
    r"积极|分别|统筹|\d|[一二三四五六七八九十两]|发放|设立|安排|推出|实施|发行|投放|叠加|支持|补贴|补助|给予|予以|出台|印发|"
    r"发布|开展|启动|上线|加码|加大|提高|新增|试点|探索|创新|优化|升级|推动|打造|依托|立足|结合|通过|采取|实行|给|把|将)")


_TOPS_UP = fast_re(r"再按|再给予|叠加支持|叠加补贴|叠加奖励|追加支持|额外给予|配套支持|配套补贴|按\s*1\s*[:：]\s*1\s*比例?配套")
_ISSUE_THEN_VOUCHER = fast_re(r"(?:发放|推出|设立|出台|印发|发行|投放|启动|上线)[^，。；,;]{0,10}?券")


def _subject_sentence(par: str, end: int, stop: int) -> bool:
    """鹤壁市依托…资源优势，今年发放算力券总额3000万元: the place opens a sentence whose verb, a few clauses
    on, issues a voucher (no other place named in between)."""
    stop = min(stop, end + 80)
    m = _SENT_END.search(par, end, stop)
    if m is not None:
        stop = m.start()
    if "券" not in par[end:stop]:
        return False
    v = _ISSUE_THEN_VOUCHER.search(par, end, stop)
    if v is not None and bool(find_vouchers(v.group(0))) and not _general(par, end, v.start()):
        return True
    # 南山区在此基础上，对已获得市级训力券支持的区内企业，再按10%给予叠加支持: the place opens a sentence that tops
    # up a voucher (再按, 叠加支持, 配套 …)
    return _SUBJECT_NEXT.match(par, end) is not None and _TOPS_UP.search(par, end, stop) is not None \
        and not _general(par, end, stop)


def _glued_voucher(after: str) -> bool:
    """A region that owns the voucher right after it: 杭州算力券, 北京市的“算力券”, 广东省“训力券”, 山东省模型券."""
    # (a time between the place and its voucher changes no owner: 娄底市今年算力券总额…, 杭州市2026年算力券)
    if "券" not in after:
        return False      # (every voucher's name ends with 券)
    # (a mark joining the place and its voucher in a list or heading, 北京市朝阳区·算力券 / 闵行区｜算力券, is the same tie)
    m = _rx(r"^(?:[·•・｜|丨]\s*)?(?:(?:今年|明年|本年度?|当年|年内|20\d\d\s*年度?)(?:的)?)?(?:的)?[“\"「]?(?:市级|区级|省级|级)?").match(after)
    rest = after[m.end():m.end() + 8] if m else after[:8]
    vs = find_vouchers(rest)
    return bool(vs) and vs[0].start == 0


def _cell_regions(cell: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.path) for m in R.find_regions(cell)]


def _doc_ref_regions(par: str) -> list[int]:
    if "本" not in par and "我" not in par and "全" not in par:
        return []     # (every word it looks for opens with one of these)
    # (全区各盟市也在谋划算力券: the places of the region in general, not the region: no reference)
    # (在全省率先, 全省首个, 走在全省前列, 领先全市: the place named compared with the rest, no reference either)
    compare = "率" in par or "首" in par or "前" in par or "领先" in par or "第一" in par or "唯一" in par \
        or "最早" in par or "最先" in par
    return [m.start() for m in _rx(r"本市|我市|全市|本区|我区|全区|本省|我省|全省|本县|我县|本州|我州|全州|本旗|我旗|全旗").finditer(par)
            if _COLLECTIVE_AFTER.match(par, m.end()) is None
            and not (compare and _is_comparison(par, m.start(), m.end()))]


# the rest of a region a place is compared with: 在全省率先, 全省首个, 全市第一家, 居全省前列, 领先全省 (a 本/我 word only
# after 在/居/走在…: 我省率先推出 is the province itself, first in the country). Not 全省首批 (the province's first batch)
_COMPARE_AFTER = fast_re(r"\s*(?:范围内|范围|之内|内|上下|同类城市中|同级中|中)?\s*(?:均|都|也)?\s*"
                         r"(?:率先|首个|首家|首创|第一(?!批|次|期|轮)|唯一|前列|前茅|领先|之首|最早|最先)")
_COMPARE_BEFORE = fast_re(r"(?:在|居|位居|位列|名列|走在|处于|领先|领跑|领先于|领跑于|排名|排在)\s*$")


def _is_comparison(par: str, start: int, end: int) -> bool:
    before = _COMPARE_BEFORE.search(par, start - 4 if start > 4 else 0, start) is not None
    if par[start] != "全" and not before:
        return False
    if before and par[start - 2:start] in ("领先", "领跑") or par[start - 3:start] in ("领先于", "领跑于"):
        return True     # 领先全省: the rest of the province, behind the place
    return _COMPARE_AFTER.match(par, end) is not None


# a level word and a body of that level, with no place named (市财政, 市政府, 市科技局, 区人民政府, 省级财政): the
# body of the region in force or of the one above it at that level (said while a district is in force, 市财政 is
# the city's). Not 各市/全市/本市 (places in general, the document's own) and not 市级模型券 (a voucher of that
# level cited, not a body acting).
_LEVEL_BODY = fast_re(
    r"(?<![各全本我该每两])([省市区县州盟旗])级?(?:财政(?:局|厅)?|人民政府|政府(?!采购)|委员会|发改委|发展改革委|"
    r"(?:经济和信息化|工业和信息化|经信|工信|科技|科学技术|数据|大数据|商务|财政)(?:局|厅|委))")


def _level_bodies(par: str, issuers) -> list[int]:
    if "财政" not in par and "政府" not in par and "局" not in par and "委" not in par and "厅" not in par:
        return []
    out = []
    for m in _LEVEL_BODY.finditer(par):
        pos = m.start()
        if pos and par[pos - 1] not in _LEVEL_BODY_BEFORE:
            continue          # (内蒙古自治区政府, 西安市政府: the end of a name; 在市财政支持的基础上: not its subject)
        if any(s <= pos < e for s, e, _ in issuers):
            continue          # (the 市 of 南充市财政局: the place named, an issuer already)
        if _ISSUE_VERB.match(par[m.end():m.end() + 40]) is None:
            continue          # (the body acting: 市财政每年安排…, 市经信局将…, 市政府印发…)
        out.append(pos)
    return out


# what may stand before a level word that opens a clause as its subject (or its agent: 由市政府统筹安排): a start,
# a punctuation mark, 由
_LEVEL_BODY_BEFORE = frozenset("，,。；;：:、 \t\u3000“\"（(由")


# ------------------------------------------------------------------ main entry

def find_measures(text: str, *, doc_region: str = "", title: str | None = None, year: int | None = None,
                  authority: str = "official", default_policy: str | None = None, home: str = "") -> list[Measure]:
    """The measures a (normalised) text sets: one per (voucher, region), terms folded per pair."""
    if not text:
        return []
    text = text[:400_000]
    paragraphs = _strip_furniture(text)
    # a table's rows: one block, read by _table_row (places found by the gazetteer split rows run together)
    paragraphs = group_rows(paragraphs, _cell_regions)
    st = _State(heading=doc_region, current=doc_region, policy=default_policy, home=home or doc_region)
    title_vouchers = {m.voucher for m in find_vouchers(title or "")}
    groups: list[Group] = []
    if "券" not in text and not re.search(r"token", text, re.I):
        return []
    # paragraphs worth reading in full: those naming a voucher and the few before them (where the issuer
    # is often named); the rest only for headings and while a group's terms continue
    has_v = [("券" in p or "oken" in p) for p in paragraphs]
    speakers: dict[str, str] = {}     # a transcript's speakers named with their body: name → region
    near = [False] * len(paragraphs)
    for i, h in enumerate(has_v):
        if h:
            for j in range((i - 3 if i > 3 else 0), i + 1):
                near[j] = True

    for i, par in enumerate(paragraphs):
        body = par.lstrip("#＃ ").strip()
        colon = body.find("：", 0, 49)
        if colon < 0:
            colon = body.find(":", 0, 49)
        # (a speaker's line holds a role word, each with one of _SPEAKER_GATE's characters, or a name said before)
        if colon > 0 and ((speakers and colon <= 5) or _SPEAKER_GATE.search(body, 0, colon) is not None):
            # 省数据资源管理局副局长 刘建华： / 合肥市人民政府副秘书长 周涛： / 新华社记者： / 刘建华： (named before with
            # a body): a speaker's turn in a transcript speaks for the speaker's body until the next speaker (a
            # reporter or the host: the document's own). On a line of its own, or opening the speech (then only a
            # body's speaker, a reporter or the host: 专家：… is a heading)
            head = body[:colon + 1]
            alone = colon == len(body) - 1
            sp = _speaker(head, alone, st, doc_region, speakers)
            if sp is not None:
                st.current = sp
                st.group, st.inherited, st.inherit_level, st.named = None, False, None, None
                if alone:
                    continue
        if st.group is not None and body[:1] in "附起编" and _APPENDIX.match(body) is not None \
                and not ("券" in body or "oken" in body):
            # 附：朝阳区支持中小企业发展的其他措施 / 附件2 / 起草说明：: an appendix (another text: other measures,
            # a background) that does not name the voucher ends the voucher's terms (附则 is the rules' own)
            st.group = None
        # (_ENUM is anchored: its one match is the list marker at the start, which opens with one of
        # _ENUM_FIRST or a digit; body is stripped, so its \s* matches nothing)
        first = body[:1]
        em = _ENUM.match(body) if first in _ENUM_FIRST or first.isdecimal() else None
        level = _enum_level_of(em) if em is not None else None
        src = body[em.end():] if em is not None else body
        # (plain is read only where it can keep 12 characters or fewer: a line of more than 12 with nothing
        # to drop keeps more, and a long line whose first 40 characters already keep more is not stripped whole)
        n = len(src)
        plain = _PLAIN_DROP.sub("", src) if n <= 12 or (
            _PLAIN_DROP.search(src, 0, 40) is not None
            and (n <= 40 or len(_PLAIN_DROP.sub("", src[:40])) <= 12)) else None
        if level is not None and st.group is not None and st.group_level is not None and level <= st.group_level \
                and not ("券" in body or "oken" in body) and not (set(st.group.vouchers) <= title_vouchers):
            st.group = None    # the next item of a list: another topic (unless the whole document is about the voucher)
        # a heading: a short line naming a region, or a voucher name alone (a section of a roundup)
        if plain is not None and len(plain) <= 12:
            vs = find_vouchers(plain)
            # (三、南京市·语料券: a place's voucher, read as a paragraph naming both — not a voucher's section)
            if vs and len(plain) <= 8 and not _amounts_or_shares(plain) \
                    and not (vs[0].start >= 2 and R.find_regions(plain[:vs[0].start], st.heading or doc_region or st.home)):
                nested = (st.heading_level is not None and level is not None and level > st.heading_level
                          and st.heading and st.heading != doc_region)
                if not nested:      # （一）算力券 under 一、杭州市 stays in 杭州市's section
                    st.current = st.heading = doc_region if authority == "official" else ""
                    st.heading_level = None
                    st.policy = default_policy
                st.group = None
                if st.current:
                    # 一、算力券 / （二）模型券: the section that follows states that voucher's terms (kept
                    # only if it does: a heading alone ties nothing the title does not)
                    st.group = Group(vouchers=list(dict.fromkeys(m.voucher for m in vs)), region=st.current,
                                     policy=st.policy, tentative=True)
                    groups.append(st.group)
                    st.group_level = level if level is not None else 99
                continue
            # (a heading's place starts at 0 or 1: where no name can start there, the gazetteer is not asked)
            rms = R.find_regions(plain, st.heading or doc_region or st.home) \
                if not vs and (_name_can_start(plain) or _name_can_start(plain[1:])) else None
            if rms and rms[0].start <= 1 and rms[-1].end >= len(plain) - 3 and not vs:
                path = rms[0].path
                st.heading = st.current = path
                st.heading_level = level
                st.group = None
                st.policy = default_policy
                continue
        if level is not None and st.inherited and st.inherit_level is not None and level <= st.inherit_level \
                and authority == "official" and doc_region:
            # a document issued by a region speaks for it: a place named in an earlier article (在总结庆阳市
            # 经验的基础上) is not the subject of the next one
            st.current, st.inherited, st.inherit_level = st.heading or doc_region, False, None
            if st.group is not None and st.group.region != st.current:
                st.group = None
        if not near[i] and st.group is None:
            continue
        before, was = st.group, (st.current, st.inherited)
        _read_paragraph(body, st, groups, doc_region, authority)
        if st.group is not None and st.group is not before:
            st.group_level = level if level is not None else 99
        if st.inherited and (st.current, st.inherited) != was:
            st.inherit_level = level if level is not None else 99
    return _fold(groups, text, year, title)


_APPENDIX = fast_re(r"(?:附(?:件|录)?\s*[\d０-９一二三四五六七八九十]*\s*(?:[：:]|$)|附件\s*[\d０-９一二三四五六七八九十]*\s*[^\d\s]|"
                     r"(?:关于[^。；，]{0,40})?(?:起草|编制|修订)说明\s*(?:[：:]|$))")


# a speaker line of a transcript: a body and a role (and a name), or a reporter, or the host, then a colon alone
_SPEAKER_ROLE = (r"(?:记者|主持人|局长|主任|秘书长|巡视员|调研员|负责人|发言人|书记|省长|市长|区长|县长|州长|旗长|厅长|处长|"
                 r"科长|部长|主席|院长|董事长|总经理|总监|专家|教授|研究员|总工程师|总经济师|委员)")
_SPEAKER = fast_re(r"^[^，,。；;！!？?：:]{0,30}?" + _SPEAKER_ROLE + r"(?:[（(][^）)：:]{0,30}[)）])?[\s\u3000]*"
                   r"[\u4e00-\u9fa5·]{0,4}[\s\u3000]*(?:[（(][^）)：:]{0,30}[)）])?[：:]$")
_SPEAKER_GATE = fast_re(r"[记持长任员人席家授监师理]")
_SPEAKER_OWN = fast_re(r"^[^，,。；;]{0,12}?(?:记者|主持人)")
_SPEAKER_NAME = fast_re(r"([\u4e00-\u9fa5·]{2,4})[\s\u3000]*(?:[（(][^）)：:]{0,30}[)）])?[：:]$")
_NAME_ONLY = fast_re(r"^[\u4e00-\u9fa5·]{2,4}[：:]$")


def _speaker(head: str, alone: bool, st: _State, doc_region: str, speakers: dict) -> str | None:
    """The region of the speaker a line opens with (head: up to its colon), or None where it names none."""
    m = _SPEAKER.match(head)
    if m is None:
        if speakers and len(head) <= 6 and _NAME_ONLY.match(head) is not None:
            return speakers.get(head[:-1])     # 刘建华： named before with a body
        return None
    own = _SPEAKER_OWN.match(head) is not None
    if not alone and not own and _SPEAKER_BODY.match(head) is None:
        return None      # 专家：“补贴券”要防止… (a heading), 项目负责人：… (a form's field)
    region = _speaker_region(head, st, doc_region)
    if not own:
        nm = _SPEAKER_NAME.search(head)
        if nm is not None and _rx(_SPEAKER_ROLE + "$").search(nm.group(1)) is None:
            speakers[nm.group(1)] = region
    return region


# a body's speaker: the body's name (a place or a level word, then a body word) before the role
_SPEAKER_BODY = fast_re(r"^[^，,。；;：:]{1,24}?(?:政府|局|委|厅|办|办公室|委员会|管委会|中心|院|部)[^，,。；;：:]{0,8}?" + _SPEAKER_ROLE)


def _speaker_region(line: str, st: _State, doc_region: str) -> str:
    """The region a speaker speaks for: the place that heads the speaker's body (合肥市人民政府副秘书长), a level
    body of the document's region or the one above it (省数据资源管理局 in a city's document: the province), else
    (a reporter, the host, a body of no place) the document's own."""
    own = st.heading or doc_region
    if _SPEAKER_OWN.match(line) is not None:
        return own
    context = own or st.home
    for rm in R.find_regions(line, context):
        if rm.start <= 1:
            return rm.path
        break
    word = line[:1]
    if word in "省市区县州盟旗" and line[1:2] != "级" or line[1:2] == "级" and word in "省市区县":
        node = own or st.home
        while node and node != R.NATIONAL and not _same_level(word, node):
            node = node.rsplit("/", 1)[0] if "/" in node else None
        if node and node != R.NATIONAL:
            return node
    return own


_ENUM = fast_re(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节]|第[一二三四五六七八九十百零〇\d]+条|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）])\s*")


_PLAIN_DROP = fast_re(r"[\s:：#＃\-*•·]")
_ENUM_FIRST = frozenset("第一二三四五六七八九十（(")


def _enum_level(par: str) -> int | None:
    m = _ENUM.match(par)
    if not m:
        return None
    return _enum_level_of(m)


def _enum_level_of(m: re.Match) -> int:
    t = m.group(0).strip()
    if t.startswith("第") and t[-1] in "章节":
        return 0
    if t.startswith("第"):
        return 1
    if t[0] in "（(":
        return 4 if t[1].isdigit() else 2
    if t[0].isdigit():
        return 3
    return 1


def _amounts_or_shares(s: str) -> bool:
    return bool(find_amounts(s) or find_shares(s))


_ADDRESSEES = fast_re(r"^[^。；，,]{2,60}[：:]$")
_ADDRESSEE_HEAD = fast_re(r"^\s*各[^：:。；]{1,40}[：:]")
_ADDRESSEE_ENDS = ("：", ":", "：\n", ":\n")     # (where _ADDRESSEES can match: its $ allows a final newline)
_BODY_END = fast_re(r"(?:局|委|厅|办|办公室|政府|管委会|委员会|部门|单位|机构|企业|公司|中心|办事处|街道|乡镇|镇|院|校|所|会)$")


def _addressee_list(par: str) -> bool:
    """各县(市)工业和信息化局，延吉高新区、珲春…经济发展局：— a list of bodies, each part ending as a body's name."""
    if len(par) > 200 or "。" in par:
        return False
    items = [x.strip() for x in _rx(r"[，,；;]").split(par.rstrip().rstrip("：:"))]
    return len(items) > 1 and all(x and _BODY_END.search(x) for x in items)


def _table_row(par: str, st: _State, groups: list[Group], doc_region: str, authority: str = "official") -> bool:
    """A table: its rows ('a | b | c', grouped into one block by find_measures) read by tables.read_table into
    records of terms. A record naming vouchers is a group of its own, in the place its row names (a region
    column) or the place in force; a record naming none (a key/value table: 申领截止时间 | …) gives its terms to
    the group in force; lines that hold no terms are read as running text. False: no table here."""
    context = st.heading or doc_region or st.home

    def regions(cell: str):
        return [(m.start, m.end, m.path) for m in R.find_regions(cell, context)]

    items = read_table(par.split("\n"), regions)
    if len(items) == 1 and items[0] == par:
        return False
    here = st.current or doc_region
    read_lines: set[str] = set()
    tabled = False
    for it in items:
        if not isinstance(it, Record):
            _read_paragraph(it, st, groups, doc_region, authority, table=False)
            continue
        if not it.vouchers:
            grp = st.group
            if grp is None:
                continue
        else:
            region = it.region or here
            if not region:
                if not it.keyed and it.line not in read_lines:
                    read_lines.add(it.line)       # a row that only mentions a voucher, in no known place: text
                    _read_paragraph(it.line, st, groups, doc_region, authority, table=False)
                continue
            grp = Group(vouchers=list(it.vouchers), region=region, policy=st.policy if region == here else None)
            groups.append(grp)
            tabled = True
        grp.budgets.extend((y, False) for y in it.budget)
        grp.ratios.extend(it.ratio)
        grp.caps.extend(it.cap)
        grp.strong_caps.extend(it.cap)     # (a cap column names itself: 单个企业上限)
        grp.scope.extend(it.deadline)
        for c in it.other:
            _attach_all(c, 0, len(c), grp, find_amounts(c), find_shares(c), [])
    if tabled:
        st.group = None
    return True


# a paragraph that opens a subsidy of its own for another object (对在区内新设立的区域总部，…给予奖励，最高2000万元 /
# 鼓励企业参加国内外重要展会，按照展位费的50%给予补贴 / 支持…共建联合实验室，按照建设投入的30%…): after the voucher's
# terms, a paragraph that does not name the voucher, opens with its own recipient or object (对…, 支持…, 鼓励…), grants
# (给予, 予以) a share or an amount with a limit, and whose object is no use of what a voucher buys (使用, 租用, 购买,
# 采购, 调用; 算力, 模型, 语料, 算法, 训练, Token …) is another subsidy: it ends the voucher's terms
_OBJECT_OPENS = fast_re(r"(?:第[一二三四五六七八九十百\d]+条|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+\s*[、.．])?\s*"
                        r"(?:(?:对|支持|鼓励)([^。；;]{2,60}?)(?:[，,]|给予|予以|按)|([^。；;，,：:]{4,40}?)的[，,])")
_VOUCHER_USE = fast_re(r"使用|租用|租赁|购买|购置算力|采购|调用|订购|算力|模型|语料|算法|训练|推理|[Tt]oken|词元|云服务|上云|"
                       r"服务商|服务机构|数据(?:产品|服务|交易|采购)|"
                       # (what an innovation or service voucher buys: 委托检验检测, 研发设计, 咨询诊断, 智能化改造)
                       r"委托|检验|检测|测试|研发|设计|咨询|诊断|改造|认证|专业服务")
_GRANT_LIMIT = fast_re(r"(?:给予|予以)[^。；;]{0,12}?(?:最高|不超过|\d+(?:\.\d+)?\s*[%％]|[\d.]+\s*万元)|"
                       r"\d+(?:\.\d+)?\s*[%％][^。；;]{0,6}?(?:给予|予以)|最高[^。；;]{0,4}?\d")


_GENERIC_OBJECT = fast_re(r"符合[^，,]{0,12}?(?:条件|要求)的?|经[^，,]{0,6}?(?:审核|认定|评审)(?:通过)?的?|本[市区县]|区内|市内|"
                          r"(?:中小|小微|科技型|重点|相关|上述|申报|申领|入库)?(?:企业|单位|主体|机构|项目)|的")


def _stated_already(grp: Group, groups: list[Group], shares) -> bool:
    """The voucher in force has its cap (and its share, where the paragraph holds shares) stated already, in this
    group or an earlier one of the same voucher and place (第二条 sets the terms, 第三条 names the voucher again
    for its procedure)."""
    same = [g for g in groups if g is grp or (g.region == grp.region and set(g.vouchers) & set(grp.vouchers))]
    return any(g.caps or g.strong_caps for g in same) and (not shares or any(g.ratios for g in same))


def _another_object(par: str) -> bool:
    m = _OBJECT_OPENS.match(par)
    if m is None:
        return False
    obj = m.group(1) or m.group(2)
    if len(_GENERIC_OBJECT.sub("", obj)) < 2:
        return False      # (对符合条件的企业: the voucher's own recipient said again)
    # (年营业收入超过1亿元的: a tier of the voucher's recipients by size, not another object)
    return _VOUCHER_USE.search(obj) is None and _THRESHOLD.search(obj) is None and _GRANT_LIMIT.search(par) is not None


def _read_paragraph(par: str, st: _State, groups: list[Group], doc_region: str, authority: str,
                    table: bool = True) -> None:
    context = st.current or st.heading or doc_region or st.home    # (a news source: its own city names bare districts)
    if table and "|" in par and _table_row(par, st, groups, doc_region, authority):
        return
    st.table = None
    if par.endswith(_ADDRESSEE_ENDS) and (_ADDRESSEES.match(par) or _addressee_list(par)) and not find_vouchers(par) \
            and _rx(r"各|局|委|厅|政府|单位|部门|企业|机构").search(par):
        return   # 成都市、绵阳市经济和信息化局： — whom the notice is addressed to, not who speaks
    cited_glued: list = []   # (end, path) of regions cited together with their own voucher (参照深圳市训力券)
    issuers = _issuer_regions(par, context, cited_glued)
    mentions = find_vouchers(par)
    if mentions and ("不" in par or "除" in par):
        # 不占用算力券额度 / 不通过算力券兑现 / 除算力券外: the text speaks of something that is not the voucher
        mentions = [m for m in mentions if not _not_the_voucher(par, m)]
    titles = _policy_titles(par)
    if not mentions and st.group is None:
        # nothing to attach: only the region and policy in force move on
        if issuers:
            st.current = issuers[-1][2]
            st.group = None
            st.inherited = st.current != st.heading and st.current != doc_region
        if titles:
            st.policy = titles[-1][1]
        return
    amounts = find_amounts(par)
    shares = find_shares(par)
    # (another subsidy can end the voucher's terms only where the paragraph holds terms and its words)
    terms_at = sorted([x.start for x in amounts] + [x.start for x in shares]) \
        if (amounts or shares) and _other_at(par, 0, len(par)) is not None else None

    # a paragraph label that is not a region and not a voucher ("语料采购补贴：") starts a new topic
    lab = _LABEL.match(par) if ("：" in par or ":" in par) else None
    label_breaks = False
    # (issuers are sorted: the first starts earliest)
    if lab and not find_vouchers(lab.group(1)) and not (issuers and issuers[0][0] <= lab.end()):
        label_breaks = bool(_rx(r"补贴|资助|奖励|补助|支持|政策|措施").search(lab.group(1))) and not _rx(r"额度|比例|标准|金额|总额|上限|对象|方式|时间|期限|内容|范围|条件|名称|部门|程序|材料|要求|规模|资金").search(lab.group(1))
    # (晋江市科技局负责人介绍，今年申报截止时间为10月31日: the place of the voucher in force, a body of it, speaking
    # again in the next paragraph with no terms — its dates, a deadline, stay the voucher's; another place, or
    # terms, start anew)
    st.same_place = bool(issuers) and st.group is not None and not mentions and not amounts and not shares \
        and len(issuers) == 1 and issuers[0][2] == st.group.region and not st.group.twins
    if issuers and issuers[0][0] <= 2 and not st.same_place:
        st.group = None
    if label_breaks or (not mentions and _topic_break(par[:60], st.current or doc_region)):
        st.group = None
    elif not mentions and st.group is not None and amounts and ("给予" in par or "予以" in par) \
            and _stated_already(st.group, groups, shares) and _another_object(par):
        # (only where the voucher's terms are stated already: a paragraph that brings the share or the cap the
        # voucher still lacks may be its own — 算力券年度总额3000万元。对符合条件的企业，按30%给予支持，最高100万元)
        st.group = None

    region = st.current
    policy = st.policy
    st.local = False
    st.par, st.coord, st.coord_end = par, [], None
    st.named = None
    # events in order
    events: list[tuple[int, str, object]] = []
    for s, e, path in issuers:
        events.append((s, "region", path, e))
    for pos, t in titles:
        events.append((pos, "title", t))
    for pos in _doc_ref_regions(par):
        events.append((pos, "docref", None))
    for pos in _level_bodies(par, issuers):
        events.append((pos, "level", None))
    if len(events) > 1:
        events.sort(key=_POS)

    sentences = _sentences(par)
    first_group = len(groups)
    general_keys: set[tuple[str, str]] = set()
    ev_i = 0
    # voucher groups: adjacent mentions (only punctuation / 和 / 、 between) form one group
    vgroups = _group_mentions(par, mentions)
    g_i = 0
    for (a, b) in sentences:
        sent = par[a:b]
        sent_groups = [g for g in vgroups if a <= g[0] < b] if vgroups else vgroups
        if not sent_groups:
            # advance region / policy state over this sentence
            while ev_i < len(events) and events[ev_i][0] < b:
                region, policy = _apply_event(events[ev_i], region, policy, doc_region, st)
                ev_i += 1
            joint = _JOINT.search(sent) is not None
            if joint and len(groups) > first_group:
                for g in groups[first_group:]:           # 两类券合计每年最高不超过300万元: every voucher named here
                    _attach_all(par, a, b, g, amounts, shares, [], joint=True)
                continue
            if st.group is not None:
                if _other_region_opens(par, a, b, st.group, context, amounts, shares):
                    # 沈河区发放模型券，年度额度600万元；浑南区则对企业…给予补贴，最高300万元: that place's own
                    st.group = None
                    continue
                if a > 0 and (sent.startswith("对") or sent.startswith("支持") or sent.startswith("鼓励")) \
                        and ("给予" in sent or "予以" in sent) and _another_object(sent) \
                        and _stated_already(st.group, groups, [x for x in shares if a <= x.start < b]):
                    # …确保服务质量。对企业参加境内外重点展会的，按照展位费的70%给予补贴: a sentence opening
                    # another object's subsidy, after the voucher's terms were stated, ends them (as a paragraph does)
                    st.group = None
                    continue
                other = _other_subsidy(par, a, b, terms_at) if terms_at else None
                if other is not None:
                    # 对新认定的…给予一次性奖励100万元: another subsidy; terms before it in the sentence stay
                    _attach_all(par, a, other, st.group, amounts, shares, [])
                    st.group = None
                elif _topic_break(sent, region) and "券" not in sent:
                    st.group = None
                else:
                    # 两券年度资金合计2000万元: a pool shared by several vouchers is not one voucher's budget
                    _attach_all(par, a, b, st.group, amounts, shares, [], joint=joint)
            continue
        cursor = a
        ended = False
        made: list[Group] = []     # the groups this sentence names, in order (for terms said 分别 at its end)
        for k, (gs, ge, vs) in enumerate(sent_groups):
            while ev_i < len(events) and events[ev_i][0] < gs:
                region, policy = _apply_event(events[ev_i], region, policy, doc_region, st)
                ev_i += 1
            sent_left = par[a:gs]
            # (the addressees a notice opens with, 各市(区)工信局：, are not places spoken of in general)
            gen_left = _ADDRESSEE_HEAD.sub("", sent_left) if "各" in sent_left else sent_left
            general = _general(gen_left[-40:]) and not _names_region_near(par, a, gs, issuers)
            # (a definition opens with a colon after the voucher, a kind among policies with 等)
            if not general and ge < len(par) and par[ge] in _KIND_NEXT and _KIND_MARK.match(par, ge) is not None \
                    and not (authority == "official" and region == doc_region) \
                    and _kind_in_general(par, a, b, gs, ge, issuers):
                st.group = None     # (a kind spoken of: no measure, and no other mention of the paragraph is undone)
                cursor = ge
                continue
            nat = region == R.NATIONAL and _NATIONAL_ENCOURAGE.search(sent_left)
            cm = _CONDITION.search(par[(gs - 10 if gs - 10 > a else a):gs])
            condition = cm is not None and not _rx(r"给予|予以|发放|安排|设立|条件的").search(cm.group(1))
            if condition and st.group is None and authority == "official" and doc_region \
                    and not (st.named is not None and st.named == region and region != doc_region
                             and not any(path == region and 0 <= gs - e <= 2 for _, e, path in issuers)):
                # (对已获得天津市算力券支持的区内企业，区财政再按10%叠加: the place glued to the condition's voucher owns
                # that voucher; the top-up is still the document's own)
                # 对获得苏州市算力券支持的企业，区级再按10%叠加支持: a top-up by the document's own region
                # (合肥市已出台配套政策，对使用省级算力券的企业，由合肥市再按10%叠加发放算力券: the place named in
                # the paragraph tops up; the voucher it builds on is a condition, not a measure)
                region = doc_region
                condition = False
                topped = True
            else:
                topped = False
            # (a top-up's condition names the voucher it builds on, 获得天津市算力券支持的: no citation to skip)
            cited = next((p for e, p in cited_glued if 0 <= gs - e <= 4), None) if cited_glued and not topped else None
            if cited is not None and cited == region:
                cited = None     # 按照《定西市算力券实施办法》 in 定西市's own notice: its own voucher, terms follow
            if cited is not None and not region and not general and not groups:
                # 按照《白银市算力券实施办法》，…按30%给予支持 with no place in force: that region's voucher's terms
                region, cited = cited, None
            if general or nat or not region:
                general_keys.update((v, region) for v in vs)
                st.group = None
                cursor = ge
                continue
            nm = _NEGATED.search(par[(gs - 8 if gs - 8 > a else a):gs].rstrip("“\"「 "))
            # (未央区推出算力券: the 未 of a place's name negates nothing)
            negated = nm is not None and not any(
                rm.start <= nm.start() < rm.end for rm in R.find_regions(par[(gs - 8 if gs - 8 > a else a):gs], context))
            if negated:
                # 市级不另设算力券: no measure, and what follows is not the voucher in force's
                st.group = None
                cursor = ge
                continue
            if condition:
                # 符合市级算力券条件的 / 获得X券支持的: a condition inside the terms of the group in force
                nxt = sent_groups[k + 1][0] if k + 1 < len(sent_groups) else b
                stop = _clause_start(par, ge, nxt) if k + 1 < len(sent_groups) else b
                if st.group is not None:
                    _attach_all(par, cursor, stop, st.group, amounts, shares, [])
                cursor = stop
                continue
            if cited is not None:
                cursor = ge     # 参照深圳市训力券做法: another region's voucher, cited
                continue
            if k + 1 < len(sent_groups) and "基础上" in par[ge:ge + 8] and _ON_THE_BASIS.match(par, ge) is not None \
                    and not set(sent_groups[k + 1][2]) & set(vs):
                cursor = ge     # 在市级算力券基础上发放区级模型券: the voucher built on, not the one issued here
                continue
            if st.inherited and not st.local and not _TIE.search(sent) and not _has_terms(sent):
                # a region named paragraphs ago, and this sentence neither issues nor sets terms: talk about
                # the voucher in general (news commentary), not a measure
                st.group = None
                cursor = ge
                continue
            left4 = par[(gs - 4 if gs - 4 > a else a):gs]
            # (every level word holds 省 or 级)
            lvl = _LEVEL_BEFORE.search(left4) if "省" in left4 or "级" in left4 else None
            g_region = region
            # (在享受省级算力券的基础上，市级再按10%叠加: the province's voucher is the one built on; the top-up is here)
            if lvl and region and not topped and lvl.group(1).startswith("省") and "/" in region and region.split("/")[0].endswith(("省", "自治区")):
                # 申报省级模型券: the province's voucher (only this group's: the place in force stays for what follows)
                g_region = region.split("/")[0]
            twins = [r for r in st.coord if r != g_region and r]
            if st.listed and _rx(r"[两二三四五六七八九十\d]").search(par, (gs - 8 if gs - 8 > a else a), gs):
                listed = _listed_before(par, a, gs, st.listed)
                if listed:
                    region, twins = listed[0], list(listed[1:])     # 两区算力券均按…: each of the two places listed
                    g_region = region
            grp = Group(vouchers=list(vs), region=g_region, policy=policy, twins=twins, par=par)
            groups.append(grp)
            made.append(grp)
            if twins:
                st.listed = [g_region, *twins]
            prev = st.group
            # terms before the group in the same sentence: those in its own clause are its own (发放3亿元模型券);
            # earlier ones belong to the group in force
            own_start = _clause_start(par, cursor, gs)
            if own_start > cursor:
                _attach_all(par, cursor, own_start, prev if prev is not None else grp, amounts, shares, [])
            _attach_all(par, own_start, gs, grp, amounts, shares, [gs])
            st.group = grp
            nxt = sent_groups[k + 1][0] if k + 1 < len(sent_groups) else b
            nxt_clause = _item_start(par, ge, nxt) if k + 1 < len(sent_groups) else b
            other = _other_subsidy(par, ge, nxt_clause, terms_at, own_sentence=True) if terms_at else None
            if other is not None:
                # 开展第二批算法券申领，同时对获批…的单位给予最高300万元支持: the voucher's terms end there
                _attach_all(par, ge, other, grp, amounts, shares, [])
                if k + 1 == len(sent_groups):
                    ended = True
            elif not (k + 1 == len(sent_groups) and len(made) > 1 and "分别" in par[ge:nxt_clause]
                      and _respectively(par, ge, nxt_clause, made, amounts, shares)):
                _attach_all(par, ge, nxt_clause, grp, amounts, shares, [])
            cursor = nxt_clause
        if ended:
            st.group = None
        while ev_i < len(events) and events[ev_i][0] < b:
            region, policy = _apply_event(events[ev_i], region, policy, doc_region, st)
            ev_i += 1
    st.current = region
    st.policy = policy
    st.inherited = region != st.heading and region != doc_region
    # a voucher this paragraph hands to places not named (支持有条件的地方发放算力券) is not the region's own,
    # even where the paragraph also names it alone (加强算力券支持。)
    if general_keys:
        for g in groups[first_group:]:
            if g.budgets or g.ratios or g.caps or g.own:
                continue     # 杭州市发放算力券，最高50万元。全国已有20余个城市发放算力券: terms make it the region's own
            g.vouchers = [v for v in g.vouchers if (v, g.region) not in general_keys]
        groups[first_group:] = [g for g in groups[first_group:] if g.vouchers]
        if st.group is not None and not st.group.vouchers:
            st.group = None


# a voucher kind named in general: defined (算力券：用于… / “科技创新券”：是指… / 所谓算力券，是指… / 算力券是政府…
# 的一种凭证, at the start of its sentence or after a label), or named among policies (随着算力券等普惠政策落地 /
# 算力券、数据券等政策工具): no place's measure, where the sentence holds no terms, no place is named just before,
# and (among policies) no verb issues it (洛阳市出台算力券等政策)
_KIND_NEXT = frozenset("：:，,等”\"」 是即指系")
_KIND_MARK = fast_re(r"[”\"」]?\s*(?:(?P<colon>[：:])\s*(?:主要|一般|通常|多)?(?:用于|是指|指|即|是一种|是一类|是政府|是由|系)|"
                     r"[，,]?\s*(?P<defn>是指|指的是|即(?!可|将|日)|是一种|是一类|是政府|是由政府|系政府)|(?P<among>等[^级次]))")
_AMONG_POLICIES = fast_re(r"[”\"」]?\s*等[\u4e00-\u9fa5]{0,6}?(?:政策|措施|举措|工具|手段)")
_KIND_OPEN = fast_re(r"^[\s“\"「【\[]*(?:所谓|[^，,。；;：:]{0,10}[：:】\]])?[\s“\"「]*$")


def _kind_in_general(par: str, a: int, b: int, gs: int, ge: int, issuers) -> bool:
    m = _KIND_MARK.match(par, ge)
    if m is None:
        return False
    if m.lastgroup == "among":
        if _AMONG_POLICIES.match(par, ge) is None or _TIE.search(par, _clause_start(par, a, gs), gs) is not None:
            return False
    elif _KIND_OPEN.match(par[a:gs]) is None:
        return False
    return not _names_region_near(par, a, gs, issuers) and not _has_terms(par[a:b])


_CONDITION = fast_re(r"(?:符合|满足|获得|享受|使用|持有|领取)([^，。；]{0,6})$")
_LEVEL_BEFORE = fast_re(r"(省级|省|市级|区级|县级)[“\"「]?$")
_OPENER = fast_re(r"\s*(?:[（(]?[一二三四五六七八九十\d]+[、.．)）]\s*)?(?:同时|此外|另外|而|另一边|与此同时|其中)?[，,]?\s*")


def _other_region_opens(par: str, a: int, b: int, grp: Group, context: str, amounts, shares) -> bool:
    """A sentence that names no voucher, holds terms, and opens with another place as its subject
    (浑南区则对企业…给予补贴): its terms are that place's, not the voucher's in force."""
    if not any(a <= x.start < b for x in amounts) and not any(a <= x.start < b for x in shares):
        return False
    m = _OPENER.match(par, a, b)
    start = m.end() if m is not None else a
    piece = par[start:min(b, start + 16)]
    if not _name_can_start(piece):
        return False      # (no name can begin the piece, so no mention of it starts at 0)
    rms = R.find_regions(piece, context or grp.region)
    if not rms or rms[0].start != 0:
        return False
    path = rms[0].path
    if path == grp.region or path in grp.twins:
        return False
    return _SUBJECT_NEXT.match(par, start + rms[0].end) is not None


_ON_THE_BASIS = fast_re(r"[”\"」]?\s*(?:支持|补贴|政策|资金)?(?:的)?基础上")
_NEGATED = fast_re(r"(?:未|尚未|暂未|没有|无|不再|停止|不(?:另行?|单独)?(?:设|发|推出|安排|实施|实行))[\u4e00-\u9fa5]{0,4}$")
_COUNTED_PLACES = fast_re(r"(?:上述|这|该)?([两二三四五六七八九十]|\d+)(?:个)?(?:区|县|市|区县|县区|地|试点区|试点县|试点市)"
                          r"(?:的|各自)?[“\"「]?$")
_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _listed_before(par: str, a: int, gs: int, listed: list[str]) -> list[str] | None:
    """两区算力券 / 三县的算力券: the places counted are the ones last listed together, when the count fits."""
    m = _COUNTED_PLACES.search(par, (gs - 8 if gs - 8 > a else a), gs)
    if m is None:
        return None
    w = m.group(1)
    n = int(w) if w.isdigit() else _COUNT.get(w)
    return listed if n == len(listed) else None


# a mention that says the money is not the voucher's: 不占用算力券额度, 不通过算力券兑现, 除算力券外
_NOT_THE_VOUCHER = fast_re(r"(?:不(?:以|占用|纳入|计入|通过|属于|使用|含)|(除))(?:[市区省县]级)?[“\"「]?$")


def _not_the_voucher(par: str, m) -> bool:
    before = par[(m.start - 6 if m.start > 6 else 0):m.start]
    if "不" not in before and "除" not in before:
        return False
    n = _NOT_THE_VOUCHER.search(par, (m.start - 6 if m.start > 6 else 0), m.start)
    return n is not None and (n.group(1) is None or "外" in par[m.end:m.end + 6])
# a clause that opens a subsidy of its own (SPEC: an amount of another subsidy is not the voucher's)
_OTHER_SUBSIDY = fast_re(
    r"(?P<extra>另(?:行|外)?(?:按|给予|予以|安排|奖励|补助|补贴|资助)|额外给予)|"
    r"(?P<notv>不(?:以|占用|纳入|计入|通过|属于)[^，。；,;]{0,8}券)|除[^，。；,;]{0,10}券(?:以)?外|"
    # its base is not what the voucher pays for: 按设备投资额的10%, 按年度服务收入的5%, 按用电量, 按国拨经费
    # (checked for its 按 in _other_subsidy: each alternative opens with a word, which keeps the search cheap)
    r"(?P<base>(?:投资|收入|营收|营业额|销售额|产值|电量|纳税|税收|国拨经费)(?:额|总额|金额)?(?:的)?\s*"
    r"(?:\d|百分之|[一二三四五六七八九十]+成|给予|予以))|"
    r"一次性(?:奖励|补助|补贴|资助)|(?:电费|安家|落户|开办|建设|装修|贴息|上市|人才)(?:奖励|补助|补贴|资助)|(?P<match>配套)|"
    # an award to a body for a recognition or a new facility: 对新认定的…给予, 对获批…的单位给予
    # (a listing, a challenge won, a certificate, a first settling: 挂牌交易的产品, 颁发…证书, 首次在本区落地的企业)
    # a grant for building something (对高质量数据集建设给予…奖励, 对算力平台建设项目给予…): not paid for a service bought
    r"(?P<build>对[^，。；,;]{0,20}?建设(?:的|项目|工作)?[^，。；,;]{0,4}?(?:给予|予以))|"
    r"(?P<recog>(?:新认定|首次认定|首次入选|新获批|获批|获评|评为|新引进|新建成|新建|新落户|挂牌|揭榜|颁发|授牌|"
    r"首次[^，。；,;]{0,8}?(?:落地|落户|入驻))[^。；;]{0,30}?(?:给予|予以|奖励|补助|资助))|"
    # the object of another application: 同时申报…示范项目奖励（最高200万元） (its verb checked in _other_subsidy)
    r"(?P<award>(?:奖励|补助|补贴|资助)\s*[（(])|"
    # a 券 that is not one of SPEC's vouchers (a voucher's own forms — 现金券, 实物券, 电子券 — are not listed)
    r"(?:消费|文旅|旅游|购物|餐饮|家电|汽车|购车|购房|住房|体育|惠民|电影|家居|数码|上云|用云|检测|人才)券|"
    r"(?:设立|设置|组建|成立|发起)[^，。；,;]{0,20}基金")
_NEEDS = {"base": ("按",), "match": ("给予",), "award": ("申报", "享受", "获得", "申领")}
_NEEDS_SPAN = {"base": 16, "match": 10, "award": 22}
_CLAUSE_END = fast_re(r"[，。；;]")
_USE_WORDS = ("使用", "租用", "购买", "采购", "算力服务", "模型服务")
_CLAUSE_CHARS = "，。；;："     # (not an ASCII colon: 1:1配套)


def _other_at(par: str, lo: int, hi: int, own_sentence: bool = False):
    """The first match of _OTHER_SUBSIDY in par[lo:hi] that holds: a word it needs stands before it in its
    clause (the 按 of a base, the 给予 of 配套, the 申报 of an award), and an award for a recognition is not
    a voucher's own term (对新引进企业使用算力的，按30%给予补贴)."""
    m = _OTHER_SUBSIDY.search(par, lo, hi)
    while m is not None:
        kind = m.lastgroup
        if kind == "recog" or kind == "build":
            if not any(w in m.group(0) for w in _USE_WORDS) and "券" not in m.group(0):
                return m
            m = _OTHER_SUBSIDY.search(par, m.start() + 1, hi)
            continue
        if kind == "extra":
            end = _CLAUSE_END.search(par, m.end(), hi)
            if "叠加" not in par[m.start():end.start() if end else hi]:
                return m
            m = _OTHER_SUBSIDY.search(par, m.end(), hi)     # 区级另按10%叠加支持: a top-up of the voucher
            continue
        if kind not in _NEEDS:
            return m
        left = par[max(lo, m.start() - _NEEDS_SPAN[kind]):m.start()]
        k = max(left.rfind(c) for c in _CLAUSE_CHARS)
        if k >= 0:
            left = left[k + 1:]
        if any(w in left for w in _NEEDS[kind]) and not (
                own_sentence and kind == "base" and "对" not in left and "对" not in par[lo:m.start()]):
            # (发放智能券1000万元，企业智能化改造项目按投资额的15%给予支持: right after the voucher in its sentence, with
            # no recipient of its own (对…), the base is what the voucher pays on)
            return m
        m = _OTHER_SUBSIDY.search(par, m.end(), hi)
    return None


_CLAUSE_MARK = fast_re(r"[，；;：:]|,(?!\d{3})")


def _other_subsidy(par: str, lo: int, hi: int, terms_at: list[int], own_sentence: bool = False) -> int | None:
    """Start of the first clause in par[lo:hi] that opens another subsidy, or None. `terms_at`: the sorted
    starts of the paragraph's amounts and shares — only a subsidy with terms of its own ends the voucher's
    (旗县区可另行配套 only mentions one), and most sentences have none, so they are looked at first."""
    if hi <= lo or not terms_at:
        return None
    i = bisect_left(terms_at, lo)
    if i == len(terms_at) or terms_at[i] >= hi:
        return None
    m = _other_at(par, lo, hi, own_sentence)
    if m is None:
        return None
    upto = m.start()
    if m.lastgroup == "notv":
        # 给予100万元奖励，不计入算力券额度: the amount the clause before speaks of is not the voucher's
        j = bisect_left(terms_at, m.start()) - 1
        if j >= 0 and terms_at[j] >= lo:
            upto = terms_at[j]
    cut = lo
    for c in _CLAUSE_MARK.finditer(par, lo, upto):
        cut = c.end()
    i = bisect_left(terms_at, cut)
    if i == len(terms_at) or terms_at[i] >= hi:
        return None
    return cut


def _POS(ev) -> int:
    return ev[0]


_JOINT = fast_re(r"(?:两|三|四|五|各|上述|以上|这些|多)类?(?:券|补贴券)")
_TIE = fast_re(r"发放|设立|安排|推出|实施|发行|投放|兑付|兑现|申领|奖补|印发|出台|试点")


def _has_terms(s: str) -> bool:
    return bool(find_amounts(s)) or any(_classify_share(s, x) for x in find_shares(s))


def _names_region_near(par: str, a: int, gs: int, issuers) -> bool:
    """An issuer named just before the voucher, with no word of places in general between it and the voucher
    (各地积极发展…，银川市发放算力券: 银川市's own; 北京、上海等地推出算力券: in general)."""
    near = [s for s, _, _ in issuers if a <= s < gs and gs - s <= 12]
    return bool(near) and not _general(par, near[-1], gs) and not _rx(r"各地|多地|有条件的|等地|等省|等城市|等多").search(par[near[-1]:gs])


def _apply_event(ev, region, policy, doc_region, st):
    pos, kind, val = ev[0], ev[1], ev[2]
    if kind in ("region", "docref"):
        st.local = True
    if kind == "region":
        g = st.group
        if g is not None and val == g.region and not g.twins and g.par is not None and (g.par is st.par or st.same_place) \
                and not _terms_in_sentence(st.par, pos):
            pass        # the place of the voucher in force named again (石河子市工信局表示，…截止): still its talk
                        # (not where it states amounts: 石河子市还对…给予最高200万元奖励 may be another subsidy)
        elif g is None or not g.twins or (val != g.region and val not in g.twins):
            st.group = None     # (one of several places the voucher in force was named for keeps it: 青岛市每年…)
        st.named = val
        end = ev[3]
        if st.coord_end is not None and st.par is not None and _rx(r"[、和及与,，\s]*").fullmatch(st.par[st.coord_end:pos]) \
                and val != region and not val.startswith(region + "/") and not region.startswith(val + "/"):
            # 北京、上海已发放算力券: both are subjects (在吉林，长春市…: a place inside the one before narrows it)
            st.coord.append(region)
        else:
            st.coord = []
        st.coord_end = end
        if policy and val != region:
            fit = st.fits.get((policy, val))
            if fit is None:
                fit = st.fits[(policy, val)] = _policy_fits(policy, val)
            if not fit:
                policy = None        # 《上海市…措施》 is not the policy of 山东省's voucher named next
        return val, policy
    if kind == "level":
        # 市财政每年安排… said while a district is in force: the body of the city above it
        # (the region in force or the one above it at that level; else the document's own or the one above it:
        # 区财政 after the city's sentence is the district's again)
        word = st.par[pos:pos + 1] if st.par is not None else ""
        node = None
        for start in (region, st.home or doc_region):
            node = start
            while node and node != R.NATIONAL and not _same_level(word, node):
                node = node.rsplit("/", 1)[0] if "/" in node else None
            if node:
                break
        if node and node != R.NATIONAL and node != region:
            st.local = True
            if st.group is not None and st.group.region != node:
                st.group = None
            return node, policy
        return region, policy
    if kind == "docref":
        word = st.par[pos:pos + 2] if st.par is not None else ""
        if st.named and region == st.named and _same_level(word, region):
            return region, policy      # 温州市经信局印发通知，全市安排…: 全市 is the place just named
        return (st.home or doc_region or region), policy
    if kind == "title":
        return region, val
    return region, policy


def _terms_in_sentence(par: str, pos: int) -> bool:
    m = _SENT_END.search(par, pos)
    sent = par[pos:m.start() if m is not None else len(par)]
    return bool(find_amounts(sent) or find_shares(sent))


def _policy_fits(policy: str, region: str) -> bool:
    """A policy title that names places belongs to a region only if one of them is that region, above or below it."""
    places = [m.path for m in R.find_regions(policy)]
    if not places:
        return True
    return any(R.covers(p, region) or R.covers(region, p) for p in places)


def _same_level(word: str, region: str) -> bool:
    last = region.rsplit("/", 1)[-1] if region else ""
    if not last or region == R.NATIONAL:
        return False
    lv = word[-1:]
    if lv == "市":
        return last.endswith("市")
    if lv == "区":
        return last.endswith("区")
    if lv == "省":
        return last.endswith(("省", "自治区"))
    if lv == "县" or lv == "旗":
        return last.endswith(("县", "旗"))
    if lv == "州":
        return last.endswith("州")
    return False


def _clause_start(par: str, lo: int, hi: int) -> int:
    """Start of the clause that ends at hi (after the last comma/colon between lo and hi)."""
    m = _TO_LAST_PUNCT.match(par, lo, hi)
    return m.end() if m else lo


# (a comma inside a number, 2,000万元, ends no clause)
_TO_LAST_PUNCT = fast_re(r".*(?:[，：:；;]|,(?!\d{3}))", re.S)
_TO_LAST_ITEM = fast_re(r".*(?:[，：:；;、]|,(?!\d{3}))", re.S)


def _item_start(par: str, lo: int, hi: int) -> int:
    """Like _clause_start, but a 、 also ends the terms of one voucher before the next is named
    (安排算力券资金600万元、模型券资金300万元; 算力券按30%、模型券按20%)."""
    m = _TO_LAST_ITEM.match(par, lo, hi)
    return m.end() if m else lo


_SEP_GROUP = fast_re(r"^[\s“”\"'‘’「」、和与及或以及,，/]*$")


def _group_mentions(par: str, mentions: list[VoucherMention]) -> list[tuple[int, int, list[str]]]:
    out: list[tuple[int, int, list[str]]] = []
    for m in mentions:
        if out and _SEP_GROUP.match(par[out[-1][1]:m.start]) and not _rx(r"[，,]").search(par[out[-1][1]:m.start]):
            s, _, vs = out[-1]
            if m.voucher not in vs:
                vs.append(m.voucher)
            out[-1] = (s, m.end, vs)
        else:
            out.append((m.start, m.end, [m.voucher]))
    return out


_VOUCHER_AFTER = fast_re(r"\s*(?:的)?\s*(?:规模|额度|总额)?\s*(?:的)?\s*[“\"「]?[\u4e00-\u9fa5]{0,6}?[“\"「]?\s*")


def _attach_all(par: str, lo: int, hi: int, grp: Group, amounts, shares, mentions_after, joint: bool = False) -> None:
    """Terms in par[lo:hi] to the group. `joint`: the text speaks of several vouchers together (两券合计…),
    so an amount that is a pool is theirs together, no one voucher's budget."""
    if hi <= lo:
        return
    seg = par[lo:hi]
    if grp.twins and not joint and _split_by_place(par, lo, hi, grp, amounts, shares, mentions_after):
        return
    grp.scope.append(seg)
    found: dict[str, list] | None = None
    for a in amounts:
        if lo <= a.start < hi:
            if found is None:
                found = {"budget": [], "cap": [], "ratio": []}
            voucher_after = bool(mentions_after) and 0 <= mentions_after[0] - a.end <= 12 and _VOUCHER_AFTER.fullmatch(
                par[a.end:mentions_after[0]]) is not None
            kind = _classify_amount(par, a, voucher_after)
            if kind == "budget" and joint:
                continue
            if kind == "budget":
                clause = par[(a.start - 24 if a.start > 24 else 0):a.start]
                found["budget"].append((a.yuan, bool(_BATCH.search(clause))))
            elif kind == "span":
                grp.spans.append(a.yuan)
            elif kind == "cap":
                found["cap"].append(a.yuan)
                sent_left = _SENT_SPLIT.split(par[(a.start - 40 if a.start > 40 else 0):a.start])[-1]
                if _STRONG_CAP.search(sent_left) is not None or _CAP_WORD.search(_rx(r"[，,：:（(]").split(sent_left)[-1]) is not None:
                    grp.strong_caps.append(a.yuan)     # 单个企业…/最高…: a cap stated as one (not a guess)
            elif kind == "face":
                grp.face.append(a.yuan)
    for s in shares:
        if lo <= s.start < hi and _classify_share(par, s):
            if found is None:
                found = {"budget": [], "cap": [], "ratio": []}
            found["ratio"].append(s.value)
    if found is not None:
        _fold_found(grp, found, seg)
    for m in (_MAX_SHEETS.finditer(par, lo, hi) if "张" in seg else ()):
        k = m.group(1)
        grp.max_sheets.append(int(k) if k.isdigit() else "一二三四五六七八九十".find(k) + 1 if k != "两" else 2)


def _respectively(par: str, lo: int, hi: int, made: list[Group], amounts, shares) -> bool:
    """算力券按…50%、模型券按…30%给予支持，单个企业分别最高500万元、200万元: after the last of several vouchers named
    each with its own terms, values said 分别 (as many as the vouchers) are each one's, in order. Attaches them and
    the rest of the clause; False where the sentence says no such list (then nothing is attached)."""
    at = par.find("分别", lo, hi)
    if any(len(g.vouchers) != 1 or g.region != made[0].region or g.twins for g in made):
        return False
    listed = [[x for x in xs if at < x.start < hi] for xs in (amounts, shares)]
    if not any(len(xs) == len(made) for xs in listed) or any(xs and len(xs) != len(made) for xs in listed):
        return False
    _attach_all(par, lo, at, made[-1], amounts, shares, [])
    for i, g in enumerate(made):
        own_a = [listed[0][i]] if listed[0] else []
        own_s = [listed[1][i]] if listed[1] else []
        for x in (*own_a, *own_s):
            _attach_all(par, x.start, x.end, g, own_a, own_s, [])
    return True


def _split_by_place(par: str, lo: int, hi: int, grp: Group, amounts, shares, mentions_after) -> bool:
    """青秀区、良庆区分别设立算力券。青秀区年度额度1000万元，良庆区年度额度500万元: where a clause opens with
    one of the places named together, its terms (and those of the clauses after it) are that place's own."""
    members = (grp.region, *grp.twins)
    if not any(r.rsplit("/", 1)[-1][:2] in par[lo:hi] for r in members):
        return False
    opens = []
    for rm in R.find_regions(par[lo:hi], grp.region):
        pos = lo + rm.start
        if rm.path in members and (pos == lo or par[pos - 1] in "，,。；;：: \t"):
            opens.append((pos, rm.path))
    if not opens or not any(opens[0][0] <= x.start < hi for x in (*amounts, *shares)):
        return False
    _attach_all(par, lo, opens[0][0], grp, amounts, shares, mentions_after)
    grp.twins, twins = [], grp.twins      # (the pieces below are read as the group's own or one place's)
    for j, (pos, path) in enumerate(opens):
        end = opens[j + 1][0] if j + 1 < len(opens) else hi
        if any(pos <= x.start < end for x in (*amounts, *shares)):
            part = grp.parts.get(path)
            if part is None:
                part = grp.parts[path] = Group(vouchers=grp.vouchers, region=path, policy=grp.policy)
            _attach_all(par, pos, end, part, amounts, shares, mentions_after)
        else:
            _attach_all(par, pos, end, grp, amounts, shares, mentions_after)
    grp.twins = twins
    return True


def _fold_found(grp: Group, found: dict[str, list], seg: str) -> None:
    n = len(grp.vouchers)
    respective = n > 1 and "分别" in seg
    if n > 1 and not respective and found["budget"] and _JOINT_POOL.search(seg):
        found = {**found, "budget": []}    # 算力券和数据券资金合计2000万元: their pool together, neither's own
    for kind, target in (("budget", grp.budgets), ("cap", grp.caps), ("ratio", grp.ratios)):
        values = found[kind]
        if respective and len(values) == n:
            # 算力券、模型券分别按30%、20%给予补贴: the i-th value is the i-th voucher's
            for v, val in zip(grp.vouchers, values):
                grp.own.setdefault(v, {}).setdefault(kind, []).append(val)
        elif values:
            target.extend(values)


_JOINT_POOL = fast_re(r"合计|共计|总计|合并|共用|共享|统筹使用")
_MAX_SHEETS = fast_re(r"(?:最多|不超过|至多|限)[^，。；\d]{0,6}?(\d+|[一二两三四五六七八九十])\s*张")


def _uncrossed(groups: list[Group]) -> set:
    """宜昌市、襄阳市相继推出算力券、模型券: several places and several vouchers named together, without terms,
    tie each place to each voucher only where the text ties them on its own; when every place and every
    voucher has such a tie elsewhere, the crossed pairs are not measures. Returns the pairs to leave out."""
    cross = [g for g in groups if g.twins and len(g.vouchers) > 1 and not (g.budgets or g.ratios or g.caps or g.own)]
    if not cross:
        return set()
    tied = {(v, g.region) for g in groups if not (g.twins and len(g.vouchers) > 1) for v in g.vouchers}
    out = set()
    for g in cross:
        regs = (g.region, *g.twins)
        if all(any((v, r) in tied for v in g.vouchers) for r in regs) and \
                all(any((v, r) in tied for r in regs) for v in g.vouchers):
            out.update((v, r) for v in g.vouchers for r in regs if (v, r) not in tied)
    return out


def _fold(groups: list[Group], text: str, year: int | None, title: str | None = None) -> list[Measure]:
    if any(g.parts for g in groups):
        groups = [x for g in groups for x in (g, *g.parts.values())]
    by_key: dict[tuple[str, str], dict] = {}
    order: list[tuple[str, str]] = []
    doc_deadline: list = []            # found on first need (most documents never need it)
    scope_deadlines: dict[str, str | None] = {}
    regions = {g.region for g in groups}
    title_vouchers = {m.voucher for m in find_vouchers(title or "")}
    crossed = _uncrossed(groups) if any(g.twins for g in groups) else None
    for g in groups:
        if g.tentative and not (g.budgets or g.ratios or g.caps or g.face or g.own or g.spans):
            continue
        budgets = [y for y, batch in g.budgets if not batch] or [y for y, _ in g.budgets]
        caps = list(g.caps)
        if g.face and not caps:
            n = max(g.max_sheets) if g.max_sheets else None
            if n:
                caps.append(max(g.face) * n)
        scope = "。".join(g.scope)
        # (the deadline is read once per (voucher, region) from all its groups' text together, so an
        # applicants' day in one part beats a day by which lower bodies report in another)
        dated = "月" in scope or "-" in scope
        # the round the document announces covers the vouchers of its title and any other voucher whose terms it
        # states (a top-up voucher granted in the same round): a window stated for the round is each one's
        doc_round = len(regions) == 1 and (not title_vouchers or bool(set(g.vouchers) & title_vouchers)
                                           or bool(g.ratios or g.caps or g.budgets or g.own))
        regs = (g.region, *g.twins) if g.twins else (g.region,)
        single = [y for y, batch in g.budgets if not batch] if len(g.vouchers) == 1 else None
        for v in g.vouchers:
            own = g.own.get(v)
            if own:
                own_budgets = [y for y, batch in own.get("budget", []) if not batch]
                v_budgets = own_budgets or budgets
                v_ratios = own.get("ratio") or g.ratios
                v_caps = own.get("cap") or caps
            else:
                v_budgets, v_ratios, v_caps = budgets, g.ratios, caps
            for reg in regs:
                key = (v, reg)
                if crossed and key in crossed:
                    continue
                cur = by_key.get(key)
                if cur is None:
                    cur = by_key[key] = {"policy": g.policy, "budget": [], "ratio": [], "cap": [], "deadline": [],
                                         "span": [], "single": [], "strong": []}
                    order.append(key)
                if cur["policy"] is None:
                    cur["policy"] = g.policy
                cur["budget"] += v_budgets
                if g.spans:
                    cur["span"] += g.spans
                if single and g.budgets:
                    cur["single"] += single
                cur["ratio"] += v_ratios
                cur["cap"] += v_caps
                # (caps stated respectively, 单个企业每年最高分别为200万元、100万元, are stated as caps too: each
                # voucher's own among the group's stated ones)
                cur["strong"] += [c for c in g.strong_caps if c in v_caps]
                if dated:
                    cur["deadline"].append(scope)
                if doc_round:
                    cur["doc_round"] = True
    out = []
    for v, region in order:
        d = by_key[(v, region)]
        deadline = None
        if d["deadline"]:
            scope = "。".join(d["deadline"])
            if scope not in scope_deadlines:
                scope_deadlines[scope] = find_deadline(scope, year)
            deadline = scope_deadlines[scope]
        if deadline is None and d.get("doc_round"):
            if not doc_deadline:
                doc_deadline.append(find_deadline(text[:200_000], year))
            deadline = doc_deadline[0]   # the round the document announces: its vouchers (those of the title)
        if d["single"]:
            # 资金1000万元用于发放算力券和模型券，其中算力券700万元: a pool stated for one voucher wins over a
            # pool stated for several together
            d["budget"] = d["single"]
        elif not d["budget"] and d["span"]:
            d["budget"] = d["span"]   # a pool over years, when no yearly pool is stated
        out.append(Measure(
            voucher=v, region=region, policy=d["policy"],
            budget_yuan=max(d["budget"]) if d["budget"] else None,
            ratio=round(max(d["ratio"]), 4) if d["ratio"] else None,
            # a cap stated as one (单个企业80万元, 最高80万元) wins over amounts of unsure kind (a batch, an award)
            cap_yuan=max(d["strong"] or d["cap"]) if d["cap"] else None,
            deadline=deadline))
    return out
