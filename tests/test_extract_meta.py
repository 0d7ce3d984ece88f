"""General reading rules of the document-level facts (published, issuer, stage) and of the numbers,
shares and deadlines they rest on. Each case is a minimal text written for a rule, not a corpus copy."""
from __future__ import annotations

import pytest

from monitor.extract import extract_text
from monitor.extract.dates import find_deadline
from monitor.extract.meta import find_issuer, find_news_outlet, find_published, find_stage
from monitor.extract.numbers import find_amounts, find_shares


def _best_ratio(text: str) -> float:
    return max(s.value for s in find_shares(text))


# ------------------------------------------------------------------ M1 published: the page's date line beats the signature

SIGNED_THEN_SHOWN = (
    "某某市人民政府办公室关于印发某某市支持算力发展若干措施的通知\n"
    "某政办〔2026〕3号\n"
    "各县区人民政府，市政府各部门：\n"
    "现将《某某市支持算力发展若干措施》印发给你们，请认真贯彻执行。\n"
    "某某市人民政府办公室\n"
    "2026年3月2日\n"
    "\n"
    "{label}：{date}\n"
    "\n"
    "某某市支持算力发展若干措施\n"
    "一、每年安排1000万元发放算力券。\n"
)


@pytest.mark.parametrize("label,date,iso", [
    ("发布日期", "2026-03-09", "2026-03-09"),
    ("发布时间", "2026年03月10日", "2026-03-10"),
    ("公开日期", "2026/3/11", "2026-03-11"),
])
def test_labelled_publication_date_after_the_signature_wins(label, date, iso):
    text = SIGNED_THEN_SHOWN.format(label=label, date=date)
    assert find_published(text) == iso


def test_labelled_publication_date_at_the_end_of_a_long_text_wins():
    body = "".join(f"（{i}）对企业使用算力的，按合同金额的30%给予算力券支持。\n" for i in range(80))
    text = ("某某市人民政府办公室关于印发某某行动计划的通知\n某政办发〔2026〕14号\n某某市人民政府办公室\n2026年5月9日\n"
            + body + "\n发布日期：2026年5月12日\n")
    assert len(text) > 2000
    assert find_published(text) == "2026-05-12"


def test_event_and_attachment_dates_after_the_signature_are_not_the_page_date():
    text = (SIGNED_THEN_SHOWN.split("\n\n")[0] + "\n附件：培训安排\n时间：2026年5月20日\n"
            "2026年5月21日\n地点：市民中心\n")
    assert find_published(text) == "2026-03-02"


def test_signature_date_still_used_when_the_page_shows_none():
    text = SIGNED_THEN_SHOWN.split("\n\n")[0] + "\n"
    assert find_published(text) == "2026-03-02"


def test_sign_off_date_after_the_last_sentence_loses_to_the_labelled_date():
    text = ("某某市人民政府办公室关于印发某某若干措施的通知\n某政办〔2026〕15号\n各县区人民政府，市人民政府各部门：\n"
            "《某某若干措施》已经市政府同意，现印发给你们，请认真贯彻落实。\n\n2026年6月2日\n\n"
            "发布日期：2026年06月09日\n\n某某若干措施\n一、发放算力券。\n")
    assert find_published(text) == "2026-06-09"


def test_article_date_line_under_the_title_is_still_read():
    assert find_published("某市发放算力券\n2026年6月2日\n记者获悉，该市发放算力券。\n") == "2026-06-02"


def test_published_meta_beats_the_signature_date():
    text = SIGNED_THEN_SHOWN.split("\n\n")[0] + "\n"
    assert find_published(text, None, {"PubDate": "2026-03-20 10:00"}) == "2026-03-20"


@pytest.mark.parametrize("meta", [
    {"info": {"发布日期": "2026-04-08", "文号": "某工信〔2026〕5号"}},
    {"source_line": "发布时间：2026-04-08 09:00 来源：某某市工业和信息化局 分享到"},
])
def test_page_info_publication_date_beats_the_signature(meta):
    text = "关于发放算力券的通知\n各有关企业：\n现发放算力券，每年1000万元。\n某某市工业和信息化局\n2026年4月1日\n"
    assert find_published(text, None, meta) == "2026-04-08"
    assert find_published(text, None, {"info": {"申报时间": "2026-04-08"}}) == "2026-04-01"


def test_info_table_publication_date_beats_the_signature():
    text = ("某某区关于发放算力券的通知\n索引号 | 123/2026-0001\n发布日期 | 2026-04-08\n"
            "各有关企业：\n现发放算力券。\n某某区科技局\n2026年4月1日\n")
    assert find_published(text) == "2026-04-08"


# ------------------------------------------------------------------ M2 published: news date lines

@pytest.mark.parametrize("line,iso", [
    ("浙江新闻客户端　2026年5月12日 09:15", "2026-05-12"),
    ("2026-03-30 11:20　大众日报客户端", "2026-03-30"),
    ("晋中日报　2026年7月14日", "2026-07-14"),
    ("安徽经济网　2026-05-26 09:12", "2026-05-26"),
    ("河南日报　2026年03月16日　记者 王明", "2026-03-16"),
    ("河南日报　2026年03月16日　记者 王明 通讯员 李华", "2026-03-16"),
    ("（来源：青海日报　2026年10月20日）", "2026-10-20"),
    ("桐乡市经济和信息化局　2026年09月12日 17:05　浙江", "2026-09-12"),
    ("2026-09-18 10:25　来源：某某日报", "2026-09-18"),
])
def test_news_date_line_gives_published(line, iso):
    text = ("某地推出算力券 企业用算力可享七折\n\n" + line + "\n\n"
            "记者近日获悉，该市今年安排2000万元发放算力券，单个企业最高50万元。8月1日起受理申请。\n")
    assert find_published(text) == iso


