"""Generate the attachment corpus (PDF and DOCX government documents) and their expected facts.

NOT run by the tests: the generated .pdf/.docx/.json files are committed. To regenerate:

    python3 -m venv /tmp/fxvenv && /tmp/fxvenv/bin/pip install fpdf2 python-docx pypdf
    apt-get install fonts-wqy-microhei fonts-noto-cjk        # the CJK fonts embedded (as subsets)
    /tmp/fxvenv/bin/python tests/attachments/make_fixtures.py

Needs: fpdf2 (with Pillow, its dependency), python-docx, WenQuanYi Micro Hei (body text) and Noto Serif CJK SC
Bold (red header) at the Debian paths below. The expected facts below were written by reading each text as
SPEC "Facts" and "Reading rules" say, never from the program's output.

Layout of the PDFs as government PDFs are laid out: A4, ~28 characters a line (fixed width, wrapping mid-sentence,
no hyphen), 22 lines a page, a red header (XX局文件) with a 文号 line and a red rule, a title over two lines,
章/条 numbering, '— N —' page numbers at the foot of every page (odd pages right, even pages left), a signature
with its date, attachments (附件1：…) with a table. A '¦' in a paragraph marks the line that must be the last of
its page (blank space is added before the paragraph), so the sentence holding it crosses a page break.
"""
from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_DATE = datetime(2025, 11, 1, tzinfo=timezone.utc)
BODY_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
RED_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"   # index 2 = SC

# ------------------------------------------------------------------ documents
# blocks: ("red", header) ("no", 文号) ("title", [line1, line2]) ("to", 主送) ("p", paragraph) ("h", centred heading)
#         ("sign", [organ, date]) ("att", "附件1", title, rows) ("page",) (a page break)

PDFS: dict[str, dict] = {}
DOCXS: dict[str, dict] = {}


def facts(title, published, issuer, doc_number, stage, measures, region, authority="official"):
    return {"title": title, "published": published, "issuer": issuer, "doc_number": doc_number, "stage": stage,
            "measures": [dict(zip(("voucher", "region", "policy", "budget_yuan", "ratio", "cap_yuan", "deadline"), m))
                         for m in measures],
            "_input": {"region": region, "authority": authority}}


PDFS["a01_mianyang_compute_measures"] = dict(blocks=[
    ("red", "绵阳市经济和信息化局文件"),
    ("no", "绵经信发〔2025〕18号"),
    ("title", ["绵阳市经济和信息化局关于印发", "《绵阳市算力券管理办法（试行）》的通知"]),
    ("to", "各县（市、区）经济和信息化主管部门，科技城新区经济发展局，各有关企业："),
    ("p", "为贯彻落实市委、市政府关于加快发展人工智能产业的决策部署，降低中小企业使用智能算力的成本，我局研究制定了《绵阳市算力券管理办法（试行）》，现印发给你们，请结合实际认真贯彻执行。执行中遇到的问题，请及时向市经济和信息化局反映。"),
    ("sign", ["绵阳市经济和信息化局", "2025年6月12日"]),
    ("page",),
    ("h", "绵阳市算力券管理办法（试行）"),
    ("h", "第一章　总　则"),
    ("p", "第一条　为降低中小企业使用智能算力成本，加快人工智能与实体经济深度融合，根据《四川省支持人工智能产业发展若干措施》等文件精神，结合我市实际，制定本办法。"),
    ("p", "第二条　本办法所称算力券，是指由市级财政安排资金，面向在我市注册的企业和科研机构发放的，用于购买智能算力服务的电子凭证。"),
    ("h", "第二章　支持标准"),
    ("p", "第三条　算力券年度发放总额为3000万元，按照企业实际支付算力服务费用的40%予以抵扣，单个企业每年抵扣金额¦最高不超过200万元。"),
    ("p", "第四条　同一算力服务合同不得重复申领算力券，已获得其他市级财政资金支持的算力服务费用不予抵扣。"),
    ("h", "第三章　申领程序"),
    ("p", "第五条　算力券每季度集中受理一次，具体受理时间以市经济和信息化局发布的申领通知为准。企业通过“绵阳市企业服务平台”在线提交申请。"),
    ("h", "第四章　附　则"),
    ("p", "第六条　本办法由市经济和信息化局负责解释，自2025年7月1日起施行，有效期至2028年6月30日。"),
    ("att", "附件1", "绵阳市算力券申领表", [["企业名称", "", "统一社会信用代码", ""],
                                          ["算力服务商", "", "合同金额（万元）", ""],
                                          ["申请抵扣金额（万元）", "", "联系人及电话", ""]]),
], facts=facts("绵阳市经济和信息化局关于印发《绵阳市算力券管理办法（试行）》的通知", "2025-06-12", "绵阳市经济和信息化局",
               "绵经信发〔2025〕18号", "final",
               [("算力券", "四川省/绵阳市", "绵阳市算力券管理办法（试行）", 30000000, 0.4, 2000000, None)], "四川省/绵阳市"))

