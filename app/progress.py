"""Ingest progress on stderr: a bar with files/s and ETA on a terminal, plain lines otherwise."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TextIO

from app.events import FileDone, IngestStarted


class ProgressPrinter:
    """Renders ingest events; call it with each event."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()

    def __call__(self, event: object) -> None:
        if self.quiet:
            return
        if isinstance(event, IngestStarted):
            self._write(f"indexing {event.total} file(s)\n" if not self.tty else "")
        elif isinstance(event, FileDone):
            self._file_done(event)

    def _file_done(self, event: FileDone) -> None:
        name = Path(event.path).name
        rate = event.done / event.elapsed_s if event.elapsed_s > 0 else 0.0
        eta = (event.total - event.done) / rate if rate else 0.0
        what = f"{event.chunks} chunks" if event.status == "indexed" else f"{event.reason}"
        if not self.tty:
            self._write(f"[{event.done}/{event.total}] {event.status}: {event.path} ({what})\n")
            return
        if event.status == "failed":
            self._write(f"\r\033[Kfailed: {event.path}: {event.reason}\n")
        width = max(10, min(30, shutil.get_terminal_size().columns - 70))
        filled = int(width * event.done / max(event.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        line = (
            f"\r\033[K[{bar}] {event.done}/{event.total} files  {rate:.1f} files/s  "
            f"ETA {_duration(eta)}  {name[:30]}"
        )
        self._write(line + ("\n" if event.done == event.total else ""))

    def _write(self, text: str) -> None:
        if text:
            self.stream.write(text)
            self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}m"
