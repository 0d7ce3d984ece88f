"""Reading rules for the terms of a voucher: which amounts are the voucher's, which region they belong to.

Each text below is written for the rule, not copied from a corpus document: the rules must hold on
documents nobody has seen (SPEC "Reading rules").
"""
from __future__ import annotations

import pytest

from monitor.extract import extract_text


def measures(text, **kw):
    kw.setdefault("authority", "official")
    facts = extract_text(text, **kw)
    return {(m.voucher, m.region): m for m in facts.measures}


def terms(m):
    return (m.budget_yuan, m.ratio, m.cap_yuan)


# ------------------------------------------------------------------ T1: another subsidy in the same document

OTHER_SUBSIDY_ITEMS = [
    # a grant on an investment base, in a later article of a voucher's own rules
    "第三条 对新建成的智能计算中心，按设备投资额的15%给予补助，最高800万元。",
    # a one-off award for a recognition, said not to be taken from the voucher's pool
    "第三条 对新获批的省级工程研究中心，另行给予一次性奖励120万元，不占用算力券额度。",
    # a reward to service providers on their revenue
    "第三条 对在本市部署算力的服务商，按照年度服务收入的6%给予奖励，最高300万元。",
    # a grant said not to be paid as a voucher
    "第三条 对新建算力平台的，给予最高400万元建设补助，该补助不以券的形式发放。",
    # an electricity subsidy to data centre projects
    "第三条 对在本市落地的数据中心项目，按照年度用电量给予电费补贴，单个项目每年最高二百万元。",
    # 除…券外: the text itself says it is something else
    "第三条 除算力券外，对新认定的市级数据产业园给予最高250万元奖励。",
    # a grant for building something, not for a service bought
    "第三条 对高质量数据集建设给予最高100万元奖励。",
    "第三条 对行业算力调度平台建设项目，按投资额给予最高300万元补助。",
]


@pytest.mark.parametrize("item", OTHER_SUBSIDY_ITEMS)
def test_amount_of_another_subsidy_in_a_later_article_is_not_the_voucher_cap(item):
    text = ("辽阳市算力券管理办法\n"
            "第一条 市财政每年安排算力券资金900万元。\n"
            "第二条 企业租用算力服务的，按实际支付费用的30%给予补贴，单个企业每年最高60万元。\n"
            + item + "\n第四条 本办法自印发之日起施行。")
    ms = measures(text, region="辽宁省/辽阳市", title="辽阳市算力券管理办法")
    m = ms[("算力券", "辽宁省/辽阳市")]
    assert terms(m) == (9_000_000, 0.3, 600_000)


def test_another_subsidy_after_the_voucher_in_the_same_sentence():
    text = ("据介绍，辽阳市今年设立模型券，全年安排资金600万元，单家企业每年最高可获得模型券40万元。"
            "市科技局表示，下半年将开展第二批模型券申领，同时对获批省级新型研发机构的单位给予最高300万元支持。")
    ms = measures(text, region="辽宁省/辽阳市", authority="news")
    m = ms[("模型券", "辽宁省/辽阳市")]
    assert terms(m) == (6_000_000, None, 400_000)


def test_award_named_with_its_own_cap_in_brackets_is_not_the_voucher_cap():
    text = ("关于开展2026年度辽阳市算力券申报工作的通知\n"
            "2026年度算力券资金总额1200万元，按合同金额的30%给予补贴，单个企业年度补贴最高70万元。\n"
            "对于同时申报数字化车间奖励（最高150万元）的企业，同一合同不得重复申报。")
    ms = measures(text, region="辽宁省/辽阳市", title="关于开展2026年度辽阳市算力券申报工作的通知")
    assert ms[("算力券", "辽宁省/辽阳市")].cap_yuan == 700_000


def test_voucher_terms_in_a_later_article_still_count():
    # the voucher's own raise in a later article (no other subsidy): the largest cap and share win
    text = ("辽阳市算力券管理办法\n"
            "第一条 市财政每年安排算力券资金900万元。\n"
            "第二条 企业租用算力服务的，按实际支付费用的30%给予补贴，单个企业每年最高60万元。\n"
            "第三条 使用国产算力的，补贴比例提高至40%，单个企业每年最高100万元。")
    ms = measures(text, region="辽宁省/辽阳市", title="辽阳市算力券管理办法")
    assert terms(ms[("算力券", "辽宁省/辽阳市")]) == (9_000_000, 0.4, 1_000_000)


# ------------------------------------------------------------------ T2: a voucher heading opens its section

def test_voucher_heading_opens_its_section():
    text = ("关于开展2026年度算力券和模型券申领工作的通知\n"
            "各有关企业：\n现将有关事项通知如下：\n"
            "一、算力券\n"
            "年度总额600万元。企业租用算力的，按照实际支付费用的25%给予支持，单个企业每年最高40万元。\n"
            "二、模型券\n"
            "年度总额300万元。企业采购模型服务的，按照合同金额的20%给予支持，单个企业每年最高15万元。\n"
            "三、申领时间\n2026年5月6日至2026年6月5日。")
    ms = measures(text, region="湖北省/襄阳市", title="关于开展2026年度算力券和模型券申领工作的通知")
    assert terms(ms[("算力券", "湖北省/襄阳市")]) == (6_000_000, 0.25, 400_000)
    assert terms(ms[("模型券", "湖北省/襄阳市")]) == (3_000_000, 0.2, 150_000)


# ------------------------------------------------------------------ T3: pools

def test_fund_split_per_voucher():
    text = ("襄阳市算力券模型券实施细则\n"
            "第一条 市级每年安排专项资金合计4000万元，其中算力券2500万元、模型券1500万元。\n"
            "第二条 算力券按合同金额的30%给予支持，单个企业每年最高100万元。\n"
            "第三条 模型券按合同金额的20%给予支持，单个企业每年最高50万元。")
    ms = measures(text, region="湖北省/襄阳市", title="襄阳市算力券模型券实施细则")
    assert ms[("算力券", "湖北省/襄阳市")].budget_yuan == 25_000_000
    assert ms[("模型券", "湖北省/襄阳市")].budget_yuan == 15_000_000


def test_fund_split_in_brackets_is_not_the_first_voucher_budget():
    text = ("第六条 市级每年安排数字经济专项资金5000万元（其中算力券3000万元、模型券800万元）。\n"
            "第七条 算力券按照实际支付费用的30%给予补贴，单个企业每年最高80万元。")
    ms = measures(text, region="湖北省/襄阳市")
    assert ms[("算力券", "湖北省/襄阳市")].budget_yuan == 30_000_000
    assert ms[("模型券", "湖北省/襄阳市")].budget_yuan == 8_000_000


def test_total_then_split_for_two_vouchers_named_together():
    text = "市财政每年列支资金1200万元用于发放算力券和语料券，其中算力券900万元、语料券300万元。"
    ms = measures(text, region="湖北省/襄阳市")
    assert ms[("算力券", "湖北省/襄阳市")].budget_yuan == 9_000_000
    assert ms[("语料券", "湖北省/襄阳市")].budget_yuan == 3_000_000


def test_two_budgets_in_one_sentence():
    text = "第一条 区财政每年安排算力券资金500万元、模型券资金200万元。"
    ms = measures(text, region="湖北省/襄阳市")
    assert ms[("算力券", "湖北省/襄阳市")].budget_yuan == 5_000_000
    assert ms[("模型券", "湖北省/襄阳市")].budget_yuan == 2_000_000


def test_two_shares_in_one_sentence():
    text = "算力券按合同金额的30%、模型券按合同金额的20%给予补贴。"
    ms = measures(text, region="湖北省/襄阳市")
    assert ms[("算力券", "湖北省/襄阳市")].ratio == 0.3
    assert ms[("模型券", "湖北省/襄阳市")].ratio == 0.2


@pytest.mark.parametrize("sentence,budget", [
    ("2026—2028年算力券总规模6亿元，每年2亿元，由市级财政分年度安排。", 200_000_000),
    ("2026年至2028年，市级财政统筹安排算力券资金6000万元，其中2026年安排2000万元。", 20_000_000),
    ("2026年至2027年，市级财政每年安排算力券资金2000万元。", 20_000_000),
    ("市级财政每年安排算力券资金2000万元，其中首批800万元。", 20_000_000),
])
def test_yearly_pool_wins_over_a_multi_year_total(sentence, budget):
    ms = measures(sentence, region="湖北省/襄阳市")
    assert ms[("算力券", "湖北省/襄阳市")].budget_yuan == budget


def test_joint_pool_of_two_vouchers_is_neither_budget():
    # SPEC: the budget is the pool of *that* voucher (golden joint_pool_named agrees)
    text = "第二条 算力券、模型券共用年度资金池，年度合计安排1亿元。\n第三条 算力券按合同金额的20%给予支持。"
    ms = measures(text, region="湖北省/襄阳市")
    assert ms[("算力券", "湖北省/襄阳市")].budget_yuan is None
    assert ms[("模型券", "湖北省/襄阳市")].budget_yuan is None


# ------------------------------------------------------------------ T4: region attribution

def test_province_document_terms_stay_with_the_province_after_a_city_named_in_passing():
    text = ("甘肃省算力券管理办法\n"
            "第一条 在总结天水市发放算力券经验的基础上，制定本办法。天水市已于2025年发放算力券。\n"
            "第二条 省级财政每年安排算力券资金1亿元。\n"
            "第三条 企业使用省内算力的，按合同金额的30%给予支持，单个企业每年最高500万元。")
    ms = measures(text, region="甘肃省", title="甘肃省算力券管理办法")
    assert terms(ms[("算力券", "甘肃省")]) == (100_000_000, 0.3, 5_000_000)
    assert terms(ms[("算力券", "甘肃省/天水市")]) == (None, None, None)


def test_regions_listed_with_one_verb_all_issue():
    text = "目前，如内蒙古自治区包头市、宁夏回族自治区银川市已发放算力券。"
    ms = measures(text, authority="news")
    assert ("算力券", "内蒙古自治区/包头市") in ms
    assert ("算力券", "宁夏回族自治区/银川市") in ms


def test_place_labels_in_brackets_or_with_a_colon():
    text = ("园区观察\n"
            "【张江】张江科学城今年发放模型券，单个企业最高200万元。\n"
            "【昆山】昆山市今年首次推出智能券，单个企业最高20万元。\n"
            "常熟：常熟市发放算力券，按费用的20%给予支持。")
    ms = measures(text, authority="news")
    assert ms[("模型券", "上海市/浦东新区")].cap_yuan == 2_000_000
    assert ms[("智能券", "江苏省/苏州市/昆山市")].cap_yuan == 200_000
    assert ms[("算力券", "江苏省/苏州市/常熟市")].ratio == 0.2
    assert set(ms) == {("模型券", "上海市/浦东新区"), ("智能券", "江苏省/苏州市/昆山市"),
                       ("算力券", "江苏省/苏州市/常熟市")}


@pytest.mark.parametrize("sentence", [
    "安徽省多个城市相继推出算力券，降低企业用算成本。",
    "安徽多个地市相继推出算力券、模型券。",
    "山西某铝业公司发布通知，推出算力券兑换服务。",
])
def test_province_named_only_in_general_gives_no_measure(sentence):
    ms = measures(sentence, authority="news")
    assert not any(r in ("安徽省", "山西省") for _, r in ms)


