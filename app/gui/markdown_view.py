"""A streaming Markdown view, for the answer and for the reasoning.

Text arrives a token at a time; the view redraws at most every REDRAW_MS (a redraw per token
would make a long answer crawl) and stays at the bottom; [n] links in it are reported as
citations. A redraw renders again only what follows the last horizontal rule (---) that the
text shares with the one shown: while an answer streams at the end of a long conversation,
the earlier exchanges are not parsed and laid out again every time (that work, on a 2-core
machine, took the cores llama.cpp's threads generate on)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

REDRAW_MS = 100
RULE = "\n---\n"  # a thematic break: what precedes it renders the same whatever follows


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
        self._head = ""  # the Markdown rendered before _tail_at, kept while it stays the same
        self._tail_at = 0  # the document position where the rest of the text begins

    def changed(self) -> None:
        """The text grew: redraw soon (at most once per REDRAW_MS)."""
        if not self._timer.isActive():
            self._timer.start()

    def redraw(self) -> None:
        """Redraw now, keeping the view at the bottom."""
        self._timer.stop()
        markdown = self._render()
        if self._head and markdown.startswith(self._head):
            self._render_tail(markdown[len(self._head) :])
        else:
            self._render_all(markdown)
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _render_all(self, markdown: str) -> None:
        """The whole text, then (when it has a rule) everything after its last rule again
        apart, so that the next redraw can render that part alone."""
        cut = markdown.rfind(RULE, 0, len(markdown) - len(RULE)) + len(RULE)
        inside_code = markdown.count("```", 0, cut) % 2 == 1  # what follows would continue it
        if cut < len(RULE) or inside_code:  # no rule before the end: nothing to keep
            self._head, self._tail_at = "", 0
            self.setMarkdown(markdown)
            return
        self._head = markdown[:cut]
        self.setMarkdown(self._head)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        self._tail_at = cursor.position()
        self._insert(cursor, markdown[cut:])

    def _render_tail(self, tail: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._tail_at)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self._insert(cursor, tail)

    def _insert(self, cursor: QTextCursor, markdown: str) -> None:
        cursor.setBlockFormat(QTextBlockFormat())  # no heading or list left from before
        cursor.setCharFormat(QTextCharFormat())
        cursor.insertMarkdown(markdown.lstrip("\n"))  # a leading newline: an empty block

    def clear(self) -> None:  # noqa: D102 - QTextBrowser override
        self._head, self._tail_at = "", 0
        super().clear()

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() not in ("cite", "claim"):
            return
        exchange, _, number = url.path().rpartition("/")
        if number.isdigit() and (not exchange or exchange.isdigit()):
            signal = self.citation_clicked if url.scheme() == "cite" else self.claim_clicked
            signal.emit(int(exchange) if exchange else -1, int(number))
