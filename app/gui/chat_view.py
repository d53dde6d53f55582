"""The conversation: questions and answers rendered as Markdown with clickable [n] links,
and the question box (Enter sends, Shift+Enter breaks the line, Esc stops)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.claims import Claim
from app.gui.markdown import escape_markdown, link_citations, mark_claims
from app.gui.markdown_view import MarkdownView

FOOTER_ACTIONS = ("show", "copy", "regenerate")


class QuestionBox(QPlainTextEdit):
    """A question editor. Signals: submitted(str) on Enter, stop() on Esc."""

    submitted = Signal(str)
    stop = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            text = self.toPlainText().strip()
            if text:
                self.submitted.emit(text)  # the view clears the box once it takes the question
            return
        if event.key() == Qt.Key.Key_Escape:
            self.stop.emit()
            return
        super().keyPressEvent(event)


class ChatView(QWidget):
    """The conversation of one knowledge base.

    Signals: ask_requested(str), stop_requested(), citation_clicked(int, int) with the
    exchange (0 is the oldest) and the passage number of a clicked [n]; claim_clicked(int,
    int) with the exchange and the sentence of a clicked check mark; exchange_action(str,
    int) with the action of an answer's footer ("show", "copy", "regenerate") and its
    exchange.
    """

    ask_requested = Signal(str)
    stop_requested = Signal()
    citation_clicked = Signal(int, int)
    claim_clicked = Signal(int, int)
    exchange_action = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = MarkdownView(self._markdown)
        self.browser.setObjectName("conversation")
        self.browser.citation_clicked.connect(self.citation_clicked.emit)
        self.browser.claim_clicked.connect(self.claim_clicked.emit)
        self.browser.anchorClicked.connect(self._footer_link)
        self.progress = QLabel("")
        self.progress.setObjectName("prefill")
        self.box = QuestionBox()
        self.box.setPlaceholderText(
            self.tr("Ask about your reports… (Enter sends, Shift+Enter: new line, Esc: stop)")
        )
        self.box.setFixedHeight(72)
        self.box.submitted.connect(self._submit)
        self.box.stop.connect(self.stop_requested.emit)
        self.send = QPushButton(self.tr("Ask"))
        self.send.clicked.connect(lambda: self._submit(self.box.toPlainText().strip()))
        self.stop = QPushButton(self.tr("Stop"))
        self.stop.setEnabled(False)
        self.stop.clicked.connect(self.stop_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.box, 1)
        column = QVBoxLayout()
        column.addWidget(self.send)
        column.addWidget(self.stop)
        row.addLayout(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        self.exchanges: list[tuple[str, str]] = []
        self._failed: set[int] = set()  # positions of answers that failed: not in the history
        self.claims: dict[int, list[Claim]] = {}  # position -> its answer's checked sentences
        self.footers: list[str] = []  # per kept exchange: its timing line, shown under it
        self.shown = -1  # the kept exchange whose sources and reasoning are beside

    def _submit(self, text: str) -> None:
        if not text:
            return
        if self.stop.isEnabled():  # an answer is still coming: keep the question in the box
            self.progress.setText(self.tr("Still answering: press Esc to stop, then ask again."))
            return
        self.box.clear()
        self.ask_requested.emit(text)

    def set_exchanges(
        self,
        exchanges: list[tuple[str, str]],
        claims: list[list[Claim]] | None = None,
        footers: list[str] | None = None,
    ) -> None:
        """Show a whole conversation (question, answer pairs), each answer's sentences
        marked by their check when claims are given, and its footer (timings) under it."""
        self.exchanges = list(exchanges)
        self._failed.clear()
        self.claims = dict(enumerate(claims or []))
        self.footers = list(footers or [])
        self.redraw()

    def set_footer(self, exchange: int, footer: str) -> None:
        """The footer of a kept exchange (0 is the oldest), e.g. after it was answered."""
        self.footers += [""] * (exchange + 1 - len(self.footers))
        self.footers[exchange] = footer
        self.redraw()

    def set_shown(self, exchange: int) -> None:
        """Mark the exchange whose sources and reasoning are shown beside (-1: none)."""
        if exchange != self.shown:
            self.shown = exchange
            self.redraw()

    def _footer_link(self, url: QUrl) -> None:
        if url.scheme() != "exchange":
            return
        action, _, number = url.path().partition("/")
        if action in FOOTER_ACTIONS and number.isdigit():
            self.exchange_action.emit(action, int(number))

    def start_answer(self, question: str) -> None:
        """A new question: its answer will stream into the last exchange."""
        self.exchanges.append((question, ""))
        self.set_busy(True)
        self.redraw()

    def append_answer(self, text: str) -> None:
        """More answer text for the last exchange."""
        question, answer = self.exchanges[-1]
        self.exchanges[-1] = (question, answer + text)
        self.browser.changed()

    def set_answer(self, text: str, claims: list[Claim] | None = None) -> None:
        """The final answer text of the last exchange, its sentences marked by their check."""
        self.exchanges[-1] = (self.exchanges[-1][0], text)
        if claims is not None:
            self.claims[len(self.exchanges) - 1] = claims
        self.redraw()

    def fail_answer(self, text: str) -> None:
        """The last exchange ends in an error: shown, but not numbered as a kept exchange."""
        self._failed.add(len(self.exchanges) - 1)
        self.set_answer(text)

    def set_busy(self, busy: bool) -> None:
        """Generation running: Stop enabled, Ask disabled."""
        self.send.setEnabled(not busy)
        self.stop.setEnabled(busy)
        if not busy:
            self.progress.setText("")

    def redraw(self) -> None:
        """Redraw the conversation, keeping the view at the bottom."""
        self.browser.redraw()

    def _markdown(self) -> str:
        parts = []
        kept = 0  # an answer's [n] links name its exchange in the history: failed ones skipped
        last = len(self.exchanges) - 1
        you = self.tr("You:")
        for position, (question, answer) in enumerate(self.exchanges):
            parts.append(f"**{you}** {escape_markdown(question)}\n")
            if position in self._failed:
                parts.append(answer)
            else:
                marked = mark_claims(answer, self.claims.get(position, []), kept)
                parts.append(link_citations(marked, kept) if answer else "_…_")
                if kept < len(self.footers) and self.footers[kept]:
                    parts.append(self._footer(kept, position == last))
                kept += 1
            parts.append("\n\n---\n")
        return "\n".join(parts)

    def _footer(self, kept: int, last: bool) -> str:
        """The line under a kept answer: its timings, then what can be done with it."""
        links = []
        if kept == self.shown:
            links.append(self.tr("▸ sources and reasoning beside"))
        else:
            show = self.tr("Show sources and reasoning")
            links.append(f"[{show}](exchange:show/{kept})")
        copy = self.tr("Copy with sources")
        links.append(f"[{copy}](exchange:copy/{kept})")
        if last and not self.stop.isEnabled():
            again = self.tr("Regenerate")
            links.append(f"[{again}](exchange:regenerate/{kept})")
        return f"\n\n*{escape_markdown(self.footers[kept])}* · " + " · ".join(links)
