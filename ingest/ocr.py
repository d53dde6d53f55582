"""OCR of page images and of the pictures inside Office files: RapidOCR (PP-OCRv4 Chinese +
English, its models inside the wheel, so no download) loaded on first use, and its text lines
put back in reading order."""

from __future__ import annotations

import hashlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ingest.text import clean, join_lines

# (page number, its position among the pages this file needs read, how many those are)
PageCallback = Callable[[int, int, int], None]
MIN_SCORE = 0.6  # recognition confidence under which a line is more likely noise than text
_FIGURE = set("0123456789.,")
MIN_CHARACTERS = 3  # fewer letters and digits on a page is a speck read as a glyph, not text


@dataclass(frozen=True)
class Line:
    """One line of text the OCR found, its box in pixels (left, top, right, bottom)."""

    text: str
    box: tuple[float, float, float, float]
    score: float

    @property
    def height(self) -> float:
        """The box's height in pixels."""
        return self.box[3] - self.box[1]


class Ocr:
    """An OCR engine, loaded on the first image it reads (about a second) and kept after that:
    a worker process makes one and hands it to every file it parses."""

    def __init__(self, threads: int = 2, min_score: float = MIN_SCORE) -> None:
        self.threads = max(1, threads)
        self.min_score = min_score
        self._engine: Any = None

    @property
    def loaded(self) -> bool:
        """True once the models are in memory."""
        return self._engine is not None

    def read(self, image: Any) -> list[Line]:
        """The text lines in an image (a numpy array, RGB or grey), in reading order."""
        import numpy as np

        raw, _ = self._load()(image, return_word_box=True)
        grey = image.mean(axis=2) if image.ndim == 3 else np.asarray(image)
        lines = [_line(item, grey) for item in raw or []]
        return reading_order([line for line in lines if line.score >= self.min_score])

    def _load(self) -> Any:
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR

            # Threads set explicitly: ONNX Runtime's default (every core, per session) fights
            # the other parsing workers for the same cores.
            # No angle classifier: PDFium renders pages upright, and the classifier turned whole
            # lines of a slightly tilted scan upside down (read as "n"), losing them.
            self._engine = RapidOCR(
                intra_op_num_threads=self.threads,
                inter_op_num_threads=1,
                use_cls=False,
                print_verbose=False,
            )
        return self._engine


def _line(item: list[Any], grey: Any) -> Line:
    """A RapidOCR result (box points, text, score, each character's box, the characters)."""
    points, text, score = item[0], str(item[1]), float(item[2])
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    box = (min(xs), min(ys), max(xs), max(ys))
    if len(item) >= 5 and len(item[3]) == len(item[4]) and box[2] - box[0] > box[3] - box[1]:
        centres = [sum(p[0] for p in char_box) / len(char_box) for char_box in item[3]]
        text = respace([str(c) for c in item[4]], centres, blank_runs(grey, box))
    return Line(text.strip(), box, score)


def blank_runs(grey: Any, box: tuple[float, float, float, float]) -> list[float]:
    """The middles (x, in pixels) of the ink-free column runs inside a line's box at least a
    fifth of its height wide: the spaces between words as printed."""
    left, top, right, bottom = (max(0, round(v)) for v in box)
    crop = grey[top:bottom, left:right]
    if crop.size == 0:
        return []
    blank = ~(crop < min(float(crop.mean()) * 0.75, 160.0)).any(axis=0)
    runs, start, wide = [], None, 0.2 * (bottom - top)
    for x, free in enumerate([*blank.tolist(), False]):
        if free and start is None:
            start = x
        elif not free and start is not None:
            if x - start >= wide:
                runs.append(left + (start + x) / 2)
            start = None
    return runs


def respace(chars: list[str], centres: list[float], gaps: list[float]) -> str:
    """The characters with a space put back wherever a blank run lies between two of them and
    the model left it out (PP-OCRv4's Chinese-English model drops many spaces of English);
    never inside Chinese or a figure (1,234.5), whose narrow glyphs stand apart anyway."""
    out = chars[0] if chars else ""
    for i in range(1, len(chars)):
        before, here = chars[i - 1], chars[i]
        latin = before.isascii() and here.isascii() and " " not in (before, here)
        digits = before in _FIGURE and here in _FIGURE
        if latin and not digits and any(centres[i - 1] < gap < centres[i] for gap in gaps):
            out += " "
        out += here
    return out