PDFS["a02_ganzhou_model_apply"] = dict(blocks=[
    ("red", "赣州市工业和信息化局文件"),
    ("no", "赣市工信字〔2025〕45号"),
    ("title", ["赣州市工业和信息化局关于组织开展", "2025年度模型券申报工作的通知"]),
    ("to", "各县（市、区）工信部门，赣州经开区、蓉江新区经发局，各有关企业："),
    ("p", "为加快人工智能大模型在我市制造业、文旅、医疗等领域的推广应用，根据《赣州市促进人工智能产业发展若干措施》，现就组织开展2025年度模型券申报工作有关事项通知如下。"),
    ("h", "一、支持对象"),
    ("p", "在赣州市行政区域内注册、具有独立法人资格的企业，购买大模型服务（含模型调用、微调训练、私有化部署）用于研发、生产和经营。"),
    ("h", "二、支持标准"),
    ("p", "2025年度模型券资金总额1500万元。对企业购买大模型服务的，按合同实际支付金额的30%给予补贴，单个企业¦最高补贴50万元。申报的服务合同须于2024年9月1日至2025年7月31日期间签订。"),
    ("h", "三、申报时间"),
    ("p", "申报时间为2025年8月1日至8月31日17:30，逾期不予受理。各县（市、区）工信部门于2025年9月15日前完成初审并报送市工业和信息化局。"),
    ("h", "四、联系方式"),
    ("p", "市工业和信息化局软件和信息服务业科，联系电话：0797-8999XXX。"),
    ("p", "附件：1．2025年度模型券申报表"),
    ("sign", ["赣州市工业和信息化局", "2025年7月18日"]),
    ("att", "附件1", "2025年度模型券申报表", [["企业名称", "", "所属县（市、区）", ""],
                                             ["模型服务商", "", "合同金额（万元）", ""],
                                             ["实际支付金额（万元）", "", "申请补贴金额（万元）", ""]]),
], facts=facts("赣州市工业和信息化局关于组织开展2025年度模型券申报工作的通知", "2025-07-18", "赣州市工业和信息化局",
               "赣市工信字〔2025〕45号", "application",
               [("模型券", "江西省/赣州市", "赣州市促进人工智能产业发展若干措施", 15000000, 0.3, 500000, "2025-08-31")],
               "江西省/赣州市"))

PDFS["a03_liuzhou_compute_model_draft"] = dict(blocks=[
    ("title", ["柳州市工业和信息化局关于公开征求《柳州市算力券", "和模型券实施细则（征求意见稿）》意见的公告"]),
    ("p", "为加快推进人工智能产业发展，降低企业使用算力和大模型的成本，我局起草了《柳州市算力券和模型券实施细则（征求意见稿）》，现向社会公开征求意见。公众可于2025年5月20日前将意见建议通过电子邮件反馈至我局。"),
    ("sign", ["柳州市工业和信息化局", "2025年4月20日"]),
    ("page",),
    ("h", "柳州市算力券和模型券实施细则"),
    ("h", "（征求意见稿）"),
    ("p", "第一条　为贯彻落实《广西壮族自治区人工智能产业发展行动方案》，支持我市企业开展人工智能技术研发和应用，制定本细则。"),
    ("p", "第二条　算力券。市财政每年安排2000万元，对在我市注册的企业租用智能算力开展模型训练和推理的，按不超过算力服务合同金额的50%给予支持，单个企业年度¦最高支持100万元。"),
    ("p", "第三条　模型券。市财政每年安排1000万元，对企业购买大模型服务的，按模型服务费用的30%给予支持；使用本市企业自主研发大模型的，支持比例提高至40%。单个企业年度最高支持50万元。"),
    ("p", "第四条　同一项目已获得自治区级同类资金支持的，市级支持与自治区级支持叠加后不超过服务费用的60%。"),
    ("p", "第五条　本细则自印发之日起施行，有效期三年。"),
], facts=facts("柳州市工业和信息化局关于公开征求《柳州市算力券和模型券实施细则（征求意见稿）》意见的公告", "2025-04-20",
               "柳州市工业和信息化局", None, "draft",
               [("算力券", "广西壮族自治区/柳州市", "柳州市算力券和模型券实施细则", 20000000, 0.5, 1000000, None),
                ("模型券", "广西壮族自治区/柳州市", "柳州市算力券和模型券实施细则", 10000000, 0.4, 500000, None)],
               "广西壮族自治区/柳州市"))

PDFS["a04_yibin_gazette_two_columns"] = dict(columns=2, running="宜宾市人民政府公报　　　　　　　　2025年第4期", blocks=[
    ("h", "宜宾市人民政府办公室"),
    ("h", "关于印发宜宾市支持人工智能产业发展若干政策的通知"),
    ("h", "宜府办发〔2025〕9号"),
    ("to", "各区县人民政府，市级各部门，有关单位："),
    ("p", "《宜宾市支持人工智能产业发展若干政策》已经市政府同意，现印发给你们，请认真组织实施。"),
    ("sign", ["宜宾市人民政府办公室", "2025年3月28日"]),
    ("h", "宜宾市支持人工智能产业发展若干政策"),
    ("p", "一、发放算力券。设立算力券，每年发放总额不超过5000万元，对企业租用智能算力开展模型训练、推理的，按实际发生¦费用的30%给予补贴，单个企业每年最高300万元。"),
    ("p", "二、发放语料券。对企业购买高质量数据集和训练语料的，发放语料券，按实际交易金额的20%给予补贴，单个企业每年最高100万元。"),
    ("p", "三、支持创新平台建设。对新认定的省级人工智能重点实验室、工程技术研究中心，给予一次性奖励500万元。"),
    ("p", "四、强化人才支撑。对引进的人工智能领域顶尖人才团队，给予最高2000万元综合资助。"),
    ("p", "五、本政策自2025年4月1日起施行，有效期至2027年12月31日。此前我市出台的相关政策与本政策不一致的，以本政策为准。同一企业同一项目符合本政策和我市其他政策的，按照就高不重复原则给予支持。"),
], facts=facts("宜宾市人民政府办公室关于印发宜宾市支持人工智能产业发展若干政策的通知", "2025-03-28", "宜宾市人民政府办公室",
               "宜府办发〔2025〕9号", "final",
               [("算力券", "四川省/宜宾市", "宜宾市支持人工智能产业发展若干政策", 50000000, 0.3, 3000000, None),
                ("语料券", "四川省/宜宾市", "宜宾市支持人工智能产业发展若干政策", None, 0.2, 1000000, None)],
               "四川省/宜宾市"))

