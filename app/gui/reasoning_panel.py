"""The reasoning panel: the model's trace as it streams, with token count and elapsed time."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from app.gui.markdown import link_citations


class ReasoningPanel(QWidget):
    """Live reasoning trace; collapsible. Signals: citation_clicked(int)."""

    citation_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel("Reasoning")
        self.header.setObjectName("reasoningHeader")
        self.toggle = QToolButton()
        self.toggle.setText("Hide")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._collapse)
        self.browser = QTextBrowser()
        self.browser.setObjectName("reasoning")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._anchor)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.browser, 1)
        self.text = ""
        self.tokens = 0
        self._started = 0.0
        self._redraw_timer = QTimer(self)  # at most one redraw per 50 ms while streaming
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(50)
        self._redraw_timer.timeout.connect(self._redraw)

    def start(self) -> None:
        """A new answer begins."""
        self.text, self.tokens, self._started = "", 0, time.monotonic()
        self.browser.clear()
        self._update_header()

    def append(self, text: str) -> None:
        """More of the trace (one model token, usually)."""
        self.text += text
        self.tokens += 1
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    def _redraw(self) -> None:
        self.browser.setMarkdown(link_citations(self.text))
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())
        self._update_header()

    def finish(self, reasoning: str, tokens: int) -> None:
        """The final trace and its token count as the model counted it."""
        self._redraw_timer.stop()
        self.text, self.tokens = reasoning, tokens
        self.browser.setMarkdown(link_citations(reasoning) or "_No reasoning trace._")
        self._update_header()

    def _update_header(self) -> None:
        elapsed = time.monotonic() - self._started if self._started else 0.0
        self.header.setText(f"<b>Reasoning</b> · {self.tokens} tokens · {elapsed:.1f} s")

    def _collapse(self, hidden: bool) -> None:
        self.browser.setVisible(not hidden)
        self.toggle.setText("Show" if hidden else "Hide")

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "cite" and url.path().isdigit():
            self.citation_clicked.emit(int(url.path()))
