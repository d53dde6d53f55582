"""The built-in viewer opens a PDF at the cited page."""

from pathlib import Path

from app.gui.pdf_viewer import PdfViewer

PDF = Path(__file__).parents[1] / "data" / "good" / "report_en.pdf"


def test_opens_at_the_page(qtbot):
    viewer = PdfViewer()
    qtbot.addWidget(viewer)
    assert viewer.open(str(PDF), 3)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.current_page() == 3, timeout=5000)
    assert "page 3 of 4" in viewer.caption.text()
    assert not viewer.open(str(PDF.with_name("missing.pdf")), 1)