def test_terms_stated_by_reference_to_a_region_policy():
    text = ("按照《白银市算力券实施办法》，企业租用算力的，按费用的30%给予支持，单个企业最高30万元，"
            "全市年度资金总额300万元。")
    ms = measures(text, authority="news")
    assert terms(ms[("算力券", "甘肃省/白银市")]) == (3_000_000, 0.3, 300_000)


def test_region_subject_of_a_long_sentence_issues_the_voucher():
    text = "鹤壁市依托本地智算中心和数据标注基地，今年发放算力券总额3000万元。"
    ms = measures(text, authority="news")
    assert ms[("算力券", "河南省/鹤壁市")].budget_yuan == 30_000_000


@pytest.mark.parametrize("sentence", [
    "同时，市文旅局发放文旅消费券2000万元。",
    "活动现场，12家企业与算力服务商签约，协议总金额达3亿元。",
])
def test_other_coupons_grants_and_deal_totals_are_not_terms(sentence):
    text = "辽阳市发放算力券，按合同金额的30%给予补贴，单个企业最高50万元。" + sentence
    m = measures(text, region="辽宁省/辽阳市")[("算力券", "辽宁省/辽阳市")]
    assert terms(m) == (None, 0.3, 500_000)


def test_a_fund_set_up_beside_the_voucher_is_not_its_budget():
    text = ("苏州工业园区推出模型券，每家企业最高可获80万元支持。"
            "园区同时设立规模30亿元的人工智能产业基金，重点投向早期项目。")
    m = measures(text, authority="news")[("模型券", "江苏省/苏州市/苏州工业园区")]
    assert terms(m) == (None, None, 800_000)


def test_two_regions_and_two_vouchers_named_together_are_not_crossed():
    # each place's own voucher is confirmed by its own paragraph; the opening sentence crosses nothing
    text = ("记者获悉，宜昌市、襄阳市相继推出新一轮算力券、模型券政策。\n"
            "宜昌市每年发放算力券3000万元，单个企业最高200万元。\n"
            "襄阳市发布模型券实施细则，按合同金额的20%给予支持。")
    ms = measures(text, authority="news")
    assert set(ms) == {("算力券", "湖北省/宜昌市"), ("模型券", "湖北省/襄阳市")}


def test_voucher_tiers_by_revenue_are_still_the_voucher_terms():
    text = ("辽阳市算力券管理办法\n"
            "第一条 市财政每年安排算力券资金900万元。\n"
            "第二条 企业租用算力的，按上年度营业收入分档支持，营业收入1亿元以下的，单个企业每年最高30万元；"
            "营业收入1亿元以上的，单个企业每年最高80万元。")
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市算力券管理办法")[("算力券", "辽宁省/辽阳市")]
    assert (m.budget_yuan, m.cap_yuan) == (9_000_000, 800_000)


def test_not_the_voucher_only_where_the_text_says_so():
    text = "辽阳市今年除发放算力券外，还发放模型券，模型券单个企业最高20万元。"
    ms = measures(text, region="辽宁省/辽阳市")
    assert ms[("模型券", "辽宁省/辽阳市")].cap_yuan == 200_000


@pytest.mark.parametrize("text", [
    "鹤壁市依托国家级算力枢纽节点、本地智算中心等资源优势，聚焦智能制造与数字农业，今年发放算力券总额3000万元。",
    "记者了解到，鹤壁市立足本地产业基础，今年发放算力券总额3000万元。",
])
def test_region_opening_a_long_sentence_that_issues_the_voucher(text):
    ms = measures(text, authority="news")
    assert ms[("算力券", "河南省/鹤壁市")].budget_yuan == 30_000_000


def test_denominations_and_a_recipient_total():
    text = ("辽阳市算力券发放管理办法\n"
            "第一条 市级财政每年安排算力券资金3000万元。\n"
            "第二条 算力券分为2万元、5万元、20万元三种面额，每家企业累计申领不超过10张，且申领总额不超过80万元。")
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市算力券发放管理办法")[("算力券", "辽宁省/辽阳市")]
    assert (m.budget_yuan, m.cap_yuan) == (30_000_000, 800_000)


def test_face_value_times_sheets_is_the_cap_when_no_cap_is_stated():
    text = "辽阳市发放算力券，每张面额5万元，每家企业最多申领4张。"
    assert measures(text, region="辽宁省/辽阳市")[("算力券", "辽宁省/辽阳市")].cap_yuan == 200_000


def test_another_coupon_kind_in_the_same_notice_is_not_the_voucher():
    text = ("辽阳市算力券申报通知\n"
            "企业使用算力服务的，按实际支付费用的40%给予算力券支持，单个企业年度最高150万元。\n"
            "我市同步实施的企业上云券，按上云服务费用的50%给予支持、单个企业最高10万元，申报另行通知。")
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市算力券申报通知")[("算力券", "辽宁省/辽阳市")]
    assert (m.ratio, m.cap_yuan) == (0.4, 1_500_000)


def test_thousands_separator_is_no_clause_break():
    text = "一、每年安排0.8亿元发放算力券，单个企业每年最高1,200万元。\n二、每年安排2,000万元发放数据券，单个企业每年最高150万元。"
    ms = measures(text, region="广西壮族自治区/钦州市")
    assert ms[("算力券", "广西壮族自治区/钦州市")].budget_yuan == 80_000_000
    assert ms[("数据券", "广西壮族自治区/钦州市")].budget_yuan == 20_000_000


def test_new_firms_using_the_voucher_keep_its_terms():
    text = ("辽阳市算力券管理办法\n"
            "第一条 市财政每年安排算力券资金900万元。\n"
            "第二条 对新引进企业使用算力服务的，按合同金额的30%给予补贴，单个企业每年最高60万元。")
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市算力券管理办法")[("算力券", "辽宁省/辽阳市")]
    assert terms(m) == (9_000_000, 0.3, 600_000)


@pytest.mark.parametrize("clause,other", [
    ("使用国产算力的，另按10%给予叠加支持。", False),       # a top-up of the voucher itself
    ("对重点项目，另按项目投资的15%给予补助，最高200万元。", True),
    ("对新引进企业使用算力服务的，按30%给予补贴。", False),
    ("对新认定的市级数据标注基地，给予一次性奖励30万元。", True),
    ("按国家支持资金给予1:1配套，最高1000万元。", True),
    ("企业按合同金额的30%给予补贴，单个企业最高50万元。", False),
])
def test_which_clauses_open_another_subsidy(clause, other):
    from monitor.extract.measures import _other_at
    assert (_other_at(clause, 0, len(clause)) is not None) is other


def test_voucher_heading_under_a_region_heading_stays_in_that_region():
    text = ("关于全省算力券政策实施情况的通报\n"
            "一、宜昌市\n"
            "（一）算力券\n"
            "年度总额500万元，单个企业每年最高30万元。\n"
            "二、襄阳市\n"
            "（一）模型券\n"
            "年度总额300万元，单个企业每年最高20万元。")
    ms = measures(text, region="湖北省", title="关于全省算力券政策实施情况的通报")
    assert terms(ms[("算力券", "湖北省/宜昌市")]) == (5_000_000, None, 300_000)
    assert terms(ms[("模型券", "湖北省/襄阳市")]) == (3_000_000, None, 200_000)
    assert ("模型券", "湖北省") not in ms


# ------------------------------------------------------------------ round 2 (heldout6/7 causes), texts written for the rule

@pytest.mark.parametrize("item", [
    # an award for listing a product on an exchange, in a later article of a voucher's own rules
    "第四条 对在数据交易场所挂牌交易的数据产品，给予挂牌企业每个产品3万元奖励，每家企业最高60万元。",
    # a start-up grant to firms that settle in the district for the first time
    "第四条 对首次在本区落地的人工智能企业，给予最高45万元开办补助。",
])
def test_a_later_article_with_an_award_of_its_own_is_not_the_voucher(item):
    text = ("辽阳市语料券管理办法\n"
            "第三条 语料券按照企业采购训练语料实际支付金额的三成给予补贴，单个企业每年最高20万元。\n" + item)
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市语料券管理办法")[("语料券", "辽宁省/辽阳市")]
    assert terms(m) == (None, 0.3, 200_000)


def test_a_certificate_award_in_a_later_paragraph_is_not_the_voucher():
    text = ("大会上，辽阳市宣布今年算力券使用后可打八折，单个企业全年最多可享受150万元优惠。\n"
            "会上，辽阳市还为9家企业颁发了“揭榜挂帅”项目证书，单个项目最高资助600万元。")
    m = measures(text, authority="news")[("算力券", "辽宁省/辽阳市")]
    assert terms(m) == (None, 0.2, 1_500_000)


def test_another_region_opening_a_sentence_ends_the_voucher_in_force():
    text = ("辽阳日报讯 鞍山市发放模型券，年度额度700万元；"
            "辽阳市则对企业购买算力服务给予补贴，最高可达250万元。")
    ms = measures(text, authority="news")
    assert terms(ms[("模型券", "辽宁省/鞍山市")]) == (7_000_000, None, None)
    assert not any(r == "辽宁省/辽阳市" for _, r in ms)


def test_terms_given_to_regions_listed_together_and_a_negation():
    text = ("鞍山市数据局关于在铁东区、铁西区开展算力券试点的通知\n"
            "一、铁东区、铁西区分别设立算力券。铁东区年度额度800万元，铁西区年度额度400万元。\n"
            "二、两区算力券均按不超过算力合同金额的25%给予支持，单个企业每年最高80万元。\n"
            "三、市级不另设算力券。各试点区于每年12月10日前报送实施情况。\n"
            "四、对试点成效显著的区，市级予以倾斜，最高300万元。")
    ms = measures(text, region="辽宁省/鞍山市", title="鞍山市数据局关于在铁东区、铁西区开展算力券试点的通知")
    assert terms(ms[("算力券", "辽宁省/鞍山市/铁东区")]) == (8_000_000, 0.25, 800_000)
    assert terms(ms[("算力券", "辽宁省/鞍山市/铁西区")]) == (4_000_000, 0.25, 800_000)
    assert ("算力券", "辽宁省/鞍山市") not in ms


@pytest.mark.parametrize("word,place,path", [
    ("该区", "铁西区", "辽宁省/鞍山市/铁西区"),
    ("该市", "辽阳市", "辽宁省/辽阳市"),
])
def test_gai_refers_back_to_the_region_just_named(word, place, path):
    text = f"记者从{place}获悉，{word}近日印发人工智能产业支持政策，年度安排算力券2000万元，单个企业最高可获100万元。"
    ms = measures(text, authority="news", region="辽宁省/鞍山市")
    assert terms(ms[("算力券", path)]) == (20_000_000, None, 1_000_000)


def test_a_pool_paid_out_over_several_years_is_not_the_years_pool():
    text = "辽阳市算力券管理办法\n第一条 市政府设立1.2亿元算力券，分三年发放，每年4000万元。"
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市算力券管理办法")[("算力券", "辽宁省/辽阳市")]
    assert m.budget_yuan == 40_000_000


def test_past_payouts_are_not_a_pool():
    text = ("日前，鞍山市发布2026年度算力券申报通知，单个企业最高可获30万元。"
            "据了解，该市去年共兑付创新券150万元，惠及企业43家。")
    ms = measures(text, authority="news")
    assert ms[("创新券", "辽宁省/鞍山市")].budget_yuan is None
    assert ms[("算力券", "辽宁省/鞍山市")].cap_yuan == 300_000


