"""Generate the test corpus: real documents with known phrases at known locations.

Run from the repository root:  .venv/bin/python tests/data/make_data.py
Writes tests/data/good/ (files that must index), tests/data/bad/ (files that must fail or be
skipped), tests/data/hostile/ (Office files whose XML declares entities or whose zip members
are named outside the package; kept out of bad/, whose outcomes the CLI contract golden
records), tests/data/expected.json (what the tests assert) and tests/data/scans/ (page images
for OCR; they need the DejaVu and Noto CJK fonts and are left as they are without them).
Output is deterministic: fixed metadata dates, fixed zip member timestamps and seeded
pseudo-random bytes.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
from docx import Document
from docx.document import Document as DocxDocument
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.util import Inches
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
GOOD = HERE / "good"
BAD = HERE / "bad"
HOSTILE = HERE / "hostile"  # apart from bad/, whose failures the CLI contract golden lists
SCANS = HERE / "scans"
FIXED_DATE = datetime(2025, 1, 1, 0, 0, 0)
ZIP_DATE = (2025, 1, 1, 0, 0, 0)
ISO_DATE = "2025-01-01T00:00:00Z"

LEFT, TOP, WIDTH = 72, 720, 468
PARA_GAP = 14  # extra space between paragraphs, on top of the line leading

Entry = dict[str, object]
# A page is a list of (style, lines); styles are "title", "heading" and "body".
Page = list[tuple[str, list[str]]]

# Page text exactly as drawn, one PDF line per source line. "====" starts a new page,
# "# " is the title, "## " a heading, and a blank line separates body paragraphs.
EN_REPORT = """
# Acme Robotics Annual Report 2025
## Letter to shareholders
Acme Robotics had a strong year. Revenue reached 1.82 billion dollars, up 14
percent from fiscal 2024, as demand for warehouse automation kept growing in
all of our regions. Orders for the new Atlas picking arm beat our forecasts.

We invested in people and in leadership. During the year the executive manage-
ment team expanded to twelve members. We also opened engineering centres in
Austin and in Krakow, which together now employ more than four hundred people.

Safety remains our first priority. The recordable incident rate fell to 0.31
per one hundred workers, the lowest level in the history of the company.
====
## Operating review
Warehouse automation remained our largest business, contributing 61 percent
of group revenue. Shipments of autonomous mobile robots rose to 18,400 units,
and the installed base passed 95,000 robots worldwide.

The service business grew faster than hardware. Recurring software and
maintenance revenue rose 23 percent to 412 million dollars, and now makes up
almost a quarter of the total.

Free cash flow was 236 million dollars, which allowed us to fund capital
expenditure and to return cash to shareholders, and to raise the payout again.
The board approved a final dividend of
====
0.45 dollars per share for the year. Together with the interim dividend, the
total paid to shareholders reached 0.80 dollars per share.
## Financial review
Gross margin rose to 41.7 percent in fiscal 2025. Lower component costs and a
richer mix of software revenue more than offset higher wages in our plants.

Operating expenses grew 9 percent, slower than revenue, as we completed the
move of our European distribution centre to Rotterdam. Operating profit was
298 million dollars.
====
## Outlook
Demand entered fiscal 2026 at a record level, with an order backlog of 1,234,
567 units at year end. Roughly two thirds of these orders are due for delivery
in the first half of the year.

We expect revenue growth of 10 to 12 percent in fiscal 2026 and a further
improvement in gross margin as the Rotterdam centre reaches full capacity.

We thank our customers, our employees and our shareholders for their trust.
"""

ZH_REPORT = """
# 宁德新能源二零二五年度报告
本年度公司经营稳健，营业收入达到一百二十亿元，
同比增长百分之十八。

公司在华东地区的市场份额持续
提升，达到百分之三十二。

研发投入占营业收入的百分之七，全年新申请专利三百余项。

公司继续推进储能业务，全年储能电池出货量同比翻番。
====
## 财务摘要
宁德新能源二零二五年净利润增长百分之十五。
经营活动产生的现金流量净额为二十三亿元。

董事会建议每十股派发现金红利三元。

展望未来，公司将继续加大对海外市场的投入。
"""

ZH_TW_REPORT = """
# 半導體產業季度觀察
本季晶圓代工需求持續強勁。
台積電的營業收入成長百分之二十。

