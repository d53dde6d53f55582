"""`thinkdesk gui` as a person starts it, for the offline test: the real window on the real home,
closed a second after both models have loaded (it prints "models ready"), or after the number
of seconds given as the first argument at most."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.cli import main
from app.gui.main_window import MainWindow


def watch(app: QApplication) -> None:
    """Connect to the window's models_ready before its preload starts (both run at the first
    turn of the event loop, this timer first: it was made first)."""
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
    if windows:
        window = windows[0]
        window.models_ready.connect(lambda: ready(window))
        return
    QTimer.singleShot(100, lambda: watch(app))


def ready(window: MainWindow) -> None:
    print("models ready", flush=True)
    QTimer.singleShot(1000, window.close)


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    QTimer.singleShot(0, lambda: watch(app))
    QTimer.singleShot(int(float(sys.argv[1]) * 1000), QApplication.closeAllWindows)
    sys.exit(main(["gui"]))