PDFS["a05_luoyang_data_running_header"] = dict(running="洛阳市工业和信息化局规范性文件", pageof=True, blocks=[
    ("red", "洛阳市工业和信息化局文件"),
    ("no", "洛工信〔2025〕21号"),
    ("title", ["洛阳市工业和信息化局关于印发", "《洛阳市数据要素券实施细则》的通知"]),
    ("to", "各县区工业和信息化主管部门，洛阳高新区、洛龙区经济发展局，各有关单位："),
    ("p", "现将《洛阳市数据要素券实施细则》印发给你们，请遵照执行。"),
    ("sign", ["洛阳市工业和信息化局", "2025年9月3日"]),
    ("page",),
    ("h", "洛阳市数据要素券实施细则"),
    ("p", "第一条　为培育数据要素市场，鼓励企业采购和使用数据产品与服务，推动数据资源开发利用，结合我市实际，制定本细则。"),
    ("p", "第二条　本细则所称数据要素券，是指市财政安排资金，用于支持企业在依法设立的数据交易场所采购数据产品和数据服务的补贴凭证。"),
    ("p", "第三条　数据要素券年度总额800万元，按数据产品采购金额的三成给予补贴，单个企业每年最高八十万元。企业在洛阳数据交易服务中心完成交易¦并取得交易凭证后，方可申领数据要素券。同一交易不得重复申领，已享受其他财政补贴的交易不再给予支持。"),
    ("p", "第四条　数据要素券按季度申领、按季度兑付，具体申领时间另行通知。市工业和信息化局会同市财政局对申领材料进行审核，审核结果在市工业和信息化局网站公示5个工作日。"),
    ("p", "第五条　企业应对申报材料的真实性负责。对弄虚作假、骗取补贴的，追回已拨付资金，三年内不得申报市级财政支持项目。"),
    ("p", "第六条　本细则自2025年10月1日起施行，有效期两年。"),
], facts=facts("洛阳市工业和信息化局关于印发《洛阳市数据要素券实施细则》的通知", "2025-09-03", "洛阳市工业和信息化局",
               "洛工信〔2025〕21号", "final",
               [("数据券", "河南省/洛阳市", "洛阳市数据要素券实施细则", 8000000, 0.3, 800000, None)], "河南省/洛阳市"))

PDFS["a06_zhuzhou_corpus_batch_apply"] = dict(blocks=[
    ("red", "株洲市科学技术局文件"),
    ("no", "株科发〔2025〕33号"),
    ("title", ["株洲市科学技术局关于开展2025年", "第二批语料券申领工作的通知"]),
    ("to", "各县市区科技主管部门，株洲高新区科技创新局，各有关企业："),
    ("p", "为支持企业获取高质量训练语料，加快行业大模型研发应用，根据《株洲市人工智能产业高质量发展若干政策》，现组织开展2025年第二批语料券申领工作，有关事项通知如下。"),
    ("h", "一、支持额度"),
    ("p", "2025年度语料券总额600万元，分两批发放，本批次安排300万元。对企业购买语料、数据集及数据标注服务的，按合同金额的25%给予补贴，单个企业年度¦累计最高30万元。"),
    ("h", "二、申领时间"),
    ("p", "申领时间为2025年10月9日至10月24日。企业登录“株洲科技云平台”填报申领信息并上传合同、发票等证明材料。"),
    ("h", "三、其他事项"),
    ("p", "已申领第一批语料券的企业，累计补贴金额不得超过年度上限。市科学技术局将对申领材料进行抽查，并在2025年11月30日前完成兑付。"),
    ("sign", ["株洲市科学技术局", "2025年9月26日"]),
    ("att", "附件1", "语料券申领信息表", [["序号", "企业名称", "语料服务商", "合同金额（万元）", "申领金额（万元）"],
                                         ["1", "", "", "", ""], ["2", "", "", "", ""]]),
], facts=facts("株洲市科学技术局关于开展2025年第二批语料券申领工作的通知", "2025-09-26", "株洲市科学技术局",
               "株科发〔2025〕33号", "application",
               [("语料券", "湖南省/株洲市", "株洲市人工智能产业高质量发展若干政策", 6000000, 0.25, 300000, "2025-10-24")],
               "湖南省/株洲市"))

PDFS["a07_wujin_district_compute"] = dict(blocks=[
    ("red", "常州市武进区工业和信息化局文件"),
    ("no", "武工信〔2025〕27号"),
    ("title", ["关于印发《武进区算力券", "实施办法》的通知"]),
    ("to", "各镇人民政府、街道办事处，武进国家高新区、西太湖科技产业园经发局，区各有关部门："),
    ("p", "《武进区算力券实施办法》已经区政府同意，现印发给你们，请认真贯彻落实。"),
    ("h", "武进区算力券实施办法"),
    ("p", "一、支持范围。在武进区注册纳税的企业，租用区内外智能算力中心的算力资源开展人工智能模型训练、推理、行业应用开发的，可申请算力券。"),
    ("p", "二、支持标准。区级财政每年安排算力券资金1000万元，按照企业算力使用费用的20%给予补贴，单家企业年度补贴¦不超过50万元。同时获得常州市级算力券支持的，叠加后补贴比例不超过50%。"),
    ("p", "三、申领方式。算力券实行“先用后补”，企业于每年1月、7月集中申报上一半年度的算力使用费用。"),
    ("p", "四、本办法自印发之日起施行。"),
    ("sign", ["常州市武进区工业和信息化局", "2025年5月8日"]),
], facts=facts("关于印发《武进区算力券实施办法》的通知", "2025-05-08", "常州市武进区工业和信息化局",
               "武工信〔2025〕27号", "final",
               [("算力券", "江苏省/常州市/武进区", "武进区算力券实施办法", 10000000, 0.2, 500000, None)],
               "江苏省/常州市/武进区"))