@pytest.mark.parametrize("sentence", [
    "业内人士认为，广西自贸试验区政策叠加算力券，将有助于吸引企业集聚。",
    "广西某铝业公司使用算力券后，研发成本下降三成。",
])
def test_a_region_modifying_another_noun_issues_nothing(sentence):
    text = "辽阳市近日首次设立算力券，单个企业每年最高100万元。\n" + sentence
    ms = measures(text, authority="news")
    assert set(ms) == {("算力券", "辽宁省/辽阳市")}


def test_the_own_regions_voucher_named_in_a_cited_title_takes_the_terms_that_follow():
    text = ("各县区工信局：\n"
            "一、支持标准：按照《白银市算力券实施办法》，对企业购买算力服务的按费用的30%给予支持，"
            "单个企业最高30万元，全市年度资金总额300万元。")
    ms = measures(text, region="甘肃省/白银市", title="白银市工业和信息化局关于做好算力券兑现申请工作的通知")
    assert terms(ms[("算力券", "甘肃省/白银市")]) == (3_000_000, 0.3, 300_000)


@pytest.mark.parametrize("home,path", [
    ("江苏省/南京市", "江苏省/南京市/鼓楼区"),
    ("福建省/福州市", "福建省/福州市/鼓楼区"),
])
def test_a_bare_district_name_is_read_in_the_news_sources_city(home, path):
    text = "本报讯 记者从鼓楼区获悉，鼓楼区今年安排算力券资金1500万元，单个企业最高120万元。"
    ms = measures(text, authority="news", region=home)
    assert terms(ms[("算力券", path)]) == (15_000_000, None, 1_200_000)


def test_last_years_pool_is_not_this_years_but_the_new_level_is():
    ms = measures("鞍山市去年发放算力券5000万元，今年增至8000万元。", authority="news")
    assert ms[("算力券", "辽宁省/鞍山市")].budget_yuan == 80_000_000


def test_a_place_before_a_longer_voucher_name_still_owns_it():
    ms = measures("据悉，鞍山市人工智能算力券按合同金额的30%给予补贴，单个企业最高500万元。", authority="news")
    assert terms(ms[("算力券", "辽宁省/鞍山市")]) == (None, 0.3, 5_000_000)


def test_each_of_two_places_issuing_in_its_own_clause_keeps_its_terms():
    text = ("鞍山市、辽阳市分别推出算力券。鞍山市每年安排5000万元，单个企业最高200万元；"
            "辽阳市每年安排2000万元，单个企业最高100万元。")
    ms = measures(text, authority="news")
    assert terms(ms[("算力券", "辽宁省/鞍山市")]) == (50_000_000, None, 2_000_000)
    assert terms(ms[("算力券", "辽宁省/辽阳市")]) == (20_000_000, None, 1_000_000)


def test_the_negation_character_inside_a_place_name_negates_nothing():
    # 未央区: a district whose name opens with 未 (as 无锡市 opens with 无)
    text = "长安区日前发布语料券政策，单个企业最高50万元。未央区推出算力券，按合同金额的30%给予支持，单个企业最高100万元。"
    ms = measures(text, authority="news", region="陕西省/西安市")
    assert terms(ms[("算力券", "陕西省/西安市/未央区")]) == (None, 0.3, 1_000_000)
    assert terms(ms[("语料券", "陕西省/西安市/长安区")]) == (None, None, 500_000)


def test_an_addressee_list_with_commas_moves_no_region():
    text = ("鞍山市工业和信息化局关于开展2026年度算力券申领工作的通知\n"
            "各县(市)区工业和信息化局，鞍山高新区、海城市经济发展局：\n"
            "为推动产业智能化发展，现开展2026年度算力券申领工作。\n"
            "一、支持标准：按服务费用的30%给予支持，单个企业年度最高60万元。")
    ms = measures(text, region="辽宁省/鞍山市", title="鞍山市工业和信息化局关于开展2026年度算力券申领工作的通知")
    assert set(ms) == {("算力券", "辽宁省/鞍山市")}
    assert terms(ms[("算力券", "辽宁省/鞍山市")]) == (None, 0.3, 600_000)


def test_wo_zhou_is_the_autonomous_prefecture_itself():
    text = "珲春市科技局负责人介绍了当地做法。\n我州今年安排算力券资金900万元，单个企业最高40万元。"
    ms = measures(text, authority="news", region="吉林省/延边朝鲜族自治州")
    assert terms(ms[("算力券", "吉林省/延边朝鲜族自治州")]) == (9_000_000, None, 400_000)


# ------------------------------------------------------------------ round 3 (heldout8): a stated per-recipient cap wins

def test_a_batch_paid_out_is_no_cap_when_one_recipients_cap_is_stated():
    text = ("据市科技局介绍，今年鞍山市语料券年度总规模为600万元，第一批兑付240万元，其余分批发放。"
            "语料券按采购金额的30%兑付，每家企业最高不超过50万元。")
    m = measures(text, authority="news")[("语料券", "辽宁省/鞍山市")]
    assert terms(m) == (6_000_000, 0.3, 500_000)


def test_a_pool_raised_to_a_new_level_in_a_headline_is_no_cap():
    text = ("鞍山数据券扩容至900万元\n"
            "今年鞍山市数据券规模达到900万元。企业采购数据服务的，可按费用的40%申领数据券，单家企业最高45万元。")
    m = measures(text, authority="news")[("数据券", "辽宁省/鞍山市")]
    assert terms(m) == (9_000_000, 0.4, 450_000)


@pytest.mark.parametrize("pool", ["盘子为", "资金池为", "总盘子达"])
def test_a_pool_called_by_its_colloquial_name_is_the_budget(pool):
    text = f"鞍山市今年继续发放算力券，每户企业全年享受算力券封顶30万元。市工信局介绍，今年全市算力券{pool}2400万元。"
    m = measures(text, authority="news")[("算力券", "辽宁省/鞍山市")]
    assert terms(m) == (24_000_000, None, 300_000)


def test_an_award_said_not_to_count_against_the_voucher_is_not_its_cap():
    text = ("辽阳市模型券管理办法\n"
            "第一条 市财政设立模型券，年度规模2000万元。\n"
            "第二条 单个企业年度享受模型券额度原则上不超过60万元。\n"
            "第三条 对新引进的模型服务企业，年营收首次超过5000万元的，给予150万元奖励，不计入模型券额度。")
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市模型券管理办法")[("模型券", "辽宁省/辽阳市")]
    assert terms(m) == (20_000_000, None, 600_000)


def test_one_recipients_stated_cap_wins_over_an_amount_of_unknown_kind():
    text = ("鞍山市训力券今年安排资金800万元，另有300万元用于平台建设。"
            "企业租用训练算力的，按费用的20%给予训力券支持，单个企业最高40万元。")
    m = measures(text, authority="news")[("训力券", "辽宁省/鞍山市")]
    assert m.cap_yuan == 400_000


@pytest.mark.parametrize("head", ["往期推荐", "往期回顾", "精彩推荐", "推荐阅读", "相关阅读"])
def test_a_block_of_older_article_titles_in_a_post_ties_nothing(head):
    text = ("辽阳市数据局2026年度数据券申领公告\n"
            "本期发放数据券总额300万元，单户最高十万元。\n"
            "辽阳市数据局\n2026年9月1日\n"
            f"{head}\n鞍山市科技创新券申报开始啦\n一图读懂辽阳市数字经济十条")
    ms = measures(text, region="辽宁省/辽阳市", title="辽阳市数据局2026年度数据券申领公告")
    assert set(ms) == {("数据券", "辽宁省/辽阳市")}


def test_a_rounds_window_is_the_deadline_of_each_voucher_the_round_opens():
    text = ("鞍山市科学技术局关于开展2026年第二批科技创新券申领工作的通知\n"
            "一、支持标准\n"
            "科技创新券按服务合同实际发生额的40%予以核定，单个企业年度累计不超过20万元。"
            "购买智能算力服务的，在上述支持基础上，再按合同额的10%叠加发放算力券，单个企业最高5万元。\n"
            "二、申领时间\n"
            "申领时间：2026年8月1日—8月31日。\n"
            "三、其他\n"
            "联系人：王明")
    ms = measures(text, region="辽宁省/鞍山市", title="鞍山市科学技术局关于开展2026年第二批科技创新券申领工作的通知")
    assert ms[("创新券", "辽宁省/鞍山市")].deadline == "2026-08-31"
    assert ms[("算力券", "辽宁省/鞍山市")].deadline == "2026-08-31"
    assert terms(ms[("算力券", "辽宁省/鞍山市")]) == (None, 0.1, 50_000)


def test_an_award_said_not_to_count_against_the_voucher_holds_no_term_even_without_a_stated_cap():
    text = ("辽阳市模型券管理办法\n"
            "第一条 企业购买模型服务的，按合同金额的30%给予模型券支持，最高60万元。\n"
            "第二条 对新引进的模型服务企业，年营收首次超过5000万元的，给予150万元奖励，不计入模型券额度。")
    m = measures(text, region="辽宁省/辽阳市", title="辽阳市模型券管理办法")[("模型券", "辽宁省/辽阳市")]
    assert terms(m) == (None, 0.3, 600_000)


def test_a_raised_cap_for_special_cases_is_still_a_stated_cap():
    text = ("鞍山市今年发放算力券，企业按费用的30%申领，单个企业最高50万元；"
            "对承担重大攻关任务的，最高可达200万元。")
    m = measures(text, authority="news")[("算力券", "辽宁省/鞍山市")]
    assert m.cap_yuan == 2_000_000


def test_a_hot_search_keyword_line_is_furniture():
    from monitor.extract import extract_text
    text = ("某某市工业和信息化局关于公布2026年度专精特新中小企业名单的通知\n"
            "经企业申报、专家评审，认定46家企业为2026年度市级专精特新中小企业，现予公布。\n"
            "某某市工业和信息化局\n2026年5月11日\n"
            "热门搜索：算力券 模型券 数据券 训力券 成人 影院 免费")
    assert extract_text(text, region="广东省/云浮市").measures == ()


def test_an_encouragement_to_the_lower_places_in_general_ties_nothing():
    from monitor.extract import extract_text
    text = ("来宾市支持数字经济发展若干措施\n第一条 为推动数字经济发展，制定本措施。\n"
            "第二条 鼓励县（市、区）结合本地产业特点，探索发放数据券、算力券，降低企业数字化转型成本。\n"
            "第三条 本措施自印发之日起施行。")
    assert extract_text(text, region="广西壮族自治区/来宾市").measures == ()
    # the city's own voucher still counts
    own = text.replace("第三条", "第三条 市级发放算力券，按合同金额的30%给予补贴，单个企业最高50万元。\n第四条")
    ms = extract_text(own, region="广西壮族自治区/来宾市").measures
    assert [(m.voucher, m.region, m.ratio, m.cap_yuan) for m in ms] == [("算力券", "广西壮族自治区/来宾市", 0.3, 500000)]


# ------------------------------------------------------------------ round 4 (found by heldout9)

