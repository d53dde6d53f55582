"""The folders of the knowledge bases: recorded when ingested, watched or not, and online or
offline (a folder on a drive that is not connected now: its documents are kept)."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from app.workspace import Workspace
from retrieval import folders as records
from retrieval.folders import Folder
from retrieval.store import KnowledgeBase

__all__ = [
    "Folder",
    "device_of",
    "folder_rows",
    "forget_under",
    "is_offline",
    "offline_prefixes",
    "record_folders",
    "watch",
]


def device_of(path: str | Path) -> int | None:
    """The st_dev of the filesystem a folder is on, None when it cannot be read."""
    try:
        return os.stat(path).st_dev
    except OSError:
        return None


def is_offline(path: str | Path, device: int | None = None) -> bool:
    """Whether a folder cannot be read now: it is missing (a drive not connected, a network
    share not mounted), not a folder, or the empty mount point of a drive that was on the
    device recorded (an emptied folder on its own drive is online)."""
    try:
        found = os.stat(path)
    except OSError:
        return True
    if not stat.S_ISDIR(found.st_mode):
        return True
    if device is not None and found.st_dev != device:
        try:
            with os.scandir(path) as entries:
                return next(entries, None) is None
        except OSError:
            return True
    return False


def record_folders(workspace: Workspace, kb: KnowledgeBase, paths: list[str]) -> None:
    """Record the folders among paths as folders of kb (the files are not recorded), and
    the drives mounted inside them: unplugged, theirs are offline too, never emptied."""
    for given in paths:
        path = Path(given).expanduser().resolve()
        if path.is_dir():
            records.record_folder(workspace.library, kb, str(path), device_of(path))
            for inner in _mounts_inside(path):
                records.record_folder(workspace.library, kb, str(inner), device_of(inner))


def _mounts_inside(root: Path) -> list[Path]:
    """The folders under root that are on another filesystem than their parent."""
    found = []
    for folder, dirs, _ in os.walk(root):
        here = device_of(folder)
        for name in list(dirs):
            inner = Path(folder) / name
            if device_of(inner) != here and not inner.is_symlink():
                found.append(inner)
    return found


def offline_prefixes(workspace: Workspace, kb: KnowledgeBase) -> list[str]:
    """The recorded folders of kb that are offline now, as path prefixes: a document under
    one is never removed because its file is missing."""
    return [
        f.path.rstrip(os.sep) + os.sep
        for f in records.folders(workspace.library, kb)
        if is_offline(f.path, f.device)
    ]


def recorded(workspace: Workspace, kb: KnowledgeBase) -> list[Folder]:
    """A knowledge base's recorded folders."""
    return records.folders(workspace.library, kb)


def folder_rows(workspace: Workspace) -> list[dict[str, Any]]:
    """Every knowledge base's folders for `thinkdesk kb folders`: knowledge base, path,
    watched, offline and how many documents lie under it."""
    library = workspace.library
    rows = []
    for kb in library.knowledge_bases():
        paths = [d.path for d in library.documents(kb)]
        for folder in records.folders(library, kb):
            prefix = folder.path.rstrip(os.sep) + os.sep
            rows.append(
                {
                    "kb": kb.name,
                    "path": folder.path,
                    "watched": folder.watched,
                    "offline": is_offline(folder.path, folder.device),
                    "documents": sum(p.startswith(prefix) for p in paths),
                }
            )
    return rows


def watch(workspace: Workspace, kb_name: str, path: str, on: bool = True) -> Folder:
    """Watch a folder of a knowledge base (recorded, and the knowledge base created, when
    new) or stop watching it (LibraryError when it is not one of kb's folders)."""
    library = workspace.library
    folder = str(Path(path).expanduser().resolve())
    if not on:
        return records.set_watched(library, library.knowledge_base(kb_name), folder, False)
    kb = library.knowledge_base(kb_name, create=True)
    return records.record_folder(library, kb, folder, device_of(folder), watched=True)


def forget_under(workspace: Workspace, kb: KnowledgeBase, paths: list[str]) -> None:
    """Forget the folders at or under these paths (their documents were removed): a watched
    one must not bring them back at its next catch-up."""
    for folder in records.folders(workspace.library, kb):
        if any(
            folder.path == p or folder.path.startswith(p.rstrip(os.sep) + os.sep) for p in paths
        ):
            records.forget_folder(workspace.library, kb, folder.path)


def watched(workspace: Workspace) -> list[tuple[str, Folder]]:
    """Every watched folder with the name of its knowledge base."""
    return [(kb.name, f) for kb, f in records.watched_folders(workspace.library)]


def offline_roots(workspace: Workspace, kb: KnowledgeBase, roots: list[Path]) -> set[Path]:
    """Those of roots that are recorded folders of kb and offline now, or missing folders
    (a path that is none of kb's documents): nothing under them is pruned."""
    known = {f.path: f for f in records.folders(workspace.library, kb)}
    documents = {d.path for d in workspace.library.documents(kb)}

    def unreachable(root: Path) -> bool:
        folder = known.get(str(root))
        if folder is not None:
            return is_offline(folder.path, folder.device)
        return not root.exists() and str(root) not in documents

    return {root for root in roots if unreachable(root)}
