"""The window and other processes on one library: after an unclean exit the window says what
was repaired; a write that waits for another process says so; documents another process adds
show up in the sidebar without a restart."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

from fakes import HashingEmbedder
from PySide6.QtCore import Qt

from app.application import Application
from app.recovery import Presence

DATA = Path(__file__).parents[1] / "data"


def _die_holding(home: Path) -> None:
    Presence(home)
    os._exit(0)


def _ingest_elsewhere(home: Path, files: list[Path]) -> None:
    other = Application(home, embedder_loader=lambda settings: HashingEmbedder())
    other.ingest("default", [str(f) for f in files])
    other.close()


def test_the_window_says_what_it_repaired_after_an_unclean_exit(make_window, thinkdesk_home):
    _ingest_elsewhere(thinkdesk_home, [DATA / "good" / "notes.txt"])
    (thinkdesk_home / "faiss" / "1.index").unlink()
    process = multiprocessing.get_context("spawn").Process(
        target=_die_holding, args=(thinkdesk_home,)
    )
    process.start()
    process.join()
    window = make_window()
    assert window.library_note.isVisibleTo(window)
    assert window.library_note.text() == "Library repaired after an unclean exit"
    assert window.library_note.toolTip().startswith("vector cache of 'default': ")
    assert make_window().library_note.isHidden()  # repaired once: the next start is quiet


def test_a_waiting_write_is_shown_in_the_status_bar(make_window, qtbot):
    window = make_window()
    window.app.on_wait("waiting for the library: another Thinkdesk process is writing to it")
    qtbot.waitUntil(lambda: "Waiting for the library" in window.statusBar().currentMessage())


def test_documents_another_process_adds_appear_without_a_restart(make_window, qtbot, tmp_path):
    window = make_window()
    window._watch_library.setInterval(100)
    window.app.library_changed()  # the window has looked once
    assert window.sidebar.documents.count() == 0
    shutil.copy(DATA / "good" / "summary.md", tmp_path / "summary.md")
    _ingest_elsewhere(window.app.home, [tmp_path / "summary.md"])
    qtbot.waitUntil(lambda: window.sidebar.documents.count() == 1, timeout=5000)


def test_a_refresh_keeps_the_selected_documents(make_window, qtbot, tmp_path):
    window = make_window()
    for name in ("notes.txt", "summary.md"):
        shutil.copy(DATA / "good" / name, tmp_path / name)
    _ingest_elsewhere(window.app.home, [tmp_path / "notes.txt", tmp_path / "summary.md"])
    window.sidebar.refresh()
    [notes] = window.sidebar.documents.findItems("✓ notes.txt", Qt.MatchFlag.MatchExactly)
    notes.setSelected(True)
    shutil.copy(DATA / "good" / "prices.csv", tmp_path / "prices.csv")
    _ingest_elsewhere(window.app.home, [tmp_path / "prices.csv"])
    window.sidebar.refresh()
    selected = [i.data(Qt.ItemDataRole.UserRole) for i in window.sidebar.documents.selectedItems()]
    assert window.sidebar.documents.count() == 3 and selected == [str(tmp_path / "notes.txt")]
