"""The ingest use case: new and changed files parsed, chunked, embedded and stored one
document per transaction; unchanged ones skipped by content hash; gone ones pruned."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from app.events import (
    ChunksEmbedded,
    FileDone,
    FileStage,
    IngestEvent,
    IngestStarted,
    OcrPage,
    PagesParsed,
)
from app.folders import offline_prefixes, offline_roots, record_folders
from app.workspace import Workspace
from ingest.batch import FileOutcome, parse_ahead, plan
from ingest.fingerprint import sha256_file
from ingest.identity import read_identity
from ingest.limits import Limits
from ingest.repeats import Repeats
from ingest.romanise import romanised
from ingest.tokens import TokenizerFile
from retrieval.history import move_cited_file
from retrieval.keywords import tokens as keyword_tokens
from retrieval.store import DiskFull, Document, KnowledgeBase

log = logging.getLogger(__name__)
Listener = Callable[[IngestEvent], None]
_SAVE_EVERY_S = 60.0  # a long batch saves the vector cache now and then, never per document
TITLE_TOKENS = 32  # room kept in every chunk for its document's title (embedded with it)
HEAD_CHUNKS = 8  # the chunks a filing's identity is read from: its cover page and a little more
# Chunks are embedded in batches that take about this long, so that progress (and Cancel)
# moves inside a 700-chunk filing; each batch is sized by the pace of the one before. Fewer
# than 8 texts a call cost throughput (2 a call embed at half the pace of 32 on a CPU).
BATCH_S = 0.8
FIRST_BATCH, MIN_BATCH, MAX_BATCH = 8, 8, 256
PARSE_AHEAD = 2  # files parsed and chunked ahead of the one being embedded (memory stays flat)


@dataclass
class IngestSummary:
    """Counts and per-file reasons, in the docs/cli.md shape."""

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
    reused: int = 0  # chunks whose vector was reused from a same text (not in the JSON yet)

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
    force: bool = False,
) -> IngestSummary:
    """Add files and folders to a knowledge base (created on first use); force: parse and
    embed them again even when unchanged (re-index)."""
    started = time.monotonic()
    library = workspace.library
    kb = library.knowledge_base(kb_name, create=True)
    record_folders(workspace, kb, paths)
    batch = plan(paths)
    summary = IngestSummary(supported=len(batch.files) + len(batch.failed) + _twins(batch))
    summary.failed = [(str(p), r) for p, r in batch.failed]
    current = {str(path): digest for path, digest in batch.files}
    files = _prefer_indexed_twins(workspace, kb, batch, current, summary)
    to_parse: list[tuple[Path, str]] = []
    for path, digest in files:
        _classify(workspace, kb, path, digest, current, summary, to_parse, force)
    if to_parse:
        listener(IngestStarted(len(to_parse), tuple(str(p) for p, _ in to_parse)))
        kb = _index_files(workspace, kb, to_parse, summary, listener, cancelled)
    if prune and not cancelled():
        _prune(workspace, kb, [Path(p).resolve() for p in paths], summary)
    if kb.dimension:
        workspace.index(kb).save()
    summary.seconds = time.monotonic() - started
    return summary


def _prefer_indexed_twins(
    workspace: Workspace,
    kb: KnowledgeBase,
    batch: Any,
    current: dict[str, str],
    summary: IngestSummary,
) -> list[tuple[Path, str]]:
    """Of two files with the same bytes, keep the one already indexed (the other becomes
    its duplicate), whichever the folder walk met first."""
    kept: list[tuple[Path, str]] = []
    for path, reason in batch.skipped:
        original = reason.removeprefix("duplicate of ")
        digest = current.get(original) if original != reason else None
        document = workspace.library.document(kb, str(path)) if digest else None
        if digest and document and document.sha256 == digest and document.status == "indexed":
            kept.append((path, digest))
            current[str(path)] = digest
        else:
            summary.skipped.append((str(path), reason))
    return kept + list(batch.files)


def _twins(batch: Any) -> int:
    return sum(reason.startswith("duplicate of") for _, reason in batch.skipped)


def _classify(
    workspace: Workspace,
    kb: KnowledgeBase,
    path: Path,
    digest: str,
    current: dict[str, str],
    summary: IngestSummary,
    to_parse: list[tuple[Path, str]],
    force: bool = False,
) -> None:
    """Unchanged, a duplicate of another indexed file, a moved file, or to be parsed."""
    library = workspace.library
    document = library.document(kb, str(path))
    if not force and document and document.sha256 == digest and document.status == "indexed":
        summary.unchanged += 1
        return
    same_bytes = library.documents_with_hash(kb, digest)
    twin = _live_twin(same_bytes, path, current)
    if twin is not None:
        if document is not None:  # its bytes now equal another file's: index them once
            _remove(workspace, kb, document)
        summary.skipped.append((str(path), f"duplicate of {twin.path}"))
        return
    moved = next(
        (d for d in same_bytes if d.path != str(path) and not Path(d.path).exists()),
        None,
    )
    if document is None and moved is not None:
        library.move_document(moved, str(path), path.stat().st_mtime, document_title(path))
        move_cited_file(library, kb, moved.path, str(path))  # old answers cite the new path
        summary.updated += 1
        return
    to_parse.append((path, digest))  # new, changed, or failed before (limits may differ now)


def _live_twin(candidates: list[Document], path: Path, current: dict[str, str]) -> Document | None:
    """An indexed document elsewhere whose file still has these bytes."""
    for document in candidates:
        if document.path == str(path) or not Path(document.path).exists():
            continue
        now = current.get(document.path)
        if now is None:
            try:
                now = sha256_file(document.path)
            except OSError:
                continue
        if now == document.sha256:
            return document
    return None


def _index_files(
    workspace: Workspace,
    kb: KnowledgeBase,
    files: list[tuple[Path, str]],
    summary: IngestSummary,
    listener: Listener,
    cancelled: Callable[[], bool],
) -> KnowledgeBase:
    library = workspace.library
    kb = library.bind_model(kb, *workspace.embedding_identity())
    workspace.index(kb)  # open (and reconcile) before this batch adds to it
    count_tokens, max_tokens = workspace.token_counter()
    before = {str(p): library.document(kb, str(p)) for p, _ in files}
    settings = workspace.settings
    limits = replace(Limits(), max_file_bytes=settings.max_file_mb * 1024 * 1024)
    started = last_save = time.monotonic()

    def elapsed() -> float:
        return time.monotonic() - started

    with parse_ahead(
        files,
        _chunk_counter(workspace, count_tokens),
        max_tokens - TITLE_TOKENS - 1,
        limits,
        settings.parse_workers,
        cancelled,
        on_start=lambda path: listener(FileStage(path, "parsing")),
        on_ocr_page=lambda path, page, done, total: listener(OcrPage(path, page, done, total)),
        on_pages=lambda path, done, total, when: listener(
            PagesParsed(path, done, total, when - started)
        ),
        depth=PARSE_AHEAD,
    ) as outcomes:
        progress = _Progress(listener, elapsed, cancelled, outcomes.pump, Repeats())
        for done, outcome in enumerate(outcomes, start=1):
            status = _store(workspace, kb, outcome, before[str(outcome.path)], summary, progress)
            if status == "cancelled":
                break
            listener(
                FileDone(
                    str(outcome.path),
                    status,
                    done,
                    len(files),
                    elapsed(),
                    len(outcome.chunks),
                    outcome.error,
                )
            )
            if time.monotonic() - last_save > _SAVE_EVERY_S:
                workspace.index(kb).save()
                last_save = time.monotonic()
    summary.reused = progress.repeats.reused
    if summary.reused:
        log.info("%d chunk(s) reused the vector of a same text", summary.reused)
    summary.cancelled = cancelled()
    return kb


@dataclass(frozen=True)
class _Progress:
    """Where the embedding of a file reports to: the listener, the batch's clock, Cancel;
    and the vectors already made in this batch."""

    listener: Listener
    elapsed: Callable[[], float]
    cancelled: Callable[[], bool]
    pump: Callable[[], None]  # delivers the parse workers' reports made meanwhile
    repeats: Repeats[np.ndarray]  # the vectors of this batch's texts, by digest


class _Cancelled(Exception):
    """Cancel was pressed while a file was being embedded: it is left as it was."""


def _store(
    workspace: Workspace,
    kb: KnowledgeBase,
    outcome: FileOutcome,
    before: Document | None,
    summary: IngestSummary,
    progress: _Progress,
) -> str:
    """Embed and store one parsed file (one transaction); any failure is this file's alone.
    'cancelled' when Cancel came while it was being embedded (nothing of it is stored)."""
    library = workspace.library
    if not outcome.path.exists():
        summary.skipped.append((str(outcome.path), "the file disappeared while indexing"))
        return "skipped"
    stat = outcome.path.stat()
    size_mtime = (stat.st_size, stat.st_mtime)
    if not outcome.error:
        try:
            _embed_and_save(workspace, kb, outcome, size_mtime, progress)
        except _Cancelled:
            return "cancelled"
        except DiskFull:
            raise  # every file after this one would fail too: the batch stops here
        except MemoryError:
            outcome.error = "too large to embed: ran out of memory"
        except Exception as err:  # a third-party failure on one file never stops the batch
            log.exception("indexing %s failed", outcome.path)
            outcome.error = f"could not be indexed ({type(err).__name__}: {err})"
    if outcome.error:
        outcome.chunks = []
        library.record_failure(kb, str(outcome.path), outcome.sha256, size_mtime, outcome.error)
        summary.failed.append((str(outcome.path), outcome.error))
        return "failed"
    summary.chunks += len(outcome.chunks)
    if before is not None and before.status == "indexed":
        summary.updated += 1
    else:
        summary.added += 1
    return "indexed"


def _embed_and_save(
    workspace: Workspace,
    kb: KnowledgeBase,
    outcome: FileOutcome,
    size_mtime: tuple[int, float],
    progress: _Progress,
) -> None:
    count_tokens, _ = workspace.token_counter()
    head = "\n".join(c.text for c in outcome.chunks[:HEAD_CHUNKS])
    title = fit_title(document_title(outcome.path, outcome.chunks[0].text, head), count_tokens)
    path, total = str(outcome.path), len(outcome.chunks)
    progress.listener(FileStage(path, "embedding"))
    progress.listener(ChunksEmbedded(path, 0, total, progress.elapsed()))

    def embedded(done: int) -> None:
        progress.pump()
        progress.listener(ChunksEmbedded(path, done, total, progress.elapsed()))
        if done < total and progress.cancelled():
            raise _Cancelled

    def embed_new(new: list[str]) -> list[np.ndarray]:
        already = total - len(new)  # the chunks whose text was embedded before
        rows = embed_in_batches(embed, new, lambda done: embedded(already + done))
        return [row.copy() for row in rows]  # rows alone: not views keeping a batch alive

    embed = workspace.embedder().embed_batch
    texts = [_embedded_text(title, c.text, path, progress.repeats) for c in outcome.chunks]
    reused = progress.repeats.reused
    vectors = np.stack(progress.repeats.each(texts, embed_new))
    if progress.repeats.reused - reused == total:
        embedded(total)
    removed, added = workspace.library.replace_document(
        kb, str(outcome.path), outcome.sha256, size_mtime, outcome.chunks, vectors, title
    )
    index = workspace.index(kb)
    index.remove(removed)
    index.add(added, vectors)


def _chunk_counter(
    workspace: Workspace, count_tokens: Callable[[str], int]
) -> Callable[[str], int] | TokenizerFile:
    """The configured model's tokenizer file, so the parse workers chunk (it counts as the
    model does); else (a model without one, or another embedder in use) the counter itself,
    and the chunks are cut in this process."""
    info = workspace.embedding_info()
    tokenizer = Path(info.path) / "tokenizer.json"
    if workspace.embedding_identity()[0] != info.name or not tokenizer.is_file():
        return count_tokens
    return TokenizerFile(str(tokenizer))


def _embedded_text(title: str, text: str, document: str, repeats: Repeats[np.ndarray]) -> str:
    """What a chunk is embedded as: its document's title and its text; boilerplate (a text
    met in another document of this batch) as its text alone, one vector for every copy,
    so that it carries no one document's identity (company, period) into the others."""
    return text if repeats.seen_elsewhere(text, document) else f"{title}\n{text}"


