"""PowerPoint: per slide the title, body text, tables, the text of its pictures (read by OCR,
marked) and speaker notes (notes marked)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest import ocr
from ingest.blocks import Block
from ingest.errors import ParseError
from ingest.parsers.package import check_package
from ingest.parsers.tables import row_text, table_blocks


def parse(path: Path, reader: ocr.Ocr | None = None) -> Iterator[Block]:
    """Yield the slide's text, then each of its tables, then its pictures' text, then its notes,
    slide by slide. Pictures are read by OCR (reader, loaded only if a picture needs it)."""
    import pptx
    from pptx.exc import PackageNotFoundError

    check_package(path)
    try:
        presentation = pptx.Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as err:
        raise ParseError(f"corrupt: not a readable PowerPoint file ({err})") from None
    images = ocr.ImageTexts(reader)
    for number, slide in enumerate(presentation.slides, start=1):
        yield from _slide_blocks(slide, number, images)


def _slide_blocks(slide: Any, number: int, images: ocr.ImageTexts) -> Iterator[Block]:
    from pptx.shapes.picture import Picture  # a filled picture placeholder is one too

    texts: list[str] = []
    tables: list[list[str]] = []
    pictures: list[Any] = []
    title = slide.shapes.title
    if title is not None and title.has_text_frame and title.text_frame.text.strip():
        texts.append(title.text_frame.text.strip())
    for shape in _shapes(slide.shapes):
        if title is not None and shape.shape_id == title.shape_id:
            continue
        if isinstance(shape, Picture):
            pictures.append(shape)
        elif getattr(shape, "has_table", False) and shape.has_table:
            tables.append([row_text(cell.text for cell in row.cells) for row in shape.table.rows])
        elif getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            text = "\n".join(p.text.strip() for p in shape.text_frame.paragraphs if p.text.strip())
            if text:
                texts.append(text)
    if texts:
        yield Block("\n".join(texts), {"slide": number}, section=("slide", number))
    for index, rows in enumerate(tables, start=1):
        yield from table_blocks(rows, {"slide": number}, ("slide-table", number, index))
    yield from _picture_blocks(pictures, number, images)
    notes = _notes(slide)
    if notes:
        location = {"slide": number, "notes": True}
        yield Block(notes, location, section=("notes", number))


def _shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        if hasattr(shape, "shapes"):  # a group: its members in order
            yield from _shapes(shape.shapes)
        else:
            yield shape


def _picture_blocks(pictures: list[Any], number: int, images: ocr.ImageTexts) -> Iterator[Block]:
    """The text OCR reads in the slide's pictures, each its own block (image counts from 1
    among the slide's pictures, the skipped ones included)."""
    for index, shape in enumerate(pictures, start=1):
        text = images.text(_blob(shape))
        if text:
            location = {"slide": number, "image": index, "ocr": True}
            yield Block(text, location, section=("slide-image", number, index))


def _blob(picture: Any) -> bytes:
    """The picture's bytes; none for a linked picture whose file is elsewhere."""
    try:
        return bytes(picture.image.blob)
    except (KeyError, ValueError, AttributeError):
        return b""


def _notes(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return frame.text.strip() if frame is not None else ""
