"""Plain text, Markdown and CSV: paragraphs (or CSV rows) with their line numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ingest.blocks import Block
from ingest.errors import ParseError
from ingest.text import clean

_ENCODINGS = ("utf-8-sig", "gb18030", "big5", "cp1252")


def read_text(path: Path) -> str:
    """The file decoded as UTF-8, else as Chinese (GB18030, Big5), else as Windows-1252."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ParseError("not a text file (binary content)")
    for encoding in _ENCODINGS:
        try:
            return clean(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return clean(data.decode("utf-8", errors="replace"))


def parse(path: Path) -> Iterator[Block]:
    """Yield one Block per paragraph (lines up to a blank line); Markdown headings start one."""
    lines = read_text(path).split("\n")
    start, current = 0, list[str]()
    section = 0
    for number, line in enumerate([*lines, ""], start=1):
        heading = path.suffix.lower() == ".md" and line.lstrip().startswith("#")
        if (not line.strip() or heading) and current:
            yield _paragraph(current, start, section)
            current = []
        if heading:
            section += 1
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())


def _paragraph(lines: list[str], start: int, section: int) -> Block:
    location = {"line_start": start, "line_end": start + len(lines) - 1}
    return Block("\n".join(lines), location, section=("text", section))


def parse_csv(path: Path) -> Iterator[Block]:
    """Yield one atomic Block per CSV row (with its lines), each chunk repeating the header."""
    reader = csv.reader(io.StringIO(read_text(path)))
    first = next(reader, None)
    if first is None:
        return
    header = " | ".join(first)
    previous = reader.line_num
    for row in reader:
        location = {"line_start": previous + 1, "line_end": reader.line_num}
        previous = reader.line_num
        if any(cell.strip() for cell in row):
            yield Block(" | ".join(row), location, section=("csv",), header=header, atomic=True)
