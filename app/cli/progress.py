"""Ingest progress on stderr: a tqdm bar on a terminal, plain lines otherwise.

The bar measures pages read and chunks embedded, not files, and says where it is: "file 2/3 ·
page 40/130 · 512/687 chunks · ETA 1m10s". The lines (for a log file or a script reading
stderr) carry the pace and the time left; inside a long file a line every LINE_EVERY_S says
how far it got. OCR, seconds a page, shows each page it reads: "OCR page 3/12 of scan.pdf"."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO, assert_never

from tqdm import tqdm

from app.cli.output import shown
from app.events import (
    ChunksEmbedded,
    FileDone,
    FileStage,
    IngestEvent,
    IngestStarted,
    OcrPage,
    PagesParsed,
)
from app.progress import BatchProgress, Rate, duration

BAR_STEPS = 1000
BAR_FORMAT = "{percentage:3.0f}%|{bar}| {desc}"
REFRESH_S = 0.25  # the bar redraws at most this often between files
LINE_EVERY_S = 10.0  # off a terminal, a line about the file in hand at most this often


class ProgressPrinter:
    """Renders ingest events; call it with each event, close() at the end."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self._bar: tqdm | None = None
        self.progress = BatchProgress()
        self._shown = 0.0  # when the bar was drawn, or the last in-file line written

    def __call__(self, event: IngestEvent) -> None:
        if self.quiet:
            return
        self.progress.update(event)
        match event:
            case IngestStarted(total=total):
                self._shown = time.monotonic()
                if self.tty:
                    self._bar = tqdm(
                        total=BAR_STEPS, file=self.stream, bar_format=BAR_FORMAT, leave=True
                    )
                    self._draw(force=True)
                else:
                    self._write(f"indexing {total} file(s)\n")
            case FileStage():
                pass
            case OcrPage(path=path, done=done, total=total):
                self._ocr_page(f"OCR page {done}/{total} of {shown(Path(path).name)}")
            case PagesParsed() | ChunksEmbedded():
                self._inside_file(event)
            case FileDone():
                self._file_done(event)
            case _:
                assert_never(event)

    def _file_done(self, event: FileDone) -> None:
        what = f"{event.chunks} chunks" if event.status == "indexed" else f"{event.reason}"
        if self._bar is None:
            rate = Rate.of(event.done, event.total, event.elapsed_s)
            eta = self.progress.eta_s()
            self._write(
                f"[{event.done}/{event.total}] {event.status}: {shown(event.path)} ({what}) "
                f"{rate.pace_text()}, ETA {duration(rate.eta_s if eta is None else eta)}\n"
            )
            return
        if event.status == "failed":
            self._bar.write(f"failed: {shown(event.path)}: {event.reason}", file=self.stream)
        self._draw(force=True)
        if event.done == event.total:
            self.close()

    def _inside_file(self, event: PagesParsed | ChunksEmbedded) -> None:
        if self._bar is not None:
            self._draw(force=False)
            return
        if time.monotonic() - self._shown < LINE_EVERY_S or event.done in (0, event.total):
            return
        self._shown = time.monotonic()
        if isinstance(event, PagesParsed):
            what = f"page {event.done}/{event.total}"
        else:
            what = f"{event.done}/{event.total} chunks embedded"
        self._write(f"  {shown(Path(event.path).name)}: {what}{self._eta(', ')}\n")

    def description(self) -> str:
        """Where the batch is: 'file 2/3 · page 40/130 · 512/687 chunks · ETA 1m10s'."""
        progress = self.progress
        parts = [f"file {progress.current_file()}/{progress.total_files}"]
        pages = progress.current_pages()
        if pages:
            parts.append(f"page {pages[0]}/{pages[1]}")
        chunks = progress.current_chunks()
        if chunks:
            parts.append(f"{chunks[0]}/{chunks[1]} chunks")
        return " · ".join(parts) + self._eta(" · ")

    def _eta(self, separator: str) -> str:
        eta = self.progress.eta_s()
        left = self.progress.done_files < self.progress.total_files
        return f"{separator}ETA {duration(eta)}" if eta is not None and left else ""

    def _draw(self, force: bool) -> None:
        bar = self._bar
        if bar is None or (not force and time.monotonic() - self._shown < REFRESH_S):
            return
        self._shown = time.monotonic()
        bar.n = max(bar.n, min(BAR_STEPS, round(self.progress.fraction() * BAR_STEPS)))
        bar.set_description_str(self.description(), refresh=False)
        bar.refresh()

    def _ocr_page(self, text: str) -> None:
        if self._bar is None:
            self._write(f"  {text}\n")
        else:
            self._bar.set_description_str(f"{self.description()} · {text}", refresh=True)

    def close(self) -> None:
        """End the bar (a cancelled batch leaves it short)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