PDFS["a08_zunyi_innovation_tiers"] = dict(blocks=[
    ("red", "遵义市科学技术局文件"),
    ("no", "遵市科通〔2025〕8号"),
    ("title", ["遵义市科学技术局关于印发《遵义市", "科技创新券管理办法》的通知"]),
    ("to", "各县（市、区）科技局，新蒲新区科技局，各有关单位："),
    ("p", "现将《遵义市科技创新券管理办法》印发给你们，请遵照执行。"),
    ("sign", ["遵义市科学技术局", "2025年4月15日"]),
    ("page",),
    ("h", "遵义市科技创新券管理办法"),
    ("h", "第一章　总　则"),
    ("p", "第一条　为引导中小企业利用科技资源开展研发创新，根据有关规定，制定本办法。"),
    ("p", "第二条　科技创新券是市科学技术局向中小企业发放的，用于购买检验检测、研发设计、算力和模型服务等科技服务的电子凭证。"),
    ("h", "第二章　额度与比例"),
    ("p", "第三条　科技创新券年度总额二千万元。对小微企业按服务费用的50%、其他中小企业按30%给予补助，单个企业每年¦最高20万元。"),
    ("p", "第四条　对获得国家级科技型中小企业评价入库的企业，另给予一次性奖励5万元。"),
    ("h", "第三章　附　则"),
    ("p", "第五条　本办法自发布之日起施行，《遵义市科技创新券管理办法（试行）》同时废止。"),
], facts=facts("遵义市科学技术局关于印发《遵义市科技创新券管理办法》的通知", "2025-04-15", "遵义市科学技术局",
               "遵市科通〔2025〕8号", "final",
               [("创新券", "贵州省/遵义市", "遵义市科技创新券管理办法", 20000000, 0.5, 200000, None)], "贵州省/遵义市"))

PDFS["a09_bengbu_cloud_apply"] = dict(blocks=[
    ("red", "蚌埠市经济和信息化局文件"),
    ("no", "蚌经信数字〔2025〕61号"),
    ("title", ["蚌埠市经济和信息化局关于开展2025年", "云服务券申领工作的通知"]),
    ("to", "各县、区经信部门，蚌埠高新区、经开区经发局，各有关企业："),
    ("p", "为推动中小企业数字化转型，降低企业上云用云成本，现就开展2025年云服务券申领工作通知如下。"),
    ("p", "一、支持内容。本年度云服务券总额500万元。企业采购云主机、云存储、云上大模型等云服务的，按云服务原价的七折结算，差额部分由云服务券支付，每家企业最高10万元。"),
    ("p", "二、申领程序。企业登录“蚌埠市企业综合服务平台”在线填报，并于2025年11月30日前提交申领材料，县区经信部门于12月10日前完成审核。服务合同签订时间应在2025年1月1日至2025年10月31日之间。"),
    ("p", "三、联系方式。市经济和信息化局数字经济科，电话：0552-2058XXX。"),
    ("sign", ["蚌埠市经济和信息化局", "2025年10月20日"]),
], facts=facts("蚌埠市经济和信息化局关于开展2025年云服务券申领工作的通知", "2025-10-20", "蚌埠市经济和信息化局",
               "蚌经信数字〔2025〕61号", "application",
               [("云服务券", "安徽省/蚌埠市", None, 5000000, 0.3, 100000, "2025-11-30")], "安徽省/蚌埠市"))

# written after the code was fixed, without looking at its output first: a small held-out check
PDFS["c10_liupanshui_compute_apply_even_header"] = dict(running_even="六盘水市大数据发展管理局", dash="-", blocks=[
    ("red", "六盘水市大数据发展管理局文件"),
    ("no", "六盘水数发〔2025〕11号"),
    ("title", ["六盘水市大数据发展管理局关于组织开展", "2025年度算力券兑付申报的通知"]),
    ("to", "各县（市、特区、区）大数据主管部门，各有关企业："),
    ("p", "为落实《六盘水市加快算力产业发展若干措施》，降低企业智能算力使用成本，现就2025年度算力券兑付申报工作通知如下。"),
    ("h", "一、申报条件"),
    ("p", "申报企业须在六盘水市注册登记，具有独立法人资格，并与本市算力服务企业签订算力服务合同、已实际支付服务费用。近三年内发生重大安全生产事故、被列入严重失信主体名单的企业不得申报。"),
    ("h", "二、兑付标准"),
    ("p", "2025年度算力券兑付资金总额为1200万元。对企业实际支付的智能算力服务费用，按照百分之三十五予以兑付，单个企业¦年度兑付金额不超过八十万元。"),
    ("h", "三、申报时间和方式"),
    ("p", "申报时间：2025年9月1日至2025年9月26日。企业通过“六盘水市政务服务网”提交申报材料，纸质材料一式两份报送所在县（市、特区、区）大数据主管部门。各县（市、特区、区）大数据主管部门于10月15日前将审核意见报送市大数据局。"),
    ("h", "四、工作要求"),
    ("p", "各县（市、特区、区）大数据主管部门要加强政策宣传，指导企业做好申报工作，严格审核申报材料，确保申报信息真实准确。对弄虚作假、骗取财政资金的，依法依规严肃处理。"),
    ("p", "联系人：市大数据局数字产业科，电话：0858-8221XXX。"),
    ("sign", ["六盘水市大数据发展管理局", "2025年8月18日"]),
    ("att", "附件1", "算力服务企业名录", [["序号", "企业名称", "算力规模（PFlops）"],
                                       ["1", "六盘水某算力科技有限公司", "500"], ["2", "贵州某数据中心有限公司", "300"]]),
], facts=facts("六盘水市大数据发展管理局关于组织开展2025年度算力券兑付申报的通知", "2025-08-18",
               "六盘水市大数据发展管理局", "六盘水数发〔2025〕11号", "application",
               [("算力券", "贵州省/六盘水市", "六盘水市加快算力产业发展若干措施", 12000000, 0.35, 800000, "2025-09-26")],
               "贵州省/六盘水市"))

