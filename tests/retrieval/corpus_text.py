"""The words of the corpus: report sections in three scripts and the Excel data-pack sheets."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from corpus_model import FAMILIES, METRICS, Doc


@dataclass(frozen=True)
class Para:
    """A paragraph; keys name the facts stated in it; notes go to a slide's speaker notes."""

    text: str
    keys: tuple[str, ...] = ()
    note: bool = False


@dataclass(frozen=True)
class Table:
    """A table; keys[i] names the facts stated in rows[i]."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keys: tuple[tuple[str, ...], ...]


Block = Para | Table
Section = tuple[str, list[tuple[str, list[Block]]]]  # (heading 1, [(heading 2, blocks)])


@dataclass(frozen=True)
class Sheet:
    """A worksheet: header row, then data rows (None leaves a blank row); keys as in Table."""

    name: str
    header: list[str]
    rows: list[list[Any] | None]
    keys: list[tuple[str, ...]]


TITLES = {
    "en": {
        "pdf": "{name} Annual Report FY{year}",
        "docx": "{name}: Equity Research Note on FY{year} Results",
        "pptx": "{name} FY{year} Investor Presentation",
        "xlsx": "{name} FY{year} Data Pack",
    },
    "hans": {
        "pdf": "{name}{year}年年度报告",
        "docx": "{name}{year}年度业绩点评",
        "pptx": "{name}{year}年投资者交流会",
        "xlsx": "{name}{year}年数据包",
    },
    "hant": {
        "pdf": "{name}{year}年年報",
        "docx": "{name}{year}年度營運分析報告",
        "pptx": "{name}{year}年法人說明會",
    },
}
SUBTITLES = {
    "en": "Prepared for shareholders, analysts and other stakeholders",
    "hans": "本报告供投资者与分析师参考",
    "hant": "本報告供投資人與分析師參考",
}

FILLERS = {
    "en": [
        "Management continued to favour disciplined pricing over volume in contested tenders.",
        "Customer conversations point to steady demand, although purchasing cycles lengthened.",
        "Input costs eased in the second half as long-term supply agreements took effect.",
        "The company kept working capital under tight control and took on no new long-term debt.",
        "Digital tools now cover most production steps, lifting output per employee.",
        "Competition remained intense, but price pressure moderated towards the end of the year.",
        "Quality programmes reduced warranty claims and shortened service response times.",
        "New capacity ramped up in line with plan, with yields improving month by month.",
        "Energy use per unit of output declined again as the group pursued its climate targets.",
        "Demand was uneven across end markets, with premium products outgrowing the rest.",
        "A revised incentive plan helped retain key engineering staff.",
        "Currency movements had a limited net effect on reported earnings.",
        "In our view the cost position would become even more valuable in a downturn.",
        "Local sourcing increased, shortening lead times for critical components.",
        "Joint research with universities broadened the technology pipeline.",
        "Management described order visibility as cautiously positive.",
    ],
    "hans": [
        "公司持续优化产品结构，高附加值产品的收入占比稳步提升。",
        "在原材料价格波动的背景下，公司通过长期协议锁定了主要供应商的采购价格。",
        "管理层表示，将继续坚持稳健经营，严格控制应收账款风险。",
        "海外市场拓展取得积极进展，多个重点客户完成了产品认证。",
        "数字化改造覆盖了主要生产环节，人均产出明显改善。",
        "行业竞争依然激烈，价格压力在下半年有所缓解。",
        "公司加强了质量管理体系建设，客户投诉率持续下降。",
        "新产能的爬坡进度符合预期，良率逐月提升。",
        "公司积极响应绿色制造要求，单位产品能耗继续下降。",
        "下游需求呈现结构性分化，高端产品订单保持增长。",
        "公司进一步完善了激励机制，核心技术人员保持稳定。",
        "汇率波动对经营业绩的影响总体可控。",
        "我们认为公司的成本优势在行业下行周期中更为突出。",
        "供应链本地化率进一步提高，关键零部件的交付周期缩短。",
        "公司与多家高校和科研院所开展了联合研发合作。",
        "管理层对未来的订单可见度保持谨慎乐观的态度。",
    ],
    "hant": [
        "公司持續優化產品組合，高毛利產品的營收占比穩定提升。",
        "面對原物料價格波動，公司透過長期合約鎖定主要供應商的採購價格。",
        "管理階層表示將維持穩健經營，並嚴格控管應收帳款風險。",
        "海外市場拓展有所斬獲，多家重點客戶已完成產品認證。",
        "數位轉型涵蓋主要生產流程，每人產值明顯改善。",
        "產業競爭依然激烈，價格壓力於下半年略為緩解。",
        "公司強化品質管理制度，客訴比率持續下降。",
        "新產能的爬坡進度符合預期，良率逐月提升。",
        "公司積極落實綠色製造，單位產品能耗持續下降。",
        "終端需求呈現結構性分化，高階產品訂單維持成長。",
        "公司進一步完善獎酬制度，核心研發人員維持穩定。",
        "匯率波動對營運的影響整體可控。",
        "我們認為公司的成本優勢在景氣下行時更為突出。",
        "供應鏈在地化比重提高，關鍵零組件的交期縮短。",
        "公司與多所大學及研究機構進行合作研發。",
        "管理階層對未來訂單能見度抱持審慎樂觀的看法。",
    ],
}

# Per language: headings, then the sentence templates (str.format over the Doc's facts).
WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "h": [
            ("Company overview", ["Profile", "Year in review"]),
            (
                "Financial review",
                ["Profitability", "Segment results", "Quarterly trend", "Cash flow and dividend"],
            ),
            ("Operations", ["Manufacturing footprint", "Customers and supply chain"]),
            ("Products and R&D", ["New products", "Research and development"]),
            ("Outlook and risks", ["Guidance", "Key risks"]),
        ],
        "headcount": "{name} is headquartered in {hq} and employed {headcount} people at the "
        "end of fiscal {year}.",
        "ceo": "{ceo} has served as chief executive since {ceo_since} and chairs the group's "
        "executive committee.",
        "cfo": "Chief financial officer {cfo} oversees treasury, reporting and investor relations.",
        "revenue": "Revenue for fiscal {year} reached USD {revenue} million, an increase of "
        "{growth}% on the prior year.",
        "gm": "Gross margin for FY{year} was {gm}%, and operating margin came in at {om}%.",
        "net_profit": "Net profit attributable to shareholders amounted to USD {net_profit} "
        "million.",
        "seg_intro": "Revenue and margin by reporting segment are summarised below.",
        "seg_header": ("Segment", "Revenue (USD m)", "Margin (%)"),
        "q_intro": "Quarterly revenue and orders received through the year were as follows.",
        "q_header": ("Quarter", "Revenue (USD m)", "Orders received (USD m)"),
        "quarters": ("Q1", "Q2", "Q3", "Q4"),
        "capex": "Capital expenditure totalled USD {capex} million, mostly for new capacity.",
        "dps": "The board recommends a dividend of USD {dps} per share for the year.",
        "plant": "The {city} plant, opened in {opened}, produces {line} with an annual capacity "
        "of {cap} {unit}.",
        "cust": "The largest single customer accounted for {cust}% of group revenue.",
        "product": "The {pname} was launched on {pdate} at a list price of USD {pprice}.",
        "rd": "Research and development spending equalled {rd}% of revenue.",
        "patents": "Engineers filed {patents} patent applications during the year.",
        "guide": "For fiscal {next_year}, management expects revenue growth of {guide_lo}% to "
        "{guide_hi}%.",
        "backlog": "The order backlog stood at USD {backlog} million at year end.",
    },
    "hans": {
        "h": [
            ("公司概况", ["基本情况", "年度回顾"]),
            ("财务回顾", ["盈利能力", "分部业绩", "季度走势", "现金流与分红"]),
            ("生产运营", ["生产基地", "客户与供应链"]),
            ("产品与研发", ["新产品", "研发投入"]),
            ("展望与风险", ["业绩指引", "主要风险"]),
        ],
        "headcount": "{name}总部位于{hq}，截至{year}年末在册员工{headcount}人。",
        "ceo": "{ceo}自{ceo_since}年起出任公司总裁，并兼任执行委员会主席。",
        "cfo": "首席财务官{cfo}负责资金管理、财务报告与投资者关系工作。",
        "revenue": "{year}年公司实现营业收入{revenue}亿元，同比增长{growth}%。",
        "gm": "{year}年综合毛利率为{gm}%，营业利润率为{om}%。",
        "net_profit": "归属于母公司股东的净利润为{net_profit}亿元。",
        "seg_intro": "各业务分部的收入与毛利率如下表所示。",
        "seg_header": ("业务分部", "营业收入（亿元）", "毛利率（%）"),
        "q_intro": "分季度看，全年营业收入与新签订单情况如下。",
        "q_header": ("季度", "营业收入（亿元）", "新签订单（亿元）"),
        "quarters": ("第一季度", "第二季度", "第三季度", "第四季度"),
        "capex": "全年资本开支为{capex}亿元，主要投向新产线建设。",
        "dps": "董事会建议每股派发现金红利{dps}元（含税）。",
        "plant": "{city}基地于{opened}年投产，主要生产{line}，设计年产能为{cap}{unit}。",
        "cust": "第一大客户贡献了{cust}%的营业收入。",
        "product": "{pname}于{pdate}正式发布，建议售价为{pprice}元。",
        "rd": "研发投入占营业收入的比例为{rd}%。",
        "patents": "全年新增专利申请{patents}项。",
        "guide": "管理层预计{next_year}年营业收入同比增长{guide_lo}%至{guide_hi}%。",
        "backlog": "截至{year}年末，公司在手订单金额为{backlog}亿元。",
    },
    "hant": {
        "h": [
            ("公司概況", ["基本資料", "年度回顧"]),
            ("財務回顧", ["獲利能力", "部門業績", "季度走勢", "現金流量與股利"]),
            ("生產營運", ["生產據點", "客戶與供應鏈"]),
            ("產品與研發", ["新產品", "研發投入"]),
            ("展望與風險", ["營運展望", "主要風險"]),
        ],
        "headcount": "{name}總部設於{hq}，截至{year}年底員工人數為{headcount}人。",
        "ceo": "{ceo}自{ceo_since}年起擔任總經理，並兼任經營決策委員會召集人。",
        "cfo": "財務長{cfo}負責資金調度、財務報導與投資人關係。",
        "revenue": "{year}年合併營收為新台幣{revenue}億元，年增{growth}%。",
        "gm": "{year}年毛利率為{gm}%，營業利益率為{om}%。",
        "net_profit": "歸屬於母公司業主之淨利為新台幣{net_profit}億元。",
        "seg_intro": "各事業部門的營收與毛利率如下表。",
        "seg_header": ("事業部門", "營收（新台幣億元）", "毛利率（%）"),
        "q_intro": "各季營收與接單金額如下。",
        "q_header": ("季度", "營收（新台幣億元）", "接單（新台幣億元）"),
        "quarters": ("第一季", "第二季", "第三季", "第四季"),
        "capex": "全年資本支出為新台幣{capex}億元，主要用於擴充產能。",
        "dps": "董事會擬議每股配發現金股利新台幣{dps}元。",
        "plant": "{city}廠於{opened}年量產，主要生產{line}，年產能為{cap}{unit}。",
        "cust": "最大客戶占合併營收的{cust}%。",
        "product": "{pname}於{pdate}正式發表，建議售價為新台幣{pprice}元。",
        "rd": "研發費用占營收比重為{rd}%。",
        "patents": "全年新增專利申請{patents}件。",
        "guide": "經營團隊預估{next_year}年營收將成長{guide_lo}%至{guide_hi}%。",
        "backlog": "截至{year}年底，在手訂單金額為新台幣{backlog}億元。",
    },
}


def title(doc: Doc) -> str:
    return TITLES[doc.lang][doc.fmt].format(name=doc.name, year=doc.year)


def subtitle(doc: Doc) -> str:
    return SUBTITLES[doc.lang]


class _Writer:
    """Fills one Doc's templates; filler paragraphs come from the Doc's own random stream."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.words = WORDS[doc.lang]
        self.rng = random.Random(doc.stem + "/text")
        self.values = {"name": doc.name, "year": doc.year, "next_year": doc.year + 1, **doc.facts}

    def para(self, template: str, *keys: str, note: bool = False, **extra: str) -> Para:
        text = self.words[template].format(**self.values, **extra)
        return Para(text, keys, note)

    def filler(self) -> Para:
        first, second = self.rng.sample(FILLERS[self.doc.lang], 2)
        joiner = " " if self.doc.lang == "en" else ""
        return Para(first + joiner + second)

    def table(
        self, header: str, labels: tuple[str, ...], cols: tuple[str, str], first: int
    ) -> Table:
        """Rows label | fact | fact, the facts numbered from first (segments 0, quarters 1)."""
        keys = tuple(tuple(key.format(i + first) for key in cols) for i in range(len(labels)))
        rows = tuple(
            (label, *(self.values[k] for k in key)) for label, key in zip(labels, keys, strict=True)
        )
        return Table(self.words[header], rows, keys)