@pytest.mark.parametrize("text", [
    "娄底市今年算力券总额较上年增加500万元，达到2500万元，单个企业最高100万元。",
    "邵阳市2026年算力券总额比去年增加500万元，达到2500万元，单个企业最高100万元。",
    "邵阳市今年的算力券总额达到2500万元，单个企业最高100万元。",
])
def test_a_time_between_the_place_and_its_voucher_and_the_level_an_increase_reaches(text):
    region = "湖南省/娄底市" if text.startswith("娄底") else "湖南省/邵阳市"
    ms = measures(text, region=region, authority="news")
    m = ms[("算力券", region)]
    assert (m.budget_yuan, m.cap_yuan) == (25_000_000, 1_000_000)     # the new level, never the increase


@pytest.mark.parametrize("text, want", [
    ("伊春、黑河已发放算力券，绥化正在组织语料券申报。",
     {("算力券", "黑龙江省/伊春市"), ("算力券", "黑龙江省/黑河市"), ("语料券", "黑龙江省/绥化市")}),
    ("鹤岗、双鸭山已推出模型券，七台河正在受理数据券申请。",
     {("模型券", "黑龙江省/鹤岗市"), ("模型券", "黑龙江省/双鸭山市"), ("数据券", "黑龙江省/七台河市")}),
    ("伊春、黑河已发放算力券，绥化、大庆正在组织语料券申报。",
     {("算力券", "黑龙江省/伊春市"), ("算力券", "黑龙江省/黑河市"),
      ("语料券", "黑龙江省/绥化市"), ("语料券", "黑龙江省/大庆市")}),
    ("伊春、黑河已發放算力券，綏化正在組織語料券申報。",
     {("算力券", "黑龙江省/伊春市"), ("算力券", "黑龙江省/黑河市"), ("语料券", "黑龙江省/绥化市")}),
])
def test_a_new_subject_after_the_comma_takes_the_second_voucher_alone(text, want):
    assert set(measures(text, region="黑龙江省", authority="news")) == want


@pytest.mark.parametrize("text, ratio", [
    ("对企业购买大模型服务的，通过“模型券”按照不超过实际合同金额40%的比例给予支持。", 0.4),
    ("企业使用算力服务的，通过算力券按照不超过合同金额30%的比例予以补贴。", 0.3),
    ("企业租用算力的，最高可由算力券承担一半，单个企业最高50万元。", 0.5),
    ("企业租用算力的，算力券补贴半数，单个企业最高50万元。", 0.5),
    ("企业租用算力的，最高可由算力券承担三成，单个企业最高50万元。", 0.3),
    ("企業租用算力的，最高可由算力券承擔一半，單個企業最高50萬元。", 0.5),
    ("企業租用算力的，最高可由算力券承擔三成，單個企業最高50萬元。", 0.3),
])
def test_the_share_the_voucher_bears(text, ratio):
    ms = list(measures(text, region="广东省/云浮市").values())
    assert len(ms) == 1 and ms[0].ratio == ratio


def test_not_exceeding_a_share_is_not_a_threshold():
    # 不超过…40%: the (?<!不) of 超过 must see the 不 even where the clause is cut short
    text = "企业采购模型服务的，模型券按照不超过实际合同金额百分之四十的比例给予支持。"
    ms = list(measures(text, region="广东省/云浮市").values())
    assert ms[0].ratio == 0.4


def test_half_of_a_count_is_no_share():
    from monitor.extract.numbers import find_shares
    assert find_shares("补贴半数以上的企业") == []


def test_the_place_of_the_voucher_named_again_in_its_paragraph_keeps_its_deadline():
    # (a roundup: the document's own deadline is no fallback when several places have vouchers)
    text = ("今年以来，哈密市、克拉玛依市等地推出券类政策。\n"
            "哈密：算力券\n哈密市安排算力券资金5000万元，单个企业最高500万元。\n"
            "克拉玛依：模型券助力企业\n"
            "克拉玛依市设立0.3亿元模型券，企业采购大模型服务最高可获得不超过合同额四成的补贴。"
            "克拉玛依市工信局表示，今年申领将于11月30日截止。\n"
            "专家表示，券类政策直达企业。")
    f = __import__("monitor.extract", fromlist=["extract_text"]).extract_text(
        text, region="新疆维吾尔自治区", authority="news", published="2026-10-20")
    m = {(x.voucher, x.region): x for x in f.measures}[("模型券", "新疆维吾尔自治区/克拉玛依市")]
    assert (m.budget_yuan, m.ratio, m.deadline) == (30_000_000, 0.4, "2026-11-30")
    assert {(x.voucher, x.region): x for x in f.measures}[("算力券", "新疆维吾尔自治区/哈密市")].deadline is None


def test_the_same_place_named_in_a_later_paragraph_does_not_carry_the_voucher():
    text = ("上海市印发措施，每年设立一定规模的算力券、模型券。\n"
            "2025年7月，上海市政府宣布将推出价值1亿元的专项补贴券。")
    ms = measures(text, region="上海市", authority="news")
    assert all(m.budget_yuan is None for m in ms.values())


@pytest.mark.parametrize("text", [
    "怀化市推出模型券，企业采购大模型服务可获三成补贴，单一企业最高30万元。",
    "懷化市推出「模型券」，企業採購大模型服務可獲三成補貼，單一企業最高３０萬元。",
    "怀化市推出模型券，企业采购大模型服务可获得三成的补助，单一企业最高30万元。",
])
def test_a_share_named_by_the_subsidy_word_after_it(text):
    m = measures(text, region="湖南省/怀化市", authority="news")[("模型券", "湖南省/怀化市")]
    assert (m.ratio, m.cap_yuan) == (0.3, 300_000)


def test_a_share_of_subsidy_money_is_no_rate():
    from monitor.extract.numbers import find_shares
    assert find_shares("七成补贴资金已拨付到位") == []


@pytest.mark.parametrize("text, budget", [
    ("一、算力券资金由区财政每年预算安排，2026年为贰佰万元。\n"
     "二、企业使用算力服务的，按实际支付金额的30%补贴，同一企业年度累计不超过拾万元。", 2_000_000),
    ("一、模型券资金纳入年度预算，今年为300万元。\n"
     "二、企业采购模型服务的，按合同金额的30%补贴，单个企业最高10万元。", 3_000_000),
])
def test_the_year_named_after_the_pool_states_that_years_budget(text, budget):
    title = "临渭区" + ("算力券" if "算力券" in text else "模型券") + "管理暂行办法"
    ms = list(measures(text, region="陕西省/渭南市/临渭区", title=title).values())
    assert len(ms) == 1 and terms(ms[0]) == (budget, 0.3, 100_000)


def test_the_year_named_after_a_recipients_limit_is_still_a_cap():
    text = "临渭区发放算力券，按费用的30%补贴，单个企业每年补贴上限，2026年为20万元。"
    m = list(measures(text, region="陕西省/渭南市/临渭区").values())[0]
    assert (m.budget_yuan, m.cap_yuan) == (None, 200_000)


def test_the_same_place_named_again_with_an_award_of_its_own_keeps_the_voucher_cap():
    text = ("哈密市发放算力券，单个企业最高50万元。克拉玛依市设立模型券，单个企业最高30万元。"
            "克拉玛依市同时对新落地的数据中心给予最高200万元奖励。")
    ms = measures(text, region="新疆维吾尔自治区", authority="news")
    assert ms[("模型券", "新疆维吾尔自治区/克拉玛依市")].cap_yuan == 300_000


@pytest.mark.parametrize("text", [
    "娄底市今年算力券总额较上年增加500万元至2500万元，单个企业最高100万元。",
    "娄底市算力券总额由2000万元增加至2500万元，单个企业最高100万元。",
    "今年，娄底市算力券资金比上年多500万元，总规模达2500万元，单个企业最高100万元。",
])
def test_the_level_an_increase_reaches_is_the_budget(text):
    m = measures(text, region="湖南省/娄底市", authority="news")[("算力券", "湖南省/娄底市")]
    assert (m.budget_yuan, m.cap_yuan) == (25_000_000, 1_000_000)


def test_a_cap_raised_by_an_amount_to_a_level_is_the_level():
    m = measures("娄底市算力券单个企业补贴上限提高20万元至100万元。", region="湖南省/娄底市",
                 authority="news")[("算力券", "湖南省/娄底市")]
    assert (m.budget_yuan, m.cap_yuan) == (None, 1_000_000)


def test_gambling_spam_lines_tie_no_voucher():
    from monitor.extract import extract_text
    text = ("发布时间：2026-10-30\n顶级娱乐平台，注册即送888元算力券、模型券，每日返水最高30%，单人最高可领500万元！\n"
            "主办：乐山市沙湾区人民政府办公室")
    assert extract_text(text, title="2026最新娱乐城注册送彩金 算力券免费领取 百家乐真人线上",
                        region="四川省/乐山市/沙湾区").measures == ()


def test_vouchers_of_places_held_up_as_examples_tie_nothing():
    from monitor.extract import extract_text
    text = ("曲靖市召开数字经济发展推进会\n会议要求，各部门要学习借鉴先进地区发放算力券、模型券的经验，研究提出我市支持举措。")
    assert extract_text(text, region="云南省/曲靖市").measures == ()


def test_the_addressees_a_notice_opens_with_are_not_places_in_general():
    from monitor.extract import extract_text
    text = ("泰州市工业和信息化局关于开展2026年度算力券申报工作的通知\n"
            "各市(区)工信局：为降低企业算力成本，现开展2026年度算力券申报。\n"
            "一、补贴标准：使用国产算力的，按费用的40%补贴；使用非国产算力的，按20%补贴；单个企业最高100万元。"
            "本年度算力券总额3000万元。")
    ms = extract_text(text, region="江苏省/泰州市").measures
    assert [(m.voucher, m.budget_yuan, m.ratio, m.cap_yuan) for m in ms] == [("算力券", 30000000, 0.4, 1000000)]
    # places encouraged in general still tie nothing
    assert extract_text("为推动数字经济发展，鼓励各市(区)积极探索发放算力券。", region="江苏省").measures == ()


# ------------------------------------------------------------------ places followed by a collective of places not named

@pytest.mark.parametrize("text", [
    # several provinces listed, the collective after the last one, a filler between
    "记者梳理发现，仅上半年，宁夏、新疆、西藏就有多个市州出台了算力券、数据券等政策。",
    "河南、湖北等地已有多个城市推出算力券、模型券。",
    "云南省内不少地市已发放算力券。",
    "广西各设区市也有部分城市推出数据券。",
    "四川各市（州）均已出台算力券政策。",
    "贵州省已有4个市州发放算力券。",
])
def test_a_place_followed_by_a_collective_of_places_not_named_ties_nothing(text):
    assert measures(text, region="全国", authority="news") == {}


def test_the_collective_of_a_region_does_not_carry_into_the_next_sentence():
    text = ("今年5月，乌海市工业和信息化局印发《乌海市训力券实施细则》，全年安排训力券资金800万元。"
            "近年来，宁夏各地级市纷纷推出算力券、模型券等政策工具。业内人士表示，训力券的使用有助于降低成本。")
    ms = measures(text, region="内蒙古自治区/乌海市", authority="news")
    assert set(ms) == {("训力券", "内蒙古自治区/乌海市")}


@pytest.mark.parametrize("text", [
    "记者了解到，全区各盟市也在积极谋划算力券、数据券等政策。",
    "据悉，全省各地州正在研究推出算力券。",
    "目前，全市各县区也在积极谋划数据券。",
])
def test_the_collective_of_the_own_region_ties_nothing(text):
    assert measures(text, region="内蒙古自治区/包头市", authority="news") == {}


