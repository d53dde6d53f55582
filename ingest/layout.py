"""A PDF page's lines as prose and tables: a financial table stays row by row, each chunk of it
headed by the table's title and column headers (the periods), as spreadsheets already are.

Extracted text breaks a table into one line per row ("Capital expenditures (812) (745) (690)");
joined as prose, its rows run together and a chunk cut from the middle of a statement no longer
says which statement it is or which column is which year. A run of rows (lines ending in
figures) becomes one section of atomic row Blocks; the short lines just before it (the table's
title, "(In millions)", "2019 2018 2017") are its header, repeated at the top of every chunk."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ingest.blocks import Block, Location
from ingest.text import clean, join_lines

# A figure as statements print it: $ 1,234.5  (812)  27 %  —  -  n/m
_FIGURE = r"(?:\$\s?)?\(?-?\d(?:[\d,]*\d)?(?:\.\d+)?\)?\s?%?|—|–|-|n/?m"
_ROW = re.compile(rf"^(?:(?P<label>.*?\S)\s+)?(?P<figures>(?:{_FIGURE})(?:\s+(?:{_FIGURE}))*)\s*$")
_YEAR_ONLY = re.compile(r"^(?:(?:19|20)\d\d\s*)+$")
HEADER_CHARS = 200  # the header: the short lines before a table, this long at most
SCRAP = 40  # shorter prose than this before a header belongs to it
SHORT = 70  # a header line is shorter than this (a prose line runs the page's width)
MIN_ROWS = 3  # fewer rows with figures than this is prose with a number in it
GAP = 3  # labels without figures inside a table ("Current assets:") between two rows


def is_row(line: str) -> bool:
    """A table row: it ends in one or more figures and is not just a year or a page number."""
    line = line.strip()
    if not line or _YEAR_ONLY.match(line):
        return False
    found = _ROW.match(line)
    if not found:
        return False
    label, figures = found.group("label") or "", found.group("figures")
    if _YEAR_ONLY.match(figures):
        return False  # "Segment revenue (in millions) 2019 2018" heads the columns
    if not label:
        return len(figures.split()) >= 2  # a row of figures only ("27 % 27 %"), not "57"
    # Prose that ends with a number ("...as described on page 45") is one long sentence.
    return not (len(label) > 90 and label.rstrip()[-1:].isalpha() and len(figures.split()) == 1)


def page_blocks(lines: list[str], number: int, location: Location | None = None) -> Iterator[Block]:
    """A page's Blocks: prose paragraphs (flowing over the page break, as before) and tables
    (a section each, one atomic Block per line, with the header lines before them)."""
    where = location or {"page": number}
    lines = [clean(line).strip() for line in lines]
    tables = _tables([line for line in lines])
    prose_start, table_number = 0, 0
    for first, last, header_first in tables:
        text = join_lines(lines[prose_start:header_first])
        if text.strip():
            yield Block(text, dict(where), section=_prose(number, table_number), flow=True)
        header = _header(lines[header_first:first])
        table_number += 1
        for line in lines[first : last + 1]:
            if line:
                yield Block(
                    line,
                    dict(where),
                    section=("page", number, "table", table_number),
                    header=header,
                    atomic=True,
                )
        prose_start = last + 1
    text = join_lines(lines[prose_start:])
    if text.strip():
        yield Block(text, dict(where), section=_prose(number, table_number), flow=True)


def _prose(number: int, tables_before: int) -> tuple[object, ...]:
    """A prose section: the page's own before any table (as a page without tables has)."""
    return ("page", number) if tables_before == 0 else ("page", number, "text", tables_before)


def _tables(lines: list[str]) -> list[tuple[int, int, int]]:
    """(first row, last row, first header line) of each table on the page, in order."""
    found: list[tuple[int, int, int]] = []
    index = 0
    while index < len(lines):
        if not is_row(lines[index]):
            index += 1
            continue
        first = last = index
        rows, gap = 1, 0
        index += 1
        while index < len(lines) and gap <= GAP:
            line = lines[index]
            if is_row(line):
                last, rows, gap = index, rows + 1, 0
            elif not line or len(line) < SHORT:
                gap += 1
            else:
                break
            index += 1
        if rows >= MIN_ROWS:
            found.append(
                (first, last, _header_start(lines, first, found[-1][1] + 1 if found else 0))
            )
        index = last + 1
    return found


def _header_start(lines: list[str], first: int, start: int) -> int:
    """Where a table's header begins: the short lines just before its first row, as many as
    fit HEADER_CHARS (a scrap left before them, "Table of Contents", joins the header)."""
    top, used = first, 0
    while top > start and 0 < len(lines[top - 1]) < SHORT:
        if used + len(lines[top - 1]) > HEADER_CHARS:
            break
        used += len(lines[top - 1]) + 1
        top -= 1
    scrap = lines[start:top]
    if sum(len(line) for line in scrap) < SCRAP and all(len(line) < SHORT for line in scrap):
        return start
    return top


def _header(lines: list[str]) -> str | None:
    """The header lines as one line, the last HEADER_CHARS characters of it at most."""
    text = " ".join(line for line in lines if line)
    return text or None
