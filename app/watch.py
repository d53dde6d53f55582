"""Watched folders kept in step with their files while the app runs: watchdog's file events,
held until each file settles (app/settling.py), become ingest-and-prune runs of just those
paths through the application model; at start, each watched folder that is reachable is
caught up (what changed while Thinkdesk was closed), and one that is not is offline, its
documents kept.

The watcher runs in a thread of its own and reports plain events to a callback (the GUI
adapts them to a signal, the CLI prints them)."""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from app import folders
from app.application import Application, Busy
from app.errors import HANDLED
from app.events import IngestEvent
from app.indexing import IngestSummary
from app.knowledge import LibraryError
from app.settling import QUIET_S, Settling
from app.workspace import Workspace
from ingest.discover import discover, skip_reason

log = logging.getLogger(__name__)
TICK_S = 0.25  # how often held paths are looked at
CHECK_S = 2.0  # how often each folder is checked for being online
_IGNORED = {"opened", "closed_no_write"}  # reads: nothing changed
_FOLDER_CHANGES = {"created", "deleted", "moved"}


@dataclass(frozen=True)
class Watching:
    """A folder is watched now (at start, when switched on, when back online)."""

    kb: str
    folder: str


@dataclass(frozen=True)
class Offline:
    """A watched folder cannot be read (a drive not connected): its documents are kept."""

    kb: str
    folder: str


@dataclass(frozen=True)
class Indexed:
    """A run over changed files finished: files, the present paths read (none for a
    catch-up); gone, the documents removed since their files went; catch_up, a whole
    folder caught up at start or on its return."""

    kb: str
    folder: str
    summary: IngestSummary
    files: tuple[str, ...] = ()
    gone: tuple[str, ...] = ()
    catch_up: bool = False


@dataclass(frozen=True)
class WatchFailed:
    """A run of a folder failed as a whole (the library could not be written, say)."""

    kb: str
    folder: str
    message: str


WatchEvent = Watching | Offline | Indexed | WatchFailed


@dataclass
class _Folder:
    """A watched folder of a knowledge base and the paths under it that are settling."""

    kb: str
    path: str
    device: int | None
    held: Settling
    online: bool = False
    caught_up: bool = False
    watch: Any = None  # watchdog's ObservedWatch while scheduled
    unwatchable: bool = False  # the system refused to watch it (reported once)
    checked: float = field(default=0.0)

    def holds(self, path: str) -> bool:
        return path == self.path or path.startswith(self.path.rstrip(os.sep) + os.sep)


class _Inbox(FileSystemEventHandler):
    """watchdog's events (in its thread) as paths queued for the watcher's thread."""

    def __init__(self, paths: queue.SimpleQueue[str]) -> None:
        self.paths = paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _IGNORED:
            return
        if event.is_directory and event.event_type not in _FOLDER_CHANGES:
            return  # a folder "modified" by a change of its files: they come on their own
        for path in (event.src_path, event.dest_path):
            if path:
                self.paths.put(os.fsdecode(path))