def _overview(w: _Writer) -> list[list[Block]]:
    profile = [
        w.para("headcount", "headcount"),
        w.para("ceo", "ceo"),
        w.para("cfo", "cfo", note=True),
        w.filler(),
    ]
    return [profile, [w.para("revenue", "revenue", "growth"), w.filler(), w.filler()]]


def _financials(w: _Writer) -> list[list[Block]]:
    segments = tuple(w.values[f"seg{i}"] for i in range(3))
    quarters = w.words["quarters"]
    return [
        [w.para("gm", "gm", "om"), w.para("net_profit", "net_profit"), w.filler()],
        [
            Para(w.words["seg_intro"]),
            w.table("seg_header", segments, ("seg{}_rev", "seg{}_margin"), 0),
        ],
        [Para(w.words["q_intro"]), w.table("q_header", quarters, ("q{}_rev", "q{}_orders"), 1)],
        [w.para("capex", "capex"), w.para("dps", "dps", note=True)],
    ]


def _plant(w: _Writer, i: int) -> Para:
    v, unit = w.values, FAMILIES[w.doc.family].unit
    extra = {"city": v[f"plant{i}_city"], "opened": v[f"plant{i}_opened"]}
    extra |= {"line": v[f"plant{i}_line"], "cap": v[f"plant{i}_cap"], "unit": unit}
    return w.para("plant", f"plant{i}_city", f"plant{i}_cap", **extra)


