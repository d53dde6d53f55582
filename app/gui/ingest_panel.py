"""The ingest panel: each file's stage (pages read, chunks embedded, OCR page by page for a
scan), an overall bar and time left measured in pages and chunks, and Cancel."""

from __future__ import annotations

import time
from pathlib import Path
from typing import assert_never

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from app.events import (
    ChunksEmbedded,
    FileDone,
    FileStage,
    IngestEvent,
    IngestStarted,
    OcrPage,
    PagesParsed,
)
from app.gui import i18n, vocabulary
from app.indexing import IngestSummary
from app.progress import BatchProgress, Rate

BAR_STEPS = 1000  # the bar counts thousandths of the batch's work
TICK_MS = 1000  # the time left counts down between reports
FILE_COLUMN_SHARE = 0.55  # of the table's width for the file column, until the user drags it


class IngestPanel(QWidget):
    """Shows an ingest batch as it runs.

    Signals: cancel_requested() when the user presses Cancel.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Stage")])
        header = self.table.horizontalHeader()
        # Widths never follow the content (they jumped with every stage): the file column
        # keeps its share of the panel's width (or the user's width), the stage takes the
        # rest, and a long reason is elided with the whole text in its tooltip.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._file_column_dragged = self._sharing = False
        header.sectionHandleDoubleClicked.connect(lambda _: self._share_columns(reset=True))
        header.sectionResized.connect(self._column_resized)
        self.table.viewport().installEventFilter(self)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.bar = QProgressBar()
        self.status = QLabel(self.tr("Drop folders or files anywhere on the window to index them."))
        self.status.setObjectName("ingestStatus")
        # The line changes every second: it wraps rather than widen the panel, in a height
        # kept for two lines so that nothing below it moves either.
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(2 * self.status.fontMetrics().lineSpacing())
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.cancel = QPushButton(self.tr("Cancel"))
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
        self.progress = BatchProgress()
        self._reported = time.monotonic()  # when the last event came (the countdown's start)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._show_progress)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        resized = watched is self.table.viewport() and event.type() == QEvent.Type.Resize
        if resized and not self._file_column_dragged:
            self._share_columns()
        return False

    def _share_columns(self, reset: bool = False) -> None:
        if reset:  # a double-click on the handle gives the column its share back
            self._file_column_dragged = False
        self._sharing = True
        width = self.table.viewport().width()
        self.table.horizontalHeader().resizeSection(0, int(width * FILE_COLUMN_SHARE))
        self._sharing = False

    def _column_resized(self, index: int, _old: int, _new: int) -> None:
        if index == 0 and not self._sharing:
            self._file_column_dragged = True  # the user's width is kept from now on

    def begin(self) -> None:
        """A batch is starting (files are being discovered and hashed)."""
        self.table.setRowCount(0)
        self._rows = {}
        self.progress = BatchProgress()
        self.bar.setRange(0, 0)  # busy until the files are known
        self.status.setText(self.tr("Looking for documents…"))
        self.cancel.setEnabled(True)

    def files_left(self) -> int:
        """Files of the running batch not finished yet (0 when none is running)."""
        return max(0, self.progress.total_files - self.progress.done_files)

    def show_event(self, event: IngestEvent) -> None:
        """Apply an ingest event."""
        self.progress.update(event)
        self._reported = time.monotonic()
        match event:
            case IngestStarted(total=total, files=files):
                self.bar.setRange(0, BAR_STEPS)
                self.bar.setValue(0)
                self.status.setText(
                    self.tr("Indexing 1 file…")
                    if total == 1
                    else _fill(self.tr("Indexing %1 files…"), i18n.number(total))
                )
                for path in files:
                    self._set(path, self.tr("queued"))
                self.ticker.start()
                return
            case FileStage(path=path, stage=stage):
                self._set(path, vocabulary.stage(stage))
            case OcrPage(path=path, done=done, total=total):
                self._set(path, _fill(self.tr("OCR page %1/%2"), done, total))
            case PagesParsed(path=path, done=done, total=total):
                self._set(path, _fill(self.tr("reading page %1 / %2"), done, total))
            case ChunksEmbedded(path=path, done=done, total=total):
                self._set(path, _fill(self.tr("embedding %1 / %2 chunks"), done, total))
            case FileDone():
                self._file_done(event)
            case _:
                assert_never(event)
        self._show_progress()

    def _file_done(self, event: FileDone) -> None:
        if event.status == "indexed":
            chunks = (
                self.tr("done: 1 chunk")
                if event.chunks == 1
                else _fill(self.tr("done: %1 chunks"), i18n.number(event.chunks))
            )
            self._set(event.path, chunks)
        else:
            why = vocabulary.reason(event.reason) if event.reason else self.tr("failed")
            self._set(event.path, _fill(self.tr("failed: %1"), why))
        if event.done >= event.total:
            self.ticker.stop()

    def _show_progress(self) -> None:
        """The bar and the line above it: where the batch is and the time it has left."""
        progress = self.progress
        value = round(progress.fraction() * BAR_STEPS)
        self.bar.setValue(max(self.bar.value(), min(value, BAR_STEPS)))  # never backwards
        parts = [_fill(self.tr("File %1 / %2"), progress.current_file(), progress.total_files)]
        pages = progress.current_pages()
        if pages:
            parts.append(_fill(self.tr("page %1 / %2"), *pages))
        chunks = progress.current_chunks()
        if chunks:
            parts.append(_fill(self.tr("%1 / %2 chunks embedded"), *chunks))
        eta = progress.eta_s(time.monotonic() - self._reported)
        if eta is None and progress.done_files:  # nothing measured inside files: count files
            eta = Rate.of(progress.done_files, progress.total_files, progress.now_s).eta_s
        if progress.done_files < progress.total_files:
            parts.append(
                self.tr("estimating time left")
                if eta is None
                else _fill(self.tr("ETA %1"), i18n.duration(eta))
            )
        self.status.setText(" · ".join(parts))

    def finish(self, summary: IngestSummary | None, error: str | None = None) -> None:
        """The batch ended: show its counts (an IngestSummary), or the error."""
        self.ticker.stop()
        self.cancel.setEnabled(False)
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        if error or summary is None:
            self.status.setText(_fill(self.tr("Indexing stopped: %1"), error))
            return
        text = _fill(
            self.tr("Added %1, updated %2, unchanged %3, %4 failed, %5 skipped in %6 s"),
            summary.added,
            summary.updated,
            summary.unchanged,
            len(summary.failed),
            len(summary.skipped),
            i18n.number(summary.seconds, 1),
        )
        self.status.setText((self.tr("Cancelled. ") if summary.cancelled else "") + text)
        if not summary.cancelled:
            self.bar.setValue(self.bar.maximum())
        for file, reason in summary.skipped:
            self._set(file, _fill(self.tr("skipped: %1"), vocabulary.reason(reason)))
        for file, reason in summary.failed:
            self._set(file, _fill(self.tr("failed: %1"), vocabulary.reason(reason)))

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
        item = QTableWidgetItem(stage)
        item.setToolTip(f"{Path(path).name}: {stage}")  # the whole reason, however long
        self.table.setItem(row, 1, item)


def _fill(text: str, *values: object) -> str:
    """A translated text with its %1, %2... filled in (Qt's placeholders)."""
    for number, value in reversed(list(enumerate(values, start=1))):
        text = text.replace(f"%{number}", str(value))
    return text
