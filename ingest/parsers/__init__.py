"""One parser per format, chosen by file suffix; each yields Blocks with Locations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ingest.blocks import Block
from ingest.parsers import docx, pdf, pptx, text, xlsx

Parser = Callable[[Path], Iterator[Block]]

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


def parser_for(path: Path) -> Parser | None:
    """The parser for this file's suffix, or None when the type is unsupported."""
    return PARSERS.get(path.suffix.lower())
