"""A document's chunks as they are indexed: each with its location and text, searchable."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.gui import i18n
from app.gui.locations import format_location
from app.knowledge import DocumentChunk

_FOUND = QColor("#ffe08a")


class DocumentPreview(QDialog):
    """The chunks of one document in their order: a list of their locations (filtered by
    the search field) beside the text of the chosen one, its matches highlighted.

    Signals: none."""

    def __init__(
        self, path: str, chunks: list[DocumentChunk], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.chunks = chunks
        self.setWindowTitle(self.tr("Chunks of {name}").format(name=Path(path).name))
        self.resize(860, 560)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find in the chunks…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setObjectName("chunkList")
        self.list.currentRowChanged.connect(self._show)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setObjectName("chunkText")
        self.place = QLabel()
        self.place.setObjectName("chunkPlace")
        chosen = QWidget()
        column = QVBoxLayout(chosen)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.place)
        column.addWidget(self.text, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(chosen)
        split.setSizes([300, 560])
        split.setChildrenCollapsible(False)
        header = QLabel(path)
        header.setTextFormat(Qt.TextFormat.PlainText)
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.search)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self._filter("")

    def shown(self) -> list[DocumentChunk]:
        """The chunks the list shows now (those matching the search), in order."""
        return [
            self.chunks[self.list.item(row).data(Qt.ItemDataRole.UserRole)]
            for row in range(self.list.count())
        ]

    def _filter(self, query: str) -> None:
        needle = query.strip().casefold()
        self.list.clear()
        for index, chunk in enumerate(self.chunks):
            place = format_location(chunk.location)
            if needle and needle not in f"{place}\n{chunk.text}".casefold():
                continue
            first_line = chunk.text.strip().split("\n", 1)[0][:80]
            item = QListWidgetItem(f"{chunk.position + 1}. {place} — {first_line}")
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(place)
            self.list.addItem(item)
        count = len(self.chunks)
        total = (
            self.tr("1 chunk") if count == 1 else self.tr("{0} chunks").format(i18n.number(count))
        )
        if needle:
            self.summary.setText(
                self.tr("{shown} of {total} match").format(shown=self.list.count(), total=total)
            )
        else:
            self.summary.setText(total)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.place.clear()
            self.text.setPlainText(self.tr("No chunk holds this text.") if needle else "")

    def _show(self, row: int) -> None:
        if row < 0:
            return
        chunk = self.chunks[self.list.item(row).data(Qt.ItemDataRole.UserRole)]
        self.place.setText(
            self.tr("<b>{place}</b> · chunk {number} of {total}").format(
                place=html.escape(format_location(chunk.location)),
                number=chunk.position + 1,
                total=len(self.chunks),
            )
        )
        self.text.setPlainText(chunk.text)
        self._highlight(self.search.text().strip())

    def _highlight(self, query: str) -> None:
        """Mark every occurrence of the search in the chunk shown; scroll to the first."""
        marks: list[QTextEdit.ExtraSelection] = []
        document = self.text.document()
        cursor = QTextCursor(document)
        look = QTextCharFormat()
        look.setBackground(_FOUND)
        while query:
            cursor = document.find(query, cursor)
            if cursor.isNull():
                break
            mark = QTextEdit.ExtraSelection()
            mark.cursor = cursor
            mark.format = look
            marks.append(mark)
        self.text.setExtraSelections(marks)
        if marks:  # the cursor goes to the first match, leaving its mark visible
            first = QTextCursor(marks[0].cursor)
            first.setPosition(first.selectionStart())
            self.text.setTextCursor(first)
            self.text.ensureCursorVisible()