@pytest.mark.parametrize("line", [
    "申报时间：2026年5月6日—5月25日",
    "活动时间　2026年5月12日 09:15",
    "截止日期　2026年6月30日",
])
def test_window_lines_are_not_the_publication_date(line):
    text = "某地关于组织申报算力券的通知\n各有关企业：\n" + line + "\n请按时申报，逾期不予受理。\n"
    assert find_published(text) is None


# ------------------------------------------------------------------ M3 issuer

def test_county_level_city_organ_does_not_gain_its_parent_city():
    text = "发布日期：2026-05-06　　来源：靖江市工业和信息化局\n一、发放算力券，每年500万元。\n"
    assert find_issuer(text, "关于发放算力券的通知", {}, region="江苏省/泰州市/靖江市") == "靖江市工业和信息化局"
    assert find_issuer("x", "t", {"issuer": "昆山市人民政府"}, region="江苏省/苏州市/昆山市") == "昆山市人民政府"


@pytest.mark.parametrize("short,full,region", [
    ("区经委", "上海市宝山区经济委员会", "上海市/宝山区"),
    ("区工信局", "赣州市章贡区工业和信息化局", "江西省/赣州市/章贡区"),
    ("东丽区政府办", "天津市东丽区人民政府办公室", "天津市/东丽区"),
    ("市工信局", "定西市工业和信息化局", "甘肃省/定西市"),
])
def test_relative_short_issuer_gives_way_to_the_full_name_the_document_writes(short, full, region):
    text = f"各有关单位：\n现发放算力券，每年500万元。\n{full}\n2026年5月6日\n"
    assert find_issuer(text, "关于发放算力券的通知", {"issuer": short}, region=region) == full
    text2 = f"发布日期：2026-05-06　信息来源：{short}\n各有关单位：\n现发放算力券。\n{full}\n2026年5月6日\n"
    assert find_issuer(text2, "关于发放算力券的通知", {}, region=region) == full


def test_full_issuer_not_merged_with_joint_issuers_of_the_title():
    title = "宁波市经济和信息化局 宁波市财政局关于组织申报算力券的通知"
    text = "各有关企业：\n现组织申报算力券。\n宁波市经济和信息化局　宁波市财政局\n2026年5月6日\n"
    assert find_issuer(text, title, {"issuer": "宁波市经济和信息化局"}, region="浙江省/宁波市") == "宁波市经济和信息化局"
    # a body's own office is another body: 办公室 does not stand for 人民政府
    text2 = "各有关单位：\n现发放算力券。\n天津市东丽区人民政府办公室\n2026年5月6日\n"
    assert find_issuer(text2, "通知", {"issuer": "东丽区人民政府"}, region="天津市/东丽区") == "东丽区人民政府"


def test_short_issuer_kept_when_the_document_writes_no_fuller_name():
    assert find_issuer("各有关单位：\n现发放算力券。\n", "通知", {"issuer": "区经委"}, region="上海市/宝山区") == "区经委"


def test_signature_before_the_draft_it_announces_without_an_attachment_label():
    draft = "".join(f"第{i}条　对企业购买算力服务的，按合同金额的30%给予补贴。\n" for i in range(1, 15))
    text = ("现将《某某市算力券管理办法（征求意见稿）》公开征求意见，反馈截止时间：2026年6月30日。\n"
            "某某市数据局\n2026年6月1日\n某某市算力券管理办法（征求意见稿）\n" + draft)
    assert find_issuer(text, "公开征求意见的公告", {}, region="") == "某某市数据局"


def test_signature_between_the_announcement_and_an_attached_draft():
    draft = "".join(f"第{i}条　对企业购买算力服务的，按合同金额的30%给予补贴。\n" for i in range(1, 15))
    text = ("为做好算力券工作，现将《某某市算力券管理办法（征求意见稿）》公开征求意见。\n"
            "反馈截止时间：2026年6月30日。\n"
            "某某市数据局\n2026年6月1日\n"
            "附件：某某市算力券管理办法（征求意见稿）\n" + draft)
    assert find_issuer(text, "公开征求《某某市算力券管理办法（征求意见稿）》意见的公告", {}, region="") == "某某市数据局"


@pytest.mark.parametrize("head,outlet", [
    ("2026年10月12日 08:16　来源：金华日报", "金华日报"),
    ("晋中日报　2026年7月14日", "晋中日报"),
    ("2026-03-30 11:20　大众日报客户端", "大众日报客户端"),
    ("浙江在线讯（记者 王明）5月11日，", "浙江在线"),
    ("本报讯（记者 李静）7月13日，", None),
    ("来源：科技日报　作者：张三", "科技日报"),
    ("2025-03-15 来源：成都发布", "成都发布"),
    ("来源：数据要素社综合整理点击量:583", "数据要素社"),
])
def test_news_outlet_from_plain_text(head, outlet):
    text = "某地发放算力券\n" + head + "\n记者获悉，该市发放算力券。\n"
    assert find_news_outlet(text) == outlet


# ------------------------------------------------------------------ M4 stage

def test_title_split_over_two_lines_reads_as_one_title():
    text = ("台州市椒江区科学技术局\n关于组织申领2026年第二批算力券的通知\n各有关企业：\n"
            "现组织开展第二批算力券申领工作。\n四、申领时间\n2026年10月8日至2026年10月31日。\n")
    assert find_stage(text, "台州市椒江区科学技术局") == "application"
    assert find_stage(text, None) == "application"


def test_issuing_round_with_an_application_window_is_an_application():
    text = ("各有关企业：\n为降低企业用算力成本，现开展第二轮算力券发放工作。\n一、发放额度\n本轮发放算力券500万元。\n"
            "二、申领时间\n即日起至额度发完为止。\n")
    assert find_stage(text, "关于开展第二轮算力券发放工作的通知") == "application"


def test_policy_that_mentions_application_is_still_final():
    text = "第一条 为支持企业，发放算力券。\n第二条 申领时间另行通知。\n"
    assert find_stage(text, "某某市算力券管理办法") == "final"


# ------------------------------------------------------------------ M5 / M8 deadlines

