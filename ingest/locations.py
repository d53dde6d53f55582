"""Merging the locations of the pieces that make up one chunk (page spans, cell ranges...)."""

from __future__ import annotations

import re

from ingest.blocks import Location

_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA (spreadsheet column names)."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - ord("A") + 1
    return index


def cell_range(first_col: int, first_row: int, last_col: int, last_row: int) -> str:
    """An A1-style range such as A2:D14."""
    return f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"


def _range_bounds(cells: str) -> tuple[int, int, int, int]:
    start, _, end = cells.partition(":")
    corners = [_CELL.match(ref) for ref in (start, end or start)]
    if not all(corners):
        raise ValueError(f"not an A1 range: {cells}")
    (c1, r1), (c2, r2) = ((m.group(1), int(m.group(2))) for m in corners if m)
    return column_index(c1), r1, column_index(c2), r2


def merge(locations: list[Location]) -> Location:
    """The location of a chunk made of pieces at these locations, in reading order."""
    merged = dict(locations[0])
    pages = [loc[k] for loc in locations for k in ("page", "page_start", "page_end") if k in loc]
    if pages:
        for key in ("page", "page_start", "page_end"):
            merged.pop(key, None)
        if min(pages) == max(pages):
            merged["page"] = pages[0]
        else:
            merged["page_start"], merged["page_end"] = min(pages), max(pages)
    if "line_start" in merged:
        merged["line_start"] = min(loc["line_start"] for loc in locations)
        merged["line_end"] = max(loc["line_end"] for loc in locations)
    if "cells" in merged:
        bounds = [_range_bounds(loc["cells"]) for loc in locations]
        merged["cells"] = cell_range(
            min(b[0] for b in bounds),
            min(b[1] for b in bounds),
            max(b[2] for b in bounds),
            max(b[3] for b in bounds),
        )
    rows = [loc["row"] for loc in locations if "row" in loc]
    if rows:
        merged["row"], merged["row_end"] = min(rows), max(rows)
    return merged
