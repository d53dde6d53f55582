"""The folder watcher (app/watch.py) run while the window is open, its reports delivered to
the UI thread as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.application import Application
from app.watch import Watcher, WatchEvent

STOP_WAIT_S = 5.0  # at quit; a run still embedding is cancelled between batches


class FolderWatch(QObject):
    """Runs a Watcher over the application's watched folders.

    Signals: reported(object) with each WatchEvent (Watching, Offline, Indexed, WatchFailed),
    received in the thread this object lives in.
    """

    reported = Signal(object)

    def __init__(self, app: Application, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.watcher: Watcher | None = None
        self._app = app

    def start(self) -> None:
        """Catch up every watched folder, then keep them in step (once)."""
        if self.watcher is None:
            self.watcher = Watcher(self._app, self._report)
            self.watcher.start()

    def refresh(self) -> None:
        """A folder was switched on or off in the sidebar."""
        if self.watcher is not None:
            self.watcher.refresh()

    def request_stop(self) -> None:
        """At the start of quitting: no new run starts, the one under way is cancelled."""
        if self.watcher is not None:
            self.watcher.request_stop()

    def stop(self) -> None:
        """Stop watching (at quit)."""
        if self.watcher is not None:
            self.watcher.stop(STOP_WAIT_S)
            self.watcher = None

    def _report(self, event: WatchEvent) -> None:
        self.reported.emit(event)  # from the watcher's thread: queued to the receivers'
