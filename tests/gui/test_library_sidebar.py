"""Knowledge bases are created, renamed and deleted (with confirmation); documents are
removed (Delete key, several at once), re-indexed, previewed chunk by chunk and shown in
their folder, over a real library."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import HashingEmbedder
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog

from app.application import Application
from app.gui.library_sidebar import LibrarySidebar


class Answers:
    """Stands in for the confirmation dialog: records each question, answers as told."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, question: str, detail: str = "") -> bool:
        self.asked.append(question)
        return self.answer


@pytest.fixture
def library(thinkdesk_home, docs):
    """An application over a library with the docs folder really ingested."""
    app = Application(thinkdesk_home, embedder_loader=lambda settings: HashingEmbedder())
    app.ingest("default", [str(docs)])
    yield app
    app.close()


@pytest.fixture
def sidebar(qtbot, library):
    widget = LibrarySidebar(library)
    qtbot.addWidget(widget)
    widget.confirm = Answers()
    widget.refresh()
    return widget


def names(sidebar):
    return [Path(p).name for p in _paths(sidebar)]


def _paths(sidebar):
    documents = sidebar.documents
    return [documents.item(i).data(Qt.ItemDataRole.UserRole) for i in range(documents.count())]


def select(sidebar, *file_names):
    documents = sidebar.documents
    documents.clearSelection()
    for row in range(documents.count()):
        item = documents.item(row)
        if Path(item.data(Qt.ItemDataRole.UserRole)).name in file_names:
            item.setSelected(True)
            documents.setCurrentItem(item, documents.selectionModel().SelectionFlag.Select)
    return sidebar.selected_paths()


def action(sidebar, paths, text):
    return next(a for a in sidebar.document_menu(paths).actions() if a.text() == text)


def test_create_rename_delete(qtbot, thinkdesk_home, monkeypatch):
    app = Application(thinkdesk_home)
    sidebar = LibrarySidebar(app)
    qtbot.addWidget(sidebar)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Energy", True))
    with qtbot.waitSignal(sidebar.kb_selected):
        sidebar.create_kb()
    assert sidebar.current == "Energy"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Power", True))
    sidebar.rename_kb()
    assert app.knowledge_base_names() == ["Power"]
    sidebar.confirm = Answers(False)
    sidebar.delete_kb()
    assert app.knowledge_base_names() == ["Power"]
    sidebar.confirm = Answers(True)
    sidebar.delete_kb()
    assert app.knowledge_base_names() == []
    app.close()


def test_deleting_the_knowledge_base_says_so_and_names_its_documents(sidebar, library):
    assert sidebar.kb_buttons["delete"].text() == "Delete knowledge base…"
    sidebar.confirm = Answers(False)
    sidebar.kb_buttons["delete"].click()
    assert sidebar.confirm.asked == ["Delete the knowledge base “default” and its 5 documents?"]
    assert len(library.documents("default")) == 5
    sidebar.confirm = Answers(True)
    sidebar.kb_buttons["delete"].click()
    assert library.knowledge_base_names() == []


def test_the_delete_key_removes_the_selected_document_only(qtbot, sidebar, library, docs):
    report = str(docs / "report_en.pdf")
    assert any(p.file == report for p in library.search("default", "gross margin 41.7 percent"))
    chunks_before = library.chunk_count("default")
    own = len(library.document_chunks("default", report))
    others = {p: library.document_chunks("default", p) for p in _paths(sidebar) if p != report}
    select(sidebar, "report_en.pdf")
    sidebar.confirm = Answers(False)
    qtbot.keyClick(sidebar.documents, Qt.Key.Key_Delete)
    assert sidebar.confirm.asked == ["Remove “report_en.pdf” from the knowledge base “default”?"]
    assert "report_en.pdf" in names(sidebar)  # answered No: nothing happens

    sidebar.confirm = Answers(True)
    qtbot.keyClick(sidebar.documents, Qt.Key.Key_Delete)
    assert names(sidebar) == ["book.xlsx", "deck.pptx", "locked.pdf", "notes.txt"]
    assert all(p.file != report for p in library.search("default", "gross margin 41.7 percent"))
    assert library.chunk_count("default") == chunks_before - own
    assert {p: library.document_chunks("default", p) for p in others} == others
    assert "3 documents" in sidebar.counts.text()
    assert Path(report).exists()  # the file itself stays


