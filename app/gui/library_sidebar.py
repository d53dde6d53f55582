"""The library sidebar: knowledge bases and the documents of the selected one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.application import Application
from app.gui import i18n, vocabulary
from app.gui.document_preview import DocumentPreview
from app.gui.i18n import translate
from app.knowledge import Document, LibraryError

_STATUS = {"indexed": "✓", "failed": "✗", "skipped": "–"}


class LibrarySidebar(QWidget):
    """Knowledge bases (create, rename, delete) above the documents with their status; each
    document (or several selected) can be removed (Delete key), re-indexed, its chunks
    previewed and its folder shown, from its context menu.

    Below them, the knowledge base's folders, each with a check box that watches it (its
    documents kept in step with its files while the app runs); an offline folder says so.

    Signals: kb_selected(str) when another knowledge base is chosen; changed() after a
    knowledge base was created, renamed or deleted; add_requested() for File > Add;
    reindex_requested(list) with the paths of documents to parse and embed again;
    folders_changed() after a folder was switched to watched or not.
    """

    kb_selected = Signal(str)
    changed = Signal()
    add_requested = Signal()
    reindex_requested = Signal(list)
    folders_changed = Signal()

    def __init__(self, app: Application, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.current = "default"
        self.kbs = QListWidget()
        self.kbs.setObjectName("knowledgeBases")
        self.kbs.currentItemChanged.connect(lambda item, _: self._select(_path(item)))
        buttons = QGridLayout()  # two rows: the sidebar stays narrow
        self.kb_buttons: dict[str, QPushButton] = {}
        for name, label, tip, slot, place in (
            ("new", self.tr("New…"), self.tr("Create a knowledge base"), self.create_kb, 0),
            (
                "rename",
                self.tr("Rename…"),
                self.tr("Rename this knowledge base"),
                self.rename_kb,
                1,
            ),
            (
                "delete",
                self.tr("Delete knowledge base…"),
                self.tr("Delete this knowledge base with the index of all its documents"),
                self.delete_kb,
                2,
            ),
        ):
            button = self.kb_buttons[name] = QPushButton(label)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button, place // 2, place % 2, 1, 2 if place == 2 else 1)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.documents = QListWidget()
        self.documents.setObjectName("documents")
        self.documents.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.documents.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.documents.customContextMenuRequested.connect(self._open_menu)
        self.documents.itemActivated.connect(lambda item: self.preview([_path(item)]))
        self.documents.installEventFilter(self)
        self.folders = QListWidget()
        self.folders.setObjectName("folders")
        self.folders.setToolTip(
            self.tr("Checked: new, changed and deleted files are picked up while Thinkdesk runs")
        )
        self.folders.itemChanged.connect(self._folder_toggled)
        self.folders_label = QLabel(self.tr("<b>Folders</b>"))
        add = self.add_button = QPushButton(self.tr("Add files or folders…"))
        add.clicked.connect(self.add_requested.emit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Knowledge bases</b>")))
        layout.addWidget(self.kbs, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("<b>Documents</b>")))
        layout.addWidget(self.counts)
        layout.addWidget(self.documents, 3)
        layout.addWidget(self.folders_label)
        layout.addWidget(self.folders, 1)
        layout.addWidget(add)
        self.preview_dialog: DocumentPreview | None = None

    def refresh(self) -> None:
        """Reload knowledge bases and the current one's documents from the library."""
        names = self.app.knowledge_base_names() or ["default"]
        if self.current not in names:
            self.current = names[0]
        self.kbs.blockSignals(True)
        self.kbs.clear()
        for name in names:  # shown as the interface says it, kept as the library names it
            item = QListWidgetItem(vocabulary.kb_name(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.kbs.addItem(item)
        self.kbs.setCurrentRow(names.index(self.current))
        self.kbs.blockSignals(False)
        self._show_documents()

    def _show_documents(self) -> None:
        self.show_folders()
        # A refresh (another process added a file, say) keeps what the user selected and
        # where the list was scrolled to.
        chosen = {item.data(Qt.ItemDataRole.UserRole) for item in self.documents.selectedItems()}
        scrolled = self.documents.verticalScrollBar().value()
        self.documents.clear()
        try:
            documents = self.app.documents(self.current)
        except LibraryError:
            self.counts.setText(self.tr("No documents yet: drop files or folders on the window."))
            return
        for document in documents:
            item = _document_item(document)
            self.documents.addItem(item)
            item.setSelected(document.path in chosen)
        self.documents.verticalScrollBar().setValue(scrolled)
        indexed = sum(d.status == "indexed" for d in documents)
        failed = len(documents) - indexed
        chunks = self.app.chunk_count(self.current)
        parts = [
            self.tr("1 document") if indexed == 1 else self.tr("{0} documents"),
            self.tr("1 chunk") if chunks == 1 else self.tr("{1} chunks"),
        ]
        parts += [self.tr("{2} failed")] if failed else []
        self.counts.setText(
            self.tr(", ")
            .join(parts)
            .format(i18n.number(indexed), i18n.number(chunks), i18n.number(failed))
        )

    def show_folders(self) -> None:
        """The current knowledge base's folders with their watched and offline states."""
        rows = [row for row in self.app.folder_rows() if row["kb"] == self.current]
        self.folders.blockSignals(True)
        self.folders.clear()
        for row in rows:
            self.folders.addItem(self._folder_item(row))
        self.folders.blockSignals(False)
        self.folders_label.setVisible(bool(rows))
        self.folders.setVisible(bool(rows))

    def _folder_item(self, row: dict[str, object]) -> QListWidgetItem:
        path = str(row["path"])
        name = Path(path).name or path
        item = QListWidgetItem(self.tr("{0} (offline)").format(name) if row["offline"] else name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if row["watched"] else Qt.CheckState.Unchecked)
        detail = (
            self.tr("Offline: the folder cannot be read now; its documents are kept.")
            if row["offline"]
            else self.tr("Watched: changes are picked up while Thinkdesk runs.")
            if row["watched"]
            else self.tr("Not watched: check it to pick up its changes.")
        )
        item.setToolTip(f"{path}\n{detail}")
        item.setData(Qt.ItemDataRole.UserRole, path)
        return item

    def _folder_toggled(self, item: QListWidgetItem) -> None:
        on = item.checkState() == Qt.CheckState.Checked
        if self._try(lambda: self.app.watch_folder(self.current, _path(item), on)):
            self.folders_changed.emit()
        self.show_folders()

    def _select(self, name: str) -> None:
        if name and name != self.current:
            self.current = name
            self._show_documents()
            self.kb_selected.emit(name)

    def create_kb(self) -> None:
        """Ask for a name and create a knowledge base."""
        name = self.ask_text(self.tr("New knowledge base"), self.tr("Name:"))
        if name and name.strip():
            self._try(lambda: self.app.create_kb(name.strip()))
            self.current = name.strip()
            self.refresh()
            self.kb_selected.emit(self.current)

    def rename_kb(self) -> None:
        """Rename the current knowledge base."""
        name = self.ask_text(self.tr("Rename"), self.tr("New name:"), self.current)
        new = (name or "").strip()
        if new and new != self.current and self._try(lambda: self.app.rename_kb(self.current, new)):
            self.current = new
            self.refresh()
            self.changed.emit()

    def delete_kb(self) -> None:
        """Delete the current knowledge base after a confirmation naming what it holds."""
        try:
            held = len(self.app.documents(self.current))
        except LibraryError:
            held = 0
        if not self.confirm(
            self.tr("Delete the knowledge base “{name}” and its {documents}?").format(
                name=vocabulary.kb_name(self.current),
                documents=self.tr("1 document")
                if held == 1
                else self.tr("{0} documents").format(i18n.number(held)),
            ),
            self.tr(
                "Its index and its conversations are deleted; the files themselves stay "
                "where they are."
            ),
        ):
            return
        if self._try(lambda: self.app.delete_kb(self.current)):
            self.refresh()
            self.changed.emit()
            self.kb_selected.emit(self.current)

    # documents

    def selected_paths(self) -> list[str]:
        """The paths of the selected documents, in the list's order."""
        rows = sorted(self.documents.row(item) for item in self.documents.selectedItems())
        return [_path(self.documents.item(row)) for row in rows]

    def document_menu(self, paths: list[str]) -> QMenu:
        """The context menu for these documents (one or several)."""
        menu = QMenu(self)
        single = len(paths) == 1
        remove = menu.addAction(
            self.tr("Remove from knowledge base…"), lambda: self.remove_documents(paths)
        )
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        menu.addAction(self.tr("Re-index"), lambda: self.reindex(paths))
        menu.addSeparator()
        preview = menu.addAction(self.tr("Preview chunks"), lambda: self.preview(paths))
        preview.setEnabled(single)
        show = menu.addAction(self.tr("Show in folder"), lambda: self.show_in_folder(paths))
        show.setEnabled(single)
        for action in menu.actions():
            action.setObjectName(action.text())
        return menu

    def _open_menu(self, where: QPoint) -> None:
        paths = self.selected_paths()
        if paths:
            self.document_menu(paths).exec(self.documents.viewport().mapToGlobal(where))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            watched is self.documents
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete)
        ):
            paths = self.selected_paths()
            if paths:
                self.remove_documents(paths)
            return True
        return super().eventFilter(watched, event)

    def remove_documents(self, paths: list[str]) -> bool:
        """Remove these documents from the current knowledge base after confirmation (their
        chunks leave the index; the files stay). True when they were removed."""
        if self.app.running("ingest"):
            self.tell(self.tr("Indexing is under way: remove documents once it is done."))
            return False
        what = (
            f"“{Path(paths[0]).name}”"
            if len(paths) == 1
            else self.tr("{0} documents").format(i18n.number(len(paths)))
        )
        if not self.confirm(
            self.tr("Remove {what} from the knowledge base “{name}”?").format(
                what=what, name=vocabulary.kb_name(self.current)
            ),
            self.tr(
                "Its chunks leave the index and no longer show in answers; the files "
                "themselves stay where they are."
            ),
        ):
            return False
        if not self._try(lambda: self.app.remove(self.current, paths)):
            return False
        self._show_documents()
        self.folders_changed.emit()  # a removed folder is watched no more
        return True

    def reindex(self, paths: list[str]) -> None:
        """Ask for these documents to be parsed and embedded again, changed or not."""
        present = [p for p in paths if Path(p).is_file()]
        gone = [Path(p).name for p in paths if p not in present]
        if gone:
            self.tell(
                self.tr("Not found, so not re-indexed: {files}").format(files=", ".join(gone)),
                warning=True,
            )
        if present:
            self.reindex_requested.emit(present)

    def preview(self, paths: list[str]) -> DocumentPreview | None:
        """Show the first document's chunks with their locations (None when it has none)."""
        try:
            chunks = self.app.document_chunks(self.current, paths[0])
        except LibraryError as err:
            self.tell(vocabulary.error(str(err)), warning=True)
            return None
        if not chunks:
            self.tell(self.tr("{file} has no indexed chunks.").format(file=Path(paths[0]).name))
            return None
        self.preview_dialog = DocumentPreview(paths[0], chunks, self)
        self.preview_dialog.show()
        return self.preview_dialog

    def show_in_folder(self, paths: list[str]) -> None:
        """Open the folder holding the first document in the system's file manager."""
        folder = Path(paths[0]).parent
        if not folder.is_dir() or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.tell(self.tr("Cannot open {folder}").format(folder=folder), warning=True)

    def confirm(self, question: str, detail: str = "") -> bool:
        """Yes or no from the user (a dialog; tests answer it themselves)."""
        box = QMessageBox(QMessageBox.Icon.Question, "Thinkdesk", question, parent=self)
        box.setInformativeText(detail)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def tell(self, message: str, warning: bool = False) -> None:
        """A message the user acknowledges (a dialog; tests catch it themselves)."""
        if warning:
            QMessageBox.warning(self, "Thinkdesk", message)
        else:
            QMessageBox.information(self, "Thinkdesk", message)

    def ask_text(self, title: str, label: str, value: str = "") -> str | None:
        """A line of text from the user, None when cancelled (tests answer it themselves)."""
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, value)
        return text if ok else None

    def _try(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except LibraryError as err:
            self.tell(vocabulary.error(str(err)), warning=True)
            return False
        return True


def _document_item(document: Document) -> QListWidgetItem:
    mark = _STATUS.get(document.status, "?")
    if document.status == "indexed":
        detail = translate("LibrarySidebar", "indexed: {0} chunks").format(
            i18n.number(document.chunks)
        )
    else:
        status = vocabulary.stage(document.status)
        detail = f"{status}: {vocabulary.reason(document.reason or '')}"
    item = QListWidgetItem(f"{mark} {Path(document.path).name}")
    item.setToolTip(f"{document.path}\n{detail}")
    item.setData(Qt.ItemDataRole.UserRole, document.path)
    return item


def _path(item: QListWidgetItem | None) -> str:
    """The path of a document item, the stored name of a knowledge base item."""
    return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""
