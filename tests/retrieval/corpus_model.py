"""The companies of the retrieval corpus, their look-alikes and the facts drawn for each."""

# Every value of a labelled report (numbers, dates, names, cities, product names) is drawn through
# one Registry, so it occurs once in the whole corpus; look-alikes avoid those values but may
# repeat among themselves. Draws use random.Random seeded with the report's file name, so the
# output does not depend on the run.

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
ROMAN = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


class Registry:
    """Values of the labelled reports, each used once in the corpus; small integers and years
    are never drawn, so an answer is never a page number, a quarter or a year."""

    def __init__(self) -> None:
        self.base = {str(n) for n in range(101)} | {str(y) for y in range(1980, 2041)}
        self.seen: set[str] = set(self.base)

    def claim(self, value: str) -> str:
        """Take value (numbers compare without thousands separators); it must be new."""
        key = value.replace(",", "")
        if key in self.seen:
            raise ValueError(f"value used twice in the corpus: {value}")
        self.seen.add(key)
        return value

    def draw(self, make: Callable[[], str], inner: bool = False, keep: bool = True) -> str:
        """The first value from make() that was not taken before; with inner, the numbers inside
        it (as in "R1:72B") must not be taken either. keep: take it (labelled reports keep all
        their values; a look-alike's values only avoid them and may repeat among look-alikes)."""
        for _ in range(20000):
            value = make()
            numbers = [n.replace(",", "") for n in _NUMBER.findall(value)] if inner else []
            if value.replace(",", "") in self.seen or set(numbers) & self.seen - self.base:
                continue
            if keep:
                self.seen.update(numbers)
                self.claim(value)
            return value
        raise RuntimeError("value pool exhausted")

    def claim_name(self, value: str) -> str:
        """Claim a hand-picked product name and the numbers inside it."""
        for number in _NUMBER.findall(value):
            self.seen.add(number.replace(",", ""))
        return self.claim(value)


@dataclass(frozen=True)
class Family:
    """What a group of look-alike companies shares: language, segments, plants and products."""

    lang: str  # "en", "hans" (Simplified Chinese) or "hant" (Traditional Chinese)
    segments: tuple[str, str, str]
    lines: tuple[str, str, str]  # what each of the three plants makes
    unit: str  # capacity unit
    products: tuple[str, ...]  # name stems: {n} 10-99, {d} one-decimal code, {r} Roman numeral


@dataclass
class Doc:
    """One report: who it is about, its format and the facts drawn for it."""

    stem: str
    family: str
    name: str
    year: int
    fmt: str
    labelled: bool = False
    overrides: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return f"corpus/{self.stem}.{self.fmt}"

    @property
    def lang(self) -> str:
        return FAMILIES[self.family].lang