@pytest.mark.parametrize("text,year,iso", [
    ("三、申领时间。2026年12月15日前。", 2026, "2026-12-15"),
    ("申报时间：2026年3月10日起至2026年4月30日止，逾期不予受理。", 2026, "2026-04-30"),
    ("受理时间：3月10日起至4月30日。", 2026, "2026-04-30"),
    ("三、申报截止时间\n2026年7月31日\n四、申报材料", 2026, "2026-07-31"),
    ("三、申报截止时间\n7月31日17:00\n", 2026, "2026-07-31"),
])
def test_deadline_shapes(text, year, iso):
    assert find_deadline(text, year) == iso


def test_lower_bodies_review_date_is_not_the_deadline():
    text = ("企业于2026年12月20日前向所在县区工信部门提交申报材料。各县区于2027年1月10日前将审核意见报送市工信局。")
    assert find_deadline(text, 2026) == "2026-12-20"
    text2 = ("申报截止时间：2026年12月20日。各县（市、区）工信部门于2027年1月10日前汇总报送市工信局。")
    assert find_deadline(text2, 2026) == "2026-12-20"


@pytest.mark.parametrize("text", [
    "请企业于2026年6月30日前提交申报材料，各县区于7月10日前将申报材料汇总报送市工信局。",
    "企业在6月30日前完成网上申报。各县（市、区）工信部门于7月10日前报送推荐名单。",
    "各区县于2026年7月10日前报送申报材料；企业于2026年6月30日前向所在区县提交申请。",
])
def test_lower_bodies_report_date_loses_to_the_companies_own(text):
    assert find_deadline(text, 2026) == "2026-06-30"


def test_lower_bodies_date_alone_is_still_read():
    # no companies' own deadline: what the text gives is kept
    assert find_deadline("请各区于2026年6月30日前报送申报材料。", 2026) == "2026-06-30"


# ------------------------------------------------------------------ M6 shares

@pytest.mark.parametrize("text,value", [
    ("企业仅需支付采购费用的六成，其余由数据券抵扣。", 0.4),
    ("企业只需支付七成费用，其余由券抵扣。", 0.3),
    ("企业仅需支付60%，其余由券抵扣。", 0.4),
    ("企业自付比例不低于合同金额的60%，其余由模型券支付。", 0.4),
    ("企业自付比例不低于60%。", 0.4),
    ("企业自筹比例不低于70%，其余由创新券支付。", 0.3),
    ("用户只需支付原价的70%。", 0.3),
    ("按合同金额的25%给予支持，使用绿电直供算力的再提高5个百分点，单个企业最高400万元。", 0.3),
    ("按服务费用的40%给予补贴，专精特新企业再提高10个百分点。", 0.5),
])
def test_share_readings(text, value):
    assert _best_ratio(text) == pytest.approx(value)


def test_rate_change_in_percentage_points_alone_is_no_share():
    assert find_shares("全市算力利用率较上年提高了5个百分点。") == []
    assert all(s.value != pytest.approx(0.3) for s in find_shares("补贴比例为25%。利用率提高5个百分点。"))


# ------------------------------------------------------------------ M7 numbers

@pytest.mark.parametrize("text,yuan", [
    ("单个企业每年最高十万元", 100_000),
    ("最高十五万元", 150_000),
    ("每年安排2,000万元发放数据券", 20_000_000),
    ("最高拾万元", 100_000),
])
def test_amounts(text, yuan):
    assert [a.yuan for a in find_amounts(text)] == [yuan]


@pytest.mark.parametrize("text", ["数十万元", "几十万元", "上百万元的项目", "千万元级"])
def test_vague_magnitudes_are_not_amounts(text):
    assert find_amounts(text) == []


def test_clause_before_the_budget_does_not_hide_it():
    text = ("某某市人民政府办公室关于印发若干措施的通知\n"
            "一、每年安排2,000万元发放数据券，对企业购买数据产品的，按合同金额的25%给予补贴，单个企业每年最高150万元。\n")
    m = {x.voucher: x for x in extract_text(text, region="广西壮族自治区/钦州市").measures}["数据券"]
    assert m.budget_yuan == 20_000_000


def test_budget_before_its_voucher_in_a_second_item():
    text = ("某某市人民政府办公室关于印发若干措施的通知\n一、对企业按30%给予算力券补贴。\n"
            "二、每年安排2,000万元发放数据券，按合同金额的25%给予补贴，单个企业每年最高150万元。\n")
    got = {x.voucher: x.budget_yuan for x in extract_text(text, region="广西壮族自治区/钦州市").measures}
    assert got == {"算力券": None, "数据券": 20_000_000}


# ------------------------------------------------------------------ round 2 (heldout6/7 causes), each a general rule

@pytest.mark.parametrize("stamp", ["生成日期", "更新日期", "更新时间", "打印日期", "修改日期"])
def test_page_stamp_is_not_the_publication_date_when_one_is_shown(stamp):
    # the page parser handed the stamp over as the date; the info table also shows 发布日期
    meta = {"info": {"索引号": "X-2026-01", stamp: "2026-04-17", "发布日期": "2026-04-20"}}
    assert find_published("各有关单位：\n现发放算力券。\n", "2026-04-17", meta) == "2026-04-20"
    # the same in plain text: the stamp's line comes first
    text = f"{stamp}：2026-04-17　发布时间：2026-04-20 10:00\n各有关单位：\n现发放算力券。\n"
    assert find_published(text) == "2026-04-20"
    # a stamp alone is still the date the page shows
    assert find_published(f"{stamp}：2026-04-17\n各有关单位：\n现发放算力券。\n") == "2026-04-17"


def test_page_stamp_in_the_source_line_is_not_the_publication_date():
    meta = {"source_line": "生成日期：2026-04-17　发布日期：2026-04-20　来源：某某局"}
    assert find_published("正文。\n", "2026-04-17", meta) == "2026-04-20"


def test_shown_date_from_a_pubdate_meta_is_not_overridden_by_the_info_table():
    meta = {"info": {"发布日期": "2026-04-20"}}
    assert find_published("正文。\n", "2026-04-21", meta) == "2026-04-21"


