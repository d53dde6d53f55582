"""Knowledge bases are created, renamed and deleted (with confirmation)."""

from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.gui.library_sidebar import LibrarySidebar
from retrieval.store import Library


def test_create_rename_delete(qtbot, thinkdesk_home, monkeypatch):
    library = Library(thinkdesk_home / "library.sqlite")
    sidebar = LibrarySidebar(library)
    qtbot.addWidget(sidebar)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Energy", True))
    with qtbot.waitSignal(sidebar.kb_selected):
        sidebar.create_kb()
    assert sidebar.current == "Energy"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Power", True))
    sidebar.rename_kb()
    assert [k.name for k in library.knowledge_bases()] == ["Power"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    sidebar.delete_kb()
    assert [k.name for k in library.knowledge_bases()] == ["Power"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    sidebar.delete_kb()
    assert library.knowledge_bases() == []
    library.close()