FAMILIES: dict[str, Family] = {
    "acme": Family(
        "en",
        ("Warehouse automation", "Service robots", "Software & support"),
        ("picking arms", "autonomous mobile robots", "vision modules"),
        "robots",
        ("R1:{n}B picking controller", "Atlas Mk {r} arm", "Cortex-{d} vision kit"),
    ),
    "northwind": Family(
        "en",
        ("Biologics CDMO", "Diagnostics", "Research reagents"),
        ("monoclonal antibodies", "cell-culture media", "diagnostic assay kits"),
        "litres of bioreactor volume",
        ("NWB-{n}0 antibody", "Clarix {d} assay", "VeloCell {n}K bioreactor"),
    ),
    "helios": Family(
        "en",
        ("Utility-scale storage", "Commercial & industrial", "Residential"),
        ("LFP battery racks", "power conversion systems", "containerised storage units"),
        "modules",
        ("HG-{n}0:{m}C battery rack", "Solis {d} inverter", "GridOS {n} controller"),
    ),
    "bluewater": Family(
        "en",
        ("Ocean freight", "Contract logistics", "Customs brokerage"),
        ("refrigerated containers", "bonded warehousing", "cross-dock handling"),
        "pallet positions",
        ("BW Track {d}", "ColdChain {n}X", "PortLink {n}", "DockSense {r}"),
    ),
    "huadong": Family(
        "hans",
        ("动力电池", "储能系统", "光伏组件"),
        ("动力电芯", "储能电池柜", "光伏组件"),
        "套",
        ("HD-{n}0动力电芯", "储能柜ES-{n}", "PV{n}0光伏组件"),
    ),
    "jiangnan": Family(
        "hans",
        ("工业机器人", "数控机床", "智能物流"),
        ("协作机器人", "数控机床", "智能仓储设备"),
        "台",
        ("JN-{n}协作机器人", "智造平台V{d}", "视觉检测仪{n}0", "立体仓库系统W{n}"),
    ),
    "beichen": Family(
        "hans",
        ("刻蚀设备", "薄膜沉积", "工艺服务"),
        ("刻蚀设备", "薄膜沉积设备", "清洗设备"),
        "台",
        ("BC-{n}0刻蚀机", "沉积设备D{n}", "量测平台M{d}"),
    ),
    "zhongke": Family(
        "hans",
        ("正极材料", "负极材料", "电解液"),
        ("正极材料", "磷酸铁锂", "电解液"),
        "吨",
        ("NCM{n}正极材料", "LFP-{n}磷酸铁锂", "E{n}电解液", "硅碳负极S{d}"),
    ),
    "lianhua": Family(
        "hant",
        ("光通訊元件", "感測元件", "顯示模組"),
        ("雷射二極體", "光感測元件", "Micro LED模組"),
        "片",
        ("LH-{n}雷射模組", "光感晶片S{n}", "Micro LED面板M{d}"),
    ),
    "hongda": Family(
        "hant",
        ("傳動元件", "自動化模組", "售後服務"),
        ("滾珠螺桿", "線性滑軌", "精密軸承"),
        "組",
        ("HT-{n}精密軸承", "線性滑軌L{n}", "伺服模組S{d}"),
    ),
}


def _doc(stem: str, family: str, name: str, year: int, fmt: str, **over: str) -> Doc:
    return Doc(
        stem, family, name, year, fmt, labelled=bool(over.pop("labelled", "")), overrides=over
    )


L = "yes"  # marks a labelled report (questions are asked about it)