PDFS["c11_kangbashi_district_model"] = dict(dash="-", blocks=[
    ("red", "鄂尔多斯市康巴什区人民政府办公室文件"),
    ("no", "康府办发〔2025〕12号"),
    ("title", ["鄂尔多斯市康巴什区人民政府办公室", "关于印发康巴什区模型券实施方案的通知"]),
    ("to", "各街道办事处，区直各部门，各有关单位："),
    ("p", "《康巴什区模型券实施方案》已经区人民政府同意，现印发给你们，请结合实际认真抓好贯彻落实。"),
    ("sign", ["鄂尔多斯市康巴什区人民政府办公室", "2025年10月9日"]),
    ("page",),
    ("h", "康巴什区模型券实施方案"),
    ("p", "为推动人工智能大模型在能源、化工、文旅等领域落地应用，制定本方案。"),
    ("p", "一、支持方式。区财政每年安排模型券资金600万元，企业采购大模型服务的，模型券按服务合同金额的25%抵扣，使用本地部署大模型的可提高至35%，单个企业每年¦抵扣总额不超过40万元。"),
    ("p", "二、申领程序。模型券实行常态化申领，企业在服务合同签订后30日内提出申请，区工业和信息化局每季度集中审核一次。"),
    ("p", "三、对获得自治区级、鄂尔多斯市级模型券支持的企业，区级模型券与上级支持叠加后不超过合同金额的60%。"),
    ("p", "四、本方案自印发之日起施行，有效期至2027年12月31日。"),
], facts=facts("鄂尔多斯市康巴什区人民政府办公室关于印发康巴什区模型券实施方案的通知", "2025-10-09",
               "鄂尔多斯市康巴什区人民政府办公室", "康府办发〔2025〕12号", "final",
               [("模型券", "内蒙古自治区/鄂尔多斯市/康巴什区", "康巴什区模型券实施方案", 6000000, 0.35, 400000, None)],
               "内蒙古自治区/鄂尔多斯市/康巴什区"))

DOCXS["c12_taizhou_table_deadline"] = dict(blocks=[
    ("title", ["台州市数据局关于开展2025年度数据券和语料券申报工作的通知"]),
    ("to", "各县（市、区）数据局，有关企业："),
    ("p", "为加快数据要素价值释放，支持企业采购数据产品、训练语料，现将2025年度数据券和语料券申报有关事项通知如下。"),
    ("heading", "一、支持标准"),
    ("table", [["项目", "数据券", "语料券"],
               ["年度总额（万元）", "800", "400"],
               ["支持比例", "不超过合同金额的30%", "不超过合同金额的20%"],
               ["单个企业上限（万元）", "50", "30"]]),
    ("heading", "二、申报时间"),
    ("p", "即日起至2025年10月31日，逾期不再受理。"),
    ("sign", ["台州市数据局", "2025年9月12日"]),
], facts=facts("台州市数据局关于开展2025年度数据券和语料券申报工作的通知", "2025-09-12", "台州市数据局", None,
               "application",
               [("数据券", "浙江省/台州市", None, 8000000, 0.3, 500000, "2025-10-31"),
                ("语料券", "浙江省/台州市", None, 4000000, 0.2, 300000, "2025-10-31")],
               "浙江省/台州市"))

# the scanned one: an image, no text layer (not in the scored corpus: tests/attachments/extra/)
SCANNED_LINES = ["十堰市经济和信息化局文件", "十经信发〔2025〕7号", "关于印发《十堰市算力券实施办法》的通知",
                 "算力券年度总额1000万元，按费用的30%补贴，", "单个企业最高100万元。", "十堰市经济和信息化局", "2025年5月6日"]

# ------------------------------------------------------------------ DOCX

