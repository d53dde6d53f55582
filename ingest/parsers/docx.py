"""Word: paragraphs under their heading path (repeated at the top of each chunk), tables as
rows with their header row, the text of a paragraph's pictures (read by OCR, marked) after it;
paragraphs count from 1 in document order, headings included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest import ocr
from ingest.blocks import Block, Location
from ingest.errors import ParseError
from ingest.parsers.package import check_package
from ingest.parsers.tables import row_text, table_blocks

_HEADING_STYLE = re.compile(r"^(?:heading|标题|標題)\s*(\d)$", re.IGNORECASE)
# A picture in a run, inline or floating, names its image part by relationship id.
_BLIPS = ".//a:blip/@r:embed"


def parse(path: Path, reader: ocr.Ocr | None = None) -> Iterator[Block]:
    """Yield paragraph Blocks (heading path + paragraph number) and table-row Blocks, and
    after a paragraph the text of its pictures read by OCR (reader, loaded only if a picture
    needs it), each its own block marked "ocr": true, pictures counted from 1 in the document."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    check_package(path)
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise ParseError(f"corrupt: not a readable Word document ({err})") from None
    headings: list[str] = []
    paragraph = section = table_count = image_count = 0
    images = ocr.ImageTexts(reader)
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            table_count += 1
            rows = [row_text(_cells(row)) for row in item.rows]
            where = {**_where(headings, paragraph), "table": table_count}
            yield from table_blocks(rows, where, ("table", table_count), numbered=True)
            continue
        paragraph += 1
        level = _heading_level(item)
        text = item.text.strip()
        if level and text:
            del headings[level - 1 :]
            headings.extend([""] * (level - 1 - len(headings)))
            headings.append(text)
            section += 1
        elif text:  # the heading path heads every chunk of its section instead
            where = _where(headings, paragraph)
            header = where.get("heading")
            yield Block(text, where, section=("section", section), header=header)
        blobs = list(_pictures(document, item))
        yield from _picture_blocks(blobs, _where(headings, paragraph), image_count, images)
        image_count += len(blobs)


def _picture_blocks(
    blobs: list[bytes], where: Location, before: int, images: ocr.ImageTexts
) -> Iterator[Block]:
    """One block per picture with text, at its paragraph's location plus its number in the
    document (before: the pictures ahead of these) and "ocr": true."""
    for number, blob in enumerate(blobs, start=before + 1):
        text = images.text(blob)
        if text:
            location = {**where, "image": number, "ocr": True}
            yield Block(text, location, section=("image", number), header=where.get("heading"))


def _pictures(document: Any, paragraph: Any) -> Iterator[bytes]:
    """The bytes of the pictures in the paragraph's runs, in order (a linked picture, whose
    file is elsewhere, has none)."""
    for rid in paragraph._p.xpath(_BLIPS):
        part = document.part.related_parts.get(rid)
        if part is not None:
            yield bytes(part.blob)


def _heading_level(paragraph: Any) -> int:
    style = paragraph.style
    while style is not None:
        match = _HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
        style = style.base_style
    level = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    return int(level[0]) + 1 if level and int(level[0]) < 9 else 0


def _where(headings: list[str], paragraph: int) -> Location:
    location: Location = {}
    path = " > ".join(h for h in headings if h)
    if path:
        location["heading"] = path
    location["paragraph"] = max(paragraph, 1)
    return location


def _cells(row: Any) -> Iterator[str]:
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
            continue
        seen.add(id(cell._tc))
        yield cell.text