DOCS: list[Doc] = [
    _doc(
        "acme_robotics_fy2025_annual_report",
        "acme",
        "Acme Robotics",
        2025,
        "pdf",
        labelled=L,
        product0_name="R1:70B picking controller",
        product2_name="Cortex-9.4 vision kit",
    ),
    _doc("acme_robotic_systems_fy2025_annual_report", "acme", "Acme Robotic Systems", 2025, "pdf"),
    _doc("acme_robotics_asia_fy2025_research_note", "acme", "Acmé Robotics Asia", 2025, "docx"),
    _doc("acme_robotics_fy2024_annual_report", "acme", "Acme Robotics", 2024, "pdf"),
    _doc(
        "huadong_xinnengyuan_2024_annual_report", "huadong", "华东新能源", 2024, "pdf", labelled=L
    ),
    _doc("huadong_xinnengyuan_keji_2024_annual_report", "huadong", "华东新能源科技", 2024, "pdf"),
    _doc("huanan_xinnengyuan_2024_investor_deck", "huadong", "华南新能源", 2024, "pptx"),
    _doc("huadong_xinnengyuan_2023_annual_report", "huadong", "华东新能源", 2023, "pdf"),
    _doc("lianhua_guangdian_2025_annual_report", "lianhua", "聯華光電", 2025, "pdf", labelled=L),
    _doc("lianhua_guangdian_keji_2025_annual_report", "lianhua", "聯華光電科技", 2025, "pdf"),
    _doc("lianhua_guangdian_2024_annual_report", "lianhua", "聯華光電", 2024, "pdf"),
    _doc(
        "northwind_biologics_fy2024_research_note",
        "northwind",
        "Northwind Biologics",
        2024,
        "docx",
        labelled=L,
    ),
    _doc(
        "northwind_biologic_labs_fy2024_research_note",
        "northwind",
        "Northwind Biologic Labs",
        2024,
        "docx",
    ),
    _doc(
        "northwind_biologics_europe_fy2024_annual_report",
        "northwind",
        "Northwind Biologics Europe",
        2024,
        "pdf",
    ),
    _doc(
        "northwind_biologics_fy2023_research_note", "northwind", "Northwind Biologics", 2023, "docx"
    ),
    _doc("jiangnan_zhizao_2025_research_note", "jiangnan", "江南智造", 2025, "docx", labelled=L),
    _doc("jiangnan_zhizao_keji_2025_research_note", "jiangnan", "江南智造科技", 2025, "docx"),
    _doc("jiangbei_zhizao_2025_data_pack", "jiangnan", "江北智造", 2025, "xlsx"),
    _doc("hongda_jingmi_2024_research_note", "hongda", "宏達精密", 2024, "docx", labelled=L),
    _doc("hongda_jingmi_gongye_2024_research_note", "hongda", "宏達精密工業", 2024, "docx"),
    _doc("hongda_jingmi_2023_investor_deck", "hongda", "宏達精密", 2023, "pptx"),
    _doc(
        "helios_grid_storage_fy2025_investor_deck",
        "helios",
        "Helios Grid Storage",
        2025,
        "pptx",
        labelled=L,
        product0_name="HG-450:2C battery rack",
    ),
    _doc("helios_grid_systems_fy2025_investor_deck", "helios", "Helios Grid Systems", 2025, "pptx"),
    _doc("helio_grid_storage_fy2025_annual_report", "helios", "Helio Grid Storage", 2025, "pdf"),
    _doc("helios_grid_storage_fy2024_investor_deck", "helios", "Helios Grid Storage", 2024, "pptx"),
    _doc(
        "beichen_semiconductor_2025_investor_deck",
        "beichen",
        "北辰半导体",
        2025,
        "pptx",
        labelled=L,
    ),
    _doc(
        "beichen_semiconductor_equipment_2025_investor_deck",
        "beichen",
        "北辰半导体设备",
        2025,
        "pptx",
    ),
    _doc("bei_chen_semi_2025_investor_deck", "beichen", "北宸半导体", 2025, "pptx"),
    _doc("beichen_semiconductor_2024_research_note", "beichen", "北辰半导体", 2024, "docx"),
    _doc(
        "bluewater_logistics_fy2025_data_pack",
        "bluewater",
        "Bluewater Logistics",
        2025,
        "xlsx",
        labelled=L,
    ),
    _doc(
        "bluewater_logistic_group_fy2025_data_pack",
        "bluewater",
        "Bluewater Logistic Group",
        2025,
        "xlsx",
    ),
    _doc("bluewater_logistics_fy2024_data_pack", "bluewater", "Bluewater Logistics", 2024, "xlsx"),
    _doc(
        "blue_water_logistics_asia_fy2025_annual_report",
        "bluewater",
        "Blue Water Logistics Asia",
        2025,
        "pdf",
    ),
    _doc("zhongke_lidian_2024_data_pack", "zhongke", "中科锂电", 2024, "xlsx", labelled=L),
    _doc("zhongke_lidian_cailiao_2024_data_pack", "zhongke", "中科锂电材料", 2024, "xlsx"),
    _doc("zhongke_lineng_2024_data_pack", "zhongke", "中科锂能", 2024, "xlsx"),
]

# ---------------------------------------------------------------- pools


def _split(text: str, sep: str | None = None) -> list[str]:
    """A pool written as one string, split into its items."""
    return text.split(sep)


EN_FIRST = _split(
    "Helena Marcus Priya Daniel Sofia Tomas Aisha Lukas Grace Rafael Ingrid Kenji Olivia Mateo "
    "Hannah Victor Amara Felix Clara Omar Nadia Henrik Julia Samuel Leila Anton Maya Conor Elena "
    "Rohan"
)
EN_LAST = _split(
    "Voss Lindqvist Okafor Brennan Castellano Novak Haddad Fischer Whitaker Moreau Tanaka "
    "Kowalski Albright Delgado Sørensen Mbeki Hartmann O'Neill Petrov Quinn Ramires Schultz Varga "
    "Yilmaz Abbott Bergstrom Carvalho Dunmore Ellison Achterberg"
)
HANS_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹"
HANS_GIVEN = _split(
    "建国 晓东 志强 丽华 海涛 文博 雪梅 国栋 春燕 立新 明远 思琪 宏伟 静怡 子轩 嘉怡 俊杰 雅琴 "
    "振华 玉兰 德胜 晨阳 秀英 永康 慧敏 家豪 若楠 天佑 佳琪 云飞"
)
HANT_SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴徐周葉蘇莊呂江何蕭羅高"
HANT_GIVEN = _split(
    "志明 淑芬 家豪 怡君 俊傑 雅婷 建宏 美玲 冠宇 佩珊 宗翰 欣怡 承恩 詩涵 柏翰 郁婷 彥廷 惠如 "
    "文雄 秀蘭 國華 靜宜 明哲 麗珠 士傑 瑋婷 耀文 芷瑄 振宇 品妤"
)