先進製程的產能利用率維持在高檔。
"""


# ---------------------------------------------------------------- helpers


def zinfo(name: str) -> zipfile.ZipInfo:
    """A zip member header with a fixed timestamp and permissions, deflate-compressed."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def fix_core_dates(xml: bytes) -> bytes:
    """Pin dcterms:created/modified in an OOXML docProps/core.xml to FIXED_DATE."""
    pattern = rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)"
    return re.sub(pattern, rb"\g<1>" + ISO_DATE.encode() + rb"\g<2>", xml)


def normalize_zip(path: Path, patches: dict[str, Callable[[bytes], bytes]] | None = None) -> None:
    """Rewrite an OOXML zip with fixed timestamps (and optional per-member patches)."""
    patches = {"docProps/core.xml": fix_core_dates, **(patches or {})}
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in members:
            dst.writestr(zinfo(name), patches.get(name, lambda b: b)(data))


def write_text(path: Path, lines: list[str]) -> None:
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def line_of(lines: list[str], phrase: str) -> int:
    """1-based number of the only line containing phrase."""
    hits = [i + 1 for i, line in enumerate(lines) if phrase in line]
    assert len(hits) == 1, (phrase, hits)
    return hits[0]


def entry(file: str, phrase: str, location: dict[str, object], **extra: object) -> Entry:
    return {"file": file, "phrase": phrase, "location": location, **extra}


# ---------------------------------------------------------------- PDF


def parse_pages(text: str) -> list[Page]:
    """Turn a page-text block (see EN_REPORT) into pages of styled paragraphs."""
    return [parse_page(block) for block in text.strip().split("\n====\n")]


def parse_page(block: str) -> Page:
    page: Page = []
    body: list[str] = []
    for line in [*block.splitlines(), ""]:
        if body and (not line or line.startswith("#")):
            page.append(("body", body))
            body = []
        if line.startswith("# "):
            page.append(("title", [line[2:]]))
        elif line.startswith("## "):
            page.append(("heading", [line[3:]]))
        elif line:
            body.append(line)
    return page


def new_canvas(target: Path | io.BytesIO, title: str) -> canvas.Canvas:
    target_arg = str(target) if isinstance(target, Path) else target
    pdf = canvas.Canvas(target_arg, pagesize=letter, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("Thinkdesk test data")
    pdf.setCreator("tests/data/make_data.py")
    return pdf


def draw_pages(pdf: canvas.Canvas, pages: list[Page], fonts: dict[str, tuple[str, int]]) -> None:
    """Draw each line with drawString, so line wraps are exactly the ones written here."""
    for page in pages:
        y = TOP
        for style, lines in page:
            font, size = fonts[style]
            pdf.setFont(font, size)
            for line in lines:
                assert pdf.stringWidth(line, font, size) <= WIDTH, line
                pdf.drawString(LEFT, y, line)
                y -= round(size * 1.4)
            y -= PARA_GAP
        assert y > 72, "page overflow"
        pdf.showPage()
    pdf.save()


def make_pdf(path: Path, pages: list[Page], font: str | None = None) -> None:
    if font:
        pdfmetrics.registerFont(UnicodeCIDFont(font))
        fonts = {"title": (font, 18), "heading": (font, 14), "body": (font, 12)}
    else:
        fonts = {
            "title": ("Helvetica-Bold", 18),
            "heading": ("Helvetica-Bold", 13),
            "body": ("Helvetica", 11),
        }
    draw_pages(new_canvas(path, path.stem), pages, fonts)


def make_pdfs() -> list[Entry]:
    make_pdf(GOOD / "report_en.pdf", parse_pages(EN_REPORT))
    make_pdf(GOOD / "report_zh.pdf", parse_pages(ZH_REPORT), "STSong-Light")
    make_pdf(GOOD / "report_zh_tw.pdf", parse_pages(ZH_TW_REPORT), "MSung-Light")
    en, zh = "good/report_en.pdf", "good/report_zh.pdf"
    return [
        entry(en, "Gross margin rose to 41.7 percent", {"page": 3}),
        entry(en, "final dividend of 0.45 dollars per share", {"page_start": 2, "page_end": 3}),
        entry(en, "management team expanded to twelve members", {"page": 1}),
        entry(en, "1,234,567 units", {"page": 4}),
        entry(zh, "宁德新能源二零二五年净利润增长百分之十五", {"page": 2}),
        entry(zh, "市场份额持续提升，达到百分之三十二", {"page": 1}),
        entry("good/report_zh_tw.pdf", "台積電的營業收入成長百分之二十", {"page": 1}),
    ]


def small_text_pdf(sentence: str) -> bytes:
    """A valid one-page PDF with one line of text."""
    buf = io.BytesIO()
    pdf = new_canvas(buf, "small")
    pdf.setFont("Helvetica", 12)
    pdf.drawString(LEFT, TOP, sentence)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def scan_image(seed: int) -> Image.Image:
    """A grey page with dark bars where lines of text would be: looks scanned, has no text."""
    rng = random.Random(seed)
    img = Image.new("L", (425, 550), 235)
    draw = ImageDraw.Draw(img)
    for y in range(40, 510, 14):
        if rng.random() < 0.15:
            continue  # a paragraph gap
        draw.rectangle([36, y, 36 + rng.randint(200, 350), y + 7], fill=rng.randint(40, 90))
    return img


def make_scanned(path: Path) -> None:
    """Two pages of image and filled shapes only: no text operators at all."""
    pdf = new_canvas(path, "scanned")
    for seed in (1, 2):
        pdf.drawInlineImage(scan_image(seed), 0, 0, width=612, height=792)
        pdf.setFillGray(0.3)
        pdf.rect(500, 740, 60, 30, stroke=0, fill=1)
        pdf.showPage()
    pdf.save()


# ---------------------------------------------------------------- scans (OCR)

SCAN_FONTS = {
    "en": Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),  # fonts-dejavu-core
    "zh": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),  # fonts-noto-cjk
}
SCAN_DPI = 150
SCAN_TEXT = {
    "en": [
        "Scanned freight ledger, second quarter",
        "",
        "Freight costs reached 7.3 million dollars in the quarter,",
        "up from 6.1 million a year earlier, as diesel prices rose.",
        "",
        "The Rotterdam depot handled 4,820 containers.",
    ],
    "zh": [
        "扫描版董事会决议",
        "",
        "董事会批准向青岛港仓储中心追加投资八千万元，",
        "预计二零二六年底前完工。",
    ],
}


