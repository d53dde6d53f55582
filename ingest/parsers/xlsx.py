"""Excel: rows streamed in read-only mode, each with its A1 range, under the sheet's header row;
formulas give their cached values, empty rows and columns are skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.blocks import Block
from ingest.errors import ParseError
from ingest.locations import cell_range
from ingest.parsers.package import check_package


def parse(path: Path) -> Iterator[Block]:
    """Yield one atomic Block per non-empty row; the first non-empty row is the header."""
    import openpyxl

    check_package(path)
    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged workbook
        raise ParseError(f"corrupt: not a readable Excel workbook ({err})") from None
    try:
        for sheet in workbook.worksheets:
            if hasattr(sheet, "reset_dimensions"):
                # Some exporters write a wrong <dimension> (e.g. A1), and read-only mode
                # would trust it and drop every other cell.
                sheet.reset_dimensions()
            yield from _sheet_blocks(sheet)
    finally:
        workbook.close()


def _sheet_blocks(sheet: Any) -> Iterator[Block]:
    header: list[str] | None = None
    header_at = 0
    header_text = ""
    rows = 0
    section = ("sheet", sheet.title)
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_cell_text(v) for v in values]
        used = [i for i, text in enumerate(cells, start=1) if text]
        if not used:
            continue
        if header is None:
            header, header_at = cells, number
            header_text = _row_text(header, header)
            continue
        rows += 1
        location = {"sheet": sheet.title, "cells": cell_range(used[0], number, used[-1], number)}
        text = _row_text(cells, header)
        yield Block(text, location, section=section, header=header_text, atomic=True)
    if header is not None and not rows:  # a sheet that is only one row: keep that row
        used = [i for i, text in enumerate(header, start=1) if text]
        location = {
            "sheet": sheet.title,
            "cells": cell_range(used[0], header_at, used[-1], header_at),
        }
        yield Block(header_text, location, section=section, atomic=True)


def _row_text(cells: list[str], header: list[str]) -> str:
    """Cells joined by " | ", keeping a blank where the header has a name so values stay under
    their header, and dropping columns empty in both (empty columns are skipped)."""
    keep = [text for i, text in enumerate(cells) if text or (i < len(header) and header[i])]
    while keep and not keep[-1]:
        keep.pop()
    return " | ".join(keep)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return " ".join(str(value).split())
