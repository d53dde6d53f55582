"""The PowerPoint parser on real files: per slide its title and text, then its tables (rows
under their header), then its speaker notes marked as notes; slides counted from 1."""

import pytest
from pptx import Presentation
from pptx.util import Inches

from ingest.errors import ParseError
from ingest.parsers.pptx import parse


@pytest.fixture
def deck(data_dir):
    return list(parse(data_dir / "good" / "deck.pptx"))


def save(presentation, tmp_path):
    path = tmp_path / "made.pptx"
    presentation.save(str(path))
    return list(parse(path))


def test_a_slides_title_comes_first_then_its_text(deck):
    assert deck[0].text == "Acme Robotics Investor Day\nFiscal 2025 results and strategy"
    assert deck[-1].text == "亚太市场\n越南工厂的产能提升了百分之四十。"
    assert (deck[0].location, deck[0].section) == ({"slide": 1}, ("slide", 1))


def test_blocks_follow_the_slides_text_tables_then_notes(deck):
    assert [(b.location, b.section) for b in deck] == [
        ({"slide": 1}, ("slide", 1)),
        ({"slide": 2}, ("slide", 2)),
        ({"slide": 2, "notes": True}, ("notes", 2)),
        ({"slide": 3}, ("slide", 3)),
        ({"slide": 3}, ("slide-table", 3, 1)),
        ({"slide": 3}, ("slide-table", 3, 1)),
        ({"slide": 4}, ("slide", 4)),
    ]


def test_speaker_notes_are_their_own_block_marked_as_notes(deck):
    notes = [b for b in deck if b.location.get("notes")]
    assert [b.text for b in notes] == ["Mention the new Jakarta plant opening in March."]
    assert "Jakarta" not in deck[1].text


def test_table_rows_are_atomic_under_their_header(deck):
    rows = [b for b in deck if b.section[0] == "slide-table"]
    assert [b.text for b in rows] == ["North | 1200", "South | 950"]
    assert all(b.header == "Region | Units" and b.atomic for b in rows)


def test_grouped_shapes_and_several_tables_are_all_read(tmp_path):
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank: no title
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text = "Grouped note"
    for index, rows in enumerate([[["Plant", "Units"], ["Hanoi", "40"]], [["Only one row"]]]):
        shape = slide.shapes.add_table(
            len(rows), len(rows[0]), Inches(1), Inches(2 + 2 * index), Inches(6), Inches(1)
        )
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                shape.table.cell(r, c).text = text
    blocks = save(presentation, tmp_path)
    assert [(b.text, b.header, b.section) for b in blocks] == [
        ("Grouped note", None, ("slide", 1)),
        ("Hanoi | 40", "Plant | Units", ("slide-table", 1, 1)),
        ("Only one row", None, ("slide-table", 1, 2)),  # a lone row heads nothing
    ]


def test_a_slide_without_text_gives_no_block_and_keeps_the_numbering(tmp_path):
    presentation = Presentation()
    presentation.slides.add_slide(presentation.slide_layouts[6])
    second = presentation.slides.add_slide(presentation.slide_layouts[5])
    second.shapes.title.text = "Second slide"
    blocks = save(presentation, tmp_path)
    assert [(b.text, b.location) for b in blocks] == [("Second slide", {"slide": 2})]


def test_a_broken_file_fails_with_a_reason(data_dir):
    with pytest.raises(ParseError, match="^corrupt: not a readable PowerPoint file"):
        list(parse(data_dir / "bad" / "corrupt.pptx"))
