"""A seeded generator of report-like documents for the ingest benchmarks: PDF-heavy, English
and Chinese, tables, slides and sheets, and a broker's disclaimer repeated across reports.

    python -m bench.corpus --docs 100 --out /tmp/corpus [--seed 0]

About 60 % PDF (2-15 pages, a table, a running header and a broker footer on every page),
15 % Word (headings and tables), 15 % PowerPoint, 10 % Excel (a header row per sheet); a
third Chinese (Simplified, and every third of those Traditional). The files are written by
the retrieval corpus's writers (tests/retrieval/corpus_writers.py, reportlab with the Adobe
CID fonts for Chinese) from its vocabulary (tests/retrieval/corpus_text.py), and the same
seed gives byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "retrieval"))

import corpus_writers as cw  # noqa: E402
from corpus_text import FILLERS, WORDS, Para, Sheet, Table  # noqa: E402


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# 20 documents: 12 PDF, 3 Word, 3 PowerPoint, 2 Excel; any 10 in a row hold every format.
FORMATS = _words(
    "pdf docx pdf pptx pdf xlsx pdf docx pdf pdf pdf pptx pdf docx pdf xlsx pdf pptx pdf pdf"
)
BROKER_SHARE = 0.75  # of the reports carry a broker's footer and disclaimer

COMPANY = {  # first names, second names, suffix
    "en": (
        _words("Northwind Aldergrove Kestrel Brightwater Corvale Pinecrest Redfern Silverline"),
        _words("Industrial Precision Materials Logistics Medical Electronics"),
        " Holdings",
    ),
    "hans": (
        _words("华东 瑞丰 恒远 中科 海川 金桥 博达 天成 安泰 星河"),
        _words("精密 新材料 能源 电子 医药 物流 智能装备"),
        "股份有限公司",
    ),
    "hant": (
        _words("晶昱 聯豐 宏遠 永泰 群鑫 南嘉 瑞展 泰宇"),
        _words("精密 材料 電子 光電 生技 科技"),
        "股份有限公司",
    ),
}
CITIES = {
    "en": _words("Manchester Rotterdam Lyon Toronto Denver Osaka Leeds Hamburg"),
    "hans": _words("苏州 杭州 成都 合肥 武汉 宁波 无锡 西安"),
    "hant": _words("新竹 台中 桃園 台南 高雄 嘉義"),
}
PEOPLE = {
    "en": _words("Anna Reid|Mark Ellison|Priya Natarajan|Tom Becker|Laura Chen|David Okafor", "|"),
    "hans": _words("王建国 李晓梅 张志强 刘慧敏 陈立新 杨文博"),
    "hant": _words("陳志明 林美玲 黃建宏 張雅婷 李俊傑 王淑芬"),
}
LINES = {
    "en": [("precision bearings", "tonnes"), ("battery modules", "GWh"), ("valves", "units")],
    "hans": [("精密轴承", "吨"), ("动力电池模组", "GWh"), ("工业阀门", "台")],
    "hant": [("精密軸承", "噸"), ("電池模組", "GWh"), ("工業閥門", "台")],
}
SEGMENTS = {
    "en": ("Industrial", "Consumer", "Services"),
    "hans": ("工业", "消费", "服务"),
    "hant": ("工業", "消費", "服務"),
}
BROKERS = {
    "en": ["Harbourline", "Crestmoor", "Baystone", "Westgate"],
    "hans": ["华信", "东方汇金", "长江启明"],
    "hant": ["元富華", "群益聯合"],
}
FOOTER = {
    "en": "{broker} Securities Research | See the important disclosures at the end of this report",
    "hans": "{broker}证券研究所 | 请务必阅读正文之后的免责条款部分",
    "hant": "{broker}證券研究部 | 請詳閱本報告末頁之重要聲明",
}
DISCLOSURES = {"en": "Important disclosures", "hans": "免责声明", "hant": "重要聲明"}
DISCLAIMER = {
    "en": "This report has been prepared by {broker} Securities Limited for information purposes "
    "only and does not constitute an offer or solicitation to buy or sell any security. The "
    "information herein is obtained from sources believed to be reliable, but {broker} makes no "
    "representation as to its accuracy or completeness. Opinions and estimates reflect our "
    "judgement as of the date of publication and are subject to change without notice. Past "
    "performance is not indicative of future results. The securities discussed may not be "
    "suitable for all investors; investors should make their own investment decisions based on "
    "their specific objectives and financial situation and consult their own advisers. {broker} "
    "and its affiliates may hold positions in, or provide services to, the companies mentioned. "
    "Analyst certification: the views expressed accurately reflect the personal views of the "
    "analyst, and no part of the analyst's compensation was, is or will be related to the "
    "specific recommendations in this report. This report may not be reproduced or "
    "redistributed without the prior written consent of {broker}.",
    "hans": "本报告由{broker}证券股份有限公司研究所编制，仅供本公司客户参考使用，不构成任何买卖"
    "证券的要约或邀请。本报告所载信息均来源于公开资料，本公司力求但不保证其准确性和完整性。报告中"
    "的观点、结论和建议仅反映本报告发布时分析师的判断，可能随时调整，恕不另行通知。过往表现不代表"
    "未来收益。投资者应结合自身的投资目标、财务状况和特定需求独立作出投资决策，并自行承担投资风险。"
    "本公司及其关联机构可能持有报告所述公司的证券，或为其提供投资银行、财务顾问等服务。分析师声明："
    "本报告署名分析师具有证券投资咨询执业资格，保证报告所采用的数据均来自合规渠道，分析逻辑基于"
    "独立、客观、公正的原则。未经本公司事先书面许可，任何机构和个人不得以任何形式翻版、复制、发表"
    "或引用本报告。",
    "hant": "本報告由{broker}證券股份有限公司研究部編製，僅供本公司客戶參考，不構成任何買賣有價"
    "證券之要約或邀請。本報告所載資訊均來自公開資料，本公司力求但不保證其正確性與完整性。報告中之"
    "意見與預估僅反映發布當時分析師之判斷，得隨時調整而不另行通知。過去績效不代表未來報酬。投資人"
    "應依自身投資目標、財務狀況及特定需求獨立判斷，並自負投資風險。本公司及其關係企業可能持有本報告"
    "所述公司之有價證券，或為其提供承銷、財務顧問等服務。分析師聲明：本報告所表達之意見確實反映"
    "分析師個人看法，其薪酬與本報告之特定建議並無直接或間接關聯。未經本公司事前書面同意，不得以任何"
    "形式重製、轉載或引用本報告。",
}
TITLES = {
    "en": "{name}: {kind} FY{year}",
    "hans": "{name}{year}年{kind}",
    "hant": "{name}{year}年{kind}",
}
KINDS = {
    "en": {
        "pdf": "Annual Report",
        "docx": "Results Review",
        "pptx": "Investor Presentation",
        "xlsx": "Data Pack",
    },
    "hans": {"pdf": "年度报告", "docx": "业绩点评", "pptx": "投资者交流会", "xlsx": "数据包"},
    "hant": {"pdf": "年報", "docx": "營運分析報告", "pptx": "法人說明會", "xlsx": "數據包"},
}
SUBTITLE = {
    "en": "Prepared for analysts and investors",
    "hans": "本报告供投资者与分析师参考",
    "hant": "本報告供投資人與分析師參考",
}
FACT_TEMPLATES = _words(
    "headcount ceo cfo revenue gm net_profit capex dps plant cust product rd patents guide backlog"
)
ITEM = {"en": "Item", "hans": "项目", "hant": "項目"}
INTEGERS = {  # (low, high) of each figure; high 0 stands for the report's year
    "headcount": (300, 60000),
    "ceo_since": (2005, 0),
    "opened": (1995, 0),
    "cap": (100, 90000),
    "patents": (5, 400),
    "pprice": (20, 5000),
}
DECIMALS = {
    "revenue": (50, 9000),
    "growth": (-5, 25),
    "gm": (15, 55),
    "om": (3, 25),
    "net_profit": (5, 900),
    "capex": (5, 800),
    "dps": (0.2, 3.5),
    "cust": (3, 30),
    "rd": (2, 12),
    "guide_lo": (2, 10),
    "backlog": (50, 5000),
}
SHEET_NAMES = {
    "en": ["Income statement", "Quarterly", "Segments", "Sites", "Products"],
    "hans": ["利润表", "分季度", "分部", "生产基地", "产品"],
    "hant": ["損益表", "分季", "部門", "生產據點", "產品"],
}


@dataclass(frozen=True)
class Report:
    """One document to write: its file name, format, language, size and broker (or none)."""

    stem: str
    fmt: str
    lang: str
    pages: int
    broker: str | None


def plan(docs: int, seed: int = 0) -> list[Report]:
    """The documents of a corpus of this size and seed (format and language by position)."""
    reports = []
    for i in range(docs):
        rng = random.Random(f"{seed}/{i}")
        lang = "en" if i % 3 != 1 else ("hant" if i % 9 == 7 else "hans")
        fmt = FORMATS[i % len(FORMATS)]
        pages = rng.randint(2, 5) if fmt == "xlsx" else rng.randint(2, 14)
        broker = rng.choice(BROKERS[lang]) if rng.random() < BROKER_SHARE else None
        reports.append(Report(f"r{i + 1:04d}_{lang}", fmt, lang, pages, broker))
    return reports


class _Text:
    """Fills the vocabulary's sentence templates with one report's random figures."""

    def __init__(self, report: Report, seed: int) -> None:
        self.lang = report.lang
        self.rng = rng = random.Random(f"{seed}/{report.stem}/text")
        first, second, suffix = COMPANY[report.lang]
        space = " " if report.lang == "en" else ""
        name = rng.choice(first) + space + rng.choice(second) + suffix
        year = rng.randint(2019, 2025)
        line, unit = rng.choice(LINES[report.lang])
        self.values: dict[str, Any] = {  # fmt: skip
            "name": name,
            "year": year,
            "next_year": year + 1,
            "hq": rng.choice(CITIES[report.lang]),
            "city": rng.choice(CITIES[report.lang]),
            "ceo": rng.choice(PEOPLE[report.lang]),
            "cfo": rng.choice(PEOPLE[report.lang]),
            "line": line,
            "unit": unit,
            "pname": f"{name[:2]} X{rng.randint(2, 90)}",
            "pdate": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        }
        for key, (low, high) in INTEGERS.items():
            self.values[key] = rng.randint(low, year if high == 0 else high)
        for key, (lo, hi) in DECIMALS.items():
            self.values[key] = round(rng.uniform(lo, hi), 1)
        self.values["guide_hi"] = round(self.values["guide_lo"] + rng.randint(2, 6), 1)

    def sentence(self) -> str:
        return str(WORDS[self.lang][self.rng.choice(FACT_TEMPLATES)].format(**self.values))

    def para(self, fillers: int = 3, note: bool = False) -> Para:
        joiner = " " if self.lang == "en" else ""
        parts = [self.sentence(), *self.rng.sample(FILLERS[self.lang], fillers)]
        return Para(joiner.join(parts), note=note)

    def table(self) -> Table:
        words = WORDS[self.lang]
        if self.rng.random() < 0.5:
            header, labels = words["q_header"], words["quarters"]
        else:
            header, labels = words["seg_header"], SEGMENTS[self.lang]
        rows = tuple(
            (label, *(f"{self.rng.uniform(5, 900):,.1f}" for _ in (0, 1))) for label in labels
        )
        return Table(header, rows, tuple(() for _ in rows))

    def title(self, fmt: str) -> str:
        kind = KINDS[self.lang][fmt]
        return TITLES[self.lang].format(
            name=self.values["name"], year=self.values["year"], kind=kind
        )


def _disclaimer(report: Report) -> Para:
    return Para(DISCLAIMER[report.lang].format(broker=report.broker))


def _chapters(report: Report, text: _Text) -> list[cw.Section]:
    """One chapter a page: two headed sections of paragraphs, a table, the disclaimer last."""
    headings = WORDS[report.lang]["h"]
    # Chinese runs about 46 characters a line to English's 95: more sentences fill the page.
    paras, fill = (4, 3) if report.lang == "en" else (5, 4)
    chapters: list[cw.Section] = []
    for number in range(report.pages):
        h1, h2s = headings[number % len(headings)]
        last = number == report.pages - 1
        picked = sorted(text.rng.sample(h2s, 1 if last and report.broker else 2), key=h2s.index)
        sections = [
            (h2, [text.para(fill) for _ in range(paras - k)]) for k, h2 in enumerate(picked)
        ]
        if number % 3 == 1:
            sections[0][1].insert(1, text.table())
        if last and report.broker:
            sections.append((DISCLOSURES[report.lang], [_disclaimer(report)]))
        chapters.append((h1, sections))
    return chapters


def _slides(report: Report, text: _Text) -> list[cw.Section]:
    """The title slide, then one slide a section: a short paragraph, a table or notes."""
    headings = [h2 for _h1, h2s in WORDS[report.lang]["h"] for h2 in h2s]
    subs: list[tuple[str, list[Any]]] = []
    for number in range(report.pages - 1):
        blocks: list[Any] = [text.para(1)]
        blocks.append(text.table() if number % 3 == 1 else text.para(2, note=True))
        subs.append((headings[number % len(headings)], blocks))
    if report.broker:
        subs.append((DISCLOSURES[report.lang], [_disclaimer(report)]))
    return [("", subs)]


def _sheets(report: Report, text: _Text) -> list[Sheet]:
    """report.pages sheets, each a header row over 12-40 rows of figures."""
    sheets = []
    for number in range(report.pages):
        name = SHEET_NAMES[report.lang][number]
        header = [ITEM[report.lang], *(f"FY{text.values['year'] - k}" for k in range(3, -1, -1))]
        labels = [*SEGMENTS[report.lang], *WORDS[report.lang]["quarters"]]
        rows: list[list[Any] | None] = [
            [f"{text.rng.choice(labels)} {r + 1}", *(text.rng.randint(10, 99999) for _ in range(4))]
            for r in range(text.rng.randint(12, 40))
        ]
        sheets.append(Sheet(name, header, rows, [() for _ in rows]))
    return sheets


class _FooterFlow(cw._PdfFlow):
    """The writers' PDF flow with a broker footer under every page's running header."""

    def __init__(self, path: Path, lang: str, title: str, footer: str) -> None:
        self.footer = footer
        super().__init__(path, lang, title, title)

    def _running_header(self) -> None:
        super()._running_header()
        if self.footer:
            self.pdf.drawString(cw.LEFT, 40, self.footer)


def _write_pdf(path: Path, report: Report, title: str, chapters: list[cw.Section]) -> None:
    """corpus_writers.write_pdf with the footer: the title on page one, a chapter a page."""
    footer = FOOTER[report.lang].format(broker=report.broker) if report.broker else ""
    flow = _FooterFlow(path, report.lang, title, footer)
    flow.lines(flow.wrap(title, 17), True, 17, 24)
    flow.lines([SUBTITLE[report.lang]], False, 10, 22)
    found: cw.Locations = {}
    for number, (h1, subs) in enumerate(chapters):
        if number:
            flow.new_page()
        flow.lines([h1], True, 14, 22)
        for h2, blocks in subs:
            flow.y -= 4
            flow.lines([h2], True, 11.5, 17, keep=45)
            for block in blocks:
                cw._pdf_block(flow, block, found)
    flow.pdf.showPage()
    flow.pdf.save()


def write(report: Report, out: Path, seed: int = 0) -> Path:
    """Write one report into out; return its path."""
    text = _Text(report, seed)
    title = text.title(report.fmt)
    path = out / f"{report.stem}.{report.fmt}"
    if report.fmt == "pdf":
        _write_pdf(path, report, title, _chapters(report, text))
    elif report.fmt == "docx":
        cw.write_docx(path, title, SUBTITLE[report.lang], _chapters(report, text))
    elif report.fmt == "pptx":
        cw.write_pptx(path, title, SUBTITLE[report.lang], _slides(report, text))
    else:
        cw.write_xlsx(path, title, _sheets(report, text))
    return path


def generate(out: Path, docs: int = 100, seed: int = 0) -> list[Path]:
    """Write a corpus of docs reports into out (created if missing); return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    return [write(report, out, seed) for report in plan(docs, seed)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100, help="number of documents (default 100)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.out, args.docs, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} documents, {size / 1e6:.1f} MB in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
