"""Writers for PDF, Word, PowerPoint and Excel that return where each fact ended up."""

# Locations follow the Location objects of docs/cli.md, except that an Excel fact
# gives its 1-based row number instead of a cell range.

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
from corpus_text import Block, Para, Section, Sheet, Table
from docx import Document
from docx.document import Document as DocxDocument
from openpyxl.styles import Font
from pptx import Presentation
from pptx.util import Inches, Pt
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

Locations = dict[str, dict[str, Any]]

FIXED_DATE = datetime(2025, 1, 1, 0, 0, 0)
ZIP_DATE = (2025, 1, 1, 0, 0, 0)
AUTHOR = "Thinkdesk retrieval corpus"
CID_FONTS = {"hans": "STSong-Light", "hant": "MSung-Light"}
TOKEN = re.compile(r"[0-9A-Za-z\u00c0-\u024f.,:%'()/&+\-]+|\s+|.")

# ---------------------------------------------------------------- zip normalisation


def _zinfo(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def _fix_core_dates(xml: bytes) -> bytes:
    pattern = rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)"
    return re.sub(pattern, rb"\g<1>2025-01-01T00:00:00Z\g<2>", xml)


def normalize_zip(path: Path) -> None:
    """Rewrite an OOXML package with fixed member timestamps and document dates."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in members:
            fixed = _fix_core_dates(data) if name == "docProps/core.xml" else data
            dst.writestr(_zinfo(name), fixed)


def _set_core(props: Any, title: str) -> None:
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = title
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.revision = 1


def _record(locations: Locations, keys: tuple[str, ...], where: dict[str, Any]) -> None:
    for key in keys:
        if key in locations:
            raise ValueError(f"fact {key} placed twice")
        locations[key] = dict(where)


# ---------------------------------------------------------------- PDF

LEFT, RIGHT, TOP, BOTTOM = 64, 548, 730, 64
TABLE_COLUMNS = (0, 230, 360)


class _PdfFlow:
    """Draws lines top to bottom with drawString; a paragraph never splits across pages."""

    def __init__(self, path: Path, lang: str, title: str, header: str) -> None:
        self.pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1)
        self.pdf.setTitle(title)
        self.pdf.setAuthor(AUTHOR)
        self.pdf.setCreator("tests/retrieval/make_corpus.py")
        cid = CID_FONTS.get(lang)
        if cid:
            pdfmetrics.registerFont(UnicodeCIDFont(cid))
        self.regular, self.bold = (cid, cid) if cid else ("Helvetica", "Helvetica-Bold")
        self.header, self.page, self.y = header, 1, TOP
        self._running_header()

    def _running_header(self) -> None:
        self.pdf.setFont(self.regular, 8)
        self.pdf.drawString(LEFT, 760, self.header)

    def new_page(self) -> None:
        self.pdf.showPage()
        self.page += 1
        self.y = TOP
        self._running_header()

    def lines(self, lines: list[str], bold: bool, size: float, lead: float, keep: float = 0) -> int:
        """Draw lines (moving to a new page first if they, plus keep points, do not fit)."""
        if self.y - lead * len(lines) - keep < BOTTOM:
            self.new_page()
        font = self.bold if bold else self.regular
        for line in lines:
            self.pdf.setFont(font, size)
            self.pdf.drawString(LEFT, self.y, line)
            self.y -= lead
        return self.page

    def row(self, cells: tuple[str, ...], bold: bool) -> int:
        if self.y - 15 < BOTTOM:
            self.new_page()
        self.pdf.setFont(self.bold if bold else self.regular, 10)
        for x, text in zip(TABLE_COLUMNS, cells, strict=True):
            self.pdf.drawString(LEFT + x, self.y, text)
        self.y -= 15
        return self.page

    def wrap(self, text: str, size: float) -> list[str]:
        """Greedy wrap; runs of Latin letters, digits and number punctuation never split."""
        lines, line = [], ""
        for token in TOKEN.findall(text):
            wide = self.pdf.stringWidth(line + token, self.regular, size) > RIGHT - LEFT
            if wide and line.strip():
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        return [*lines, line.rstrip()] if line.strip() else lines


def _pdf_block(flow: _PdfFlow, block: Block, found: Locations) -> None:
    if isinstance(block, Para):
        page = flow.lines(flow.wrap(block.text, 10.5), False, 10.5, 14.5)
        _record(found, block.keys, {"page": page})
    else:
        flow.row(block.header, True)
        for cells, keys in zip(block.rows, block.keys, strict=True):
            _record(found, keys, {"page": flow.row(cells, False)})
    flow.y -= 7


def write_pdf(path: Path, lang: str, title: str, sub: str, chapters: list[Section]) -> Locations:
    """One chapter per page or more, headings in bold, the title on page one."""
    flow = _PdfFlow(path, lang, title, title)
    flow.lines(flow.wrap(title, 17), True, 17, 24)
    flow.lines([sub], False, 10, 22)
    found: Locations = {}
    for number, (h1, subs) in enumerate(chapters):
        if number:
            flow.new_page()
        flow.lines([h1], True, 14, 22)
        for h2, blocks in subs:
            flow.y -= 4
            flow.lines([h2], True, 11.5, 17, keep=45)
            for block in blocks:
                _pdf_block(flow, block, found)
    flow.pdf.showPage()
    flow.pdf.save()
    return found


# ---------------------------------------------------------------- Word


def _docx_table(doc: DocxDocument, table: Table) -> None:
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text


def write_docx(path: Path, title: str, sub: str, chapters: list[Section]) -> Locations:
    """Title, Heading 1 chapters, Heading 2 sections, paragraphs and tables."""
    doc = Document()
    _set_core(doc.core_properties, title)
    doc.add_heading(title, 0)
    doc.add_paragraph(sub)
    found: Locations = {}
    tables = 0
    for h1, subs in chapters:
        doc.add_heading(h1, 1)
        for h2, blocks in subs:
            doc.add_heading(h2, 2)
            heading = {"heading": f"{h1} > {h2}"}
            for block in blocks:
                if isinstance(block, Para):
                    doc.add_paragraph(block.text)
                    _record(found, block.keys, heading)
                    continue
                _docx_table(doc, block)
                tables += 1
                for keys in block.keys:
                    _record(found, keys, {**heading, "table": tables})
    doc.save(str(path))
    normalize_zip(path)
    return found


# ---------------------------------------------------------------- PowerPoint


def _footer(slide: Any, text: str) -> None:
    box = slide.shapes.add_textbox(Inches(0.4), Inches(7.0), Inches(9.2), Inches(0.4))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(10)


def _pptx_table(slide: Any, table: Table) -> None:
    rows, cols = len(table.rows) + 1, len(table.header)
    height = Inches(0.4) * rows
    shape = slide.shapes.add_table(rows, cols, Inches(0.6), Inches(2.4), Inches(8.8), height)
    for r, values in enumerate((table.header, *table.rows)):
        for c, text in enumerate(values):
            shape.table.cell(r, c).text = text


def _fill_body(slide: Any, texts: list[str], has_table: bool) -> None:
    if has_table:
        box = slide.shapes.add_textbox(Inches(0.6), Inches(1.5), Inches(8.8), Inches(0.8))
        frame = box.text_frame
    else:
        frame = slide.placeholders[1].text_frame
    frame.word_wrap = True
    frame.text = texts[0]
    for text in texts[1:]:
        frame.add_paragraph().text = text


def _pptx_slide(prs: Any, h2: str, blocks: list[Block], number: int, found: Locations) -> Any:
    tables = [b for b in blocks if isinstance(b, Table)]
    body = [b for b in blocks if isinstance(b, Para) and not b.note]
    notes = [b for b in blocks if isinstance(b, Para) and b.note]
    slide = prs.slides.add_slide(prs.slide_layouts[5 if tables else 1])
    slide.shapes.title.text = h2
    _fill_body(slide, [p.text for p in body], bool(tables))
    for table in tables:
        _pptx_table(slide, table)
        for keys in table.keys:
            _record(found, keys, {"slide": number})
    for para in body:
        _record(found, para.keys, {"slide": number})
    if notes:
        slide.notes_slide.notes_text_frame.text = "\n".join(p.text for p in notes)
        for para in notes:
            _record(found, para.keys, {"slide": number, "notes": True})
    return slide


def write_pptx(path: Path, title: str, sub: str, chapters: list[Section]) -> Locations:
    """A title slide, then one slide per section; notes paragraphs become speaker notes."""
    prs = Presentation()
    _set_core(prs.core_properties, title)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = title
    first.placeholders[1].text = sub
    found: Locations = {}
    number = 1
    for _h1, subs in chapters:
        for h2, blocks in subs:
            number += 1
            _footer(_pptx_slide(prs, h2, blocks, number, found), title)
    prs.save(str(path))
    normalize_zip(path)
    return found


# ---------------------------------------------------------------- Excel


def _xlsx_sheet(ws: Any, sheet: Sheet, found: Locations) -> None:
    ws.append(sheet.header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for offset, (values, keys) in enumerate(zip(sheet.rows, sheet.keys, strict=True)):
        row = offset + 2
        for col, value in enumerate(values or [], start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
        _record(found, keys, {"sheet": sheet.name, "row": row})
    for col, width in enumerate((16, 26, 16, 14, 16, 18, 14), start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = width
    ws.freeze_panes = "A2"


def write_xlsx(path: Path, title: str, sheets: list[Sheet]) -> Locations:
    """One worksheet per Sheet: bold header in row 1, data from row 2."""
    wb = openpyxl.Workbook()
    wb.properties.creator = AUTHOR
    wb.properties.title = title
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    found: Locations = {}
    for index, sheet in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = sheet.name
        _xlsx_sheet(ws, sheet, found)
    wb.save(str(path))
    normalize_zip(path)
    return found
