"""The ingest use case: new and changed files parsed, chunked, embedded and stored one
document per transaction; unchanged ones skipped by content hash; gone ones pruned."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.events import FileDone, FileStage, IngestStarted
from app.workspace import Workspace
from ingest.batch import FileOutcome, parse_and_chunk, plan
from ingest.limits import Limits
from retrieval.store import Document, KnowledgeBase

Listener = Callable[[object], None]
_SAVE_EVERY_S = 60.0  # a long batch saves the vector cache now and then, never per document


@dataclass
class IngestSummary:
    """Counts and per-file reasons, in the CONTRACT.md shape."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    supported: int = 0

    def to_json(self) -> dict[str, Any]:
        """The `thinkdesk ingest --json` object."""
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "chunks": self.chunks,
            "seconds": round(self.seconds, 3),
            "failed": [{"file": f, "reason": r} for f, r in self.failed],
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "cancelled": self.cancelled,
        }


def ingest(
    workspace: Workspace,
    kb_name: str,
    paths: list[str],
    prune: bool = False,
    listener: Listener = lambda event: None,
    cancelled: Callable[[], bool] = lambda: False,
) -> IngestSummary:
    """Add files and folders to a knowledge base (created on first use)."""
    started = time.monotonic()
    library = workspace.library
    kb = library.knowledge_base(kb_name, create=True)
    batch = plan(paths)
    summary = IngestSummary(supported=len(batch.files) + _duplicates(batch.skipped))
    summary.skipped = [(str(p), r) for p, r in batch.skipped]
    to_parse: list[tuple[Path, str]] = []
    for path, digest in batch.files:
        _classify(workspace, kb, path, digest, summary, to_parse)
    if to_parse:
        listener(IngestStarted(len(to_parse), tuple(str(p) for p, _ in to_parse)))
        _index_files(workspace, kb, to_parse, summary, listener, cancelled)
    if prune and not cancelled():
        _prune(workspace, kb, summary)
    if kb.dimension or to_parse:
        workspace.index(library.knowledge_base(kb.name)).save()
    summary.seconds = time.monotonic() - started
    return summary


def _duplicates(skipped: list[tuple[Path, str]]) -> int:
    return sum(reason.startswith("duplicate of") for _, reason in skipped)


def _classify(
    workspace: Workspace,
    kb: KnowledgeBase,
    path: Path,
    digest: str,
    summary: IngestSummary,
    to_parse: list[tuple[Path, str]],
) -> None:
    library = workspace.library
    document = library.document(kb, str(path))
    if document and document.sha256 == digest:
        if document.status == "failed":  # the same bytes fail the same way: not parsed again
            summary.failed.append((str(path), document.reason or "failed"))
        else:
            summary.unchanged += 1
        return
    if document is None:
        twin = next(iter(library.documents_with_hash(kb, digest)), None)
        if twin and Path(twin.path).exists():
            summary.skipped.append((str(path), f"duplicate of {twin.path}"))
            return
        if twin:  # the same bytes under a path that is gone: the file moved
            library.move_document(twin, str(path), path.stat().st_mtime)
            summary.updated += 1
            return
    to_parse.append((path, digest))


def _index_files(
    workspace: Workspace,
    kb: KnowledgeBase,
    files: list[tuple[Path, str]],
    summary: IngestSummary,
    listener: Listener,
    cancelled: Callable[[], bool],
) -> None:
    library = workspace.library
    embedder = workspace.embedder()
    kb = library.bind_model(kb, embedder.name, embedder.dimension)
    index = workspace.index(kb)
    before = {str(p): library.document(kb, str(p)) for p, _ in files}
    settings = workspace.settings
    limits = replace(Limits(), max_file_bytes=settings.max_file_mb * 1024 * 1024)
    started = last_save = time.monotonic()
    outcomes = parse_and_chunk(
        files,
        embedder.count_tokens,
        embedder.max_tokens,
        limits,
        settings.parse_workers,
        cancelled,
    )
    for done, outcome in enumerate(outcomes, start=1):
        status = _store(workspace, kb, outcome, before[str(outcome.path)], summary, listener)
        listener(
            FileDone(
                str(outcome.path),
                status,
                done,
                len(files),
                time.monotonic() - started,
                len(outcome.chunks),
                outcome.error,
            )
        )
        if time.monotonic() - last_save > _SAVE_EVERY_S:
            index.save()
            last_save = time.monotonic()
    summary.cancelled = cancelled()


def _store(
    workspace: Workspace,
    kb: KnowledgeBase,
    outcome: FileOutcome,
    before: Document | None,
    summary: IngestSummary,
    listener: Listener,
) -> str:
    library = workspace.library
    try:
        stat = outcome.path.stat()
        size_mtime = (stat.st_size, stat.st_mtime)
    except OSError:
        outcome.error = outcome.error or "the file disappeared while it was being indexed"
        size_mtime = (0, 0.0)
    if outcome.error:
        library.record_failure(kb, str(outcome.path), outcome.sha256, size_mtime, outcome.error)
        summary.failed.append((str(outcome.path), outcome.error))
        return "failed"
    title = document_title(outcome.path, outcome.chunks[0].text)
    listener(FileStage(str(outcome.path), "embedding"))
    vectors = workspace.embedder().embed_batch([f"{title}\n{c.text}" for c in outcome.chunks])
    removed, added = library.replace_document(
        kb, str(outcome.path), outcome.sha256, size_mtime, outcome.chunks, vectors, title
    )
    index = workspace.index(kb)
    index.remove(removed)
    index.add(added, vectors)
    summary.chunks += len(added)
    if before is not None and before.status == "indexed":
        summary.updated += 1
    else:
        summary.added += 1
    return "indexed"


def document_title(path: Path, first_text: str = "") -> str:
    """The file name as words ("acme_robotics-fy2025.pdf" -> "acme robotics fy2025") and the
    document's first line: indexed with every chunk, since most never name their company."""
    name = re.sub(r"[_\-.]+", " ", path.stem).strip()
    first_line = first_text.strip().split("\n", 1)[0][:80].strip()
    return f"{name}\n{first_line}" if first_line and first_line != name else name


def _prune(workspace: Workspace, kb: KnowledgeBase, summary: IngestSummary) -> None:
    library = workspace.library
    for document in library.documents(kb):
        if not Path(document.path).exists():
            removed = library.remove_document(kb, document.path)
            if kb.dimension:
                workspace.index(kb).remove(removed)
            summary.removed += 1