def scan_page(lines: list[str], font_path: Path, size_pt: float = 12) -> Image.Image:
    """A letter page at SCAN_DPI in grey with these lines of text, as a scanner would see it
    (faint grey background, dark grey ink)."""
    px = SCAN_DPI / 72
    img = Image.new("L", (round(612 * px), round(792 * px)), 244)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(font_path), round(size_pt * px))
    y = 72 * px
    for line in lines:
        if line:
            draw.text((72 * px, y), line, font=font, fill=30)
        y += size_pt * px * (1.6 if line else 0.8)
    return img


def make_scans() -> list[Entry]:
    """scan_en.pdf: page 1 with a text layer, page 2 a scanned image of text; scan_zh.pdf: one
    scanned page of Chinese. Returns what the OCR test looks for."""
    missing = [str(p) for p in SCAN_FONTS.values() if not p.exists()]
    if missing:
        print(f"scans/ left as it is: missing fonts {missing} (apt-get install fonts-noto-cjk)")
        return json.loads((HERE / "expected.json").read_text("utf-8")).get("scans", [])
    SCANS.mkdir(exist_ok=True)
    pdf = new_canvas(SCANS / "scan_en.pdf", "scan_en")
    pdf.setFont("Helvetica", 12)
    pdf.drawString(LEFT, TOP, "Cover letter: the ledger on the next page was scanned.")
    pdf.showPage()
    pdf.drawInlineImage(scan_page(SCAN_TEXT["en"], SCAN_FONTS["en"]), 0, 0, 612, 792)
    pdf.showPage()
    pdf.save()
    pdf = new_canvas(SCANS / "scan_zh.pdf", "scan_zh")
    pdf.drawInlineImage(scan_page(SCAN_TEXT["zh"], SCAN_FONTS["zh"], 14), 0, 0, 612, 792)
    pdf.showPage()
    pdf.save()
    return [
        entry("scans/scan_en.pdf", "Cover letter", {"page": 1}),
        entry("scans/scan_en.pdf", "Freight costs reached 7.3 million", {"page": 2, "ocr": True}),
        entry("scans/scan_zh.pdf", "青岛港仓储中心追加投资", {"page": 1, "ocr": True}),
    ]


