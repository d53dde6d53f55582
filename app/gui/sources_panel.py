"""The sources panel: a card per passage (file, location, score, text with the question's
terms highlighted); a card opens its file at the cited place."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.answer import Passage
from app.formatting import format_location
from app.gui.markdown import highlight


class SourcesPanel(QWidget):
    """Numbered passage cards. Signals: open_requested(object) with the Passage to open."""

    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel("<b>Sources</b>")
        self.cards = QListWidget()
        self.cards.setObjectName("sources")
        self.cards.setWordWrap(True)
        self.cards.setAlternatingRowColors(True)
        self.cards.itemActivated.connect(self._activated)  # double-click or Enter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.cards, 1)
        self.passages: list[Passage] = []

    def show_passages(
        self, passages: list[Passage], terms: list[str], cited: Collection[int] = ()
    ) -> None:
        """One card per passage, numbered from 1 as the model saw them."""
        self.passages = list(passages)
        self.cards.clear()
        for number, passage in enumerate(passages, start=1):
            label = self._card(number, passage, terms, number in cited)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, number)
            self.cards.addItem(item)
            self.cards.setItemWidget(item, label)
            item.setSizeHint(label.sizeHint())
        self.header.setText(
            f"<b>Sources</b> · {len(passages)} passages (double-click opens the file at this place)"
        )

    def _card(self, number: int, passage: Passage, terms: list[str], cited: bool) -> QLabel:
        label = QLabel(
            f"<b>[{number}] {Path(passage.file).name}</b> · {format_location(passage.location)}"
            f" · score {passage.score:.3f}{' · weak match' if passage.weak else ''}"
            f"{' · cited' if cited else ''}<br>"
            f"<span>{highlight(passage.text[:700], terms)}</span>"
        )
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
