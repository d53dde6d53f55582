"""The window's layout (issue 13, point 6): it works from 1024x640 up, the chat keeps room,
a hidden reasoning trace leaves no empty column, and splitter sizes are remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.gui.main_window import MINIMUM_SIZE, STACKED_BELOW


def shown(qtbot, window, width, height):
    window.show()
    qtbot.waitExposed(window)
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
    return window


def test_the_window_fits_1024_by_640_with_room_for_the_chat(qtbot, make_window):
    window = shown(qtbot, make_window(), *MINIMUM_SIZE)
    assert window.minimumSizeHint().width() <= 1024
    main = window.splitters["main"]
    sidebar, chat, right = main.sizes()
    assert chat >= 320 and chat >= sidebar  # the conversation is the widest column
    assert min(sidebar, right) >= 180
    # narrow: reasoning above the sources, each with the right column's whole width
    assert window.splitters["right"].orientation() == Qt.Orientation.Vertical


def test_a_wide_window_puts_reasoning_beside_the_sources(qtbot, make_window):
    window = shown(qtbot, make_window(), STACKED_BELOW + 200, 900)
    right = window.splitters["right"]
    assert right.orientation() == Qt.Orientation.Horizontal
    window.resize(1100, 700)
    qtbot.waitUntil(lambda: right.orientation() == Qt.Orientation.Vertical)


def test_hiding_the_reasoning_gives_its_room_to_the_sources(qtbot, make_window):
    window = shown(qtbot, make_window(), STACKED_BELOW + 200, 900)
    right = window.splitters["right"]
    window.reasoning.toggle.setChecked(True)  # Hide
    qtbot.waitUntil(lambda: right.orientation() == Qt.Orientation.Vertical)
    reasoning, sources = right.sizes()
    assert reasoning < 80 and sources > 6 * reasoning  # a header bar, not an empty column
    window.reasoning.toggle.setChecked(False)
    assert right.orientation() == Qt.Orientation.Horizontal
    assert min(right.sizes()) > 150


def test_splitter_sizes_and_geometry_are_remembered(qtbot, make_window):
    window = shown(qtbot, make_window(), 1300, 820)
    main = window.splitters["main"]
    main.setSizes([400, 500, 400])
    main.splitterMoved.emit(400, 1)  # what a drag of the handle reports
    wanted = main.sizes()
    window.close()
    again = shown(qtbot, make_window(), 1300, 820)
    assert again.splitters["main"].sizes() == wanted
    assert (again.width(), again.height()) == (1300, 820)


def test_an_unreadable_window_state_means_the_default_layout(qtbot, make_window, thinkdesk_home):
    thinkdesk_home.mkdir(parents=True, exist_ok=True)
    (thinkdesk_home / "window-state.json").write_text("{not json", encoding="utf-8")
    window = shown(qtbot, make_window(), 1280, 800)
    assert window.splitters["main"].sizes()[1] >= 320
