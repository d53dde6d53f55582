"""A batch of dropped paths to per-file outcomes: chunks with locations, or a named reason."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ingest.ahead import ReadAhead
from ingest.blocks import Chunk, ParseResult
from ingest.chunking import TokenCounter, chunk
from ingest.discover import discover
from ingest.fingerprint import sha256_file
from ingest.limits import Limits
from ingest.ocr import Ocr, PageCallback
from ingest.parsers import PagesCallback
from ingest.stability import CHANGED, SETTLE_S, SETTLE_WAIT_S, STILL_WRITTEN, stamp, unsettled
from ingest.tokens import TokenizerFile
from ingest.workers import OcrPageCallback, PagesParsedCallback, parse_file, parse_files


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


def plan(
    paths: Iterable[str | Path], settle_s: float = SETTLE_S, settle_wait_s: float = SETTLE_WAIT_S
) -> Plan:
    """Discover files and hash them; a second path with the same bytes is a duplicate. A file
    changed in the last settle_s is waited for (up to settle_wait_s for the batch) until it
    has been still that long; one that keeps changing, or changes as it is hashed, fails."""
    found = discover(paths)
    result = Plan(skipped=list(found.skipped))
    first_path: dict[str, Path] = {}
    busy = unsettled(found.files, settle_s, settle_wait_s)
    for path in found.files:
        odd = name_problem(path) or (STILL_WRITTEN if path in busy else None)
        if odd:
            result.failed.append((path, odd))
            continue
        try:
            before = stamp(path)
            digest = sha256_file(path)
            if stamp(path) != before:
                result.failed.append((path, CHANGED))
                continue
        except OSError as err:
            result.failed.append((path, f"cannot read file: {err.strerror or err}"))
            continue
        if digest in first_path:
            result.skipped.append((path, f"duplicate of {first_path[digest]}"))
            continue
        first_path[digest] = path
        result.files.append((path, digest))
    return result


def name_problem(path: Path) -> str | None:
    """Why a path cannot be recorded: bytes in its name that are not UTF-8 (Linux allows any),
    which the library, the JSON output and the window could not hold. None when it can."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path.name).decode("utf-8", "backslashreplace")
        return f"cannot index: the file name is not valid UTF-8 ('{shown}'); rename the file"
    return None


@dataclass
class _Chunked(ParseResult):
    """A file parsed and chunked in a worker: its chunks travel back instead of its blocks."""

    chunks: list[Chunk] = field(default_factory=list)


def parse_and_chunk_file(
    path: str,
    limits: Limits,
    reader: Ocr,
    on_ocr_page: PageCallback,
    on_page: PagesCallback,
    *,
    tokenizer: TokenizerFile,
    max_tokens: int,
) -> ParseResult:
    """parse_file, then chunk: run in a worker (pickled as a partial over the tokenizer)."""
    result = parse_file(path, limits, reader, on_ocr_page, on_page)
    chunked = _Chunked(result.path, error=result.error, warnings=result.warnings)
    chunked.pages = result.pages
    if not result.error:
        try:
            chunked.chunks = chunk(result.blocks, tokenizer, max_tokens)
        except Exception as err:  # one odd file's text never stops the batch
            chunked.error = f"could not be chunked ({type(err).__name__}: {err})"
    return chunked


def parse_and_chunk(
    files: list[tuple[Path, str]],
    count_tokens: TokenCounter | TokenizerFile,
    max_tokens: int,
    limits: Limits | None = None,
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    on_start: Callable[[str], None] = lambda path: None,
    on_ocr_page: OcrPageCallback = lambda path, page, done, total: None,
    on_pages: PagesParsedCallback = lambda path, done, total, when: None,
) -> Iterator[FileOutcome]:
    """Parse files in worker processes and chunk each (in completion order): in the workers
    when count_tokens is a TokenizerFile, else here as each arrives; on_start(path) is called
    when a worker begins a file, on_ocr_page(path, page, i, n) when it starts OCR of the i-th
    of a file's n scanned pages, on_pages(path, i, n, when) now and then as it reads a PDF's
    pages (when: the worker's time.monotonic() then)."""
    digests = {str(path): digest for path, digest in files}
    started = time.monotonic()
    in_workers = isinstance(count_tokens, TokenizerFile)
    parse = (
        partial(parse_and_chunk_file, tokenizer=count_tokens, max_tokens=max_tokens)
        if isinstance(count_tokens, TokenizerFile)
        else parse_file
    )
    results = parse_files(
        (p for p, _ in files),
        limits,
        workers,
        cancelled,
        parse=parse,
        on_start=on_start,
        on_ocr_page=on_ocr_page,
        on_pages=on_pages,
    )
    try:
        for result in results:
            outcome = FileOutcome(Path(result.path), digests[result.path], error=result.error)
            if isinstance(result, _Chunked):
                outcome.chunks = result.chunks
            elif not result.error and not in_workers:
                outcome.chunks = chunk(result.blocks, count_tokens, max_tokens)
            if not outcome.error and not outcome.chunks:
                outcome.error = "no text found in the file"
            outcome.seconds = time.monotonic() - started
            yield outcome
    finally:
        results.close()


def parse_ahead(
    files: list[tuple[Path, str]],
    count_tokens: TokenCounter | TokenizerFile,
    max_tokens: int,
    limits: Limits | None = None,
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    on_start: Callable[[str], None] = lambda path: None,
    on_ocr_page: OcrPageCallback = lambda path, page, done, total: None,
    on_pages: PagesParsedCallback = lambda path, done, total, when: None,
    depth: int = 2,
) -> ReadAhead[FileOutcome]:
    """parse_and_chunk run in a background thread up to depth files ahead of the caller, so
    the workers parse (and chunk) the next files while the caller embeds this one. Use it as
    a context manager; the callbacks run on the caller's thread, as it iterates or pump()s."""
    ahead: ReadAhead[FileOutcome] = ReadAhead(depth)
    outcomes = parse_and_chunk(
        files,
        count_tokens,
        max_tokens,
        limits,
        workers,
        lambda: ahead.stopped() or cancelled(),
        on_start=ahead.deferred(on_start),
        on_ocr_page=ahead.deferred(on_ocr_page),
        on_pages=ahead.deferred(on_pages),
    )
    return ahead.start(outcomes)
