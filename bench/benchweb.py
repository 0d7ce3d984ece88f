"""A light, fast local government web for the benchmarks: N sources on loopback, with switches.

Layout: `hosts` loopback addresses 127.0.0.<first>… (default 50: 127.0.0.10–59), each one ThreadingHTTPServer
serving `sources / hosts` sources (default 1 000 / 50 = 20). A source is a TRS-like list page
`http://127.0.0.N:PORT/sNNNN/` (`ul.u-list li a`, 10 dated items) whose items are articles of realistic Chinese
policy text, 10–30 KB with page furniture (header clock, visit counter, related links, 上一篇/下一篇, footer).
One item in ten of every list is a municipal 模型券/语料券 notice with terms (budget, ratio, cap); the rest are
ordinary notices without vouchers.

Switches (shared by every server process, flipped from the controlling process):

- `changed`: 5 % of the sources (one in twenty: `changed_every`) show a new item at the top of their list: a
  notice issuing a 算力券 for that source's region with its own budget, ratio and cap. The regions of the changed
  sources are distinct from each other, so each one is exactly one new (region, 算力券) pair.
- `cosmetic` (an integer round): every page's furniture changes with it: the header clock, the visit counter, the
  related-links box and the "hot" box of list pages. No item of any list and no fact of any article changes.

Every response carries a strong ETag over the bytes served; If-None-Match answers 304. Server work runs in
`workers` forked processes so it is not counted in the benchmark's own CPU time and does not share its GIL.

    with BenchWeb(sources=1000) as web:
        open("sources.yaml", "w").write(web.sources_yaml(concurrency=16))
        web.set_state(changed=True)
        print(web.totals())

`python bench/benchweb.py --sources 1000 --config /tmp/sources.yaml` serves until Ctrl-C.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import random
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS_TSV = ROOT / "monitor" / "data" / "regions.tsv"
ITEMS = 10                     # items per list page
STATS = ("requests", "200", "304", "404", "lists", "hook")

# ------------------------------------------------------------------ regions

FALLBACK_CITIES = {
    "河北省": "石家庄市 唐山市 保定市 邯郸市 廊坊市 沧州市",
    "山西省": "太原市 大同市 长治市 晋城市 运城市",
    "辽宁省": "沈阳市 大连市 鞍山市 抚顺市 锦州市",
    "吉林省": "长春市 吉林市 四平市 延边朝鲜族自治州",
    "黑龙江省": "哈尔滨市 齐齐哈尔市 大庆市 牡丹江市",
    "江苏省": "南京市 无锡市 徐州市 常州市 苏州市 南通市 连云港市 淮安市 盐城市 扬州市 镇江市 泰州市 宿迁市",
    "浙江省": "杭州市 宁波市 温州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 台州市 丽水市",
    "安徽省": "合肥市 芜湖市 蚌埠市 淮南市 马鞍山市 安庆市 滁州市 阜阳市",
    "福建省": "福州市 厦门市 莆田市 泉州市 漳州市 龙岩市",
    "江西省": "南昌市 景德镇市 九江市 赣州市 上饶市",
    "山东省": "济南市 青岛市 淄博市 枣庄市 烟台市 潍坊市 济宁市 泰安市 威海市 临沂市",
    "河南省": "郑州市 开封市 洛阳市 新乡市 许昌市 南阳市",
    "湖北省": "武汉市 黄石市 十堰市 宜昌市 襄阳市 荆州市",
    "湖南省": "长沙市 株洲市 湘潭市 衡阳市 岳阳市 常德市",
    "广东省": "广州市 深圳市 珠海市 汕头市 佛山市 韶关市 湛江市 肇庆市 江门市 惠州市 东莞市 中山市",
    "四川省": "成都市 自贡市 绵阳市 德阳市 宜宾市 南充市",
    "贵州省": "贵阳市 遵义市 六盘水市 安顺市",
    "云南省": "昆明市 曲靖市 玉溪市 大理白族自治州",
    "陕西省": "西安市 宝鸡市 咸阳市 渭南市 延安市",
}


def load_regions(path: Path = REGIONS_TSV) -> list[str]:
    """Prefecture-level regions as `province/city` paths, from the project's gazetteer when it is there."""
    out: list[str] = []
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[0] == "C":
                prov = parts[1].strip()
                for name in parts[2].split():
                    name = name.split("=", 1)[0].strip()
                    if name and "/" not in name:
                        out.append(f"{prov}/{name}")
    except OSError:
        pass
    if len(out) < 120:
        out = [f"{p}/{c}" for p, cs in FALLBACK_CITIES.items() for c in cs.split()]
    seen: set[str] = set()
    return [r for r in out if not (r in seen or seen.add(r))]


