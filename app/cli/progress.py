"""Ingest progress on stderr: a tqdm bar on a terminal, plain lines otherwise.

The lines (for a log file or a script reading stderr) carry the pace and the time left. OCR,
seconds a page, shows each page it reads: "OCR page 3/12 of scan.pdf"."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO, assert_never

from tqdm import tqdm

from app.events import FileDone, FileStage, IngestEvent, IngestStarted, OcrPage
from app.progress import Rate


class ProgressPrinter:
    """Renders ingest events; call it with each event, close() at the end."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self._bar: tqdm | None = None

    def __call__(self, event: IngestEvent) -> None:
        if self.quiet:
            return
        match event:
            case IngestStarted(total=total):
                if self.tty:
                    self._bar = tqdm(total=total, file=self.stream, unit="file", leave=True)
                else:
                    self._write(f"indexing {total} file(s)\n")
            case FileStage():
                pass
            case OcrPage(path=path, done=done, total=total):
                self._ocr_page(f"OCR page {done}/{total} of {Path(path).name}")
            case FileDone():
                self._file_done(event)
            case _:
                assert_never(event)

    def _file_done(self, event: FileDone) -> None:
        what = f"{event.chunks} chunks" if event.status == "indexed" else f"{event.reason}"
        if self._bar is None:
            rate = Rate.of(event.done, event.total, event.elapsed_s)
            self._write(
                f"[{event.done}/{event.total}] {event.status}: {event.path} ({what}) "
                f"{rate.pace_text()}, ETA {rate.eta_text()}\n"
            )
            return
        if event.status == "failed":
            self._bar.write(f"failed: {event.path}: {event.reason}", file=self.stream)
        self._bar.set_postfix_str(Path(event.path).name[:30], refresh=False)
        self._bar.update(event.done - self._bar.n)
        if event.done == event.total:
            self.close()

    def _ocr_page(self, text: str) -> None:
        if self._bar is None:
            self._write(f"  {text}\n")
        else:
            self._bar.set_postfix_str(text, refresh=True)

    def close(self) -> None:
        """End the bar (a cancelled batch leaves it short)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