class StableIdWriter(PdfWriter):
    """Keeps the source file's /ID (pypdf would add a random second half) for stable output."""

    def generate_file_identifiers(self) -> None:
        if not self._ID:
            super().generate_file_identifiers()


def make_encrypted(path: Path) -> None:
    reader = PdfReader(io.BytesIO(small_text_pdf("This report is protected by a password.")))
    writer = StableIdWriter(clone_from=reader)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as out:
        writer.write(out)


# ---------------------------------------------------------------- Word


def add_table(doc: DocxDocument, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def set_core(props: Any) -> None:
    props.author = "Thinkdesk test data"
    props.last_modified_by = "Thinkdesk test data"
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.revision = 1


ORDERS = [[f"M{i}", str(1000 + (i * 137) % 900)] for i in range(1, 81)]


def build_docx(path: Path) -> dict[str, int]:
    """Write report.docx; return the paragraph number of each asserted paragraph and table.

    Paragraphs count body paragraphs (headings too, not table cells) from 1 in document
    order; a table's paragraph number is that of the last paragraph before it.
    """
    doc = Document()
    set_core(doc.core_properties)
    doc.core_properties.title = "Acme Robotics quarterly review"
    num: dict[str, int] = {}
    doc.add_heading("Acme Robotics quarterly review", 0)
    doc.add_heading("Financial performance", 1)
    doc.add_paragraph("Revenue for the year rose to 880 million dollars across three segments.")
    doc.add_heading("Margins", 2)
    doc.add_paragraph("Operating margin improved to 18.2 percent. Segment detail follows.")
    num["margin"] = num["table1"] = len(doc.paragraphs)
    segments = [["Cloud", "420", "38%"], ["Devices", "310", "12%"], ["Services", "150", "27%"]]
    add_table(doc, ["Segment", "Revenue", "Margin"], segments)
    doc.add_paragraph("Segment revenue is shown in millions of dollars.")
    doc.add_heading("Outlook", 1)
    doc.add_paragraph("We expect revenue growth of 9 percent in 2026.")
    num["outlook"] = num["table2"] = len(doc.paragraphs)
    add_table(doc, ["Month", "Orders"], ORDERS)
    doc.add_heading("市场分析", 1)
    doc.add_paragraph("华南市场的需求在第四季度明显回暖。")
    num["zh"] = len(doc.paragraphs)
    doc.save(str(path))
    normalize_zip(path)
    return num


def make_docx(path: Path) -> list[Entry]:
    """Table rows count from 1 with the header row as row 1."""
    num = build_docx(path)
    margins, f = "Financial performance > Margins", "good/report.docx"
    table1 = {**para(margins, num["table1"]), "table": 1}
    table2 = {**para("Outlook", num["table2"]), "table": 2}
    return [
        entry(f, "Operating margin improved to 18.2 percent.", para(margins, num["margin"])),
        entry(f, "Devices", table1, row=3, also_contains=["310", "12%"]),
        entry(f, "We expect revenue growth of 9 percent in 2026.", para("Outlook", num["outlook"])),
        entry(f, "M57", table2, row=58, also_contains=[ORDERS[56][1]]),
        entry(f, "华南市场的需求在第四季度明显回暖", para("市场分析", num["zh"])),
    ]


def para(heading: str, number: int) -> dict[str, object]:
    return {"heading": heading, "paragraph": number}


# ---------------------------------------------------------------- PowerPoint


def make_pptx(path: Path) -> list[Entry]:
    prs = Presentation()
    set_core(prs.core_properties)
    layouts = prs.slide_layouts
    s1 = prs.slides.add_slide(layouts[0])
    s1.shapes.title.text = "Acme Robotics Investor Day"
    s1.placeholders[1].text = "Fiscal 2025 results and strategy"
    s2 = prs.slides.add_slide(layouts[1])
    s2.shapes.title.text = "Regional growth"
    s2.placeholders[1].text = "Revenue grew 18 percent in Southeast Asia."
    s2.notes_slide.notes_text_frame.text = "Mention the new Jakarta plant opening in March."
    s3 = prs.slides.add_slide(layouts[5])
    s3.shapes.title.text = "Units by region"
    rows = [["Region", "Units"], ["North", "1200"], ["South", "950"]]
    shape = s3.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(1.5))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            shape.table.cell(r, c).text = text
    s4 = prs.slides.add_slide(layouts[1])
    s4.shapes.title.text = "亚太市场"
    s4.placeholders[1].text = "越南工厂的产能提升了百分之四十。"
    prs.save(str(path))
    normalize_zip(path)
    f = "good/deck.pptx"
    return [
        entry(f, "Acme Robotics Investor Day", {"slide": 1}),
        entry(f, "Revenue grew 18 percent in Southeast Asia.", {"slide": 2}),
        entry(f, "Mention the new Jakarta plant opening in March.", {"slide": 2, "notes": True}),
        entry(f, "North", {"slide": 3}, also_contains=["1200"]),
        entry(f, "越南工厂的产能提升了百分之四十", {"slide": 4}),
    ]


