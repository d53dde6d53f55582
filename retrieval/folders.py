"""The folders added to each knowledge base, in the library database: recorded when a folder
is ingested, each watched (kept in step with its files while the app runs) or not. Writes go
through Library.write, so they wait for another process like every write."""

from __future__ import annotations

import time
from dataclasses import dataclass

from retrieval.store import KnowledgeBase, Library, LibraryError


@dataclass(frozen=True)
class Folder:
    """A folder of a knowledge base; device: its st_dev when recorded (None: unknown)."""

    kb_id: int
    path: str
    watched: bool
    device: int | None
    added: float


_COLUMNS = "kb_id, path, watched, device, added"


def _folder(row: tuple[int, str, int, int | None, float]) -> Folder:
    return Folder(row[0], row[1], bool(row[2]), row[3], row[4])


def folders(library: Library, kb: KnowledgeBase) -> list[Folder]:
    """A knowledge base's folders, by path."""
    rows = library.db.execute(
        f"SELECT {_COLUMNS} FROM folders WHERE kb_id = ? ORDER BY path", (kb.id,)
    )
    return [_folder(row) for row in rows]


def folder(library: Library, kb: KnowledgeBase, path: str) -> Folder | None:
    """The folder recorded at path, or None."""
    row = library.db.execute(
        f"SELECT {_COLUMNS} FROM folders WHERE kb_id = ? AND path = ?", (kb.id, path)
    ).fetchone()
    return _folder(row) if row else None


def record_folder(
    library: Library, kb: KnowledgeBase, path: str, device: int | None, watched: bool = False
) -> Folder:
    """Record a folder added to kb (again: its device is brought up to date, and it is
    watched when watched is true; a watched folder stays watched)."""
    library.write(
        "INSERT INTO folders (kb_id, path, watched, device, added) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (kb_id, path) DO UPDATE SET device = coalesce(excluded.device, device), "
        "watched = max(watched, excluded.watched)",
        (kb.id, path, int(watched), device, time.time()),
    )
    found = folder(library, kb, path)
    assert found is not None
    return found


def set_watched(library: Library, kb: KnowledgeBase, path: str, watched: bool) -> Folder:
    """Watch a recorded folder or stop watching it; LibraryError when it is not recorded."""
    library.write(
        "UPDATE folders SET watched = ? WHERE kb_id = ? AND path = ?", (int(watched), kb.id, path)
    )
    found = folder(library, kb, path)
    if found is None:
        raise LibraryError(f"{path} is not a folder of the knowledge base {kb.name!r}")
    return found


def forget_folder(library: Library, kb: KnowledgeBase, path: str) -> bool:
    """Forget a folder (its documents stay); True when it was recorded."""
    rows = library.write(
        "DELETE FROM folders WHERE kb_id = ? AND path = ? RETURNING id", (kb.id, path)
    )
    return bool(rows)


def watched_folders(library: Library) -> list[tuple[KnowledgeBase, Folder]]:
    """Every watched folder of every knowledge base, by knowledge base name and path."""
    by_id = {kb.id: kb for kb in library.knowledge_bases()}
    rows = library.db.execute(
        f"SELECT {_COLUMNS} FROM folders WHERE watched = 1 ORDER BY path"
    ).fetchall()
    found = [(by_id[row[0]], _folder(row)) for row in rows if row[0] in by_id]
    return sorted(found, key=lambda pair: (pair[0].name, pair[1].path))