def test_several_selected_documents_are_removed_at_once(qtbot, sidebar, library):
    paths = select(sidebar, "deck.pptx", "notes.txt")
    assert len(paths) == 2
    menu = sidebar.document_menu(paths)
    labels = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert labels == ["Remove from knowledge base…", "Re-index", "Preview chunks", "Show in folder"]
    enabled = {a.text(): a.isEnabled() for a in menu.actions() if not a.isSeparator()}
    assert not enabled["Preview chunks"] and not enabled["Show in folder"]
    action(sidebar, paths, "Remove from knowledge base…").trigger()
    assert sidebar.confirm.asked == ["Remove 2 documents from the knowledge base “default”?"]
    assert names(sidebar) == ["book.xlsx", "locked.pdf", "report_en.pdf"]
    assert [d.status for d in library.documents("default")] == ["indexed", "failed", "indexed"]


def test_preview_lists_the_chunks_with_their_locations_and_finds_text(sidebar, docs):
    paths = select(sidebar, "deck.pptx")
    action(sidebar, paths, "Preview chunks").trigger()
    dialog = sidebar.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert "deck.pptx" in dialog.windowTitle()
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert rows[0].startswith("1. slide 1 — ")
    assert any("slide 2 (notes)" in row for row in rows)
    assert [c.position for c in dialog.chunks] == sorted(c.position for c in dialog.chunks)
    assert "Acme Robotics Investor Day" in dialog.text.toPlainText()

    dialog.search.setText("southeast asia")
    assert [format_place(c) for c in dialog.shown()] == ["slide 2"]
    assert "Revenue grew 18 percent in Southeast Asia." in dialog.text.toPlainText()
    assert dialog.place.text().startswith("<b>slide 2</b> · chunk 2 of ")
    assert dialog.text.extraSelections()  # the match is highlighted
    assert dialog.summary.text() == f"1 of {len(dialog.chunks)} chunks match"
    dialog.search.setText("no such words anywhere")
    assert dialog.list.count() == 0


def test_preview_of_a_workbook_names_sheets_and_cells(sidebar, docs):
    dialog = sidebar.preview([str(docs / "book.xlsx")])
    assert dialog is not None
    assert all("!" in format_place(c) for c in dialog.chunks)


def test_show_in_folder_opens_the_documents_folder(sidebar, docs, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    paths = select(sidebar, "notes.txt")
    action(sidebar, paths, "Show in folder").trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [docs]


def format_place(chunk):
    from app.formatting import format_location

    return format_location(chunk.location)


def test_reindex_rebuilds_one_documents_chunks(qtbot, make_window, docs):
    window = make_window()
    with qtbot.waitSignal(window.ingest_finished, timeout=60000):
        window.start_ingest([str(docs)])
    qtbot.waitUntil(lambda: "ingest" not in window.workers)  # its thread has ended
    app, sidebar = window.app, window.sidebar
    deck = str(docs / "deck.pptx")
    before = app.document_chunks("default", deck)
    others = {p: app.document_chunks("default", p) for p in _paths(sidebar) if p != deck}
    count = app.chunk_count("default")
    paths = select(sidebar, "deck.pptx")
    with qtbot.waitSignal(window.ingest_finished, timeout=60000) as blocker:
        action(sidebar, paths, "Re-index").trigger()
    summary = blocker.args[0]
    assert (summary.updated, summary.unchanged, summary.added) == (1, 0, 0)
    after = app.document_chunks("default", deck)
    assert not {c.id for c in before} & {c.id for c in after}  # stored anew
    assert [(c.location, c.text) for c in after] == [(c.location, c.text) for c in before]
    assert {p: app.document_chunks("default", p) for p in others} == others
    assert app.chunk_count("default") == count
    assert "deck.pptx" in [Path(p).name for p in _paths(sidebar)]
    assert any(p.file == deck for p in app.search("default", "Revenue grew 18 percent"))
