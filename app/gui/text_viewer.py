"""The built-in text viewer: a .txt, .md or .csv file (or any text file) at its cited lines."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.gui.find_bar import FindBar, viewer_keys
from app.gui.matching import locate

CITED = QColor("#fff3a0")  # the cited lines
EVIDENCE = QColor("#bfe8b8")  # the passage's best evidence in them (the cards' green, deeper)
MATCH = QColor("#cfe3ff")  # what find found
CURRENT = QColor("#7fb2ff")  # the match shown
MAX_MATCHES = 10_000
# As the text parser reads a file, so that its line numbers are the viewer's.
_CHINESE = ("gb18030", "big5")
_ODD = re.compile(r"[\ue000-\uf8ff\ufffd\u3400-\u4dbf\U00020000-\U0003ffff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read_text(path: Path) -> str | None:
    """The file's text decoded as the indexer decoded it (UTF-8, else GB18030 or Big5,
    whichever gives fewer odd characters, else Windows-1252), lines ended by \\n; None when
    it is binary."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = []
        for encoding in _CHINESE:
            try:
                candidate = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            decoded.append((len(_ODD.findall(candidate)), encoding, candidate))
        text = min(decoded)[2] if decoded else data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return _CONTROL.sub("", text)


class TextViewer(QWidget):
    """A window showing a text file with the cited lines shaded and scrolled to (the
    passage's evidence in them marked), find (Ctrl+F, then Enter or F3 for the next match,
    Shift+F3 the previous one); Esc or Ctrl+W closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setObjectName("text")
        self.caption = QLabel()  # "lines 8-10 of 31"
        self.find_bar = FindBar()
        bar = QToolBar()
        bar.addWidget(self.caption)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.find_bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.text, 1)
        viewer_keys(self, self.find_bar)
        self.find_bar.searched.connect(self._search)
        self.find_bar.next_requested.connect(lambda: self._step(1))
        self.find_bar.previous_requested.connect(lambda: self._step(-1))
        self.resize(820, 900)
        self.path = ""
        self.lines = (1, 1)  # the cited lines, first and last (1-based)
        self.evidence: list[tuple[int, int]] = []  # (start, end) in the document's text
        self._matches: list[QTextCursor] = []
        self._current = -1

    def open(self, path: str, first: int = 1, last: int | None = None, passage: str = "") -> bool:
        """Load path and show lines first to last (1-based) shaded, with passage (its
        evidence) marked in them where found; False when the file cannot be read as text."""
        try:
            text = read_text(Path(path))
        except OSError:
            return False
        if text is None:
            return False
        self.text.setPlainText(text)
        count = self.text.blockCount()
        first = max(1, min(first, count))
        last = max(first, min(last or first, count))
        self.path, self.lines = path, (first, last)
        self.evidence = self._locate(passage)
        self._matches, self._current = [], -1
        self._paint()
        lines = (
            self.tr("line {0} of {1}").format(first, count)
            if first == last
            else self.tr("lines {0}-{1} of {2}").format(first, last, count)
        )
        self.caption.setText(lines)
        self.setWindowTitle(Path(path).name)
        self.setWindowFilePath(path)
        self._jump()
        return True

    def _locate(self, passage: str) -> list[tuple[int, int]]:
        """Where passage is within the cited lines, as spans of the document's text."""
        if not passage.strip():
            return []
        start = self.text.document().findBlockByNumber(self.lines[0] - 1).position()
        end_block = self.text.document().findBlockByNumber(self.lines[1] - 1)
        end = end_block.position() + end_block.length() - 1
        spans, share = locate(self.text.toPlainText()[start:end], passage)
        return [(start + a, start + b) for a, b in spans] if share >= 0.6 else []

    def cited_text(self) -> str:
        """The text of the cited lines."""
        blocks = range(self.lines[0] - 1, self.lines[1])
        document = self.text.document()
        return "\n".join(document.findBlockByNumber(n).text() for n in blocks)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._jump)  # the editor can scroll only once laid out

    def _jump(self) -> None:
        """Scroll the cited lines to the middle of the view, the cursor on their first."""
        if self._current >= 0:
            return  # the reader has moved on to what find found
        block = self.text.document().findBlockByNumber(self.lines[0] - 1)
        self.text.setTextCursor(QTextCursor(block))
        self.text.centerCursor()

    def _paint(self) -> None:
        selections = []
        document = self.text.document()
        for number in range(self.lines[0] - 1, self.lines[1]):
            # The line's text, then the rest of its last row to the edge: a row-wide shade
            # alone would cover only one row of a line wrapped on screen.
            cursor = QTextCursor(document.findBlockByNumber(number))
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            selections.append(self._selection(cursor, CITED))
            row_end = QTextCursor(cursor)
            row_end.clearSelection()
            selections.append(self._selection(row_end, CITED, full_width=True))
        for start, end in self.evidence:
            selections.append(self._selection(self._span(start, end), EVIDENCE))
        for index, match in enumerate(self._matches):
            selections.append(self._selection(match, CURRENT if index == self._current else MATCH))
        self.text.setExtraSelections(selections)

    def _span(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    @staticmethod
    def _selection(
        cursor: QTextCursor, colour: QColor, full_width: bool = False
    ) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        text_format = QTextCharFormat()
        text_format.setBackground(colour)
        if full_width:
            text_format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = text_format
        return selection

    def _search(self, text: str) -> None:
        """Find every match of text, and show the first one from the cursor on."""
        self._matches, self._current = [], -1
        document = self.text.document()
        cursor = QTextCursor(document)
        while text and len(self._matches) < MAX_MATCHES:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                break
            self._matches.append(QTextCursor(cursor))
        here = self.text.textCursor().selectionStart()
        after = [i for i, m in enumerate(self._matches) if m.selectionStart() >= here]
        if self._matches:
            self._go_to_match(after[0] if after else 0)
        else:
            self._paint()
            self.find_bar.show_count(0, 0)

    def _step(self, step: int) -> None:
        if self._matches:
            self._go_to_match((self._current + step) % len(self._matches))

    def _go_to_match(self, index: int) -> None:
        self._current = index
        match = self._matches[index]
        self.text.setTextCursor(QTextCursor(match))
        self.text.centerCursor()
        self._paint()
        self.find_bar.show_count(index + 1, len(self._matches))
