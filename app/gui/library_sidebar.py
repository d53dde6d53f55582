"""The library sidebar: knowledge bases and the documents of the selected one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.application import Application
from app.formatting import counted
from app.knowledge import Document, LibraryError

_STATUS = {"indexed": "✓", "failed": "✗", "skipped": "–"}


class LibrarySidebar(QWidget):
    """Knowledge bases (create, rename, delete) above the documents with their status.

    Signals: kb_selected(str) when another knowledge base is chosen; changed() after a
    knowledge base was created, renamed or deleted; add_requested() for File > Add.
    """

    kb_selected = Signal(str)
    changed = Signal()
    add_requested = Signal()

    def __init__(self, app: Application, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.current = "default"
        self.kbs = QListWidget()
        self.kbs.setObjectName("knowledgeBases")
        self.kbs.currentTextChanged.connect(self._select)
        buttons = QHBoxLayout()
        for label, tip, slot in (
            ("+", "New knowledge base", self.create_kb),
            ("Rename", "Rename the knowledge base", self.rename_kb),
            ("Delete", "Delete the knowledge base", self.delete_kb),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        self.counts = QLabel()
        self.documents = QListWidget()
        self.documents.setObjectName("documents")
        add = self.add_button = QPushButton("Add files or folders…")
        add.clicked.connect(self.add_requested.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Knowledge bases</b>"))
        layout.addWidget(self.kbs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.counts)
        layout.addWidget(self.documents, 3)
        layout.addWidget(add)

    def refresh(self) -> None:
        """Reload knowledge bases and the current one's documents from the library."""
        names = self.app.knowledge_base_names() or ["default"]
        if self.current not in names:
            self.current = names[0]
        self.kbs.blockSignals(True)
        self.kbs.clear()
        self.kbs.addItems(names)
        self.kbs.setCurrentRow(names.index(self.current))
        self.kbs.blockSignals(False)
        self._show_documents()

    def _show_documents(self) -> None:
        self.documents.clear()
        try:
            documents = self.app.documents(self.current)
        except LibraryError:
            self.counts.setText("No documents yet: drop files or folders on the window.")
            return
        for document in documents:
            self.documents.addItem(_document_item(document))
        indexed = sum(d.status == "indexed" for d in documents)
        failed = len(documents) - indexed
        self.counts.setText(
            f"{counted(indexed, 'document')}, "
            f"{counted(self.app.chunk_count(self.current), 'chunk')}"
            + (f", {failed} failed" if failed else "")
        )

    def _select(self, name: str) -> None:
        if name and name != self.current:
            self.current = name
            self._show_documents()
            self.kb_selected.emit(name)

    def create_kb(self) -> None:
        """Ask for a name and create a knowledge base."""
        name, ok = QInputDialog.getText(self, "New knowledge base", "Name:")
        if ok and name.strip():
            self._try(lambda: self.app.create_kb(name.strip()))
            self.current = name.strip()
            self.refresh()
            self.kb_selected.emit(self.current)

    def rename_kb(self) -> None:
        """Rename the current knowledge base."""
        name, ok = QInputDialog.getText(self, "Rename", "New name:", text=self.current)
        new = name.strip()
        if (
            ok
            and new
            and new != self.current
            and self._try(lambda: self.app.rename_kb(self.current, new))
        ):
            self.current = new
            self.refresh()
            self.changed.emit()

    def delete_kb(self) -> None:
        """Delete the current knowledge base after confirmation."""
        answer = QMessageBox.question(
            self,
            "Delete knowledge base",
            f"Delete {self.current!r} with all its documents' index and its conversation? "
            "The files themselves stay where they are.",
        )
        if answer == QMessageBox.StandardButton.Yes and self._try(
            lambda: self.app.delete_kb(self.current)
        ):
            self.refresh()
            self.changed.emit()
            self.kb_selected.emit(self.current)

    def _try(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except LibraryError as err:
            QMessageBox.warning(self, "Thinkdesk", str(err))
            return False
        return True


def _document_item(document: Document) -> QListWidgetItem:
    mark = _STATUS.get(document.status, "?")
    detail = f"{document.chunks} chunks" if document.status == "indexed" else document.reason
    item = QListWidgetItem(f"{mark} {Path(document.path).name}")
    item.setToolTip(f"{document.path}\n{document.status}: {detail}")
    item.setData(Qt.ItemDataRole.UserRole, document.path)
    return item
