"""Parsing in worker processes started with "spawn": a parser that crashes or hangs costs its
own file, never the batch, and the parent may hold Qt, torch or llama.cpp threads safely."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import psutil

from ingest.blocks import ParseResult
from ingest.errors import ParseError
from ingest.limits import Limits, check_size, check_zip
from ingest.ocr import Ocr, PageCallback
from ingest.parsers import ZIP_FORMATS, PagesCallback, parser_for
from ingest.stability import CHANGED, stamp


def parse_file(
    path: str | Path,
    limits: Limits | None = None,
    reader: Ocr | None = None,
    on_ocr_page: PageCallback = lambda page, done, total: None,
    on_page: PagesCallback = lambda done, total: None,
) -> ParseResult:
    """Parse one file in this process; every failure becomes ParseResult.error, never raised.
    reader, on_ocr_page (scanned pages) and on_page(done, total) (pages read) go to the PDF
    parser."""
    limits = limits or Limits()
    file = Path(path)
    result = ParseResult(str(path))
    try:
        check_size(file, limits)
        kind = ZIP_FORMATS.get(file.suffix.lower())
        if kind:
            check_zip(file, limits, kind)
        parser = parser_for(file, reader, on_ocr_page, on_page)
        if parser is None:
            raise ParseError(f"unsupported type ({file.suffix})")
        before = stamp(file)
        result.blocks = list(parser(file))
        if stamp(file) != before:  # what was read may be half of one version, half of the next
            raise ParseError(CHANGED)
        if not any(b.text.strip() for b in result.blocks):
            raise ParseError("no text found in the file")
    except ParseError as err:
        result.error = str(err)
    except MemoryError:
        result.error = "too large to parse: ran out of memory"
    except OSError as err:
        result.error = f"cannot read file: {err.strerror or err}"
    except Exception as err:  # a damaged file can raise anything inside a third-party parser
        result.error = f"corrupt or unreadable ({type(err).__name__}: {err})"
    if result.error:
        result.blocks = []
    return result


Parse = Callable[[str, Limits, Ocr, PageCallback, PagesCallback], ParseResult]
OcrPageCallback = Callable[[str, int, int, int], None]  # (path, page, done, total)
# (path, done, total, when): when is the worker's time.monotonic() as it read the page (the
# parent may read the report much later, busy embedding; the clock is the machine's own)
PagesParsedCallback = Callable[[str, int, int, float], None]
_PAGES_EVERY_S = 0.25  # a worker reports pages read at most this often (and the last one)


@dataclass(frozen=True)
class _OcrPage:
    """Sent by a worker before it reads a scanned page: page number, i-th of n to read."""

    page: int
    done: int
    total: int


@dataclass(frozen=True)
class _Pages:
    """Sent by a worker as it reads a file's pages: done of total, at its time.monotonic()."""

    done: int
    total: int
    at: float