# ---------------------------------------------------------------- Excel


def revenue_rows() -> list[tuple[int, str, int, int]]:
    """(sheet row, region, Q1, Q2); row 30 is left empty, so R029.. start at row 31."""
    out = []
    for i in range(1, 61):
        row = i + 1 if i < 29 else i + 2
        q1 = 4242 if i == 42 else 100 + (i * 37) % 500
        out.append((row, f"R{i:03d}", q1, 120 + (i * 53) % 450))
    return out


def add_cached_values(sums: dict[int, int]) -> Callable[[bytes], bytes]:
    """Patch for sheet1.xml: give each D-column formula cell its computed value."""

    def patch(xml: bytes) -> bytes:
        def fill(m: re.Match[bytes]) -> bytes:
            return m.group(1) + b"<v>" + str(sums[int(m.group(2))]).encode() + b"</v></c>"

        pattern = rb'(<c r="D(\d+)"[^>]*><f>[^<]*</f>)(?:<v\s*/>|<v>\s*</v>)?</c>'
        new, count = re.subn(pattern, fill, xml)
        assert count == len(sums), (count, len(sums))
        return new

    return patch


def make_xlsx(path: Path) -> list[Entry]:
    wb = openpyxl.Workbook()
    wb.properties.creator = "Thinkdesk test data"
    wb.properties.created = FIXED_DATE
    ws = wb.active
    ws.title = "Revenue"
    ws.append(["Region", "Q1", "Q2", "Total"])
    sums = {}
    for row, region, q1, q2 in revenue_rows():
        for col, value in enumerate([region, q1, q2, f"=B{row}+C{row}"], start=1):
            ws.cell(row=row, column=col, value=value)
        sums[row] = q1 + q2
    cost = wb.create_sheet("成本")
    for values in (["项目", "金额"], ["原材料", 1200], ["人工", 800], ["物流", 300]):
        cost.append(values)
    wb.save(str(path))
    normalize_zip(path, {"xl/worksheets/sheet1.xml": add_cached_values(sums)})
    check = openpyxl.load_workbook(path, data_only=True)["Revenue"]
    assert check["D2"].value == sums[2] and check["A44"].value == "R042"
    f = "good/book.xlsx"
    return [
        entry(f, "R042", {"sheet": "Revenue"}, row=44, also_contains=["4242", str(sums[44])]),
        entry(f, "R029", {"sheet": "Revenue"}, row=31, also_contains=[str(sums[31])]),
        entry(f, "原材料", {"sheet": "成本"}, row=2, also_contains=["1200"]),
    ]


# ---------------------------------------------------------------- text files

NOTES = [
    "Board meeting notes, 14 March 2025",
    "",
    "Present: the chair, the chief executive, the finance director and four",
    "non-executive directors. The company secretary took the minutes.",
    "",
    "1. Trading update",
    "Revenue for the first two months was ahead of plan by three percent.",
    "Warehouse robot shipments were in line with the budget.",
    "",
    "2. Property",
    "The finance director summarised the office review.",
    "The Lisbon office closed in 2024. Its staff moved to the Porto site.",
    "A new lease in Warsaw will be signed in the second quarter.",
    "",
    "3. People",
    "Staff turnover fell to nine percent over the last twelve months.",
    "The graduate programme will take forty engineers this year.",
    "",
    "4. Risks",
    "Supply of servo motors remains tight; two new suppliers were approved.",
    "Currency movements reduced reported revenue by one percent.",
    "",
    "5. Any other business",
    "The chair thanked the team for the investor day preparations.",
    "The next meeting will be held in Rotterdam on 12 June.",
    "",
    "Actions",
    "- Finance director: circulate the revised budget by 31 March.",
    "- Chief executive: report on the Warsaw lease at the next meeting.",
    "- Company secretary: publish the minutes to the board portal.",
]

