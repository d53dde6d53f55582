"""Knowledge bases are created, renamed and deleted (with confirmation)."""

from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.application import Application
from app.gui.library_sidebar import LibrarySidebar


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
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    sidebar.delete_kb()
    assert app.knowledge_base_names() == ["Power"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    sidebar.delete_kb()
    assert app.knowledge_base_names() == []
    app.close()
