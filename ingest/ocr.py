"""OCR of page images: RapidOCR (PP-OCRv4 Chinese + English, its models inside the wheel, so no
download) loaded on first use, and its text lines put back in reading order."""

from __future__ import annotations

import statistics
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