# ------------------------------------------------------------------ text

TOPICS = [
    ("安全生产", "做好{year}年工业领域安全生产工作"), ("中小企业", "开展{year}年度专精特新中小企业培育工作"),
    ("数字化转型", "推进制造业数字化转型试点"), ("节能", "组织开展{year}年度工业节能监察"),
    ("技术改造", "申报{year}年工业企业技术改造项目"), ("统计", "做好{year}年规模以上工业统计调查"),
    ("工业互联网", "推进工业互联网标识解析体系建设"), ("人才", "组织开展{year}年度产业人才培训"),
    ("质量", "开展{year}年工业产品质量提升行动"), ("招商", "举办{year}年数字经济产业招商推介会"),
    ("园区", "开展{year}年度市级产业园区认定"), ("信用", "加强涉企信用信息归集共享"),
    ("绿色制造", "组织申报{year}年度绿色工厂"), ("首台套", "申报{year}年度首台（套）重大技术装备"),
    ("软件", "开展{year}年度软件和信息技术服务业统计"), ("5G", "推进5G应用规模化发展"),
]

SENTENCES = [
    "为深入贯彻落实党中央、国务院决策部署，按照省委、省政府工作要求，结合我市实际，制定本通知。",
    "各区（县）工业和信息化主管部门要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
    "坚持问题导向和目标导向，聚焦重点行业、重点领域和关键环节，统筹推进各项任务。",
    "进一步优化营商环境，强化要素保障，支持企业加大研发投入，提升自主创新能力。",
    "加强部门协同和市区联动，建立工作台账，实行清单化管理、项目化推进。",
    "申报单位应在本市依法注册登记，具有独立法人资格，财务管理制度健全，近三年无重大违法违规记录。",
    "申报材料须真实、准确、完整，申报单位对材料的真实性负责，如有弄虚作假，一经查实，取消其申报资格。",
    "各有关单位要按照属地管理原则，认真做好材料审核、现场核查和推荐工作。",
    "对工作中发现的问题，要及时研究解决；重大问题及时向市工业和信息化局报告。",
    "充分发挥行业协会、产业联盟和第三方服务机构作用，为企业提供政策咨询、技术对接等服务。",
    "加快推动新一代信息技术与制造业深度融合，培育一批具有示范引领作用的标杆企业。",
    "鼓励企业开展智能化改造和数字化转型，建设智能工厂和数字化车间。",
    "加强安全生产隐患排查治理，严格落实企业安全生产主体责任，坚决遏制重特大事故发生。",
    "统计数据是科学决策的重要依据，各单位要严格执行统计法律法规，确保数据真实准确。",
    "推动产业链上下游协同发展，提升产业链供应链韧性和安全水平。",
    "支持企业参与国家和行业标准制定，提升企业核心竞争力和品牌影响力。",
    "强化资金监管，专款专用，严禁截留、挤占、挪用，自觉接受财政、审计等部门监督检查。",
    "加强宣传引导，及时总结推广典型经验和做法，营造良好社会氛围。",
    "本通知由市工业和信息化局负责解释，未尽事宜按照国家和省有关规定执行。",
    "各单位要于规定时间内将推荐材料（纸质版一式两份及电子版）报送市工业和信息化局相关业务处室。",
    "逾期未报送或材料不全的，视为自动放弃。",
    "联系人及电话可在市工业和信息化局门户网站“办事指南”栏目查询。",
    "坚持绿色低碳发展，推进重点用能行业节能降碳改造，提高能源资源利用效率。",
    "加强知识产权保护，支持企业开展专利导航和高价值专利培育。",
    "围绕产业发展需求，深化产教融合，加强高技能人才和工程技术人才培养。",
    "优化政务服务流程，推行“一网通办”，压缩办理时限，提高服务效率。",
    "依法依规做好政府信息公开工作，主动接受社会监督。",
    "建立健全评价考核机制，将工作推进情况纳入年度绩效考核。",
    "鼓励金融机构创新金融产品和服务，加大对中小企业的信贷支持力度。",
    "推动公共服务平台建设，为中小企业提供检验检测、技术研发、成果转化等公共服务。",
    "加强工业用地保障，盘活存量低效用地，提高土地节约集约利用水平。",
    "支持企业“走出去”，积极参加国内外重点展会，开拓国内外市场。",
    "各级主管部门要加强事中事后监管，对项目实施情况进行跟踪问效。",
    "有关政策措施与上级政策有重复的，按照“从优、就高、不重复”的原则执行。",
    "会议期间，与会代表围绕产业发展面临的困难和问题进行了深入交流，提出了意见建议。",
    "下一步，我市将持续加大工作力度，推动各项政策措施落地见效。",
]

