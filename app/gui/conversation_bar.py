"""The conversation bar above the chat: the knowledge base's conversations to switch between,
and New, Rename, Delete."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from app.history import Conversation


class ConversationBar(QWidget):
    """The conversations of one knowledge base, the one used last first.

    Signals: selected(int) with the id of the conversation chosen (0: none yet);
    new_requested(), rename_requested(), delete_requested() for the current one."""

    selected = Signal(int)
    new_requested = Signal()
    rename_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.setObjectName("conversations")
        self.choice.setToolTip(self.tr("The conversations of this knowledge base"))
        self.choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.choice.setMinimumContentsLength(12)
        self.choice.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.choice.currentIndexChanged.connect(self._chosen)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, label, tip, signal in (
            ("new", self.tr("New"), self.tr("A new conversation (Ctrl+N)"), self.new_requested),
            (
                "rename",
                self.tr("Rename…"),
                self.tr("Rename this conversation"),
                self.rename_requested,
            ),
            (
                "delete",
                self.tr("Delete…"),
                self.tr("Delete this conversation"),
                self.delete_requested,
            ),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(signal.emit)
            row.addWidget(button)
            self.buttons[key] = button
        self.conversations: list[Conversation] = []

    def show_conversations(self, conversations: list[Conversation], current: int) -> None:
        """List conversations with current (an id; 0 or unknown: none) chosen, quietly."""
        self.conversations = list(conversations)
        self.choice.blockSignals(True)
        self.choice.clear()
        for conversation in self.conversations:
            self.choice.addItem(self._label(conversation), conversation.id)
        if not self.conversations:
            self.choice.addItem(self.tr("New conversation"), 0)
        ids = [c.id for c in self.conversations]
        self.choice.setCurrentIndex(ids.index(current) if current in ids else 0)
        self.choice.blockSignals(False)
        for key in ("rename", "delete"):
            self.buttons[key].setEnabled(bool(self.conversations))

    def current(self) -> int:
        """The id of the conversation chosen (0: none yet)."""
        value = self.choice.currentData()
        return int(value) if value else 0

    def current_title(self) -> str:
        """The chosen conversation's title as listed."""
        return self.choice.currentText()

    def _label(self, conversation: Conversation) -> str:
        title = conversation.title or self.tr("New conversation")
        return f"{title} ({conversation.exchanges})" if conversation.exchanges else title

    def _chosen(self, index: int) -> None:
        if index >= 0:
            self.selected.emit(self.current())