DOCXS["b01_xiangyang_compute_table"] = dict(blocks=[
    ("title", ["襄阳市经济和信息化局关于印发《襄阳市算力券实施细则》的通知"]),
    ("no", "襄经信发〔2025〕14号"),
    ("to", "各县（市、区）经信局，襄阳高新区、东津新区经发局，有关企业："),
    ("p", "为降低企业使用智能算力成本，加快人工智能赋能千行百业，现将《襄阳市算力券实施细则》印发给你们，请认真执行。"),
    ("heading", "一、支持对象"),
    ("p", "在襄阳市注册、依法经营的企业和科研机构，向经备案的算力服务商租用智能算力开展模型训练、推理和应用开发的，可申请算力券。"),
    ("heading", "二、支持标准"),
    ("p", "算力券的支持标准见下表。"),
    ("table", [["券种", "年度总额", "支持比例", "单个企业上限"],
               ["算力券", "2000万元", "30%", "150万元"]]),
    ("heading", "三、申领程序"),
    ("p", "算力券按半年度集中申领，申领时间另行通知。"),
    ("sign", ["襄阳市经济和信息化局", "2025年7月10日"]),
], facts=facts("襄阳市经济和信息化局关于印发《襄阳市算力券实施细则》的通知", "2025-07-10", "襄阳市经济和信息化局",
               "襄经信发〔2025〕14号", "final",
               [("算力券", "湖北省/襄阳市", "襄阳市算力券实施细则", 20000000, 0.3, 1500000, None)], "湖北省/襄阳市"))

DOCXS["b02_quanzhou_draft_textbox"] = dict(header="泉州市工业和信息化局", textbox="（征求意见稿）", blocks=[
    ("title", ["泉州市人工智能算力券和模型券实施办法"]),
    ("textbox",),
    ("p", "说明：本办法现公开征求社会各界意见，反馈意见请于2025年8月15日前发送至我局电子邮箱。"),
    ("heading", "第一条　目的"),
    ("p", "为加快人工智能技术在我市纺织鞋服、石化、建材等产业中的应用，降低企业算力和模型使用成本，制定本办法。"),
    ("heading", "第二条　算力券"),
    ("p", "市级财政每年安排算力券1500万元，对企业租用智能算力的，按费用的40%给予补贴，单个企业每年最高100万元。"),
    ("heading", "第三条　模型券"),
    ("p", "对企业采购大模型服务的，发放模型券，按不超过合同金额的30%给予补贴，单个企业每年最高50万元。"),
    ("sign", ["泉州市工业和信息化局", "2025年7月25日"]),
], facts=facts("泉州市人工智能算力券和模型券实施办法（征求意见稿）", "2025-07-25", "泉州市工业和信息化局", None, "draft",
               [("算力券", "福建省/泉州市", "泉州市人工智能算力券和模型券实施办法", 15000000, 0.4, 1000000, None),
                ("模型券", "福建省/泉州市", "泉州市人工智能算力券和模型券实施办法", None, 0.3, 500000, None)],
               "福建省/泉州市"))

DOCXS["b03_yantai_data_apply"] = dict(blocks=[
    ("title", ["烟台市大数据局关于组织申报2025年度数据券的通知"]),
    ("no", "烟数发〔2025〕19号"),
    ("to", "各区市大数据主管部门，有关企业："),
    ("p", "为促进数据要素流通和开发利用，根据《烟台市数据要素市场化配置改革实施方案》，现组织开展2025年度数据券申报工作。"),
    ("heading", "一、支持标准"),
    ("p", "2025年度数据券资金规模1000万元，对企业购买数据产品和数据服务的，按数据服务合同金额的35%给予补贴，单个企业最高40万元。"),
    ("heading", "二、申报时间"),
    ("p", "申报截止时间为2025年12月5日17:00。各区市大数据主管部门于2025年12月15日前完成审核推荐。"),
    ("heading", "三、申报材料"),
    ("table", [["序号", "材料名称", "说明"], ["1", "数据券申报书", "加盖公章"], ["2", "数据服务合同及发票", "复印件"],
               ["3", "营业执照", "复印件"]]),
    ("sign", ["烟台市大数据局", "2025年11月10日"]),
], facts=facts("烟台市大数据局关于组织申报2025年度数据券的通知", "2025-11-10", "烟台市大数据局", "烟数发〔2025〕19号",
               "application",
               [("数据券", "山东省/烟台市", "烟台市数据要素市场化配置改革实施方案", 10000000, 0.35, 400000, "2025-12-05")],
               "山东省/烟台市"))

DOCXS["b04_baotou_two_vouchers_table"] = dict(blocks=[
    ("title", ["包头市工业和信息化局关于印发《包头市算力券和模型券管理办法》的通知"]),
    ("no", "包工信发〔2025〕40号"),
    ("to", "各旗县区工信部门，稀土高新区经发局，各有关企业："),
    ("p", "现将《包头市算力券和模型券管理办法》印发给你们，请结合实际抓好落实。"),
    ("heading", "一、适用范围"),
    ("p", "本办法适用于在包头市注册的企业购买智能算力服务和大模型服务。"),
    ("heading", "二、支持标准"),
    ("table", [["券种", "年度总额（万元）", "支持比例", "单个企业最高（万元）"],
               ["算力券", "3000", "50%", "200"],
               ["模型券", "1000", "30%", "80"]]),
    ("heading", "三、其他"),
    ("p", "本办法自2025年9月1日起施行，有效期三年。"),
    ("sign", ["包头市工业和信息化局", "2025年8月20日"]),
], facts=facts("包头市工业和信息化局关于印发《包头市算力券和模型券管理办法》的通知", "2025-08-20", "包头市工业和信息化局",
               "包工信发〔2025〕40号", "final",
               [("算力券", "内蒙古自治区/包头市", "包头市算力券和模型券管理办法", 30000000, 0.5, 2000000, None),
                ("模型券", "内蒙古自治区/包头市", "包头市算力券和模型券管理办法", 10000000, 0.3, 800000, None)],
               "内蒙古自治区/包头市"))