@pytest.mark.parametrize("text,key", [
    # places named and each issuing: not a collective
    ("成都、重庆纷纷推出算力券。", ("算力券", "重庆市")),
    ("杭州市已有3家企业领取算力券，杭州市算力券单个企业最高50万元。", ("算力券", "浙江省/杭州市")),
    ("宁夏各地积极发展数字经济，银川市发放算力券，单个企业最高50万元。", ("算力券", "宁夏回族自治区/银川市")),
])
def test_named_places_are_still_measures_next_to_collectives(text, key):
    assert key in measures(text, region="全国", authority="news")


def test_the_collective_of_the_whole_region_does_not_bring_back_the_home_region():
    # 全区各盟市 speaks of places not named: the talk after it is not the home region's voucher
    text = ("今年8月，满洲里出台算力券政策，全年安排300万元，单个企业全年最高20万元。\n"
            "记者了解到，全区各盟市也在积极谋划算力券、数据券等政策。\n"
            "不过，记者在采访中也听到一些企业的建议。有企业表示，算力券申领需要准备的材料较多，希望进一步简化。")
    ms = measures(text, region="内蒙古自治区/呼伦贝尔市", authority="news")
    assert set(ms) == {("算力券", "内蒙古自治区/呼伦贝尔市/满洲里市")}


# ------------------------------------------------------------------ a place inside an institution's name

@pytest.mark.parametrize("text", [
    "珲春市科技局介绍，当地企业通过创新券与延边大学、吉林大学等高校开展合作项目30余项。一家企业负责人说，企业用创新券委托高校开展了研究。",
    "珲春市科技局介绍，企业可持创新券到吉林农业大学、长春理工大学开展检测。企业用创新券委托高校开展了研究。",
    "珲春市科技局介绍，吉林银行珲春支行为创新券企业提供贷款，企业用创新券购买服务。",
    "珲春市科技局介绍，吉林日报、延边电视台报道了创新券的发放情况，企业用创新券购买服务。",
])
def test_a_place_inside_an_institutions_name_is_not_that_place_speaking(text):
    ms = measures(text, region="吉林省/延边朝鲜族自治州/珲春市", authority="news")
    assert set(ms) == {("创新券", "吉林省/延边朝鲜族自治州/珲春市")}


def test_a_place_before_its_government_body_still_speaks():
    ms = measures("吉林省科技厅发布创新券管理办法，单个企业最高30万元。", region="全国", authority="news")
    assert set(ms) == {("创新券", "吉林省")}


# ------------------------------------------------------------------ a level word naming the body of the level above

PRESS_CONFERENCE = (
    "南充市人民政府新闻办公室举行新闻发布会\n"
    "王建国：第一，发放模型券。市财政每年安排2000万元发放模型券，按合同金额的30%给予补贴，单个企业每年最高200万元。"
    "第二，发放语料券。每年安排500万元发放语料券，按采购金额的20%给予补贴，单个企业每年最高50万元。\n"
    "赵宇：顺庆区将在市级模型券支持的基础上，对区内企业再按合同金额的10%叠加支持，单个企业每年最高50万元。\n")


@pytest.mark.parametrize("last", [
    "陈志强：市财政每年安排人工智能产业发展专项资金1亿元，用于落实各项支持政策，其中包括模型券、语料券以及落户奖励等。",
    "陈志强：下一步，市经济和信息化局将会同财政部门做好模型券、语料券的兑付工作。",
    "陈志强：由市政府统筹安排模型券、语料券资金，确保政策兑现。",
])
def test_a_city_body_named_by_its_level_word_in_a_districts_talk_is_the_city(last):
    ms = measures(PRESS_CONFERENCE + last, region="四川省/南充市")
    assert set(ms) == {("模型券", "四川省/南充市"), ("语料券", "四川省/南充市"), ("模型券", "四川省/南充市/顺庆区")}
    assert terms(ms[("模型券", "四川省/南充市/顺庆区")]) == (None, 0.1, 500_000)
    assert terms(ms[("模型券", "四川省/南充市")]) == (20_000_000, 0.3, 2_000_000)


def test_a_district_body_named_by_its_level_word_stays_the_district():
    text = ("顺庆区人民政府关于印发模型券实施细则的通知\n"
            "区财政每年安排模型券资金300万元，按合同金额的10%给予补贴。")
    ms = measures(text, region="四川省/南充市/顺庆区")
    assert terms(ms[("模型券", "四川省/南充市/顺庆区")]) == (3_000_000, 0.1, None)


def test_a_fund_that_includes_the_vouchers_among_other_items_is_no_voucher_budget():
    text = "市财政每年安排人工智能产业发展专项资金1亿元，用于落实各项支持政策，其中包括模型券、语料券以及落户奖励等。"
    ms = measures(text, region="四川省/南充市")
    assert {k: m.budget_yuan for k, m in ms.items()} == {("模型券", "四川省/南充市"): None, ("语料券", "四川省/南充市"): None}
    # the voucher's own pool, with a clause on, stays
    ms = measures("市财政每年安排模型券资金2000万元，用于支持企业采购大模型服务。", region="四川省/南充市")
    assert ms[("模型券", "四川省/南充市")].budget_yuan == 20_000_000


# ------------------------------------------------------------------ a named place backed in issuing its own voucher

CITY_FIRST = "一、市级发放算力券，每年3000万元，按费用的30%补贴，单个企业最高150万元。\n"


@pytest.mark.parametrize("second", [
    "二、支持杭州高新区（滨江）在市级算力券基础上发放区级模型券，按费用的20%补贴，单个企业最高50万元。",
    "二、鼓励滨江区在市级算力券的基础上发放模型券，按费用的20%补贴，单个企业最高50万元。",
    "二、滨江区在市级算力券基础上发放区级模型券，按费用的20%补贴，单个企业最高50万元。",
])
def test_a_named_place_backed_in_issuing_its_voucher_on_the_basis_of_the_citys(second):
    ms = measures(CITY_FIRST + second, region="浙江省/杭州市")
    assert set(ms) == {("算力券", "浙江省/杭州市"), ("模型券", "浙江省/杭州市/滨江区")}
    assert terms(ms[("模型券", "浙江省/杭州市/滨江区")]) == (None, 0.2, 500_000)
    assert terms(ms[("算力券", "浙江省/杭州市")]) == (30_000_000, 0.3, 1_500_000)


def test_a_top_up_on_the_basis_of_the_same_voucher_is_the_districts():
    text = CITY_FIRST + "二、滨江区将在市级算力券支持的基础上，对区内企业再按费用的10%叠加支持，单个企业最高50万元。"
    ms = measures(text, region="浙江省/杭州市")
    assert terms(ms[("算力券", "浙江省/杭州市/滨江区")]) == (None, 0.1, 500_000)


def test_places_not_named_backed_in_issuing_tie_nothing():
    assert measures("支持有条件的地方发放算力券，鼓励各区县发放模型券。", region="浙江省/杭州市") == {}


def test_a_grant_for_building_something_in_the_next_article_is_not_a_voucher_cap_when_it_has_none():
    text = ("第一条　发放模型券，对企业采购模型服务的，按费用的40%补贴，每家企业每年不超过200万元。\n"
            "第二条　发放语料券，支持企业采购训练语料，具体补贴标准另行制定。\n"
            "第三条　对高质量数据集建设给予最高100万元奖励。")
    ms = measures(text, region="广东省/中山市", title="中山市模型券和语料券管理办法（征求意见稿）")
    assert terms(ms[("语料券", "广东省/中山市")]) == (None, None, None)
    assert terms(ms[("模型券", "广东省/中山市")]) == (None, 0.4, 2_000_000)


def test_a_base_right_after_the_voucher_in_its_sentence_is_what_the_voucher_pays_on():
    text = "区政府决定发放智能券1000万元，企业智能化改造项目按投资额的15%给予支持，单个企业最高100万元。"
    ms = measures(text, region="湖南省/株洲市/天元区")
    assert terms(ms[("智能券", "湖南省/株洲市/天元区")]) == (10_000_000, 0.15, 1_000_000)
    # with a recipient of its own (对…), it is another subsidy
    text = "区政府决定发放智能券1000万元，对新建智算中心按设备投资额的15%给予补助，单个项目最高100万元。"
    ms = measures(text, region="湖南省/株洲市/天元区")
    assert terms(ms[("智能券", "湖南省/株洲市/天元区")]) == (10_000_000, None, None)


@pytest.mark.parametrize("body,expected", [
    # the city's support cited, then the district's own body acting
    ("在市财政支持的基础上，区财政每年安排算力券资金500万元，按30%补贴。", {"四川省/南充市/顺庆区": (5_000_000, 0.3, None)}),
    # the city's pool, then the district's: each its own
    ("市财政每年安排算力券资金1000万元。区财政每年安排算力券资金500万元，按30%补贴。",
     {"四川省/南充市/顺庆区": (5_000_000, 0.3, None), "四川省/南充市": (10_000_000, None, None)}),
    # the city bearing a share is no city acting: the district's articles go on
    ("第一条 区财政每年安排算力券资金500万元，按30%补贴。\n第二条 算力券资金由市财政承担30%。\n第三条 单个企业最高50万元。",
     {"四川省/南充市/顺庆区": (5_000_000, 0.3, 500_000)}),
])
def test_level_words_in_a_districts_own_document(body, expected):
    ms = measures("顺庆区算力券实施细则\n" + body, region="四川省/南充市/顺庆区")
    assert {r: terms(m) for (v, r), m in ms.items()} == expected


# ------------------------------------------------------------------ speakers of a transcript; funds

SPEAKER_TRANSCRIPT = (
    "市政府新闻办举行新闻发布会\n"
    "主持人：\n"
    "今天我们邀请到市经信局副局长张伟先生，鼓楼区人民政府副区长李强先生介绍有关情况。\n"
    "市经信局副局长 张伟：\n"
    "市财政每年安排算力券5000万元，按合同金额的30%给予支持，单个企业最高300万元。\n"
    "晚报记者：\n"
    "请问李强先生，鼓楼区有什么配套举措？\n"
    "鼓楼区人民政府副区长 李强：\n"
    "鼓楼区已出台配套政策，对使用市级算力券的企业，由鼓楼区再按合同金额的10%叠加发放算力券，单个企业叠加部分最高50万元。\n"
    "电视台记者：\n"
    "请问张伟先生，算力券什么时候开始申领？\n"
    "市经信局副局长 张伟：\n"
    "算力券申领将在8月份启动，具体时间另行通知。\n"
)


def test_a_speaker_line_binds_what_the_speaker_says_to_the_speakers_body():
    ms = measures(SPEAKER_TRANSCRIPT, region="福建省/福州市")
    assert {k: terms(m) for k, m in ms.items()} == {
        ("算力券", "福建省/福州市"): (50_000_000, 0.3, 3_000_000),
        ("算力券", "福建省/福州市/鼓楼区"): (None, 0.1, 500_000),
    }


