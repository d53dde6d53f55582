"""Block and Chunk: text together with the exact place it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A Location is a plain dict shaped as in docs/cli.md ("page", "slide" + "notes", "sheet" +
# "cells", "heading" + "paragraph" (+ "table", "row"), "line_start"/"line_end").
Location = dict[str, Any]


@dataclass(frozen=True)
class Block:
    """A run of text from one place in a document.

    section: chunks never cross a change of section (a slide, a sheet, a Word heading section,
    a table, a PDF page). flow: the next section continues this one (PDF pages), so a chunk may
    reach into it to finish a sentence. header: text repeated at the start of every chunk made
    from this block (a sheet's or a table's header row). atomic: never split inside (a table
    row), unless it alone is longer than a chunk.
    """

    text: str
    location: Location
    section: tuple[Any, ...] = ()
    flow: bool = False
    header: str | None = None
    atomic: bool = False


@dataclass(frozen=True)
class Chunk:
    """A piece of a document no longer than the embedding model's maximum sequence."""

    text: str
    location: Location
    index: int = 0
    tokens: int = 0


@dataclass
class ParseResult:
    """What parsing one file produced: blocks, or a reason it could not be read."""

    path: str
    blocks: list[Block] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