HEADINGS = ["一、总体要求", "二、重点任务", "三、申报条件", "四、申报程序", "五、工作要求", "六、保障措施", "七、其他事项"]

WEEKDAYS = "一二三四五六日"


def _rng(*key) -> random.Random:
    return random.Random(hashlib.sha1(repr(key).encode()).digest())


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        if i % 5 == 0 and i // 5 < len(HEADINGS):
            out.append(HEADINGS[i // 5])
        out.append("".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))))
    return out


def _yi_wan(yuan: int) -> str:
    return f"{yuan // 100_000_000}亿元" if yuan % 100_000_000 == 0 else f"{yuan // 10_000}万元"


# ------------------------------------------------------------------ the sources

@dataclass(frozen=True)
class Spec:
    index: int
    id: str
    region: str
    host: int          # index of the host serving it
    changes: bool      # gets a 算力券 item when `changed` is on

    @property
    def city(self) -> str:
        return self.region.rsplit("/", 1)[-1]

    @property
    def issuer(self) -> str:
        return f"{self.city}工业和信息化局"


def make_specs(n: int, hosts: int, changed_every: int, regions: list[str]) -> list[Spec]:
    changing = [i for i in range(n) if i % changed_every == 0]
    if len(changing) > len(regions):
        raise ValueError(f"{len(changing)} changing sources need distinct regions; only {len(regions)} known")
    rest = regions[len(changing):] or regions
    per_host = -(-n // hosts)
    specs = []
    for i in range(n):
        k = changing.index(i) if i % changed_every == 0 else None
        region = regions[k] if k is not None else rest[i % len(rest)]
        specs.append(Spec(i, f"s{i:04d}", region, i // per_host, k is not None))
    return specs


def item_date(j: int) -> str:
    """Item j of a list (0 = newest) was published on this day (Nov 2026 going back)."""
    day = 20 - j
    return f"2026-11-{day:02d}" if day >= 1 else f"2026-10-{31 + day:02d}"


def item_path(spec: Spec, j: int | str) -> str:
    if j == "new":
        return f"/{spec.id}/202611/t20261123_{spec.index:04d}99.html"
    d = item_date(int(j)).replace("-", "")
    return f"/{spec.id}/{d[:6]}/t{d}_{spec.index:04d}{int(j):02d}.html"


VOUCHER_ITEM = 3          # the item of each list that carries a 模型券/语料券 notice


def item_title(spec: Spec, j: int | str) -> str:
    if j == "new":
        return f"{spec.issuer}关于印发《{spec.city}算力券管理办法（试行）》的通知"
    if int(j) == VOUCHER_ITEM:
        v = "模型券" if spec.index % 2 == 0 else "语料券"
        return f"{spec.issuer}关于印发《{spec.city}{v}实施细则》的通知"
    topic = TOPICS[(spec.index * 7 + int(j)) % len(TOPICS)]
    return f"{spec.issuer}关于{topic[1].format(year=2026)}的通知"


def _terms_text(spec: Spec, voucher: str, salt: str) -> str:
    r = _rng("terms", spec.index, salt)
    budget = r.choice([5000, 8000, 10000, 20000, 30000, 50000]) * 10_000
    ratio = r.choice([20, 30, 40, 50])
    cap = r.choice([50, 100, 200, 300, 500]) * 10_000
    return (f"市财政每年安排{_yi_wan(budget)}发放“{voucher}”，对在本市注册的企业购买{voucher[:2]}服务的，"
            f"按不超过服务合同金额的{ratio}%给予补贴，单个企业每年最高补贴{_yi_wan(cap)}。")


def article_html(spec: Spec, j: int | str, cosmetic: int, all_specs: list[Spec]) -> str:
    title = item_title(spec, j)
    date = "2026-11-23" if j == "new" else item_date(int(j))
    r = _rng("article", spec.index, j)
    paras = _paragraphs(r, r.randint(24, 70))
    if j == "new":
        paras.insert(1, f"为加快建设人工智能产业高地，现将《{spec.city}算力券管理办法（试行）》印发给你们，请认真贯彻执行。")
        paras.insert(2, _terms_text(spec, "算力券", "new"))
    elif int(j) == VOUCHER_ITEM:
        v = "模型券" if spec.index % 2 == 0 else "语料券"
        paras.insert(1, f"现将《{spec.city}{v}实施细则》印发给你们，请遵照执行。")
        paras.insert(2, _terms_text(spec, v, "base"))
    num = f"{spec.city.removesuffix('市')}工信规〔2026〕{(spec.index * 13 + (99 if j == 'new' else int(j))) % 40 + 1}号"
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return _page(spec, title, cosmetic, all_specs, f"""
<div class="m-article">
<table class="m-info"><tr><td>索引号：</td><td>11{spec.index:06d}/2026-{r.randint(1000, 9999)}</td>
<td>发布机构：</td><td>{spec.issuer}</td></tr>
<tr><td>发文字号：</td><td>{num}</td><td>发布日期：</td><td>{date}</td></tr></table>
<h1 class="m-title">{title}</h1>
<div class="m-source">来源：{spec.issuer}　发布时间：{date} 10:{r.randint(10, 59)}　{_counter(spec, j, cosmetic)}</div>
<div class="TRS_Editor" id="zoom">
<p>各区（县）工业和信息化主管部门，各有关单位：</p>
{body}
<p style="text-align:right">{spec.issuer}</p>
<p style="text-align:right">{_cn_date(date)}</p>
</div>
<div class="m-pages">上一篇：<a href="{item_path(spec, (int(j) + 1) % ITEMS) if j != 'new' else item_path(spec, 0)}">{item_title(spec, (int(j) + 1) % ITEMS) if j != 'new' else item_title(spec, 0)}</a><br>
下一篇：<a href="../../">返回列表</a></div>
</div>
{_related(spec, cosmetic, all_specs)}""", meta={"ArticleTitle": title, "PubDate": f"{date} 10:30",
                                                  "ContentSource": spec.issuer})


def list_html(spec: Spec, changed: bool, cosmetic: int, all_specs: list[Spec]) -> str:
    items: list[int | str] = list(range(ITEMS))
    if changed and spec.changes:
        items = ["new"] + items[:-1]
    lis = "\n".join(
        f'<li><a href=".{item_path(spec, j)[len(spec.id) + 1:]}" target="_blank" title="{item_title(spec, j)}">'
        f'{item_title(spec, j)}</a><span>{"2026-11-23" if j == "new" else item_date(int(j))}</span></li>'
        for j in items)
    r = _rng("hot", spec.index, cosmetic)
    hot = "\n".join(f'<li><a href="/{s.id}/">{s.issuer}</a></li>' for s in r.sample(all_specs, 6))
    return _page(spec, f"通知公告 - {spec.issuer}", cosmetic, all_specs, f"""
<div class="m-crumb">当前位置：<a href="/">首页</a> &gt; <a href="./">通知公告</a></div>
<div class="m-list">
<ul class="u-list">
{lis}
</ul>
<div class="m-page">共12页　<a href="./">首页</a>　<a href="index_1.html">下一页</a>　<a href="index_11.html">尾页</a></div>
</div>
<div class="m-hot"><h3>热点推荐</h3><ul>{hot}</ul><p>{_counter(spec, 'list', cosmetic)}</p></div>""", meta={})


RELATED = ["关于组织开展2026年度算力券申报工作的通知", "人工智能产业政策问答（第{n}期）", "一图读懂：模型券怎么申领",
           "关于公布{n}年度专精特新中小企业名单的通知", "数据要素市场化配置改革政策解读", "关于语料券兑付情况的公示",
           "市领导调研人工智能企业", "关于征集工业互联网典型案例的通知", "{city}发布数字经济发展三年行动计划"]


def _related(spec: Spec, cosmetic: int, all_specs: list[Spec]) -> str:
    r = _rng("related", spec.index, cosmetic)
    other = r.choice(all_specs)
    titles = [t.format(n=r.randint(2019, 2026), city=other.city) for t in r.sample(RELATED, 4)]
    links = "\n".join(f'<li><a href="/{r.choice(all_specs).id}/">{t}</a></li>' for t in titles)
    return f'<div class="m-related"><h3>相关文章</h3><ul>{links}</ul></div>'


def _counter(spec: Spec, j, cosmetic: int) -> str:
    return f"浏览次数：{_rng('count', spec.index, j).randint(100, 5000) + cosmetic * 37}"


def _cn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{y}年{int(m)}月{int(d)}日"


def _page(spec: Spec, title: str, cosmetic: int, all_specs: list[Spec], main: str, meta: dict) -> str:
    day = 23 + cosmetic % 7
    metas = "\n".join(f'<meta name="{k}" content="{v}">' for k, v in meta.items())
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
{metas}
<title>{title}</title>
<link rel="stylesheet" href="/css/common.css"><script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="m-top"><span class="date">今天是2026年11月{day}日 星期{WEEKDAYS[(day - 23) % 7]}</span>
<a href="/">无障碍浏览</a> <a href="/">长者模式</a> <a href="/">English</a></div>
<div class="m-head"><img src="/images/logo.png" alt="{spec.issuer}"><form action="/search"><input name="q"></form></div>
<div class="m-nav"><a href="/">首页</a> <a href="/">机构概况</a> <a href="/">政务公开</a> <a href="/{spec.id}/">通知公告</a>
<a href="/">政策文件</a> <a href="/">政策解读</a> <a href="/">办事服务</a> <a href="/">互动交流</a></div>
{main}
<div class="m-foot"><p>主办单位：{spec.issuer}　地址：{spec.city}人民政府大楼</p>
<p>网站标识码：{4400000000 + spec.index}　ICP备案号：ICP备{10000000 + spec.index}号-1</p>
<p>您是本站第{1_000_000 + spec.index * 97 + cosmetic * 1013}位访客</p></div>
<script>var _trs_uv = "{cosmetic}";</script>
</body></html>
"""


# ------------------------------------------------------------------ server processes

class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True


def _make_handler(web: "BenchWeb", host: int):
    specs = {s.id: s for s in web.specs if s.host == host}
    state = web._state          # changed, cosmetic, logging
    stats = web._stats
    cache: dict = {}
    lock = threading.Lock()

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "TRS/7.0"
        disable_nagle_algorithm = True
        wbufsize = 1 << 16          # headers and body leave in one write (flushed by handle_one_request)

        def log_message(self, *a):     # quiet
            pass

        def _count(self, key: str) -> None:
            i = web._slot(host, key)
            with lock:
                stats[i] += 1

        def do_POST(self):  # noqa: N802 - the alert webhook (json:// apprise URLs)
            n = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(n)
            self._count("hook")
            self._send(200, b"{}", "application/json", None)

        def do_GET(self):  # noqa: N802
            changed, cosmetic, logging_on = state[0], state[1], state[2]
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            self._count("requests")
            if path.count("/") <= 2 or path.endswith(("/index.html", "/index.shtml")):
                self._count("lists")
            key = (path, changed, cosmetic)
            with lock:
                hit = cache.get(key)
            if hit is None:
                body = self._render(path, bool(changed), cosmetic)
                hit = (body, f'"{hashlib.sha1(body).hexdigest()[:24]}"' if body is not None else None)
                with lock:
                    if len(cache) > 4000:
                        cache.clear()
                    cache[key] = hit
            body, etag = hit
            inm = self.headers.get("If-None-Match")
            if body is None:
                status = 404
                self._send(404, "<html><body>404 页面不存在</body></html>".encode(), "text/html; charset=utf-8", None)
            elif inm and etag in [t.strip().removeprefix("W/") for t in inm.split(",")]:
                status = 304
                self._send(304, b"", None, etag)
            else:
                status = 200
                self._send(200, body, "text/html; charset=utf-8", etag)
            self._count(str(status))
            if logging_on:
                line = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}{path}\t{inm or ''}\t{status}\n"
                os.write(web._logfd(), line.encode())

        def _send(self, status: int, body: bytes, ctype: str | None, etag: str | None) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Content-Length", "0" if status == 304 else str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def _render(self, path: str, changed: bool, cosmetic: int) -> bytes | None:
            parts = [p for p in path.split("/") if p]
            spec = specs.get(parts[0]) if parts else None
            if spec is None:
                return None
            if len(parts) == 1 or (len(parts) == 2 and parts[1] in ("index.html", "index.shtml")):
                return list_html(spec, changed, cosmetic, web.specs).encode()
            if len(parts) == 3:
                for j in (["new"] if changed and spec.changes else []) + list(range(ITEMS)):
                    if item_path(spec, j) == path:
                        return article_html(spec, j, cosmetic, web.specs).encode()
            return None

    return H


def _serve(web: "BenchWeb", servers: list[tuple[int, _Server]]) -> None:
    signal.signal(signal.SIGTERM, lambda *a: os._exit(0))
    web._worker_logfd = None
    threads = []
    for host, srv in servers:
        srv.RequestHandlerClass = _make_handler(web, host)
        t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()


class BenchWeb:
    """The bench web: start()/stop() or a context manager. Server work runs in `workers` forked processes."""

    def __init__(self, sources: int = 1000, hosts: int = 50, first_ip: int = 10, workers: int = 2,
                 changed_every: int = 20, port: int = 0, regions: list[str] | None = None):
        if first_ip + hosts > 255:
            raise ValueError("hosts do not fit in 127.0.0.first_ip…254")
        self.n, self.hosts_n, self.first_ip, self.workers_n, self.port = sources, hosts, first_ip, workers, port
        self.specs = make_specs(sources, hosts, changed_every, regions or load_regions())
        self._state = mp.Array("q", 3, lock=False)       # changed, cosmetic, logging
        self._stats = mp.Array("q", hosts * len(STATS), lock=False)
        self._logdir = tempfile.mkdtemp(prefix="benchweb-log-")
        self._worker_logfd = None
        self._procs: list[mp.Process] = []
        self.addresses: dict[int, tuple[str, int]] = {}

    # -------------------------------------------------------------- lifecycle

    def start(self) -> "BenchWeb":
        servers = []
        for h in range(self.hosts_n):
            srv = _Server((f"127.0.0.{self.first_ip + h}", self.port), BaseHTTPRequestHandler, bind_and_activate=True)
            servers.append((h, srv))
            self.addresses[h] = srv.server_address[:2]
        ctx = mp.get_context("fork")
        for w in range(self.workers_n):
            mine = servers[w::self.workers_n]
            p = ctx.Process(target=_serve, args=(self, mine), daemon=True, name=f"benchweb-{w}")
            p.start()
            self._procs.append(p)
        for _, srv in servers:
            srv.socket.close()
        return self

    def stop(self) -> None:
        for p in self._procs:
            if p.is_alive():
                p.terminate()
        for p in self._procs:
            p.join(5)
        self._procs = []
        import shutil
        shutil.rmtree(self._logdir, ignore_errors=True)

    def __enter__(self) -> "BenchWeb":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -------------------------------------------------------------- control

    def set_state(self, *, changed: bool | None = None, cosmetic: int | None = None) -> None:
        if changed is not None:
            self._state[0] = int(changed)
        if cosmetic is not None:
            self._state[1] = int(cosmetic)

    @property
    def state(self) -> dict:
        return {"changed": bool(self._state[0]), "cosmetic": int(self._state[1])}

    def _slot(self, host: int, key: str) -> int:
        return host * len(STATS) + STATS.index(key)

    def reset_stats(self) -> None:
        for i in range(len(self._stats)):
            self._stats[i] = 0

    def totals(self) -> dict[str, int]:
        out = dict.fromkeys(STATS, 0)
        for h in range(self.hosts_n):
            for k in STATS:
                out[k] += self._stats[self._slot(h, k)]
        return out

    def _logfd(self) -> int:
        if self._worker_logfd is None:
            self._worker_logfd = os.open(os.path.join(self._logdir, f"{os.getpid()}.log"),
                                         os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        return self._worker_logfd

    def start_log(self) -> None:
        for f in Path(self._logdir).glob("*.log"):
            f.write_bytes(b"")
        self._state[2] = 1

    def stop_log(self) -> list[dict]:
        """The requests served since start_log(): [{url, if_none_match, status}] in no particular order."""
        self._state[2] = 0
        time.sleep(0.05)
        out = []
        for f in sorted(Path(self._logdir).glob("*.log")):
            for line in f.read_text(encoding="utf-8").splitlines():
                url, inm, status = line.split("\t")
                out.append({"url": url, "if_none_match": inm or None, "status": int(status)})
        return out

    # -------------------------------------------------------------- what it serves

    def origin(self, spec: Spec) -> str:
        ip, port = self.addresses[spec.host]
        return f"http://{ip}:{port}"

    def list_url(self, spec: Spec) -> str:
        return f"{self.origin(spec)}/{spec.id}/"

    @property
    def hook_url(self) -> str:
        ip, port = self.addresses[0]
        return f"http://{ip}:{port}/_hook"

    def list_urls(self) -> list[str]:
        return [self.list_url(s) for s in self.specs]

    def changing(self) -> list[Spec]:
        return [s for s in self.specs if s.changes]

    def sources_yaml(self, *, interval: str = "30m", concurrency: int = 16, channel: bool = False,
                     baseline: str = "silent") -> str:
        lines = ["# generated by bench/benchweb.py: a local bench web on loopback", "settings:",
                 f"  interval: {interval}", f"  concurrency: {concurrency}", "  host_delay: 0s",
                 "  allow_private: true", f"  baseline: {baseline}", "  timeout: 30s", "sources:"]
        for s in self.specs:
            lines += [f"  - id: {s.id}", f"    name: {s.issuer} 通知公告", f"    region: {s.region}",
                      "    kind: html", f"    url: {self.list_url(s)}", '    links: "ul.u-list li a"']
        if channel:
            lines += ["channels:", "  - id: bench", f'    notify: ["json://{self.hook_url.removeprefix("http://")}"]']
        else:
            lines += ["channels: []"]
        return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ helpers shared by the benches

PYTHON = str(ROOT / ".venv" / "bin" / "python")


@dataclass
class Measured:
    """One child process, measured by wait4: wall seconds, CPU seconds (user+sys) and peak RSS of that child."""
    code: int
    wall: float
    cpu: float
    user: float
    sys: float
    maxrss_mb: float
    stdout: str
    stderr: str


def run_measured(cmd: list[str], *, timeout: float = 1200.0, env: dict | None = None, cwd: str | Path = ROOT) -> Measured:
    """Run `cmd` to its end; its own rusage (os.wait4), not the web's nor this process's. Killed after `timeout`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        import subprocess
        p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=str(cwd))
        timer = threading.Timer(timeout, p.kill)
        timer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(p.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_utime, ru.ru_stime, ru.ru_maxrss / 1024,
                        out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def monitor_check(config: str | Path, state: str | Path, *, timeout: float = 1800.0) -> tuple[Measured, dict]:
    """`monitor check --once --json` as a child process; (measurement, parsed JSON or {})."""
    m = run_measured([PYTHON, "-m", "monitor", "check", "--once", "--config", str(config), "--state", str(state),
                      "--json"], timeout=timeout)
    try:
        data = json.loads(m.stdout)
    except ValueError:
        data = {}
    return m, data


def copy_state(src: str | Path, dst: str | Path) -> Path:
    import shutil
    dst = Path(dst)
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.lock", "lock"))
    return dst


def median(xs: list[float]) -> float:
    import statistics
    return statistics.median(xs) if xs else float("nan")


def machine() -> dict:
    import platform
    import subprocess
    load = os.getloadavg()
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"commit": commit, "cpus": os.cpu_count(), "python": platform.python_version(), "loadavg_at_start": [round(x, 2) for x in load],
            "platform": platform.platform()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--changed", action="store_true")
    ap.add_argument("--cosmetic", type=int, default=0)
    ap.add_argument("--config", help="write a sources.yaml for this web here")
    a = ap.parse_args(argv)
    with BenchWeb(a.sources, a.hosts, workers=a.workers) as web:
        web.set_state(changed=a.changed, cosmetic=a.cosmetic)
        if a.config:
            Path(a.config).write_text(web.sources_yaml(), encoding="utf-8")
            print(f"wrote {a.config}")
        print(json.dumps({"sources": len(web.specs), "first": web.list_url(web.specs[0]),
                          "last": web.list_url(web.specs[-1])}, ensure_ascii=False))
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