@pytest.mark.parametrize("short,full,region", [
    ("区委人才办", "思明区人才工作领导小组办公室", "福建省/厦门市/思明区"),
    ("市委网信办", "泉州市委网络安全和信息化委员会办公室", "福建省/泉州市"),
    ("县政府办", "长兴县人民政府办公室", "浙江省/湖州市/长兴县"),
    ("区委人才办", "中共思明区委人才工作领导小组办公室", "福建省/厦门市/思明区"),
    ("市委网信办", "中共泉州市委网络安全和信息化委员会办公室", "福建省/泉州市"),
])
def test_bare_level_short_name_gives_way_to_the_signature_naming_its_place(short, full, region):
    text = f"各有关单位：\n现印发给你们，请认真贯彻执行。\n{full}\n2026年4月28日\n"
    assert find_issuer(text, "关于印发某某办法的通知", {"issuer": short}, region=region) == full


def test_bare_level_short_name_is_not_matched_by_another_office():
    # 区委办 (the party committee's office) is not the government's office: too little left to match
    from monitor.extract.meta import _names_same_body
    assert not _names_same_body("区委办", "思明区人民政府办公室")
    # (round 3: still, a relative 来源 gives way to the place-named organ that signs the document)
    text = "各有关单位：\n现印发给你们。\n思明区人民政府办公室\n2026年4月28日\n"
    assert find_issuer(text, "关于印发某某办法的通知", {"issuer": "区委办"}, region="福建省/厦门市/思明区") == \
        "思明区人民政府办公室"


@pytest.mark.parametrize("text,iso", [
    ("二、申报时间：即日起开始受理，截至2026年10月15日。", "2026-10-15"),
    ("申领工作即日启动，截止到2026年9月30日。", "2026-09-30"),
    ("算力券申报截止时间由原定的2026年6月30日延长至2026年7月31日。", "2026-07-31"),
    ("申报截止日期从原来的6月30日顺延至7月15日。", "2026-07-15"),
    ("申领时间：9月1日起，额度用完为止，最迟不超过10月15日。", "2026-10-15"),
    ("申报材料须不晚于2026年10月15日提交。", "2026-10-15"),
    ("受理截止日：10月15日。", "2026-10-15"),
    ("2026年10月15日后不再受理申请。", "2026-10-15"),
    ("网上申报系统将于2026年10月15日17:00关闭。", "2026-10-15"),
    ("本次申报自2026年9月1日开始，10月15日结束。", "2026-10-15"),
    ("额度用完即止，截止日期不晚于2026年10月15日。", "2026-10-15"),
    ("逾期(2026年10月15日后)提交的不予受理。", "2026-10-15"),
    ("截止报名时间为2026年10月15日。", "2026-10-15"),
    ("请于2026年10月15日下班前将申请表报送至区工信局。", "2026-10-15"),
    ("兑付申请截止于2026年10月15日。", "2026-10-15"),
])
def test_deadline_shapes_round2(text, iso):
    assert find_deadline(text, 2026) == iso


@pytest.mark.parametrize("text", [
    "截至2025年底，全市已累计发放算力券3000万元。",
    "截至2026年6月30日，已受理申报企业120家。",
    "申报工作开展以来，截至2026年6月30日共受理申请85件。",
    "项目建设期自2026年9月1日开始，12月31日结束，申报企业须按期完成。",
    "最迟于2026年12月31日前完成项目验收。",
    "公示期于2026年10月15日结束。",
    "每月15日前申报上月费用。",
    "2026年10月15日后注册的企业可以参加下一轮。",
    "2026年10月15日后发生的费用不予申请。",
])
def test_as_of_dates_are_not_deadlines(text):
    assert find_deadline(text, 2026) is None


def test_points_raising_the_share_in_the_next_clause_of_the_item():
    text = "云服务券按照实际支付费用的40%给予抵扣；使用国产云平台的，抵扣比例再提高10个百分点。单个企业最高10万元。"
    assert _best_ratio(text) == pytest.approx(0.5)
    text2 = "按照服务费用的40%给予补贴。对使用国产算力的，补贴比例再提高10个百分点。"
    assert _best_ratio(text2) == pytest.approx(0.5)
    assert _best_ratio("按照服务费用的40%给予补贴。全市算力利用率再提高10个百分点。") == pytest.approx(0.4)
    # a rate elsewhere that rose by points is still no share
    assert _best_ratio("按费用的40%给予抵扣；全市上云率提高10个百分点。") == pytest.approx(0.4)


def test_a_bodys_own_post_opening_an_application_round_is_an_application():
    text = ("长兴县经济和信息化局　2026年09月12日 17:05\n"
            "划重点：算力券来了！\n长兴县经济和信息化局近日发布算力券实施方案。\n"
            "企业可使用算力券抵扣50%。申领截止日期为2026年11月30日。\n"
            "来源：长兴经信\n编辑：张三\n")
    assert find_stage(text, "长兴算力券开始申领！") == "application"
    # a newspaper's report of the same round stays news; so does the body's own post that opens no round
    news = text.replace("长兴县经济和信息化局　2026", "长兴日报　2026")
    assert find_stage(news, "长兴算力券开始申领！") == "news"
    reported = text.replace("划重点：算力券来了！", "本报讯（记者 王明）")
    assert find_stage(reported, "长兴算力券开始申领！") == "news"
    visit = text.replace("申领截止日期为2026年11月30日。", "")
    assert find_stage(visit, "长兴县经信局走访企业宣讲算力券") == "news"


# ------------------------------------------------------------------ round 3 (causes found by heldout8)

