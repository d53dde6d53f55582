"""Finding a passage's words in a file's own text, whatever its spacing, wrapping and
hyphenation: what the viewers highlight."""

from __future__ import annotations

import re
import unicodedata
from difflib import Match, SequenceMatcher

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|(?<=[。！？；])")
_MIN_BLOCK = 6  # characters of a partial match that count as the same words, not chance
_MIN_SHARE = 0.3  # of the sought text that a page must hold to be highlighted at all


def _key(text: str) -> tuple[str, list[int]]:
    """The letters and digits of text, case-folded (ligatures and full-width forms
    unfolded), with the index in text of each: spaces, line ends, hyphens and punctuation
    differ between a chunk and the PDF it was read from, the words do not."""
    letters: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if folded.isalnum():
                letters.append(folded)
                where.append(index)
    return "".join(letters), where


def opening(text: str, chars: int = 100, limit: int = 400) -> str:
    """The first sentences of text: at least chars characters of them when it has that
    many, at most limit."""
    taken = ""
    for sentence in _SENTENCE_END.split(text.strip()):
        taken += sentence + " "
        if len(taken) >= chars:
            break
    return taken.strip()[:limit]


def locate(text: str, sought: str) -> tuple[list[tuple[int, int]], float]:
    """Where sought is in text, as (start, end) spans of text, and the share of sought
    found there (1.0: all of it, in one place; 0.0 and no spans: not there)."""
    hay, where = _key(text)
    needle, _ = _key(sought)
    if not needle or not hay:
        return [], 0.0
    start = hay.find(needle)
    if start >= 0:
        end = where[start + len(needle) - 1] + 1
        closing = sought.rstrip()[-1:]
        if not closing.isalnum() and text[end : end + 1] == closing:
            end += 1  # the full stop that ends the sentence sought
        return [(where[start], end)], 1.0
    matcher = SequenceMatcher(None, hay, needle, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= _MIN_BLOCK]
    cluster = max(_clusters(blocks), key=lambda c: sum(b.size for b in c), default=[])
    share = sum(b.size for b in cluster) / len(needle)
    if share < _MIN_SHARE:
        return [], 0.0
    spans = [(where[b.a], where[b.a + b.size - 1] + 1) for b in cluster]
    return _merged(spans, text), share


def _clusters(blocks: list[Match]) -> list[list[Match]]:
    """Matching blocks grouped into runs that lie together in the text: a block far from
    the previous one (more text between them than between their places in the sought
    text, plus a line or so) is the same few words elsewhere on the page."""
    clusters: list[list[Match]] = []
    for block in blocks:
        if clusters:
            last = clusters[-1][-1]
            gap_text = block.a - (last.a + last.size)
            gap_sought = block.b - (last.b + last.size)
            if gap_text <= max(0, gap_sought) + 40:
                clusters[-1].append(block)
                continue
        clusters.append([block])
    return clusters


def _merged(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Neighbouring spans joined when only a few characters lie between them (a word the
    chunk spelled differently should not leave a hole in the highlight)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] <= 24:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