# Cities in prose (headquarters, plants) of labelled reports are used once. Excel site lists use
# other pools, and repeat across workbooks on purpose (look-alike rows).
PROSE_CITIES = {
    "en": _split(
        "Monterrey|Pune|Querétaro|Malmö|Brno|Penang|Chennai|Da Nang|Tampere|Eindhoven|Leuven|"
        "Aarhus|Graz|Linz|Bilbao|Porto|Turin|Bologna|Lyon|Grenoble|Toulouse|Nantes|Cork|Galway|"
        "Dundee|Sheffield|Raleigh|Boise|Tucson|Austin|Columbus|Knoxville|Greenville|Huntsville|"
        "Fremont|Reno|Wichita|Omaha|Des Moines|Kitchener|Halifax|Saskatoon|Curitiba|Campinas|"
        "São José dos Campos|Rosario|Valparaíso|Medellín|Cebu|Batam|Chonburi|Hsinchu|Kumamoto|"
        "Hamamatsu|Ulsan|Changwon|Bangalore|Hyderabad|Coimbatore|Nashik|Lahti|Oulu|Lausanne|Bergen",
        "|",
    ),
    "hans": _split(
        "苏州 无锡 常州 合肥 宁波 嘉兴 南通 芜湖 宜宾 遂宁 赣州 株洲 襄阳 盐城 肇庆 惠州 江门 柳州 "
        "包头 银川 西宁 德阳 绵阳 九江 淮安 泰州 湖州 绍兴 台州 金华 衢州 滁州 马鞍山 蚌埠 洛阳 "
        "新乡 宜昌 荆门 岳阳 常德 眉山 乐山 曲靖 玉溪 钦州 漳州 泉州 莆田 三明 龙岩 抚州 上饶 "
        "景德镇 南昌 潍坊 烟台"
    ),
    "hant": _split(
        "新竹 台中 台南 高雄 桃園 苗栗 彰化 嘉義 屏東 宜蘭 竹北 林口 龍潭 楊梅 觀音 大園 湖口 竹南 "
        "頭份 后里 大肚 斗六 麥寮 路竹 岡山 仁武 蘇州 昆山 無錫 廈門 深圳 東莞 檳城 胡志明市 北寧 "
        "海防 曼谷 清奈 浦那 蒙特雷"
    ),
}
SITE_CITIES = {
    "en": [
        tuple(_split(pair, "/"))
        for pair in _split(
            "Rotterdam/Northern Europe|Antwerp/Northern Europe|Hamburg/Northern Europe|"
            "Felixstowe/Northern Europe|Le Havre/Northern Europe|Gdynia/Northern Europe|"
            "Valencia/Southern Europe|Genoa/Southern Europe|Piraeus/Southern Europe|"
            "Algeciras/Southern Europe|Constanta/Southern Europe|Tangier/Africa|Durban/Africa|"
            "Mombasa/Africa|Jebel Ali/Middle East|Salalah/Middle East|Colombo/South Asia|"
            "Singapore/Southeast Asia|Port Klang/Southeast Asia|Laem Chabang/Southeast Asia|"
            "Haiphong/Southeast Asia|Kaohsiung/East Asia|Busan/East Asia|Yokohama/East Asia|"
            "Savannah/North America|Houston/North America|Long Beach/North America|"
            "Manzanillo/Latin America|Santos/Latin America|Melbourne/Oceania",
            "|",
        )
    ],
    "hans": [
        tuple(_split(pair, "/"))
        for pair in _split(
            "郑州/华中 武汉/华中 长沙/华中 成都/西南 重庆/西南 昆明/西南 贵阳/西南 西安/西北 "
            "兰州/西北 乌鲁木齐/西北 天津/华北 青岛/华北 济南/华北 石家庄/华北 太原/华北 "
            "呼和浩特/华北 沈阳/东北 大连/东北 长春/东北 哈尔滨/东北 南宁/华南 海口/华南 珠海/华南 "
            "佛山/华南 东莞/华南 中山/华南 福州/华东 厦门/华东 温州/华东 扬州/华东"
        )
    ],
}
MARKETS = {
    "en": ("EU", "North America", "ASEAN", "Middle East", "Japan & Korea", "India"),
    "hans": ("国内", "欧洲", "北美", "东南亚", "日韩", "中东"),
}
SEGMENT_SHARES = ((0.40, 0.50), (0.25, 0.32), (0.10, 0.17))  # of revenue; the rest is "other"
MONEY_SCALE = {"en": 1.0, "hans": 0.1, "hant": 0.4}  # USD m, 亿元, NT$ 億 per USD m
DPS_RANGE = {"en": (0.2, 3.5), "hans": (0.1, 2.0), "hant": (1.0, 15.0)}

