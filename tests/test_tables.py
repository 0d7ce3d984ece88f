"""Tables of terms (monitor/extract/tables.py) and the page text they come from.

Unit tests read rows directly; end-to-end tests go through extract_html (the real page parser, the real line
joining) with tables of other places and figures than any corpus document."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hst

from monitor.extract import extract_html, extract_text
from monitor.extract import regions as R
from monitor.extract.page import parse_page
from monitor.extract.tables import Record, group_rows, kind_of, read_table, unit_of


def _regions(cell: str):
    return [(m.start, m.end, m.path) for m in R.find_regions(cell)]


def _records(lines):
    return [x for x in read_table(lines, _regions) if isinstance(x, Record)]


def _texts(lines):
    return [x for x in read_table(lines, _regions) if isinstance(x, str)]


def _page(body: str, title: str = "关于开展2026年度算力券申领工作的通知") -> str:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<div class='article'><h1>{title}</h1>{body}</div></body></html>")


def _by_voucher(facts):
    return {(m.voucher, m.region): m for m in facts.measures}


# ================================================================== column kinds and units

@pytest.mark.parametrize("label,kind", [
    ("年度资金总额", "budget"), ("资金规模（万元）", "budget"), ("单个企业年度上限", "cap"), ("最高补贴金额", "cap"),
    ("补贴比例", "ratio"), ("比例上限", "ratio"), ("申领截止", "deadline"), ("申报时间", "deadline"),
    ("申领开始时间", None), ("县(市)审核完成时间", None), ("已发放资金", None), ("企业名称", None), ("序号", None)])
def test_kind_of_labels(label, kind):
    k = kind_of(label)
    assert (k.name if k else None) == kind


def test_units_in_labels():
    assert unit_of("资金（万元）") == 10_000
    assert unit_of("上限(亿元)") == 100_000_000
    assert unit_of("金额/元") == 1
    assert unit_of("年度总额") is None


# ================================================================== orientations

def test_vouchers_as_rows_with_a_deadline_column():
    recs = _records(["券种 | 年度总额 | 支持比例 | 单个企业上限 | 截止时间",
                     "训力券 | 4000万元 | 35% | 300万元 | 2026年11月15日",
                     "语料券 | 600万元 | 20% | 40万元 | 2026年12月1日"])
    assert [r.vouchers for r in recs] == [("训力券",), ("语料券",)]
    assert recs[0].budget == [40_000_000] and recs[0].ratio == [0.35] and recs[0].cap == [3_000_000]
    assert recs[1].budget == [6_000_000] and recs[1].ratio == [0.2] and recs[1].cap == [400_000]
    assert "2026年11月15日" in recs[0].deadline[0] and "2026年12月1日" in recs[1].deadline[0]


def test_columns_in_any_order_are_read_by_their_labels():
    recs = _records(["券种 | 比例 | 上限 | 规模",
                     "算力券 | 25% | 80万元 | 2500万元",
                     "数据券 | 45% | 15万元 | 400万元"])
    assert (recs[0].ratio, recs[0].cap, recs[0].budget) == ([0.25], [800_000], [25_000_000])
    assert (recs[1].ratio, recs[1].cap, recs[1].budget) == ([0.45], [150_000], [4_000_000])


def test_vouchers_as_columns():
    recs = _records(["指标 | 算力券 | 模型券",
                     "年度资金总额 | 5000万元 | 2000万元",
                     "补贴比例 | 30% | 不超过合同金额的20%",
                     "单个企业上限 | 400万元 | 150万元",
                     "申报截止日期 | 2026年8月31日 | 2026年9月15日"])
    by = {r.vouchers: r for r in recs}
    assert by[("算力券",)].budget == [50_000_000] and by[("模型券",)].budget == [20_000_000]
    assert by[("算力券",)].ratio == [0.3] and by[("模型券",)].ratio == [0.2]
    assert by[("算力券",)].cap == [4_000_000] and by[("模型券",)].cap == [1_500_000]
    assert "2026年9月15日" in by[("模型券",)].deadline[0]


def test_a_region_column_makes_one_record_per_place_and_the_header_unit_applies_to_bare_numbers():
    recs = _records(["城市 | 券种 | 资金（万元） | 比例 | 上限（万元）",
                     "无锡市 | 算力券 | 8000 | 30% | 200",
                     "常州市 | 数据券 | 1,500 | 40% | 50"])
    assert [(r.region, r.vouchers) for r in recs] == [("江苏省/无锡市", ("算力券",)), ("江苏省/常州市", ("数据券",))]
    assert recs[0].budget == [80_000_000] and recs[0].cap == [2_000_000]
    assert recs[1].budget == [15_000_000] and recs[1].cap == [500_000]


def test_a_unit_note_before_the_table_applies_to_its_bare_numbers():
    block = group_rows(["各市政策如下（金额单位：万元）：", "地区 | 券种 | 年度资金规模 | 单个企业上限",
                        "江西省赣州市 | 算力券 | 6000 | 120"])
    assert len(block) == 2
    recs = _records(block[1].split("\n"))
    assert recs[0].region == "江西省/赣州市" and recs[0].budget == [60_000_000] and recs[0].cap == [1_200_000]


def test_a_bare_number_without_any_unit_is_not_read():
    recs = _records(["券种 | 年度总额 | 上限", "算力券 | 3000 | 200"])
    assert recs[0].budget == [] and recs[0].cap == []


def test_key_value_rows_give_the_terms_of_the_voucher_in_force():
    items = read_table(["申领开始时间 | 2026年5月6日", "申领截止时间 | 2026年6月30日", "单个企业上限 | 50万元",
                        "市级审核完成时间 | 2026年7月15日"], _regions)
    recs = [x for x in items if isinstance(x, Record)]
    assert len(recs) == 1 and recs[0].vouchers == ()
    assert recs[0].cap == [500_000]
    assert len(recs[0].deadline) == 1 and "2026年6月30日" in recs[0].deadline[0]
    # rows of no known kind are read as text (the reader of running text decides)
    assert "申领开始时间 | 2026年5月6日" in items


def test_rows_run_together_by_line_joining_are_split_again():
    recs = _records(["地区 | 券种 | 规模 | 比例 | 上限",
                     "浙江省台州市 | 算力券 | 3000万元 | 30% | 100万元浙江省丽水市 | 算力券 | 1000万元 | 50% | 60万元"])
    assert [(r.region, r.budget, r.ratio, r.cap) for r in recs] == [
        ("浙江省/台州市", [30_000_000], [0.3], [1_000_000]), ("浙江省/丽水市", [10_000_000], [0.5], [600_000])]


def test_text_run_onto_the_last_cell_is_read_as_text():
    items = read_table(["券种 | 年度总额 | 截止日期",
                        "算力券 | 900万元 | 2026年7月20日此外，模型券另行通知。请各单位按时申报。"], _regions)
    recs = [x for x in items if isinstance(x, Record)]
    assert recs[0].budget == [9_000_000] and "2026年7月20日" in recs[0].deadline[0]
    assert "模型券另行通知" not in recs[0].deadline[0]
    assert any(isinstance(x, str) and x.startswith("此外，模型券另行通知") for x in items)


def test_a_cell_spanning_rows_gives_its_place_to_the_rows_below():
    recs = _records(["地区 | 券种 | 年度总额 | 比例",
                     "厦门市 | 算力券 | 1亿元 | 40%",
                     "模型券 | 5000万元 | 30%",
                     "泉州市 | 算力券 | 3000万元 | 35%"])
    assert [(r.region, r.vouchers, r.budget) for r in recs] == [
        ("福建省/厦门市", ("算力券",), [100_000_000]), ("福建省/厦门市", ("模型券",), [50_000_000]),
        ("福建省/泉州市", ("算力券",), [30_000_000])]


def test_a_results_list_holds_no_terms():
    lines = ["序号 | 企业名称 | 拟兑付金额(万元)", "1 | 某某智能科技有限公司 | 120", "合计 | | 120"]
    assert _records(lines) == []
    assert _texts(lines) == lines


def test_a_total_row_is_no_voucher_s_terms():
    recs = _records(["券种 | 年度总额 | 比例", "算力券 | 2000万元 | 30%", "合计 | 2000万元 | —"])
    assert len(recs) == 1 and recs[0].budget == [20_000_000]


def test_a_markdown_table_in_a_text():
    recs = _records(["| 券种 | 年度总额 | 补贴比例 |", "|---|---|---|", "| 语料券 | 800万元 | 25% |"])
    assert recs[0].vouchers == ("语料券",) and recs[0].budget == [8_000_000] and recs[0].ratio == [0.25]


def test_a_tier_note_in_a_ratio_cell_gives_the_highest_share():
    recs = _records(["券种 | 补贴比例", "算力券 | 30%（使用国产算力的50%）"])
    assert max(recs[0].ratio) == 0.5


# ================================================================== through the page and the extractor

def test_page_five_column_table_each_row_its_own_terms():
    body = ("<p>各有关企业：</p><p>根据《某区促进人工智能产业发展若干措施》，现开展2026年度算力券、模型券申领工作，标准如下：</p>"
            "<table><tr><th>项目</th><th>年度总额</th><th>补贴比例</th><th>单个企业上限</th><th>申领截止</th></tr>"
            "<tr><td>算力券</td><td>2500万元</td><td>不超过35%</td><td>150万元</td><td>2026年10月31日</td></tr>"
            "<tr><td>模型券</td><td>1200万元</td><td>不超过25%</td><td>80万元</td><td>2026年11月20日</td></tr></table>"
            "<p>企业须于截止日17:00前通过平台提交材料，申领合同应为2026年1月1日以后签订。</p>"
            "<p>镇江市京口区科学技术局</p><p>2026年9月1日</p>")
    f = extract_html(_page(body, "京口区科学技术局关于开展2026年度算力券、模型券申领工作的通知"),
                     region="江苏省/镇江市/京口区")
    by = _by_voucher(f)
    a = by[("算力券", "江苏省/镇江市/京口区")]
    b = by[("模型券", "江苏省/镇江市/京口区")]
    assert (a.budget_yuan, a.ratio, a.cap_yuan, a.deadline) == (25_000_000, 0.35, 1_500_000, "2026-10-31")
    assert (b.budget_yuan, b.ratio, b.cap_yuan, b.deadline) == (12_000_000, 0.25, 800_000, "2026-11-20")


def test_page_transposed_table():
    body = ("<p>根据《日照市算力券管理办法》，现开展2026年度算力券申领工作。具体标准如下：</p>"
            "<table><tr><td>项目</td><td>算力券</td></tr><tr><td>年度资金总额</td><td>2400万元</td></tr>"
            "<tr><td>补贴比例</td><td>不超过实际费用的25%</td></tr><tr><td>单个企业年度上限</td><td>120万元</td></tr>"
            "<tr><td>申领截止日期</td><td>2026年8月15日</td></tr></table>"
            "<p>日照市工业和信息化局</p><p>2026年6月1日</p>")
    f = extract_html(_page(body, "日照市工业和信息化局关于开展2026年度算力券申领工作的通知"), region="山东省/日照市")
    m = _by_voucher(f)[("算力券", "山东省/日照市")]
    assert (m.budget_yuan, m.ratio, m.cap_yuan, m.deadline) == (24_000_000, 0.25, 1_200_000, "2026-08-15")


def test_page_news_table_with_a_city_column():
    body = ("<p>今年以来，河南省多个城市推出算力券。记者梳理了三市最新政策（见下表）。</p>"
            "<table><tr><th>城市</th><th>券种</th><th>年度规模</th><th>补贴比例</th><th>单个企业上限</th></tr>"
            "<tr><td>洛阳市</td><td>算力券</td><td>2200万元</td><td>30%</td><td>120万元</td></tr>"
            "<tr><td>开封市</td><td>算力券</td><td>800万元</td><td>35%</td><td>60万元</td></tr>"
            "<tr><td>许昌市</td><td>数据券</td><td>500万元</td><td>40%</td><td>30万元</td></tr></table>"
            "<p>洛阳市相关负责人介绍，算力券重点支持装备制造企业开展模型训练。</p>")
    f = extract_html(_page(body, "河南多地算力券政策一览"), region="河南省/洛阳市", authority="news")
    by = _by_voucher(f)
    assert (by[("算力券", "河南省/洛阳市")].budget_yuan, by[("算力券", "河南省/洛阳市")].cap_yuan) == (22_000_000, 1_200_000)
    assert (by[("算力券", "河南省/开封市")].ratio, by[("算力券", "河南省/开封市")].cap_yuan) == (0.35, 600_000)
    assert by[("数据券", "河南省/许昌市")].budget_yuan == 5_000_000


def test_page_roundup_table_with_units_in_a_note_and_run_together_rows():
    body = ("<p>下半年以来，各地推出算力券的步伐没有放缓。我们整理了几个城市的主要条款（金额单位：万元）。</p>"
            "<table><thead><tr><th>地区</th><th>券种</th><th>年度资金规模</th><th>补贴比例</th><th>单个企业上限</th>"
            "<th>申报截止</th></tr></thead><tbody>"
            "<tr><td>广西壮族自治区柳州市</td><td>算力券</td><td>6000</td><td>35%（国产算力45%）</td><td>200</td><td>2026年8月28日</td></tr>"
            "<tr><td>贵州省遵义市</td><td>科技创新券</td><td>1500</td><td>50%</td><td>20</td><td>2026年9月18日</td></tr>"
            "<tr><td>云南省大理白族自治州</td><td>数据券</td><td>900</td><td>六折</td><td>45</td><td>—</td></tr>"
            "</tbody></table><p>说明：本表根据各地公开文件整理。</p>")
    f = extract_html(_page(body, "一图读懂：部分城市AI券政策对比"), region="全国", authority="news")
    by = _by_voucher(f)
    a = by[("算力券", "广西壮族自治区/柳州市")]
    assert (a.budget_yuan, a.ratio, a.cap_yuan, a.deadline) == (60_000_000, 0.45, 2_000_000, "2026-08-28")
    b = by[("创新券", "贵州省/遵义市")]
    assert (b.budget_yuan, b.ratio, b.cap_yuan, b.deadline) == (15_000_000, 0.5, 200_000, "2026-09-18")
    c = by[("数据券", "云南省/大理白族自治州")]
    assert (c.budget_yuan, c.ratio, c.cap_yuan, c.deadline) == (9_000_000, 0.4, 450_000, None)


def test_page_key_value_rows_give_the_deadline():
    body = ("<p>为推动我市产业智能化发展，现开展2026年度算力券申领工作。</p>"
            "<p>一、资金规模：2026年度市级算力券资金900万元。</p>"
            "<p>二、支持标准：按服务费用的30%给予支持，单个企业年度最高40万元。</p>"
            "<table><tr><td>申领开始时间</td><td>2026年8月3日</td></tr><tr><td>申领截止时间</td><td>2026年9月25日</td></tr>"
            "<tr><td>区县审核完成时间</td><td>2026年10月9日</td></tr></table>"
            "<p>丽江市工业和信息化局</p><p>2026年7月28日</p>")
    f = extract_html(_page(body, "丽江市工业和信息化局关于开展2026年度算力券申领工作的通知"), region="云南省/丽江市")
    m = _by_voucher(f)[("算力券", "云南省/丽江市")]
    assert (m.budget_yuan, m.ratio, m.cap_yuan, m.deadline) == (9_000_000, 0.3, 400_000, "2026-09-25")


def test_page_table_columns_in_another_order_with_a_description_column():
    body = ("<p>第二条 本区设立算力券、模型券、数据券，支持标准如下：</p>"
            "<table><tr><th>券种</th><th>支持内容</th><th>支持比例</th><th>单个企业年度上限</th><th>年度资金规模</th></tr>"
            "<tr><td>算力券</td><td>租用智能算力开展模型训练、推理</td><td>35%</td><td>90万元</td><td>1800万元</td></tr>"
            "<tr><td>模型券</td><td>采购大模型API调用、微调、私有化部署服务</td><td>20%</td><td>45万元</td><td>700万元</td></tr>"
            "<tr><td>数据券</td><td>采购数据产品、数据治理服务</td><td>50%</td><td>25万元</td><td>350万元</td></tr></table>"
            "<p>第三条 同一合同只能申请一种券，不得重复申请。</p>")
    f = extract_html(_page(body, "天津市北辰区算力券、模型券、数据券实施细则"), region="天津市/北辰区")
    by = _by_voucher(f)
    got = {v: (by[(v, "天津市/北辰区")].budget_yuan, by[(v, "天津市/北辰区")].ratio, by[(v, "天津市/北辰区")].cap_yuan)
           for v in ("算力券", "模型券", "数据券")}
    assert got == {"算力券": (18_000_000, 0.35, 900_000), "模型券": (7_000_000, 0.2, 450_000),
                   "数据券": (3_500_000, 0.5, 250_000)}


def test_text_with_a_markdown_table():
    text = ("绍兴市经济和信息化局关于发放2026年度语料券的通知\n"
            "现发放2026年度语料券，标准如下：\n"
            "| 券种 | 年度总额 | 补贴比例 | 单个企业上限 |\n|---|---|---|---|\n| 语料券 | 700万元 | 30% | 35万元 |\n"
            "绍兴市经济和信息化局\n2026年5月6日\n")
    f = extract_text(text, region="浙江省/绍兴市")
    m = _by_voucher(f)[("语料券", "浙江省/绍兴市")]
    assert (m.budget_yuan, m.ratio, m.cap_yuan) == (7_000_000, 0.3, 350_000)


def test_text_table_with_columns_set_apart_by_tabs():
    text = ("嘉兴市经济和信息化局关于发放2026年度算力券的通知\n"
            "现发放2026年度算力券、模型券，标准如下：\n"
            "券种\t年度总额\t补贴比例\t单个企业上限\n算力券\t1600万元\t30%\t90万元\n模型券\t500万元\t20%\t30万元\n"
            "嘉兴市经济和信息化局\n2026年5月6日\n")
    by = _by_voucher(extract_text(text, region="浙江省/嘉兴市"))
    a, b = by[("算力券", "浙江省/嘉兴市")], by[("模型券", "浙江省/嘉兴市")]
    assert (a.budget_yuan, a.ratio, a.cap_yuan) == (16_000_000, 0.3, 900_000)
    assert (b.budget_yuan, b.ratio, b.cap_yuan) == (5_000_000, 0.2, 300_000)


def test_spaced_words_that_are_no_table_stay_text():
    paras = ["第一章 总则", "第二章 支持对象 和 条件", "一、 资金 规模"]
    assert group_rows(paras) == paras


def test_a_window_in_a_deadline_cell_ends_at_its_last_day():
    text = ("台州市数据局关于开展2026年度数据券申领工作的通知\n"
            "现开展2026年度数据券申领工作，具体如下：\n"
            "券种 | 年度总额 | 申报时间\n数据券 | 600万元 | 2026年7月1日至7月20日\n"
            "台州市数据局\n2026年6月20日\n")
    m = _by_voucher(extract_text(text, region="浙江省/台州市"))[("数据券", "浙江省/台州市")]
    assert (m.budget_yuan, m.deadline) == (6_000_000, "2026-07-20")


def test_two_header_rows_under_a_spanning_cell():
    recs = _records(["券种 | 年度总额（万元） | 支持标准", "比例（%） | 上限（万元/家）",
                     "算力券 | 4500 | 30 | 150", "语料券 | 300 | 20 | 10"])
    assert [(r.vouchers, r.budget, r.ratio, r.cap) for r in recs] == [
        (("算力券",), [45_000_000], [0.3], [1_500_000]), (("语料券",), [3_000_000], [0.2], [100_000])]


def test_key_value_tables_under_voucher_headings():
    text = ("衢州市经济和信息化局关于开展2026年度算力券和模型券申领工作的通知\n"
            "现组织开展2026年度算力券和模型券申领工作，有关事项通知如下：\n"
            "一、算力券\n年度总额 | 900万元\n补贴比例 | 30%\n单个企业上限 | 60万元\n"
            "二、模型券\n年度总额 | 300万元\n补贴比例 | 20%\n单个企业上限 | 20万元\n"
            "衢州市经济和信息化局\n2026年4月27日\n")
    by = _by_voucher(extract_text(text, region="浙江省/衢州市"))
    a, b = by[("算力券", "浙江省/衢州市")], by[("模型券", "浙江省/衢州市")]
    assert (a.budget_yuan, a.ratio, a.cap_yuan) == (9_000_000, 0.3, 600_000)
    assert (b.budget_yuan, b.ratio, b.cap_yuan) == (3_000_000, 0.2, 200_000)


def test_tiers_with_the_voucher_cell_spanning_rows():
    recs = _records(["券种 | 支持对象 | 补贴比例 | 单个企业上限",
                     "算力券 | 使用国产算力 | 40% | 300万元",
                     "使用其他算力 | 20% | 100万元",
                     "模型券 | 采购模型服务 | 25% | 50万元"])
    assert [(r.vouchers, max(r.ratio), max(r.cap)) for r in recs] == [
        (("算力券",), 0.4, 3_000_000), (("模型券",), 0.25, 500_000)]


def test_a_numbered_table_and_a_whole_city_row():
    recs = _records(["序号 | 地区 | 券种 | 年度总额", "1 | 全市 | 算力券 | 5000万元", "2 | 柯桥区 | 算力券 | 800万元"])
    assert [(r.region, r.budget) for r in recs] == [(None, [50_000_000]), ("浙江省/绍兴市/柯桥区", [8_000_000])]


def test_a_payout_list_naming_recipients_sets_no_terms():
    recs = _records(["序号 | 企业名称 | 券种 | 兑付金额", "1 | 宁波某某智能科技有限公司 | 算力券 | 86万元",
                     "2 | 宁波某某数据研究院 | 算力券 | 40万元"])
    assert recs and all(r.vouchers == ("算力券",) and not (r.budget or r.cap or r.ratio or r.other) for r in recs)


def test_bare_numbers_with_a_bound_word_take_the_column_unit():
    recs = _records(["券种 | 补贴上限（万元） | 补贴比例（%）", "模型券 | 最高150 | 不超过30"])
    assert recs[0].cap == [1_500_000] and recs[0].ratio == [0.3]
# ================================================================== the info line of a page

def test_adjacent_info_spans_are_separated_where_a_label_starts():
    html = ("<html><head><title>本市发放算力券</title></head><body><h1>本市发放算力券</h1>"
            "<div class='info'><span>来源：江城晚报</span><span>记者 王五</span><span>发布时间：2026-05-06</span></div>"
            "<div class='article'><p>本市今年将发放算力券2000万元，单个企业最高100万元。</p>"
            "<p>据<span>记者</span><span>了解</span>，首批申领已经开始。</p></div></body></html>")
    p = parse_page(html)
    assert p.meta.get("issuer") == "江城晚报"
    assert "据记者了解，首批申领已经开始。" in p.text




def test_units_of_row_labels_and_of_the_table():
    recs = _records(["项目（单位：万元） | 算力券 | 模型券", "年度资金总额 | 3000 | 1000", "单个企业上限 | 100 | 50"])
    by = {r.vouchers: r for r in recs}
    assert by[("算力券",)].budget == [30_000_000] and by[("模型券",)].cap == [500_000]
    recs = _records(["指标 | 数据券", "年度资金总额（万元） | 600", "单个企业上限（万元） | 20"])
    assert recs[0].budget == [6_000_000] and recs[0].cap == [200_000]
    items = read_table(["单位：万元", "年度资金总额 | 800", "单个企业上限 | 40"], _regions)
    assert [(r.budget, r.cap) for r in items if isinstance(r, Record)] == [([8_000_000], [400_000])]


def test_a_place_glued_to_the_voucher_name_is_the_row_s_place():
    recs = _records(["券种 | 年度总额 | 补贴比例", "温州市算力券 | 4000万元 | 30%", "湖州市“算力券” | 2000万元 | 40%"])
    assert [(r.region, r.vouchers, r.budget) for r in recs] == [
        ("浙江省/温州市", ("算力券",), [40_000_000]), ("浙江省/湖州市", ("算力券",), [20_000_000])]


def test_a_row_with_an_empty_cell_left_out_keeps_its_columns():
    recs = _records(["券种 | 年度总额 | 补贴比例 | 单个企业上限", "算力券 | 3000万元 | 200万元"])
    assert (recs[0].budget, recs[0].ratio, recs[0].cap) == ([30_000_000], [], [2_000_000])


def test_label_value_pairs_on_one_row():
    items = read_table(["年度资金总额 | 1500万元 | 补贴比例 | 35%", "单个企业上限 | 80万元 | 申领截止时间 | 2026年8月8日"],
                       _regions)
    recs = [x for x in items if isinstance(x, Record)]
    assert (sum((r.budget for r in recs), []), sum((r.ratio for r in recs), []), sum((r.cap for r in recs), [])) == (
        [15_000_000], [0.35], [800_000])
    assert any("2026年8月8日" in d for r in recs for d in r.deadline)

_CELLS = ["券种", "年度总额", "补贴比例", "单个企业上限", "申报截止", "地区", "算力券", "模型券", "蚌埠市", "3000万元", "30%",
          "2026年9月30日", "", "—", "合计", "某某科技有限公司", "项目", "120", "单位：万元", "此外，另行通知。"]


@settings(max_examples=150, deadline=None)
@given(hst.lists(hst.lists(hst.sampled_from(_CELLS), min_size=1, max_size=8), min_size=1, max_size=8))
def test_any_table_is_read_without_error_and_every_record_is_well_formed(rows):
    lines = [" | ".join(r) for r in rows]
    for x in read_table(lines, _regions):
        assert isinstance(x, (Record, str))
        if isinstance(x, Record):
            assert all(v > 0 for v in x.budget + x.cap) and all(0 <= v <= 1 for v in x.ratio)


def test_a_very_wide_table_is_read_quickly():
    header = " | ".join(["券种"] + ["年度总额"] * 300)
    row = " | ".join(["算力券"] + ["3000万元"] * 150)
    recs = _records([header, row] * 20)
    assert recs and recs[0].budget


# ================================================================== round 3: columns aligned by runs of spaces

_GAPPED = ("券别      补贴对象                    补贴比例    单家企业年度上限    全年资金\n"
           "算力券    租用智能算力的中小企业      30%         60万元              900万元\n"
           "模型券    购买大模型服务的企业        20%         30万元              500万元\n")


def _gapped_text(table: str) -> str:
    return ("嘉兴市人民政府办公室关于印发嘉兴市算力券和模型券实施细则的通知\n"
            "一、支持标准\n\n" + table + "\n二、申领方式\n企业按季度申领，具体时间以申领通知为准。\n")


def test_a_text_table_with_columns_aligned_by_spaces():
    by = _by_voucher(extract_text(_gapped_text(_GAPPED), region="浙江省/嘉兴市"))
    a, b = by[("算力券", "浙江省/嘉兴市")], by[("模型券", "浙江省/嘉兴市")]
    assert (a.budget_yuan, a.ratio, a.cap_yuan) == (9_000_000, 0.3, 600_000)
    assert (b.budget_yuan, b.ratio, b.cap_yuan) == (5_000_000, 0.2, 300_000)


def test_space_aligned_rows_run_together_into_one_paragraph_are_split_again():
    # the rows as line re-joining leaves them: header, rows and the next heading in one paragraph
    joined = "".join(_GAPPED.split("\n")) + "二、申领方式"
    paras = group_rows(["一、支持标准", joined, "企业按季度申领。"])
    block = next(p for p in paras if "|" in p)
    lines = block.split("\n")
    assert lines[0].split(" | ") == ["券别", "补贴对象", "补贴比例", "单家企业年度上限", "全年资金"]
    assert lines[1].split(" | ")[0] == "算力券" and lines[-1].split(" | ")[-1] == "500万元"
    assert "二、申领方式" in paras
    recs = _records(lines)
    assert [(r.vouchers, r.budget, r.ratio, r.cap) for r in recs] == [
        (("算力券",), [9_000_000], [0.3], [600_000]), (("模型券",), [5_000_000], [0.2], [300_000])]


def test_prose_with_double_spaces_is_no_table():
    paras = ["企业租用算力的，  按费用的30%给予补贴，  单个企业最高50万元。", "第一章  总则"]
    assert group_rows(paras) == paras


def test_an_empty_cell_of_a_space_aligned_table_keeps_the_columns_by_position():
    table = ("券别      补贴对象                    补贴比例    单家企业年度上限    全年资金\n"
             "算力券    租用智能算力的中小企业      30%                             900万元\n"
             "模型券    购买大模型服务的企业        20%         30万元\n")
    by = _by_voucher(extract_text(_gapped_text(table), region="浙江省/嘉兴市"))
    a, b = by[("算力券", "浙江省/嘉兴市")], by[("模型券", "浙江省/嘉兴市")]
    assert (a.budget_yuan, a.ratio, a.cap_yuan) == (9_000_000, 0.3, None)
    assert (b.budget_yuan, b.ratio, b.cap_yuan) == (None, 0.2, 300_000)


def test_space_aligned_lines_kept_apart_are_placed_by_position():
    head = "券别    年度总额    补贴比例    单户上限"
    paras = ["一、标准", head, "算力券  800万元     30%", "模型券              20%         20万元", "二、其他"]
    lines = [p for p in group_rows(paras) if "|" in p][0].split("\n")
    assert lines[1:] == ["算力券 | 800万元 | 30% | ", "模型券 |  | 20% | 20万元"]


def test_rows_run_together_under_a_header_of_its_own_line():
    rows = "".join(_GAPPED.split("\n")[1:])
    paras = group_rows(["券别      补贴对象                    补贴比例    单家企业年度上限    全年资金", rows])
    recs = _records(paras[0].split("\n"))
    assert [(r.vouchers, r.budget, r.ratio, r.cap) for r in recs] == [
        (("算力券",), [9_000_000], [0.3], [600_000]), (("模型券",), [5_000_000], [0.2], [300_000])]


def test_lines_holding_a_column_gap_are_not_joined_as_wrapped_text():
    from monitor.extract import normalize_text
    rows = ["各有关企业：现将本年度各类券的支持标准列示如下，请各企业对照本表要求认真准备材料按期申报",
            "券种      年度总额      补贴比例      单个企业上限      申报截止日期      受理部门",
            "算力券      3000万元      30%      200万元      2026年10月31日      市工业和信息化局",
            "数据券      800万元      20%      50万元      2026年11月15日      市数据局"]
    lines = normalize_text("\n".join(rows)).split("\n")
    assert len(lines) == 4 and lines[2].startswith("算力券") and lines[3].startswith("数据券")
