"""The built-in PDF viewer (QtPdf): opens a cited PDF at its page."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PdfViewer(QWidget):
    """A window showing one PDF, scrolled to a page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.caption = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self.resize(800, 1000)
        self._page = 1

    def open(self, path: str, page: int) -> bool:
        """Load path and jump to page (1-based); False when the PDF cannot be opened."""
        self.document.close()
        if self.document.load(path) != QPdfDocument.Error.None_:
            return False
        page = max(1, min(page, self.document.pageCount()))
        self._page = page
        self._jump()
        self.caption.setText(f"{path} — page {page} of {self.document.pageCount()}")
        self.setWindowTitle(f"{path.rsplit('/', 1)[-1]} — page {page}")
        return True

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        QTimer.singleShot(0, self._jump)  # the view lays out its pages only once shown

    def _jump(self) -> None:
        self.view.pageNavigator().jump(self._page - 1, QPointF(), self.view.zoomFactor())

    def current_page(self) -> int:
        """The page shown now (1-based)."""
        return int(self.view.pageNavigator().currentPage()) + 1