# (id, English label, Chinese label, English unit, Chinese unit, kind, low, high)
METRICS: list[tuple[str, str, str, str, str, str, float, float]] = [
    ("revenue", "Revenue", "营业收入", "USD m", "亿元", "money", 1500, 5000),
    ("growth", "Revenue growth", "营收增速", "%", "%", "pct", 1, 35),
    ("gm", "Gross margin", "毛利率", "%", "%", "pct", 10, 45),
    ("om", "Operating margin", "营业利润率", "%", "%", "pct", 2, 20),
    ("np", "Net profit", "净利润", "USD m", "亿元", "money", 20, 400),
    ("eps", "Earnings per share", "每股收益", "USD", "元", "dec2", 0.2, 9),
    ("dps", "Dividend per share", "每股股利", "USD", "元", "dec2", 0.05, 3),
    ("capex", "Capital expenditure", "资本开支", "USD m", "亿元", "money", 30, 700),
    ("fcf", "Free cash flow", "自由现金流", "USD m", "亿元", "money", 10, 500),
    ("net_cash", "Net cash", "净现金", "USD m", "亿元", "money", 50, 1500),
    ("rd", "R&D to revenue", "研发费用率", "%", "%", "pct", 1, 12),
    ("staff", "Employees", "员工人数", "people", "人", "int", 800, 60000),
    ("patents", "Patents filed", "专利申请数", "count", "项", "int", 101, 900),
    ("backlog", "Order backlog", "在手订单", "USD m", "亿元", "money", 100, 4000),
    ("btb", "Book-to-bill", "订单出货比", "x", "倍", "dec2", 0.8, 1.4),
    ("inv_days", "Inventory days", "存货周转天数", "days", "天", "dec1", 20, 140),
    ("recv_days", "Receivable days", "应收账款周转天数", "days", "天", "dec1", 25, 160),
    ("roe", "Return on equity", "净资产收益率", "%", "%", "pct", 3, 28),
    ("customers", "Active customers", "活跃客户数", "count", "家", "int", 1200, 90000),
    ("shipments", "Shipments", "出货量", "k units", "万件", "dec1", 100, 9000),
    ("otd", "On-time delivery", "准时交付率", "%", "%", "pct", 85, 99.5),
    ("co2", "CO2 intensity", "碳排放强度", "t/USD m", "吨/亿元", "dec1", 5, 90),
]
SITES_PER_WORKBOOK = 24
PRODUCTS_PER_WORKBOOK = 22


