"""Plain text, Markdown and CSV: paragraphs (or CSV rows) with their line numbers."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ingest.blocks import Block
from ingest.errors import ParseError
from ingest.text import clean

_CHINESE = ("gb18030", "big5")  # on a tie, GB18030 (mainland files are the more common)
# The frequent characters of both standards: GB2312's level 1 (3,755 hanzi, lead bytes B0-D7)
# and Big5's (5,401 hanzi, A440-C67E). Bytes of one encoding read as the other come out as
# characters mostly outside these, even where each one is a valid character.
_PUNCTUATION = frozenset("，。、；：？！“”‘’（）《》【】「」『』—…·％　")


def read_text(path: Path) -> str:
    """The file decoded as UTF-8, else as Chinese (GB18030 or Big5, whichever reads with fewer
    characters outside the frequent ones of either standard: each accepts most of the other's
    bytes, as gibberish), else as Windows-1252."""
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ParseError("not a text file (binary content)")
    try:
        return clean(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    decoded = []
    for rank, encoding in enumerate(_CHINESE):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded.append((_rare(text), rank, text))
    if decoded:
        return clean(min(decoded)[2])
    return clean(data.decode("cp1252", errors="replace"))


def _rare(text: str) -> int:
    """How many characters of text are neither ASCII nor frequent Chinese."""
    return sum(n for ch, n in Counter(text).items() if not _frequent(ch))


@lru_cache(maxsize=65536)
def _frequent(ch: str) -> bool:
    if ch < "\x80" or ch in _PUNCTUATION:
        return True
    for encoding, low, high in (("gb2312", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E)):
        try:
            code = int.from_bytes(ch.encode(encoding), "big")
        except UnicodeEncodeError:
            continue
        if low <= code <= high:
            return True
    return False


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