def _serve(conn: Connection, limits: Limits, parse: Parse, threads: int) -> None:
    """A worker: parse each path received until told to stop (None) or the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    reader = Ocr(threads)  # its models load on the first scanned page, then serve every file

    def report(page: int, done: int, total: int) -> None:
        conn.send(_OcrPage(page, done, total))

    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        conn.send(parse(path, limits, reader, report, _throttled(conn)))


def _throttled(conn: Connection) -> PagesCallback:
    """Report pages read to the parent: the first, the last, and at most one in between
    every _PAGES_EVERY_S (a text PDF reads hundreds of pages a second)."""
    last = 0.0

    def pages(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done in (1, total) or now - last >= _PAGES_EVERY_S:
            last = now
            conn.send(_Pages(done, total, now))

    return pages


@dataclass
class _Worker:
    process: Any
    conn: Connection
    path: str | None = None
    started: float = 0.0


def default_workers() -> int:
    """One worker per core, at least one."""
    return max(1, os.cpu_count() or 1)


def parse_files(
    paths: Iterable[str | Path],
    limits: Limits | None = None,
    workers: int | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    parse: Parse = parse_file,
    on_start: Callable[[str], None] = lambda path: None,
    on_ocr_page: OcrPageCallback = lambda path, page, done, total: None,
    on_pages: PagesParsedCallback = lambda path, done, total, when: None,
) -> Generator[ParseResult, None, None]:
    """Parse files in parallel worker processes, yielding results as each file finishes.

    A worker that dies (a crashing native parser), exceeds limits.timeout_s or grows past
    limits.max_memory_bytes yields a failed result for its file and is replaced. When
    cancelled() turns true, the workers are stopped and the iterator ends without the
    remaining files. parse runs in the workers: a
    module-level function or a partial of one (it is pickled by name). on_start(path) is
    called as a worker takes a file, on_ocr_page(path, page, i, n) as it starts OCR of the
    i-th of the n scanned pages of a file (an OCR page read counts as a sign of life for
    limits.timeout_s), and on_pages(path, done, total, when) now and then as a worker reads a
    PDF's pages. The cores are shared out: each worker's OCR gets cores // workers threads.
    """
    limits = limits or Limits()
    queue = deque(str(p) for p in paths)
    count = min(workers or default_workers(), len(queue))
    threads = max(1, (os.cpu_count() or 1) // max(count, 1))
    pool = [_start(limits, parse, threads) for _ in range(count)]
    try:
        while queue or any(w.path for w in pool):
            if cancelled():
                return
            for worker in pool:
                if worker.path is None and queue:
                    _assign(worker, queue.popleft())
                    on_start(worker.path or "")
            yield from _collect(pool, limits, parse, threads, on_ocr_page, on_pages)
    finally:
        _stop(pool)


def _start(limits: Limits, parse: Parse, threads: int) -> _Worker:
    context = mp.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(child, limits, parse, threads), daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def _assign(worker: _Worker, path: str) -> None:
    worker.path, worker.started = path, time.monotonic()
    worker.conn.send(path)


def _collect(
    pool: list[_Worker],
    limits: Limits,
    parse: Parse,
    threads: int,
    on_ocr_page: OcrPageCallback,
    on_pages: PagesParsedCallback,
) -> Iterator[ParseResult]:
    busy = [w for w in pool if w.path]
    wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5)
    for i, worker in enumerate(pool):
        if worker.path is None:
            continue
        result, broken = _poll(worker, limits, on_ocr_page, on_pages)
        if result is None:
            continue
        if broken:  # dead or hung: its replacement takes the next file
            _kill(worker)
            pool[i] = _start(limits, parse, threads)
        else:
            worker.path = None
        yield result


def _poll(
    worker: _Worker, limits: Limits, on_ocr_page: OcrPageCallback, on_pages: PagesParsedCallback
) -> tuple[ParseResult | None, bool]:
    """(the worker's result or None while it works, whether the worker must be replaced)."""
    path = worker.path or ""
    try:
        while worker.conn.poll():
            message = worker.conn.recv()
            if isinstance(message, _Pages):
                on_pages(path, message.done, message.total, message.at)
                continue
            if not isinstance(message, _OcrPage):
                return message, False
            worker.started = time.monotonic()  # a page read: alive, however long the file
            on_ocr_page(path, message.page, message.done, message.total)
    except (EOFError, OSError):
        pass
    if not worker.process.is_alive():
        code = worker.process.exitcode
        return ParseResult(path, error=f"parser crashed on this file (exit code {code})"), True
    if time.monotonic() - worker.started > limits.timeout_s:
        error = f"timed out: still parsing after {limits.timeout_s:.0f} s"
        return ParseResult(path, error=error), True
    if resident_bytes(worker.process.pid) > limits.max_memory_bytes:
        mb = limits.max_memory_bytes / 2**20
        return ParseResult(
            path, error=f"too large to parse: over the {mb:.0f} MB memory limit"
        ), True
    return None, False


def resident_bytes(pid: int) -> int:
    """The process's resident memory now (0 once it is gone)."""
    try:
        return int(psutil.Process(pid).memory_info().rss)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def _kill(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)
    worker.conn.close()


def _stop(pool: list[_Worker]) -> None:
    for worker in pool:
        try:
            if worker.path is None:
                worker.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
    deadline = time.monotonic() + 2
    for worker in pool:
        worker.process.join(timeout=max(0.0, deadline - time.monotonic()))
        _kill(worker)
