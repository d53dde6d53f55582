"""Scanned pages through the real worker processes and the real RapidOCR (tests/data/scans):
their text comes back at its page marked "ocr": true, and each OCR page is announced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.__main__ import approximate_tokens
from ingest.batch import parse_and_chunk, plan

DATA = Path(__file__).parents[2] / "data"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))["scans"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def read():
    """The scans parsed once: outcomes by path, and the OCR pages announced."""
    pages: list[tuple[str, int, int, int]] = []
    batch = plan([DATA / "scans"])
    outcomes = parse_and_chunk(
        batch.files, approximate_tokens, 254, on_ocr_page=lambda *page: pages.append(page)
    )
    return {str(o.path): o for o in outcomes}, pages


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda e: f"{e['file']}:{e['phrase']}")
def test_text_comes_back_at_its_page_marked_when_read_by_ocr(read, entry):
    outcome = read[0][str(DATA / entry["file"])]
    assert outcome.error is None
    holding = [c.location for c in outcome.chunks if entry["phrase"] in c.text]
    assert holding == [entry["location"]]


def test_only_the_scanned_pages_are_read_and_each_is_announced(read):
    assert sorted(read[1]) == [
        (str(DATA / "scans" / "scan_en.pdf"), 2, 1, 1),
        (str(DATA / "scans" / "scan_zh.pdf"), 1, 1, 1),
    ]


def test_a_pdf_of_blank_pages_fails_as_blank_not_as_a_scan(tmp_path):
    from pypdf import PdfWriter

    from ingest.workers import parse_file

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_blank_page(612, 792)
    path = tmp_path / "blank.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert parse_file(path).error == "blank: nothing is drawn on its 2 pages"
