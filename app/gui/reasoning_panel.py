"""The reasoning panel: the model's trace as it streams, with token count and elapsed time.

Once the answer is done, what the trace names or quotes ([n], a file name, a figure a passage
holds) links to its card, a figure no passage holds is marked, and the passages the answer
cites but the trace never considered are named; the selected card's mentions are in bold."""

from __future__ import annotations

import time

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.gui import i18n
from app.gui.markdown import link_citations
from app.gui.markdown_view import MarkdownView
from app.trace_links import MARKER_KIND, UNHELD_KIND, TraceLinks


class ReasoningPanel(QWidget):
    """Live reasoning trace; collapsible. Signals: citation_clicked(int, int) with -1 (the
    exchange shown) and the passage number."""

    citation_clicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self.tr("Reasoning"))
        self.header.setObjectName("reasoningHeader")
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Hide"))
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
        self.links: TraceLinks | None = None
        self.focused = 0  # the passage whose mentions are in bold (0: none)

    def start(self) -> None:
        """A new answer begins."""
        self.text, self.tokens, self._started = "", 0, time.monotonic()
        self._streaming = True
        self.links, self.focused = None, 0
        self.browser.clear()
        self._update_header()

    def append(self, text: str) -> None:
        """More of the trace (one model token, usually)."""
        self.text += text
        self.tokens += 1
        self.browser.changed()

    def _markdown(self) -> str:
        self._update_header()
        if not self.text:
            return "" if self._streaming else "_{}_".format(self.tr("No reasoning trace."))
        if self.links is None:
            return link_citations(self.text)
        return self._linked(self.links)

    def _linked(self, links: TraceLinks) -> str:
        parts, position = [], 0
        for mention in links.mentions:
            if mention.start < position:
                continue
            parts.append(self.text[position : mention.start])
            said = self.text[mention.start : mention.end]
            if mention.kind == MARKER_KIND:
                piece = link_citations(said)
            elif mention.kind == UNHELD_KIND:
                piece = f"{said} ⚠"  # no passage holds this figure
            else:
                piece = f"[{said}](cite:{mention.passages[0]})"
            bold = self.focused and self.focused in mention.passages
            parts.append(f"**{piece}**" if bold else piece)
            position = mention.end
        parts.append(self.text[position:])
        notes = []
        if links.not_considered:
            cited = ", ".join(f"[{n}]" for n in links.not_considered)
            notes.append(
                self.tr("Cited by the answer, never considered in the trace: {0}.").format(cited)
            )
        if links.unheld:
            figures = ", ".join(links.unheld)
            notes.append(self.tr("Figures no passage holds: {0} (⚠).").format(figures))
        footer = "".join(f"\n\n_{note}_" for note in notes)
        return "".join(parts) + footer

    def finish(self, reasoning: str, tokens: int, links: TraceLinks | None = None) -> None:
        """The final trace, its token count as the model counted it and its links."""
        if self._streaming:
            self._elapsed = time.monotonic() - self._started
        self.text, self.tokens, self._streaming = reasoning, tokens, False
        self.links, self.focused = links, 0
        self.browser.redraw()

    def show_trace(self, reasoning: str, tokens: int, links: TraceLinks | None = None) -> None:
        """The trace of an earlier answer (from the history)."""
        self._streaming, self._elapsed = False, 0.0
        self.finish(reasoning, tokens, links)

    def focus(self, number: int) -> None:
        """Put the mentions of passage number in bold (its card was selected)."""
        if number != self.focused and self.links is not None:
            self.focused = number
            self.browser.redraw()

    def mentions_shown(self) -> list[str]:
        """The words of the trace linked to the focused passage (for tests and the status)."""
        if self.links is None or not self.focused:
            return []
        return [self.text[m.start : m.end] for m in self.links.of(self.focused)]

    def _update_header(self) -> None:
        elapsed = time.monotonic() - self._started if self._streaming else self._elapsed
        self.header.setText(
            self.tr("<b>Reasoning</b> (the model's own account) · {0} tokens · {1} s").format(
                i18n.number(self.tokens), i18n.number(elapsed, 1)
            )
        )

    def _collapse(self, hidden: bool) -> None:
        self.browser.setVisible(not hidden)
        self.toggle.setText(self.tr("Show") if hidden else self.tr("Hide"))
