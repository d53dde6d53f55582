"""Starting the desktop app."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication

from app.application import Application
from app.gui import i18n
from app.gui.main_window import MainWindow, start_later
from app.settings import Settings


def setup_logging(home: Path) -> None:
    """Log to home/logs/thinkdesk.log (errors also reach the window, never a traceback)."""
    logs = home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=logs / "thinkdesk.log",
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def interface_language(settings: Settings) -> str:
    """The interface language, "en" or "zh_CN": env THINKDESK_LANG (en, zh_CN, auto) for one
    run (tests, screenshots), else the language setting ("auto": the system locale's)."""
    return i18n.resolve(os.environ.get("THINKDESK_LANG") or settings.language)


def run(home: Path) -> int:
    """Show the window and run the event loop; returns the exit code."""
    setup_logging(home)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Thinkdesk")
    application = Application(home)
    # Before the window: a widget's texts are translated when it is made.
    i18n.install(app, interface_language(application.settings))
    window = MainWindow(application)

    def report(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        # An error in a slot goes to the log and the status bar, never to the terminal.
        logging.getLogger("thinkdesk").error("unhandled error", exc_info=(kind, error, trace))
        message = i18n.translate("main", "Error: {error}").format(error=error)
        window.statusBar().showMessage(message, 15000)

    sys.excepthook = report
    window.show()
    start_later(window)
    return int(app.exec())
