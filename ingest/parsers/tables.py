"""Table rows as Blocks, shared by the Word and PowerPoint parsers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ingest.blocks import Block, Location


def row_text(cells: Iterable[str]) -> str:
    """A row's cells, whitespace collapsed, joined by " | "; "" when every cell is empty."""
    texts = [" ".join(text.split()) for text in cells]
    return " | ".join(texts) if any(texts) else ""


def table_blocks(
    rows: list[str], location: Location, section: tuple[Any, ...], numbered: bool = False
) -> Iterator[Block]:
    """One atomic Block per non-empty row, headed by the first non-empty row when there are
    more; numbered: the location also gives "row", counted from 1 with empty rows included."""
    kept = [(number, text) for number, text in enumerate(rows, start=1) if text]
    header = kept[0][1] if len(kept) > 1 else None
    for number, text in kept[1:] if header else kept:
        where = {**location, "row": number} if numbered else dict(location)
        yield Block(text, where, section=section, header=header, atomic=True)