def cell_text(value: Any) -> str:
    """A cell value as text, the way a reader shows it (2.0 -> "2", dates as ISO)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def show_date(iso: str, lang: str) -> str:
    """A date as it is written in prose: "14 March 2025" or "2025年3月14日"."""
    day = dt.date.fromisoformat(iso)
    if lang == "en":
        return f"{day.day} {day:%B} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Drawer:
    """Draws one report's facts from its own random stream into the shared Registry."""

    reg: Registry
    rng: random.Random
    doc: Doc

    def draw(self, make: Callable[[], str], inner: bool = False) -> str:
        return self.reg.draw(make, inner, keep=self.doc.labelled)

    def put(self, key: str, make: Callable[[], str], inner: bool = False) -> str:
        value = self.doc.overrides.get(key) or self.draw(make, inner)
        self.doc.facts[key] = value
        return value

    def put_date(self, key: str, first_year: int, last_year: int) -> str:
        start = dt.date(first_year, 1, 1).toordinal()
        end = dt.date(last_year, 12, 31).toordinal()
        iso = self.draw(lambda: dt.date.fromordinal(self.rng.randint(start, end)).isoformat())
        self.doc.facts[key] = show_date(iso, self.doc.lang)
        return iso

    def pct(self, low: float, high: float, places: int = 1) -> Callable[[], str]:
        return lambda: f"{self.rng.uniform(low, high):.{places}f}"

    def money(self, low: float, high: float) -> Callable[[], str]:
        scale = MONEY_SCALE[self.doc.lang]
        return lambda: f"{self.rng.uniform(low * scale, high * scale):,.1f}"

    def count(self, low: int, high: int, step: int = 1) -> Callable[[], str]:
        return lambda: f"{self.rng.randrange(low, high, step):,}"

    def person(self) -> Callable[[], str]:
        rng, lang = self.rng, self.doc.lang
        if lang == "en":
            return lambda: f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"
        surnames, given = (
            (HANS_SURNAMES, HANS_GIVEN) if lang == "hans" else (HANT_SURNAMES, HANT_GIVEN)
        )
        return lambda: rng.choice(surnames) + rng.choice(given)

    def city(self) -> Callable[[], str]:
        return lambda: self.rng.choice(PROSE_CITIES[self.doc.lang])

    def product(self, stem: str) -> Callable[[], str]:
        rng = self.rng

        def make() -> str:
            code = f"{rng.randint(2, 12)}.{rng.randint(1, 9)}"
            return stem.format(
                n=rng.randint(10, 99), d=code, r=rng.choice(ROMAN), m=rng.randint(1, 9)
            )

        return make

    def number(self, make: Callable[[], float]) -> float | int:
        """A spreadsheet number whose cell text is new to the corpus."""
        text = self.draw(lambda: cell_text(make()))
        return float(text) if "." in text else int(text)


def _amount(text: str) -> float:
    return float(text.replace(",", ""))


def _profile_facts(dr: Drawer, hqs: dict[str, str]) -> None:
    doc = dr.doc
    doc.facts["hq"] = hqs.get(doc.name) or dr.draw(dr.city())
    hqs[doc.name] = doc.facts["hq"]
    dr.put("headcount", dr.count(1500, 48000))
    dr.put("ceo", dr.person())
    dr.put("cfo", dr.person())
    doc.facts["ceo_since"] = str(dr.rng.randint(2010, doc.year - 1))
    dr.put("revenue", dr.money(400, 6000))
    dr.put("growth", dr.pct(2, 32))


def _share(dr: Drawer, key: str, low: float, high: float) -> None:
    revenue = _amount(dr.doc.facts["revenue"])
    dr.put(key, lambda: f"{dr.rng.uniform(revenue * low, revenue * high):,.1f}")


def _financial_facts(dr: Drawer) -> None:
    gross = _amount(dr.put("gm", dr.pct(18, 55)))
    dr.put("om", dr.pct(3, gross - 6))
    _share(dr, "net_profit", 0.03, 0.15)
    for i in range(3):
        _share(dr, f"seg{i}_rev", *SEGMENT_SHARES[i])
        dr.put(f"seg{i}_margin", dr.pct(max(4, gross - 12), gross + 12))
    for q in range(1, 5):
        _share(dr, f"q{q}_rev", 0.235, 0.265)
        _share(dr, f"q{q}_orders", 0.18, 0.36)
    _share(dr, "capex", 0.03, 0.12)
    low, high = DPS_RANGE[dr.doc.lang]
    dr.put("dps", dr.pct(low, high, 2))


def _operations_facts(dr: Drawer) -> None:
    year, family = dr.doc.year, FAMILIES[dr.doc.family]
    for i in range(3):
        dr.put(f"plant{i}_city", dr.city())
        opened = year if i == 2 else dr.rng.randint(year - 18, year - 2)
        dr.doc.facts[f"plant{i}_opened"] = str(opened)
        dr.doc.facts[f"plant{i}_line"] = family.lines[i]
        dr.put(f"plant{i}_cap", dr.count(1200, 250000, 10))
    dr.put("cust", dr.pct(4, 25))