def test_a_speaker_line_of_a_province_body_speaks_for_the_province():
    text = ("省政府新闻办举行新闻发布会\n"
            "主持人：\n"
            "近日，省数据资源管理局印发了《安徽省算力券实施办法》。今天我们邀请到合肥市人民政府副秘书长周涛先生介绍有关情况。\n"
            "省数据资源管理局副局长 刘建华：\n"
            "省级财政每年安排算力券3亿元，按照不超过合同金额的30%给予支持，单个企业年度最高1000万元。\n"
            "合肥市人民政府副秘书长 周涛：\n"
            "合肥市将建设运营好先进计算中心，为企业提供普惠的算力服务。\n"
            "晚报记者：\n"
            "请问刘建华先生，算力券何时开始申领？\n"
            "省数据资源管理局副局长 刘建华：\n"
            "首批算力券申领将在8月份启动。\n")
    ms = measures(text, region="安徽省")
    assert {k: terms(m) for k, m in ms.items()} == {("算力券", "安徽省"): (300_000_000, 0.3, 10_000_000)}


@pytest.mark.parametrize("sentence", [
    "此外，省级还设立了总规模200亿元的人工智能子基金，与算力券、数据券形成“券+基金”的组合支持。",
    "同时，200亿元的新兴产业引导基金将与算力券、数据券协同发力。",
    "另外，人工智能母基金总规模达50亿元，与算力券、数据券形成组合。",
])
def test_a_fund_is_not_the_pool_of_the_vouchers_named_with_it(sentence):
    text = "省级财政每年安排算力券、数据券资金，按30%给予支持。" + sentence
    ms = measures(text, region="安徽省")
    assert all(m.budget_yuan is None for m in ms.values())
    # a voucher's pool drawn from a fund is still its pool
    ms = measures("从产业引导基金中每年安排算力券资金1亿元，按30%给予支持。", region="安徽省")
    assert ms[("算力券", "安徽省")].budget_yuan == 100_000_000


# ------------------------------------------------------------------ a place at the head of a park's own name

@pytest.mark.parametrize("title,region", [
    ("海南生态软件园管理局关于印发《海南生态软件园算力券实施细则》的通知", "海南省/澄迈县"),
    ("鹤壁京东云产业园管委会关于发放算力券的通知", "河南省/鹤壁市/淇滨区"),
    ("徐州淮海软件园管理办公室关于印发算力券实施细则的通知", "江苏省/徐州市/泉山区"),
])
def test_a_place_at_the_head_of_a_parks_own_name_is_not_that_place_speaking(title, region):
    text = title + "\n第一条 园区每年安排算力券800万元，按照实际结算金额的35%给予支持，单个企业每年最高80万元。"
    ms = measures(text, region=region)
    assert {k: terms(m) for k, m in ms.items()} == {("算力券", region): (8_000_000, 0.35, 800_000)}


def test_a_place_before_a_generic_zone_word_still_speaks():
    # (a zone the gazetteer does not know, named by its city and a generic kind: the city's)
    ms = measures("鹤壁高新区发放算力券，单个企业最高50万元。", region="全国", authority="news")
    assert set(ms) == {("算力券", "河南省/鹤壁市")}
    ms = measures("鹤壁市发放算力券，单个企业最高50万元，支持鹤壁京东云产业园建设。", region="全国", authority="news")
    assert set(ms) == {("算力券", "河南省/鹤壁市")}


# ------------------------------------------------------------------ a voucher kind named in general

GLOSSARY_AFTER_A_CITY = (
    "株洲：智能券推动装备制造升级\n"
    "株洲市工业和信息化局发布智能券申领通知，今年智能券发放总额1500万元，单个企业年度最高80万元。\n"
    "【链接】常见“补贴券”有哪些？\n"
    "算力券：用于购买智能算力服务，主要支持大模型训练和推理，是目前各地发放最多的一类。\n"
    "“科技创新券”：是指用于购买研发设计、检验检测等科技服务的凭证，是发放时间最早的一类。\n")


def test_a_glossary_of_voucher_kinds_is_no_measure_of_the_place_before_it():
    ms = measures(GLOSSARY_AFTER_A_CITY, region="湖南省", authority="news")
    assert set(ms) == {("智能券", "湖南省/株洲市")}


def test_a_definition_with_terms_or_in_a_regions_own_document_still_ties():
    ms = measures("算力券：用于购买智能算力服务，按合同金额的30%给予支持，单个企业最高100万元。", region="湖南省/株洲市")
    assert terms(ms[("算力券", "湖南省/株洲市")]) == (None, 0.3, 1_000_000)


@pytest.mark.parametrize("sentence", [
    "业内人士认为，随着算力券等普惠政策落地，河南人工智能产业有望迎来新一轮加速发展。",
    "专家表示，算力券、数据券等政策工具的推广，将进一步降低企业成本。",
])
def test_a_voucher_kind_named_among_policies_in_general_is_no_measure(sentence):
    text = ("郑州市算力券总规模为1.5亿元，单家企业最高可获得500万元支持。\n"
            "记者了解到，全省智能算力规模已突破1.2万P。" + sentence)
    ms = measures(text, region="河南省", authority="news")
    assert set(ms) == {("算力券", "河南省/郑州市")}


def test_a_place_issuing_a_voucher_among_policies_still_ties():
    ms = measures("洛阳市出台算力券等一揽子支持政策，助力企业降本。", region="河南省", authority="news")
    assert set(ms) == {("算力券", "河南省/洛阳市")}


# ------------------------------------------------------------------ a price in an example is no cap

@pytest.mark.parametrize("example", [
    "株洲一家企业负责人算了一笔账：“一条产线的智能化改造服务报价200万元，用券后企业只需支付150万元。”",
    "一家企业负责人介绍，公司购买的算力服务合同金额300万元，用券抵扣了90万元。",
    "据测算，一家企业的改造费用约为250万元。",
])
def test_a_price_quoted_in_an_example_is_no_cap(example):
    text = "株洲市今年智能券发放总额1500万元，凭智能券可按七五折结算，单个企业年度最高80万元。" + example
    ms = measures(text, region="湖南省", authority="news")
    assert terms(ms[("智能券", "湖南省/株洲市")]) == (15_000_000, 0.25, 800_000)


def test_a_cap_on_a_cost_is_still_a_cap():
    ms = measures("株洲市发放智能券，按改造费用的25%给予支持，每家企业支持费用最高100万元。", region="湖南省", authority="news")
    assert ms[("智能券", "湖南省/株洲市")].cap_yuan == 1_000_000


@pytest.mark.parametrize("text", [
    "襄阳市正式出台训力券政策，今年拿出3000万元，支持本地企业开展大模型训练和行业模型精调。",
    "襄阳市出台训力券政策，拿出3000万元支持企业开展模型训练。",
    "襄阳市发放训力券，市财政划拨3000万元，支持企业开展模型训练。",
])
def test_what_a_government_takes_out_for_the_voucher_is_its_pool(text):
    ms = measures(text, region="湖北省", authority="news")
    assert terms(ms[("训力券", "湖北省/襄阳市")]) == (30_000_000, None, None)


def test_a_speaker_named_again_alone_or_speaking_on_the_same_line_keeps_the_body():
    text = ("市政府新闻办举行新闻发布会\n"
            "主持人：今天我们邀请到鼓楼区人民政府副区长李强先生、市经信局副局长张伟先生介绍有关情况。\n"
            "市经信局副局长 张伟：市财政每年安排算力券5000万元，按合同金额的30%给予支持，单个企业最高300万元。\n"
            "鼓楼区人民政府副区长 李强：\n"
            "鼓楼区将做好政策宣传，为企业提供普惠的算力服务。\n"
            "晚报记者：请问李强先生，鼓楼区企业何时可以申领算力券？\n"
            "张伟：\n"
            "算力券申领将在8月份启动，具体时间另行通知。\n")
    ms = measures(text, region="福建省/福州市")
    assert {k: terms(m) for k, m in ms.items()} == {("算力券", "福建省/福州市"): (50_000_000, 0.3, 3_000_000)}


def test_a_park_the_text_places_nowhere_deeper_is_in_the_place_heading_its_name():
    ms = measures("成都天府软件园发放算力券，单个企业最高50万元。", region="全国", authority="news")
    assert set(ms) == {("算力券", "四川省/成都市")}


@pytest.mark.parametrize("definition", [
    "所谓算力券，是指政府向企业发放的用于购买算力服务的电子凭证。",
    "什么是算力券？算力券是政府向企业发放的一种用于购买算力服务的电子凭证。",
    "名词解释：算力券，即政府发放的算力消费凭证。",
])
def test_a_definition_of_a_voucher_kind_in_other_words_is_no_measure(definition):
    text = "株洲市今年智能券发放总额1500万元，单个企业年度最高80万元。\n" + definition
    ms = measures(text, region="湖南省", authority="news")
    assert set(ms) == {("智能券", "湖南省/株洲市")}


def test_a_definition_undoes_no_tie_of_its_paragraph():
    text = "株洲市近日推出算力券。所谓算力券，是指政府向企业发放的用于购买算力服务的电子凭证。"
    assert set(measures(text, region="湖南省", authority="news")) == {("算力券", "湖南省/株洲市")}
    text = "株洲市近日推出算力券，算力券即日起开始申领。"
    assert set(measures(text, region="湖南省", authority="news")) == {("算力券", "湖南省/株洲市")}


@pytest.mark.parametrize("target", [
    "到2027年，力争人工智能核心产业规模突破500亿元，集聚企业300家以上。",
    "目标到2028年，全区数字经济核心产业营收达到800亿元。",
    "力争全市人工智能产业规模超过1000亿元。",
    "预计到2027年，算力产业总规模将达到300亿元以上。",
    "力争到2028年全区人工智能产业规模达到500亿元。",
    "到2027年，数字经济增加值超过2000亿元。",
])
def test_a_target_of_the_economy_is_never_a_pool(target):
    text = ("朝阳区算力券管理办法\n第一条　算力券年度总额3000万元，单个企业每年最高20万元。\n" + target + "\n")
    ms = measures(text, region="北京市/朝阳区", title="朝阳区算力券管理办法")
    assert terms(ms[("算力券", "北京市/朝阳区")]) == (30_000_000, None, 200_000)


def test_a_target_is_a_pool_only_where_it_is_the_vouchers_own():
    ms = measures("力争今年全市算力券发放规模达到1亿元，单个企业最高100万元。", region="福建省/福州市")
    assert terms(ms[("算力券", "福建省/福州市")]) == (100_000_000, None, 1_000_000)


@pytest.mark.parametrize("appendix", [
    "附：朝阳区支持中小企业发展的其他措施",
    "附件2",
    "附件：朝阳区人工智能产业其他扶持政策",
    "起草说明：",
    "附：起草说明",
])
def test_an_appendix_not_naming_the_voucher_ends_its_terms(appendix):
    text = ("朝阳区中小企业服务券管理办法\n"
            "第一条　中小企业服务券年度总额3000万元。\n"
            "第二条　服务券按照服务合同金额的50%予以支持，单个企业每年最高20万元。\n"
            "第三条　本办法自2026年3月1日起施行。\n"
            + appendix + "\n"
            "支持高校与企业共建联合实验室，按照建设投入的30%给予最高200万元补助。\n"
            "对在区内新设立的区域总部，按照实缴注册资本的1%给予奖励，最高2000万元。\n"
            "鼓励企业参加国内外重要展会，按照展位费的50%给予补贴，单个企业每年最高30万元。\n")
    ms = measures(text, region="北京市/朝阳区", title="朝阳区中小企业服务券管理办法")
    assert terms(ms[("服务券", "北京市/朝阳区")]) == (30_000_000, 0.5, 200_000)


