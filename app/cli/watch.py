"""`thinkdesk watch`: keep watched folders indexed in the foreground until Ctrl-C, printing
what it indexes (with --json, one object a line); `--off` stops watching folders."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from app.application import Application
from app.cli.commands import open_app
from app.cli.output import absolute, emit, error
from app.events import FileDone, IngestEvent
from app.watch import Indexed, Offline, Watcher, WatchEvent, WatchFailed, Watching


def watch(args: argparse.Namespace) -> int:
    """watch [PATH...]: record folders as watched and watch them (no PATH: every watched
    folder) until Ctrl-C; watch --off PATH...: stop watching them."""
    app = open_app(args)
    try:
        paths = [absolute(p) for p in args.paths]
        if args.off:
            return _off(app, args, paths)
        for path in paths:
            if not Path(path).is_dir():
                error(f"not a folder: {path}")
                return 1
        for path in paths:
            app.watch_folder(args.kb, path)
        only = {(args.kb, p) for p in paths} if paths else None
        if not paths and not any(row["watched"] for row in app.folder_rows()):
            error("no folder is watched: thinkdesk watch FOLDER starts watching one")
            return 1
        return _run(app, _Printer(args.json), only)
    finally:
        app.close()


def _off(app: Application, args: argparse.Namespace, paths: list[str]) -> int:
    if not paths:
        error("watch --off needs the folders to stop watching")
        return 2
    for path in paths:
        app.watch_folder(args.kb, path, on=False)
    if args.json:
        emit({"folders": app.folder_rows()})
    else:
        for path in paths:
            print(f"no longer watching {path} (its documents stay in {args.kb!r})")
    return 0


def _run(app: Application, printer: _Printer, only: set[tuple[str, str]] | None) -> int:
    # Ctrl-C and SIGTERM end it cleanly, even where the shell started it with SIGINT
    # ignored (`thinkdesk watch DIR &`)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    watcher = Watcher(app, printer.report, printer.file, only=only)
    watcher.start()
    print("watching; Ctrl-C stops", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it is meant to end
        while watcher.running():  # the watcher works in its own thread meanwhile
            time.sleep(0.5)
    crashed = not watcher.running()
    print("stopping...", file=sys.stderr)
    watcher.stop()
    printer.line({"event": "stopped"}, "stopped watching")
    return 1 if crashed else 0


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class _Printer:
    """The watcher's events on stdout (from its thread): lines, or one JSON object a line."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json
        self._lock = threading.Lock()

    def line(self, data: dict[str, Any], text: str) -> None:
        with self._lock:
            if self.as_json:
                print(json.dumps(data, ensure_ascii=False), flush=True)
            else:
                print(text, flush=True)

    def file(self, event: IngestEvent) -> None:
        if not isinstance(event, FileDone) or event.status != "indexed":
            return  # failures come with the run's summary
        data = {
            "event": "file",
            "file": event.path,
            "status": event.status,
            "chunks": event.chunks,
        }
        self.line(data, f"  indexed  {event.path} ({event.chunks} chunks)")

    def report(self, event: WatchEvent) -> None:
        where = {"kb": event.kb, "folder": event.folder}
        if isinstance(event, Watching):
            self.line({"event": "watching", **where}, f"watching {event.folder} ({event.kb})")
        elif isinstance(event, Offline):
            self.line(
                {"event": "offline", **where},
                f"offline  {event.folder} ({event.kb}): not reachable, its documents are kept",
            )
        elif isinstance(event, WatchFailed):
            self.line({"event": "error", **where, "message": event.message}, event.message)
        elif isinstance(event, Indexed):
            self._indexed(event, where)

    def _indexed(self, event: Indexed, where: dict[str, str]) -> None:
        s = event.summary
        data = {
            "event": "indexed",
            **where,
            "catch_up": event.catch_up,
            "files": list(event.files),
            "gone": list(event.gone),
            "summary": s.to_json(),
        }
        what = "caught up" if event.catch_up else "indexed "
        text = [
            f"{what} {event.folder} ({event.kb}): added {s.added}, updated {s.updated}, "
            f"unchanged {s.unchanged}, removed {s.removed}: {s.chunks} chunks in "
            f"{s.seconds:.1f} s{' (stopped: the rest at the next start)' if s.cancelled else ''}"
        ]
        text += [f"  removed  {path}" for path in event.gone]
        text += [f"  failed   {file}: {reason}" for file, reason in s.failed]
        text += [f"  skipped  {file}: {reason}" for file, reason in s.skipped]
        self.line(data, "\n".join(text))