def reading_order(lines: list[Line]) -> list[Line]:
    """Lines top to bottom, and left to right within a row (boxes that overlap vertically by
    more than half the lower one's height are one row)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda item: (item.box[1] + item.box[3]) / 2):
        row = rows[-1] if rows else None
        if row is not None and _same_row(row, line):
            row.append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda item: item.box[0])]


def _same_row(row: list[Line], line: Line) -> bool:
    top = max(item.box[1] for item in row)
    bottom = min(item.box[3] for item in row)
    overlap = min(bottom, line.box[3]) - max(top, line.box[1])
    return overlap > 0.5 * min(line.height, min(item.height for item in row))


def page_text(lines: list[Line]) -> str:
    """The text of one page's lines (already in reading order): a row's pieces joined by a
    space; a gap between rows clearly wider than the page's usual one starts a paragraph;
    wrapped lines re-joined as a text layer's are. Empty when too few letters or digits."""
    if sum(ch.isalnum() for line in lines for ch in line.text) < MIN_CHARACTERS:
        return ""
    rows = _rows(lines)
    tops = [min(line.box[1] for line in row) for row in rows]
    bottoms = [max(line.box[3] for line in row) for row in rows]
    gaps = [top - bottom for top, bottom in zip(tops[1:], bottoms, strict=False)]
    height = statistics.median(b - t for t, b in zip(tops, bottoms, strict=True))
    usual = sorted(gaps)[len(gaps) // 4] if gaps else 0.0  # the line spacing, not paragraphs
    out = [" ".join(line.text for line in rows[0] if line.text)]
    for gap, row in zip(gaps, rows[1:], strict=True):
        if gap > max(usual, 0.0) + 0.5 * height:
            out.append("")
        out.append(" ".join(line.text for line in row if line.text))
    return clean(join_lines(out))


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in lines:
        if rows and _same_row(rows[-1], line) and line.box[0] >= rows[-1][-1].box[0]:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


# Pictures embedded in Word and PowerPoint files. Smaller than 64 x 64 px, thinner than a line
# of print or under 4 KB is an icon, a bullet or a rule; a file's OCR stops after MAX_IMAGES
# pictures or IMAGE_BUDGET_S (well inside Limits.timeout_s: these parsers send no progress
# that would restart its clock).
MIN_IMAGE_PIXELS = 64 * 64
MIN_IMAGE_SIDE_PX = 12
MIN_IMAGE_BYTES = 4 * 1024
MAX_IMAGES = 200
IMAGE_BUDGET_S = 120.0
MAX_IMAGE_PIXELS = 40_000_000  # Pillow's own bomb limit is near 89 M; a slide never needs this


class ImageTexts:
    """The text in one file's pictures, each distinct picture (by sha1 of its bytes) read once:
    a logo repeated on every slide gives its text the first time only. OCR that cannot load
    (rapidocr missing) leaves the file's pictures unread and the file indexed as before."""

    def __init__(
        self,
        reader: Ocr | None = None,
        max_images: int = MAX_IMAGES,
        budget_s: float = IMAGE_BUDGET_S,
    ) -> None:
        self.reader = reader or Ocr()
        self.max_images, self.budget_s = max_images, budget_s
        self.read = 0  # pictures OCRed so far
        self.seconds = 0.0
        self._seen: set[str] = set()
        self._available = True

    def text(self, blob: bytes) -> str:
        """The picture's text; "" for one too small, seen before, undecodable or over the cap."""
        if len(blob) < MIN_IMAGE_BYTES or not self._available:
            return ""
        digest = hashlib.sha1(blob).hexdigest()
        if digest in self._seen:
            return ""
        self._seen.add(digest)
        if self.read >= self.max_images or self.seconds >= self.budget_s:
            return ""
        image = picture(blob)
        if image is None:
            return ""
        started = time.monotonic()
        try:
            lines = self.reader.read(image)
        except ImportError:
            self._available = False
            return ""
        except Exception:  # a picture RapidOCR cannot read costs its own text, not the file's
            return ""
        finally:
            self.read += 1
            self.seconds += time.monotonic() - started
        return page_text(lines)


def picture(blob: bytes) -> Any:
    """The picture as a grey numpy array, no longer than 2000 px on its long side (RapidOCR's
    own limit); None when it is too small, too large or in a format Pillow cannot read (EMF)."""
    import io
    import warnings

    import numpy as np
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # refused below
            opened = Image.open(io.BytesIO(blob))
        with opened:
            width, height = opened.size
            if not MIN_IMAGE_PIXELS <= width * height <= MAX_IMAGE_PIXELS:
                return None
            if min(width, height) < MIN_IMAGE_SIDE_PX:
                return None
            image = opened.convert("RGBA")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    flat = Image.new("RGBA", image.size, "white")  # transparent pixels read as paper, not ink
    flat.alpha_composite(image)
    grey = flat.convert("L")
    if max(grey.size) > 2000:
        grey.thumbnail((2000, 2000))
    return np.asarray(grey)
