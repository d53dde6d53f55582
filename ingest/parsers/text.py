"""Plain text, Markdown and CSV: paragraphs (or CSV rows) with their line numbers."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ingest.blocks import Block
from ingest.errors import ParseError
from ingest.text import clean

_CHINESE = ("gb18030", "big5")
_ODD = re.compile(r"[\ue000-\uf8ff\ufffd\u3400-\u4dbf\U00020000-\U0003ffff]")


def read_text(path: Path) -> str:
    """The file decoded as UTF-8, else as Chinese (GB18030 or Big5, whichever decodes with
    fewer private-use and rare characters: GB18030 accepts most Big5 bytes as gibberish),
    else as Windows-1252."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ParseError("not a text file (binary content)")
    try:
        return clean(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    decoded = []
    for encoding in _CHINESE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded.append((len(_ODD.findall(text)), encoding, text))
    if decoded:
        return clean(min(decoded)[2])
    return clean(data.decode("cp1252", errors="replace"))


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