SUMMARY = [
    "# Acme Robotics: research summary",
    "",
    "## Investment view",
    "",
    "We rate the shares as a buy. Growth in warehouse automation and a rising share",
    "of software revenue support margins over the next three years.",
    "",
    "## Risks",
    "",
    "- Key risk: currency exposure in Brazil.",
    "- Dependence on two servo motor suppliers.",
    "- Slower orders if e-commerce growth stalls.",
    "",
    "## Valuation",
    "",
    "Our target price of 128 dollars uses a discounted cash flow model.",
]


def price_rows() -> list[str]:
    rows = ["date,ticker,close"]
    for day in range(3, 23):
        ticker = "ACME" if day % 2 == 0 else "BOTX"
        close = "101.25" if day == 14 else f"{90 + (day * 7) % 23}.{(day * 13) % 100:02d}"
        rows.append(f"2025-03-{day:02d},{ticker},{close}")
    return rows


def make_text_files() -> list[Entry]:
    prices = price_rows()
    write_text(GOOD / "notes.txt", NOTES)
    write_text(GOOD / "summary.md", SUMMARY)
    write_text(GOOD / "prices.csv", prices)
    notes_line = line_of(NOTES, "The Lisbon office closed in 2024.")
    risk_line = line_of(SUMMARY, "Key risk: currency exposure in Brazil.")
    price_line = line_of(prices, "2025-03-14,ACME,101.25")
    return [
        entry("good/notes.txt", "The Lisbon office closed in 2024.", lines(notes_line)),
        entry("good/summary.md", "Key risk: currency exposure in Brazil.", lines(risk_line)),
        entry("good/prices.csv", "2025-03-14", lines(price_line), also_contains=["101.25"]),
    ]


def lines(number: int) -> dict[str, object]:
    return {"line_start": number, "line_end": number}


# ---------------------------------------------------------------- bad files


def make_bomb(path: Path) -> None:
    """A structurally valid .docx whose padding member inflates to 300 MB of zeros."""
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="bin" ContentType="application/octet-stream"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Nothing to see here.</w:t></w:r></w:p></w:body></w:document>"
    )
    zero = bytes(1 << 20)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zinfo("[Content_Types].xml"), types)
        zf.writestr(zinfo("_rels/.rels"), rels)
        zf.writestr(zinfo("word/document.xml"), document)
        with zf.open(zinfo("word/media/padding.bin"), "w") as out:
            for _ in range(300):
                out.write(zero)