def _product_facts(dr: Drawer) -> None:
    year, family = dr.doc.year, FAMILIES[dr.doc.family]
    for i in range(3):
        dr.put(f"product{i}_name", dr.product(family.products[i]), inner=True)
        dr.put_date(f"product{i}_date", year, year)
        dr.put(f"product{i}_price", dr.count(900, 250000, 10))
    dr.put("rd", dr.pct(3, 18))
    dr.put("patents", dr.count(120, 990))


def _outlook_facts(dr: Drawer) -> None:
    low = _amount(dr.put("guide_lo", dr.pct(3, 12)))
    dr.put("guide_hi", dr.pct(low + 2, low + 7))
    _share(dr, "backlog", 0.3, 1.2)
    for i in range(3):
        dr.doc.facts[f"seg{i}"] = FAMILIES[dr.doc.family].segments[i]


def _metric_value(dr: Drawer, kind: str, low: float, high: float) -> float | int:
    rng = dr.rng
    if kind == "int":
        return dr.number(lambda: rng.randint(int(low), int(high)))
    if kind == "money":
        scale = MONEY_SCALE[dr.doc.lang]
        return dr.number(lambda: round(rng.uniform(low * scale, high * scale), 1))
    places = 1 if kind == "dec1" else 2
    return dr.number(lambda: round(rng.uniform(low, high), places))


def _metrics_data(dr: Drawer) -> None:
    rows = []
    years = range(dr.doc.year - 2, dr.doc.year + 1)
    for metric, *_, kind, low, high in METRICS:
        values = [_metric_value(dr, kind, low, high) for _ in years]
        for year, value in zip(years, values, strict=True):
            dr.doc.facts[f"{metric}@{year}"] = cell_text(value)
        rows.append(values)
    dr.doc.data["metrics"] = rows


def _sites_data(dr: Drawer) -> None:
    rng, doc = dr.rng, dr.doc
    prefix = "".join(part[0] for part in doc.stem.split("_")[:3]).upper()
    sites = []
    cities = rng.sample(SITE_CITIES[doc.lang], SITES_PER_WORKBOOK)
    for i, (city, region) in enumerate(cities):
        capacity = dr.number(lambda: rng.randrange(1200, 400000, 10))
        util = dr.number(lambda: round(rng.uniform(55, 98.9), 2))
        staff = dr.number(lambda: rng.randint(120, 4000))
        opened = rng.randint(1995, doc.year)
        sites.append([f"{prefix}-{i + 1:02d}", city, region, opened, capacity, util, staff])
        for key, value in (("city", city), ("cap", capacity), ("util", util), ("staff", staff)):
            doc.facts[f"site{i}_{key}"] = cell_text(value)
    doc.data["sites"] = sites


def _products_data(dr: Drawer) -> None:
    rng, doc = dr.rng, dr.doc
    family = FAMILIES[doc.family]
    products = []
    for i in range(PRODUCTS_PER_WORKBOOK):
        name = dr.put(f"prod{i}_name", dr.product(family.products[i % len(family.products)]), True)
        launch = dt.date.fromisoformat(dr.put_date(f"prod{i}_date", doc.year - 3, doc.year))
        doc.facts[f"prod{i}_date"] = launch.isoformat()
        price = dr.number(lambda: rng.randint(150, 90000))
        units = dr.number(lambda: rng.randint(300, 900000))
        market = rng.choice(MARKETS[doc.lang])
        products.append([f"SKU-{i + 1:03d}", name, launch, price, units, market])
        doc.facts[f"prod{i}_price"], doc.facts[f"prod{i}_units"] = (
            cell_text(price),
            cell_text(units),
        )
    doc.data["products"] = products


def build(docs: list[Doc]) -> None:
    """Draw every report's facts: hand-picked overrides first, then the labelled reports, then
    the look-alikes (which avoid every labelled value)."""
    reg = Registry()
    for doc in docs:
        for value in doc.overrides.values():
            reg.claim_name(value)
    hqs: dict[str, str] = {}
    for doc in sorted(docs, key=lambda d: not d.labelled):
        dr = Drawer(reg, random.Random(doc.stem), doc)
        if doc.fmt == "xlsx":
            _metrics_data(dr)
            _sites_data(dr)
            _products_data(dr)
            continue
        _profile_facts(dr, hqs)
        _financial_facts(dr)
        _operations_facts(dr)
        _product_facts(dr)
        _outlook_facts(dr)
