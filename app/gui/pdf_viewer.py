"""The built-in PDF viewer (QtPdf): a cited PDF at its page with the passage highlighted,
a page label that follows scrolling, zoom, find and keyboard close."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QTransform,
)
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QVBoxLayout, QWidget

from app.gui.find_bar import FindBar, viewer_keys
from app.gui.matching import locate

HIGHLIGHT = QColor(255, 190, 0, 90)  # the cited passage, over the page image
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 8.0)
FOUND_ENOUGH = 0.6  # share of the sought text the cited pages must hold to be highlighted


class PageView(QPdfView):
    """A QPdfView in multi-page mode that also paints highlights (page -> rectangles in
    points), knows where its pages lie, and fits the page width by setting its zoom.

    QPdfView tells nothing of where it draws a page, so page_rects mirrors Qt's layout
    (QPdfViewPrivate::calculateDocumentLayout, Qt 6.4-6.11) for the one mode used here,
    Custom zoom. Fitting the width with ZoomMode.FitToWidth instead would leave Qt
    drawing its own search highlights at zoom 1, away from the words found."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.Custom)
        self.highlights: dict[int, list[QRectF]] = {}
        self.fit = True  # follow the window's width
        screen = QGuiApplication.primaryScreen()
        self._pixels_per_point = screen.logicalDotsPerInch() / 72.0  # as QPdfView takes it
        self._layout: tuple[object, dict[int, QRect]] = (None, {})

    def setDocument(self, document: QPdfDocument) -> None:  # noqa: N802 - Qt override
        super().setDocument(document)
        document.statusChanged.connect(lambda _: setattr(self, "_layout", (None, {})))

    def scale(self) -> float:
        """Pixels per point at the current zoom."""
        return self._pixels_per_point * self.zoomFactor()

    def page_rects(self) -> dict[int, QRect]:
        """Each page's rectangle (0-based page -> QRect) in the scrolled area's coordinates."""
        document = self.document()
        if document is None or document.status() != QPdfDocument.Status.Ready:
            return {}
        key = (self.zoomFactor(), self.viewport().width())
        if key != self._layout[0]:  # painting asks often; a filing has 300 pages
            self._layout = (key, self._page_rects(document))
        return self._layout[1]

    def _page_rects(self, document: QPdfDocument) -> dict[int, QRect]:
        sizes = [
            (document.pagePointSize(p) * self.scale()).toSize() for p in range(document.pageCount())
        ]
        margins = self.documentMargins()
        width = max((s.width() for s in sizes), default=0) + margins.left() + margins.right()
        rects, y = {}, margins.top()
        for page, size in enumerate(sizes):
            x = (max(width, self.viewport().width()) - size.width()) // 2
            rects[page] = QRect(QPoint(x, y), size)
            y += size.height() + self.pageSpacing()
        return rects

    def on_screen(self, page: int, box: QRectF) -> QRectF:
        """A box on page (in points) in the viewport's coordinates, as drawn now."""
        corner = self.page_rects()[page].topLeft()
        offset = QPointF(
            corner.x() - self.horizontalScrollBar().value(),
            corner.y() - self.verticalScrollBar().value(),
        )
        return QTransform.fromScale(self.scale(), self.scale()).mapRect(box).translated(offset)

    def scroll_to(self, page: int, y: float) -> None:
        """Scroll so that point y of page (from its top, in points) sits a little above the
        line QPdfView reads the current page from (40% down the view)."""
        rects = self.page_rects()
        if page in rects:
            top = rects[page].y() + y * self.scale()
            self.verticalScrollBar().setValue(int(top - self.viewport().height() * 0.4 + 4))

    def fit_zoom(self) -> float:
        """The zoom at which the widest page fills the view's width."""
        document = self.document()
        widest = max(
            (document.pagePointSize(p).width() for p in range(document.pageCount())), default=0.0
        )
        margins = self.documentMargins()
        room = self.viewport().width() - margins.left() - margins.right()
        return max(ZOOM_RANGE[0], room / (widest * self._pixels_per_point)) if widest else 1.0

    def set_zoom(self, factor: float) -> None:
        """Zoom to factor, keeping the place at the top of the view where it is."""
        factor = min(max(factor, ZOOM_RANGE[0]), ZOOM_RANGE[1])
        anchor = self._top_point()
        self.setZoomFactor(factor)
        if anchor is not None:
            page, y = anchor
            top = self.page_rects()[page].y() + y * self.scale()
            self.verticalScrollBar().setValue(round(top))

    def _top_point(self) -> tuple[int, float] | None:
        """The page at the top of the view and how far down it (in points) the view starts."""
        top = self.verticalScrollBar().value()
        for page, rect in self.page_rects().items():
            if rect.bottom() >= top:
                return page, (top - rect.y()) / self.scale()
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.fit and self.document() is not None and self.document().pageCount():
            self.set_zoom(self.fit_zoom())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self.highlights:
            return
        painter = QPainter(self.viewport())
        rects = self.page_rects()
        for page, boxes in self.highlights.items():
            if page in rects:
                for box in boxes:
                    painter.fillRect(self.on_screen(page, box), HIGHLIGHT)
        painter.end()


