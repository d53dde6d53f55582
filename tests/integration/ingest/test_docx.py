"""The Word parser on real files: paragraphs under their heading path (which heads each of
their chunks), table rows under their header row, paragraphs and rows counted from 1."""

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ingest.errors import ParseError
from ingest.parsers.docx import parse

MARGINS = "Financial performance > Margins"


@pytest.fixture
def report(data_dir):
    return list(parse(data_dir / "good" / "report.docx"))


def save(doc, tmp_path):
    path = tmp_path / "made.docx"
    doc.save(str(path))
    return list(parse(path))


def test_paragraphs_carry_their_heading_path_and_number(report):
    prose = [b for b in report if "table" not in b.location]
    assert [(b.location.get("heading"), b.location["paragraph"]) for b in prose] == [
        (None, 1),  # the document title is a Title, not a heading
        ("Financial performance", 3),
        (MARGINS, 5),
        (MARGINS, 6),
        ("Outlook", 8),
        ("市场分析", 10),
    ]
    assert prose[2].text == "Operating margin improved to 18.2 percent. Segment detail follows."
    assert all(b.header == b.location.get("heading") for b in prose)


def test_headings_head_their_section_instead_of_being_blocks(report):
    texts = [b.text for b in report]
    assert not {"Financial performance", "Margins", "Outlook", "市场分析"} & set(texts)
    sections = [b.section for b in report if "table" not in b.location]
    assert sections == [
        ("section", 0),
        ("section", 1),
        ("section", 2),
        ("section", 2),
        ("section", 3),
        ("section", 4),
    ]


def test_table_rows_are_atomic_under_their_header_with_row_numbers(report):
    rows = [b for b in report if b.location.get("table") == 1]
    assert [b.text for b in rows] == [
        "Cloud | 420 | 38%",
        "Devices | 310 | 12%",
        "Services | 150 | 27%",
    ]
    assert rows[1].location == {"heading": MARGINS, "paragraph": 5, "table": 1, "row": 3}
    assert all(b.header == "Segment | Revenue | Margin" and b.atomic for b in rows)
    assert {b.section for b in rows} == {("table", 1)}


def test_a_long_table_keeps_every_row_in_order(report):
    rows = [b for b in report if b.location.get("table") == 2]
    assert [b.location["row"] for b in rows] == list(range(2, 82))
    assert rows[55].text.startswith("M56 | ")
    assert all(b.location["heading"] == "Outlook" and b.header == "Month | Orders" for b in rows)


def test_a_new_heading_ends_the_deeper_ones_and_a_skipped_level_leaves_no_gap(tmp_path):
    doc = Document()
    doc.add_heading("Results", 1)
    doc.add_heading("By region", 3)  # level 2 skipped
    doc.add_paragraph("Asia grew fastest.")
    doc.add_heading("Costs", 2)
    doc.add_paragraph("Wages rose.")
    doc.add_heading("Outlook", 1)
    doc.add_paragraph("Stable.")
    blocks = save(doc, tmp_path)
    assert [(b.text, b.location["heading"]) for b in blocks] == [
        ("Asia grew fastest.", "Results > By region"),
        ("Wages rose.", "Results > Costs"),
        ("Stable.", "Outlook"),
    ]


def test_headings_are_found_by_localised_style_base_style_and_outline_level(tmp_path):
    doc = Document()
    chinese = doc.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    custom = doc.styles.add_style("Report Section", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = doc.styles["Heading 2"]
    doc.add_paragraph("市场分析", style=chinese)
    doc.add_paragraph("华南", style=custom)
    doc.add_paragraph("需求回暖。")
    outlined = doc.add_paragraph("Outlook")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "0")
    outlined._p.get_or_add_pPr().append(level)
    doc.add_paragraph("Stable.")
    blocks = save(doc, tmp_path)
    assert [(b.text, b.location["heading"]) for b in blocks] == [
        ("需求回暖。", "市场分析 > 华南"),
        ("Stable.", "Outlook"),
    ]


def test_empty_paragraphs_count_but_give_no_block(tmp_path):
    doc = Document()
    doc.add_paragraph("")
    doc.add_paragraph("   ")
    doc.add_paragraph("Third.")
    [block] = save(doc, tmp_path)
    assert (block.text, block.location) == ("Third.", {"paragraph": 3})


def test_a_merged_cell_is_read_once(tmp_path):
    doc = Document()
    table = doc.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Item", "Q1", "Q2"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Units", "5", "7"], strict=True):
        cell.text = text
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Total"
    table.cell(2, 2).text = "12"
    blocks = save(doc, tmp_path)
    assert [b.text for b in blocks] == ["Units | 5 | 7", "Total | 12"]
    assert [b.location["row"] for b in blocks] == [2, 3]
    assert blocks[0].location == {"paragraph": 1, "table": 1, "row": 2}


def test_a_file_that_is_not_a_word_document_fails_with_a_reason(data_dir):
    with pytest.raises(ParseError, match="^corrupt: not a readable Word document"):
        list(parse(data_dir / "bad" / "not_a_zip.docx"))
