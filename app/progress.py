"""Rate and time left of long work, shared by the terminal bar and the ingest panel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import assert_never

from app.events import (
    ChunksEmbedded,
    FileDone,
    FileStage,
    IngestEvent,
    IngestStarted,
    OcrPage,
    PagesParsed,
)


@dataclass(frozen=True)
class Rate:
    """Items per second so far and the seconds the rest will take at that pace."""

    per_second: float
    eta_s: float

    @classmethod
    def of(cls, done: int, total: int, elapsed_s: float) -> Rate:
        """The rate after done of total items in elapsed_s seconds."""
        per_second = done / elapsed_s if elapsed_s > 0 else 0.0
        eta = (total - done) / per_second if per_second else 0.0
        return cls(per_second, eta)

    def pace_text(self) -> str:
        """'3.2 files/s', or '12.5 s/file' when one file takes more than a second (a 200-page
        filing), never '0.0 files/s'."""
        if self.per_second >= 1 or self.per_second == 0:
            return f"{self.per_second:.1f} files/s"
        return f"{1 / self.per_second:.1f} s/file"

    def eta_text(self) -> str:
        """'42s', '3m05s', '1h07m'."""
        return duration(self.eta_s)


def duration(seconds: float) -> str:
    """A short duration: '42s', '3m05s', '1h07m'."""
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes}m{rest:02d}s" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}m"


# Before a batch has measured its own pace: a page read, a chunk embedded, the chunks a PDF
# page makes (a 130-page 10-K makes about 690) and the pages of a PDF not yet opened.
PAGE_S, CHUNK_S, CHUNKS_PER_PAGE, PAGES_PER_PDF = 0.01, 0.1, 5.0, 20.0


@dataclass
class FileWork:
    """What is known of one file's work: pages read of pages (0: not reported yet), chunks
    embedded of chunks (0: not parsed yet), and when its last report came."""

    pdf: bool
    pages_done: int = 0
    pages: int = 0
    chunks_done: int = 0
    chunks: int = 0
    finished: bool = False
    parse_at: float = 0.0
    embed_at: float = 0.0


@dataclass
class BatchProgress:
    """Work done and time left of an ingest batch, from its events: pages read and chunks
    embedded, each weighed by the time it takes at this batch's pace, so the measure moves
    inside a long file and the time left comes from pages and chunks, not files.

    Files not parsed yet are estimated from those that were (their pages, their chunks a
    page). The first batch of chunks is not timed: it loads the embedding model."""

    files: dict[str, FileWork] = field(default_factory=dict)
    total_files: int = 0
    done_files: int = 0
    now_s: float = 0.0
    parsing: str | None = None
    embedding: str | None = None
    _parse: list[float] = field(default_factory=lambda: [0.0, 0.0])  # seconds, pages
    _embed: list[float] = field(default_factory=lambda: [0.0, 0.0])  # seconds, chunks
    _warm: bool = False

    def update(self, event: IngestEvent) -> None:
        """Take in one ingest event."""
        match event:
            case IngestStarted(total=total, files=files):
                self.total_files = total
                for path in files:
                    self._file(path)
            case FileStage(path=path, stage="parsing"):
                self._file(path).parse_at = self.now_s
            case FileStage() | OcrPage():
                pass
            case PagesParsed():
                self._pages(event)
            case ChunksEmbedded():
                self._chunks(event)
            case FileDone():
                self._done(event)
            case _:
                assert_never(event)

    def _file(self, path: str) -> FileWork:
        if path not in self.files:
            self.files[path] = FileWork(pdf=path.lower().endswith(".pdf"))
        return self.files[path]

    def _pages(self, event: PagesParsed) -> None:
        work = self._file(event.path)
        self._parse[0] += max(0.0, event.elapsed_s - work.parse_at)
        self._parse[1] += event.done - work.pages_done
        work.pages_done, work.pages, work.parse_at = event.done, event.total, event.elapsed_s
        self.parsing = event.path if event.done < event.total else None
        self.now_s = max(self.now_s, event.elapsed_s)

    def _chunks(self, event: ChunksEmbedded) -> None:
        work = self._file(event.path)
        if event.done > 0 and self._warm:
            self._embed[0] += max(0.0, event.elapsed_s - work.embed_at)
            self._embed[1] += event.done - work.chunks_done
        self._warm = self._warm or event.done > 0
        work.chunks_done, work.chunks, work.embed_at = event.done, event.total, event.elapsed_s
        work.pages_done = work.pages  # parsed, whatever its pages said
        self.embedding = event.path if event.done < event.total else None
        if self.parsing == event.path:
            self.parsing = None
        self.now_s = max(self.now_s, event.elapsed_s)

    def _done(self, event: FileDone) -> None:
        work = self._file(event.path)
        work.finished = True
        work.pages_done = work.pages
        work.chunks = work.chunks_done = event.chunks
        self.done_files, self.total_files = event.done, event.total
        self.now_s = max(self.now_s, event.elapsed_s)
        if self.embedding == event.path:
            self.embedding = None
        if self.parsing == event.path:
            self.parsing = None

    @property
    def page_s(self) -> float | None:
        """Seconds a page takes to read in this batch (None until measured)."""
        seconds, pages = self._parse
        return seconds / pages if pages and seconds else None

    @property
    def chunk_s(self) -> float | None:
        """Seconds a chunk takes to embed in this batch (None until measured)."""
        seconds, chunks = self._embed
        return seconds / chunks if chunks and seconds else None

    def _estimates(self) -> tuple[float, float]:
        """(pages of an unopened PDF, chunks a page makes), from the files seen so far."""
        opened = [w.pages for w in self.files.values() if w.pages]
        pages = sum(opened) / len(opened) if opened else PAGES_PER_PDF
        parsed = [w for w in self.files.values() if w.pages and w.chunks]
        per_page = CHUNKS_PER_PAGE
        if parsed:
            per_page = sum(w.chunks for w in parsed) / sum(w.pages for w in parsed)
        return pages, per_page

    def _left(self) -> tuple[float, float]:
        """(pages to read, chunks to embed) in the rest of the batch, estimated."""
        pdf_pages, per_page = self._estimates()
        known = [w.chunks for w in self.files.values() if w.chunks]
        other_chunks = sum(known) / len(known) if known else pdf_pages * per_page
        unlisted = max(0, self.total_files - len(self.files))  # the batch did not name them
        pages, chunks = 0.0, unlisted * other_chunks
        for work in self.files.values():
            if work.finished:
                continue
            total_pages = work.pages or (pdf_pages if work.pdf else 0.0)
            if not work.chunks:
                pages += max(0.0, total_pages - work.pages_done)
            estimated = total_pages * per_page if work.pdf else other_chunks
            chunks += (work.chunks or estimated) - work.chunks_done
        return pages, chunks

    def fraction(self) -> float:
        """The share of the batch's work done, 0 to 1."""
        if self.total_files and self.done_files >= self.total_files:
            return 1.0
        page_s, chunk_s = self.page_s or PAGE_S, self.chunk_s or CHUNK_S
        done = sum(w.pages_done * page_s + w.chunks_done * chunk_s for w in self.files.values())
        pages, chunks = self._left()
        left = pages * page_s + chunks * chunk_s
        return done / (done + left) if done + left > 0 else 0.0

    def eta_s(self, since_s: float = 0.0) -> float | None:
        """Seconds left at this batch's pace of pages and chunks, since_s after the last
        event; None until the pace of what is left has been measured."""
        pages, chunks = self._left()
        if (pages and self.page_s is None) or (chunks and self.chunk_s is None):
            return None
        left = pages * (self.page_s or 0.0) + chunks * (self.chunk_s or 0.0)
        return max(0.0, left - since_s)

    def current_pages(self) -> tuple[int, int] | None:
        """(pages read, pages) of the file being read, if a worker reports its pages."""
        work = self.files.get(self.parsing or "")
        return (work.pages_done, work.pages) if work else None

    def current_chunks(self) -> tuple[int, int] | None:
        """(chunks embedded, chunks) of the file being embedded."""
        work = self.files.get(self.embedding or "")
        return (work.chunks_done, work.chunks) if work else None

    def current_file(self) -> int:
        """The number of the file being worked on (1-based, at most the total)."""
        return max(1, min(self.done_files + 1, self.total_files))