def test_an_appendix_naming_the_voucher_keeps_its_terms():
    text = ("关于开展2026年度算力券申报工作的通知\n"
            "各有关单位：现开展算力券申报工作，详见附件。\n"
            "附件：2026年度算力券申报指南\n"
            "一、支持标准\n"
            "按照合同金额的30%给予支持，单个企业最高100万元。\n")
    ms = measures(text, region="福建省/福州市", title="关于开展2026年度算力券申报工作的通知")
    assert terms(ms[("算力券", "福建省/福州市")]) == (None, 0.3, 1_000_000)


@pytest.mark.parametrize("other", [
    "对在区内新设立的区域总部，按照实缴注册资本的1%给予奖励，最高2000万元。",
    "鼓励企业参加国内外重要展会，按照展位费的50%给予补贴，单个企业每年最高30万元。",
    "支持高校与企业共建联合实验室，按照建设投入的30%给予最高200万元补助。",
    "对开放应用场景并形成标杆案例的单位，经评审后每个场景给予最高50万元奖励。",
    "对投保首台（套）重大技术装备保险的，按照保费的80%给予补贴，最高100万元。",
    "企业参加国内外重要展会的，按照展位费的50%给予补贴，单个企业每年最高30万元。",
    "（五）对新设立的区域总部，按照实缴注册资本的1%给予奖励，最高2000万元。",
])
def test_a_paragraph_opening_a_subsidy_for_another_object_ends_the_vouchers_terms(other):
    text = ("朝阳区算力券管理办法\n"
            "算力券年度总额3000万元，按照合同金额的50%予以支持，单个企业每年最高20万元。\n" + other + "\n")
    ms = measures(text, region="北京市/朝阳区", title="朝阳区算力券管理办法")
    assert terms(ms[("算力券", "北京市/朝阳区")]) == (30_000_000, 0.5, 200_000)


def test_a_paragraph_of_what_an_innovation_voucher_buys_keeps_its_terms():
    text = ("晋江市科技创新券管理办法\n"
            "创新券年度总额2000万元，企业购买检验检测服务的，按照费用的30%给予支持，单个企业每年最高20万元。\n"
            "对企业委托高校开展研发设计的，按照合同金额的50%给予支持，单个企业每年最高50万元。\n")
    ms = measures(text, region="福建省/泉州市/晋江市", title="晋江市科技创新券管理办法")
    assert terms(ms[("创新券", "福建省/泉州市/晋江市")]) == (20_000_000, 0.5, 500_000)


def test_a_paragraph_of_the_vouchers_own_use_keeps_its_terms():
    text = ("朝阳区算力券管理办法\n"
            "算力券年度总额3000万元。\n"
            "对企业采购非国产算力服务的，按照合同金额的20%给予支持，单个企业最高50万元。\n"
            "对企业租用国产智能算力的，按照合同金额的40%给予支持，单个企业最高200万元。\n")
    ms = measures(text, region="北京市/朝阳区", title="朝阳区算力券管理办法")
    assert terms(ms[("算力券", "北京市/朝阳区")]) == (30_000_000, 0.4, 2_000_000)


@pytest.mark.parametrize("own", [
    "对符合条件的企业，按照合同金额的30%给予支持，单个企业最高100万元。",
    "对经审核通过的企业，按照实际发生费用的30%给予支持，最高100万元。",
])
def test_a_paragraph_bringing_the_terms_the_voucher_lacks_is_its_own(own):
    text = "朝阳区算力券管理办法\n算力券年度总额3000万元。\n" + own + "\n"
    ms = measures(text, region="北京市/朝阳区", title="朝阳区算力券管理办法")
    assert terms(ms[("算力券", "北京市/朝阳区")]) == (30_000_000, 0.3, 1_000_000)


def test_a_roundup_sections_deadline_said_by_the_same_places_body_is_its_vouchers():
    text = ("福建多地发券惠企\n"
            "【晋江：科技创新券撬动民企研发】\n"
            "今年晋江市科技局将创新券总额提高到2000万元，单个企业每年最高50万元。\n"
            "晋江市科技局负责人介绍，今年申报截止时间为10月31日，目前已受理申请300余件。\n"
            "【厦门思明：模型券】\n"
            "厦门市思明区今年发布模型券政策，单个企业每年最高100万元。\n"
            "莆田市工信局负责人说，今年技改补助申报截止时间为11月30日。\n")
    facts = extract_text(text, region="福建省", authority="news", published="2026-09-08")
    got = {(m.voucher, m.region): m.deadline for m in facts.measures}
    assert got == {("创新券", "福建省/泉州市/晋江市"): "2026-10-31", ("模型券", "福建省/厦门市/思明区"): None}


def test_the_same_places_body_speaking_again_brings_no_terms_of_another_subsidy():
    text = ("晋江市今年发放创新券2000万元，单个企业每年最高50万元。\n"
            "晋江市科技局同时对新认定的高新技术企业给予最高100万元奖励。\n")
    ms = measures(text, region="福建省", authority="news")
    assert terms(ms[("创新券", "福建省/泉州市/晋江市")]) == (20_000_000, None, 500_000)


def test_a_paragraph_of_a_tier_of_recipients_by_size_keeps_the_vouchers_terms():
    text = ("朝阳区算力券管理办法\n"
            "算力券年度总额3000万元，按照合同金额的30%予以支持，单个企业每年最高100万元。\n"
            "对年营业收入超过1亿元的企业，按照合同金额的30%予以支持，每年最高200万元。\n")
    ms = measures(text, region="北京市/朝阳区", title="朝阳区算力券管理办法")
    assert terms(ms[("算力券", "北京市/朝阳区")]) == (30_000_000, 0.3, 2_000_000)


# ------------------------------------------------------------------ the face value one recipient can take in all

@pytest.mark.parametrize("sentence, cap", [
    ("每家企业本批次最多可领取面值10万元的云服务券。", 100000),
    ("单个企业累计申领面值不超过20万元的算力券。", 200000),
    ("每家企业可领取的算力券总面值最高50万元。", 500000),
])
def test_the_most_face_value_one_recipient_can_take_is_the_cap(sentence, cap):
    text = f"某市关于发放算力券的通知\n某市工业和信息化局\n为支持企业用算力，本市发放算力券和云服务券。{sentence}"
    m = measures(text, region="浙江省/杭州市")
    got = [x.cap_yuan for x in m.values() if x.cap_yuan]
    assert got == [cap] or set(got) == {cap}


def test_a_face_value_per_sheet_with_a_number_of_sheets_is_not_the_cap_itself():
    text = ("某市关于发放算力券的通知\n某市工业和信息化局\n本市发放算力券。"
            "每家企业最多可领取面值1万元的算力券5张。")
    m = measures(text, region="浙江省/杭州市")
    assert [x.cap_yuan for x in m.values()] in ([50000], [None])     # never the face of one sheet


# ------------------------------------------------------------------ a comparison with the rest of a region is no reference to it

@pytest.mark.parametrize("phrase", [
    "在全省率先推出“数据要素券”", "推出全省首个“数据要素券”", "推出的“数据要素券”走在全省前列，",
    "在我省率先推出“数据要素券”", "在全市范围内率先推出“数据要素券”",
])
def test_a_place_first_in_its_province_is_the_issuer_not_the_province(phrase):
    text = ("湖北多地推出数据要素券\n某报\n宜昌：数据要素券首次亮相\n"
            f"宜昌市数据局{phrase}，主要用于支持企业采购数据产品。按照方案，数据要素券年度总额1000万元，"
            "单家企业年度申领不超过50万元。")
    m = measures(text, region="湖北省", authority="news")
    assert set(m) == {("数据券", "湖北省/宜昌市")}
    assert terms(m[("数据券", "湖北省/宜昌市")]) == (10000000, None, 500000)


def test_the_province_itself_first_in_the_country_is_still_the_province():
    text = ("湖北省关于发放数据券的通知\n湖北省数据局\n我省率先推出数据券，每年安排数据券资金5000万元，"
            "单家企业不超过100万元。")
    m = measures(text, region="湖北省")
    assert set(m) == {("数据券", "湖北省")}


# ------------------------------------------------------------------ cities not named, by a kind of place: in general

GENERAL_CITIES = ["大灣區內地城市近年相繼推出算力券、模型券等措施", "周边城市近年相继推出算力券、模型券等措施",
                  "长三角城市近年陆续推出算力券、模型券", "沿海城市纷纷推出模型券", "其他省份也推出了模型券"]


@pytest.mark.parametrize("sentence", GENERAL_CITIES)
def test_vouchers_of_cities_named_only_by_their_kind_are_general(sentence):
    text = ("东莞每年发2亿元算力券\n某报\n东莞市工业和信息化局日前发布《东莞市算力券实施细则》，"
            "明年起每年发放总额2亿元的算力券。\n东莞市工业和信息化局表示，算力券将优先支持传统产业。\n"
            f"有业界人士指出，{sentence}，企业可参与申请。")
    m = measures(text, region="广东省", authority="news")
    assert set(m) == {("算力券", "广东省/东莞市")}


def test_a_named_city_with_a_kind_word_still_issues():
    text = "某报\n有人士指出，沿海城市中，宁波市近年推出模型券，每年安排5000万元。"
    m = measures(text, region="浙江省", authority="news")
    assert ("模型券", "浙江省/宁波市") in m


@pytest.mark.parametrize("where", ["庆阳至东部城市直连网络", "面向周边城市的算力网络"])
def test_cities_a_network_reaches_are_no_general_subject(where):
    text = ("某市关于印发若干措施的通知\n庆阳市人民政府\n第二条 发放运力券。"
            f"对租用{where}的企业，按网络租用费用的30%发放运力券，单个企业最高200万元。")
    m = measures(text, region="甘肃省/庆阳市")
    assert terms(m[("运力券", "甘肃省/庆阳市")]) == (None, 0.3, 2000000)


def test_a_province_level_voucher_named_in_a_city_document_does_not_move_the_place_in_force():
    # 申报省级模型券: the province's voucher; the city's own voucher named next is still the city's
    text = ("宜昌市经济和信息化局关于支持人工智能产业发展的通知\n"
            "鼓励企业申报省级模型券。对购买算力服务的企业发放算力券，按合同金额的30%给予补贴，单个企业最高100万元。")
    got = {(m.voucher, m.region): (m.ratio, m.cap_yuan) for m in extract_text(text, region="湖北省/宜昌市").measures}
    assert got == {("模型券", "湖北省"): (None, None), ("算力券", "湖北省/宜昌市"): (0.3, 1_000_000)}


@pytest.mark.parametrize("sentence, region", [
    ("江西省会南昌市日前公布算力券细则，今年预算1亿元，按费用三成给予补贴，单一企业最多100万元。", "江西省/南昌市"),
    ("广西首府南宁市近日推出算力券，今年预算1亿元，按费用三成给予补贴，单一企业最多100万元。", "广西壮族自治区/南宁市"),
    ("根据甘肃官方媒体报道，省会兰州市今年安排1亿元发放算力券，按费用三成给予补贴，单一企业最多100万元。", "甘肃省/兰州市"),
    ("南昌市推出数据券。同省的上饶市则推出算力券，按费用三成给予补贴，单一企业最多100万元。", "江西省/上饶市"),
])
def test_a_city_named_with_the_word_saying_which_city_it_is_is_the_subject(sentence, region):
    # 江西省会南昌市 / 省会兰州市 / 同省的上饶市: the city issues; the province only says which city it is
    got = {(m.voucher, m.region): terms(m) for m in extract_text("内地多城派发补贴券\n" + sentence, region="全国",
                                                                  authority="news").measures}
    assert got[("算力券", region)][1:] == (0.3, 1_000_000)
    assert not any(r in ("江西省", "广西壮族自治区", "甘肃省") for _, r in got)