class PdfViewer(QWidget):
    """A window showing one PDF at a page, a cited passage highlighted on it; a toolbar
    with zoom (Ctrl++, Ctrl+-, Ctrl+0 fits the width), the page shown ("page 12 of 130")
    and find (Ctrl+F, then Enter or F3 for the next match, Shift+F3 the previous one).
    Esc or Ctrl+W closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = PageView(self)
        self.view.setDocument(self.document)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.document)
        self.view.setSearchModel(self.search)
        self.caption = QLabel()  # "page 3 of 12"
        self.caption.setObjectName("page")
        self.zoom_label = QLabel()
        self.passage_note = QLabel()
        self.passage_note.setStyleSheet("color: #666")
        self.find_bar = FindBar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._toolbar())
        layout.addWidget(self.view, 1)
        viewer_keys(self, self.find_bar)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page)
        self.view.zoomFactorChanged.connect(self._show_zoom)
        self.search.countChanged.connect(self._found)
        self.find_bar.searched.connect(self._search)
        self.find_bar.next_requested.connect(lambda: self._step(1))
        self.find_bar.previous_requested.connect(lambda: self._step(-1))
        self._first_match = QTimer(self, singleShot=True, interval=400)
        self._first_match.timeout.connect(lambda: self._go_to_match(0))
        self.resize(860, 1000)
        self.path = ""
        self._page = 1
        self._seeking_from: int | None = None  # a new search shows its first match from here

    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        self._action(bar, "−", self.tr("Zoom out"), ["Ctrl+-"], self.zoom_out)
        self._action(bar, "+", self.tr("Zoom in"), ["Ctrl++", "Ctrl+="], self.zoom_in)
        self._action(bar, self.tr("Fit width"), self.tr("Fit width"), ["Ctrl+0"], self.fit_width)
        bar.addWidget(self.zoom_label)
        bar.addSeparator()
        bar.addWidget(self.caption)
        bar.addSeparator()
        bar.addWidget(self.passage_note)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.find_bar)
        return bar

    def _action(
        self, bar: QToolBar, text: str, tip: str, keys: list[str], slot: Callable[[], None]
    ) -> None:
        action = QAction(text, self)
        action.setToolTip(f"{tip} ({keys[0]})")
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        bar.addAction(action)

    def open(self, path: str, page: int, passage: str = "", last_page: int | None = None) -> bool:
        """Load path and show page (1-based), with passage (text sought on pages page to
        last_page) highlighted where it is found; False when the PDF cannot be opened."""
        self.search.setSearchString("")
        self.view.highlights = {}
        self.document.close()
        if self.document.load(path) != QPdfDocument.Error.None_:
            return False
        count = self.document.pageCount()
        first = max(1, min(page, count))
        last = max(first, min(last_page or first, count))
        self.path, self._page = path, first
        self.view.highlights = self._locate(passage, first - 1, last - 1)
        if self.view.highlights:
            self._page = min(self.view.highlights) + 1
        found = self.tr("Cited passage highlighted") if self.view.highlights else ""
        missing = self.tr("The cited text is not on this page's text layer")
        self.passage_note.setText(found if not passage or found else missing)
        self.setWindowTitle(Path(path).name)
        self.setWindowFilePath(path)
        if self.view.fit and self.isVisible():
            self.view.set_zoom(self.view.fit_zoom())
        self._jump()
        self._show_page(self._page - 1)
        self._show_zoom(self.view.zoomFactor())
        return True

    def _locate(self, sought: str, first: int, last: int) -> dict[int, list[QRectF]]:
        """Where sought is on pages first to last (0-based): page -> boxes in points; all on
        one page when one holds it whole, else the parts found on each page when together
        they hold most of it (a passage finishing its sentence on the next page)."""
        if not sought.strip():
            return {}
        found: dict[int, tuple[list[tuple[int, int]], float]] = {}
        for page in range(first, last + 1):
            spans, share = locate(self.document.getAllText(page).text(), sought)
            if share == 1.0:
                return {page: self._boxes(page, spans)}
            if spans:
                found[page] = (spans, share)
        if sum(share for _, share in found.values()) < FOUND_ENOUGH:
            return {}
        return {page: self._boxes(page, spans) for page, (spans, _) in found.items()}

    def _boxes(self, page: int, spans: list[tuple[int, int]]) -> list[QRectF]:
        """The boxes (one per line, in points) of these character spans of a page's text."""
        boxes = []
        for start, end in spans:
            selection = self.document.getSelectionAtIndex(page, start, end - start)
            boxes += [polygon.boundingRect() for polygon in selection.bounds()]
        return boxes

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._jump)  # the view lays out its pages only once shown

    def _jump(self) -> None:
        page = self._page - 1
        boxes = self.view.highlights.get(page)
        if boxes:
            self.view.scroll_to(page, min(box.top() for box in boxes))
        else:
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def current_page(self) -> int:
        """The page shown now (1-based)."""
        return int(self.view.pageNavigator().currentPage()) + 1

    def zoom_in(self) -> None:
        """Magnify by one step."""
        self.view.fit = False
        self.view.set_zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Shrink by one step."""
        self.view.fit = False
        self.view.set_zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        """Fit the page width to the window, and keep it fitted as the window changes."""
        self.view.fit = True
        self.view.set_zoom(self.view.fit_zoom())

    def _show_page(self, page: int) -> None:
        self.caption.setText(self.tr("page {0} of {1}").format(page + 1, self.document.pageCount()))

    def _show_zoom(self, factor: float) -> None:
        self.zoom_label.setText(f" {factor:.0%} ")

    def _search(self, text: str) -> None:
        """Search the document for text; the first match on or after the page shown is shown
        as soon as it is found (the model searches page by page, in the background)."""
        self.view.setCurrentSearchResultIndex(-1)
        self._seeking_from = self.current_page() - 1 if text else None
        self.search.setSearchString(text)
        self.find_bar.show_count(0, 0)

    def _found(self) -> None:
        """More matches: show the count, and the first one from the page shown once found."""
        count = self.search.count()
        current = self.view.currentSearchResultIndex()
        self.find_bar.show_count(current + 1, count)
        start = self._seeking_from
        if start is None or not count:
            return
        for index in range(count):
            if self.search.resultAtIndex(index).page() >= start:
                self._go_to_match(index)
                return
        self._first_match.start()  # none yet after the page shown: the first, unless one comes

    def _step(self, step: int) -> None:
        count = self.search.count()
        if count:
            self._go_to_match((self.view.currentSearchResultIndex() + step) % count)

    def _go_to_match(self, index: int) -> None:
        self._seeking_from = None
        self._first_match.stop()
        count = self.search.count()
        if not 0 <= index < count:
            return
        link = self.search.resultAtIndex(index)
        self.view.setCurrentSearchResultIndex(index)
        self.view.scroll_to(link.page(), link.location().y())
        self.find_bar.show_count(index + 1, count)