def tiny_png() -> bytes:
    """An 8x8 RGB PNG, written by hand so it is byte-for-byte stable."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(
        b"\x00" + b"".join(bytes([x * 32, y * 32, 128]) for x in range(8)) for y in range(8)
    )
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def lock_file(owner: str = "Jane Analyst") -> bytes:
    """An Office owner (lock) file: name length, padded ANSI name, padded UTF-16 name; 162 bytes."""
    ansi = bytes([len(owner)]) + owner.encode("ascii").ljust(53, b" ")
    wide = struct.pack("<H", len(owner)) + owner.encode("utf-16-le")
    data = ansi + wide.ljust(162 - len(ansi), b" ")
    assert len(data) == 162
    return data


def make_bad() -> list[Entry]:
    report = (GOOD / "report_en.pdf").read_bytes()
    deck = (GOOD / "deck.pptx").read_bytes()
    make_encrypted(BAD / "encrypted.pdf")
    (BAD / "truncated.pdf").write_bytes(report[: len(report) * 40 // 100])
    (BAD / "not_a_zip.docx").write_bytes(b"this is not a word document")
    make_bomb(BAD / "bomb.docx")
    (BAD / "empty.pdf").write_bytes(b"")
    make_scanned(BAD / "scanned.pdf")
    (BAD / "corrupt.xlsx").write_bytes(random.Random(20250101).randbytes(2048))
    (BAD / "corrupt.pptx").write_bytes(deck[: len(deck) * 30 // 100])
    (BAD / "photo.png").write_bytes(tiny_png())
    (BAD / ".hidden.pdf").write_bytes(small_text_pdf("A hidden file is never indexed."))
    (BAD / "~$report.docx").write_bytes(lock_file())
    (BAD / "duplicate_of_report_en.pdf").write_bytes(report)
    return [
        bad("encrypted.pdf", "failed", "encrypted"),
        bad("truncated.pdf", "failed"),
        bad("not_a_zip.docx", "failed"),
        bad("bomb.docx", "failed", "zip bomb"),
        bad("empty.pdf", "failed", "empty"),
        bad("scanned.pdf", "failed", "no text layer"),
        bad("corrupt.xlsx", "failed"),
        bad("corrupt.pptx", "failed"),
        bad("photo.png", "skipped"),
        bad(".hidden.pdf", "skipped"),
        bad("~$report.docx", "skipped"),
        bad("duplicate_of_report_en.pdf", "skipped", "duplicate"),
    ]


def bad(name: str, expect: str, reason: str | None = None) -> Entry:
    out: Entry = {"file": f"bad/{name}", "expect": expect}
    if reason:
        out["reason_contains"] = reason
    return out


# ---------------------------------------------------------------- hostile files

# Nested entities: &lol9; would expand to 10^9 "lol"s (3 GB) in a parser that expands them.
LAUGHS = "".join(
    [' <!ENTITY lol0 "lol">\n']
    + [f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10)]
)
XXE = ' <!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
# The part of each format that holds text, and the element whose first text takes the entity.
HOSTILE_PARTS = {
    "book.xlsx": ("xl/worksheets/sheet1.xml", rb"<t(?: [^>]*)?>"),
    "report.docx": ("word/document.xml", rb"<w:t(?: [^>]*)?>"),
    "deck.pptx": ("ppt/slides/slide1.xml", rb"<a:t>"),
}


def with_entities(declarations: str, reference: str, text_tag: bytes) -> Callable[[bytes], bytes]:
    """A patch that gives an XML part a DOCTYPE with these entity declarations and puts the
    entity reference at the start of the part's first text element."""

    def patch(xml: bytes) -> bytes:
        root = re.search(rb"<([A-Za-z][\w:]*)", xml)
        assert root, "no root element"
        doctype = f"<!DOCTYPE {root.group(1).decode()} [\n{declarations}]>\n".encode()
        xml = xml[: root.start()] + doctype + xml[root.start() :]
        return re.sub(text_tag, lambda m: m.group(0) + reference.encode(), xml, count=1)

    return patch


def make_entity_file(source: Path, target: Path, declarations: str, reference: str) -> None:
    """A copy of a good Office file whose text part declares and uses entities."""
    part, text_tag = HOSTILE_PARTS[source.name]
    shutil.copy(source, target)
    normalize_zip(target, {part: with_entities(declarations, reference, text_tag)})


def make_slip(source: Path, target: Path, names: list[str]) -> None:
    """A copy of a good Office file with extra members named outside the package."""
    shutil.copy(source, target)
    normalize_zip(target)
    with zipfile.ZipFile(target, "a") as zf:
        for name in names:
            zf.writestr(zinfo(name), f"written outside the package as {name}\n")


def make_hostile() -> None:
    """Office files whose XML declares entities, and zips with members outside the package."""
    shutil.rmtree(HOSTILE, ignore_errors=True)
    HOSTILE.mkdir()
    for source in HOSTILE_PARTS:
        suffix = Path(source).suffix
        make_entity_file(GOOD / source, HOSTILE / f"laughs{suffix}", LAUGHS, "&lol9;")
        make_entity_file(GOOD / source, HOSTILE / f"xxe{suffix}", XXE, "&xxe;")
    make_slip(GOOD / "report.docx", HOSTILE / "slip.docx", ["../../thinkdesk-slip.txt"])
    make_slip(GOOD / "book.xlsx", HOSTILE / "absolute.xlsx", ["/tmp/thinkdesk-absolute.txt"])


# ---------------------------------------------------------------- main


def main() -> None:
    for folder in (GOOD, BAD):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    good = make_pdfs() + make_docx(GOOD / "report.docx") + make_pptx(GOOD / "deck.pptx")
    good += make_xlsx(GOOD / "book.xlsx") + make_text_files()
    manifest = {"good": good, "bad": make_bad(), "scans": make_scans()}
    make_hostile()
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    (HERE / "expected.json").write_text(text, encoding="utf-8")
    folders = (GOOD, BAD, HOSTILE, SCANS)
    for path in (path for folder in folders for path in sorted(folder.iterdir())):
        print(f"{path.relative_to(HERE)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