def _product(w: _Writer, i: int) -> Para:
    v = w.values
    keys = (f"product{i}_name", f"product{i}_date", f"product{i}_price")
    extra = dict(zip(("pname", "pdate", "pprice"), (v[k] for k in keys), strict=True))
    return w.para("product", *keys, **extra)


def _operations(w: _Writer) -> list[list[Block]]:
    plants: list[Block] = [_plant(w, i) for i in range(3)]
    return [plants, [w.para("cust", "cust"), w.filler()]]


def _products(w: _Writer) -> list[list[Block]]:
    products: list[Block] = [_product(w, i) for i in range(3)]
    rnd = [w.para("rd", "rd"), w.para("patents", "patents", note=True), w.filler()]
    return [products, rnd]


def _outlook(w: _Writer) -> list[list[Block]]:
    guidance = [w.para("guide", "guide_lo", "guide_hi"), w.para("backlog", "backlog", note=True)]
    return [guidance, [w.filler(), w.filler()]]


def sections(doc: Doc) -> list[Section]:
    """The report's text: five chapters of two to four sections each."""
    w = _Writer(doc)
    bodies = [_overview(w), _financials(w), _operations(w), _products(w), _outlook(w)]
    out: list[Section] = []
    for (h1, h2s), blocks in zip(w.words["h"], bodies, strict=True):
        out.append((h1, list(zip(h2s, blocks, strict=True))))
    return out


