"""Merging the locations of the pieces that make up one chunk (page spans, cell ranges...)."""

from __future__ import annotations

from ingest.blocks import Location


def cell_range(first_col: int, first_row: int, last_col: int, last_row: int) -> str:
    """An A1-style range such as A2:D14, always with both corners (B5:B5 for one cell)."""
    # openpyxl's package takes 0.1-0.2 s to import: spreadsheets need it, `search` does not
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"


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
    if any(loc.get("ocr") for loc in locations):
        merged["ocr"] = True  # some of the chunk's text was read from a page image
    if "line_start" in merged:
        merged["line_start"] = min(loc["line_start"] for loc in locations)
        merged["line_end"] = max(loc["line_end"] for loc in locations)
    if "cells" in merged:
        from openpyxl.utils import range_boundaries

        bounds = [range_boundaries(loc["cells"]) for loc in locations]
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