@pytest.mark.parametrize("text,iso", [
    # an application cutoff stated in its own comma clause; the terms before it (按合同额…) are not a window
    ("对企业采购服务按合同额的40%给予补助，单户上限30万元，申报截止到2026年12月31日。", "2026-12-31"),
    ("按服务合同金额的30%给予支持，申领截止时间为2026年11月15日。", "2026-11-15"),
    # a bare 截至 DATE right under a short label about applying
    ("三、申领期限。截至2026年12月31日24时。", "2026-12-31"),
    ("申报时间\n截至2026年10月15日17:00。", "2026-10-15"),
    # the end of a month
    ("目前算力券申请仍在受理中，受理将于11月底前结束。", "2026-11-30"),
    ("申报截止时间为2026年2月底。", "2026-02-28"),
    ("请于9月末前提交申请材料。", "2026-09-30"),
    ("申领工作于2026年12月底截止。", "2026-12-31"),
    ("申报截止时间为十一月底。", "2026-11-30"),
    ("请于今年年底前提交申请。", "2026-12-31"),
    ("即日起至11月末，企业可在线申领算力券。", "2026-11-30"),
    # the time to apply runs until a day
    ("申报工作将持续到11月30日。", "2026-11-30"),
    ("申领期至11月30日。", "2026-11-30"),
    ("申报通道开放至11月30日17:00。", "2026-11-30"),
    # a range whose end names only its day
    ("集中受理期为11月1日至30日。", "2026-11-30"),
    ("申报时间：2026年6月1日至30日。", "2026-06-30"),
])
def test_deadline_shapes_round3(text, iso):
    assert find_deadline(text, 2026) == iso


@pytest.mark.parametrize("text", [
    "合同签订时间截止到2026年12月31日。",
    "截至9月底，已有37家企业申领。",
    "项目须于2026年11月底前完成验收。",
    "政策有效期至2026年12月底。",
    "征求意见截止到2026年12月31日。",
    "截至10月底，全市已发放算力券2000万元。",
    "四、实施期限。截至2027年12月31日。",
    "每年12月底前申报上一年度费用。",
    "截至2026年9月底，累计受理申请150件。",
    "意见征集期至11月30日。",
    "项目实施期至2027年6月30日。",
    "公示期为11月1日至7日。",
    "受理时间为每月1日至10日。",
])
def test_not_deadlines_round3(text):
    assert find_deadline(text, 2026) is None


@pytest.mark.parametrize("text,ratio", [
    ("按市场价的七五折结算", 0.25),
    ("按市场价的八五折结算", 0.15),
    ("按市场价七折结算", 0.3),
    ("按市场价7.5折结算", 0.25),
    ("按市场价75折结算", 0.25),
    ("按市场价九折结算", 0.1),
    ("按市场价五折结算", 0.5),
    ("按市场价的七点五折结算", 0.25),
    ("企业可享受半价优惠", 0.5),
    ("按市场价打对折", 0.5),
])
def test_discount_shapes(text, ratio):
    assert _best_ratio(text) == pytest.approx(ratio)


@pytest.mark.parametrize("relative,full", [
    ("市政府办公室", "白城市人民政府"),
    ("市府办", "建德市人民政府"),
    ("县政府办", "长兴县人民政府"),
    ("科技局", "温州市人民政府办公室"),
])
def test_relative_source_gives_way_to_the_place_named_title_issuer(relative, full):
    # the page's 来源 names a body relatively (here another body of the same government): the title and the
    # signature name the issuer with its place
    text = f"各有关单位：\n现印发给你们，请认真贯彻执行。\n{full}\n2026年1月26日\n"
    assert find_issuer(text, f"{full}关于印发某某办法的通知", {"issuer": relative}) == full
    assert find_issuer(text, "关于印发某某办法的通知", {"issuer": relative}) == full      # the signature alone
    # with no place-named organ anywhere, the relative name is all there is
    assert find_issuer("各有关单位：\n现印发给你们。\n", "关于印发某某办法的通知", {"issuer": relative}) == relative


@pytest.mark.parametrize("name", ["德宏州人民政府办公室", "西双版纳州工业和信息化局", "甘南州人民政府"])
def test_prefecture_short_name_is_read_as_written(name):
    text = f"各有关单位：\n现印发给你们。\n{name}\n2026年4月18日\n"
    assert find_issuer(text, f"{name}关于印发某某措施的通知", {"issuer": name}) == name


def test_zone_abbreviation_is_still_spelled_out():
    assert find_issuer("现印发给你们。\n", "关于印发某某办法的通知", {"issuer": "经开区科技和产业促进局"},
                       region="北京市") == "北京经济技术开发区科技和产业促进局"


def test_voucher_kind_phrase_names_no_voucher():
    from monitor.extract.vouchers import find_vouchers
    assert [m.voucher for m in find_vouchers("甘南州、临夏州近期相继推出人工智能券类政策。")] == []
    assert [m.voucher for m in find_vouchers("各地密集推出算力券类支持政策")] == []
    assert [m.voucher for m in find_vouchers("推出“人工智能券”类政策")] == []
    assert [m.voucher for m in find_vouchers("发放“算力券”，类型为电子券")] == ["算力券"]
    assert [m.voucher for m in find_vouchers("发放人工智能券，单个企业最高50万元。")] == ["智能券"]
    assert [m.voucher for m in find_vouchers("算力券类型包括通用算力券和智能算力券")] == ["算力券", "算力券", "算力券"]


def test_a_bureaus_own_account_post_speaking_for_itself_is_an_application():
    text = ("@某某企业 数据券来了！\n\n宿州数据资源 2026年9月12日 18:06 安徽\n\n"
            "宿州市数据资源局2026年度数据券申领公告\n\n"
            "我局现启动2026年度数据券申领工作，本期发放数据券总额500万元。\n"
            "申领截止时间：10月10日17:30前，逾期不予受理。\n\n"
            "宿州市数据资源局\n2026年9月12日\n\n编辑：张悦　审核：李军\n")
    assert find_stage(text, "@某某企业 数据券来了！最高可领二十万元") == "application"
    assert find_issuer(text, "@某某企业 数据券来了！最高可领二十万元") == "宿州市数据资源局"
    # an outlet's report about the same round, without the body speaking, stays news
    report = text.replace("我局现启动", "该局现启动").replace("宿州市数据资源局\n2026年9月12日\n", "")
    assert find_stage(report, "@某某企业 数据券来了！最高可领二十万元") == "news"


