"""After a crash: each process that opens a library holds a lock on its own file under
THINKDESK_HOME/running for as long as it runs; a file nobody holds any more belongs to a
process that ended without closing (killed, crashed, the power lost). The next process to open
the library then checks it, mends what can be mended, and says what it did.

Every write of the library is one SQLite transaction, so what a crash leaves is outside them:
the vector cache files (saved every few seconds, not with each document), temporary files of
a write cut short, and anything an older version or a damaged disk left (retrieval.check)."""

from __future__ import annotations

import fcntl
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from app.workspace import Workspace
from retrieval.check import Findings, check
from retrieval.durable import leftovers
from retrieval.vector_index import VectorIndex

log = logging.getLogger(__name__)

RUNNING = "running"  # the folder of the lock files, in THINKDESK_HOME


class Presence:
    """This process's lock file: held while the process runs, removed when it closes."""

    def __init__(self, home: Path) -> None:
        folder = home / RUNNING
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{os.getpid()}-{secrets.token_hex(4)}.lock"
        # Locked before it gets its name, so that no other process ever sees it unlocked.
        temporary = folder / f".{name}"
        # A bare descriptor: an application never closed (tests, a crash) holds it until the
        # process ends, which is what the lock means.
        self._fd: int | None = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.path = folder / name
        os.replace(temporary, self.path)

    def close(self) -> None:
        """This process is done with the library."""
        if self._fd is not None:
            self.path.unlink(missing_ok=True)
            os.close(self._fd)
            self._fd = None


def unclean_exits(home: Path) -> list[Path]:
    """The lock files of processes that ended without closing the library."""
    found = []
    for path in sorted((home / RUNNING).glob("*.lock")):
        try:
            with open(path, encoding="utf-8") as held:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(held, fcntl.LOCK_UN)
        except BlockingIOError:
            continue  # its process still runs
        except OSError:
            continue  # gone meanwhile: that process closed
        found.append(path)
    return found


def recover(workspace: Workspace, full: bool = False) -> Findings:
    """Check and mend the library and its vector caches, and remove the temporary files of
    writes that were cut short; full: SQLite's whole integrity check (slower)."""
    findings = check(workspace.library, full=full)
    if not findings.ok and any("SQLite reports damage" in d for d in findings.damaged):
        return findings  # a damaged database is left exactly as it is
    for kb in workspace.library.knowledge_bases():
        if kb.dimension is None:
            continue
        index = workspace.index(kb)
        added, removed = index.reconciled
        if index.unreadable:
            findings.repaired.append(
                f"vector cache of {kb.name!r} was unreadable ({index.unreadable}); "
                f"rebuilt from the library ({added} vectors)"
            )
        elif added or removed:
            done = [f"{added} vector(s) added from the library"] if added else []
            done += [f"{removed} vector(s) of removed chunks dropped"] if removed else []
            findings.repaired.append(f"vector cache of {kb.name!r}: {', '.join(done)}")
        index.unreadable, index.reconciled = None, (0, 0)  # each repair is said once
        index.save()
    kept = {workspace.index_path(kb) for kb in workspace.library.knowledge_bases()}
    orphans = [p for p in (workspace.home / "faiss").glob("*.index") if p not in kept]
    for path in orphans:
        path.unlink(missing_ok=True)
    if orphans:
        findings.repaired.append(
            f"removed the vector cache of {len(orphans)} deleted knowledge base(s)"
        )
    stale = leftovers(workspace.home) + leftovers(workspace.home / "faiss")
    for path in stale:
        path.unlink(missing_ok=True)
    if stale:
        findings.repaired.append(
            f"removed {len(stale)} temporary file(s) of a write that was cut short"
        )
    return findings


def counts(workspace: Workspace) -> list[dict[str, Any]]:
    """Per knowledge base, what each part of the library holds (for `thinkdesk check`): they
    agree when the library is whole."""
    library, rows = workspace.library, []
    for kb in library.knowledge_bases():
        saved = VectorIndex.saved_ids(workspace.index_path(kb))
        rows.append({"name": kb.name, **library.counts(kb), "cached_vectors": len(saved)})
    return rows
