"""Ingest progress on stderr: plain lines with rate and ETA off a terminal, a tqdm bar on one."""

import io

from app.cli.progress import ProgressPrinter
from app.events import ChunksEmbedded, FileDone, FileStage, IngestStarted, OcrPage, PagesParsed


class Terminal(io.StringIO):
    def isatty(self):
        return True


def events():
    yield IngestStarted(total=2)
    yield FileStage("/docs/a.pdf", "parsing")
    yield FileDone("/docs/a.pdf", "indexed", done=1, total=2, elapsed_s=2.0, chunks=12)
    yield FileDone("/docs/b.pdf", "failed", done=2, total=2, elapsed_s=4.0, reason="encrypted")


def test_plain_lines_when_stderr_is_not_a_terminal():
    stream = io.StringIO()
    printer = ProgressPrinter(stream)
    for event in events():
        printer(event)
    assert stream.getvalue().splitlines() == [
        "indexing 2 file(s)",
        "[1/2] indexed: /docs/a.pdf (12 chunks) 2.0 s/file, ETA 2s",
        "[2/2] failed: /docs/b.pdf (encrypted) 2.0 s/file, ETA 0s",
    ]


def test_a_bar_on_a_terminal_with_failures_printed_above_it():
    stream = Terminal()
    printer = ProgressPrinter(stream)
    for event in events():
        printer(event)
    text = stream.getvalue()
    assert "failed: /docs/b.pdf: encrypted" in text
    assert "2/2" in text and "100%" in text
    assert printer._bar is None  # closed once every file is done


def test_quiet_prints_nothing():
    stream = io.StringIO()
    printer = ProgressPrinter(stream, quiet=True)
    for event in events():
        printer(event)
    assert stream.getvalue() == ""


def test_each_ocr_page_is_shown_with_its_file():
    stream = io.StringIO()
    printer = ProgressPrinter(stream)
    printer(IngestStarted(total=1))
    printer(OcrPage("/docs/scan.pdf", page=3, done=3, total=12))
    assert stream.getvalue().splitlines()[-1] == "  OCR page 3/12 of scan.pdf"
    bar = Terminal()
    printer = ProgressPrinter(bar)
    printer(IngestStarted(total=1))
    printer(OcrPage("/docs/scan.pdf", page=3, done=3, total=12))
    assert "OCR page 3/12 of scan.pdf" in bar.getvalue()
    printer.close()


def test_the_bar_says_how_far_a_long_file_got(monkeypatch):
    monkeypatch.setattr("app.cli.progress.REFRESH_S", 0.0)
    stream = Terminal()
    printer = ProgressPrinter(stream)
    printer(IngestStarted(total=2, files=("/docs/10k.pdf", "/docs/q1.pdf")))
    printer(PagesParsed("/docs/10k.pdf", 40, 130, elapsed_s=0.4))
    assert "file 1/2 · page 40/130" in stream.getvalue()
    printer(PagesParsed("/docs/10k.pdf", 130, 130, elapsed_s=1.3))
    printer(ChunksEmbedded("/docs/10k.pdf", 0, 687, elapsed_s=1.3))
    printer(ChunksEmbedded("/docs/10k.pdf", 8, 687, elapsed_s=7.0))
    printer(ChunksEmbedded("/docs/10k.pdf", 512, 687, elapsed_s=38.5))
    # 175 chunks at 1/16 s, then q1.pdf: 130 pages at 0.01 s and 687 chunks
    assert "file 1/2 · 512/687 chunks · ETA 55s" in stream.getvalue()
    assert " 0%|" not in stream.getvalue().rsplit("\r", 1)[-1]
    printer.close()


def test_lines_inside_a_long_file_off_a_terminal(monkeypatch):
    monkeypatch.setattr("app.cli.progress.LINE_EVERY_S", 0.0)
    stream = io.StringIO()
    printer = ProgressPrinter(stream)
    printer(IngestStarted(total=1, files=("/docs/10k.pdf",)))
    printer(ChunksEmbedded("/docs/10k.pdf", 0, 100, elapsed_s=0.0))
    printer(ChunksEmbedded("/docs/10k.pdf", 8, 100, elapsed_s=5.0))
    printer(ChunksEmbedded("/docs/10k.pdf", 58, 100, elapsed_s=10.0))
    assert stream.getvalue().splitlines()[-1] == "  10k.pdf: 58/100 chunks embedded, ETA 4s"
