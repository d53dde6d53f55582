"""The ingest panel: each file's stage (OCR page by page for a scan), an overall bar with
files/s and ETA, and Cancel."""

from __future__ import annotations

from pathlib import Path
from typing import assert_never

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.events import FileDone, FileStage, IngestEvent, IngestStarted, OcrPage
from app.formatting import counted
from app.indexing import IngestSummary
from app.progress import Rate


class IngestPanel(QWidget):
    """Shows an ingest batch as it runs.

    Signals: cancel_requested() when the user presses Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["File", "Stage"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.bar = QProgressBar()
        self.status = QLabel("Drop folders or files anywhere on the window to index them.")
        self.status.setObjectName("ingestStatus")
        self.cancel = QPushButton("Cancel")
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self.cancel_requested.emit)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self._rows: dict[str, int] = {}

    def begin(self) -> None:
        """A batch is starting (files are being discovered and hashed)."""
        self.table.setRowCount(0)
        self._rows = {}
        self.bar.setRange(0, 0)  # busy until the files are known
        self.status.setText("Looking for documents…")
        self.cancel.setEnabled(True)

    def show_event(self, event: IngestEvent) -> None:
        """Apply an ingest event."""
        match event:
            case IngestStarted(total=total, files=files):
                self.bar.setRange(0, total)
                self.bar.setValue(0)
                self.status.setText(f"Indexing {counted(total, 'file')}…")
                for path in files:
                    self._set(path, "queued")
            case FileStage(path=path, stage=stage):
                self._set(path, stage)
            case OcrPage(path=path, done=done, total=total):
                self._set(path, f"OCR page {done}/{total}")
            case FileDone():
                self._file_done(event)
            case _:
                assert_never(event)

    def _file_done(self, event: FileDone) -> None:
        done = event.status == "indexed"
        self._set(event.path, f"done: {event.chunks} chunks" if done else f"failed: {event.reason}")
        self.bar.setValue(event.done)
        rate = Rate.of(event.done, event.total, event.elapsed_s)
        self.status.setText(
            f"{event.done} / {event.total} files · {rate.pace_text()} · ETA {rate.eta_text()}"
        )

    def finish(self, summary: IngestSummary | None, error: str | None = None) -> None:
        """The batch ended: show its counts (an IngestSummary), or the error."""
        self.cancel.setEnabled(False)
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        if error or summary is None:
            self.status.setText(f"Indexing stopped: {error}")
            return
        text = (
            f"Added {summary.added}, updated {summary.updated}, unchanged {summary.unchanged}, "
            f"{len(summary.failed)} failed, {len(summary.skipped)} skipped "
            f"in {summary.seconds:.1f} s"
        )
        self.status.setText(("Cancelled. " if summary.cancelled else "") + text)
        for file, reason in summary.skipped:
            self._set(file, f"skipped: {reason}")
        for file, reason in summary.failed:
            self._set(file, f"failed: {reason}")

    def stage_of(self, path: str) -> str:
        """The stage shown for a file ('' when it is not listed)."""
        row = self._rows.get(path)
        item = self.table.item(row, 1) if row is not None else None
        return item.text() if item else ""

    def _set(self, path: str, stage: str) -> None:
        row = self._rows.get(path)
        if row is None:
            row = self._rows[path] = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(Path(path).name)
            name.setToolTip(path)
            self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(stage))