DOCXS["b05_jinhua_training_header"] = dict(header="金华市经济和信息化局", footer="— 1 —", blocks=[
    ("title", ["金华市经济和信息化局关于印发《金华市训力券实施细则》的通知"]),
    ("no", "金经信〔2025〕52号"),
    ("to", "各县（市、区）经信局，金华开发区经发局，各有关单位："),
    ("p", "为支持企业开展大模型训练，降低训练算力成本，现将《金华市训力券实施细则》印发给你们，请认真贯彻执行。"),
    ("heading", "第一条　支持对象"),
    ("p", "在金华市注册的企业租用训练算力开展大模型预训练、微调的，可申请训力券。"),
    ("heading", "第二条　支持标准"),
    ("p", "训力券年度总额800万元。企业按训练服务价格的4折支付，其余部分以训力券抵扣，单个企业每年最高60万元。"),
    ("heading", "第三条　附则"),
    ("p", "本细则自2025年7月1日起施行。"),
    ("sign", ["金华市经济和信息化局", "2025年6月30日"]),
], facts=facts("金华市经济和信息化局关于印发《金华市训力券实施细则》的通知", "2025-06-30", "金华市经济和信息化局",
               "金经信〔2025〕52号", "final",
               [("训力券", "浙江省/金华市", "金华市训力券实施细则", 8000000, 0.6, 600000, None)], "浙江省/金华市"))


# ------------------------------------------------------------------ PDF layout

PUNCT_NO_START = set("，。、；：！？）》”’〕】%")


