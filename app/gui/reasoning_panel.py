"""The reasoning panel: the model's trace as it streams, with token count and elapsed time."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.gui.markdown import link_citations
from app.gui.markdown_view import MarkdownView


class ReasoningPanel(QWidget):
    """Live reasoning trace; collapsible. Signals: citation_clicked(int, int) with -1 (the
    exchange shown) and the passage number."""

    citation_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel("Reasoning")
        self.header.setObjectName("reasoningHeader")
        self.toggle = QToolButton()
        self.toggle.setText("Hide")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._collapse)
        self.browser = MarkdownView(self._markdown)
        self.browser.setObjectName("reasoning")
        self.browser.citation_clicked.connect(self.citation_clicked.emit)
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
        self._streaming = False
        self._elapsed = 0.0

    def start(self) -> None:
        """A new answer begins."""
        self.text, self.tokens, self._started = "", 0, time.monotonic()
        self._streaming = True
        self.browser.clear()
        self._update_header()

    def append(self, text: str) -> None:
        """More of the trace (one model token, usually)."""
        self.text += text
        self.tokens += 1
        self.browser.changed()

    def _markdown(self) -> str:
        self._update_header()
        return link_citations(self.text) or ("" if self._streaming else "_No reasoning trace._")

    def finish(self, reasoning: str, tokens: int) -> None:
        """The final trace and its token count as the model counted it."""
        if self._streaming:
            self._elapsed = time.monotonic() - self._started
        self.text, self.tokens, self._streaming = reasoning, tokens, False
        self.browser.redraw()

    def show_trace(self, reasoning: str, tokens: int) -> None:
        """The trace of an earlier answer (from the history)."""
        self._streaming, self._elapsed = False, 0.0
        self.finish(reasoning, tokens)

    def _update_header(self) -> None:
        elapsed = time.monotonic() - self._started if self._streaming else self._elapsed
        self.header.setText(f"<b>Reasoning</b> · {self.tokens} tokens · {elapsed:.1f} s")

    def _collapse(self, hidden: bool) -> None:
        self.browser.setVisible(not hidden)
        self.toggle.setText("Show" if hidden else "Hide")
