"""Text clean-up shared by the parsers: re-joining wrapped lines and splitting sentences."""

from __future__ import annotations

import re

from ingest.cjk import HAN, is_cjk

_HYPHENS = "-\u2010\u2011\u00ad\u0002"
_SENTENCE_END = re.compile(
    r"(?<=[。！？；!?])[\"'”’）)]*\s*"  # CJK and !/? end a sentence even without a space
    rf"|(?<=[.])[\"'”’)]*\s+(?=[A-Z0-9\"'“‘({HAN}])"  # a period needs a space after it
    r"|\n\s*\n"  # a paragraph break always ends one
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def join_lines(lines: list[str]) -> str:
    """Re-join lines broken by wrapping into paragraphs; blank lines separate paragraphs.

    A word hyphenated at the end of a line comes back whole, as does a number wrapped at a
    thousands separator; CJK text joins without a space, other text with one.
    """
    paragraphs: list[str] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        current = _join_pair(current, line) if current else line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _join_pair(left: str, right: str) -> str:
    if left[-1] in _HYPHENS and len(left) > 1 and left[-2].isalpha() and right[0].islower():
        return left[:-1] + right
    if left[-1] == "," and len(left) > 1 and left[-2].isdigit() and re.match(r"\d{3}\b", right):
        return left + right
    if left[-1] == "-" and len(left) > 1 and left[-2].isdigit() and right[0].isdigit():
        return left + right  # 2023-0379, ISBN 978-3-16-...
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right
    return left + " " + right


def clean(text: str) -> str:
    """Drop control characters some extractors emit; normalise line ends and spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return _CONTROL.sub("", text)


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences (Chinese 。！？； and English .!?), keeping every character.

    Joining the result gives back the text, so a location's text stays exact.
    """
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > start and text[start:end].strip():
            pieces.append(text[start:end])
            start = end
    if text[start:].strip():
        pieces.append(text[start:])
    elif pieces:
        pieces[-1] += text[start:]
    return pieces


def ends_sentence(text: str) -> bool:
    """True when text ends with sentence-final punctuation (closing quotes allowed)."""
    stripped = text.rstrip().rstrip("\"'”’)）」』")
    return bool(stripped) and stripped[-1] in "。！？；.!?:：…"
