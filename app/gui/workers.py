"""Long work off the UI thread: a job runs in a QThread, reports through signals, and every
error reaches one place (after napari's thread_worker)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

log = logging.getLogger(__name__)

Job = Callable[[Callable[[object], None], Callable[[], bool]], Any]


class Worker(QThread):
    """Runs job(emit, cancelled) in a thread.

    Signals: yielded(object) for each emitted event, finished_with(object) with the job's
    result, errored(str) with a message for the user (the traceback goes to the log).
    """

    yielded = Signal(object)
    finished_with = Signal(object)
    errored = Signal(str)

    def __init__(self, job: Job, parent: Any = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancelled = False

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        """Whether cancel() was called."""
        return self._cancelled

    def run(self) -> None:  # noqa: D102 - QThread entry point
        try:
            result = self._job(self.yielded.emit, lambda: self._cancelled)
        except Exception as err:  # every failure of a job is shown, none is lost
            log.error("background job failed: %s\n%s", err, traceback.format_exc())
            self.errored.emit(str(err) or type(err).__name__)
            return
        self.finished_with.emit(result)
