"""A batch of dropped paths to per-file outcomes: chunks with locations, or a named reason."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.blocks import Chunk
from ingest.chunking import TokenCounter, chunk
from ingest.discover import discover
from ingest.fingerprint import sha256_file
from ingest.limits import Limits
from ingest.workers import OcrPageCallback, PagesParsedCallback, parse_files


@dataclass
class Plan:
    """Files to parse with their sha256, (path, reason) for each one passed over, and for
    each supported file that could not even be read."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


@dataclass
class FileOutcome:
    """One parsed file: its chunks, or the reason it failed."""

    path: Path
    sha256: str
    chunks: list[Chunk] = field(default_factory=list)
    error: str | None = None
    pages: int = 0
    seconds: float = 0.0


def plan(paths: Iterable[str | Path]) -> Plan:
    """Discover files and hash them; a second path with the same bytes is a duplicate."""
    found = discover(paths)
    result = Plan(skipped=list(found.skipped))
    first_path: dict[str, Path] = {}
    for path in found.files:
        try:
            digest = sha256_file(path)
        except OSError as err:
            result.failed.append((path, f"cannot read file: {err.strerror or err}"))
            continue
        if digest in first_path:
            result.skipped.append((path, f"duplicate of {first_path[digest]}"))
            continue
        first_path[digest] = path
        result.files.append((path, digest))
    return result


def parse_and_chunk(
    files: list[tuple[Path, str]],
    count_tokens: TokenCounter,
    max_tokens: int,
    limits: Limits | None = None,
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    on_start: Callable[[str], None] = lambda path: None,
    on_ocr_page: OcrPageCallback = lambda path, page, done, total: None,
    on_pages: PagesParsedCallback = lambda path, done, total, when: None,
) -> Iterator[FileOutcome]:
    """Parse files in worker processes and chunk each as it arrives (in completion order);
    on_start(path) is called when a worker begins a file, on_ocr_page(path, page, i, n) when
    it starts OCR of the i-th of a file's n scanned pages, on_pages(path, i, n, when) now and
    then as it reads a PDF's pages (when: the worker's time.monotonic() then)."""
    digests = {str(path): digest for path, digest in files}
    started = time.monotonic()
    results = parse_files(
        (p for p, _ in files),
        limits,
        workers,
        cancelled,
        on_start=on_start,
        on_ocr_page=on_ocr_page,
        on_pages=on_pages,
    )
    for result in results:
        outcome = FileOutcome(Path(result.path), digests[result.path], error=result.error)
        if not result.error:
            outcome.chunks = chunk(result.blocks, count_tokens, max_tokens)
            if not outcome.chunks:
                outcome.error = "no text found in the file"
        outcome.seconds = time.monotonic() - started
        yield outcome
