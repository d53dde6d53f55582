"""A streaming Markdown view, for the answer and for the reasoning.

Text arrives a token at a time; the view redraws at most every 50 ms (a redraw per token
would make a long answer crawl) and stays at the bottom; [n] links in it are reported as
citations."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

REDRAW_MS = 50


class MarkdownView(QTextBrowser):
    """Shows the Markdown that render() returns, redrawn after changed().

    Signals: citation_clicked(int, int) with the exchange (-1: the current one) and the
    passage number of a clicked cite: link; claim_clicked(int, int) with the exchange and the
    sentence number of a clicked claim: mark."""

    citation_clicked = Signal(int, int)
    claim_clicked = Signal(int, int)

    def __init__(self, render: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._render = render
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.redraw)

    def changed(self) -> None:
        """The text grew: redraw soon (at most once per REDRAW_MS)."""
        if not self._timer.isActive():
            self._timer.start()

    def redraw(self) -> None:
        """Redraw now, keeping the view at the bottom."""
        self._timer.stop()
        self.setMarkdown(self._render())
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() not in ("cite", "claim"):
            return
        exchange, _, number = url.path().rpartition("/")
        if number.isdigit() and (not exchange or exchange.isdigit()):
            signal = self.citation_clicked if url.scheme() == "cite" else self.claim_clicked
            signal.emit(int(exchange) if exchange else -1, int(number))