class Watcher:
    """Keeps every watched folder of the library in step with its files until stopped."""

    def __init__(
        self,
        app: Application,
        report: Callable[[WatchEvent], None] = lambda event: None,
        listener: Callable[[IngestEvent], None] = lambda event: None,
        quiet: float = QUIET_S,
        observer: Callable[[], Any] = Observer,
        only: set[tuple[str, str]] | None = None,
        check: float = CHECK_S,
    ) -> None:
        """report: called (in the watcher's thread) with each WatchEvent; listener: the
        ingest events of each run; quiet: how long a file must stay unchanged to be read;
        only: these (knowledge base, folder) of the watched ones (None: all of them);
        check: how often each folder is checked for being online, and the list re-read."""
        self.app = app
        self.check = check
        self.only = only
        self.report = report
        self.listener = listener
        self.quiet = quiet
        self._make_observer = observer
        self._inbox: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._folders: dict[tuple[str, str], _Folder] = {}
        self._stopping = threading.Event()
        self._resync = threading.Event()
        self._synced = 0.0  # when the watched folders were last read
        self._thread: threading.Thread | None = None
        self._observer: Any = None
        self._handler = _Inbox(self._inbox)
        self._watches: dict[str, tuple[Any, int]] = {}  # one per path, however many kbs

    def start(self) -> None:
        """Begin watching in a thread of its own (catching up every folder first)."""
        self._observer = self._make_observer()
        self._observer.start()
        self._resync.set()
        self._thread = threading.Thread(target=self._run, name="thinkdesk-watch", daemon=True)
        self._thread.start()

    def refresh(self) -> None:
        """Read the watched folders again (one was switched on or off)."""
        self._resync.set()

    def request_stop(self) -> None:
        """Ask the watcher to stop, without waiting: a run under way is cancelled between
        files and no new one starts (stop() then waits for it)."""
        self._stopping.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop watching; a run under way is cancelled between files."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout)

    def running(self) -> bool:
        """Whether the watcher's thread is alive (it stops only when asked, or on a bug)."""
        return self._thread is not None and self._thread.is_alive()

    def watched(self) -> list[tuple[str, str, bool]]:
        """(knowledge base, folder, online) of each folder watched now."""
        return [(f.kb, f.path, f.online) for f in self._folders.values()]

    # the watcher's thread

    def _run(self) -> None:
        workspace = Workspace(self.app.home, self.app.settings)
        try:
            while not self._stopping.is_set():
                if self._resync.is_set():
                    self._resync.clear()
                    self._sync(workspace)
                self._check(workspace)
                self._drain()
                for folder in list(self._folders.values()):
                    if self._stopping.is_set():
                        break
                    self._settle(workspace, folder)
                self._stopping.wait(TICK_S)
        except Exception:  # the watcher never takes the app down; it says why it stopped
            log.exception("the folder watcher stopped")
            self.report(WatchFailed("", "", "the folder watcher stopped: see the log"))
        finally:
            workspace.close()

    def _sync(self, workspace: Workspace) -> None:
        """Start watching folders switched on, stop those switched off."""
        wanted = {
            (kb, f.path): f
            for kb, f in folders.watched(workspace)
            if self.only is None or (kb, f.path) in self.only
        }
        for key in [k for k in self._folders if k not in wanted]:
            self._unschedule(self._folders.pop(key))
        for (kb, path), record in wanted.items():
            if (kb, path) not in self._folders:
                held = Settling(self.quiet)
                self._folders[(kb, path)] = _Folder(kb, path, record.device, held)

    def _check(self, workspace: Workspace) -> None:
        """Each folder's online state, every `check` seconds: one that comes (back) is scheduled
        and caught up, one that goes is reported offline."""
        now = time.monotonic()
        if now - self._synced >= self.check:  # switched on or off elsewhere (another process)
            self._synced = now
            self._sync(workspace)
        for folder in list(self._folders.values()):
            if folder.checked and now - folder.checked < self.check:
                continue
            folder.checked = now
            online = not folders.is_offline(folder.path, folder.device)
            if online and not folder.online:
                folder.online = self._schedule(folder)
                if folder.online:
                    self.report(Watching(folder.kb, folder.path))
                    self._catch_up(workspace, folder)
            elif not online and (folder.online or not folder.caught_up):
                folder.online, folder.caught_up = False, True
                self._unschedule(folder)
                self.report(Offline(folder.kb, folder.path))

    def _schedule(self, folder: _Folder) -> bool:
        watch, count = self._watches.get(folder.path, (None, 0))
        if watch is None:
            try:
                watch = self._observer.schedule(self._handler, folder.path, recursive=True)
            except OSError as err:  # inotify's watch limit, say: said once, tried again later
                if not folder.unwatchable:
                    folder.unwatchable = True
                    self.report(WatchFailed(folder.kb, folder.path, f"cannot watch it: {err}"))
                return False
        self._watches[folder.path] = (watch, count + 1)
        folder.watch = watch
        return True

    def _unschedule(self, folder: _Folder) -> None:
        if folder.watch is None:
            return
        folder.watch = None
        watch, count = self._watches.pop(folder.path)
        if count > 1:  # another knowledge base watches this folder too
            self._watches[folder.path] = (watch, count - 1)
            return
        with contextlib.suppress(KeyError, OSError):  # dropped by the system (unplugged)
            self._observer.unschedule(watch)

    def _drain(self) -> None:
        """The queued event paths into the folders holding them: a folder that appeared
        brings its files one by one (each settles on its own); a type never indexed, a
        hidden or temporary file, and anything in the data directory are passed over."""
        home = str(self.app.home.resolve())
        while True:
            try:
                path = self._inbox.get_nowait()
            except queue.Empty:
                return
            if path == home or path.startswith(home + os.sep):
                continue
            for each in _files(path):
                for folder in self._folders.values():
                    if folder.online and folder.holds(each):
                        folder.held.report(each)

    def _settle(self, workspace: Workspace, folder: _Folder) -> None:
        """Index what settled in this folder (gone paths: the documents under them)."""
        if not folder.held:
            return
        elsewhere = any(
            f.held.settling_present()
            for f in self._folders.values()
            if f is not folder and f.kb == folder.kb
        )
        present, gone = folder.held.settled(hold_gone=elsewhere)
        if not present and not gone:
            return
        if folders.is_offline(folder.path, folder.device):
            folder.checked = 0.0  # reported offline by the next check; its documents stay
            return
        documents = documents_gone(workspace, folder.kb, gone)
        if present or documents:
            self._ingest(folder, present, documents)

    def _catch_up(self, workspace: Workspace, folder: _Folder) -> None:
        """Ingest the folder's files and prune its documents whose files went: what changed
        while it was not watched. A file written in the last `quiet` seconds (a download
        under way when the app starts) is held to settle instead, never read half-written."""
        now, stable = time.time(), []
        for path in discover([folder.path]).files:  # as ingest walks it (symlinks resolved)
            try:
                recent = now - path.stat().st_mtime < self.quiet
            except OSError:
                continue
            if recent:
                folder.held.report(str(path))
            else:
                stable.append(str(path))
        gone = documents_gone(workspace, folder.kb, [folder.path])
        while not self._ingest(folder, stable, gone, catch_up=True):
            if self._stopping.wait(TICK_S):  # another ingest runs: wait for it
                return
        folder.caught_up = True

    def _ingest(
        self, folder: _Folder, present: list[str], gone: list[str], catch_up: bool = False
    ) -> bool:
        """Index the present files, then remove the gone documents (after: a renamed file's
        new name finds its document by sha256 first); False while another ingest runs (a
        drop on the window): the paths are then held again and tried later. The documents
        are removed by path, not pruned under roots: a catch-up of 10,000 files would check
        every document against every file."""
        summary = IngestSummary()
        try:
            if present:
                summary = self.app.ingest(
                    folder.kb, present, False, self.listener, self._stopping.is_set, mark=False
                )
            if gone and not summary.cancelled:
                removed = set(self.app.remove_gone(folder.kb, gone))
                summary.removed += len(removed)
                gone = [p for p in gone if p in removed]  # not those moved meanwhile
        except Busy:
            if not catch_up:  # a catch-up is tried again whole by its caller
                for path in present + gone:
                    folder.held.report(path)
            return False
        except HANDLED as err:  # the library or the disk, not one file: said, and tried again
            self.report(WatchFailed(folder.kb, folder.path, str(err)))  # at the next change
            return True
        files = () if catch_up else tuple(present)
        self.report(Indexed(folder.kb, folder.path, summary, files, tuple(gone), catch_up))
        return True


def documents_gone(workspace: Workspace, kb_name: str, gone: list[str]) -> list[str]:
    """The documents at or under the gone paths whose files are missing, but for those on a
    folder that is offline (a drive unplugged inside a watched folder): they stay."""
    if not gone:
        return []
    try:
        kb = workspace.library.knowledge_base(kb_name)
    except LibraryError:
        return []
    paths = [d.path for d in workspace.library.documents(kb)]
    kept = tuple(folders.offline_prefixes(workspace, kb))  # a drive unplugged inside
    prefixes = [(g, g.rstrip(os.sep) + os.sep) for g in gone]
    return [
        p
        for p in paths
        if any(p == g or p.startswith(prefix) for g, prefix in prefixes)
        and not os.path.exists(p)
        and not p.startswith(kept)
    ]


def _files(path: str) -> list[str]:
    """The paths an event's path stands for: itself when it is a file to index or is gone;
    the files under it when it is a folder; none when it is never indexed."""
    if os.path.isdir(path):
        found = []
        for root, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [os.path.join(root, n) for n in names if skip_reason(Path(n)) is None]
        return found
    if os.path.exists(path) and skip_reason(Path(path)) is not None:
        return []
    return [path]
