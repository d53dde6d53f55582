"""The sources panel: a card per passage (file, location, score, text with the question's
terms highlighted and its best evidence shaded green as soon as the search is done); a
clicked sentence of the answer shades, in blue, the span of the card it rests on; a card
opens its file at the cited place, and its context menu also shows the file's folder and
copies the passage with its source."""

from __future__ import annotations

import html
from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QMenu, QVBoxLayout, QWidget

from app.answer import Passage
from app.gui import i18n
from app.gui.locations import format_location
from app.gui.markdown import CLAIM_STYLE, EVIDENCE_STYLE, highlight_spans
from app.gui.opener import show_in_folder, with_source

CARD_CHARS = 700  # of a passage's text shown on its card


class SourcesPanel(QWidget):
    """Numbered passage cards. Signals: open_requested(object) with the Passage to open;
    card_selected(int) with the number of the card selected (0: none)."""

    open_requested = Signal(object)
    card_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel(self.tr("<b>Sources</b>"))
        self.header.setWordWrap(True)  # a narrow panel wraps it instead of growing
        self.cards = QListWidget()
        self.cards.setObjectName("sources")
        self.cards.setWordWrap(True)
        self.cards.setAlternatingRowColors(True)
        self.cards.itemActivated.connect(self._activated)  # double-click or Enter
        self.cards.currentRowChanged.connect(lambda row: self.card_selected.emit(row + 1))
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # Cards wrap to the panel's width: no sideways scrolling, heights follow the width.
        self.cards.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards.setHorizontalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.cards.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.cards.viewport().installEventFilter(self)
        self.cards.customContextMenuRequested.connect(self._context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.cards, 1)
        self.passages: list[Passage] = []
        self._terms: list[str] = []
        self._cited: set[int] = set()
        self._unread: set[int] = set()
        self._claim_spans: dict[int, list[tuple[int, int]]] = {}

    def show_passages(
        self,
        passages: list[Passage],
        terms: list[str],
        cited: Collection[int] = (),
        unread: Collection[int] = (),
    ) -> None:
        """One card per passage, numbered from 1 as the model saw them; unread: cited by the
        answer but never named or quoted by the reasoning trace."""
        self.passages = list(passages)
        self._terms, self._cited, self._unread = list(terms), set(cited), set(unread)
        self._claim_spans = {}
        self.cards.clear()
        for number, passage in enumerate(passages, start=1):
            label = self._card(number, passage)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.cards.addItem(item)
            self.cards.setItemWidget(item, label)
        self._fit()
        count = len(passages)
        self.header.setText(
            (
                self.tr("<b>Sources</b> · 1 passage")
                if count == 1
                else self.tr("<b>Sources</b> · {0} passages").format(i18n.number(count))
            )
            + self.tr(" (double-click opens the file at this place; right-click for more)")
        )

    def show_claim_spans(self, spans: dict[int, list[tuple[int, int]]]) -> None:
        """Shade, on the cards they belong to, the spans a sentence of the answer rests on
        (passage number -> (start, end) in its text); the first such card is selected."""
        self._claim_spans = dict(spans)
        for number in range(1, self.cards.count() + 1):
            item = self.cards.item(number - 1)
            label = self._card(number, self.passages[number - 1])
            self.cards.setItemWidget(item, label)
        self._fit()
        if spans:
            self.select(min(spans))

    def card_text(self, number: int) -> str:
        """The rich text of card number (1-based), as shown."""
        item = self.cards.item(number - 1)
        widget = self.cards.itemWidget(item)
        return widget.text() if isinstance(widget, QLabel) else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.cards.viewport() and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        """Each card as wide as the list and as high as its wrapped text needs."""
        width = max(self.cards.viewport().width() - 2, 60)
        for row in range(self.cards.count()):
            item = self.cards.item(row)
            label = self.cards.itemWidget(item)
            if isinstance(label, QLabel):
                label.setFixedWidth(width)
                item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def _card(self, number: int, passage: Passage) -> QLabel:
        shaded: list[tuple[int, int, str]] = []
        if passage.evidence is not None:
            shaded.append((passage.evidence.start, passage.evidence.end, EVIDENCE_STYLE))
        shaded += [(a, b, CLAIM_STYLE) for a, b in self._claim_spans.get(number, [])]
        # The card shows CARD_CHARS of the text: from the start, or around what is shaded.
        first = min((a for a, _, _ in shaded), default=0)
        start = 0 if first + 200 < CARD_CHARS else max(0, first - 200)
        shown = passage.text[start : start + CARD_CHARS]
        spans = [(a - start, b - start, style) for a, b, style in shaded]
        score = self.tr("score {0}").format(i18n.number(passage.score, 3))
        notes = [format_location(passage.location), score]
        notes += [self.tr("weak match")] if passage.weak else []
        notes += [self.tr("cited")] if number in self._cited else []
        notes += [self.tr("cited, not in the reasoning")] if number in self._unread else []
        label = QLabel(
            f"<b>[{number}] {_breakable(Path(passage.file).name)}</b> · {' · '.join(notes)}<br>"
            f"<span>{'… ' if start else ''}{highlight_spans(shown, self._terms, spans)}</span>"
        )
        if passage.evidence is not None:
            label.setToolTip(self.tr("Best evidence: {0}").format(passage.evidence.text))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setContentsMargins(6, 4, 6, 4)
        label.setObjectName(f"card{number}")
        return label

    def select(self, number: int) -> None:
        """Select and show the card of passage number (1-based)."""
        if 1 <= number <= self.cards.count():
            self.cards.setCurrentRow(number - 1)
            self.cards.scrollToItem(self.cards.item(number - 1))

    def selected(self) -> int:
        """The number of the selected card (0 when none)."""
        return self.cards.currentRow() + 1

    def _activated(self, item: QListWidgetItem) -> None:
        number = int(item.data(Qt.ItemDataRole.UserRole))
        self.open_requested.emit(self.passages[number - 1])

    def card_menu(self, number: int) -> QMenu:
        """The context menu of card number (1-based): Open, Show in folder, Copy passage."""
        passage = self.passages[number - 1]
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self.open_requested.emit(passage))
        menu.addAction(self.tr("Show in folder"), lambda: show_in_folder(passage.file, self))
        menu.addAction(
            self.tr("Copy passage with its source"),
            lambda: QGuiApplication.clipboard().setText(with_source(passage, number)),
        )
        return menu

    def _context_menu(self, position: QPoint) -> None:
        item = self.cards.itemAt(position)
        if item is not None:
            menu = self.card_menu(int(item.data(Qt.ItemDataRole.UserRole)))
            menu.exec(self.cards.viewport().mapToGlobal(position))
            menu.deleteLater()


def _breakable(name: str) -> str:
    """A file name as HTML that may wrap after _ and - (long names have no spaces)."""
    escaped = html.escape(name)
    for mark in ("_", "-"):
        escaped = escaped.replace(mark, mark + "\u200b")
    return escaped
