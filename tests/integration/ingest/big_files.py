"""Huge but honest Office files written at test time (too big to check in): a 200,000-row
workbook and a 10,000-slide deck, their XML written straight into the zip, streamed, so making
them takes seconds and little memory. Each row and slide says its own number, so a test can
check that every one of them came through."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _rels(*targets: tuple[str, str, str]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{p}"/>' for i, t, p in targets)
    return f'{_XML}<Relationships xmlns="{_REL}">{items}</Relationships>'


def sheet_row(number: int) -> list[str]:
    """The cells of data row number (counted from 1, under the header row)."""
    return [f"R{number:06d}", str(number * 7), f"region {number % 97}"]


def write_big_sheet(path: Path, rows: int) -> Path:
    """A workbook of one sheet: a header row and rows data rows (inline strings)."""
    types = (
        f'{_XML}<Types xmlns="{_CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_SHEET_CT}.worksheet+xml"/></Types>'
    )
    workbook = (
        f'{_XML}<workbook xmlns="{_SHEET_NS}" xmlns:r="{_DOC_REL}"><sheets>'
        '<sheet name="Big" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    worksheet = f"{_DOC_REL}/worksheet"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", _rels(("rId1", _OFFICE, "xl/workbook.xml")))
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr(
            "xl/_rels/workbook.xml.rels", _rels(("rId1", worksheet, "worksheets/sheet1.xml"))
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'{_XML}<worksheet xmlns="{_SHEET_NS}"><sheetData>'.encode())
            sheet.write(_row(1, ["Code", "Amount", "Region"]))
            for number in range(1, rows + 1):
                sheet.write(_row(number + 1, sheet_row(number)))
            sheet.write(b"</sheetData></worksheet>")
    return path


def _row(number: int, cells: list[str]) -> bytes:
    inner = "".join(
        f'<c r="{column}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
        for column, text in zip("ABC", cells, strict=True)
    )
    return f'<row r="{number}">{inner}</row>'.encode()


def slide_text(number: int) -> str:
    """What slide number says (its title and one body line)."""
    return f"Slide {number} outlook\nSegment {number % 13} revenue grew {number % 50} percent"


def write_big_deck(source: Path, path: Path, slides: int) -> Path:
    """A deck of slides copies of a one-slide deck's slide (source: made by python-pptx), each
    with its own text; the layouts, master and theme are source's."""
    with zipfile.ZipFile(source) as template:
        parts = {name: template.read(name) for name in template.namelist()}
    slide = parts["ppt/slides/slide1.xml"].decode()
    rels = parts["ppt/slides/_rels/slide1.xml.rels"]
    marker = "SLIDE-TEXT"
    assert marker in slide, "the template slide must say SLIDE-TEXT"
    keep = {n: b for n, b in parts.items() if not n.startswith("ppt/slides/")}
    keep["[Content_Types].xml"] = _deck_types(parts["[Content_Types].xml"].decode(), slides)
    keep["ppt/presentation.xml"] = _slide_list(parts["ppt/presentation.xml"].decode(), slides)
    keep["ppt/_rels/presentation.xml.rels"] = _deck_rels(
        parts["ppt/_rels/presentation.xml.rels"].decode(), slides
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in keep.items():
            archive.writestr(name, data)
        for number in range(1, slides + 1):
            text = _escape(slide_text(number)).replace("\n", "</a:t></a:r></a:p><a:p><a:r><a:t>")
            archive.writestr(f"ppt/slides/slide{number}.xml", slide.replace(marker, text))
            archive.writestr(f"ppt/slides/_rels/slide{number}.xml.rels", rels)
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _deck_types(types: str, slides: int) -> str:
    slide_ct = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
    one = f'<Override PartName="/ppt/slides/slide1.xml" ContentType="{slide_ct}"/>'
    assert one in types
    every = "".join(
        f'<Override PartName="/ppt/slides/slide{n}.xml" ContentType="{slide_ct}"/>'
        for n in range(1, slides + 1)
    )
    return types.replace(one, every)


def _slide_list(presentation: str, slides: int) -> str:
    start = presentation.index("<p:sldIdLst>")
    end = presentation.index("</p:sldIdLst>") + len("</p:sldIdLst>")
    ids = "".join(f'<p:sldId id="{255 + n}" r:id="rIdS{n}"/>' for n in range(1, slides + 1))
    return presentation[:start] + f"<p:sldIdLst>{ids}</p:sldIdLst>" + presentation[end:]


def _deck_rels(rels: str, slides: int) -> str:
    import re

    kept = re.sub(r'<Relationship [^>]*Target="slides/slide1\.xml"/>', "", rels)
    slide_type = f"{_DOC_REL}/slide"
    every = "".join(
        f'<Relationship Id="rIdS{n}" Type="{slide_type}" Target="slides/slide{n}.xml"/>'
        for n in range(1, slides + 1)
    )
    return kept.replace("</Relationships>", every + "</Relationships>")


def make_template_deck(path: Path) -> Path:
    """A one-slide deck (title and content layout) whose body says SLIDE-TEXT."""
    import pptx

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "SLIDE-TEXT"
    presentation.save(str(path))
    return path
