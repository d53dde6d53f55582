"""The built-in PDF viewer: opens at the cited page with the cited passage highlighted on it;
its page label follows scrolling; zoom, find and keyboard close."""

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from app.answer import Passage
from app.gui.opener import sought
from app.gui.pdf_viewer import ZOOM_STEP, PdfViewer

DATA = Path(__file__).parents[1] / "data"
PDF = DATA / "good" / "report_en.pdf"
# The phrases of report_en.pdf with their pages: one split by a hyphen at a line end, one
# finishing its sentence on the next page, one a number wrapped at a thousands separator.
PHRASES = [
    e
    for e in json.loads((DATA / "expected.json").read_text())["good"]
    if e["file"] == "good/report_en.pdf"
]


@pytest.fixture
def viewer(qtbot):
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    return viewer


def show(qtbot, viewer, page, passage="", last_page=None):
    assert viewer.open(str(PDF), page, passage, last_page)
    viewer.show()
    qtbot.waitExposed(viewer)
    viewer.activateWindow()
    qtbot.waitUntil(
        lambda: viewer.isActiveWindow() and viewer.view.verticalScrollBar().maximum() > 0
    )


def letters(text):
    return re.sub(r"[^0-9a-z]", "", text.lower())


def highlighted(viewer):
    """page -> the text under the highlight boxes, read back from the PDF at their places."""
    texts = {}
    for page, boxes in viewer.view.highlights.items():
        texts[page] = " ".join(
            viewer.document.getSelection(
                page,
                QPointF(box.left() + 0.5, box.center().y()),
                QPointF(box.right() - 0.5, box.center().y()),
            ).text()
            for box in boxes
        )
    return texts


def test_opens_at_the_page(qtbot, viewer):
    show(qtbot, viewer, 3)
    qtbot.waitUntil(lambda: viewer.current_page() == 3, timeout=5000)
    assert "page 3 of 4" in viewer.caption.text()
    assert not viewer.open(str(PDF.with_name("missing.pdf")), 1)


def test_the_page_label_follows_scrolling(qtbot, viewer):
    show(qtbot, viewer, 1)
    qtbot.waitUntil(lambda: viewer.caption.text() == "page 1 of 4")
    bar = viewer.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: viewer.caption.text() == "page 4 of 4")
    bar.setValue(viewer.view.page_rects()[1].y())  # the top of page 2 at the top of the view
    qtbot.waitUntil(lambda: viewer.caption.text() == "page 2 of 4")


def test_zoom_in_out_and_back_to_the_page_width(qtbot, viewer):
    show(qtbot, viewer, 2)
    view = viewer.view
    fit = view.zoomFactor()
    margins = view.documentMargins()
    assert view.page_rects()[0].width() == pytest.approx(
        view.viewport().width() - margins.left() - margins.right(), abs=1
    )
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomFactor() == pytest.approx(fit * ZOOM_STEP)
    assert viewer.zoom_label.text().strip() == f"{fit * ZOOM_STEP:.0%}"
    assert viewer.current_page() == 2  # zooming keeps the place
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomFactor() == pytest.approx(fit / ZOOM_STEP)
    assert view.page_rects()[0].width() < view.viewport().width() * 0.9
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoomFactor() == pytest.approx(fit)


def test_find_counts_the_matches_and_steps_through_them(qtbot, viewer):
    assert viewer.open(str(PDF), 1)
    pages = [viewer.document.getAllText(p).text() for p in range(4)]
    total = sum(text.lower().count("revenue") for text in pages)
    assert total == 6
    show(qtbot, viewer, 1)
    qtbot.keyClick(viewer.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = viewer.find_bar.field
    assert field.hasFocus()
    qtbot.keyClicks(field, "revenue")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    count = viewer.find_bar.count
    qtbot.waitUntil(lambda: count.text() == f"1 of {total}")
    qtbot.keyClick(field, Qt.Key.Key_F3)
    assert count.text() == f"2 of {total}"
    qtbot.waitUntil(lambda: viewer.current_page() == 2)  # the second match is on page 2
    qtbot.keyClick(field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert count.text() == f"{total} of {total}"  # back past the first: the last
    qtbot.waitUntil(lambda: viewer.current_page() == 4)
    assert viewer.view.currentSearchResultIndex() == total - 1
    field.clear()
    qtbot.keyClicks(field, "no such words")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert count.text() == "no match"


@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_W])
def test_esc_and_ctrl_w_close_the_viewer(qtbot, viewer, key):
    show(qtbot, viewer, 1)
    modifier = (
        Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_W
        else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClick(viewer.view, key, modifier)
    qtbot.waitUntil(lambda: not viewer.isVisible())


@pytest.mark.parametrize("entry", PHRASES, ids=[e["phrase"] for e in PHRASES])
def test_the_cited_passage_is_highlighted_on_its_pages(qtbot, viewer, entry):
    location = entry["location"]
    first = location.get("page", location.get("page_start"))
    last = location.get("page_end", first)
    show(qtbot, viewer, first, entry["phrase"], last)
    assert set(viewer.view.highlights) == set(range(first - 1, last))
    covered = highlighted(viewer)
    assert letters(entry["phrase"]) in letters("".join(covered[p] for p in sorted(covered)))
    assert len(letters("".join(covered.values()))) < len(letters(entry["phrase"])) + 5
    assert viewer.passage_note.text() == "Cited passage highlighted"
    assert viewer.current_page() == first


def test_a_passage_is_highlighted_by_its_first_sentence_where_it_is_drawn(qtbot, viewer):
    # The chunk as the parser gives it: the hyphenated word whole, lines joined by spaces.
    chunk = (
        "We invested in people and in leadership. During the year the executive management"
        " team expanded to twelve members. We also opened engineering centres in Austin and"
        " in Krakow, which together now employ more than four hundred people."
    )
    passage = Passage(1, 0.5, str(PDF), {"page": 1}, chunk, 1)
    show(qtbot, viewer, 1, sought(passage))
    covered = highlighted(viewer)[0]
    assert covered.startswith("We invested in people") and "twelve members" in covered
    assert "Krakow" not in covered  # the opening sentences, not the whole chunk
    # Drawn over the words: inside the first box on screen the page image has both the
    # highlight's tint and dark text.
    view = viewer.view
    box = view.on_screen(0, view.highlights[0][0]).toRect().adjusted(2, 2, -2, -2)

    def tinted_text():
        image = view.viewport().grab().toImage()
        colours = [
            image.pixelColor(x, y)
            for x in range(box.left(), box.right())
            for y in range(box.top(), box.bottom())
        ]
        dark = any(c.lightness() < 100 for c in colours)
        tinted = any(c.blue() < c.red() - 40 and c.lightness() > 150 for c in colours)
        return dark and tinted

    qtbot.waitUntil(tinted_text)


def test_text_not_on_the_page_is_said_to_be_missing(qtbot, viewer):
    show(qtbot, viewer, 2, "Nothing like this sentence is printed anywhere in the report.")
    assert viewer.view.highlights == {}
    assert "not on this page" in viewer.passage_note.text()
    assert viewer.current_page() == 2