SHEET_WORDS = {
    "en": {
        "names": ("Key metrics", "Sites", "Products"),
        "metrics": ["Entity", "Metric", "Unit"],
        "year": "FY{}",
        "sites": [
            "Site code",
            "City",
            "Region",
            "Opened",
            "Capacity (units/yr)",
            "Utilisation FY{} (%)",
            "Staff",
        ],
        "products": [
            "SKU",
            "Product",
            "Launch date",
            "List price (USD)",
            "Units sold FY{}",
            "Lead market",
        ],
    },
    "hans": {
        "names": ("关键指标", "生产基地", "产品"),
        "metrics": ["公司", "指标", "单位"],
        "year": "{}年",
        "sites": [
            "基地编号",
            "城市",
            "区域",
            "投产年份",
            "年产能",
            "{}年产能利用率（%）",
            "员工人数",
        ],
        "products": ["产品编号", "产品名称", "上市日期", "标价（元）", "{}年销量", "主要市场"],
    },
}
BLANK_AFTER_SITE = 12  # a blank row separates the first twelve sites from the rest


def sheets(doc: Doc) -> list[Sheet]:
    """The data pack: key metrics over three years, the site list and the product list."""
    words = SHEET_WORDS[doc.lang]
    return [_metrics_sheet(doc, words), _sites_sheet(doc, words), _products_sheet(doc, words)]


def _metrics_sheet(doc: Doc, words: dict[str, Any]) -> Sheet:
    years = range(doc.year - 2, doc.year + 1)
    header = words["metrics"] + [words["year"].format(y) for y in years]
    rows: list[list[Any] | None] = []
    keys = []
    for (metric, en, zh, en_unit, zh_unit, *_), values in zip(
        METRICS, doc.data["metrics"], strict=True
    ):
        label, unit = (en, en_unit) if doc.lang == "en" else (zh, zh_unit)
        rows.append([doc.name, label, unit, *values])
        keys.append(tuple(f"{metric}@{y}" for y in years))
    return Sheet(words["names"][0], header, rows, keys)


def _sites_sheet(doc: Doc, words: dict[str, Any]) -> Sheet:
    header = [h.format(doc.year) for h in words["sites"]]
    rows: list[list[Any] | None] = []
    keys: list[tuple[str, ...]] = []
    for i, site in enumerate(doc.data["sites"]):
        if i == BLANK_AFTER_SITE:
            rows.append(None)
            keys.append(())
        rows.append(site)
        keys.append((f"site{i}_cap", f"site{i}_util", f"site{i}_staff"))
    return Sheet(words["names"][1], header, rows, keys)


def _products_sheet(doc: Doc, words: dict[str, Any]) -> Sheet:
    header = [h.format(doc.year) for h in words["products"]]
    keys = [
        tuple(f"prod{i}_{k}" for k in ("name", "date", "price", "units"))
        for i in range(len(doc.data["products"]))
    ]
    return Sheet(words["names"][2], header, list(doc.data["products"]), keys)
