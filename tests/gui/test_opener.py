"""A double-clicked card opens its file at the cited place: a PDF in the viewer with the
passage highlighted, a text file in the text viewer at its lines, Word, PowerPoint and
Excel files in their application with the place named in the status bar."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices

from app.answer import Passage
from app.gui.pdf_viewer import PdfViewer
from app.gui.text_viewer import TextViewer
from retrieval.evidence import Evidence

DATA = Path(__file__).parents[1] / "data"
GOOD = json.loads((DATA / "expected.json").read_text())["good"]
TEXT_PHRASES = [e for e in GOOD if e["file"].endswith((".txt", ".md", ".csv"))]


@pytest.fixture
def opened_urls(monkeypatch):
    """The URLs handed to the system (the OS boundary: nothing is really launched)."""
    urls = []

    def open_url(url):
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def card_passage(file, location, phrase, before="", after=""):
    text = before + phrase + after
    start = len(before)
    evidence = Evidence(start, start + len(phrase), phrase, 1.0)
    return Passage(1, 0.5, str(file), location, text, 1, evidence=evidence)


def double_click(qtbot, window, passage):
    window.sources.show_passages([passage], [])
    item = window.sources.cards.item(0)
    window.sources.cards.itemActivated.emit(item)
    return window.viewer


@pytest.mark.parametrize("entry", TEXT_PHRASES, ids=[e["file"] for e in TEXT_PHRASES])
def test_a_text_card_opens_the_text_viewer_at_its_lines(qtbot, make_window, opened_urls, entry):
    window = make_window()
    location = entry["location"]
    passage = card_passage(DATA / entry["file"], location, entry["phrase"])
    viewer = double_click(qtbot, window, passage)
    assert isinstance(viewer, TextViewer) and viewer.isVisible()
    assert opened_urls == []  # not handed to another program
    first, last = location["line_start"], location["line_end"]
    lines = (DATA / entry["file"]).read_text(encoding="utf-8").split("\n")
    assert viewer.cited_text() == "\n".join(lines[first - 1 : last])
    assert entry["phrase"] in viewer.cited_text()
    [(start, end)] = viewer.evidence
    assert viewer.text.toPlainText()[start:end] == entry["phrase"]
    cursor = viewer.text.textCursor()
    assert cursor.blockNumber() == first - 1
    qtbot.waitUntil(lambda: viewer.text.viewport().rect().contains(viewer.text.cursorRect()))
    label = f"line {first} of" if first == last else f"lines {first}-{last} of"
    assert viewer.caption.text().startswith(label)


def test_the_text_viewer_finds_and_closes_by_keyboard(qtbot, make_window):
    window = make_window()
    notes = DATA / "good" / "notes.txt"
    passage = card_passage(
        notes, {"line_start": 12, "line_end": 12}, "The Lisbon office closed in 2024."
    )
    viewer = double_click(qtbot, window, passage)
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    total = notes.read_text().lower().count("director")
    assert total == 4
    qtbot.keyClick(viewer.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(viewer.find_bar.field, "director")
    qtbot.keyClick(viewer.find_bar.field, Qt.Key.Key_Return)
    # From the cited line 12 on, the first match is the last one, on line 28.
    assert viewer.find_bar.count.text() == f"{total} of {total}"
    assert viewer.text.textCursor().blockNumber() == 27
    qtbot.keyClick(viewer.text, Qt.Key.Key_F3)
    assert viewer.find_bar.count.text() == f"1 of {total}"
    assert viewer.text.textCursor().blockNumber() == 2
    qtbot.keyClick(viewer.text, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert viewer.find_bar.count.text() == f"{total} of {total}"
    qtbot.keyClick(viewer.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible())


def test_a_pdf_card_opens_the_viewer_at_the_evidence_and_reuses_it(qtbot, make_window):
    window = make_window()
    pdf = DATA / "good" / "report_en.pdf"
    first = card_passage(pdf, {"page": 3}, "Gross margin rose to 41.7 percent in fiscal 2025.")
    viewer = double_click(qtbot, window, first)
    assert isinstance(viewer, PdfViewer) and viewer.isVisible()
    assert set(viewer.view.highlights) == {2}
    qtbot.waitUntil(lambda: viewer.current_page() == 3)
    second = card_passage(pdf, {"page": 4}, "We expect revenue growth of 10 to 12 percent")
    assert double_click(qtbot, window, second) is viewer  # one window per file
    assert set(viewer.view.highlights) == {3}
    qtbot.waitUntil(lambda: viewer.current_page() == 4)


@pytest.mark.parametrize(
    ("name", "location", "place"),
    [
        (
            "report.docx",
            {"heading": "Financial performance > Margins", "paragraph": 5},
            "section 'Financial performance > Margins', paragraph 5",
        ),
        (
            "report.docx",
            {"heading": "Outlook", "paragraph": 8, "table": 2, "row": 58},
            "section 'Outlook', table 2, row 58, after paragraph 8",
        ),
        ("deck.pptx", {"slide": 2, "notes": True}, "slide 2 (speaker notes)"),
        ("book.xlsx", {"sheet": "Revenue", "cells": "A44:D44"}, "sheet 'Revenue', cells A44:D44"),
    ],
)
def test_office_files_open_in_their_application_with_the_place_named(
    qtbot, make_window, opened_urls, name, location, place
):
    window = make_window()
    passage = card_passage(DATA / "good" / name, location, "text")
    assert double_click(qtbot, window, passage) is None
    assert opened_urls == [QUrl.fromLocalFile(str(DATA / "good" / name))]
    assert window.statusBar().currentMessage() == f"Opened {name} — look for: {place}"


def test_a_file_gone_from_its_place_is_named(qtbot, make_window, opened_urls, tmp_path):
    window = make_window()
    passage = card_passage(tmp_path / "moved.txt", {"line_start": 1, "line_end": 1}, "text")
    assert double_click(qtbot, window, passage) is None
    assert opened_urls == []
    assert window.statusBar().currentMessage() == f"Error: moved.txt is no longer at {tmp_path}"
