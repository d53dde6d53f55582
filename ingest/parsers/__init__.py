"""One parser per format, chosen by file suffix; each yields Blocks with Locations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from ingest.blocks import Block
from ingest.ocr import Ocr, PageCallback
from ingest.parsers import docx, pdf, pptx, text, xlsx

Parser = Callable[[Path], Iterator[Block]]
PagesCallback = Callable[[int, int], None]  # (pages read, pages in the file)

PARSERS: dict[str, Parser] = {
    ".pdf": pdf.parse,
    ".docx": docx.parse,
    ".pptx": pptx.parse,
    ".xlsx": xlsx.parse,
    ".txt": text.parse,
    ".md": text.parse,
    ".csv": text.parse_csv,
}

ZIP_FORMATS = {".docx": "Word", ".pptx": "PowerPoint", ".xlsx": "Excel"}


def parser_for(
    path: Path,
    reader: Ocr | None = None,
    on_ocr_page: PageCallback | None = None,
    on_page: PagesCallback | None = None,
) -> Parser | None:
    """The parser for this file's suffix, or None when the type is unsupported; a PDF's
    scanned pages are read by reader (one made for this file when None), each announced to
    on_ocr_page(page, i, n) first, and each page read told to on_page(done, total); the
    pictures of a Word or PowerPoint file are read by reader too."""
    parser = PARSERS.get(path.suffix.lower())
    if parser is pdf.parse:
        pages = on_page or (lambda done, total: None)
        return partial(pdf.parse, reader=reader, on_ocr_page=on_ocr_page or _ignore, on_page=pages)
    if reader is not None and parser in (docx.parse, pptx.parse):  # their pictures' text
        return partial(parser, reader=reader)
    return parser


def _ignore(page: int, done: int, total: int) -> None:
    """No one is told about the OCR pages."""
