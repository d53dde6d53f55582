"""Pictures of printed text inside real .docx and .pptx files, read by the real RapidOCR: their
text comes back at its slide or paragraph marked "ocr": true, a logo repeated on every slide
is read once, and a picture too small to hold print is never read."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.util import Inches as PptxInches

from ingest.ocr import Ocr
from ingest.parsers import docx, pptx
from ingest.workers import parse_file

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # fonts-dejavu-core
CHART = ["Warehouse capacity rose", "to 4,820 pallets in 2025"]
LOGO = ["Northwind Logistics"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not FONT.exists(), reason="needs fonts-dejavu-core to draw the text"),
]


def printed(lines: list[str], size: int = 28) -> bytes:
    """A PNG of these lines in dark ink on white, speckled so it weighs what a real one does."""
    font = ImageFont.truetype(str(FONT), size)
    image = Image.new("RGB", (640, 60 + len(lines) * size * 2), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((30, 30 + i * size * 2), line, font=font, fill=(25, 25, 25))
    rng = random.Random(len(lines))
    for _ in range(3000):  # paper grain: keeps the PNG over the 4 KB a picture must weigh
        image.putpixel((rng.randrange(640), rng.randrange(image.height)), (235, 235, 235))
    return png(image)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def tiny_icon() -> bytes:
    """A 48 x 48 icon with a letter on it, noisy enough to weigh over 4 KB: too small to read."""
    rng = random.Random(7)
    image = Image.new("RGB", (48, 48))
    image.putdata([(rng.randrange(256), rng.randrange(256), 200) for _ in range(48 * 48)])
    ImageDraw.Draw(image).text((10, 10), "A", fill=(0, 0, 0))
    data = png(image)
    assert len(data) > 4096
    return data


@pytest.fixture(scope="module")
def reader():
    """One engine for the module: its models load once."""
    return Ocr(threads=1)


def make_deck(path: Path) -> Path:
    """Slide 1: a title and the chart picture inside a group, the logo; slides 2 and 3: a
    title and the same logo."""
    deck = Presentation()
    layout = deck.slide_layouts[5]  # title only
    logo = printed(LOGO)
    for number in (1, 2, 3):
        slide = deck.slides.add_slide(layout)
        slide.shapes.title.text = f"Operations review {number}"
        if number == 1:
            group = slide.shapes.add_group_shape()
            group.shapes.add_picture(io.BytesIO(printed(CHART)), PptxInches(1), PptxInches(2))
        slide.shapes.add_picture(io.BytesIO(logo), PptxInches(6), PptxInches(6))
    deck.save(str(path))
    return path


def test_a_slides_picture_text_is_a_block_of_that_slide_and_a_repeated_logo_is_read_once(
    tmp_path, reader
):
    blocks = list(pptx.parse(make_deck(tmp_path / "deck.pptx"), reader))
    read = [(b.location, b.text) for b in blocks if b.location.get("ocr")]
    assert [location for location, _ in read] == [
        {"slide": 1, "image": 1, "ocr": True},
        {"slide": 1, "image": 2, "ocr": True},
    ]
    assert "4,820 pallets" in read[0][1] and "Warehouse" in read[0][1]
    assert "Northwind" in read[1][1]
    assert [b.location for b in blocks if not b.location.get("ocr")] == [
        {"slide": 1},
        {"slide": 2},
        {"slide": 3},
    ]


def make_report(path: Path, pictures: list[bytes]) -> Path:
    """A heading, a paragraph, then a paragraph holding each picture, then a closing one."""
    report = Document()
    report.add_heading("Capacity", level=1)
    report.add_paragraph("Our warehouses grew this year.")
    for picture in pictures:
        report.add_paragraph().add_run().add_picture(io.BytesIO(picture), width=Inches(4))
    report.add_paragraph("Figures are unaudited.")
    report.save(str(path))
    return path


def test_a_word_picture_text_follows_its_paragraph_at_that_paragraphs_location(tmp_path, reader):
    logo = printed(LOGO)
    path = make_report(tmp_path / "report.docx", [printed(CHART), logo, logo])
    blocks = list(docx.parse(path, reader))
    assert [(b.location, b.text[:20]) for b in blocks] == [
        ({"heading": "Capacity", "paragraph": 2}, "Our warehouses grew "),
        ({"heading": "Capacity", "paragraph": 3, "image": 1, "ocr": True}, "Warehouse capacity r"),
        ({"heading": "Capacity", "paragraph": 4, "image": 2, "ocr": True}, "Northwind Logistics"),
        ({"heading": "Capacity", "paragraph": 6}, "Figures are unaudite"),
    ]
    assert "4,820 pallets" in blocks[1].text
    assert blocks[1].header == "Capacity"


def test_a_file_whose_only_pictures_are_tiny_or_light_is_indexed_without_ocr(tmp_path):
    light = png(Image.new("RGB", (300, 80), "white"))  # big enough, but a few hundred bytes
    fresh = Ocr(threads=1)
    blocks = list(docx.parse(make_report(tmp_path / "icons.docx", [tiny_icon(), light]), fresh))
    assert [b.location for b in blocks] == [
        {"heading": "Capacity", "paragraph": 2},
        {"heading": "Capacity", "paragraph": 5},
    ]
    assert not fresh.loaded  # never asked to read a picture


def test_a_deck_with_pictures_goes_through_the_worker_with_its_picture_text(tmp_path):
    result = parse_file(make_deck(tmp_path / "deck.pptx"))
    assert result.error is None
    assert any("pallets" in b.text for b in result.blocks if b.location.get("ocr"))


def test_without_rapidocr_a_deck_with_pictures_is_indexed_as_before(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails
    path = make_deck(tmp_path / "deck.pptx")
    blocks = list(pptx.parse(path, Ocr(threads=1)))
    assert [(b.location, b.text) for b in blocks] == [
        ({"slide": n}, f"Operations review {n}") for n in (1, 2, 3)
    ]
