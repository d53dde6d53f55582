"""PDF: text per page (pages count from 1), wrapped lines re-joined; pypdfium2 with pypdf as
the fallback (bench/RESULTS.md has the side-by-side measurement behind that order)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from ingest.blocks import Block
from ingest.errors import ParseError
from ingest.text import clean, join_lines

_LINES = re.compile(r"\r\n|\r|\n")
# PDFium joins a word hyphenated at a line end and marks the join with U+FFFE; between two
# lower-case letters it is a wrap (manage-ment), elsewhere keep a real hyphen (FAA-approved).
_WRAP_HYPHEN = re.compile(r"(?<=[a-z])\ufffe(?=[a-z])")


def parse(path: Path) -> Iterator[Block]:
    """Yield one Block per page with text; fail on encryption, corruption or no text layer."""
    pages = _pages_pdfium(path)
    if pages is None or not any(p.strip() for p in pages if p):
        fallback = _pages_pypdf(path)
        pages = fallback if fallback is not None else pages
    elif None in pages:  # PDFium lost characters on some pages: read those with pypdf
        fallback = _pages_pypdf(path) or []
        pages = [
            p if p is not None or i >= len(fallback) else fallback[i] for i, p in enumerate(pages)
        ]
    if pages is None:
        raise ParseError("corrupt or truncated PDF: neither PDF reader could open it")
    texts = [p or "" for p in pages]
    if not any(t.strip() for t in texts):
        pages_word = "page" if len(texts) == 1 else "pages"
        raise ParseError(f"no text layer — scanned? ({len(texts)} {pages_word} without text)")
    for number, text in enumerate(texts, start=1):
        if text.strip():
            yield Block(text, {"page": number}, section=("page", number), flow=True)


def page_text(raw: str) -> str:
    """One page's extracted text with its wrapped lines re-joined into paragraphs."""
    raw = _WRAP_HYPHEN.sub("", raw).replace("\ufffe", "-")
    return clean(join_lines(_LINES.split(raw)))


def _pages_pdfium(path: Path) -> list[str | None] | None:
    """Page texts, None for a page whose characters PDFium could not map (fewer characters
    than text objects: a font without a usable encoding), None for an unreadable file."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise ParseError("encrypted: needs a password") from None
        return None
    try:
        return [_pdfium_page(document, i) for i in range(len(document))]
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()


def _pdfium_page(document: object, index: int) -> str | None:
    import pypdfium2.raw as pdfium_c

    page = document[index]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        chars = textpage.count_chars()
        objects = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]))
        if chars < objects:
            return None
        return page_text(textpage.get_text_range())
    finally:
        textpage.close()
        page.close()


def _pages_pypdf(path: Path) -> list[str | None] | None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not our errors
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("encrypted: needs a password")
        return [page_text(page.extract_text() or "") for page in reader.pages]
    except ParseError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError):
        return None