def embed_in_batches(
    embed: Callable[[list[str]], np.ndarray],
    texts: list[str],
    on_batch: Callable[[int], None] = lambda done: None,
) -> np.ndarray:
    """The vectors of texts (in their order), embedded longest first (batches of alike
    lengths pad little) in batches sized to take about BATCH_S each; on_batch(done) is
    called after each with the number of texts embedded so far."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    vectors: np.ndarray | None = None
    done, size = 0, FIRST_BATCH
    while done < len(texts):
        batch = order[done : done + size]
        begun = time.monotonic()
        rows = embed([texts[i] for i in batch])
        spent = time.monotonic() - begun
        if vectors is None:
            vectors = np.empty((len(texts), rows.shape[1]), dtype=rows.dtype)
        vectors[batch] = rows
        done += len(batch)
        on_batch(done)
        pace = len(batch) / spent if spent > 0 else float(MAX_BATCH / BATCH_S)
        size = max(MIN_BATCH, min(MAX_BATCH, int(pace * BATCH_S)))
    return vectors if vectors is not None else embed([])


def document_title(path: Path, first_text: str = "", head: str = "") -> str:
    """The file name as words ("acme_robotics-fy2025.pdf" -> "acme robotics fy2025"), the
    filing's identity its first pages state (company; form and period) and, when they name
    no company, its first line: indexed with every chunk, since most never name their company
    or year, and file names often say nothing ("download (3).pdf"). A filing's first line
    ("UNITED STATES SECURITIES AND EXCHANGE COMMISSION") would only take the room the title
    has in every chunk (TITLE_TOKENS) from its period."""
    lines = [re.sub(r"[_\-.]+", " ", path.stem).strip()]
    first_line = first_text.strip().split("\n", 1)[0][:80].strip()
    identity = read_identity(head)
    # before the first line, which fit_title cuts first: an English question names a
    # Chinese company by its pinyin ("Hongda" for 宏達精密), ingest/romanise.py
    pinyin = romanised(identity.company) or romanised(first_line) or romanised(lines[0])
    for line in [*identity.lines(), pinyin, "" if identity.company else first_line]:
        if line and line not in lines:
            lines.append(line)
    return "\n".join(lines)


def warm_up() -> None:
    """Load now what indexing loads on its first Chinese document, each load one C call
    holding the GIL for 0.2-0.5 s (a frozen window when it happens in the ingest thread):
    the pinyin dictionary a Chinese title is romanised with and jieba's word dictionary."""
    document_title(Path("华东新能源.pdf"))
    keyword_tokens("华东新能源的毛利率")


def fit_title(title: str, count_tokens: Callable[[str], int]) -> str:
    """The title cut to TITLE_TOKENS tokens, the room every chunk keeps for it."""
    while title and count_tokens(title) > TITLE_TOKENS:
        title = title[: int(len(title) * 0.8)].rstrip()
    return title


def _remove(workspace: Workspace, kb: KnowledgeBase, document: Document) -> None:
    removed = workspace.library.remove_document(kb, document.path)
    if kb.dimension:
        workspace.index(kb).remove(removed)


def _prune(
    workspace: Workspace, kb: KnowledgeBase, roots: list[Path], summary: IngestSummary
) -> None:
    """Remove documents under the given paths whose files are gone (a document elsewhere,
    or under a folder that is offline now, on a drive that is not mounted, is left alone)."""
    offline = offline_roots(workspace, kb, roots)
    roots = [root for root in roots if root not in offline]
    kept = tuple(offline_prefixes(workspace, kb))  # a drive unplugged under a root, say
    for document in workspace.library.documents(kb):
        path = Path(document.path)
        under = any(path == root or root in path.parents for root in roots)
        if under and not path.exists() and not document.path.startswith(kept):
            _remove(workspace, kb, document)
            summary.removed += 1