def test_half_price_needs_its_verb():
    assert find_shares("景区门票半价") == []


@pytest.mark.parametrize("text,outlet,date", [
    ("汕尾拟设2亿元算力券 征求意见至7月10日\n\n南方+ 2026-06-10 19:32\n\n正文。", "南方+", "2026-06-10"),
    ("安康日报　2026年8月12日　第3版：理论评论\n\n“补贴券”如何用在刀刃上\n正文", "安康日报", "2026-08-12"),
    ("葫芦岛日报\n2026年06月03日　第01版：要闻\n\n我市首批算力券惠及37家企业\n正文。", "葫芦岛日报", "2026-06-03"),
    ("井冈山报数字报 | 2026年05月15日 星期五 | 第A02版：综合新闻\n吉安算力券扩容", "井冈山报", "2026-05-15"),
])
def test_newspaper_mastheads_and_edition_lines(text, outlet, date):
    from monitor.extract.meta import find_news_outlet, find_published
    assert find_news_outlet(text) == outlet
    assert find_published(text, None, {}) == date


def test_an_outlet_named_with_an_editors_note_is_the_outlet():
    from monitor.extract.meta import outlet_name
    assert outlet_name("林芝观察综合整理") == "林芝观察" and outlet_name("南京日报") == "南京日报"


def test_a_wechat_posts_publish_time_element_is_its_date():
    from monitor.extract.page import parse_page
    html = ("<html><head><title>申报开启！模型券来了</title></head><body><div id='meta_content'>"
            "<span class='nickname'>宣城经信</span> <em id='publish_time'>2026-09-02 18:30</em></div>"
            "<div id='js_content'><p>近日，宣城市经济和信息化局印发通知，组织开展2026年度模型券申报工作。</p>"
            "<p>宣城市经济和信息化局</p><p>2026年8月29日</p></div></body></html>")
    assert parse_page(html).published == "2026-09-02"


@pytest.mark.parametrize("text,iso", [
    ("2．申领期限：截至2026年10月31日。", "2026-10-31"),
    ("二、申领期限：截至2026年10月31日。", "2026-10-31"),
    ("申领期限：2026年10月31日。", "2026-10-31"),
    ("有效期限：2028年12月31日。", None),
    ("截至2026年10月31日，已受理申请120件。", None),
])
def test_a_time_limit_to_apply_given_as_one_day(text, iso):
    from monitor.extract.dates import find_deadline
    assert find_deadline(text, 2026) == iso


def test_a_bodys_post_carrying_its_notice_whole_is_the_application_round():
    from monitor.extract.meta import find_stage
    text = ("点击蓝字 关注我们\n各位企业家朋友们，期待已久的模型券来啦！\n"
            "近日，宣城市经济和信息化局印发《关于组织开展2026年度模型券申报工作的通知》，全文如下：\n"
            "各县市区经信部门，各有关企业：\n为推动人工智能赋能制造业，现组织开展2026年度模型券申报工作。\n"
            "一、2026年模型券总规模400万元。\n二、申报时间：即日起至2026年9月25日。\n"
            "宣城市经济和信息化局\n2026年8月29日\n编辑：小宣")
    assert find_stage(text, "申报开启！宣城市2026年度模型券来了，最高补贴60万元", "official") == "application"
    # a reporter's article about the same round stays news
    reported = text.replace("点击蓝字 关注我们", "本报讯（记者 王明）")
    assert find_stage(reported, "宣城市2026年度模型券开始申报", "official") == "news"


def test_a_range_of_contract_dates_under_an_application_heading_is_no_deadline():
    from monitor.extract.dates import find_deadline
    text = ("一、申报范围：2025年1月1日至2025年12月31日期间签订算力服务合同并完成支付的企业。\n"
            "二、补贴标准：按合同金额的30%给予支持。\n三、申报截止：2026年3月31日。")
    assert find_deadline(text, 2026) == "2026-03-31"
    assert find_deadline("申报时间：2026年6月1日至6月30日，逾期不予受理。", 2026) == "2026-06-30"


def test_a_wire_opening_with_its_reporter_in_brackets_before_the_date():
    from monitor.extract.meta import find_published
    text = "漳州发放首批算力券\n闽南日报讯（记者 陈志远）2026年10月12日\n漳州市工信局发布算力券政策。"
    assert find_published(text, None, {}) == "2026-10-12"


def test_the_titles_office_wins_over_the_sites_body_it_belongs_to():
    from monitor.extract.meta import find_issuer
    title = "临沂市人民政府办公室关于印发临沂市词元券实施办法的通知"
    assert find_issuer("正文。\n临沂市人民政府办公室\n2026年5月6日", title,
                       {"issuer": "临沂市人民政府"}, region="山东省/临沂市") == "临沂市人民政府办公室"
    # another body in the title is not taken over the page's issuer
    assert find_issuer("正文。", "关于转发省工信厅文件的通知", {"issuer": "临沂市人民政府"},
                       region="山东省/临沂市") == "临沂市人民政府"


# ------------------------------------------------------------------ a government's own record of its press conference

_BRIEFING = ("发布时间：2026-06-26 15:30　　来源：南充市人民政府新闻办公室\n\n"
             "时间：2026年6月26日上午10:00\n发布人：南充市经济和信息化局副局长　王建国\n"
             "主持人：南充市人民政府新闻办公室副主任　刘芳\n\n主持人：\n"
             "各位媒体朋友，大家上午好！近日，市政府印发了《南充市支持人工智能产业发展十条措施》。\n\n王建国：\n"
             "第一，发放模型券。市财政每年安排2000万元发放模型券，按合同金额的30%给予补贴。\n\n主持人：\n"
             "下面进入提问环节，请各位记者朋友举手提问。\n\n南充日报记者：\n请问，企业什么时候可以申报模型券？\n\n"
             "王建国：\n谢谢您的提问。模型券预计在8月启动申报。\n")
