"""The find box the viewers share: a search field, previous/next buttons and "3 of 7"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A search field. Signals: searched(str) with the text to find, once typing pauses
    (or at once on Enter); next_requested() on Enter or the next button, when the text
    is already searched; previous_requested() on Shift+Enter or the previous button."""

    searched = Signal(str)
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find (Ctrl+F)"))
        self.field.setClearButtonEnabled(True)
        self.field.setObjectName("find")
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.previous = QToolButton()
        self.previous.setText("▲")
        self.previous.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next = QToolButton()
        self.next.setText("▼")
        self.next.setToolTip(self.tr("Next match (F3)"))
        self.previous.clicked.connect(self.find_previous)
        self.next.clicked.connect(self.find_next)
        self._pause = QTimer(self, singleShot=True, interval=300)
        self._pause.timeout.connect(self._search)
        self.field.textEdited.connect(lambda _: self._pause.start())
        self.field.returnPressed.connect(self.find_next)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.field, self.previous, self.next, self.count):
            layout.addWidget(widget)
        self._searched = ""

    def text(self) -> str:
        """The text in the field."""
        return self.field.text()

    def focus(self) -> None:
        """Put the cursor in the field, its text selected to be typed over."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def find_next(self) -> None:
        """The next match, or the first one of text not yet searched."""
        if self._search():
            self.next_requested.emit()

    def find_previous(self) -> None:
        """The previous match, or the first one of text not yet searched."""
        if self._search():
            self.previous_requested.emit()

    def show_count(self, current: int, total: int) -> None:
        """Show "3 of 7" (current counts from 1; 0: none chosen yet), or "no match"."""
        if not self._searched:
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("no match"))
        elif current == 0:
            one = self.tr("1 match")
            self.count.setText(one if total == 1 else self.tr("{0} matches").format(total))
        else:
            self.count.setText(self.tr("{0} of {1}").format(current, total))

    def _search(self) -> bool:
        """Announce the field's text when it changed; True when it had been searched."""
        self._pause.stop()
        if self.field.text() == self._searched:
            return bool(self._searched)
        self._searched = self.field.text()
        self.searched.emit(self._searched)
        return False

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_previous()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]


def viewer_keys(window: QWidget, find_bar: FindBar) -> None:
    """The keys of a viewer window: Ctrl+F to find, F3 and Shift+F3 for the next and the
    previous match, Esc and Ctrl+W to close."""
    QShortcut(QKeySequence(QKeySequence.StandardKey.Find), window, find_bar.focus)
    QShortcut(QKeySequence("F3"), window, find_bar.find_next)
    QShortcut(QKeySequence("Shift+F3"), window, find_bar.find_previous)
    QShortcut(QKeySequence("Esc"), window, window.close)
    QShortcut(QKeySequence("Ctrl+W"), window, window.close)
