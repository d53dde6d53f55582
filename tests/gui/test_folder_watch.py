"""Watched folders in the window: the sidebar lists the knowledge base's folders with a check
box that watches each (an offline one says so), and while the window is open a file added to
a watched folder shows up among the documents by itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fakes import HashingEmbedder
from PySide6.QtCore import Qt

from app.application import Application
from app.gui.library_sidebar import LibrarySidebar

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def library(thinkdesk_home, docs):
    app = Application(thinkdesk_home, embedder_loader=lambda settings: HashingEmbedder())
    app.ingest("default", [str(docs)])
    yield app
    app.close()


def folder_items(sidebar):
    return [sidebar.folders.item(i) for i in range(sidebar.folders.count())]


def test_a_folder_is_watched_with_its_check_box(qtbot, library, docs):
    sidebar = LibrarySidebar(library)
    qtbot.addWidget(sidebar)
    sidebar.refresh()
    [item] = folder_items(sidebar)
    assert item.text() == "reports" and item.checkState() == Qt.CheckState.Unchecked
    with qtbot.waitSignal(sidebar.folders_changed):
        item.setCheckState(Qt.CheckState.Checked)
    assert library.folder_rows()[0]["watched"] is True
    [item] = folder_items(sidebar)
    assert item.checkState() == Qt.CheckState.Checked and "Watched" in item.toolTip()
    with qtbot.waitSignal(sidebar.folders_changed):
        item.setCheckState(Qt.CheckState.Unchecked)
    assert library.folder_rows()[0]["watched"] is False


def test_an_offline_folder_says_so_and_keeps_its_documents(qtbot, library, docs):
    docs.rename(docs.with_name("unplugged"))
    sidebar = LibrarySidebar(library)
    qtbot.addWidget(sidebar)
    sidebar.refresh()
    [item] = folder_items(sidebar)
    assert item.text() == "reports (offline)" and "its documents are kept" in item.toolTip()
    assert sidebar.documents.count() == 5


def test_a_kb_without_folders_shows_no_folder_list(qtbot, library):
    library.create_kb("empty")
    sidebar = LibrarySidebar(library)
    qtbot.addWidget(sidebar)
    sidebar.current = "empty"
    sidebar.refresh()
    assert sidebar.folders.isHidden() and sidebar.folders_label.isHidden()


def test_the_window_picks_up_a_file_added_to_a_watched_folder(qtbot, make_window, docs):
    window = make_window()
    window.app.ingest("default", [str(docs)])
    window.app.watch_folder("default", str(docs))
    window.sidebar.refresh()
    with qtbot.waitSignal(window.models_ready, timeout=30000):
        window.preload()
    qtbot.waitUntil(lambda: window.folder_watch.watcher is not None, timeout=5000)
    shutil.copy(DATA / "good" / "prices.csv", docs / "prices.csv")

    def shown() -> list[str]:
        items = [window.sidebar.documents.item(i) for i in range(window.sidebar.documents.count())]
        return [Path(item.data(Qt.ItemDataRole.UserRole)).name for item in items]

    qtbot.waitUntil(lambda: "prices.csv" in shown(), timeout=15000)
    assert "Watched folder reports: 1 added" in window.statusBar().currentMessage()
    window.close()
    assert window.folder_watch.watcher is None


def test_the_folder_list_speaks_chinese(qtbot, qapp, library, docs):
    from app.gui import i18n

    translators = i18n.install(qapp, "zh_CN")
    try:
        docs.rename(docs.with_name("unplugged"))
        sidebar = LibrarySidebar(library)
        qtbot.addWidget(sidebar)
        sidebar.refresh()
        [item] = folder_items(sidebar)
        assert item.text() == "reports（离线）" and "其文档予以保留" in item.toolTip()
        assert sidebar.folders_label.text() == "<b>文件夹</b>"
    finally:
        i18n.remove(qapp, translators)
