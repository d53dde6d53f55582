"""PDF: text per page (pages count from 1), wrapped lines re-joined and tables kept row by
row under their headers (ingest/layout.py); pypdfium2 with pypdf as
the fallback (bench/RESULTS.md has the side-by-side measurement behind that order). A page
without a usable text layer (a scan) is rendered and read by OCR."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest import ocr
from ingest.blocks import Block
from ingest.errors import ParseError
from ingest.layout import page_blocks
from ingest.text import clean, join_lines

_LINES = re.compile(r"\r\n|\r|\n")
# PDFium joins a word hyphenated at a line end and marks the join with U+FFFE; between two
# lower-case letters it is a wrap (manage-ment), elsewhere keep a real hyphen (FAA-approved).
_WRAP_HYPHEN = re.compile(r"(?<=[a-z])\ufffe(?=[a-z])")
# A page with fewer letters and digits than this, mostly covered by images, is a scan with a
# stamp or a page number on it (or a scanner's partial text layer): it is read by OCR.
FEW_CHARACTERS = 32
IMAGE_COVERED = 0.5
# 200 dpi reads 8-point print; RapidOCR shrinks anything over 2000 px on its long side anyway.
OCR_DPI = 200
OCR_MAX_SIDE_PX = 2000
# pypdf's own bound on a page tree (a few kilobytes of PDF can list the same page millions of
# times); a real document is nowhere near it, and past it a parse is a timeout waiting to happen
MAX_PAGES = 100_000


@dataclass(frozen=True)
class PageContent:
    """What PDFium saw on a page: its text (None when characters could not be mapped: a font
    without a usable encoding), how much of it images cover, whether anything is drawn."""

    text: str | None
    image_cover: float = 0.0
    drawn: bool = False


def parse(
    path: Path,
    reader: ocr.Ocr | None = None,
    on_ocr_page: ocr.PageCallback = lambda page, done, total: None,
    on_page: Callable[[int, int], None] = lambda done, total: None,
) -> Iterator[Block]:
    """Yield one Block per page with text; fail on encryption, corruption or no text at all.

    A page without a usable text layer is read by OCR (reader, loaded only if a page needs
    it; a worker passes its own so the models load once per process), its location marked
    "ocr": true; on_ocr_page(page, i, n) is called before the i-th of n such pages is read,
    on_page(i, n) after PDFium read the i-th of the n pages (progress for a long filing).
    """
    seen = _pages_pdfium(path, on_page)
    pages = [p.text for p in seen] if seen is not None else None
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
    scans = [i for i, t in enumerate(texts) if seen is not None and needs_ocr(t, seen[i])]
    read = _read_pages(path, scans, reader or ocr.Ocr(), on_ocr_page) if scans else {}
    if not any(t.strip() for t in texts) and not any(read.values()):
        pages_word = "page" if len(texts) == 1 else "pages"
        if seen is not None and not any(p.drawn for p in seen):
            raise ParseError(f"blank: nothing is drawn on its {len(texts)} {pages_word}")
        raise ParseError(f"no text layer — scanned? ({len(texts)} {pages_word} without text)")
    for number, text in enumerate(texts, start=1):
        if read.get(number - 1):
            location = {"page": number, "ocr": True}
            yield Block(read[number - 1], location, section=("page", number), flow=True)
        elif text.strip():
            yield from page_blocks(text.split("\n"), number)


def needs_ocr(text: str, page: PageContent) -> bool:
    """No usable text layer: no letter or digit on a page that shows something, or only a few
    on a page mostly covered by images."""
    characters = sum(ch.isalnum() for ch in text)
    if characters == 0:
        return page.drawn
    return characters < FEW_CHARACTERS and page.image_cover >= IMAGE_COVERED


def _read_pages(
    path: Path, indexes: list[int], reader: ocr.Ocr, on_page: ocr.PageCallback
) -> dict[int, str]:
    """OCR text of the pages at these indexes (0-based), rendered by PDFium."""
    import numpy as np
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    texts: dict[int, str] = {}
    try:
        for done, index in enumerate(indexes, start=1):
            on_page(index + 1, done, len(indexes))
            page = document[index]
            try:
                width, height = page.get_size()
                scale = min(OCR_DPI / 72, OCR_MAX_SIDE_PX / max(width, height, 1.0))
                image = page.render(scale=scale, grayscale=True).to_numpy()
            finally:
                page.close()
            texts[index] = ocr.page_text(reader.read(np.ascontiguousarray(image)))
    finally:
        document.close()
    return texts


def page_text(raw: str) -> str:
    """One page's extracted text with its wrapped lines re-joined into paragraphs."""
    return join_lines(page_lines(raw).split("\n"))


def page_lines(raw: str) -> str:
    """One page's extracted text, its lines kept (tables are told from prose by them: see
    ingest/layout.py), words hyphenated at a line end whole again."""
    raw = _WRAP_HYPHEN.sub("", raw).replace("\ufffe", "-")
    return "\n".join(_LINES.split(clean(raw)))


def _pages_pdfium(
    path: Path, on_page: Callable[[int, int], None] = lambda done, total: None
) -> list[PageContent] | None:
    """What PDFium sees on each page, None for a file it cannot read."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        if "password" in str(err).lower():
            raise ParseError("encrypted: needs a password") from None
        return None
    try:
        if len(document) > MAX_PAGES:
            raise ParseError(
                f"too large: {len(document):,} pages, over the {MAX_PAGES:,}-page limit"
            )
        pages = []
        for i in range(len(document)):
            pages.append(_pdfium_page(document, i))
            on_page(i + 1, len(document))
        return pages
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()


def _pdfium_page(document: object, index: int) -> PageContent:
    import pypdfium2.raw as pdfium_c

    page = document[index]  # type: ignore[index]
    textpage = page.get_textpage()
    try:
        objects = list(page.get_objects())
        images = [o for o in objects if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
        texts = sum(1 for o in objects if o.type == pdfium_c.FPDF_PAGEOBJ_TEXT)
        width, height = page.get_size()
        cover = _covered(images, width, height)
        drawn = bool(objects)
        if textpage.count_chars() < texts:
            return PageContent(None, cover, drawn)
        return PageContent(page_lines(textpage.get_text_range()), cover, drawn)
    finally:
        textpage.close()
        page.close()


def _covered(images: list[object], width: float, height: float) -> float:
    """The share of the page the images cover (overlaps counted once per image, at most 1)."""
    area = 0.0
    for image in images:
        left, bottom, right, top = image.get_bounds()  # type: ignore[attr-defined]
        w = max(0.0, min(right, width) - max(left, 0.0))
        h = max(0.0, min(top, height) - max(bottom, 0.0))
        area += w * h
    return min(1.0, area / max(width * height, 1.0))


def _pages_pypdf(path: Path) -> list[str | None] | None:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not our errors
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("encrypted: needs a password")
        return [page_lines(page.extract_text() or "") for page in reader.pages]
    except ParseError:
        raise
    except LimitReachedError as err:  # a page tree nested or repeated past pypdf's bounds
        raise ParseError(f"refused: past a safety limit of the PDF reader ({err})") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError):
        return None