_BRIEFING_TITLE = "南充市人民政府新闻办公室举行《南充市支持人工智能产业发展十条措施》新闻发布会"


def test_an_official_transcript_of_its_own_press_conference_is_the_bodys_word():
    assert find_stage(_BRIEFING, _BRIEFING_TITLE) == "final"
    # without a source line, the title names the organ that holds it
    assert find_stage(_BRIEFING.replace("　　来源：南充市人民政府新闻办公室", ""), _BRIEFING_TITLE) == "final"
    qa = ("来源：绵阳市经济和信息化局　　发布时间：2026-05-10\n"
          "问：《绵阳市算力券管理办法》出台的背景是什么？\n答：为降低企业用算成本，我局起草了《办法》。\n"
          "问：算力券的支持标准是什么？\n答：按合同金额的30%给予补贴，单个企业最高50万元。\n")
    assert find_stage(qa, "绵阳市经济和信息化局有关负责人就《绵阳市算力券管理办法》答记者问") == "final"
    assert find_stage(qa, "绵阳市经济和信息化局有关负责人就《绵阳市算力券管理办法（征求意见稿）》答记者问") == "draft"


def test_a_third_partys_record_of_a_press_conference_stays_news():
    # a newspaper's report of the conference, whoever's site carries it
    report = ("来源：南充日报　　发布时间：2026-06-27\n本报讯（记者 王明）6月26日，市政府新闻办举行新闻发布会，"
              "介绍《南充市支持人工智能产业发展十条措施》。市财政每年安排2000万元发放模型券。\n")
    assert find_stage(report, "我市出台人工智能十条措施 每年2000万元发放模型券") == "news"
    # an outlet's own transcript (its source line names the outlet)
    outlet = _BRIEFING.replace("来源：南充市人民政府新闻办公室", "来源：川观新闻")
    assert find_stage(outlet, "《南充市支持人工智能产业发展十条措施》新闻发布会实录") == "news"
    # a reporter writing from the conference
    seen = _BRIEFING.replace("各位媒体朋友，大家上午好！", "记者从发布会上获悉，")
    assert find_stage(seen, _BRIEFING_TITLE) == "news"
    assert find_stage(_BRIEFING, _BRIEFING_TITLE, authority="news") == "news"


def test_a_document_number_in_full_width_digits_reads_as_ascii_digits():
    text = ("二连浩特市人民政府关于印发《二连浩特市口岸数字经济发展扶持办法》的通知\n二政发〔２０２６〕１１号\n\n"
            "各镇人民政府、街道办事处：\n根据《关于…的通知》（锡政发〔２０２５〕３号）精神，《办法》已经市人民政府"
            "第２３次常务会议研究通过，现印发给你们，请认真贯彻执行。\n\n二连浩特市人民政府\n二〇二六年五月十日\n")
    facts = extract_text(text, region="内蒙古自治区/锡林郭勒盟/二连浩特市")
    assert facts.doc_number == "二政发〔2026〕11号"
    assert facts.published == "2026-05-10"


# ------------------------------------------------------------------ heldout12: stage

_NATIONAL = ("各省、自治区、直辖市工业和信息化主管部门，有关单位：\n现就开展2026年中小企业数字化转型促进行动有关事项通知如下。\n"
             "一、鼓励有条件的地方通过发放算力券、数据券等方式，降低中小企业使用算力的成本。\n"
             "二、请各地工业和信息化主管部门于2026年11月30日前将本地区行动开展情况报送工业和信息化部。\n"
             "工业和信息化部办公厅\n2026年3月24日\n")


def test_lower_bodies_reporting_their_work_make_no_application_round():
    # lower bodies reporting by a day is no round of companies applying
    title = "工业和信息化部办公厅关于开展2026年中小企业数字化转型促进行动的通知"
    assert find_stage(_NATIONAL, title) == "final"
    # a round whose applications the lower bodies hand on is still a round
    text = ("各区工信部门，各有关企业：\n现开展第二轮算力券发放工作。\n请各区于2026年6月30日前报送申报材料。\n")
    assert find_stage(text, "关于开展第二轮算力券发放工作的通知") == "application"


def test_a_wire_services_journalist_asking_at_the_bodys_conference_is_no_byline():
    qa = _BRIEFING.replace("南充日报记者：", "新华社记者：")
    assert find_stage(qa, _BRIEFING_TITLE) == "final"
    assert find_stage(_BRIEFING.replace("南充日报记者：", "新华社记者提问："), _BRIEFING_TITLE) == "final"
    assert find_stage(_BRIEFING.replace("南充日报记者：", "新华社记者"), _BRIEFING_TITLE) == "final"   # (a label line)
    # the wire service writing the story: a third party's report
    wire = _BRIEFING.replace("各位媒体朋友，大家上午好！", "新华社成都6月26日电 ")
    assert find_stage(wire, _BRIEFING_TITLE) == "news"
    assert find_stage(_BRIEFING.replace("各位媒体朋友，大家上午好！", "据新华社报道，"), _BRIEFING_TITLE) == "news"
    assert find_stage(_BRIEFING.replace("南充日报记者：", "新华社记者 王明\n"), _BRIEFING_TITLE) == "news"


@pytest.mark.parametrize("head, outlet", [
    ("【香港01】上海市徐汇区科学技术委员会6月20日发布《徐汇区模型券实施细则》。", "香港01"),
    ("【环球网报道】上海市徐汇区6月20日发布模型券实施细则。", "环球网"),
    ("【联合早报】上海市徐汇区6月20日发布模型券实施细则。", "联合早报"),
    ("【36氪讯】上海市徐汇区6月20日发布模型券实施细则。", "36氪"),
    # a section label, a place heading, a page button: no outlet
    ("【市州动态】天水市出台模型券实施细则。", None),
    ("【张江】张江科学城今年发放模型券，单个企业最高200万元。", None),
    ("【链接】常见“补贴券”有哪些？", None),
    ("【打印本页】【关闭窗口】", None),
    ("【2026】上海市徐汇区发布模型券实施细则。", None),
])
def test_news_outlet_in_brackets_opening_the_text(head, outlet):
    text = "上海徐汇区推出模型券\n" + head + "\n根据细则，企业可按合同金额的30%获得模型券补贴。\n"
    assert find_news_outlet(text) == outlet