def make_pdf(spec: dict) -> bytes:
    from fpdf import FPDF
    cols = spec.get("columns", 1)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)          # the same bytes on every run
    pdf.set_auto_page_break(False)
    pdf.add_font("song", fname=BODY_FONT, collection_font_number=0)
    pdf.add_font("red", fname=RED_FONT, collection_font_number=2)
    left, width = 28.0, 156.0
    size = 16 if cols == 1 else 10.5
    lh = 10.2 if cols == 1 else 6.2
    top, per_page = 37.0, 22 if cols == 1 else 34
    gutter = 8.0
    colw = width if cols == 1 else (width - gutter) / 2

    def wrap(text: str, first_indent: float, w: float) -> list[tuple[str, float]]:
        pdf.set_font("song", size=size)
        lines, cur, indent = [], "", first_indent
        for ch in text:
            if cur and pdf.get_string_width(cur.replace("¦", "") + ch) > w - indent and ch not in PUNCT_NO_START:
                lines.append((cur, indent))
                cur, indent = "", 0.0
            cur += ch
        if cur:
            lines.append((cur, indent))
        return lines

    # the flow of lines: (kind, text, indent)
    flow: list[tuple] = []
    for b in spec["blocks"]:
        k = b[0]
        if k == "p":
            pdf.set_font("song", size=size)
            ind = 2 * pdf.get_string_width("中")
            flow.extend(("p", t, i) for t, i in wrap(b[1], ind, colw))
        elif k == "to":
            flow.extend(("p", t, i) for t, i in wrap(b[1], 0.0, colw))
        elif k == "h":
            flow.extend(("c", t, 0) for t, _ in wrap(b[1], 0.0, colw))
        elif k == "sign":
            flow.append(("blank", "", 0))
            flow.extend(("r", t, 0) for t in b[1])
        elif k == "page":
            flow.append(("page", "", 0))
        elif k in ("red", "no", "title", "att"):
            flow.append((k, b, 0))

    pages: list[list[tuple]] = [[]]
    capacity = per_page * cols

    def height(it) -> int:
        return {"red": 3, "no": 2, "title": 3}.get(it[0], 1)

    def used(page) -> int:
        return sum(map(height, page))

    i = 0
    while i < len(flow):
        it = flow[i]
        if it[0] == "page":
            if pages[-1]:
                pages.append([])
            i += 1
            continue
        if it[0] == "att":
            if pages[-1]:
                pages.append([])
            pages[-1].append(it)
            pages.append([])
            i += 1
            continue
        # a paragraph holding '¦': pad so that its line with the mark ends the page (per_page lines a column)
        para = [it]
        while i + len(para) < len(flow) and flow[i + len(para)][0] == "p" and not flow[i + len(para)][2]:
            para.append(flow[i + len(para)])
        if it[0] == "p" and it[2] and any("¦" in f[1] for f in para):
            k = next(n for n, f in enumerate(para) if "¦" in f[1])
            pos = used(pages[-1])
            pad = (per_page - 1 - (pos + k)) % per_page
            pages[-1].extend([("blank", "", 0)] * pad)
        if used(pages[-1]) + height(it) > capacity:
            pages.append([])
        pages[-1].append(it)
        i += 1
    pages = [p for p in pages if p]
    nb = len(pages)

    for pno, page in enumerate(pages, 1):
        pdf.add_page()
        running = spec.get("running") or (spec.get("running_even") if pno % 2 == 0 else None)
        if running:
            pdf.set_font("song", size=10.5)
            pdf.set_xy(left, 18)
            pdf.cell(width, 6, running, align="C")
            pdf.line(left, 25, left + width, 25)
        if page[0][0] == "att":
            _, (_, label, title, rows), _ = page[0]
            pdf.set_font("song", size=16)
            pdf.set_xy(left, top)
            pdf.cell(width, lh, label)
            pdf.set_xy(left, top + lh * 1.5)
            pdf.cell(width, lh, title, align="C")
            pdf.set_font("song", size=12)
            pdf.set_xy(left, top + lh * 3)
            with pdf.table(width=width, text_align="CENTER", first_row_as_headings=False,
                           line_height=12) as table:
                for row in rows:
                    r = table.row()
                    for c in row:
                        r.cell(c)
        else:
            # lay lines out in columns: items of a page in reading order, drawn row by row across the columns
            slots: list[list[tuple]] = [[] for _ in range(cols)]
            c, n = 0, 0
            for it in page:
                h = height(it)
                if n + h > per_page and c < cols - 1:
                    c, n = c + 1, 0
                slots[c].append((n, it))
                n += h
            draws = sorted(((n, ci, it) for ci in range(cols) for n, it in slots[ci]), key=lambda x: (x[0], x[1]))
            for n, ci, it in draws:
                x0 = left + ci * (colw + gutter)
                y = top + n * lh
                kind = it[0]
                if kind == "red":
                    pdf.set_text_color(200, 0, 0)
                    fs = 30
                    pdf.set_font("red", size=fs)
                    while pdf.get_string_width(it[1][1]) > width and fs > 18:
                        fs -= 1
                        pdf.set_font("red", size=fs)
                    pdf.set_xy(left, y + 4)
                    pdf.cell(width, 14, it[1][1], align="C")
                    pdf.set_text_color(0, 0, 0)
                elif kind == "no":
                    pdf.set_font("song", size=16)
                    pdf.set_xy(left, y)
                    pdf.cell(width, lh, it[1][1], align="C")
                    pdf.set_draw_color(200, 0, 0)
                    pdf.set_line_width(0.8)
                    pdf.line(left, y + lh + 2, left + width, y + lh + 2)
                    pdf.set_draw_color(0, 0, 0)
                    pdf.set_line_width(0.2)
                elif kind == "title":
                    pdf.set_font("song", size=20)
                    for k2, t in enumerate(it[1][1]):
                        pdf.set_xy(left, y + k2 * 11)
                        pdf.cell(width, 11, t, align="C")
                elif kind == "blank":
                    pass
                else:
                    pdf.set_font("song", size=size)
                    text = it[1].replace("¦", "")
                    if kind == "c":
                        pdf.set_xy(x0, y)
                        pdf.cell(colw, lh, text, align="C")
                    elif kind == "r":
                        pdf.set_xy(x0, y)
                        pdf.cell(colw - 8, lh, text, align="R")
                    else:
                        pdf.set_xy(x0 + it[2], y)
                        pdf.cell(colw - it[2], lh, text)
        # the page number, odd pages right, even pages left
        pdf.set_font("song", size=14)
        pdf.set_xy(left, 297 - 26)
        dash = spec.get("dash", "—")
        label = f"第 {pno} 页 共 {nb} 页" if spec.get("pageof") else f"{dash} {pno} {dash}"
        pdf.cell(width, 8, label, align=("R" if pno % 2 else "L") if not spec.get("pageof") else "C")
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """An image-only page (what a scanner gives): no text layer at all."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("1", (1240, 1754), 1)
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(BODY_FONT, 40, index=0)
    y = 200
    for line in SCANNED_LINES:
        d.text((160, y), line, font=font, fill=0)
        y += 90
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


# ------------------------------------------------------------------ DOCX layout

def _textbox_run(paragraph, text: str) -> None:
    """A floating text box (Word writes mc:AlternateContent: a DrawingML shape and its VML fallback, same text)."""
    from docx.oxml import parse_xml
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word"')
    body = f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'
    xml = (f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="2" '
           f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
           f'<wp:positionH relativeFrom="column"><wp:posOffset>1800000</wp:posOffset></wp:positionH>'
           f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
           f'<wp:extent cx="1800000" cy="400000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
           f'<wp:docPr id="10" name="Text Box 10"/><wp:cNvGraphicFramePr/>'
           f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="400000"/>'
           f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
           f'<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
           f'</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><v:shape id="tb10" type="#_x0000_t202" style="position:absolute;width:141pt;height:31pt">'
           f'<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
           f'</mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


def make_docx(spec: dict) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    st = d.styles["Normal"]
    st.font.name = "FangSong"
    st.font.size = Pt(16)
    sec = d.sections[0]
    if spec.get("header"):
        sec.header.paragraphs[0].text = spec["header"]
    if spec.get("footer"):
        sec.footer.paragraphs[0].text = spec["footer"]
    for b in spec["blocks"]:
        k = b[0]
        if k == "title":
            for t in b[1]:
                p = d.add_paragraph(t)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif k == "no":
            d.add_paragraph(b[1]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif k == "textbox":
            _textbox_run(d.add_paragraph(), spec["textbox"])
        elif k in ("to", "p"):
            p = d.add_paragraph(b[1])
            if k == "p":
                p.paragraph_format.first_line_indent = Pt(32)
        elif k == "heading":
            d.add_heading(b[1], level=2)
        elif k == "table":
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, val in enumerate(row):
                    t.cell(r, c).text = val
        elif k == "sign":
            for t in b[1]:
                d.add_paragraph(t).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed member times (the same bytes on every run)."""
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 11, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    for name, spec in PDFS.items():
        (HERE / f"{name}.pdf").write_bytes(make_pdf(spec))
        (HERE / f"{name}.json").write_text(json.dumps(spec["facts"], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name, spec in DOCXS.items():
        (HERE / f"{name}.docx").write_bytes(make_docx(spec))
        (HERE / f"{name}.json").write_text(json.dumps(spec["facts"], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    extra = HERE / "extra"
    extra.mkdir(exist_ok=True)
    (extra / "shiyan_scanned.pdf").write_bytes(make_scanned_pdf())


if __name__ == "__main__":
    main()