def test_an_outlet_in_brackets_is_no_place_label():
    # 【香港01】 opens a Hong Kong outlet's article: 香港 is the outlet's name, not the place of the voucher
    text = "内地多城派发算力券\n【香港01】内地各地争相以补贴扶持人工智能产业。南昌市日前公布算力券细则，今年预算1亿元，按费用三成给予补贴。"
    got = {(m.voucher, m.region) for m in extract_text(text, region="全国", authority="news").measures}
    assert got == {("算力券", "江西省/南昌市")}


def test_a_ceiling_on_every_subsidy_a_project_takes_is_not_the_voucher_ratio():
    text = ("安阳市若干措施新闻发布会\n市级设立数据券，每年安排500万元，按实际费用的30%给予补贴，单个企业最高50万元。"
            "但同一笔费用不能重复享受，同一项目享受市级各类补贴的，累计不超过项目实际投入的50%。")
    m = measures(text, region="河南省/安阳市")[("数据券", "河南省/安阳市")]
    assert terms(m) == (5_000_000, 0.3, 500_000)


def test_the_total_a_list_of_recipients_is_paid_is_no_term_but_a_batch_pool_is():
    notice = ("济南市工业和信息化局关于第一批算力券拟兑付企业名单的公示\n现将第一批算力券拟兑付企业名单予以公示。\n"
              "合计：12家企业，拟兑付金额848.9万元。")
    assert terms(measures(notice, region="山东省/济南市")[("算力券", "山东省/济南市")]) == (None, None, None)
    batch = "宜昌市关于第三批创新券兑现的通知\n第三批创新券兑现资金共计240万元。对通过审核的企业，本批次给予创新券兑现12万元。"
    assert terms(measures(batch, region="湖北省/宜昌市")[("创新券", "湖北省/宜昌市")]) == (2_400_000, None, 120_000)


def test_a_source_region_the_gazetteer_does_not_hold_is_the_place_its_own_name_says():
    # a source configured as the zone itself: the zone named in its own notice is that source's region, not the
    # district the gazetteer puts it under (no second measure for the same zone)
    text = ("合肥高新技术产业开发区经贸局关于开展云服务券申领工作的通知\n区内各有关企业：\n"
            "合肥高新技术产业开发区云服务券总额度0.3亿元，按实际支付费用的50%给予补贴，单个企业最高30万元。")
    got = measures(text, region="安徽省/合肥市/合肥高新技术产业开发区")
    assert list(got) == [("云服务券", "安徽省/合肥市/合肥高新技术产业开发区")]


def test_a_place_said_to_belong_to_the_same_city_opens_its_clause():
    text = ("深圳两区发券\n深圳市南山区发放模型券，按费用的40%给予补贴，单个企业最高300万元。"
            "同属深圳的宝安区则推出语料券，按采购金额的30%给予补贴，单个企业最高100万元。")
    got = {(m.voucher, m.region): terms(m) for m in extract_text(text, region="全国", authority="news").measures}
    assert got == {("模型券", "广东省/深圳市/南山区"): (None, 0.4, 3_000_000),
                   ("语料券", "广东省/深圳市/宝安区"): (None, 0.3, 1_000_000)}


def test_caps_stated_respectively_per_company_win_over_caps_per_project():
    # the most one recipient can get: each company's yearly cap, not the cap of one of its projects
    text = ("天河区人工智能三券实施细则\n第三条 算力券、模型券、语料券分别按合同金额的30%、20%、10%给予补贴，"
            "单个企业每年最高分别为200万元、100万元、50万元。\n第四条 单个项目的支持金额，算力券最高100万元、"
            "模型券最高50万元、语料券最高20万元；单个企业年度支持金额不超过前条规定的上限。")
    got = {m.voucher: m.cap_yuan for m in extract_text(text, region="广东省/广州市/天河区").measures}
    assert got == {"算力券": 2_000_000, "模型券": 1_000_000, "语料券": 500_000}


def test_a_citys_voucher_stated_after_a_citation_and_the_districts_top_up():
    # 根据深圳市有关政策，深圳市训力券按…: the citation ends at its comma; the city's voucher and its terms follow.
    # 南山区在此基础上，…再按10%给予叠加支持: the district opens the sentence that tops it up
    text = ("南山区训力券叠加支持实施细则\n根据深圳市有关政策，深圳市训力券按合同金额的50%给予支持，单个企业每年最高1000万元。"
            "南山区在此基础上，对已获得市级训力券支持的区内企业，再按合同金额的10%给予叠加支持，单个企业每年最高200万元，"
            "区级叠加资金每年安排5000万元。")
    got = {(m.voucher, m.region): terms(m) for m in extract_text(text, region="广东省/深圳市/南山区").measures}
    assert got == {("训力券", "广东省/深圳市"): (None, 0.5, 10_000_000),
                   ("训力券", "广东省/深圳市/南山区"): (50_000_000, 0.1, 2_000_000)}


@pytest.mark.parametrize("tail, caps", [
    ("，单个企业分别最高500万元、200万元。", {"算力券": 5_000_000, "模型券": 2_000_000}),
    ("，单个企业最高500万元。", {"算力券": None, "模型券": 5_000_000}),     # (no list said 分别: the last one's)
])
def test_values_said_respectively_after_vouchers_named_each_with_its_terms(tail, caps):
    text = ("苏州工业园区发放算力券和模型券\n苏州工业园区算力券按不超过算力服务费用的50%、模型券按不超过模型服务合同金额的30%"
            "给予支持" + tail)
    got = {m.voucher: (m.ratio, m.cap_yuan) for m in extract_text(text, region="江苏省/苏州市/苏州工业园区").measures}
    assert got == {"算力券": (0.5, caps["算力券"]), "模型券": (0.3, caps["模型券"])}


def test_a_place_named_inside_the_one_before_narrows_it_and_does_not_share_its_voucher():
    # 在吉林，长春市…发放模型券: 长春市 issues; 吉林 only says where
    text = "东北多地发放数字券\n在吉林，长春市工业和信息化局发布通知，今年安排2500万元发放模型券，按照合同金额的40%给予补贴。"
    got = {(m.voucher, m.region) for m in extract_text(text, region="辽宁省", authority="news").measures}
    assert got == {("模型券", "吉林省/长春市")}


@pytest.mark.parametrize("heading", ["一、北京市朝阳区·算力券", "三、南京市·算力券", "北京市朝阳区·算力券", "（一）北京市朝阳区•算力券"])
def test_a_place_and_its_voucher_joined_by_a_mark_head_their_terms(heading):
    text = ("收藏！各地算力券政策汇总\n小编整理了各地的最新政策。\n" + heading + "\n按不超过合同金额的50%支持，单个企业最高500万元。")
    got = {(m.voucher, m.region): terms(m) for m in extract_text(text, region="全国", authority="news").measures}
    place = "江苏省/南京市" if "南京" in heading else "北京市/朝阳区"
    assert got == {("算力券", place): (None, 0.5, 5_000_000)}


def test_another_objects_subsidy_ends_the_voucher_once_its_terms_are_stated_anywhere_before():
    # 第二条 states the terms; 第三条 names the voucher again for its procedure (a group without terms); a
    # paragraph or a sentence opening another object's subsidy after that is not the voucher's
    text = ("航空港实验区算力券管理办法\n第二条 实验区每年安排算力券8000万元，企业使用区内智算中心算力服务的，按照服务费用的"
            "不超过35%给予支持，单个企业年度最高400万元。\n第三条 算力券通过实验区算力服务平台线上申领。\n"
            "对企业参加境内外重点展会的，按照展位费的70%给予补贴，每家企业每年最高30万元。")
    got = {m.voucher: terms(m) for m in extract_text(text, region="河南省/郑州市/郑州航空港经济综合实验区").measures}
    assert got == {"算力券": (80_000_000, 0.35, 4_000_000)}
    same_par = text.replace("线上申领。\n对企业", "线上申领，确保服务质量。对企业")
    got = {m.voucher: terms(m) for m in extract_text(same_par, region="河南省/郑州市/郑州航空港经济综合实验区").measures}
    assert got == {"算力券": (80_000_000, 0.35, 4_000_000)}


@pytest.mark.parametrize("word", ["市（州）", "市(州)", "州（市）", "市（地、州）"])
def test_an_encouragement_to_a_provinces_prefectures_in_general_is_no_measure(word):
    text = f"四川省人工智能若干措施（征求意见稿）\n第三十二条 鼓励{word}结合实际发放模型券、语料券，与省级算力券形成政策合力。"
    assert measures(text, region="四川省") == {}


@pytest.mark.parametrize("facility", ["庆阳数据中心集群", "晋江本地算力中心", "本地智算中心"])
def test_a_computing_facility_named_with_a_place_is_no_body_speaking(facility):
    # 对企业租用庆阳数据中心集群算力的: 庆阳 heads a facility's name, not a body (…中心) of the place that speaks, so
    # the voucher's terms go on in the next sentences
    text = (f"庆阳市数据局关于受理算力券申请的通知\n算力券年度总额6000万元，对企业租用{facility}算力的，按照租用费用的20%给予支持；"
            "使用国产算力的，支持比例为30%。单个企业年度最高300万元。")
    assert terms(measures(text, region="甘肃省/庆阳市")[("算力券", "甘肃省/庆阳市")]) == (60_000_000, 0.3, 3_000_000)


def test_a_districts_top_up_of_a_voucher_its_city_names_in_the_condition():
    # 对已获得天津市算力券支持的区内企业，区财政再按10%叠加支持: 天津市 owns the voucher built on (a condition,
    # glued to it), the top-up is the district's own
    text = ("西青区关于对天津市算力券给予叠加支持的实施办法\n二、区级叠加支持\n对已获得天津市算力券支持的区内企业，"
            "区财政再按合同金额的10%叠加支持，单个企业每年最高50万元。区级叠加资金年度总额为800万元，用完即止。")
    got = {(m.voucher, m.region): terms(m) for m in extract_text(text, region="天津市/西青区").measures}
    assert got[("算力券", "天津市/西青区")] == (8_000_000, 0.1, 500_000)


def test_a_citys_top_up_of_the_provinces_voucher_is_the_citys():
    # 无锡市在享受省级算力券的基础上，市级再按10%叠加支持: 省级 names the voucher built on, the top-up is the city's
    text = ("无锡市算力券实施细则\n一、江苏省算力券按合同金额的30%给予支持，单个企业最高300万元。\n"
            "二、无锡市在享受省级算力券的基础上，市级再按合同金额的10%叠加支持，单个企业最高100万元。市级年度算力券总额8000万元。")
    got = {(m.voucher, m.region): terms(m) for m in extract_text(text, region="江苏省/无锡市").measures}
    assert got == {("算力券", "江苏省"): (None, 0.3, 3_000_000), ("算力券", "江苏省/无锡市"): (80_000_000, 0.1, 1_000_000)}