# ------------------------------------------------------------------ heldout14 causes (general rules)

@pytest.mark.parametrize("title, issuer", [
    ("国家数据局综合司关于开展数据流通利用促进行动的通知", "国家数据局综合司"),
    ("工业和信息化部政策和规划司关于征集典型案例的通知", "工业和信息化部政策和规划司"),
])
def test_a_department_of_a_ministry_is_a_body(title, issuer):
    # 司 (a department of a ministry or national bureau) issues as a body
    assert find_issuer("正文。\n", title) == issuer


def test_a_company_is_no_organ():
    # 公司 is not a 司: a company's announcement names no issuing body in its title
    assert find_issuer("正文。\n", "某某科技有限公司关于参加算力券服务商遴选的公告") is None
    # 司法局 is a 局, never cut at its 司
    assert find_issuer("正文。\n", "上海市司法局关于公布典型案例的通知") == "上海市司法局"


def test_a_signature_glued_onto_the_contact_line_above_its_date():
    text = ("现将拟支持企业名单予以公示。\n"
            "联系电话：0816-2220000电子邮箱：myjxj@example.gov.cn绵阳市经济和信息化局\n2026年5月19日")
    assert find_issuer(text, "关于2026年第一批模型券拟支持企业名单的公示") == "绵阳市经济和信息化局"
    # a body named inside a sentence (向市经济和信息化局反映) is no signature; nor one without a place
    text2 = "如有异议，请向绵阳市经济和信息化局\n2026年5月19日"
    assert find_issuer(text2, "关于名单的公示") is None
    text3 = "联系电话：0816-2220000经济和信息化局\n2026年5月19日"
    assert find_issuer(text3, "关于名单的公示") is None


def test_lower_bodies_handing_on_their_own_plans_make_no_application_round():
    title = "国家数据局综合司关于开展数据流通利用促进行动的通知"
    text = ("各省、自治区、直辖市数据管理部门：\n现就开展数据流通利用促进行动有关事项通知如下。\n"
            "各地数据管理部门要结合实际制定具体实施方案，于2026年6月30日前报送国家数据局数字经济司。\n"
            "有关部门推动申报材料精简，企业平均申报时间大幅缩短。\n")
    assert find_deadline(text, 2026) is None
    assert find_stage(text, title) == "final"
    # the subject of the sentence is the applicants: still their day
    text2 = "申报企业要按要求准备材料，于2026年6月30日前报送市工信局。\n"
    assert find_deadline(text2, 2026) == "2026-06-30"
    # lower bodies handing on the list they recommend: no day of the applicants either
    assert find_deadline("各区于2026年6月30日前将推荐名单报送市工信局。\n", 2026) is None
    # their applications handed on by the lower bodies: still the round's day (when no other is given)
    assert find_deadline("请各区于2026年6月30日前报送申报材料。\n", 2026) == "2026-06-30"
    # 申领时间 as a label still opens a round
    assert find_stage("申领时间：即日起至2026年7月31日。\n", "关于开展第二轮算力券发放工作的通知") == "application"


@pytest.mark.parametrize("dateline, published, outlet", [
    ("（新华社北京2026年10月12日电）", "2026-10-12", "新华社"),
    ("（中央社台北2026年10月12日电）", "2026-10-12", "中央社"),
    ("中新网兰州10月12日电", None, "中新网"),          # (no year: the day is not guessed)
    ("（中央社记者林克伦台北12日电）", None, "中央社"),
])
def test_a_wire_dateline_gives_the_outlet_and_the_day(dateline, published, outlet):
    text = "甘肃争当算力枢纽\n" + dateline + "中国大陆甘肃省近年积极承接工程，兰州市推出算力券，按费用的40%给予补贴。"
    f = extract_text(text, region="全国", authority="news")
    assert (f.published, f.issuer) == (published, outlet)


def test_a_papers_name_in_title_marks_on_its_date_line_is_the_outlet_and_the_day():
    text = ("杭州多区发券助企用好人工智能\n《人民日报》（2026年06月18日 第10版）\n\n"
            "本报杭州6月17日电（记者 窦瀚洋）余杭区今年发放模型券1亿元，按合同金额的30%给予支持。")
    f = extract_text(text, region="全国", authority="news")
    assert (f.published, f.issuer) == ("2026-06-18", "人民日报")


def test_a_bodys_own_post_quoting_commentary_is_its_word_not_news():
    # the source line names the body itself and no reporter writes: 专家指出 in it makes no third party's report
    text = ("南山区出台训力券叠加支持政策\n发布时间：2026-06-05 17:12　　来源：深圳市南山区科技创新局\n\n"
            "近日，南山区科技创新局印发《南山区训力券叠加支持实施细则》，对区内企业再按合同金额的10%给予叠加支持。\n"
            "专家指出，人工智能赋能实体经济的关键在于场景。")
    assert find_stage(text, "南山区出台训力券叠加支持政策", "official") == "final"
    reported = text.replace("来源：深圳市南山区科技创新局", "来源：深圳特区报").replace("近日，", "本报讯（记者 王明）近日，")
    assert find_stage(reported, "南山区出台训力券叠加支持政策", "official") == "news"


@pytest.mark.parametrize("line, outlet", [("长三角政策通　2026-09-18", "长三角政策通"), ("新知科技　2026年10月6日", "新知科技"),
                                          ("北京　2026-09-18", None), ("记者　2026-09-18", None)])
def test_a_name_alone_with_the_day_under_the_headline_is_the_outlet(line, outlet):
    text = "一文读懂：长三角7城算力券政策对比\n" + line + "\n最近不少读者在后台留言，本期小编挑选了7个城市，供大家对照。"
    assert find_news_outlet(text) == outlet
